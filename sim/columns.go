package sim

import (
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

// The ledger's own columns. A model registers them where they belong in its
// metrics.csv, with the measurement that fills them from the ledger.

// SupplyCols are the handles of the supply columns.
type SupplyCols struct {
	Issued, Expired, Burned, Supply, Circulating, Savings, GrantTokens Col
}

// RegisterSupply registers the token supply columns of l: cumulative issued, expired
// and burned, the supply, what is in circulation and in savings, and live grant lots.
func RegisterSupply(r *Registry, l *ledger.Ledger) SupplyCols {
	c := SupplyCols{
		Issued:      r.Amount("issued", "tokens issued (cumulative)"),
		Expired:     r.Amount("expired", "grant tokens expired unspent (cumulative)"),
		Burned:      r.Amount("burned", "tokens burned (cumulative)"),
		Supply:      r.Amount("supply", "issued - expired - burned"),
		Circulating: r.Amount("circulating", "supply not in savings"),
		Savings:     r.Amount("savings", "tokens in savings"),
		GrantTokens: r.Amount("grant_tokens", "live grant lots"),
	}
	r.Measure(func(m *Metrics) {
		supply := l.Supply()
		t := l.Sum()
		m.Set(c.Issued, l.Issued())
		m.Set(c.Expired, l.Expired())
		m.Set(c.Burned, l.Burned())
		m.Set(c.Supply, supply)
		m.Set(c.Circulating, supply-t.Savings)
		m.Set(c.Savings, t.Savings)
		m.Set(c.GrantTokens, t.Grant)
	})
	return c
}

// RegisterRules registers the counts of transfers l rejected: under any operating
// rule, under each of rules 1-3, and for insufficient funds (all cumulative).
func RegisterRules(r *Registry, l *ledger.Ledger) {
	all := r.Count("rule_violations", "transfers rejected under an operating rule (cumulative)")
	var each [3]Col
	docs := [3]string{
		"rejected: not a registered co-op or member (cumulative)",
		"rejected: no co-op provenance (cumulative)",
		"rejected: conversion to outside currency (cumulative)",
	}
	rules := [3]ledger.Rule{ledger.RuleMembersOnly, ledger.RuleProvenance, ledger.RuleNoConversion}
	for k, rule := range rules {
		each[k] = r.Count(fmt.Sprintf("rule%d_rejections", rule), docs[k])
	}
	funds := r.Count("funds_rejections", "rejected: insufficient funds (cumulative)")
	r.Measure(func(m *Metrics) {
		rej := l.Rejections()
		var total int64
		for _, n := range rej {
			total += n
		}
		m.Set(all, total)
		for k, rule := range rules {
			m.Set(each[k], rej[rule])
		}
		m.Set(funds, l.RejectedFunds())
	})
}

// RegisterHoldings registers the Gini coefficient and the 10th, 50th and 90th
// percentiles of the holdings v, measured by d on every tick it is due (Distribution.SetDue;
// rows between repeat the last figures).
func RegisterHoldings(r *Registry, d *Distribution, v Values) {
	gini := r.Ratio("gini", "Gini coefficient of member holdings")
	p10 := r.Ratio("p10", "10th percentile of member holdings, tokens")
	p50 := r.Ratio("p50", "median member holdings, tokens")
	p90 := r.Ratio("p90", "90th percentile of member holdings, tokens")
	r.Measure(func(m *Metrics) {
		g, a, b, c := d.Measure(v)
		m.SetFloat(gini, g)
		m.SetFloat(p10, a)
		m.SetFloat(p50, b)
		m.SetFloat(p90, c)
	})
}

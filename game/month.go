package game

import (
	"math"
	"math/rand/v2"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// monthEnd is what a month's end brought, for the lessons.
type monthEnd struct {
	grants, funding, expired, used ledger.Amount
	obligationMet, obligationLost  bool
	failed                         bool
	qualified                      int // apprentices who finished
}

// endMonth closes month for the co-op: grant tokens by the scenario's issuance rules,
// expiry, the Foundation's programmes, obligations and whether the co-op can go on.
func (c *coop) endMonth(month int, d *Decisions, is *issuance.Issuer, cfg agents.Config, env issuance.Env, p *Period) (monthEnd, error) {
	var ev monthEnd
	l := c.books.l
	// Apprentices: the Foundation pays their apprenticeship through the co-op.
	apprPay := cfg.Foundation.Stipend(ledger.Tokens(c.sector.Wage))
	for i := range c.appr {
		if err := c.books.earn(c.books.fund, apprPay, ledger.TxProgramme); err != nil {
			return ev, err
		}
		p.Funding += apprPay
		ev.funding += apprPay
		p.Wages += c.books.pay(c.books.workers, apprPay, ledger.TxWage)
		c.appr[i]--
	}
	kept := c.appr[:0]
	for _, m := range c.appr {
		if m > 0 {
			kept = append(kept, m)
		} else {
			c.workers++ // a qualified apprentice joins as a worker
			ev.qualified++
		}
	}
	c.appr = kept

	// Grant tokens for what was on offer, re-projected from actual sales, issued and
	// split with the Foundation by the engine's rule. The game closes month m at its
	// end, where the engine closes it at the start of month m+1: the grant for month
	// m's offers takes month m's Foundation share (as the engine's does) and expires as
	// one issued in month m+1, so that it can be spent for the scenario's
	// grant_expiry_months from its issue, as the engine's can.
	if !c.est {
		c.lines.Add(ledger.Scale(c.monthOffered, cfg.Coops.Estimate))
		c.est = true
	}
	if cfg.Issuance.Formula != "none" {
		out := []ledger.Amount{0}
		env.TotalOffered += c.monthOffered
		if _, err := is.Grants(&c.lines, []ledger.Amount{c.monthOffered}, []bool{true}, env, out); err != nil {
			return ev, err
		}
		toCoop, _, err := agents.IssueGrant(l, c.books.coop, c.books.fund, out[0], is.FoundationShare(month), is.Expiry(month+1), 0)
		if err != nil {
			return ev, err
		}
		ev.grants = toCoop
		p.Grants += toCoop
	}
	c.lines.RecordSales(0, c.monthSales)

	// Grant use: capacity or innovation bought from other co-ops with this month's
	// grant, leaving room for the levy on it.
	if d.GrantUse == "capacity" || d.GrantUse == "innovation" {
		spent, levy := c.spend(min(ev.grants, l.Grant(c.books.coop)), c.from.other)
		ev.used = spent
		p.Other += spent
		p.Levy += levy
		gain := ledger.Float(spent) / (30 * math.Max(c.sector.Wage, 1))
		if d.GrantUse == "capacity" {
			c.prodGain = math.Min(c.prodGain+gain, 0.6)
		} else {
			c.quality = math.Min(c.quality+gain, 1)
		}
	}

	// Foundation start-up investment: value to offer by a month. The game's month is
	// the month closed, as the engine's Settle takes it.
	switch met, missed := c.obl.Settle(c.monthOffered, month); {
	case met:
		ev.obligationMet = true
	case missed:
		ev.obligationLost = true
	}
	if c.loanN > 0 {
		c.loanN--
	}

	// Unspent grant lots whose time is up expire (the engine expires month m's lots at
	// the start of month m+1).
	l.SetTime(month, month)
	ev.expired = l.Expire(month)
	p.Expired += ev.expired

	c.short = agents.MonthsUnpaid(c.short, c.monthShort)
	if cfg.Coops.Fails(c.short) {
		c.failed, ev.failed = true, true
	}
	c.monthOffered, c.monthSales, c.monthShort = 0, 0, false
	kept2 := c.mods[:0]
	for _, m := range c.mods {
		if m.until > month {
			kept2 = append(kept2, m)
		}
	}
	c.mods = kept2
	c.record(p)
	return ev, l.CheckConservation()
}

// poisson draws a Poisson variate with mean lambda: Knuth's method for small means, a
// rounded normal approximation above 30.
func poisson(r *rand.Rand, lambda float64) int64 {
	switch {
	case lambda <= 0 || math.IsNaN(lambda):
		return 0
	case lambda > 30:
		return max(int64(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())), 0)
	}
	limit, k, p := math.Exp(-lambda), int64(0), r.Float64()
	for p > limit {
		k++
		p *= r.Float64()
	}
	return k
}

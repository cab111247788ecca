package agents

import (
	"fmt"

	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// Issuance wiring (MODEL §3): the month's grants by the scenario's formula, split with
// the Foundation as expiring grant lots, and the counterfactual giveaway.

// issue creates the month's grant tokens: per offer line by the grant formula, times
// the release factor, split between the co-op (1-f) and the Foundation (f), as grant
// lots that expire after the scenario's months.
func (e *Economy) issue(month int) error {
	var total ledger.Amount
	for c := range e.c.acct {
		e.offeredScratch[c] = e.grantBasis(c, e.monthlyOffered(c))
		total += e.offeredScratch[c]
		if e.lines.Months[c] == 0 && e.lines.Estimate[c] < 0 {
			e.lines.Estimate[c] = ledger.Scale(e.offeredScratch[c], e.cfg.Coops.Estimate)
		}
	}
	e.monthOffered = total
	if e.cfg.Issuance.Formula == "none" {
		return nil
	}
	granted, err := e.issuer.Grants(&e.lines, e.offeredScratch, e.grantable(), e.IssuanceEnv(month), e.grantsOut)
	if err != nil {
		return err
	}
	e.grantedThisMonth = granted
	f := e.issuer.FoundationShare(month)
	expiry := e.issuer.Expiry(month)
	for c, g := range e.grantsOut {
		e.c.grant[c] = 0
		if e.advancing() {
			// a credit line: the co-op is advanced up to its projection, less what it
			// still owes
			g = max(0, g-e.c.advance[c])
		}
		if g <= 0 {
			continue
		}
		toCoop, toF, err := IssueGrant(e.ledger, e.c.acct[c], e.foundation, g, f, expiry, int64(c))
		if err != nil {
			return err
		}
		e.c.grant[c] = toCoop
		if e.advancing() {
			e.c.advance[c] += toCoop + toF // the co-op owes the whole advance, the Foundation's share too
		}
		e.foundIncome += toF
	}
	return nil
}

// advancing reports whether grants are advances repaid from receipts
// (monthly_projection read as advance).
func (e *Economy) advancing() bool {
	return e.cfg.Issuance.Formula == "monthly_projection" && e.cfg.Issuance.ProjectionReading == "advance"
}

// repayAdvance has co-op c repay what it owes of its advances from the month's
// receipts, as far as its balance allows: the repaid tokens are burned, and what it
// cannot repay it still owes (and is not advanced again).
func (e *Economy) repayAdvance(c int, sales ledger.Amount) {
	repay := min(e.c.advance[c], sales, e.ledger.Balance(e.c.acct[c]))
	e.c.advance[c] -= max(repay, 0)
	if repay <= 0 {
		return
	}
	if err := e.ledger.Burn(e.c.acct[c], repay, int64(c)); err != nil {
		panic(fmt.Sprintf("agents: co-op %d repaying its advance: %v", c, err)) // within its balance: cannot fail
	}
	e.advanceRepaid += repay
}

// grantBasis returns the value grants are reckoned on for an amount v of co-op c's
// offer or sales at today's prices: v itself (basis nominal), or v at the sector's
// base price (basis real), so that a price rise is not counted as new goods.
func (e *Economy) grantBasis(c int, v ledger.Amount) ledger.Amount {
	if e.cfg.Issuance.Basis != "real" {
		return v
	}
	p := e.platform
	price := p.Price[c]
	if price <= 0 {
		return v
	}
	return ledger.Trunc(float64(v) * float64(p.BasePrice[p.Sector[c]]) / float64(price))
}

// investmentRoom returns how much investment issuance the growth caps leave this month
// (MODEL §3: the caps bound all issuance, investment too): none past the offered-value
// ceiling, and what the month's grants left of the monthly cap.
func (e *Economy) investmentRoom() ledger.Amount {
	gc := e.cfg.Issuance.GrowthCap
	if gc.OfferedValue > 0 && ledger.Float(e.monthOffered) > gc.OfferedValue {
		return 0
	}
	if gc.MonthlyIssuance > 0 {
		return max(0, ledger.Tokens(gc.MonthlyIssuance)-e.grantedThisMonth-e.investThisMonth)
	}
	return ledger.MaxSupply
}

func (e *Economy) balanceRatio() float64 {
	if e.monthOffered <= 0 {
		return 0
	}
	t := e.ledger.Sum()
	return float64(t.Ordinary+t.Grant) / float64(e.monthOffered)
}

// giveaway is the counterfactual lump launch: tokens to the first members who ask.
func (e *Economy) giveaway(month int) error {
	g := e.cfg.Giveaway
	if g.Amount <= 0 || month != g.Month {
		return nil
	}
	return e.GiveAway(ledger.Tokens(g.Amount), g.Share)
}

// GiveAway issues total tokens now as gifts, unrelated to offers, shared equally among
// the first share of the active members (at least one): the giveaway of MODEL §10, at
// a moment a facilitator chooses (the scenario's giveaway calls it in its month).
func (e *Economy) GiveAway(total ledger.Amount, share float64) error {
	if total <= 0 || !(share >= 0 && share <= 1) {
		return fmt.Errorf("agents: a giveaway of %s tokens to a share %g of members", ledger.Format(total), share)
	}
	k := min(max(1, int(share*float64(e.m.count))), e.m.count)
	if k == 0 {
		return nil
	}
	each := total / ledger.Amount(k)
	rest := total - each*ledger.Amount(k)
	j := 0
	for i := range e.m.acct {
		if j == k {
			break
		}
		if !e.m.active[i] {
			continue
		}
		a := each
		if ledger.Amount(j) < rest {
			a++
		}
		j++
		if a <= 0 {
			continue
		}
		if err := e.ledger.Issue(e.m.acct[i], a, 0, ledger.TxGift, 0); err != nil {
			return err
		}
	}
	return nil
}

// Giveaway is the counterfactual launch of MODEL §10: a lump of tokens given to the
// first members who ask, unrelated to offers.
type Giveaway struct {
	Amount float64 `yaml:"amount" json:"amount" min:"0" max:"1e12" doc:"tokens given away in all (0: no giveaway)"`
	Share  float64 `yaml:"share" json:"share" min:"0" max:"1" doc:"share of members who get them (the first to ask)"`
	Month  int     `yaml:"month" json:"month" min:"1" max:"100000" doc:"month of the giveaway"`
}

// validateIssuance checks the issuance section's relations.
func validateIssuance(c issuance.Config) error {
	if c.Formula == "expression" && c.Expression == "" {
		return fieldErr("issuance.expression", "the expression formula needs an expression")
	}
	if c.ReleaseFactor.Mode == "savings_adjusted" && c.ReleaseFactor.Min > c.ReleaseFactor.Max {
		return fieldErr("issuance.release_factor.min", "is above release_factor.max")
	}
	if c.Investment.Enabled && c.Investment.ObligationMonths <= 0 {
		return fieldErr("issuance.investment.obligation_months", "must be at least 1")
	}
	return nil
}

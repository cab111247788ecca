package workshop

import (
	"errors"
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// economy runs participants' co-ops inside an *agents.Economy through its methods
// for co-ops run from outside (agents/control.go).
type economy struct{ e *agents.Economy }

func economyCoops(e *agents.Economy) Coops { return economy{e} }

func (x economy) Found(sector, locality, workers int) (int, error) {
	return x.e.Found(sector, locality, workers)
}

func (x economy) SetControlled(c int, on bool) { x.e.SetControlled(c, on) }

// SetPrice sets co-op c's price. The price is bounded (maxPrice), so ledger.Tokens
// of it is at most 1e12 micro-tokens.
func (x economy) SetPrice(c int, price float64) error {
	x.e.SetCoopPrice(c, max(ledger.Tokens(price), 1))
	return nil
}

// SetWage sets co-op c's monthly pay (bounded by maxWage: at most 1e12 micro-tokens).
func (x economy) SetWage(c int, monthly float64) error {
	x.e.SetCoopWage(c, ledger.Tokens(monthly))
	return nil
}

func (x economy) SetTarget(c int, units float64) error {
	x.e.SetCoopTarget(c, units)
	return nil
}

func (x economy) SetGrantUse(c int, use agents.GrantUse) error { return x.e.SetCoopGrantUse(c, use) }

func (x economy) Hire(c, n int) int    { return x.e.Hire(c, n) }
func (x economy) Release(c, n int) int { return x.e.Release(c, n) }
func (x economy) Sectors() []string    { return x.e.Sectors() }
func (x economy) Localities() int      { return x.e.Localities() }

func (x economy) Coop(c int) CoopView {
	s := x.e.CoopStatus(c)
	v := CoopView{Workers: s.Workers, Capacity: s.Capacity, Productivity: s.Productivity, Price: ledger.Float(s.Price), Wage: ledger.Float(s.Wage), Target: s.Target,
		Treasury: ledger.Float(s.Treasury), Grants: ledger.Float(s.GrantTokens), Alive: s.Alive}
	// the status holds last month's trade as value; the view shows units at the price
	if s.Price > 0 {
		p := float64(s.Price)
		v.Offered, v.Sold, v.Demand = float64(s.Offered)/p, float64(s.Sold)/p, float64(s.Ordered)/p
	}
	return v
}

func (x economy) Sector(s, loc int) SectorView {
	v := x.e.SectorView(s, loc)
	return SectorView{Price: ledger.Float(v.Price), Spread: ledger.Float(v.High - v.Low),
		Competitors: v.Offers, InputCost: v.InputShare * ledger.Float(v.Price)}
}

// errNoGiveaway refuses a giveaway in a model that cannot make one.
var errNoGiveaway = errors.New("this scenario's model cannot give tokens away")

// giveAway gives tokens now to the first share of model m's active members
// (*agents.Economy's GiveAway). tokens is at most maxGiveaway (1e18 micro-tokens); a
// giveaway that would take the tokens ever issued past ledger.MaxSupply is refused
// before anything is given, so that a refused giveaway gives nothing (the ledger alone
// would refuse only the member at which the limit is reached).
func giveAway(m sim.Model, tokens, share float64) error {
	e, ok := m.(*agents.Economy)
	if !ok {
		return errNoGiveaway
	}
	total := ledger.Tokens(tokens)
	if left := ledger.MaxSupply - e.Ledger().Issued(); total > left {
		return fmt.Errorf("value: %s tokens would take the tokens issued past the most the ledger holds (%s more may be issued)", ledger.Format(total), ledger.Format(left))
	}
	return e.GiveAway(total, share)
}

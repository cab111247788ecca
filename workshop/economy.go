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

// FundStartup pays co-op c as the Foundation's start-up programme pays a start-up
// (agents' startups: the sector's wage × costs' index × startup_months × founders;
// here the wage as SectorView gives it, already indexed, then scaled, so it may
// differ from the programme's by a micro-token of rounding). The wage is the
// scenario's, months at most 120 and founders at most foundingMax; ledger.Scale
// saturates rather than overflows, and Fund pays at most the Foundation's balance.
func (x economy) FundStartup(c int, months float64, founders int) (float64, error) {
	s := x.e.CoopStatus(c)
	wage := x.e.SectorView(s.Sector, s.Locality).Wage
	paid, err := x.e.Fund(c, ledger.Scale(wage, months*float64(founders)))
	return ledger.Float(paid), err
}

// Buy buys at most tokens (bounded by maxBuy: 1e15 micro-tokens) of seller's goods.
func (x economy) Buy(buyer, seller int, tokens float64) (float64, error) {
	v, err := x.e.Buy(buyer, seller, ledger.Tokens(tokens))
	return ledger.Float(v), err
}

func (x economy) Trading(sector, loc int, skip func(c int) bool) []Offer {
	var out []Offer
	for c := range x.e.Coops() {
		if !x.e.CoopAlive(c) || x.e.CoopSectorIndex(c) != sector || (loc >= 0 && x.e.CoopLocality(c) != loc) || skip(c) {
			continue
		}
		out = append(out, Offer{Coop: c, Price: ledger.Float(x.e.CoopStatus(c).Price)})
	}
	return out
}

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
		Competitors: v.Offers, InputCost: v.InputShare * ledger.Float(v.Price), Wage: ledger.Float(v.Wage)}
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

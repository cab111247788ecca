package agents

import (
	"fmt"
	"math"
	"slices"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The economy as a subsystem's host (sim.Host): what the Co-prosperity IOUs, the DAO
// platform and councils see of the members and co-ops they act on.

var _ sim.Host = (*Economy)(nil)

// Pool returns the pool the parallel phases run on.
func (e *Economy) Pool() *sim.Pool { return e.pool }

// Seed returns the run's seed.
func (e *Economy) Seed() uint64 { return e.seed }

// SectorTechnique returns sector s's spending share (normalised), base price, monthly
// wage and productivity (agents/councils builds its input-output matrix from them).
func (e *Economy) SectorTechnique(s int) (share, basePrice, wage, productivity float64) {
	c := &e.cfg.Sectors[s]
	return e.share[s], c.BasePrice, c.Wage, c.Productivity
}

// SectorInputs returns the number of sectors sector s buys inputs from.
func (e *Economy) SectorInputs(s int) int { return len(e.inputs[s]) }

// SectorInput returns sector s's k-th supplying sector and its coefficient.
func (e *Economy) SectorInput(s, k int) (sector int, coef float64) {
	x := e.inputs[s][k]
	return x.sector, x.coef
}

// CoopSoldOut reports whether co-op c's orders last tick exceeded what it offered.
func (e *Economy) CoopSoldOut(c int) bool {
	return e.platform.Demand[c] > e.platform.Offered(c)
}

// SetCoopPrice sets co-op c's price, as its owners decided, within the platform's
// floor and ceiling.
func (e *Economy) SetCoopPrice(c int, price ledger.Amount) {
	e.platform.SetPrice(c, price)
}

// CoopMonthSales returns the value co-op c sold in the last month that closed.
func (e *Economy) CoopMonthSales(c int) ledger.Amount { return e.c.lastSales[c] }

// SetSectorShares sets the members' spending shares by sector (normalised; they weigh
// the price index too): a plan's consumption.
func (e *Economy) SetSectorShares(shares []float64) error {
	if len(shares) != len(e.share) {
		return fmt.Errorf("agents: %d spending shares for %d sectors", len(shares), len(e.share))
	}
	var total float64
	for s, v := range shares {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("agents: spending share %d is %g", s, v)
		}
		total += v
	}
	if total <= 0 {
		return fmt.Errorf("agents: spending shares add up to %g", total)
	}
	for s, v := range shares {
		e.share[s] = v / total
		e.shareQ[s] = ledger.RateOf(e.share[s])
	}
	return nil
}

// SetCoopTarget sets co-op c's planned output, units a month (0: none): it makes no
// more, and hires towards it at the month's end.
func (e *Economy) SetCoopTarget(c int, units float64) {
	e.c.target[c] = max(units, 0)
}

// SetSectorInput sets sector s's k-th input coefficient (agents/horizon's input-cost
// shocks), refusing one that would take the sector's coefficients to 1 or more
// together (no value left for wages).
func (e *Economy) SetSectorInput(s, k int, coef float64) error {
	if s < 0 || s >= len(e.inputs) || k < 0 || k >= len(e.inputs[s]) {
		return fmt.Errorf("agents: no input %d of sector %d", k, s)
	}
	if !(coef >= 0) || math.IsInf(coef, 0) {
		return fmt.Errorf("agents: input coefficient %g", coef)
	}
	sum := coef
	for j, in := range e.inputs[s] {
		if j != k {
			sum += in.coef
		}
	}
	if sum >= 1 {
		return fmt.Errorf("agents: sector %s's input coefficients would add up to %g; they must stay below 1", e.sectors[s], sum)
	}
	e.inputs[s][k].coef = coef
	return nil
}

// SetSectorProductivity sets sector s's units a worker makes in a month (agents/horizon's
// new techniques): co-ops founded from now on start with it, and capacity above it
// wears out. Co-ops already trading keep theirs (SetCoopProductivity changes them).
func (e *Economy) SetSectorProductivity(s int, units float64) error {
	if s < 0 || s >= len(e.cfg.Sectors) {
		return fmt.Errorf("agents: no sector %d", s)
	}
	if v := units * e.cfg.Sectors[s].BasePrice; !(units > 0) || !(v <= MaxWorkerMonth) {
		return fmt.Errorf("agents: sector %s's productivity %g (base price × productivity must be above 0 and at most %g)", e.sectors[s], units, float64(MaxWorkerMonth))
	}
	// the slice is the scenario's, which other economies may be built from: change a copy
	e.cfg.Sectors = slices.Clone(e.cfg.Sectors)
	e.cfg.Sectors[s].Productivity = units
	return nil
}

// CoopSurplus returns what co-op c would pay out to its members this month above their
// wages, the bonus share of its grant, its buffer and its inputs, were its month's pay
// settled now: payMembers' rule at the start of a month (agents/firms' owners take it).
func (e *Economy) CoopSurplus(c int) ledger.Amount {
	if !e.c.alive[c] {
		return 0
	}
	_, surplus := e.payout(c, max(0, e.ledger.Balance(e.c.acct[c])-e.wageBill(c)))
	return surplus
}

package agents

import (
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Production: each co-op's capacity for the tick and its planned growth.

// produce sets each live co-op's capacity for the tick: workers times productivity,
// held back when it could not buy its inputs. A Foundation start-up makes nothing in
// the month it is founded in (it hires, is listed and pays its founders; startups).
func (e *Economy) produce(sim.Tick) error {
	commons := e.commonsFactor()
	clear(e.c.soldOff)
	for c, alive := range e.c.alive {
		if !alive {
			continue
		}
		if int(e.c.producesFrom[c]) > e.month {
			e.platform.Capacity[c] = 0
			continue
		}
		sub := e.cfg.Coops.InputSubstitution
		held := sub + (1-sub)*e.c.inputFill[c]
		// an apprentice works a third of its time (a third trains, a third develops a
		// start-up: MODEL §5)
		workers := float64(e.c.workers[c]) - 2*float64(e.c.apprentices[c])/3
		capacity := workers * e.c.productivity[c] * e.perTick * held * commons
		if s := e.c.stolen[c]; s > 0 {
			// goods taken by fraud are not there to sell
			capacity = max(0, capacity-float64(s)/float64(max(e.platform.Price[c], 1)))
			e.c.stolen[c] = 0
		}
		if t := e.c.target[c]; t > 0 {
			capacity = min(capacity, t*e.perTick) // the plan's output, no more
		}
		e.platform.Capacity[c] = capacity
		e.c.monthOffered[c] += e.platform.Offered(c)
	}
	return nil
}

// applyGrowth applies the planned capacity changes of founding co-ops for month.
func (e *Economy) applyGrowth(month int) error {
	for c, g := range e.c.growth {
		if r, ok := g[month]; ok && e.c.alive[c] {
			e.c.productivity[c] *= 1 + r
		}
	}
	return nil
}

// monthlyOffered returns co-op c's value on offer over a month.
func (e *Economy) monthlyOffered(c int) ledger.Amount {
	return ledger.Trunc(float64(e.platform.Offered(c)) / e.perTick)
}

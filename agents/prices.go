package agents

import (
	"slices"

	"github.com/copex/copex/sim"
)

// Prices and reputations move on the Exchange Platform after each tick's trade.

// quality rates each co-op as a co-operator for its reputation: 1 when it has paid its
// members in full, falling with each month it could not.
func (e *Economy) quality() []float64 {
	e.qual = slices.Grow(e.qual[:0], len(e.c.acct))[:len(e.c.acct)]
	k := float64(e.cfg.Coops.FailAfterMonths)
	for c := range e.qual {
		e.qual[c] = 1 - min(1, float64(e.c.unpaid[c])/k)
	}
	return e.qual
}

// prices moves prices and reputations by the tick's trade (unless prices are fixed)
// and takes the price index.
func (e *Economy) prices(sim.Tick) error {
	if !e.cfg.Fixed.Prices {
		e.platform.AdjustPrices(e.quality())
	}
	e.lastPriceIndex = e.priceIndex
	e.priceIndex = e.platform.PriceIndex()
	return nil
}

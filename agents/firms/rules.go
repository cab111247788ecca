package firms

import "math"

// The firms' decision rules, each a pure function of what a firm sees (doc.go gives
// their sources); the phases (firms.go) apply them to the economy.

// minUnemployment is the lowest unemployment rate the wage curve reads: at none, the
// curve's power would be infinite; at 0.1% (6 of the baseline's 6,000 members) the
// reservation wage is (0.001/0.08)^-0.1 = 1.55 times its reference value, above any
// cap a scenario may set (pay.max is at most 2).
const minUnemployment = 0.001

// WageCurve returns the lowest pay members accept, as a multiple of the sector's wage,
// at unemployment rate u: reservation × (u / reference)^-elasticity (Blanchflower and
// Oswald's wage curve, ln w = -elasticity ln u + const), at most max.
func WageCurve(p Pay, u float64) float64 {
	u = max(u, minUnemployment)
	return min(p.Reservation*math.Pow(u/p.Reference, -p.Elasticity), p.Max)
}

// ScaleFactor returns what scale economies multiply a worker's units by in a firm of
// workers: (workers / founding)^exponent, at most max (and at least 1/max, for a firm
// shrunk below its founding size).
func ScaleFactor(s Scale, workers, founding int) float64 {
	if s.Exponent == 0 || workers <= 0 || founding <= 0 {
		return 1
	}
	f := math.Pow(float64(workers)/float64(founding), s.Exponent)
	return min(max(f, 1/s.Max), s.Max)
}

// Climb is one month of the derivative follower (Greenwald and Kephart 1999): it keeps
// moving the markup in the direction dir (+1 or -1) while profit rose, and turns back
// when profit fell. It returns the new markup and direction, within [lo, hi]; at a
// bound the direction turns, so the search never sticks against it.
func Climb(markup float64, dir int, profit, last float64, p Pricing) (float64, int) {
	if profit < last {
		dir = -dir
	}
	markup += float64(dir) * p.Step
	switch {
	case markup >= p.MaxMarkup:
		markup, dir = p.MaxMarkup, -1
	case markup <= p.MinMarkup:
		markup, dir = p.MinMarkup, 1
	}
	return markup, dir
}

// UnitCost returns the cost of a unit: a worker's monthly pay over the units it makes,
// grossed up for the inputs bought per unit of value made (inputShare, below 1).
func UnitCost(wage, units, inputShare float64) float64 {
	if units <= 0 {
		return math.Inf(1)
	}
	return wage / units / (1 - min(inputShare, maxInputShare))
}

// maxInputShare bounds the input share a unit cost is grossed up by: a sector whose
// inputs take 95% of its value would price at 20 times its labour cost.
const maxInputShare = 0.95

// Workforce returns how many workers a firm hires (above 0) or lets go (below 0) this
// month by its profit rule: while its offer sold out and the marginal worker's value
// added (price × marginal units × (1 - inputShare)) exceeds the wage, it hires up to
// rate of its workers (at least one), as many as its cash pays a month of the larger
// workforce; when it did not sell out and sold less than 1 - slack of what it can make, it lets go the
// workers the unsold part needs, up to the same number; else it keeps them.
func Workforce(h Hiring, workers int, soldOut bool, sales, capacityValue, marginalValue, wage, cash float64) int {
	step := max(1, int(math.Ceil(h.Rate*float64(workers))))
	switch {
	case soldOut && marginalValue > wage && wage > 0:
		afford := int(cash/wage) - workers
		return max(0, min(step, afford))
	case !soldOut && capacityValue > 0 && sales < (1-h.Slack)*capacityValue && workers > 1:
		unsold := int((1 - sales/capacityValue) * float64(workers))
		return -min(step, unsold, workers-1)
	}
	return 0
}

// HHI returns the Herfindahl–Hirschman index of the sales, Σ (s_i / Σ s)^2, between 1/n
// (n equal sellers) and 1 (one seller); 0 when nothing sold.
func HHI(sales []float64) float64 {
	var total float64
	for _, s := range sales {
		total += s
	}
	if total <= 0 {
		return 0
	}
	var h float64
	for _, s := range sales {
		h += (s / total) * (s / total)
	}
	return h
}

package sim

import "errors"

// Clock maps ticks to months. A tick is a month or a week; issuance and budgets run
// monthly, on the first tick of each month.
type Clock struct {
	TicksPerYear int // 12 (monthly) or 52 (weekly)
	Ticks        int // length of the run
}

// NewClock returns the clock for a scenario's "month" or "week" tick.
func NewClock(unit string, ticks int) (Clock, error) {
	switch unit {
	case "", "month":
		return Clock{12, ticks}, nil
	case "week":
		return Clock{52, ticks}, nil
	}
	return Clock{}, errors.New(`clock must be "month" or "week"`)
}

// Month returns the month (from 1) that tick (from 1) falls in.
func (c Clock) Month(tick int) int {
	if c.TicksPerYear <= 12 {
		return tick
	}
	return (tick-1)*12/c.TicksPerYear + 1
}

// MonthStart reports whether tick is the first tick of its month.
func (c Clock) MonthStart(tick int) bool { return tick == 1 || c.Month(tick) != c.Month(tick-1) }

// PerMonth converts a monthly quantity to a per-tick one.
func (c Clock) PerMonth() float64 {
	if c.TicksPerYear <= 12 {
		return 1
	}
	return 12 / float64(c.TicksPerYear)
}

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

// MonthTicks returns the number of ticks in month m (from 1): 1 on a monthly clock; 4
// or 5 weeks on a weekly one (month m holds the ticks t with Month(t) == m).
func (c Clock) MonthTicks(m int) int {
	if c.TicksPerYear <= 12 {
		return 1
	}
	// month m starts at the first tick t with (t-1)*12 >= (m-1)*TicksPerYear
	start := func(m int) int { return ((m-1)*c.TicksPerYear+11)/12 + 1 }
	return start(m+1) - start(m)
}

// TickShare returns the share of its month that tick (from 1) makes up: 1 on a
// monthly clock, 1/4 or 1/5 on a weekly one, the month's ticks sharing it equally. A
// rate stated per month is applied over it, so that every calendar month is one month
// of every rule whether it has four weeks or five. (PerMonth is the average tick,
// 12/52 of a month on a weekly clock: a five-week month would be 1.15 months of
// production and pay, and a four-week one 0.92, while what is decided a month at a
// time comes once a month.)
func (c Clock) TickShare(tick int) float64 {
	return 1 / float64(c.MonthTicks(c.Month(tick)))
}

// PerMonth converts a monthly quantity to a per-tick one.
func (c Clock) PerMonth() float64 {
	if c.TicksPerYear <= 12 {
		return 1
	}
	return 12 / float64(c.TicksPerYear)
}

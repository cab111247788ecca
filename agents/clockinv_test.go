package agents_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// Clock invariance (issue 10): the small baseline on a weekly clock and on a monthly
// clock is the same economy up to discretisation error. Each rule is stated per month
// and applied over a tick's share of it, so the yearly figures of the two clocks must
// agree.
//
// The test runs the small baseline (1,500 members, 60 co-ops) for 10 years on both
// clocks over seeds 1..clockSeeds and compares, year by year, the mean over seeds of
// each yearly figure. A figure passes when the two clocks' means differ by at most
//
//	max(t* × se, allowance × scale)
//
// where se is the standard error of the difference of means from the seed-to-seed
// spread (Welch), t* is Student's t quantile at Welch–Satterthwaite's degrees of
// freedom for a two-sided family-wise false alarm of clockAlpha over all the figures
// and years compared (Bonferroni: 1 − clockAlpha/(2·comparisons)), and the allowance
// is the discretisation error stated for the figure (below).
//
// The allowances. Each month of the weekly clock is one month of every rule, its four
// or five weeks sharing it equally (a week is 1/4 or 1/5 of its month), so flows
// summed over a month or a year carry no calendar error; what remains
// is the error of stepping each rule a month at a time instead of a week. The price
// rule's step is d ln p = speed · z · dt with speed 0.2 a month: a monthly step moves
// ln p by up to 0.2 on the excess demand at the step's start, where the weekly steps
// see the excess demand fall as the price moves. For a relaxation at rate k a month
// the explicit step of length h lags the continuous path by about k·h/2 of the gap it
// closes: 0.2 × 1/2 = 10% of the month's price move against 0.2 × 0.23/2 = 2.3%, a
// difference of 7.7% of the moves; prices in the baseline drift by a few percent a
// year, so the price index may differ by about 0.08 × (its change from 1) plus 0.02
// for the cumulative effect over ten years of those lags on the level: allowance
// 0.02 + 0.08·|P − 1|. The other figures follow from prices and from month-start
// decisions that both clocks take alike (grants, payouts, hiring, start-ups and
// failures at the month's end); they inherit the price error through nominal values,
// so their allowance is 5% of the figure's size (for counts: of the monthly mean, at
// least 3 co-ops, a start-up or failure being a whole co-op).
// clockGaps are the figures and years where the clocks still differ beyond the
// tolerance: the test reports them, and fails if one closes (remove it then) or a new
// one opens.
//
// The last one, Foundation income in year 3 (monthly 3.13e5, weekly 2.51e5), came from
// the weekly calendar. Weeks were 12/52 of a month each, so a month of five weeks was
// 1.15 months of production and pay and one of four 0.92, while what comes a month
// at a time (payouts, members' spending of what they held at the month's start,
// grant-funded purchases, grants) came once a month whatever its length. Four-week
// months ran short of goods (76% of co-ops sold out, against 51% on the monthly clock)
// and five-week months long (23%; seed 1: 16% of their capacity idle against 6%): co-ops
// hired after the short months (the rule hires on any shortfall) and seldom shed
// after the long ones (the rule sheds on sales below half the offer), so few members
// were out of work when the Foundation founded start-ups, which need four each (8
// seeds, year 3: 8 out of work in all at the Foundation's twelve turns, against 74,
// start-ups 4.5 against 15, co-ops alive 95 against 106, tokens issued 1.7e5 against
// 4.4e5). A 48-week year of four-week months closed it, and so does making each week
// its month's share (Economy.setTickShare): start-ups in year 3 18.4 against 15, co-ops
// alive 110 against 106, Foundation income 2.67e5 against 3.13e5, within the
// tolerance.
//
// A second one-sided difference, within the tolerances, went with it: the weekly
// price index ran below the monthly one from year 3 (1.14 against 1.59 in year 10),
// with less issuance on increases (about 2.1e5 against 3.5e5 a year in years 3-10)
// and lower Foundation income (3.5e5 against 4.8e5 in year 10). A co-op chose the
// offer it buys each input from, and the sectors and offers of its grant-funded
// purchases, afresh every tick, so a weekly month averaged four or five draws where a
// monthly one took one: a co-op's demand moved less from month to month (s.d. of the
// log change 0.35 against 0.54 in year 3), fewer co-ops sold under half their offer,
// and an offer reached its line's high-water mark, on which grants are made, less
// often. A co-op now chooses where it buys at the month's start and holds it over the
// month (heldOrder): s.d. 0.51 against 0.54, price index 1.61 against 1.59 in year 10,
// Foundation income within 11% either way every year (year 3: 2.98e5 against
// 3.13e5). What remains one-sided: a few more
// start-ups on the weekly clock (year 4: 13.9 against 6.4) and co-ops alive 133
// against 120 in year 10 (tolerance 33; over 16 seeds 134 against 126, tolerance
// 20), as weekly co-ops shed workers somewhat more often (year 10: 14.9 against 4.3
// a year); rationed buyers still re-route their rest to a spare offer drawn afresh
// every tick (re-seeding that draw once a month brought co-ops alive to 121 against
// 120 over 8 seeds, a hint, not a measurement).
var clockGaps = map[string]bool{}

const (
	clockSeeds = 8
	clockYears = 10
	clockAlpha = 0.01
)

// yearFigure is one yearly figure of a run.
type yearFigure struct {
	name string
	// of returns the figure for year y (1..clockYears) of a run's table.
	of func(f *figs, y int) float64
	// allowance returns the discretisation allowance for a monthly mean m.
	allowance func(m float64) float64
}

// yearRows returns the indices of the rows of year y (months 12(y-1)+1 .. 12y).
func yearRows(f *figs, y int) (first, last int) {
	first, last = -1, -1
	for i, r := range f.Rows {
		if (r.Month-1)/12+1 == y {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// yearSum sums a column over the year's ticks (a flow measured per tick).
func yearSum(col string) func(*figs, int) float64 {
	return func(f *figs, y int) float64 {
		s := f.T.Series(col)
		a, b := yearRows(f, y)
		var t float64
		for i := a; i <= b; i++ {
			t += s[i]
		}
		return t
	}
}

// yearMonthSum sums a column over the year's months, read at each month's last tick
// (a flow summed over the month as it goes).
func yearMonthSum(col string) func(*figs, int) float64 {
	return func(f *figs, y int) float64 {
		s := f.T.Series(col)
		a, b := yearRows(f, y)
		var t float64
		for i := a; i <= b; i++ {
			if i == b || f.Rows[i+1].Month != f.Rows[i].Month {
				t += s[i]
			}
		}
		return t
	}
}

// yearEnd reads a column at the year's last tick (a stock).
func yearEnd(col string) func(*figs, int) float64 {
	return func(f *figs, y int) float64 {
		_, b := yearRows(f, y)
		return f.T.Series(col)[b]
	}
}

// yearChange is a cumulative column's change over the year.
func yearChange(col string) func(*figs, int) float64 {
	return func(f *figs, y int) float64 {
		s := f.T.Series(col)
		a, b := yearRows(f, y)
		before := 0.0
		if a > 0 {
			before = s[a-1]
		}
		return s[b] - before
	}
}

func relative(r float64) func(float64) float64 {
	return func(m float64) float64 { return r * math.Abs(m) }
}

func counted(r, least float64) func(float64) float64 {
	return func(m float64) float64 { return max(least, r*math.Abs(m)) }
}

var clockFigures = []yearFigure{
	{"sales value", yearSum("sales_value"), relative(0.05)},
	{"price index", yearEnd("price_index"), func(m float64) float64 { return 0.02 + 0.08*math.Abs(m-1) }},
	{"employed", yearEnd("employed"), relative(0.05)},
	{"co-ops alive", yearEnd("coops_alive"), counted(0.05, 3)},
	{"start-ups", yearChange("coops_started"), counted(0.05, 3)},
	{"failures", yearChange("coops_failed"), counted(0.05, 3)},
	{"tokens issued", yearChange("issued"), relative(0.05)},
	{"Foundation income", yearMonthSum("foundation_income"), relative(0.05)},
}

// clockRuns returns, per seed, the small baseline's table over clockYears on a clock,
// with extra overrides.
func clockRuns(t *testing.T, clock string, seeds int, sets ...string) []*figs {
	ticks := 12 * clockYears
	if clock == "week" {
		ticks = 52 * clockYears
	}
	var out []*figs
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		args := append([]string{"members=1500", "coops.count=60", "clock=" + clock, fmt.Sprintf("ticks=%d", ticks)}, sets...)
		_, f, _ := runScenario(t, "baseline", seed, args...)
		out = append(out, f)
	}
	return out
}

// clockMismatch is a figure and year where two sets of runs disagree.
type clockMismatch struct {
	figure         string
	year           int
	a, b, d, tol   float64
	tse, allowance float64 // t*·se and the discretisation allowance
}

// compareClocks compares the yearly figures of two sets of runs (a: the reference)
// and returns where they differ beyond the tolerance, and a table of all of them.
func compareClocks(a, b []*figs) ([]clockMismatch, string) {
	comparisons := len(clockFigures) * clockYears
	var bad []clockMismatch
	var tab strings.Builder
	fmt.Fprintf(&tab, "%-18s %4s %14s %14s %10s %10s\n", "figure", "year", "reference", "other", "diff", "tolerance")
	for _, fg := range clockFigures {
		for y := 1; y <= clockYears; y++ {
			var xa, xb []float64
			for _, f := range a {
				xa = append(xa, fg.of(f, y))
			}
			for _, f := range b {
				xb = append(xb, fg.of(f, y))
			}
			d, se := meanDiff(xb, xa)
			tcrit := studentQuantile(1-clockAlpha/(2*float64(comparisons)), welchDF(xa, xb))
			allow := fg.allowance(mean(xa))
			tol := max(tcrit*se, allow)
			m := clockMismatch{fg.name, y, mean(xa), mean(xb), d, tol, tcrit * se, allow}
			flag := ""
			if math.Abs(d) > tol {
				bad = append(bad, m)
				flag = "  <-"
			}
			fmt.Fprintf(&tab, "%-18s %4d %14.4g %14.4g %10.3g %10.3g%s\n", fg.name, y, m.a, m.b, d, tol, flag)
		}
	}
	return bad, tab.String()
}

// welchDF returns Welch–Satterthwaite's degrees of freedom for the difference of the
// means of a and b (at least 1; large when both are constant).
func welchDF(a, b []float64) float64 {
	va, vb := variance(a)/float64(len(a)), variance(b)/float64(len(b))
	if va+vb == 0 {
		return 1e6
	}
	den := va*va/float64(len(a)-1) + vb*vb/float64(len(b)-1)
	return max(1, (va+vb)*(va+vb)/den)
}

func variance(x []float64) float64 {
	m := mean(x)
	var s float64
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return s / float64(len(x)-1)
}

func studentQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

func TestClockInvariance(t *testing.T) {
	if testing.Short() {
		t.Skip("replicated ten-year runs on two clocks")
	}
	month := clockRuns(t, "month", clockSeeds)
	week := clockRuns(t, "week", clockSeeds)
	bad, tab := compareClocks(month, week)
	t.Logf("monthly (reference) against weekly, means over %d seeds:\n%s", clockSeeds, tab)
	open := map[string]bool{}
	for _, m := range bad {
		key := fmt.Sprintf("%s/%d", m.figure, m.year)
		open[key] = true
		msg := fmt.Sprintf("%s, year %d: monthly %.4g, weekly %.4g: differ by %.3g, beyond the tolerance %.3g (t*·se %.3g, allowance %.3g)",
			m.figure, m.year, m.a, m.b, m.d, m.tol, m.tse, m.allowance)
		if clockGaps[key] {
			t.Log("known gap (clockGaps): " + msg)
			continue
		}
		t.Error(msg)
	}
	for key := range clockGaps {
		if !open[key] {
			t.Errorf("%s: the clocks now agree within the tolerance; remove it from clockGaps", key)
		}
	}
}

package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestClock(t *testing.T) {
	week, _ := NewClock("week", 104)
	month, _ := NewClock("month", 24)
	for _, c := range []struct {
		clock       Clock
		tick, month int
		start       bool
	}{
		{month, 1, 1, true}, {month, 7, 7, true},
		{week, 1, 1, true}, {week, 5, 1, false}, {week, 6, 2, true}, {week, 52, 12, false}, {week, 53, 13, true}, {week, 104, 24, false},
	} {
		if got := c.clock.Month(c.tick); got != c.month {
			t.Errorf("%d per year: Month(%d) = %d, want %d", c.clock.TicksPerYear, c.tick, got, c.month)
		}
		if got := c.clock.MonthStart(c.tick); got != c.start {
			t.Errorf("%d per year: MonthStart(%d) = %t, want %t", c.clock.TicksPerYear, c.tick, got, c.start)
		}
	}
	if _, err := NewClock("day", 1); err == nil {
		t.Error("NewClock(day) succeeded")
	}
}

func TestGini(t *testing.T) {
	for _, c := range []struct {
		v    []ledger.Amount
		want float64
	}{
		{nil, 0}, {[]ledger.Amount{0, 0}, 0}, {[]ledger.Amount{5, 5, 5, 5}, 0},
		{[]ledger.Amount{0, 0, 0, 10}, 0.75}, // one holds all of four: (n-1)/n
		{[]ledger.Amount{1, 2, 3, 4}, 0.25},  // sum |xi-xj| / (2 n^2 mean) = 20/(2*16*2.5)
	} {
		if got := Gini(c.v); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Gini(%v) = %g, want %g", c.v, got, c.want)
		}
	}
	var d Distribution
	vals := []ledger.Amount{4 * ledger.Unit, 1 * ledger.Unit, 3 * ledger.Unit, 2 * ledger.Unit, 5 * ledger.Unit}
	g, p10, p50, p90 := d.Measure(amounts(vals))
	if math.Abs(g-0.2666666666666666) > 1e-12 || p10 != 1 || p50 != 3 || p90 != 5 {
		t.Errorf("Measure = %g, %g, %g, %g; want 0.2667, 1, 3, 5", g, p10, p50, p90)
	}
}

func TestSeedStreams(t *testing.T) {
	var a, b rand.PCG
	draw := func(p *rand.PCG) uint64 { return p.Uint64() }
	Seed(&a, 1, 0, 5, PurposeTrade)
	Seed(&b, 1, 0, 5, PurposeTrade)
	if draw(&a) != draw(&b) {
		t.Error("the same (seed, shard, tick, purpose) gave different streams")
	}
	seen := map[uint64]string{}
	for _, k := range []struct {
		seed        uint64
		shard, tick int
		purpose     Purpose
	}{{1, 0, 5, PurposeTrade}, {2, 0, 5, PurposeTrade}, {1, 1, 5, PurposeTrade}, {1, 0, 6, PurposeTrade}, {1, 0, 5, PurposeLabour}} {
		Seed(&a, k.seed, k.shard, k.tick, k.purpose)
		v := draw(&a)
		if prev, dup := seen[v]; dup {
			t.Errorf("%v and %s share a stream", k, prev)
		}
		seen[v] = "seen"
	}
}

func TestHistogramMatchesExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := ExactLimit * 3
	vals := make([]ledger.Amount, n)
	for i := range vals {
		vals[i] = ledger.Amount(r.ExpFloat64() * 100 * float64(ledger.Unit)) // exponential: Gini 0.5
	}
	var d Distribution
	g, p10, p50, p90 := d.Measure(amounts(vals))
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	exact := Gini(sorted)
	// Bins are under 1.1% wide, so the binned Gini and quantiles are within about 1%.
	if math.Abs(g-exact) > 0.002 {
		t.Errorf("histogram Gini %g, exact %g", g, exact)
	}
	for _, c := range []struct{ got, p float64 }{{p10, 0.1}, {p50, 0.5}, {p90, 0.9}} {
		want := q(sorted, c.p)
		if math.Abs(c.got-want) > 0.011*want {
			t.Errorf("histogram quantile %g = %g, exact %g", c.p, c.got, want)
		}
	}
	for v := uint64(0); v < 1<<20; v += 997 {
		if b := bin(v); b < 0 || b >= numBins || (v > 0 && bin(v-1) > b) {
			t.Fatalf("bin(%d) = %d out of order or range", v, b)
		}
	}
	if b := bin(math.MaxInt64); b >= numBins {
		t.Fatalf("bin(MaxInt64) = %d, beyond %d bins", b, numBins)
	}
}

// TestBinFloat checks the fill loop's binning against bin's: at every value below
// 2^12, at each power of two up to 2^63 and its neighbours, and at a million random
// values spread evenly over the bit lengths.
func TestBinFloat(t *testing.T) {
	check := func(v ledger.Amount) {
		if v < 0 {
			return
		}
		if got, want := binFloat(v), bin(uint64(v)); got != want {
			t.Fatalf("binFloat(%d) = %d, bin gives %d", v, got, want)
		}
	}
	for v := range ledger.Amount(1 << 12) {
		check(v)
	}
	for e := range 63 {
		p := ledger.Amount(1) << e
		for _, d := range []ledger.Amount{-2, -1, 0, 1, 2} {
			check(p + d)
		}
		check(p | (p - 1)) // all ones below the leading bit
	}
	check(math.MaxInt64)
	r := rand.New(rand.NewPCG(7, 8))
	for range 1_000_000 {
		check(ledger.Amount(r.Uint64() >> (1 + r.IntN(63))))
	}
}

func TestParallelHistogramIsIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vals := make([]ledger.Amount, 200_000)
	for i := range vals {
		vals[i] = ledger.Amount(r.ExpFloat64() * 1e8)
	}
	var one, many Distribution
	many.SetPool(NewPool(4))
	g1, a1, b1, c1 := one.Measure(amounts(vals))
	g2, a2, b2, c2 := many.Measure(amounts(vals))
	// The same chunks merged in the same order: identical to the last bit.
	if g1 != g2 || a1 != a2 || b1 != b2 || c1 != c2 {
		t.Errorf("parallel histogram %g %g %g %g, serial %g %g %g %g", g2, a2, b2, c2, g1, a1, b1, c1)
	}
}

type amounts []ledger.Amount

func (a amounts) Len() int                  { return len(a) }
func (a amounts) Value(i int) ledger.Amount { return a[i] }

// TestClockMonthTicks checks MonthTicks and TickShare against a count of the ticks
// Month puts in each month, over ten years of each clock: every month's ticks share it
// exactly, and a weekly year has 52 weeks in months of four and five.
func TestClockMonthTicks(t *testing.T) {
	for _, perYear := range []int{12, 52} {
		c := Clock{TicksPerYear: perYear, Ticks: 10 * perYear}
		count := map[int]int{}
		for tick := 1; tick <= c.Ticks; tick++ {
			count[c.Month(tick)]++
		}
		fives := 0
		for m := 1; m <= 120; m++ {
			if got := c.MonthTicks(m); got != count[m] {
				t.Errorf("%d a year: MonthTicks(%d) = %d, want %d", perYear, m, got, count[m])
			}
			if count[m] == 5 {
				fives++
			}
		}
		for tick := 1; tick <= c.Ticks; tick++ {
			if got, want := c.TickShare(tick), 1/float64(count[c.Month(tick)]); got != want {
				t.Errorf("%d a year: TickShare(%d) = %g, want %g", perYear, tick, got, want)
			}
		}
		if perYear == 52 && fives != 40 { // 52 weeks = 12×4 + 4 fifth weeks a year
			t.Errorf("weekly clock: %d five-week months in ten years, want 40", fives)
		}
	}
}

// TestHistogramReuse measures spread-out values, then values in a few low bins, then
// the first again, with one Distribution: each time as a fresh one measures them (the
// bins it clears and reads are those up to the highest one filled).
func TestHistogramReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	wide, narrow := make(amounts, 3*ExactLimit), make(amounts, 3*ExactLimit)
	for i := range wide {
		wide[i] = ledger.Amount(r.ExpFloat64() * 1e12)
		narrow[i] = ledger.Amount(r.IntN(5)) * ledger.Unit
	}
	var reused Distribution
	reused.SetPool(NewPool(2))
	for _, vals := range []amounts{wide, narrow, wide, narrow} {
		var fresh Distribution
		g1, a1, b1, c1 := fresh.Measure(vals)
		g2, a2, b2, c2 := reused.Measure(vals)
		if g1 != g2 || a1 != a2 || b1 != b2 || c1 != c2 {
			t.Fatalf("reused histogram %g %g %g %g, fresh %g %g %g %g", g2, a2, b2, c2, g1, a1, b1, c1)
		}
	}
}

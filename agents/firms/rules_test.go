package firms

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestWageCurve: the reservation wage at reference unemployment is reservation itself;
// doubling unemployment multiplies it by 2^-elasticity (0.933 at Blanchflower and
// Oswald's 0.1: "a doubling of unemployment lowers pay by about 7%"); it is capped, and
// reads no unemployment as minUnemployment.
func TestWageCurve(t *testing.T) {
	p := Pay{Reservation: 0.75, Elasticity: 0.1, Reference: 0.08, Max: 1}
	for _, tc := range []struct {
		name string
		u    float64
		want float64
	}{
		{"reference", 0.08, 0.75},
		{"doubled", 0.16, 0.75 * math.Pow(2, -0.1)}, // 0.6998
		{"halved", 0.04, 0.75 * math.Pow(2, 0.1)},   // 0.8038
		{"none: read as 0.1%, 0.75×80^0.1 = 1.16, capped", 0, 1},
	} {
		if got := WageCurve(p, tc.u); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: WageCurve(u=%g) = %.6f, want %.6f", tc.name, tc.u, got, tc.want)
		}
	}
	if a, b := WageCurve(p, 0.05), WageCurve(p, 0.2); !(a > b) {
		t.Errorf("WageCurve(0.05) = %g, WageCurve(0.2) = %g: want pay falling with unemployment", a, b)
	}
}

// TestClimbFindsTheBestMarkup: the derivative follower, fed the profit of a demand
// curve with a known optimum, ends within a step or two of it (it oscillates about the
// peak by one step each way, so after the climb every markup lies within 2 steps).
// Profit of markup m with linear demand q = 1 - p/2 at unit cost 1, p = 1 + m:
// π(m) = m (1 - (1+m)/2) = m (1 - m)/2, maximised at m* = 0.5.
func TestClimbFindsTheBestMarkup(t *testing.T) {
	p := Pricing{Markup: 0.05, Step: 0.02, MinMarkup: 0, MaxMarkup: 3}
	profit := func(m float64) float64 { return m * (1 - m) / 2 }
	m, dir := p.Markup, 1
	last := profit(m)
	m += p.Step // the first move: no profit to compare yet
	for k := range 200 {
		pi := profit(m)
		m, dir = Climb(m, dir, pi, last, p)
		last = pi
		if k > 100 && math.Abs(m-0.5) > 2*p.Step+1e-9 {
			t.Fatalf("month %d: markup %.3f, want within %.2f of 0.5", k, m, 2*p.Step)
		}
	}
	// and from above
	m, dir, last = 2.5, 1, profit(2.5)
	for range 300 {
		pi := profit(m)
		m, dir = Climb(m, dir, pi, last, p)
		last = pi
	}
	if math.Abs(m-0.5) > 2*p.Step+1e-9 {
		t.Errorf("from 2.5: markup %.3f after 300 months, want within %.2f of 0.5", m, 2*p.Step)
	}
}

// TestClimbBounds: at a bound the markup stays inside and turns.
func TestClimbBounds(t *testing.T) {
	p := Pricing{Step: 0.1, MinMarkup: 0, MaxMarkup: 0.3}
	if m, d := Climb(0.25, 1, 2, 1, p); m != 0.3 || d != -1 {
		t.Errorf("Climb up past the top = %g, %d; want 0.3, -1", m, d)
	}
	if m, d := Climb(0.05, 1, 1, 2, p); m != 0 || d != 1 {
		t.Errorf("Climb down past the floor = %g, %d; want 0, 1", m, d)
	}
}

// TestScaleFactor: (workers/founding)^γ, capped both ways.
func TestScaleFactor(t *testing.T) {
	s := Scale{Exponent: 0.2, Max: 4}
	for _, tc := range []struct {
		workers int
		want    float64
	}{
		{10, 1},
		{20, math.Pow(2, 0.2)},   // 1.1487
		{320, math.Pow(32, 0.2)}, // 2 exactly
		{1e7, 4},                 // 1e6^0.2 = 15.8, capped
		{1, math.Pow(0.1, 0.2)},  // 0.631, above 1/4
	} {
		if got := ScaleFactor(s, tc.workers, 10); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("ScaleFactor(%d of 10) = %g, want %g", tc.workers, got, tc.want)
		}
	}
	if got := ScaleFactor(Scale{Exponent: 0, Max: 4}, 100, 10); got != 1 {
		t.Errorf("no scale economies: factor %g, want 1", got)
	}
}

// TestWorkforce: the profit rule's cases, each number worked by hand.
func TestWorkforce(t *testing.T) {
	h := Hiring{Rate: 0.25, Slack: 0.2}
	for _, tc := range []struct {
		name                                  string
		workers                               int
		soldOut                               bool
		sales, capacity, marginal, wage, cash float64
		want                                  int
	}{
		{"sold out, profitable, cash for all: a quarter of 10, rounded up", 10, true, 0, 0, 900, 600, 1e9, 3},
		{"sold out, profitable, cash for 12 a month: 2", 10, true, 0, 0, 900, 600, 12 * 600, 2},
		{"sold out, no cash beyond the current pay", 10, true, 0, 0, 900, 600, 10 * 600, 0},
		{"sold out, marginal worker not worth the wage", 10, true, 0, 0, 500, 600, 1e9, 0},
		{"sold 40%: 6 workers idle, a quarter at most: 3", 10, false, 400, 1000, 900, 600, 1e9, -3},
		{"sold 75%: 2 workers idle (25% of 10, truncated)", 10, false, 750, 1000, 900, 600, 1e9, -2},
		{"sold 90%: within the slack", 10, false, 900, 1000, 900, 600, 1e9, 0},
		{"one worker: kept", 1, false, 0, 1000, 900, 600, 1e9, 0},
	} {
		if got := Workforce(h, tc.workers, tc.soldOut, tc.sales, tc.capacity, tc.marginal, tc.wage, tc.cash); got != tc.want {
			t.Errorf("%s: Workforce = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestHHIAgainstSums: HHI over random sales equals the phase's Σs²/(Σs)² form, and the
// bounds hold: 1/n for n equal sellers, 1 for one.
func TestHHIAgainstSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100 {
		n := 1 + rng.IntN(30)
		sales := make([]float64, n)
		var sum, sq float64
		for i := range sales {
			sales[i] = rng.Float64() * 1000
			sum += sales[i]
			sq += sales[i] * sales[i]
		}
		if got, want := HHI(sales), sq/(sum*sum); math.Abs(got-want) > 1e-12 {
			t.Fatalf("HHI = %g, Σs²/(Σs)² = %g", got, want)
		}
	}
	if got := HHI([]float64{5, 5, 5, 5}); math.Abs(got-0.25) > 1e-15 {
		t.Errorf("HHI of 4 equal = %g, want 0.25", got)
	}
	if got := HHI([]float64{0, 7, 0}); got != 1 {
		t.Errorf("HHI of one seller = %g, want 1", got)
	}
}

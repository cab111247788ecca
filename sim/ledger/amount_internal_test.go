package ledger

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRoundFast checks round's fast case against roundSlow, the definition: at every
// value next to a half (where truncating v+0.5 could round the wrong way), at the
// ends of its range, and at random values of every size.
func TestRoundFast(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		if got, want := round(v), roundSlow(v); got != want {
			t.Fatalf("round(%v) = %d, want %d", v, got, want)
		}
	}
	for _, v := range []float64{0, 0.5, math.Nextafter(0.5, 0), math.Nextafter(0.5, 1), 1 << 52, math.Nextafter(1<<52, 0), 1<<52 + 1, 1<<53 - 1, -0.5, -1.5} {
		check(v)
	}
	// around every half n+0.5 for n up to 2^20, and around 2^k-0.5, 2^k and 2^k+0.5
	for n := 0.0; n < 1<<20; n++ {
		h := n + 0.5
		check(h)
		check(math.Nextafter(h, 0))
		check(math.Nextafter(h, math.Inf(1)))
	}
	for k := 0; k <= 53; k++ {
		p := math.Ldexp(1, k)
		for _, c := range []float64{p - 0.5, p, p + 0.5} {
			check(c)
			check(math.Nextafter(c, 0))
			check(math.Nextafter(c, math.Inf(1)))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		v := math.Ldexp(r.Float64(), r.IntN(60)-4) // 2^-4 .. 2^56
		check(v)
		check(float64(r.Int64N(1<<40)) * r.Float64()) // an amount times a rate, as Scale makes
	}
}

package sim

import (
	"math/rand/v2"
	"testing"
)

// Float64 and IntN must draw exactly what math/rand/v2's Rand draws from the same
// source, so that a loop may use them in place of a Rand without changing a run:
// checked against the standard library, over bounds of every kind (powers of two,
// one, small, just over half the range, where Lemire's method rejects most often).
func TestDrawsAsRand(t *testing.T) {
	bounds := []int{1, 2, 3, 7, 8, 9, 100, 1 << 20, 1<<20 + 1, 1<<62 + 1, 1<<63 - 1}
	for _, n := range bounds {
		a, b := rand.NewPCG(uint64(n), 5), rand.NewPCG(uint64(n), 5)
		r := rand.New(a)
		for k := range 20000 {
			if k%3 == 0 {
				if got, want := Float64(b), r.Float64(); got != want {
					t.Fatalf("n %d, draw %d: Float64 %v, Rand.Float64 %v", n, k, got, want)
				}
				continue
			}
			if got, want := IntN(b, n), r.IntN(n); got != want {
				t.Fatalf("n %d, draw %d: IntN %d, Rand.IntN %d", n, k, got, want)
			}
		}
	}
}

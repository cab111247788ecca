package governance

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCorrectProbBrute checks the weighted Poisson-binomial DP against enumerating
// all 2^m outcomes of m ≤ 12 casters. Tolerance 1e-12: both sum at most 4096 products
// of probabilities ≤ 1 in float64, each with a relative error of a few ulps.
func TestCorrectProbBrute(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 300 {
		m := 1 + rng.IntN(12)
		w := make([]int32, m)
		p := make([]float64, m)
		total := 0
		for i := range m {
			w[i] = int32(rng.IntN(4)) // zeros are voters who cast nothing
			p[i] = rng.Float64()
			total += int(w[i])
		}
		var want float64
		for mask := range 1 << m {
			pr, correct := 1.0, 0
			for i := range m {
				if w[i] == 0 {
					continue // casts nothing: not a random vote
				}
				if mask&(1<<i) != 0 {
					pr *= p[i]
					correct += int(w[i])
				} else {
					pr *= 1 - p[i]
				}
			}
			switch {
			case 2*correct > total:
				want += pr
			case 2*correct == total:
				want += pr / 2
			}
		}
		// the masks differing only in zero-weight voters repeat each outcome
		zeros := 0
		for _, x := range w {
			if x == 0 {
				zeros++
			}
		}
		want /= float64(int(1) << zeros)
		got := correctProb(w, p, make([]float64, total+1))
		if math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: correctProb(%v, %v) = %v, want %v", trial, w, p, got, want)
		}
	}
}

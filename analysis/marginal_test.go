package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/copex/copex/summary"
)

// crnCSV is a 2 x 2 sweep (a, b in {0, 1}) with 3 replicates run on common random
// numbers: y = 10 a + b + u_r, where replicate r's shift u = -3, 0, +3 is shared by every
// point (as a sweep's replicate seed is). The run at a=1, b=1, replicate 2 has no value.
const crnCSV = `run,point,replicate,seed,a,b,last(y)
p0-r0,0,0,11,0,0,-3
p0-r1,0,1,12,0,0,0
p0-r2,0,2,13,0,0,3
p1-r0,1,0,11,0,1,-2
p1-r1,1,1,12,0,1,1
p1-r2,1,2,13,0,1,4
p2-r0,2,0,11,1,0,7
p2-r1,2,1,12,1,0,10
p2-r2,2,2,13,1,0,13
p3-r0,3,0,11,1,1,8
p3-r1,3,1,12,1,1,11
p3-r2,3,2,13,1,1,
`

// The marginal band at a value averages each replicate's runs over the other
// parameters first, then takes the interval over the replicate means.
//
// By hand, with t(0.975, 2) = 4.302653 (scipy.stats.t.ppf(0.975, 2)):
//   - y at a=0: replicate means (-3-2)/2, (0+1)/2, (3+4)/2 = -2.5, 0.5, 3.5: n 3, mean 0.5,
//     sd 3, half-width 4.302653 * 3 / sqrt(3) = 7.452413: [-6.952413, 7.952413].
//     Treating the 6 runs as independent would give n 6, sd sqrt(37.5/5) = 2.738613 and,
//     with t(0.975, 5) = 2.570582, [-2.373998, 3.373998]: the narrower, wrong band.
//   - y at a=1: replicate means 7.5, 10.5 and 13 (replicate 2 has only its b=0 run):
//     n 3, mean 31/3, sd sqrt(91/12) = 2.753785, half-width 6.840782.
//   - y at b=0: replicate means (-3+7)/2, (0+10)/2, (3+13)/2 = 2, 5, 8: n 3, mean 5,
//     sd 3, half-width 7.452413.
func TestMarginalOverReplicateMeans(t *testing.T) {
	r, err := ReadRuns(strings.NewReader(crnCSV))
	if err != nil {
		t.Fatal(err)
	}
	band := func(n int, mean, sd, half float64) summary.Stats {
		return summary.Stats{N: n, Mean: mean, SD: sd, Lower: mean - half, Upper: mean + half}
	}
	for _, c := range []struct {
		p    int
		xs   []float64
		want []summary.Stats
	}{
		{0, []float64{0, 1}, []summary.Stats{band(3, 0.5, 3, 7.452413), band(3, 31.0/3, 2.753785, 6.840782)}},
		{1, []float64{0, 1}, []summary.Stats{band(3, 5, 3, 7.452413)}},
	} {
		xs, st := r.Marginal(c.p, 0)
		if len(xs) != len(c.xs) || xs[0] != c.xs[0] || xs[1] != c.xs[1] {
			t.Fatalf("Marginal(%d) values = %v, want %v", c.p, xs, c.xs)
		}
		for i, want := range c.want {
			got := st[i]
			if got.N != want.N || !near(got.Mean, want.Mean) || !near(got.SD, want.SD) ||
				!near(got.Lower, want.Lower) || !near(got.Upper, want.Upper) {
				t.Errorf("Marginal(%s) at %v = %+v, want %+v", r.Params[c.p], xs[i], got, want)
			}
		}
	}
}

// near compares to the 6 decimals of the hand computation.
func near(got, want float64) bool { return math.Abs(got-want) < 2e-6 }

package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// BenchmarkHistogram measures a histogram's fill (Distribution.Measure above
// ExactLimit, one goroutine) on the holdings of a random exchange after its
// distribution has settled: whole tokens, exponential about a mean of 100. It fails
// unless the Gini coefficient is the exponential's, 1/2: within 0.02, for a sampling
// error of about 0.002 at 100,000 values and a shift of about 0.005 from rounding
// down to whole tokens.
//
//	go test ./sim -run '^$' -bench Histogram -count 5
func BenchmarkHistogram(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := make(amounts, 100_000)
	for i := range vals {
		vals[i] = ledger.Amount(r.ExpFloat64()*100) * ledger.Unit
	}
	rv := &ranged{amounts: vals}
	var d Distribution
	b.ResetTimer()
	for range b.N {
		d.Measure(rv)
	}
	b.StopTimer()
	if g, _, _, _ := d.Measure(rv); math.Abs(g-0.5) > 0.02 {
		b.Fatalf("Gini %.4f, want the exponential's 0.5 within 0.02", g)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vals)), "ns/value")
}

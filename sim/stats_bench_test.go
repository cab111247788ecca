package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// BenchmarkHistogram measures a histogram's fill (Distribution.Measure above
// ExactLimit, one goroutine) on the holdings of a random exchange after its
// distribution has settled: whole tokens, exponential about a mean of 100.
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
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vals)), "ns/value")
}

package sweep

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkSweep runs 40 runs (8 points × 5 replicates) of a 1,000-member, five-year
// baseline on all cores and reports runs per second; the target is 1,000 such
// runs in at most 60 s on two cores (16.7 runs/s).
func BenchmarkSweep(b *testing.B) {
	const text = `name: bench
scenario: baseline
set: [members=1000, coops.count=40, ticks=60]
design: lhs
samples: 8
parameters:
  issuance.foundation_share: {min: 0.1, max: 0.4}
  issuance.grant_expiry_months: {min: 6, max: 24}
replicates: 5
metrics: [last(price_index), sd(inflation), mean(unmet_wants_value), last(gini)]
`
	s, err := Parse(filepath.Join(b.TempDir(), "bench.yaml"), []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ResetTimer()
	var runs int
	for i := 0; i < b.N; i++ {
		sum, err := Execute(context.Background(), s, filepath.Join(dir, strconv.Itoa(i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		runs += sum.Ran
	}
	b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
}

package tradable_test

import (
	"testing"

	"github.com/copex/copex/sim"
)

// BenchmarkRun measures the baseline and the tradable baseline (the same economy with
// the token market on) in the same run, 120 months each, for the figure: the
// tradable version costs at most 1.5 times the baseline's run time. Compare the two
// lines' ns/op (go test ./agents/tradable -run X -bench Run -count 5).
func BenchmarkRun(b *testing.B) {
	for _, name := range []string{"baseline", "tradable"} {
		b.Run(name, func(b *testing.B) {
			build := load(b, name, nil)
			for b.Loop() {
				m, err := build(1)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := sim.Run(m, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

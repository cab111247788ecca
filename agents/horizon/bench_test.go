package horizon_test

import (
	"errors"
	"testing"

	"github.com/copex/copex/sim"
)

// BenchmarkYear runs the horizon scenario's first two years (the baseline economy:
// 6,000 members, 240 co-ops; signals from month 18, the first two events hit) with
// the subsystem on, and the same economy with it off, for the cost of horizon
// scanning in a run (go test ./agents/horizon -run X -bench Year -benchtime 5x).
func BenchmarkYear(b *testing.B) {
	for _, c := range []struct {
		name string
		sets []string
	}{
		{"off", []string{"ticks=24", "horizon.enabled=false"}},
		{"on", []string{"ticks=24"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			build := load(b, c.sets)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				m, err := build(1)
				if err != nil {
					b.Fatal(err)
				}
				r, err := sim.Start(m, &sim.Options{Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for {
					if _, err := r.Next(); err != nil {
						if errors.Is(err, sim.ErrDone) {
							break
						}
						b.Fatal(err)
					}
				}
			}
		})
	}
}

package horizon_test

import (
	"errors"
	"testing"

	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/scenarios"
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

// BenchmarkPhase is the subsystem's month (counting failures, five events' reactions)
// over the horizon scenario's economy of 240 co-ops after two years, alone: a
// subsystem built over the economy beside its own, run for months 25 to 35 again and
// again (no event hits in them: the technique's signal comes in month 30, and
// housing's fall of month 24 is still reacted to). The monitoring cost is 0 here, or
// the co-ops' balances would run down over the iterations (go test ./agents/horizon
// -run X -bench Phase).
func BenchmarkPhase(b *testing.B) {
	m, err := load(b, []string{"ticks=24"})(1)
	if err != nil {
		b.Fatal(err)
	}
	r, err := sim.Start(m, &sim.Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := r.Next(); err != nil {
			if errors.Is(err, sim.ErrDone) {
				break
			}
			b.Fatal(err)
		}
	}
	sc, err := scenarios.Load("horizon", []string{"horizon.cost=0"})
	if err != nil {
		b.Fatal(err)
	}
	z, err := horizon.New(sc.Config.Horizon, m.(sim.Host))
	if err != nil {
		b.Fatal(err)
	}
	var reg sim.Registry
	z.Register(&reg)
	phase := reg.Phases()[0].Run
	b.ReportAllocs()
	month := 25
	for b.Loop() {
		if err := phase(sim.Tick{N: month, Month: month, MonthStart: true}); err != nil {
			b.Fatal(err)
		}
		if month++; month > 35 {
			month = 25
		}
	}
}

package agents_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// BenchmarkBaselineTick measures one tick (all phases and the measurement) of the
// embedded baseline economy: 6,000 members and 240 co-ops at the start.
func BenchmarkBaselineTick(b *testing.B) { benchEconomy(b, "baseline") }

// BenchmarkEconomy100kTick measures one tick of the economy-100k reference scenario
// (100,000 members, 1,000 co-ops at the start) on all cores.
func BenchmarkEconomy100kTick(b *testing.B) { benchEconomy(b, "economy-100k") }

// BenchmarkEconomy1mTick measures one tick of economy-1m (1,000,000 members, 10,000
// co-ops at the start), the scale at which the per-offer arrays leave the first-level
// cache: what copex bench's economy-1m figure is made of, without its ten minutes.
func BenchmarkEconomy1mTick(b *testing.B) { benchEconomy(b, "economy-1m") }

// BenchmarkEconomy100kSteadyTick is the same economy held still: no newcomers, start-ups
// or failures, so the figures show what the engine itself allocates in a steady state.
func BenchmarkEconomy100kSteadyTick(b *testing.B) {
	benchEconomy(b, "economy-100k", "fixed.members=true", "fixed.labour=true", "fixed.foundation=true")
}

func benchEconomy(b *testing.B, name string, sets ...string) {
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		b.Fatal(err)
	}
	m, err := agents.Build(sc.Config, 1)
	if err != nil {
		b.Fatal(err)
	}
	run := startBench(b, m, 12)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := run.Next(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := m.Ledger().CheckConservation(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sc.Config.Members), "ns/member-tick")
}

// startBench starts a run of m long enough for b.N ticks after warm ticks of warm-up,
// stepped before the timer starts. Conservation is checked by a full scan at the end
// only (the benchmark's caller checks it), as in a long batch run.
func startBench(b *testing.B, m sim.Model, warm int) *sim.Stepper {
	return startWarm(b, m, warm, sim.Options{Ticks: b.N, CheckEvery: warm + b.N})
}

// startWarm starts a run of m with opts, its Ticks counted after warm ticks of
// warm-up, and steps the warm-up.
func startWarm(b *testing.B, m sim.Model, warm int, opts sim.Options) *sim.Stepper {
	b.Helper()
	opts.Ticks += warm
	run, err := sim.Start(m, &opts)
	if err != nil {
		b.Fatal(err)
	}
	for range warm {
		if _, err := run.Next(); err != nil {
			b.Fatal(err)
		}
	}
	return run
}

// BenchmarkBaselineRun and BenchmarkBaselineStepped run the baseline for 24 months by
// sim.Run and by stepping sim.Start's run with Next: stepping costs what a batch run
// costs.
func BenchmarkBaselineRun(b *testing.B) {
	benchRun(b, func(m sim.Model) error {
		_, err := sim.Run(m, &sim.Options{Ticks: 24})
		return err
	})
}

func BenchmarkBaselineStepped(b *testing.B) {
	benchRun(b, func(m sim.Model) error {
		run, err := sim.Start(m, &sim.Options{Ticks: 24})
		if err != nil {
			return err
		}
		for !run.Done() {
			if _, err := run.Next(); err != nil {
				return err
			}
		}
		return run.Close()
	})
}

func benchRun(b *testing.B, run func(sim.Model) error) {
	sc, err := scenarios.Load("baseline", nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := run(m); err != nil {
			b.Fatal(err)
		}
	}
}

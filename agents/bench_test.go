package agents_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// BenchmarkBaselineTick measures one tick (all phases and the measurement) of the
// embedded baseline economy: 6,000 members and 240 co-ops at the start.
func BenchmarkBaselineTick(b *testing.B) { benchEconomy(b, "baseline") }

// BenchmarkRandomExchangeUnit measures one tick of the unit rule at 100,000 members:
// each op is 100,000 agent-steps.
func BenchmarkRandomExchangeUnit(b *testing.B) {
	cfg := agents.Default()
	cfg.Model, cfg.Members, cfg.Random.Rule = "random_exchange", 100_000, "unit"
	m, err := agents.NewRandomExchange(cfg, 1)
	if err != nil {
		b.Fatal(err)
	}
	var row sim.Metrics
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := m.Step(i + 1); err != nil {
			b.Fatal(err)
		}
		m.Measure(&row)
	}
	b.ReportMetric(float64(cfg.Members)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Msteps/s")
}

// BenchmarkEconomy100kTick measures one tick of the economy-100k reference scenario
// (100,000 members, 1,000 co-ops at the start) on all cores.
func BenchmarkEconomy100kTick(b *testing.B) { benchEconomy(b, "economy-100k") }

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
	var row sim.Metrics
	row.UnmetBySector = make([]ledger.Amount, 0, len(m.Sectors()))
	for tick := 1; tick <= 12; tick++ {
		if err := m.Step(tick); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		tick := 13 + i
		m.Ledger().SetTime(tick, tick)
		if err := m.Step(tick); err != nil {
			b.Fatal(err)
		}
		m.Measure(&row)
	}
	b.StopTimer()
	if err := m.Ledger().CheckConservation(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sc.Config.Members), "ns/member-tick")
}

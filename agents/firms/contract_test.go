package firms_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// open is the baseline with the platform opened to firms (as open-platform opens it),
// at a size the contract suite runs in seconds: 1,200 members, 48 co-ops and a fifth
// as many firms, two entering a year.
var open = []string{"members=1200", "coops.count=48", "firms.enabled=true", "firms.share=0.2", "firms.entry_per_year=2"}

// still holds the economy and the firms still (no newcomers, entrants or failures)
// for the allocation check.
var still = []string{"fixed.members=true", "fixed.labour=true", "fixed.foundation=true", "firms.entry_per_year=0"}

func load(t testing.TB, sets ...string) func(seed uint64) (sim.Model, error) {
	t.Helper()
	sc, err := scenarios.Load("baseline", sets)
	if err != nil {
		t.Fatal(err)
	}
	return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
}

// TestContract runs the contract suite with firms on: conservation after every tick
// (outside owners burn their surplus, owner members are paid it), 1, 2 and 8 workers
// alike, the journal's rebuild, determinism by seed, no allocation in a steady tick;
// for each owner rule and on a weekly clock.
func TestContract(t *testing.T) {
	for _, extra := range []string{"firms.owners=outside", "firms.owners=members", "clock=week"} {
		t.Run(extra, func(t *testing.T) {
			sets := append(append([]string{}, open...), extra)
			ticks := 24
			if extra == "clock=week" {
				ticks = 30
			}
			agentstest.Run(t, agentstest.Contract{
				New:    load(t, sets...),
				Ticks:  ticks,
				Steady: load(t, append(append([]string{}, sets...), still...)...),
			})
		})
	}
}

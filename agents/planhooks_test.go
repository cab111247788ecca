package agents_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestPlanHooks: what a plan sets through the host takes effect — a co-op's planned
// output caps what it makes — and spending shares that do not fit the sectors are
// refused.
func TestPlanHooks(t *testing.T) {
	sc, err := scenarios.Load("baseline", append(append([]string{}, small...), "ticks=3", "fixed.labour=true"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := agents.Build(sc.Config, 1)
	if err != nil {
		t.Fatal(err)
	}
	e := m.(*agents.Economy)
	var h sim.Host = e
	if err := h.SetSectorShares([]float64{1}); err == nil {
		t.Error("one share for eight sectors accepted")
	}
	if err := h.SetSectorShares(make([]float64, len(h.Sectors()))); err == nil {
		t.Error("shares adding up to 0 accepted")
	}
	run, err := sim.Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run.Next(); err != nil {
		t.Fatal(err)
	}
	c := 0
	before := e.Platform().Capacity[c]
	h.SetCoopTarget(c, before/2) // units a month, a monthly clock: half of what it makes
	shares := make([]float64, len(h.Sectors()))
	for s := range shares {
		shares[s] = 1
	}
	shares[h.CoopSectorIndex(c)] = 0
	if err := h.SetSectorShares(shares); err != nil {
		t.Fatal(err)
	}
	if _, err := run.Next(); err != nil {
		t.Fatal(err)
	}
	if got := e.Platform().Capacity[c]; got > before/2+1e-9 {
		t.Errorf("co-op %d makes %g units with a plan of %g", c, got, before/2)
	}
	run.Close()
}

package agents_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// contractFor returns the contract for an embedded scenario with overrides; steady
// holds the same economy still for the allocation check.
func contractFor(t *testing.T, name string, ticks int, sets, steady []string) agentstest.Contract {
	t.Helper()
	load := func(sets []string) func(seed uint64) (sim.Model, error) {
		sc, err := scenarios.Load(name, sets)
		if err != nil {
			t.Fatal(err)
		}
		return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
	}
	c := agentstest.Contract{New: load(sets), Ticks: ticks}
	if steady != nil {
		c.Steady = load(append(append([]string{}, sets...), steady...))
	}
	return c
}

var heldStill = []string{"fixed.members=true", "fixed.labour=true", "fixed.foundation=true"}

func TestContractBaseline(t *testing.T) {
	agentstest.Run(t, contractFor(t, "baseline", 24, small, heldStill))
}

func TestContractWeekly(t *testing.T) {
	agentstest.Run(t, contractFor(t, "baseline", 30, append([]string{"clock=week"}, small...), heldStill))
}

// TestContractGrantsLastPayWithinMeans: grants spent last (so they wait and expire:
// the journal records each debit's split, and must rebuild the ledger) and pay set
// within means, with expiry short enough to fire in the run.
func TestContractGrantsLastPayWithinMeans(t *testing.T) {
	sets := append([]string{"issuance.spend_grants=last", "issuance.grant_expiry_months=3", "coops.pay=within_means"}, small...)
	agentstest.Run(t, contractFor(t, "baseline", 24, sets, heldStill))
}

// TestContractGrantTaint: grant tokens that stay grant tokens in members' hands
// (lots at every payee, made at Apply: the journal records split and lot).
func TestContractGrantTaint(t *testing.T) {
	sets := append([]string{"issuance.grant_taint=survives", "issuance.spend_grants=last", "issuance.grant_expiry_months=3"}, small...)
	agentstest.Run(t, contractFor(t, "baseline", 24, sets, heldStill))
}

func TestContractGiveaway(t *testing.T) {
	agentstest.Run(t, contractFor(t, "giveaway", 12, small, heldStill))
}

func TestContractTwoCoops(t *testing.T) {
	c := contractFor(t, "two-coops", 6, nil, nil)
	c.Seedless = true // Appendix 1's worked example draws nothing at random
	agentstest.Run(t, c)
}

func TestContractRandomExchange(t *testing.T) {
	for _, rule := range []string{"unit", "fraction"} {
		t.Run(rule, func(t *testing.T) {
			agentstest.Run(t, contractFor(t, "random-exchange", 20, []string{"members=40000", "random_exchange.rule=" + rule}, nil))
		})
	}
}

// TestContractCollect runs the contract with a collect section switched on: sampling
// members, co-ops and summaries every 3 ticks changes nothing in the run (the sink
// here drops the samples).
func TestContractCollect(t *testing.T) {
	sets := append(append([]string{}, small...), "collect.every=3", "collect.members=[balance, employer]", "collect.coops=[balance, workers]")
	c := contractFor(t, "baseline", 12, sets, nil)
	build := c.New
	c.New = func(seed uint64) (sim.Model, error) {
		m, err := build(seed)
		if err != nil {
			return nil, err
		}
		col, err := agents.NewCollector(m, func(*agents.Sample) error { return nil })
		if err != nil {
			return nil, err
		}
		return col.Model(), nil
	}
	c.Steady = nil
	// The section is on: a run of 12 ticks hands the sink 4 samples of members and 4
	// of co-ops.
	m, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	samples := 0
	col, err := agents.NewCollector(m, func(s *agents.Sample) error {
		if s.Len > 0 && s.Tick%3 == 0 {
			samples++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Run(col.Model(), &sim.Options{Ticks: 12}); err != nil {
		t.Fatal(err)
	}
	if samples != 8 {
		t.Fatalf("%d samples in 12 ticks collected every 3, want 4 of members and 4 of co-ops", samples)
	}
	agentstest.Conservation(t, c)
	agentstest.Workers(t, c)
	agentstest.Determinism(t, c)
	agentstest.Journal(t, c)
}

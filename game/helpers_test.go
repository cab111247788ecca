package game

import (
	"testing"
)

// must fails the test on err.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// plan is a canvas that passes its tests in the getgo scenario with seed 1: three
// founders offering care at the market price.
var plan = map[string]string{
	BoxCoproduction: "With the families we care for", BoxCustomers: "Older people living at home",
	BoxWhy: "They want to stay independent", BoxHowMany: "150", BoxValue: "Daily visits and help",
	BoxPrice: "19", BoxAfford: "Market price in the simulated economy", BoxChannels: "Word of mouth and a website",
	BoxMarketing: "200", BoxRelationships: "A weekly call", BoxActivities: "Visits, scheduling, training",
	BoxBurn: "3", BoxMVS: "Visits in one locality", BoxResources: "Phones and a car",
	BoxFunding: "bootstrap", BoxStartFunds: "6000", BoxSuppliers: "A transport co-op",
	BoxChanges: "Cuts to household budgets", BoxLikelihood: "medium",
	BoxOnline: "hybrid", BoxOffering: "service",
}

// atCanvas returns a new game (getgo scenario, seed) in phase 2 with the plan filled in.
func atCanvas(t testing.TB, seed uint64) *Game { return atCanvasIn(t, "", seed) }

// atCanvasIn is atCanvas in scenario.
func atCanvasIn(t testing.TB, scenario string, seed uint64) *Game {
	t.Helper()
	g, err := New(scenario, seed)
	must(t, err)
	must(t, g.Advance())
	for _, id := range sortedKeys(plan) {
		must(t, g.SetBox(id, plan[id]))
	}
	return g
}

// atLiving returns a game that has passed the Test Game and started the living co-op.
func atLiving(t testing.TB, seed uint64, turnLength string) *Game {
	t.Helper()
	return atLivingIn(t, "", seed, turnLength)
}

// atLivingIn is atLiving in scenario.
func atLivingIn(t testing.TB, scenario string, seed uint64, turnLength string) *Game {
	t.Helper()
	g := atCanvasIn(t, scenario, seed)
	must(t, g.Advance()) // to the Test Canvas
	must(t, g.Advance()) // to the Test Game
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		r, err := g.RunTest(box)
		must(t, err)
		if !r.Passed {
			t.Fatalf("plan's test %s failed: %+v", box, r)
		}
	}
	g.TurnLength = turnLength
	must(t, g.Advance())
	if g.Phase != PhaseLiving {
		t.Fatalf("phase = %v, want Living Co-op", g.Phase)
	}
	return g
}

// play plays n turns, answering every card with its first response and accepting no
// trades.
func play(t *testing.T, g *Game, n int) {
	t.Helper()
	for range n {
		d := g.NextDecisions()
		for _, c := range g.Living().PendingCards() {
			if d.Respond == nil {
				d.Respond = map[string]int{}
			}
			d.Respond[c.ID] = 0
		}
		must(t, g.Turn(d))
	}
}

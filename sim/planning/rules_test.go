package planning_test

import (
	"math"
	"slices"
	"testing"

	"github.com/copex/copex/sim/planning"
)

func TestPriceRules(t *testing.T) {
	for _, tc := range []struct {
		rule                  planning.PriceRule
		price, supply, demand float64
		want                  float64
	}{
		{planning.Proportional{Speed: 0.3}, 1, 100, 150, 1.15},          // 1 x (1 + 0.3 x 50/100)
		{planning.Proportional{Speed: 0.3}, 2, 100, 50, 1.7},            // 2 x (1 - 0.3 x 0.5)
		{planning.Proportional{Speed: 0.3}, 1, 1, 100, 1.5},             // step clamped at MaxStep 0.5
		{planning.Proportional{Speed: 0.3, MaxStep: 0.2}, 1, 1, 0, 0.8}, // clamped at -0.2
		{planning.Proportional{Speed: 0.3}, 1, 0, 5, 1.5},               // no supply: +MaxStep
		{planning.Proportional{Speed: 0.3}, 1, 0, 0, 1},                 // neither: unchanged
		{planning.Pequod{}, 100, 100, 150, 104},                         // e = 50/125 = 0.4, step 0.1 x 0.4
		{planning.Pequod{}, 100, 150, 100, 96},                          // a surplus lowers it
		{planning.Pequod{}, 100, 100, 1000, 110},                        // step at most Delta 0.1
		{planning.Pequod{}, 100, 1000, 1000.1, 100.1},                   // step at least Floor 0.001
		{planning.Pequod{Delta: 0.2}, 100, 0, 10, 120},                  // no supply: e = 2, step Delta
	} {
		if got := tc.rule.Next(tc.price, tc.supply, tc.demand); math.Abs(got-tc.want) > 1e-12*tc.want {
			t.Errorf("%+v.Next(%v, %v, %v) = %v, want %v", tc.rule, tc.price, tc.supply, tc.demand, got, tc.want)
		}
	}
}

// A faster speed plans a Pequod-sized economy in fewer rounds, up to the point
// where it overshoots (speed near 1/(1+e), see Proportional): the knob moves the
// result the way the rule's analysis says.
func TestSpeedKnob(t *testing.T) {
	var got []int
	for _, speed := range []float64{0.1, 0.2, 0.3} {
		cfg := planning.DefaultConfig()
		cfg.Rule = planning.Proportional{Speed: speed}
		p, err := planning.NewPlanner(pequodEconomy(1, 600, 600, 20), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Plan(nil)
		if err != nil || !r.Converged {
			t.Fatalf("speed %v: %+v %v", speed, r, err)
		}
		got = append(got, r.Rounds)
	}
	if !(got[0] > got[1] && got[1] > got[2]) {
		t.Errorf("rounds at speeds 0.1, 0.2, 0.3: %v, want decreasing", got)
	}
	t.Logf("rounds at speeds 0.1, 0.2, 0.3: %v", got)
}

// Nil rules are DefaultConfig's: the same plan, round for round.
func TestNilRulesAreDefault(t *testing.T) {
	plan := func(cfg planning.Config) []float64 {
		p, err := planning.NewPlanner(pequodEconomy(4, 300, 300, 10), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Plan(nil)
		if err != nil {
			t.Fatal(err)
		}
		return append([]float64{float64(r.Rounds), p.Wage()}, p.Prices()...)
	}
	got, want := plan(planning.Config{MaxRounds: 100, Tolerance: 0.03}), plan(planning.DefaultConfig())
	if !slices.Equal(got, want) {
		t.Errorf("plan with nil rules %v, with DefaultConfig %v", got, want)
	}
}

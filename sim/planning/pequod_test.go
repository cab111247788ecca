package planning_test

import (
	"math"
	"slices"
	"testing"

	"github.com/copex/copex/sim/planning"
)

// TestPequodComparison plans Pequod-sized economies (3,000 consumers' and 3,000
// workers' councils, 50 goods; pequodEconomy states the ranges) for seeds 1..20, cold
// from every price at 1, then a year later (nextYear's changes) warm from the first
// plan's prices, with Pequod's stopping rule (every excess within 3%). Pequod
// reports 15-23 rounds cold (median 19) and 9-10 warm; the median here must be no
// more than 19 cold and 10 warm, and every plan must converge.
func TestPequodComparison(t *testing.T) {
	cold, warm := rounds(t, planning.DefaultConfig(), 20)
	t.Logf("proportional rule: cold min/median/max %d/%v/%d, warm %d/%v/%d",
		cold[0], median(cold), cold[len(cold)-1], warm[0], median(warm), warm[len(warm)-1])
	if m := median(cold); m > 19 {
		t.Errorf("cold median %v rounds, want <= 19 (%v)", m, cold)
	}
	if m := median(warm); m > 10 {
		t.Errorf("warm median %v rounds, want <= 10 (%v)", m, warm)
	}
	if testing.Short() {
		return
	}
	// How warm rounds grow with the size of a year's change, for the record.
	for _, spread := range []float64{0.2, 0.4} {
		var ws []int
		for seed := uint64(1); seed <= 20; seed++ {
			e := pequodEconomy(seed, 3000, 3000, 50)
			p, err := planning.NewPlanner(e, planning.DefaultConfig(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Plan(nil); err != nil {
				t.Fatal(err)
			}
			change(e, seed, spread)
			r, err := p.Plan(nil)
			if err != nil || !r.Converged {
				t.Fatalf("seed %d, change %v: %+v %v", seed, spread, r, err)
			}
			ws = append(ws, r.Rounds)
		}
		slices.Sort(ws)
		t.Logf("warm after changes of +-%v: min/median/max %d/%v/%d", spread, ws[0], median(ws), ws[len(ws)-1])
	}
	// Pequod's own rule (price steps at most 10%), for comparison only.
	cfg := planning.DefaultConfig()
	cfg.MaxRounds = 300
	cfg.Rule, cfg.WageRule = planning.Pequod{}, planning.Pequod{}
	cold, warm = rounds(t, cfg, 5)
	t.Logf("Pequod's rule: cold %v, warm %v", cold, warm)
}

// rounds plans the first n seeds cold and warm and returns the sorted round counts;
// a plan that does not converge fails the test.
func rounds(t *testing.T, cfg planning.Config, n int) (cold, warm []int) {
	for seed := uint64(1); seed <= uint64(n); seed++ {
		e := pequodEconomy(seed, 3000, 3000, 50)
		p, err := planning.NewPlanner(e, cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Plan(nil)
		if err != nil || !r.Converged || worstExcess(p) > 0.03 {
			t.Fatalf("seed %d cold: %+v, %v, largest excess %v", seed, r, err, worstExcess(p))
		}
		cold = append(cold, r.Rounds)
		nextYear(e, seed)
		if r, err = p.Plan(nil); err != nil || !r.Converged || worstExcess(p) > 0.03 {
			t.Fatalf("seed %d warm: %+v, %v, largest excess %v", seed, r, err, worstExcess(p))
		}
		warm = append(warm, r.Rounds)
	}
	slices.Sort(cold)
	slices.Sort(warm)
	return cold, warm
}

// worstExcess recomputes the largest |excess| of the last round from its supply and
// demand, not from the planner's own excess.
func worstExcess(p *planning.Planner) float64 {
	w := 0.0
	for k, s := range p.Supply() {
		w = max(w, math.Abs(p.Demand()[k]-s)/s)
	}
	return w
}

func median(x []int) float64 {
	s := slices.Sorted(slices.Values(x))
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

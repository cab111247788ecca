package governance_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/copex/copex/sim/governance"
)

// TestCompetenceKahng shows the known result of Kahng, Mackenzie & Procaccia (2018)
// qualitatively, on stated seeds. 1001 voters of competence uniform on [0.45, 0.65],
// each knowing 30 others, delegating to any more competent neighbour (α = 0): nearly
// everyone delegates, chains climb to a few local maxima, and about 32 voters cast all
// the weight (the largest about 150), so the majority is right less often than under
// direct voting, whose 1001 independent votes of mean competence 0.55 are right with
// probability ≈ 0.999. A cap of 3, the refused delegators voting themselves, spreads
// the weight back over ~940 voters and recovers the loss. With a margin α = 0.05 far
// fewer delegate, to clearly better voters, and delegation beats direct voting.
//
// Tolerances: each gain is a paired mean over 100 replicates with its standard error;
// "loses" and "gains" require 5 standard errors (a one-sided chance below 3e-7 of the
// sign being wrong under a normal approximation). The cap's recovery is required to
// be at least 90% of the loss, and a cap of 1 must equal direct voting exactly (every
// voter then casts its own vote).
func TestCompetenceKahng(t *testing.T) {
	base := governance.Competence{Voters: 1001, Degree: 30, Alpha: 0, PMin: 0.45, PMax: 0.65, Cap: 3, Replicates: 100}
	if testing.Short() {
		base.Replicates = 30
	}
	res, err := base.Run(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("α 0: direct %.4f, liquid %.4f (gain %.4f ± %.4f, max weight %.1f, %.0f casters), cap 3 %.4f (gain %.5f ± %.5f, %.0f casters); %.0f%% delegate",
		res.Direct.Mean, res.Liquid.Mean, res.LiquidGain.Mean, res.LiquidGain.StdErr, res.MaxWeightLiquid, res.CastersLiquid,
		res.Capped.Mean, res.CappedGain.Mean, res.CappedGain.StdErr, res.CastersCapped, 100*res.Delegating)
	if res.LiquidGain.Mean+5*res.LiquidGain.StdErr >= 0 {
		t.Errorf("unrestricted delegation gain %v ± %v, want a loss beyond 5 standard errors", res.LiquidGain.Mean, res.LiquidGain.StdErr)
	}
	if res.MaxWeightLiquid < 50 || res.CastersLiquid > 100 {
		t.Errorf("max weight %v over %v casters: want the weight concentrated (many delegating to few)", res.MaxWeightLiquid, res.CastersLiquid)
	}
	se := res.LiquidGain.StdErr + res.CappedGain.StdErr // bounds the SE of the paired difference
	if res.CappedGain.Mean-res.LiquidGain.Mean <= 5*se || res.CappedGain.Mean < 0.1*res.LiquidGain.Mean {
		t.Errorf("capped gain %v, liquid gain %v: want the cap to recover at least 90%% of the loss", res.CappedGain.Mean, res.LiquidGain.Mean)
	}
	if res.MaxWeightCapped > 3 {
		t.Errorf("capped max weight %v, want ≤ 3", res.MaxWeightCapped)
	}

	one := base
	one.Cap = 1
	r1, err := one.Run(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if r1.Capped != r1.Direct || r1.Liquid != res.Liquid {
		t.Errorf("cap 1: capped %v, direct %v, want equal (and liquid %v as with cap 3, %v)", r1.Capped, r1.Direct, r1.Liquid, res.Liquid)
	}

	margin := base
	margin.Alpha = 0.05
	rm, err := margin.Run(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("α 0.05: direct %.5f, liquid %.5f (gain %.5f ± %.5f, max weight %.1f, %.0f casters); %.0f%% delegate",
		rm.Direct.Mean, rm.Liquid.Mean, rm.LiquidGain.Mean, rm.LiquidGain.StdErr, rm.MaxWeightLiquid, rm.CastersLiquid, 100*rm.Delegating)
	if rm.LiquidGain.Mean-5*rm.LiquidGain.StdErr <= 0 {
		t.Errorf("α 0.05: delegation gain %v ± %v, want a gain beyond 5 standard errors", rm.LiquidGain.Mean, rm.LiquidGain.StdErr)
	}
}

// TestCompetenceBinomial: with every competence equal nobody approves anybody, so all
// three mechanisms are direct voting, whose accuracy is the binomial tail
// P(Bin(n, p) > n/2) (n odd), computed here by gonum; the DP must match it to 1e-12
// (both sum about n terms of size ≤ 1 in float64).
func TestCompetenceBinomial(t *testing.T) {
	for _, tc := range []struct {
		n int
		p float64
	}{{1, 0.7}, {11, 0.55}, {101, 0.6}, {301, 0.48}} {
		c := governance.Competence{Voters: tc.n, Degree: min(5, tc.n-1), PMin: tc.p, PMax: tc.p, Cap: 2, Replicates: 3}
		res, err := c.Run(rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		want := 1 - distuv.Binomial{N: float64(tc.n), P: tc.p}.CDF(float64(tc.n/2))
		for name, a := range map[string]governance.Accuracy{"direct": res.Direct, "liquid": res.Liquid, "capped": res.Capped} {
			if math.Abs(a.Mean-want) > 1e-12 || a.StdErr > 1e-12 {
				t.Errorf("n %d p %v: %s accuracy %v, want binomial %v", tc.n, tc.p, name, a, want)
			}
		}
		if res.Delegating != 0 {
			t.Errorf("n %d: %v delegate, want none", tc.n, res.Delegating)
		}
	}
}

// TestCompetenceBadInput: each bad setting is an error naming the field.
func TestCompetenceBadInput(t *testing.T) {
	ok := governance.Competence{Voters: 10, Degree: 3, PMin: 0.4, PMax: 0.6, Cap: 2, Replicates: 1}
	for _, tc := range []struct {
		mod  func(*governance.Competence)
		want string
	}{
		{func(c *governance.Competence) { c.Voters = 0 }, "voters 0: want 1..2147483647"},
		{func(c *governance.Competence) { c.Degree = 10 }, "degree 10: want 0..9"},
		{func(c *governance.Competence) { c.PMax = 1.2 }, "competence range [0.4, 1.2]: want 0 ≤ min ≤ max ≤ 1"},
		{func(c *governance.Competence) { c.Alpha = math.NaN() }, "alpha NaN: want a finite α ≥ 0"},
		{func(c *governance.Competence) { c.Cap = 0 }, "cap 0: want at least 1"},
		{func(c *governance.Competence) { c.Replicates = 0 }, "replicates 0: want at least 1"},
	} {
		c := ok
		tc.mod(&c)
		if _, err := c.Run(rand.New(rand.NewPCG(1, 1))); err == nil || err.Error() != tc.want {
			t.Errorf("Run error = %v, want %q", err, tc.want)
		}
	}
}

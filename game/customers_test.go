package game

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestFiguresCalibrated loads Riverside's figures (6 members paid 760, price 21, 260
// customers a month, revenue 5,460, treasury 4,000; its innovation left out, so the
// game starts the living co-op at once) and plays its first months with the default
// decisions, over seeds 1 to 3: the co-op sells what its figures say and lives.
//
// The reference is the figures and a plain re-computation of the customer base's rule
// from what the game reports: in turn k the base is 260 × (M/M₀)² units, M₀ the going
// price shown before the first turn and M the going price the last turn closed at
// (the price is left at 21, so only the market moves it). The regulars buy at most
// the base (and a unit of rounding), and the co-op sells at least the base or all it
// offered, whichever is less, less 1% (regulars short of money; rounding). Revenue is
// the units at 21 tokens. And overall, each of the first three months sells within
// -10% and +15% of the stated customers and revenue, which is what "reproduces its
// real revenue" is held to: the co-op then sells out what it makes, the stated 260
// and the service focus's tenth, and the engine's grant-funded capacity (observed up
// to 3.5% over the three months) on the platform. The test fails if the base is
// dropped (seed 1 then sells 80 to 230), or priced by a different rule.
func TestFiguresCalibrated(t *testing.T) {
	data := strings.Replace(riverside(t), "innovation: Evening visits", `innovation: ""`, 1)
	for seed := uint64(1); seed <= 3; seed++ {
		g, err := FromFigures("riverside.yaml", []byte(data), "", seed)
		must(t, err)
		if g.Phase != PhaseLiving {
			t.Fatalf("seed %d: figures without an innovation open in %v, want the living co-op", seed, g.Phase)
		}
		m0 := ledger.Float(g.Living().View.Market)
		market := m0
		for k := range 6 {
			must(t, g.Turn(g.NextDecisions()))
			lv := g.Living()
			if lv.Failed {
				t.Fatalf("seed %d: the co-op failed in turn %d", seed, k+1)
			}
			p := lv.History[k]
			base := 260 * math.Pow(market/m0, baseElasticity)
			if r := float64(p.Regulars); r > base+1 {
				t.Errorf("seed %d turn %d: the regulars bought %d units, want at most the base's %.1f (going price %.3g against %.3g at the start)", seed, k+1, p.Regulars, base, market, m0)
			}
			if lo := 0.99*min(base, float64(p.Offered)) - 1; float64(p.Sold) < lo || p.Sold > p.Offered+1 {
				t.Errorf("seed %d turn %d: sold %d of %d offered, want at least %.1f (the base's %.1f, or the offer)", seed, k+1, p.Sold, p.Offered, lo, base)
			}
			if got, want := ledger.Float(p.Sales), 21*float64(p.Sold); math.Abs(got-want) > 0.01*want+21 {
				t.Errorf("seed %d turn %d: sales %.2f for %d units at 21, want %.2f", seed, k+1, got, p.Sold, want)
			}
			if k < 3 {
				if s := float64(p.Sold); s < 0.9*260 || s > 1.15*260 {
					t.Errorf("seed %d turn %d: sold %d units, want the stated 260 within -10%% and +15%%", seed, k+1, p.Sold)
				}
				if r := ledger.Float(p.Sales); r < 0.9*5460 || r > 1.15*5460 {
					t.Errorf("seed %d turn %d: revenue %.0f, want the stated 5,460 within -10%% and +15%%", seed, k+1, r)
				}
			}
			market = ledger.Float(p.Market)
		}
	}
}

// TestInnovationActs runs Riverside's Test Game with its innovation (40 more customers
// a month) and with three times as many, each over six seeds: the trial measures the
// extra units sold and what they pay, and both follow the figures. The extra units
// are the innovation's customers (its customers join the base: 40 units exactly at
// the starting price, times the going-price factor, a few per cent over the trial)
// plus the service focus's tenth of the innovation's extra capacity sold on the
// platform, so 0.9 to 1.2 times them over the seeds. One seed's trial is one market's
// draw and strays further (from 0.93 to 1.73 times 40 over seeds 1-20), so each seed
// is only held to 0.75 to 1.5 times and a unit: the innovation acts, and is not
// counted twice. What it pays is a plain reckoning
// in the test: the extra units at 21 tokens, less their inputs (care buys food at 5%
// of its value), less the extra pay (the members' rate for the extra customers,
// 760 × 6 × extra / 260), within 8% of the extra sales (the measured extra units
// against the stated; the base's inputs are bought from co-ops of other localities
// with the levy on top). Without the innovation acting (no extra customers nor pay),
// both measures are about 0 and this fails.
func TestInnovationActs(t *testing.T) {
	const seeds = 6
	for _, extra := range []float64{40, 120} {
		var ratio float64 // the extra units sold over the stated, summed over the seeds
		for seed := uint64(1); seed <= seeds; seed++ {
			data := strings.Replace(riverside(t), "innovation_customers: 40", fmt.Sprintf("innovation_customers: %g", extra), 1)
			g, err := FromFigures("riverside.yaml", []byte(data), "", seed)
			must(t, err)
			must(t, g.Advance()) // to the Test Game
			r, err := g.RunTest(TestInnovationCustomers)
			must(t, err)
			ratio += r.Measured / extra
			if r.Measured < 0.75*extra || r.Measured > 1.5*extra+1 {
				t.Errorf("innovation of %g customers, seed %d: measured %g extra units sold, want %g to %g", extra, seed, r.Measured, 0.75*extra, 1.5*extra+1)
			}
			if !r.Passed {
				t.Errorf("innovation of %g customers, seed %d: failed its own figure (measured %g, pass %g)", extra, seed, r.Measured, r.Pass)
			}
			pays, err := g.RunTest(TestInnovationPays)
			must(t, err)
			sales := 21 * extra
			want := sales*(1-0.05) - 760*6*extra/260
			if math.Abs(pays.Measured-want) > 0.08*sales {
				t.Errorf("innovation of %g customers, seed %d: pays %g tokens a month, want %.0f ± %.0f", extra, seed, pays.Measured, want, 0.08*sales)
			}
		}
		if m := ratio / seeds; m < 0.9 || m > 1.2 {
			t.Errorf("innovation of %g customers: %.3f times as many extra units sold as stated over %d seeds, want 0.9 to 1.2", extra, m, seeds)
		}
	}
}

// TestGrantUseActs plays Riverside (no innovation) for six months with each grant use
// on the same seed: the choice goes to the engine (SetCoopGrantUse), which spends each
// month's grant as it arrives. Against leaving the grant for running costs (nothing
// earmarked): capacity buys equipment, so productivity ends higher; paying members
// pays the grant out as their bonus, so the members hold more and the co-op less,
// with productivity no higher; innovation raises productivity and reputation. Each
// comparison is of the same economy and seed, so any difference is the choice's.
func TestGrantUseActs(t *testing.T) {
	data := strings.Replace(riverside(t), "innovation: Evening visits", `innovation: ""`, 1)
	type end struct {
		prod, rep        float64
		members, treasry ledger.Amount
		rule             string
	}
	play := func(use string) end {
		g, err := FromFigures("riverside.yaml", []byte(data), "", 1)
		must(t, err)
		for range 6 {
			d := g.NextDecisions()
			d.GrantUse = use
			must(t, g.Turn(d))
		}
		lv := g.Living()
		var held ledger.Amount
		for _, i := range lv.coop.members() {
			held += lv.coop.e.Balance(i)
		}
		return end{prod: lv.View.Productivity, rep: lv.View.Reputation, members: held, treasry: lv.View.Treasury + lv.View.Savings, rule: lv.View.GrantRule}
	}
	running, capacity, pay, innovation := play("running"), play("capacity"), play("pay"), play("innovation")
	t.Logf("running %+v\ncapacity %+v\npay %+v\ninnovation %+v", running, capacity, pay, innovation)
	if !(capacity.prod > running.prod*1.01) {
		t.Errorf("grant to capacity: productivity %.2f, want above the %.2f of running costs by more than 1%%", capacity.prod, running.prod)
	}
	if !(pay.members > running.members) || !(pay.treasry < running.treasry) || pay.prod > running.prod {
		t.Errorf("grant to members' pay: members hold %s and the co-op %s (productivity %.2f); running costs: %s, %s (%.2f); want more to the members, less kept, productivity no higher",
			ledger.Format(pay.members), ledger.Format(pay.treasry), pay.prod, ledger.Format(running.members), ledger.Format(running.treasry), running.prod)
	}
	if !(innovation.prod > running.prod) || !(innovation.rep > running.rep) {
		t.Errorf("grant to innovation: productivity %.2f, reputation %.3f; running costs: %.2f, %.3f; want both higher", innovation.prod, innovation.rep, running.prod, running.rep)
	}
	if !strings.Contains(capacity.rule, "100% on capacity") || !strings.Contains(pay.rule, "100% as a bonus") {
		t.Errorf("the decisions screen's grant rule: %q, %q", capacity.rule, pay.rule)
	}
}

// TestBaseFollowsPrice: Riverside's customer base after its first turn at its own
// price (21) and a fifth dearer (25.2), over two seeds, is the base's rule recomputed
// from what the screen shows: 260 × ((21 / M₀) / (P / M))², M₀ the going price before
// the first turn and M after it, within a unit (View.Base is rounded). The dearer
// co-op keeps (1/1.2)² ≈ 69% of its base, as the elasticity of 2 says; a base that
// ignored the price, or the market, fails.
func TestBaseFollowsPrice(t *testing.T) {
	data := strings.Replace(riverside(t), "innovation: Evening visits", `innovation: ""`, 1)
	for seed := uint64(1); seed <= 2; seed++ {
		var bases []float64
		for _, price := range []float64{21, 25.2} {
			g, err := FromFigures("riverside.yaml", []byte(data), "", seed)
			must(t, err)
			m0 := ledger.Float(g.Living().View.Market)
			d := g.NextDecisions()
			d.Price = price
			must(t, g.Turn(d))
			v := g.Living().View
			want := 260 * math.Pow((21/m0)/(price/ledger.Float(v.Market)), 2)
			if math.Abs(v.Base-want) > 1 {
				t.Errorf("seed %d, price %g: base %g units, want %.1f (going price %.4g, %.4g before)", seed, price, v.Base, want, ledger.Float(v.Market), m0)
			}
			bases = append(bases, v.Base)
		}
		if r := bases[1] / bases[0]; r > 0.75 || r < 0.63 {
			t.Errorf("seed %d: a fifth dearer keeps %.0f%% of the base, want about 69%%", seed, 100*r)
		}
	}
}

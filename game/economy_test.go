package game

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// sectorSales returns the units the other co-ops of the player's sector sold in the
// tick just run, read from the engine's Exchange Platform, and the player's own.
func sectorSales(g *Game) (others, own float64) {
	c := g.live.coop
	p := c.e.Platform()
	for o := range c.e.Coops() {
		if !c.e.CoopAlive(o) || c.e.CoopSectorIndex(o) != c.sector || p.Price[o] <= 0 {
			continue
		}
		units := float64(p.Sold[o]) / float64(p.Price[o])
		if o == c.id {
			own += units
		} else {
			others += units
		}
	}
	return others, own
}

// TestPriceTakesSalesFromTheSector: the player's co-op is on the engine's Exchange
// Platform, so its price moves the market. Priced at half the going price, with
// capacity to serve what that brings, it sells more units, and the sector's other
// co-ops fewer, than the same co-op at the going price in the same economy (same
// scenario and seed), over six months, read from the platform. Members spend a share
// of their budget on each sector whatever its prices (agents' demand), so what the
// cheap co-op gains in units the others lose; the direction is the prediction of the
// platform's matching (buyers pick the best-scored of their candidate offers, price
// weighing most), checked on three seeds.
func TestPriceTakesSalesFromTheSector(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		var others, own [2]float64
		for k, share := range []float64{1, 0.5} {
			g := atLiving(t, seed, "month")
			going := ledger.Float(g.Living().View.Market)
			for range 6 {
				d := g.NextDecisions()
				d.Price, d.Pay, d.Workers = share*going, 300, 4
				must(t, g.Turn(d))
				if g.Living().Failed {
					t.Fatalf("seed %d: the co-op priced at %.1f of the going price failed", seed, share)
				}
				o, m := sectorSales(g)
				others[k] += o
				own[k] += m
			}
		}
		t.Logf("seed %d: units in six months at the going price: own %.0f, others %.0f; at half: own %.0f, others %.0f", seed, own[0], others[0], own[1], others[1])
		if !(own[1] > own[0]) || !(others[1] < others[0]) {
			t.Errorf("seed %d: at half the going price the co-op sold %.0f units (%.0f at the going price) and the sector's others %.0f (%.0f): want more for it, fewer for them",
				seed, own[1], own[0], others[1], others[0])
		}
	}
}

// TestSurplusHasConsequences plays the same co-op in the same economy four times,
// each deciding its surplus differently for a year, then has nothing to sell for three
// months (it lists none of its output: Offer 0, so no sales and no grant).
// Saved, the surplus carries the co-op through those months with its pay met; paid
// out, nothing is left and pay falls short. Invested, its productivity is above the
// saving co-op's; given, the Foundation got it. Each figure is the engine's.
func TestSurplusHasConsequences(t *testing.T) {
	type result struct {
		short        int
		saved, bonus ledger.Amount
		invested     ledger.Amount
		given        ledger.Amount
		productivity float64
	}
	res := map[string]result{}
	for _, use := range []string{"save", "payout", "invest", "foundation"} {
		g := atLiving(t, 1, "month")
		var r result
		for range 12 {
			d := g.NextDecisions()
			d.Surplus = use
			must(t, g.Turn(d))
		}
		lv := g.Living()
		for _, p := range lv.History {
			r.saved += p.Saved
			r.bonus += p.Bonus
			r.invested += p.Invested
			r.given += p.Given
		}
		r.productivity = lv.View.Productivity
		for range 3 {
			d := g.NextDecisions()
			d.Surplus, d.Offer = use, 0
			must(t, g.Turn(d))
			if n := len(lv.History); lv.History[n-1].Short {
				r.short++
			}
		}
		res[use] = r
	}
	if s := res["save"]; s.saved <= 0 || s.short != 0 || s.bonus != 0 {
		t.Errorf("saving: saved %s, paid out %s, %d months short in the bad quarter; want savings that meet pay", ledger.Format(s.saved), ledger.Format(s.bonus), s.short)
	}
	if p := res["payout"]; p.bonus <= 0 || p.short == 0 {
		t.Errorf("paying out: %s paid out, %d months short in the bad quarter; want a bonus and no cushion", ledger.Format(p.bonus), p.short)
	}
	if i := res["invest"]; i.invested <= 0 || !(i.productivity > res["save"].productivity) {
		t.Errorf("investing: %s invested, productivity %.2f against %.2f saving; want more", ledger.Format(i.invested), i.productivity, res["save"].productivity)
	}
	if f := res["foundation"]; f.given <= 0 {
		t.Errorf("giving: %s given to the Foundation", ledger.Format(f.given))
	}
}

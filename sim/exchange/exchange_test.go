package exchange

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func tok(f float64) ledger.Amount { return ledger.Tokens(f) }

func newTwoSector(cfg Config) *Platform {
	return New(cfg, []ledger.Amount{tok(1), tok(10)}, []float64{0.5, 0.5}, 9)
}

func TestRationingIsProRata(t *testing.T) {
	p := newTwoSector(Default())
	o := p.AddOffer(0, 0, tok(1), 100) // 100 tokens on offer
	p.BeginTick()
	p.BeginMonth()
	p.Order(o, tok(150))
	p.Order(o, tok(50))
	p.Ration()
	// 200 ordered for 100 on offer: every order is half filled, whatever its turn.
	for _, c := range []struct{ ordered, want float64 }{{150, 75}, {50, 25}} {
		if got := p.Fill(o, tok(c.ordered)); got != tok(c.want) {
			t.Errorf("Fill(%g) = %s, want %g", c.ordered, ledger.Format(got), c.want)
		}
	}
	p.Settle(o, 4, tok(150), tok(75))
	out := make([]ledger.Amount, 2)
	p.UnmetBySector(out)
	if out[0] != tok(75) || out[1] != 0 {
		t.Errorf("unmet = %v, want 75 tokens in sector 0", out)
	}
	p.BeginTick()
	p.BeginMonth()
	if s, l, v := p.LargestWant(); s != 0 || l != 4 || v != tok(75) {
		t.Errorf("LargestWant() = %d, %d, %s; want 0, 4, 75", s, l, ledger.Format(v))
	}
	p.BeginTick()
	p.BeginMonth() // listed wants decay by half a month
	if _, _, v := p.LargestWant(); v != tok(37.5) {
		t.Errorf("listed want after a month = %s, want 37.5", ledger.Format(v))
	}
}

func TestLevyAndDistance(t *testing.T) {
	cfg := Default()
	cfg.LevyRate = 0.01
	p := newTwoSector(cfg) // 9 localities on a 3x3 grid
	for _, c := range []struct {
		a, b, d int
		levy    float64
	}{{0, 0, 0, 0}, {0, 1, 1, 1}, {0, 8, 4, 4}, {2, 6, 4, 4}} {
		if got := p.Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%d, %d) = %d, want %d", c.a, c.b, got, c.d)
		}
		if got := p.Levy(tok(100), c.a, c.b); got != tok(c.levy) {
			t.Errorf("Levy(100, %d, %d) = %s, want %g", c.a, c.b, ledger.Format(got), c.levy)
		}
	}
}

func TestPricesRespondToPressure(t *testing.T) {
	cfg := Default()
	p := newTwoSector(cfg)
	hot := p.AddOffer(0, 0, tok(1), 10)
	cold := p.AddOffer(0, 0, tok(1), 10)
	p.BeginTick()
	p.BeginMonth()
	p.Order(hot, tok(20)) // sold out
	p.Order(cold, tok(2)) // 80% unsold
	p.Ration()
	p.Settle(hot, 0, tok(20), p.Fill(hot, tok(20)))
	p.Settle(cold, 0, tok(2), p.Fill(cold, tok(2)))
	p.AdjustPrices(nil)
	if p.Price[hot] != tok(1.02) || p.Price[cold] != tok(0.98) {
		t.Errorf("prices = %s, %s; want 1.02, 0.98", ledger.Format(p.Price[hot]), ledger.Format(p.Price[cold]))
	}
	// Reputation moves a fifth of the way to the mean of quality (0.5) and delivery: the
	// sold-out offer delivered half of what was asked, the other all of it.
	if math.Abs(p.Reputation[hot]-0.5) > 1e-12 || math.Abs(p.Reputation[cold]-0.55) > 1e-12 {
		t.Errorf("reputations %g, %g; want 0.5, 0.55", p.Reputation[hot], p.Reputation[cold])
	}
	if got := p.PriceIndex(); got != 1 {
		// Sector 0 averages (1.02+0.98)/2 = 1; sector 1 has no offers and is left out.
		t.Errorf("PriceIndex() = %g, want 1", got)
	}
}

func TestChoosePrefersCheapNearAndReputable(t *testing.T) {
	cfg := Default()
	cfg.Matching = Matching{Price: 1, Reputation: 0, Distance: 0, Candidates: 8}
	p := newTwoSector(cfg)
	cheap := p.AddOffer(1, 0, tok(8), 10)
	dear := p.AddOffer(1, 0, tok(12), 10)
	p.BeginTick()
	p.BeginMonth()
	r := rand.New(rand.NewPCG(1, 2))
	counts := map[int]int{}
	for range 1000 {
		counts[p.Choose(r, 1, 0, -1)]++
	}
	if counts[cheap] <= counts[dear]*10 {
		t.Errorf("chose cheap %d times and dear %d times; want cheap far more often", counts[cheap], counts[dear])
	}
	if got := p.Choose(r, 0, 0, -1); got != -1 {
		t.Errorf("Choose in a sector with no offers = %d, want -1", got)
	}
	if got := p.Choose(r, 1, 0, cheap); got != dear {
		t.Errorf("Choose excluding the cheap offer = %d, want %d", got, dear)
	}
	p.Close(dear)
	p.BeginTick()
	p.BeginMonth()
	if got := p.Choose(r, 1, 0, cheap); got != -1 {
		t.Errorf("Choose with the only other offer closed = %d, want -1", got)
	}
}

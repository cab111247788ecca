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
	cfg.Prices.Rule = "step"
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

// TestPricesFollowExcessDemand: under excess_demand, d ln p/dt = speed·z a month with
// z = (D − S)/max(D, S). Hand-worked, speed 0.2: an offer of 10 with 20 ordered has
// z = 0.5, so its price goes from 1 to e^0.1 = 1.105171; one with 2 ordered has
// z = −0.8 and goes to e^−0.16 = 0.852144; one with exactly what it offers ordered
// stays at 1.
func TestPricesFollowExcessDemand(t *testing.T) {
	p := newTwoSector(Default())
	hot := p.AddOffer(0, 0, tok(1), 10)
	cold := p.AddOffer(0, 0, tok(1), 10)
	even := p.AddOffer(0, 0, tok(1), 10)
	p.BeginTick()
	p.Order(hot, tok(20))
	p.Order(cold, tok(2))
	p.Order(even, tok(10))
	p.AdjustPrices(nil)
	for _, c := range []struct {
		o    int
		want string
	}{{hot, "1.105171"}, {cold, "0.852144"}, {even, "1"}} {
		if got := ledger.Format(p.Price[c.o]); got != c.want {
			t.Errorf("offer %d: price %s, want %s", c.o, got, c.want)
		}
	}
}

// TestPricesMovePerMonthNotPerTick: four weekly ticks (a quarter of a month each) of
// the same excess demand move a price as far as one monthly tick does, within the
// rounding of each tick's price to a micro-token (4 roundings: 2e-6 of a token).
func TestPricesMovePerMonthNotPerTick(t *testing.T) {
	for _, z := range []float64{0.5, -0.8, 0.1} {
		prices := map[float64]ledger.Amount{}
		for _, perTick := range []float64{1, 0.25} {
			p := newTwoSector(Default())
			p.SetTickLength(perTick)
			o := p.AddOffer(0, 0, tok(1), 10*perTick) // the same capacity a month
			for range int(1 / perTick) {
				p.BeginTick()
				// demand at the given excess: D = S/(1−z) when z>0, S(1+z) when z<0
				s := float64(p.Offered(o))
				d := s * (1 + z)
				if z > 0 {
					d = s / (1 - z)
				}
				p.Order(o, ledger.Amount(math.Round(d)))
				p.AdjustPrices(nil)
			}
			prices[perTick] = p.Price[o]
		}
		if diff := prices[1] - prices[0.25]; diff < -2 || diff > 2 {
			t.Errorf("z %g: a month of weekly ticks gives %s, a monthly tick %s", z, ledger.Format(prices[0.25]), ledger.Format(prices[1]))
		}
	}
}

// TestExpectationsCarryInflation: with adaptive expectations, a sector whose prices
// rose keeps rising at the expected rate when demand is balanced. Expectations 0.5:
// after a tick at z = 0.5 (ln change 0.1), expected inflation is 0.5·0.1 = 0.05 a
// month, so at z = 0 the price rises by e^0.05 the next month; without expectations
// it stays.
func TestExpectationsCarryInflation(t *testing.T) {
	for _, c := range []struct {
		beta float64
		want float64
	}{{0.5, math.Exp(0.1) * math.Exp(0.05)}, {0, math.Exp(0.1)}} {
		cfg := Default()
		cfg.Prices.Expectations = c.beta
		p := newTwoSector(cfg)
		o := p.AddOffer(0, 0, tok(1), 10)
		p.BeginTick()
		p.Order(o, tok(20))
		p.AdjustPrices(nil)
		p.BeginTick()
		p.Order(o, p.Offered(o))
		p.AdjustPrices(nil)
		if got := float64(p.Price[o]) / 1e6; math.Abs(got-c.want) > 2e-6 {
			t.Errorf("expectations %g: price %g, want %g", c.beta, got, c.want)
		}
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

// SpareTables' rule (draw one entry of the sector's list, take it when its price is at
// most the first offer's dearest) must choose exactly what ChooseSpare chooses for the
// same draw: checked here against ChooseSpare with a twin stream, and the lists against
// a plain scan of the offers.
func TestSpareTablesChooseAsChooseSpare(t *testing.T) {
	p := newTwoSector(Default()) // best_of, one candidate on re-routing, 25% markup
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		p.AddOffer(0, r.IntN(9), ledger.Amount(1+r.IntN(3_000_000)), float64(1+r.IntN(100)))
	}
	p.AddOffer(1, 0, tok(10), 5) // sector 1: one offer, ordered beyond its capacity
	for o := range 20 {
		p.Close(o * 7)
	}
	p.BeginTick()
	p.BeginMonth()
	for o := range p.Sector {
		if p.Open[o] {
			// about half the offers ordered beyond what they offer
			p.Order(o, ledger.Scale(p.Offered(o), 0.2+1.6*r.Float64()))
		}
	}
	p.Ration()
	p.BeginReroute()
	lists, firsts, ok := p.SpareTables()
	if !ok {
		t.Fatal("SpareTables not available for best_of with one candidate")
	}
	if len(lists[1]) != 1 || lists[1][0].Offer != -1 {
		t.Fatalf("sector with no capacity left lists %v, want only the entry of no offer", lists[1])
	}
	var want []SpareOffer
	for o := range p.Sector {
		if p.Sector[o] == 0 && p.Open[o] && p.Offered(o) > p.Demand[o] {
			want = append(want, SpareOffer{p.Price[o], int32(o)})
		}
	}
	if len(want) < 50 || len(want) > 150 {
		t.Fatalf("%d of 200 offers have capacity left: the test wants about half", len(want))
	}
	if len(lists[0]) != len(want) {
		t.Fatalf("sector 0 lists %d offers with capacity left, want %d", len(lists[0]), len(want))
	}
	for i := range want {
		if lists[0][i] != want[i] {
			t.Fatalf("list entry %d = %v, want %v", i, lists[0][i], want[i])
		}
	}
	taken := 0
	for from := range p.Sector {
		if !p.Open[from] || p.Offered(from) > p.Demand[from] {
			continue // re-routing starts from a rationed offer
		}
		s := int(p.Sector[from])
		a, b := rand.New(rand.NewPCG(uint64(from), 9)), rand.New(rand.NewPCG(uint64(from), 9))
		for range 50 {
			got := p.ChooseSpare(a, s, 0, from, -1)
			list := lists[s]
			c := list[0]
			if len(list) > 1 || list[0].Offer >= 0 {
				c = list[b.IntN(len(list))] // ChooseSpare draws nothing from an empty list
			}
			rule := -1
			if f := firsts[from+1]; f.Fill != p.fillLoc[from+1] {
				t.Fatalf("from offer %d: Fill %x, Ration's %x", from, f.Fill, p.fillLoc[from+1])
			}
			if c.Price <= firsts[from+1].Dearest {
				rule = int(c.Offer)
			}
			if got != rule {
				t.Fatalf("from offer %d: ChooseSpare chose %d, the tables' rule %d (entry %v, dearest %d)", from, got, rule, c, firsts[from+1].Dearest)
			}
			if got >= 0 {
				taken++
			}
		}
	}
	if taken == 0 {
		t.Error("no re-routed order was taken: the test checks nothing")
	}
}

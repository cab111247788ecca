package tokenmarket_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/tokenmarket"
)

// busy is a market with everything on: chartists switching, a coalition pumping and
// dumping every 60 steps, a sliding peg reviewed every 20 steps, and a platform that
// sells and buys back.
func busy() tokenmarket.Config {
	cfg := tokenmarket.Default()
	cfg.Coalition = tokenmarket.Coalition{Budget: 500_000 * unit, Start: 10, Pump: 10, Hold: 5, Dump: 10, Every: 60}
	cfg.Peg = tokenmarket.Peg{Kind: tokenmarket.PegSliding, Level: unit, Reserve: 200_000 * unit, Speed: 0.5}
	return cfg
}

// TestConservation runs the busy market for 3,000 steps and checks, every step, that
// tokens and outside money are conserved to the micro-unit: the traders', the
// coalition's and the defender's holdings change only by what the platform and the
// defender's handed-over tokens bring in and take out.
func TestConservation(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	m, err := tokenmarket.New(busy(), unit, r)
	if err != nil {
		t.Fatal(err)
	}
	tok0, cash0 := m.Holdings()
	res0 := m.Reserve()
	var platTok, platCash int64 // what the platform put in, net
	var sum tokenmarket.Price
	for s := 1; s <= 3000; s++ {
		in := tokenmarket.Input{Value: 1, Sell: int64(r.IntN(1000)) * unit, Spend: int64(r.IntN(1000)) * unit, DefenderTokens: 500 * unit}
		res, err := m.Step(in, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Sold > in.Sell || res.BoughtWith > in.Spend || res.DefSold > in.DefenderTokens {
			t.Fatalf("step %d: fills past the orders: %+v for %+v", s, res, in)
		}
		platTok += res.Sold - res.Bought
		platCash += res.BoughtWith - res.SoldFor
		tok, cash := m.Holdings()
		if tok+m.DefenderNet() != tok0+platTok {
			t.Fatalf("step %d: traders' %d + defender's net %d tokens, want %d + %d", s, tok, m.DefenderNet(), tok0, platTok)
		}
		if cash+m.Reserve() != cash0+res0+platCash {
			t.Fatalf("step %d: traders' %d + reserve %d cash, want %d", s, cash, m.Reserve(), cash0+res0+platCash)
		}
		sum += res.Price
		if s%20 == 0 {
			m.Review(sum / 20)
			sum = 0
		}
	}
}

// TestDeterminism: the same seed gives the same prices.
func TestDeterminism(t *testing.T) {
	run := func() []tokenmarket.Price {
		r := rand.New(rand.NewPCG(7, 7))
		m, err := tokenmarket.New(busy(), unit, r)
		if err != nil {
			t.Fatal(err)
		}
		var ps []tokenmarket.Price
		for range 500 {
			res, err := m.Step(tokenmarket.Input{Value: 1}, r)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, res.Price)
		}
		return ps
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("step %d: %d then %d", i+1, a[i], b[i])
		}
	}
}

// TestStepAllocs: a step allocates nothing.
func TestStepAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	m, err := tokenmarket.New(busy(), unit, r)
	if err != nil {
		t.Fatal(err)
	}
	in := tokenmarket.Input{Value: 1, Sell: 100 * unit, Spend: 100 * unit, DefenderTokens: 100 * unit}
	if n := testing.AllocsPerRun(200, func() { _, _ = m.Step(in, r) }); n != 0 {
		t.Errorf("Step allocates %.1f times", n)
	}
}

// TestCoalitionPumps: a coalition alone against fundamentalists raises the price
// while it buys and lowers it while it dumps.
func TestCoalitionPumps(t *testing.T) {
	cfg := tokenmarket.Default()
	cfg.Chartists, cfg.Switching, cfg.Noise = 0, false, 0
	cfg.Coalition = tokenmarket.Coalition{Budget: 1_000_000 * unit, Start: 0, Pump: 10, Hold: 5, Dump: 10}
	m, err := tokenmarket.New(cfg, unit, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var ps []tokenmarket.Price
	for range 30 {
		res, err := m.Step(tokenmarket.Input{Value: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, res.Price)
	}
	if !(ps[9] > unit && ps[24] < unit) {
		t.Errorf("prices %v: want above 1 while pumping (step 10), below while dumping (step 25)", ps)
	}
	if tok, _ := m.Coalition(); tok != 0 {
		t.Errorf("coalition holds %d tokens after its dump", tok)
	}
}

func BenchmarkStep(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	m, err := tokenmarket.New(busy(), unit, r)
	if err != nil {
		b.Fatal(err)
	}
	in := tokenmarket.Input{Value: 1, Sell: 100 * unit, Spend: 100 * unit, DefenderTokens: 100 * unit}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Step(in, r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtremes drives the bounds: 1,000 traders with the most cash each (1e15
// micro-units, 1e18 together) who value a token at 1 micro-unit, so that the price
// falls to the least (1 micro-unit) while the platform sells; then the platform
// spends the most cash an Input may (1e15) as well, a buy wish of 1e21 micro-tokens
// that passes int64 and is capped; holdings stay non-negative and tokens and cash are
// conserved exactly.
func TestExtremes(t *testing.T) {
	cfg := tokenmarket.Default()
	cfg.Traders, cfg.Cash, cfg.Tokens, cfg.Band = 1000, tokenmarket.MaxCash, 1e15, 100
	cfg.Chartists, cfg.Switching = 0, false
	r := rand.New(rand.NewPCG(2, 2))
	m, err := tokenmarket.New(cfg, 1000, r)
	if err != nil {
		t.Fatal(err)
	}
	tok0, cash0 := m.Holdings()
	low, traded := m.Price(), 0
	for s := range 200 {
		in := tokenmarket.Input{Value: 1e-6, Sell: 1e15}
		if s >= 100 { // then buy back too
			in.Spend = tokenmarket.MaxCash
		}
		res, err := m.Step(in, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Price < 1 || res.Volume < 0 || res.Value < 0 {
			t.Fatalf("step %d: %+v", s+1, res)
		}
		low = min(low, res.Price)
		if res.Price <= 108 && res.Bought > 0 { // 1e15 x 1e6 / p passes int64 (9.22e18) for p below 108.4
			traded++
		}
		tok0 += res.Sold - res.Bought
		cash0 += res.BoughtWith - res.SoldFor
		tok, cash := m.Holdings()
		if tok != tok0 || cash != cash0 || tok < 0 || cash < 0 {
			t.Fatalf("step %d: holdings %d tokens %d cash, want %d and %d", s+1, tok, cash, tok0, cash0)
		}
	}
	if low > 1 || traded == 0 {
		t.Errorf("the lowest price %d, %d trades there: the test meant to reach wishes past int64 (cash 1e15 / price at most 108 micro-units)", low, traded)
	}
}

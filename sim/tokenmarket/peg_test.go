package tokenmarket_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/tokenmarket"
)

const unit = tokenmarket.Micro

// TestPegBreaks defends a fixed peg of 0.20 with 1,000 units of outside money against
// a platform that sells 2,000 tokens a step and buys back with 100 units a step, no
// traders, a band wide enough (a factor 5) not to bind. Worked by hand:
//
//	at 0.20 the platform's buy is 100/0.20 = 500 tokens against 2,000 offered: the
//	defender must buy 1,500 tokens for 300 units a step.
//	steps 1-3: it does; reserves 1,000 -> 700 -> 400 -> 100; the price stays 0.20.
//	step 4: 100 units buy only 500 tokens at 0.20, so the price falls to where the
//	defender's 100 and the platform's 100 units buy the 2,000 tokens: 200/2,000 =
//	0.10; the defender gets 1,000 tokens, the platform 1,000, reserves 0: broken.
//	step 5: only the platform buys: 100/2,000 = 0.05.
//	The defender bought 3 x 1,500 + 1,000 = 5,500 tokens for 1,000 units: at 0.05
//	they are worth 275, a loss of 725.
func TestPegBreaks(t *testing.T) {
	cfg := tokenmarket.Config{Band: 4, Peg: tokenmarket.Peg{Kind: tokenmarket.PegFixed, Level: 200_000, Reserve: 1000 * unit}}
	m, err := tokenmarket.New(cfg, 200_000, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		price            tokenmarket.Price
		reserve          tokenmarket.Cash
		defBought, plBuy int64
		off              bool
	}{
		{200_000, 700 * unit, 1500 * unit, 500 * unit, false},
		{200_000, 400 * unit, 1500 * unit, 500 * unit, false},
		{200_000, 100 * unit, 1500 * unit, 500 * unit, false},
		{100_000, 0, 1000 * unit, 1000 * unit, true},
		{50_000, 0, 0, 2000 * unit, true},
	}
	for s, w := range want {
		res, err := m.Step(tokenmarket.Input{Value: 0.2, Sell: 2000 * unit, Spend: 100 * unit}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := []int64{res.Price, m.Reserve(), res.DefBought, res.Bought, res.Sold}
		exp := []int64{w.price, w.reserve, w.defBought, w.plBuy, 2000 * unit}
		for k := range got {
			if got[k] != exp[k] {
				t.Errorf("step %d: price, reserve, defender bought, platform bought, sold = %v, want %v", s+1, got, exp)
				break
			}
		}
		if res.OffPeg != w.off {
			t.Errorf("step %d: OffPeg = %v, want %v", s+1, res.OffPeg, w.off)
		}
	}
	if g := m.DefenderGain(); g != -725*unit {
		t.Errorf("DefenderGain = %d, want %d (5,500 tokens at 0.05 less 1,000 paid)", g, -725*unit)
	}
}

// TestPegHolds is the same market with pressure within the reserves: 2,000 units
// defend 1,500 tokens a step (300 units) for 6 steps, and the price stays 0.20.
func TestPegHolds(t *testing.T) {
	cfg := tokenmarket.Config{Band: 4, Peg: tokenmarket.Peg{Kind: tokenmarket.PegFixed, Level: 200_000, Reserve: 2000 * unit}}
	m, err := tokenmarket.New(cfg, 200_000, nil)
	if err != nil {
		t.Fatal(err)
	}
	for s := range 6 {
		res, err := m.Step(tokenmarket.Input{Value: 0.2, Sell: 2000 * unit, Spend: 100 * unit}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Price != 200_000 || res.OffPeg {
			t.Fatalf("step %d: price %d off %v, want the peg held", s+1, res.Price, res.OffPeg)
		}
	}
	if r := m.Reserve(); r != 200*unit {
		t.Errorf("Reserve = %d, want 2,000 - 6 x 300 = 200 units", r)
	}
}

// TestPegCeiling: a platform buying with 1,000 units a step at a peg of 0.20 wants
// 5,000 tokens; the defender holds only 2,000 to sell, so the price rises until
// 1,000 units buy 2,000 tokens: 0.50, and the defender receives 1,000 units for them.
func TestPegCeiling(t *testing.T) {
	cfg := tokenmarket.Config{Band: 4, Peg: tokenmarket.Peg{Kind: tokenmarket.PegFixed, Level: 200_000, Reserve: unit}}
	m, err := tokenmarket.New(cfg, 200_000, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.Step(tokenmarket.Input{Value: 0.2, Spend: 1000 * unit, DefenderTokens: 2000 * unit}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Price != 500_000 || res.DefSold != 2000*unit || res.DefReceived != 1000*unit || !res.OffPeg {
		t.Errorf("price %d, defender sold %d for %d, off %v; want 500000, 2000 tokens for 1000 units, off the peg",
			res.Price, res.DefSold, res.DefReceived, res.OffPeg)
	}
}

package game

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// levyWorld writes testdata/levy-world.yaml with levy rate rate and the food co-ops
// (every supplier the player's co-op has) in locality food, and returns its path.
func levyWorld(t *testing.T, rate string, food int) string {
	t.Helper()
	data, err := os.ReadFile("testdata/levy-world.yaml")
	must(t, err)
	yaml := strings.NewReplacer("LEVY", rate, "FOOD", string(rune('0'+food))).Replace(string(data))
	path := filepath.Join(t.TempDir(), "levy-world.yaml")
	must(t, os.WriteFile(path, []byte(yaml), 0o644))
	return path
}

// livingIn plays a care co-op through the phases into the living co-op of scenario,
// holding every test to a pass point it meets, with start-up funds enough that it
// never runs short, and plays n monthly turns with the given marketing.
func livingIn(t *testing.T, scenario string, n int) *Game {
	t.Helper()
	g, err := New(scenario, 1)
	must(t, err)
	g.Answers[QSector] = "care"
	must(t, g.Advance())
	for _, id := range sortedKeys(plan) {
		must(t, g.SetBox(id, plan[id]))
	}
	must(t, g.SetBox(BoxStartFunds, "100000"))
	must(t, g.Advance()) // to the Test Canvas
	for _, s := range Specs() {
		pass := "0"
		if s.AtMost {
			pass = "1e9"
		}
		must(t, g.SetPassPoint(s.Box, pass))
	}
	must(t, g.Advance()) // to the Test Game
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		_, err := g.RunTest(box)
		must(t, err)
	}
	must(t, g.Advance())
	for range n {
		d := g.NextDecisions()
		d.Marketing = 300
		must(t, g.Turn(d))
	}
	return g
}

// TestLevyOnPurchases checks that what the game buys for the player's co-op from other
// co-ops pays the scenario's transport levy on what comes from other localities:
// levy_rate × distance × value (MODEL §4). In levy-world the co-op is in locality 0
// and buys its marketing from food co-ops in locality 1, a distance of 1, so each
// month's levy is the rate times the marketing bought, to within the micro-token its
// purchase is truncated to. (Its inputs the engine buys, levy and all, as for every
// co-op.)
// Rate 0 gives no levy, doubling the rate doubles the levy on each token bought, and
// with the food co-ops in its own locality it pays none.
func TestLevyOnPurchases(t *testing.T) {
	const months = 12
	perToken := map[string]float64{}
	for _, tt := range []struct {
		rate string
		food int     // the suppliers' locality
		want float64 // levy per token bought
	}{
		{"0", 1, 0},
		{"0.01", 1, 0.01},
		{"0.02", 1, 0.02},
		{"0.02", 0, 0}, // suppliers beside it
	} {
		g := livingIn(t, levyWorld(t, tt.rate, tt.food), months)
		lv := g.Living()
		if lv.Locality != 0 || len(lv.History) != months {
			t.Fatalf("rate %s, food at %d: the co-op is in locality %d with %d months played, want locality 0 and %d",
				tt.rate, tt.food, lv.Locality, len(lv.History), months)
		}
		var levy, bought ledger.Amount
		for _, p := range lv.History {
			b := p.Marketing + p.Invested
			// The platform rounds the levy once (half a micro-token); want is truncated
			// (under one): they differ by at most one, two with the room left for it.
			if want := ledger.Amount(tt.want * float64(b)); p.Levy < want-2 || p.Levy > want+2 {
				t.Errorf("rate %s, food at %d, month %d: levy %d µ on %d µ bought, want %d µ (within 2 µ of rounding)",
					tt.rate, tt.food, p.Month, p.Levy, b, want)
			}
			levy, bought = levy+p.Levy, bought+b
		}
		if bought <= 0 || lv.Failed {
			t.Fatalf("rate %s, food at %d: bought %d µ in %d months (failed %v); the test needs purchases", tt.rate, tt.food, bought, months, lv.Failed)
		}
		if tt.food == 1 {
			perToken[tt.rate] = float64(levy) / float64(bought)
		}
	}
	// Each world trades differently (the levy changes what its members buy), so the
	// purchases differ; the levy on each token bought doubles with the rate.
	if r1, r2 := perToken["0.01"], perToken["0.02"]; r1 <= 0 || r2/r1 < 2-1e-6 || r2/r1 > 2+1e-6 {
		t.Errorf("levy per token bought: %g at rate 0.01, %g at 0.02; want the second twice the first", r1, r2)
	}
}

// TestFundingNeedsInvestment checks that the Foundation's start-up funding follows the
// scenario: with issuance.investment off it funds no start-up, and says so.
func TestFundingNeedsInvestment(t *testing.T) {
	path := levyWorld(t, "0.01", 1)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	_, err = f.WriteString("issuance: {investment: {enabled: false}}\n")
	must(t, err)
	must(t, f.Close())
	g := livingIn(t, path, 1)
	d := g.NextDecisions()
	d.Funding = true
	if err := g.Turn(d); err == nil || !strings.Contains(err.Error(), "funding") {
		t.Errorf("Turn(funding) without investment = %v, want an error on funding", err)
	}
	if lv := g.Living(); lv.Funded || len(lv.History) != 1 {
		t.Errorf("after the refusal: funded %v, %d turns; want unfunded, 1 turn", lv.Funded, len(lv.History))
	}
}

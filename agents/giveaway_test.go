package agents_test

import (
	"math"
	"testing"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim/ledger"
)

// TestGiveawayIsTheBaselineLaunchedByALump: the giveaway counterfactual differs from
// the baseline in the launch alone (issuance off — no grant formula, no investment
// issuance — and the lump), so copex compare baseline giveaway isolates how money
// enters; and the lump is, within 5%, what the baseline issues in its ten years at
// seed 1, so it does not compare different amounts of money either.
func TestGiveawayIsTheBaselineLaunchedByALump(t *testing.T) {
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	give, err := scenarios.Load("giveaway", nil)
	if err != nil {
		t.Fatal(err)
	}
	if give.Config.Issuance.Formula != "none" || give.Config.Issuance.Investment.Enabled || give.Config.Giveaway.Amount <= 0 {
		t.Fatalf("giveaway: formula %q, investment %v, lump %g; want no issuance and a lump",
			give.Config.Issuance.Formula, give.Config.Issuance.Investment.Enabled, give.Config.Giveaway.Amount)
	}
	// Undo the launch: what is left must be the baseline, field for field.
	undo := *give
	undo.Name, undo.Description = base.Name, base.Description
	undo.Config.Issuance.Formula = base.Config.Issuance.Formula
	undo.Config.Issuance.Investment.Enabled = base.Config.Issuance.Investment.Enabled
	undo.Config.Giveaway = base.Config.Giveaway
	if undo.Hash() != base.Hash() {
		a, _ := undo.YAML()
		b, _ := base.YAML()
		t.Errorf("giveaway differs from the baseline beyond the launch:\n%s", lineDiff(string(a), string(b)))
	}
	if testing.Short() {
		return
	}
	_, f, _ := runScenario(t, "baseline", 1)
	issued := ledger.Float(f.Last().Issued)
	if d := math.Abs(give.Config.Giveaway.Amount-issued) / issued; d > 0.05 {
		t.Errorf("the giveaway's lump is %g tokens, the baseline issues %.0f in ten years (%.1f%% apart): resize the lump in giveaway.yaml",
			give.Config.Giveaway.Amount, issued, 100*d)
	}
}

// lineDiff lists the lines of a that b lacks and of b that a lacks.
func lineDiff(a, b string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range splitLines(s) {
			m[l]++
		}
		return m
	}
	ca, cb := count(a), count(b)
	var out string
	for _, l := range splitLines(a) {
		if cb[l] == 0 {
			out += "giveaway: " + l + "\n"
		}
	}
	for _, l := range splitLines(b) {
		if ca[l] == 0 {
			out += "baseline: " + l + "\n"
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

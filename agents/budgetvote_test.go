package agents_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/copex/copex/sim"
)

// TestFoundationBudgetVoteOnThePlatform: with the DAO platform on, the Foundation's
// yearly budget vote is one of the platform's votes (MODEL §7: the Foundation's
// programmes move onto that machinery): votes.csv has a platform-level row for it,
// balanced like every vote.
func TestFoundationBudgetVoteOnThePlatform(t *testing.T) {
	_, _, m := runScenario(t, "dao-platform", 1, "ticks=14", "members=2000", "coops.count=20")
	dir := t.TempDir()
	if _, err := m.(sim.OutputWriter).WriteOutputs(dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "votes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("votes.csv: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	platform := 0
	for _, r := range rows[1:] {
		if r[col["level"]] == "platform" {
			platform++
		}
	}
	if platform != 1 {
		t.Errorf("%d platform votes in 14 months, want the one budget vote (month 13)", platform)
	}
}

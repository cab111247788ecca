package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPhasesListsWhatARunWrites checks copex phases against a real run: every column
// it lists is a column of the run's metrics.csv, in the same order, and the phases of
// the monthly economy come in stage order.
func TestPhasesListsWhatARunWrites(t *testing.T) {
	code, stdout, stderr := copex(t, "phases", "baseline", "--set", "ticks=2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := copex(t, "run", "baseline", "--set", "ticks=2", "--set", "members=600", "--set", "coops.count=20", "--out", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		t.Fatal(err)
	}
	_, cols, ok := strings.Cut(stdout, "Columns of metrics.csv")
	if !ok {
		t.Fatalf("no column list in %q", stdout)
	}
	cols, _, _ = strings.Cut(cols, "Parameters that may change")
	var listed []string
	for _, line := range strings.Split(cols, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 {
			listed = append(listed, f[0])
		}
	}
	if strings.Join(listed, ",") != strings.Join(header, ",") {
		t.Errorf("copex phases lists columns\n%v\nbut the run wrote\n%v", listed, header)
	}
	stages := regexp.MustCompile(`(?m)^\s+\d+\s+(\w+)\s`).FindAllStringSubmatch(stdout, -1)
	order := map[string]int{"open": 0, "produce": 1, "issue": 2, "govern": 3, "trade": 4, "price": 5, "join": 6}
	for i := 1; i < len(stages); i++ {
		if order[stages[i][1]] < order[stages[i-1][1]] {
			t.Errorf("phase %d (%s) listed after a later stage (%s)", i+1, stages[i][1], stages[i-1][1])
		}
	}
	if len(stages) < 8 || !strings.Contains(stdout, "issuance.foundation_share") {
		t.Errorf("phases output lacks the phase table or the mid-run parameters:\n%s", stdout)
	}
	if code, _, stderr := copex(t, "phases", "no-such-scenario"); code != exitBadInput || strings.Count(stderr, "\n") != 1 {
		t.Errorf("phases of an unknown scenario: exit %d, stderr %q; want one line and exit 2", code, stderr)
	}
}

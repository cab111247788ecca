package runs

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
)

// TestRunStopsWhenTheModelOutgrowsMemory: a run whose economy grows past the memory
// available at its start stops after that tick, keeping the metrics written so far and
// a manifest marked incomplete (an expression formula once grew an economy from 6,000
// to 417,000 members and died out of memory).
func TestRunStopsWhenTheModelOutgrowsMemory(t *testing.T) {
	sc, err := scenarios.Load("baseline", []string{"members=1500", "coops.count=60", "ticks=36", "member.invitations=0.5"})
	if err != nil {
		t.Fatal(err)
	}
	// Exactly what the economy needs at its start: the first newcomer is too many.
	need := agents.EstimateMemory(sc.Config)
	dir := filepath.Join(t.TempDir(), "run")
	_, err = Run(sc, dir, Options{NoCharts: true, Memory: func() (uint64, bool) { return need, true }})
	var ie *IncompleteError
	if !errors.As(err, &ie) {
		t.Fatalf("Run = %v, want an *IncompleteError", err)
	}
	if ie.Ticks < 1 || ie.Ticks >= 36 || !strings.Contains(err.Error(), "marked incomplete") {
		t.Fatalf("stopped after %d ticks: %v", ie.Ticks, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(string(data), "\n") - 1; rows != ie.Ticks {
		t.Errorf("metrics.csv has %d rows, want the %d ticks run", rows, ie.Ticks)
	}
	var man Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	if man.Incomplete == "" || man.Ticks != ie.Ticks {
		t.Errorf("manifest: incomplete %q, ticks %d; want the reason and %d", man.Incomplete, man.Ticks, ie.Ticks)
	}
}

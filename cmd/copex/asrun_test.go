package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRecordsTheScenarioAsRun: a run with overrides writes the scenario it ran as
// scenario.yaml (running that file again gives the same metrics.csv, byte for byte),
// lists the overrides in manifest.json, and its report states the scenario as run
// (the members and ticks after --set, not the file's description) with the designer's
// settings.
func TestRunRecordsTheScenarioAsRun(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	sets := []string{"--set", "members=300", "--set", "ticks=4", "--set", "issuance.grant_expiry_months=3", "--set", "coops.count=20"}
	if code, _, stderr := copex(t, append([]string{"run", "baseline", "--out", first, "-q"}, sets...)...); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	again := filepath.Join(dir, "again")
	if code, _, stderr := copex(t, "run", filepath.Join(first, "scenario.yaml"), "--out", again, "-q"); code != 0 {
		t.Fatalf("run scenario.yaml: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(first, "metrics.csv"))
	b, _ := os.ReadFile(filepath.Join(again, "metrics.csv"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("scenario.yaml runs to other metrics (%d and %d bytes)", len(a), len(b))
	}
	var man struct {
		Sets  []string `json:"sets"`
		Files []string `json:"files"`
	}
	data, _ := os.ReadFile(filepath.Join(first, "manifest.json"))
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	want := []string{"members=300", "ticks=4", "issuance.grant_expiry_months=3", "coops.count=20"}
	if strings.Join(man.Sets, " ") != strings.Join(want, " ") {
		t.Errorf("manifest sets = %q, want %q", man.Sets, want)
	}
	if !strings.Contains(strings.Join(man.Files, " "), "scenario.yaml") {
		t.Errorf("manifest files %q lack scenario.yaml", man.Files)
	}
	report, _ := os.ReadFile(filepath.Join(first, "report.html"))
	for _, s := range []string{"As run: 300 members, 20 co-ops, 8 sectors, 4 months, seed 1; changed from embedded:baseline by --set members=300",
		"The scenario as run", "Grant formula", "increase only", "after 3 months unspent", "Release factor k"} {
		if !bytes.Contains(report, []byte(s)) {
			t.Errorf("report.html does not say %q", s)
		}
	}
	// A run with no overrides lists none (an empty list, not null).
	plain := filepath.Join(dir, "plain")
	if code, _, stderr := copex(t, "run", "two-coops", "--out", plain, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	data, _ = os.ReadFile(filepath.Join(plain, "manifest.json"))
	if !bytes.Contains(data, []byte(`"sets": []`)) {
		t.Errorf("manifest without overrides: %s", data)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/copex/copex/runs"
)

// TestRunPhaseTimes runs `copex run --phase-times` and checks what it reports
// against `copex phases` for the same scenario: the manifest's phase_seconds names
// every phase the tick has, in its order, then the measurements and the checks, each
// with the ticks it ran on (the baseline is monthly: every phase, every tick); the
// printed table lists the same; a run without the flag records nothing.
func TestRunPhaseTimes(t *testing.T) {
	const ticks = 3
	sets := []string{"--set", "ticks=3", "--set", "members=600", "--set", "coops.count=20"}
	code, listing, stderr := copex(t, append([]string{"phases", "baseline"}, sets...)...)
	if code != 0 {
		t.Fatalf("phases: exit %d: %s", code, stderr)
	}
	var want []string // the last field of each numbered line of the phase table
	table, _, _ := strings.Cut(listing, "Columns of metrics.csv")
	for _, m := range regexp.MustCompile(`(?m)^\s+\d+\s.*\s(\S+)$`).FindAllStringSubmatch(table, -1) {
		want = append(want, m[1])
	}
	if len(want) < 8 {
		t.Fatalf("copex phases listed %d phases:\n%s", len(want), listing)
	}
	want = append(want, "measure", "check")
	out := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := copex(t, append([]string{"run", "baseline", "--phase-times", "--out", out}, sets...)...)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man runs.Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	var got []string
	var total float64
	for _, p := range man.PhaseSeconds {
		got = append(got, p.Phase)
		total += p.Seconds
		if p.Runs != ticks {
			t.Errorf("phase %s ran on %d ticks, want %d", p.Phase, p.Runs, ticks)
		}
		if !strings.Contains(stdout, p.Phase) {
			t.Errorf("the printed table lacks phase %s:\n%s", p.Phase, stdout)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("phase_seconds for\n%v\nwant copex phases' order\n%v", got, want)
	}
	if total <= 0 || total > man.StepSeconds+1e-3 {
		t.Errorf("phase times add to %gs; the tick loop took %gs", total, man.StepSeconds)
	}
	plain := filepath.Join(t.TempDir(), "plain")
	if code, _, stderr := copex(t, append([]string{"run", "baseline", "-q", "--out", plain}, sets...)...); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(plain, "manifest.json")); strings.Contains(string(data), "phase_seconds") {
		t.Errorf("a run without --phase-times recorded phase times")
	}
}

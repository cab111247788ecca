package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestTune(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tune")
	code, stdout, stderr := copex(t, "tune", "../../scenarios/tune/smoothing.yaml", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "best of ") || !strings.Contains(stderr, "evaluation 1: issuance.smoothing=0.5 ") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	for _, f := range []string{"best.json", "evaluations.csv", "objective.png", "objective.svg", "report.html", "tuned.yaml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Six evaluations are too few for Nelder-Mead to converge on two parameters: the
	// command warns on stderr, even with -q.
	if !strings.Contains(stderr, "copex tune: warning: stopped early: the budget of 6 evaluations ran out") {
		t.Errorf("stderr %q: no warning that the search stopped early", stderr)
	}
	code, stdout, stderr = copex(t, "tune", "../../scenarios/tune/smoothing.yaml", "--out", filepath.Join(t.TempDir(), "q"), "-q")
	if code != 0 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "copex tune: warning: stopped early") {
		t.Errorf("tune -q: exit %d, stdout %q, stderr %q, want the warning alone", code, stdout, stderr)
	}
	// The tuned scenario runs as it is.
	code, _, stderr = copex(t, "run", filepath.Join(out, "tuned.yaml"), "--out", filepath.Join(out, "run"), "-q")
	if code != 0 {
		t.Fatalf("copex run tuned.yaml: exit %d: %s", code, stderr)
	}
}

func TestTuneBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.yaml", `scenario: baseline
parameters:
  - {path: issuance.smoothing, min: 0, max: 1}
objective: 1.0*sd(inflation) + 1e-6*mean(unmet_wantz)
budget: {evaluations: 3}
`)
	code, _, stderr := copex(t, "tune", bad, "--out", filepath.Join(dir, "out"))
	if code != exitBadInput || !strings.Contains(stderr, "bad.yaml:4: objective: metric \"mean(unmet_wantz)\": unknown column") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = copex(t, "tune", filepath.Join(dir, "missing.yaml"))
	if code != exitBadInput || !strings.Contains(stderr, "missing.yaml") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestScreenAndAnalyze(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "screen")
	code, stdout, stderr := copex(t, "screen", "../../scenarios/tune/screen.yaml", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "issuance.release_factor.value") || !strings.Contains(stdout, "48 runs") {
		t.Errorf("stdout %q", stdout)
	}
	// Each effect's line gives the 95% bootstrap intervals of mu* and sigma.
	if !regexp.MustCompile(`(?m)^  issuance\.smoothing +mu +\S+  mu\* +(\S+) \[(\S+), (\S+)\] +sigma +\S+ \[\S+, \S+\]$`).MatchString(stdout) ||
		!strings.Contains(stdout, "95% intervals: bootstrap percentiles over 1000 resamples") {
		t.Errorf("stdout has no intervals:\n%s", stdout)
	}
	code, _, stderr = copex(t, "screen", "../../scenarios/tune/screen.yaml", "--out", filepath.Join(dir, "b0"), "--bootstrap", "0")
	if code != exitBadInput || !strings.Contains(stderr, "--bootstrap must be between 1 and 100000, got 0") {
		t.Errorf("--bootstrap 0: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"runs.csv", "morris_sd_inflation.csv", "morris_sd_inflation.png", "report.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	code, stdout, stderr = copex(t, "analyze", filepath.Join(out, "runs.csv"))
	if code != 0 || !strings.Contains(stdout, "48 runs at 24 points") {
		t.Fatalf("analyze: exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "analysis", "points.csv")); err != nil {
		t.Error(err)
	}
	bad := write(t, dir, "bad.csv", "run,point,replicate,seed,p,last(x)\n0,0,0,1,0.5,oops\n")
	code, _, stderr = copex(t, "analyze", bad)
	if code != exitBadInput || !strings.Contains(stderr, "bad.csv:2: last(x): not a number") {
		t.Errorf("analyze bad.csv: exit %d: %s", code, stderr)
	}
	bad = write(t, dir, "bad.yaml", "scenario: baseline\nparameters: []\nmetrics: [sd(inflation)]\n")
	code, _, stderr = copex(t, "screen", bad)
	if code != exitBadInput || !strings.Contains(stderr, "bad.yaml:2: parameters:") {
		t.Errorf("screen bad.yaml: exit %d: %s", code, stderr)
	}
}

// TestScreenSweepFile screens the parameters of a sweep file.
func TestScreenSweepFile(t *testing.T) {
	dir := t.TempDir()
	sweepFile := write(t, dir, "s.yaml", `name: small
scenario: baseline
set: [members=200, coops.count=8, ticks=6]
parameters:
  issuance.foundation_share: {values: [0.1, 0.3]}
  issuance.smoothing: {values: [0.2, 0.8]}
replicates: 1
seed: 3
metrics: [last(price_index)]
`)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := copex(t, "screen", sweepFile, "--trajectories", "2", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "issuance.smoothing") {
		t.Errorf("stdout %q lacks the screened parameters", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "morris_last_price_index.csv")); err != nil {
		t.Error(err)
	}
	if code, _, _ := copex(t, "screen", sweepFile, "--levels", "3"); code != 2 {
		t.Errorf("odd --levels: exit %d, want 2", code)
	}
}

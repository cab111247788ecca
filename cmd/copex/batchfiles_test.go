package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// refused runs copex with args and checks it refuses them: exit status 2, one line
// containing want, no crash.
func refused(t *testing.T, want string, args ...string) {
	t.Helper()
	code, _, stderr := copex(t, args...)
	if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) ||
		strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
		t.Errorf("copex %s: exit %d, %q; want %d and one line containing %q", strings.Join(args, " "), code, stderr, exitBadInput, want)
	}
}

// TestRunCountBounded checks that every kind of batch refuses more runs than
// sweep.MaxRuns (10 million) before allocating them: none panics, and a count that
// would overflow is not taken for a small one.
func TestRunCountBounded(t *testing.T) {
	dir := t.TempDir()
	const bound = "10 million"
	files := []struct{ name, text, want string }{
		{"range to 1e300 by 1e-300", "scenario: two-coops\nparameters:\n  issuance.smoothing: {range: {from: 0, to: 1e300, step: 1e-300}}\n", bound},
		{"step 1e-300", "scenario: two-coops\nparameters:\n  issuance.smoothing: {range: {from: 0, to: 1, step: 1e-300}}\n", bound},
		{"lhs 2^62 samples", "scenario: two-coops\ndesign: lhs\nsamples: 4611686018427387904\nreplicates: 4\nparameters:\n  issuance.smoothing: {min: 0, max: 1}\n", "samples: must be between 1 and 10000000"},
		{"lhs samples × replicates", "scenario: two-coops\ndesign: lhs\nsamples: 10000000\nreplicates: 4\nparameters:\n  issuance.smoothing: {min: 0, max: 1}\n", bound},
		{"grid 2^62 replicates", "scenario: two-coops\nreplicates: 4611686018427387904\nparameters:\n  issuance.smoothing: {values: [0, 0.1, 0.2, 0.3]}\n", "replicates: must be between 1 and 10000000"},
		{"grid values × replicates", "scenario: two-coops\nreplicates: 5000000\nparameters:\n  issuance.smoothing: {values: [0, 0.1, 0.2, 0.3]}\n", bound},
		{"tune replicates", "scenario: two-coops\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nreplicates: 9223372036854775807\nobjective: sd(supply)\nbudget: {evaluations: 3}\n", "replicates: must be between 1 and 100000"},
		{"tune evaluations × replicates", "scenario: two-coops\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nreplicates: 100000\nobjective: sd(supply)\nbudget: {evaluations: 1000}\n", bound},
		{"screen replicates", "scenario: two-coops\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [last(supply)]\nreplicates: 9223372036854775807\n", "replicates: must be between 1 and 100000"},
		{"screen trajectories × replicates", "scenario: two-coops\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [last(supply)]\nreplicates: 100000\ntrajectories: 10000\n", bound},
		{"compare replicates", "a: two-coops\nb: giveaway\nreplicates: 9223372036854775807\n", "replicates: must be between 1 and 100000"},
	}
	for i, f := range files {
		t.Run(f.name, func(t *testing.T) {
			p := write(t, dir, "f"+string(rune('a'+i))+".yaml", f.text)
			refused(t, f.want, "validate", p)
		})
	}
	sweepFile := write(t, dir, "sw.yaml", "scenario: two-coops\nreplicates: 1000000\nparameters:\n  issuance.smoothing: {values: [0, 1]}\n")
	refused(t, bound, "screen", sweepFile, "--trajectories", "100", "--out", filepath.Join(dir, "o1"))
	refused(t, bound, "compare", "two-coops", "giveaway", "--replicates", "9223372036854775807", "--out", filepath.Join(dir, "o2"))
	refused(t, bound, "compare", "two-coops", "giveaway", "--replicates", "5000001", "--out", filepath.Join(dir, "o3"))
}

// TestSameRulesEveryCommand checks that a flag or file key means one thing in every
// command, and that what is wrong with a file is refused when it is loaded.
func TestSameRulesEveryCommand(t *testing.T) {
	dir := t.TempDir()
	sw := write(t, dir, "tiny.yaml", tinySweep)
	tune := func(name, body string) string {
		return write(t, dir, name, "scenario: two-coops\nset: [ticks=3]\n"+body)
	}
	tf := tune("t.yaml", "parameters:\n  - {path: issuance.foundation_share, min: 0, max: 0.5}\nobjective: sd(supply)\nbudget: {evaluations: 3}\n")
	sf := write(t, dir, "s.yaml", "scenario: two-coops\nset: [ticks=3]\nparameters:\n  - {path: issuance.foundation_share, min: 0, max: 0.5}\nmetrics: [last(supply)]\n")
	cf := write(t, dir, "c.yaml", "a: two-coops\nb: giveaway\n")

	// --workers 0 is refused alike everywhere (the default is all cores).
	for _, args := range [][]string{
		{"run", "two-coops"}, {"sweep", sw}, {"compare", "two-coops", "giveaway"}, {"compare", cf}, {"tune", tf}, {"screen", sf},
	} {
		refused(t, "--workers must be at least 1, got 0", append(args, "--workers", "0", "--out", filepath.Join(dir, "w0"))...)
	}

	// analyze -q prints nothing, as every other command's.
	out := filepath.Join(dir, "sweep")
	if code, _, stderr := copex(t, "sweep", sw, "--out", out, "-q"); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := copex(t, "analyze", filepath.Join(out, "runs.csv"), "-q"); code != 0 || stdout != "" {
		t.Errorf("analyze -q: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
	}

	// Refused at load, with the file, line and field.
	refused(t, "dup.yaml:7: metrics[1]: last(supply) is given twice (metrics[0] is supply)",
		"validate", write(t, dir, "dup.yaml", strings.Replace(tinySweep, "[last(supply)]", "[supply, last(supply)]", 1)))
	refused(t, "dups.yaml:5: metrics[1]: last( supply ) is given twice",
		"validate", write(t, dir, "dups.yaml", "scenario: two-coops\nset: [ticks=3]\nparameters:\n  - {path: issuance.foundation_share, min: 0, max: 0.5}\nmetrics: [last(supply), last( supply )]\n"))
	for _, f := range []string{sw, tf, sf, cf} {
		b, _ := os.ReadFile(f)
		two := write(t, dir, "two-"+filepath.Base(f), string(b)+"---\nname: again\n")
		refused(t, "is a single YAML document", "validate", "--type", map[string]string{sw: "sweep", tf: "tune", sf: "screen", cf: "compare"}[f], two)
	}
	refused(t, "c0.yaml:3: replicates: must be between 1 and 100000, got 0",
		"compare", write(t, dir, "c0.yaml", "a: two-coops\nb: giveaway\nreplicates: 0\n"), "--out", filepath.Join(dir, "c0"))
	refused(t, "w.yaml:5: objective: weight 1e400 of sd(supply)",
		"tune", tune("w.yaml", "parameters:\n  - {path: issuance.foundation_share, min: 0, max: 0.5}\nobjective: 1e400*sd(supply)\nbudget: {evaluations: 3}\n"), "--out", filepath.Join(dir, "w"))
	refused(t, "n.yaml:4: parameters[0].path: name is a string, not a number",
		"tune", tune("n.yaml", "parameters:\n  - {path: name, min: 0, max: 1}\nobjective: sd(supply)\nbudget: {evaluations: 3}\n"), "--out", filepath.Join(dir, "n"))
	refused(t, "f.yaml:4: parameters[0].path: issuance.formula is one of",
		"validate", tune("f.yaml", "parameters:\n  - {path: issuance.formula, min: 0, max: 1}\nmetrics: [last(supply)]\n"))

	// An integer path is tuned in whole numbers, not refused mid-run.
	it := tune("i.yaml", "parameters:\n  - {path: ticks, min: 2, max: 6}\nobjective: sd(supply)\nbudget: {evaluations: 6}\n")
	code, _, stderr := copex(t, "tune", it, "--out", filepath.Join(dir, "i"), "-q")
	if code != 0 {
		t.Fatalf("tune of an integer path: exit %d: %s", code, stderr)
	}
	tuned, _ := os.ReadFile(filepath.Join(dir, "i", "tuned.yaml"))
	if !regexp.MustCompile(`(?m)^ticks: [2-6]$`).Match(tuned) {
		t.Errorf("tuned.yaml does not set ticks to a whole number from 2 to 6:\n%s", tuned)
	}
}

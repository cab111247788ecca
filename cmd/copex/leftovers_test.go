package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareDuplicateMetricsAndTuneIterations: a comparison listing a metric twice,
// and a tuning bounded by iterations alone whose runs would pass the batch bound, are
// refused at load with one line and exit status 2.
func TestCompareDuplicateMetricsAndTuneIterations(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := copex(t, "compare", "two-coops", "two-coops", "--metrics", "last(supply),last(supply)", "--replicates", "2",
		"--out", filepath.Join(dir, "cmp"), "-q")
	if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "listed twice") {
		t.Errorf("compare with a metric twice: exit %d, stderr %q; want exit 2, one line, listed twice", code, stderr)
	}
	tune := write(t, dir, "it.yaml", `scenario: two-coops
parameters:
  - {path: issuance.foundation_share, min: 0, max: 1, start: 0.5}
replicates: 100000
objective: 1.0*last(supply)
budget: {iterations: 1000}
`)
	code, _, stderr = copex(t, "tune", tune, "--out", filepath.Join(dir, "tn"), "-q")
	if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "iterations") {
		t.Errorf("tune of 1000 iterations x 100000 replicates: exit %d, stderr %q; want exit 2 naming the iterations", code, stderr)
	}
}

package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// tinySweep is a sweep of 2 points and 3 replicates of two-coops: 6 runs of a few
// ticks.
const tinySweep = `name: tiny
scenario: two-coops
set: [ticks=3]
parameters:
  issuance.foundation_share: {values: [0, 0.1]}
replicates: 3
metrics: [last(supply)]
`

// TestMergeRefusesWrongShards checks that merge refuses a shard given twice, shards of
// two splits, a whole sweep with a shard, and an --out that is one of the shards (whose
// manifest it would overwrite), each with one line and exit status 2.
func TestMergeRefusesWrongShards(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "tiny.yaml", tinySweep)
	sweepTo := func(name string, args ...string) string {
		out := filepath.Join(dir, name)
		if code, _, stderr := copex(t, append([]string{"sweep", file, "--out", out, "-q", "--workers", "1"}, args...)...); code != 0 {
			t.Fatalf("sweep %s: exit %d: %s", name, code, stderr)
		}
		return out
	}
	s12, s22 := sweepTo("s12", "--shard", "1/2"), sweepTo("s22", "--shard", "2/2")
	s13 := sweepTo("s13", "--shard", "1/3")
	whole := sweepTo("whole")
	manifest := readFile(t, filepath.Join(s12, "manifest.json"))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"shard twice", []string{s12, s22, s12}, "are the same folder"},
		{"shard twice by another path", []string{s12, s22, s12 + "/."}, "are the same folder"},
		{"same shard in two folders", []string{s12, s22, sweepTo("s12b", "--shard", "1/2")}, "are both shard 1/2"},
		{"2-way and 3-way", []string{s12, s22, s13}, "is shard 1/3"},
		{"whole and a shard", []string{whole, s22}, "holds the whole sweep"},
		{"shard and whole", []string{s12, whole}, "holds the whole sweep"},
		{"whole twice", []string{whole, sweepTo("whole2")}, "both hold the whole sweep"},
		{"out is a shard", []string{s12, s22, "--out", s22}, "is the shard folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"merge"}, tt.args...)
			if !strings.Contains(strings.Join(tt.args, " "), "--out") {
				args = append(args, "--out", filepath.Join(dir, "merged-"+strings.ReplaceAll(tt.name, " ", "-")))
			}
			code, _, stderr := copex(t, append(args, "-q")...)
			if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, %q; want %d and one line containing %q", code, stderr, exitBadInput, tt.want)
			}
		})
	}
	if !bytes.Equal(readFile(t, filepath.Join(s12, "manifest.json")), manifest) {
		t.Error("a refused merge changed a shard's manifest")
	}
	// The right shards still merge.
	if code, _, stderr := copex(t, "merge", s22, s12, "--out", filepath.Join(dir, "merged"), "-q"); code != 0 {
		t.Errorf("merge of 1/2 and 2/2: exit %d: %s", code, stderr)
	}
}

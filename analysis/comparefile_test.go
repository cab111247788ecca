package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCompareFile(t *testing.T) {
	cf, err := LoadCompareFile("../scenarios/compare/giveaway.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cf.A != "baseline" || cf.B != "giveaway" || cf.Replicates < 1 || len(cf.Metrics) == 0 {
		t.Errorf("LoadCompareFile = %+v", cf)
	}
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"a: baseline\nb: giveaway\nreplicatez: 3\n", `bad.yaml:3: replicatez: unknown field "replicatez"`},
		{"a: baseline\nb: giveaway\nreplicates: many\n", `bad.yaml:3: replicates: expected an integer, got "many"`},
		{"a: baseline\n", "bad.yaml:1: b: missing"},
		{"a: baseline\nb: giveaway\nreplicates: -2\n", "bad.yaml:3: replicates: must be between 1 and 100000, got -2"},
		{"a: baseline\nb: giveaway\nsets: [ticks=2]\n", `bad.yaml:3: sets: unknown field "sets": write set: instead`},
		{"a: baseline\nb: ''\n", "bad.yaml:2: b: must not be empty"},
		{"a: baseline\nb: giveaway\nseed: -1\n", "bad.yaml:3: seed: expected a non-negative integer, got -1"},
		{"a: baseline\nb: giveaway\nmetrics: last(gini)\n", `bad.yaml:3: metrics: expected a list, got "last(gini)"`},
		{"a: baseline\na: giveaway\n", "bad.yaml:2: a: duplicate key (first at line 1)"},
		{"", "empty comparison file"},
	} {
		p := filepath.Join(dir, "bad.yaml")
		os.WriteFile(p, []byte(c.text), 0o644)
		_, err := LoadCompareFile(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadCompareFile(%q) = %v, want %q", c.text, err, c.want)
		}
	}
}

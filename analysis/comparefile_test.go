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
		{"a: baseline\nb: giveaway\nreplicatez: 3\n", "bad.yaml:3: field replicatez not found"},
		{"a: baseline\nb: giveaway\nreplicates: many\n", "bad.yaml:3: cannot unmarshal"},
		{"a: baseline\n", "bad.yaml:1: b: a scenario"},
		{"a: baseline\nb: giveaway\nreplicates: -2\n", "bad.yaml:3: replicates"},
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

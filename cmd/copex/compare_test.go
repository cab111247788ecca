package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	code, stdout, stderr := copex(t, "compare", "baseline", "giveaway", "--replicates", "2", "--seed", "3",
		"--set", "members=300", "--set", "coops.count=12", "--set", "ticks=12", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"A = baseline, B = giveaway, 2 replicates (seeds 3..4", "last(price_index)", "sd(inflation)", "last(coops_alive)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"compare.csv", "report.html", "compare_price_index.png", "compare_gini.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	small := []string{"--set", "members=300", "--set", "coops.count=12", "--set", "ticks=12", "--out", t.TempDir()}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "baseline"}, "give two scenarios (A B) or a comparison file"},
		{[]string{"compare", "baseline", "nowhere.yaml"}, "nowhere.yaml"},
		{[]string{"compare", "baseline", "giveaway", "--metrics", "last(nonsense)"}, `unknown column "nonsense"`},
		{[]string{"compare", "baseline", "giveaway", "--series", "nonsense"}, `series "nonsense"`},
		{[]string{"compare", "baseline", "giveaway", "--replicates", "0"}, "--replicates must be at least 1"},
		{[]string{"compare", "baseline", "giveaway", "--set-b", "coops.nonsense=1"}, "--set coops.nonsense: unknown field"},
	} {
		code, _, stderr := copex(t, append(c.args, small...)...)
		if code != exitBadInput || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestCompareFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	code, stdout, stderr := copex(t, "compare", "../../scenarios/compare/giveaway.yaml", "--replicates", "2",
		"--set", "members=200", "--set", "coops.count=8", "--set", "ticks=6", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "A = baseline, B = giveaway, 2 replicates") {
		t.Errorf("stdout %q does not name the file's scenarios and the flag's replicates", stdout)
	}
	for _, f := range []string{"compare.csv", "report.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("a: baseline\nb: giveaway\nmetricz: []\n"), 0o644)
	if code, _, stderr := copex(t, "compare", bad); code != 2 || !strings.Contains(stderr, "bad.yaml:3:") {
		t.Errorf("bad comparison file: exit %d, %q", code, stderr)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/bench"
)

// asCopex, set in the environment, makes the test binary run as copex, so that copex
// bench can run each case in a child process of it (os.Executable).
const asCopex = "COPEX_TEST_AS_COPEX"

func TestMain(m *testing.M) {
	if os.Getenv(asCopex) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestRunWorkers(t *testing.T) {
	for _, w := range []string{"0", "-1"} {
		code, _, stderr := copex(t, "run", "two-coops", "--out", t.TempDir(), "--workers", w)
		if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "--workers") {
			t.Errorf("--workers %s: exit %d, %q; want %d and one line naming --workers", w, code, stderr, exitBadInput)
		}
	}
	out := t.TempDir()
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out, "--workers", "3", "-q"); code != 0 {
		t.Fatalf("--workers 3: exit %d, %s", code, stderr)
	}
	var man struct{ Workers int }
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &man); err != nil || man.Workers != 3 {
		t.Errorf("manifest workers = %d, %v; want 3", man.Workers, err)
	}
}

func TestRunRefusesTooLarge(t *testing.T) {
	availableMemory = func() (uint64, bool) { return 20<<30 + 100<<20, true }
	t.Cleanup(func() { availableMemory = nil })
	out := filepath.Join(t.TempDir(), "big")
	code, _, stderr := copex(t, "run", "baseline", "--set", "members=100000000", "--out", out)
	if code != exitBadInput || strings.Count(stderr, "\n") != 1 ||
		!strings.Contains(stderr, "scenario needs about ") || !strings.Contains(stderr, "(members: 100000000) but 20.1 GiB is available") {
		t.Errorf("exit %d, %q; want %d and the memory needed and available", code, stderr, exitBadInput)
	}
	if _, err := os.Stat(filepath.Join(out, "metrics.csv")); err == nil {
		t.Error("a refused run wrote metrics.csv")
	}
}

func TestBench(t *testing.T) {
	t.Setenv(asCopex, "1") // the children are this test binary, run as copex
	code, stdout, stderr := copex(t, "bench", "--scenarios", "two-coops", "--ticks", "3", "--workers", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[0], "machine: ") || !strings.HasPrefix(lines[2], "scenario") {
		t.Fatalf("not a table:\n%s", stdout)
	}
	for _, col := range []string{"workers", "ticks", "members", "wall s", "member-ticks/s", "ns/member-tick", "allocs/tick", "peak MiB"} {
		if !strings.Contains(lines[2], col) {
			t.Errorf("header lacks %s: %q", col, lines[2])
		}
	}
	row := strings.Fields(lines[3])
	if len(row) != 9 || row[0] != "two-coops" || row[1] != "1" || row[2] != "3" || row[3] != "2" || row[8] == "?" || row[8] == "0" {
		t.Errorf("row %q", lines[3])
	}
	if !strings.Contains(stderr, "bench 1/1: two-coops on 1 worker, 3 ticks") {
		t.Errorf("progress %q", stderr)
	}
	code, stdout, _ = copex(t, "bench", "--scenarios", "two-coops", "--ticks", "2", "--workers", "1,2", "--markdown", "-q")
	if code != 0 || !strings.Contains(stdout, "| `two-coops` | 2 | 2 | 2 |") {
		t.Errorf("--markdown: exit %d\n%s", code, stdout)
	}
}

func TestBenchCase(t *testing.T) {
	code, stdout, stderr := copex(t, bench.CaseCommand, "--scenario", "two-coops", "--ticks", "2", "--workers", "2", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := bench.ReadJSON(strings.NewReader(stdout))
	if err != nil || f.Scenario != "two-coops" || f.Ticks != 2 || f.Workers != 2 || f.MemberTicks != 4 {
		t.Errorf("figures %+v, %v", f, err)
	}
	code, _, stderr = copex(t, bench.CaseCommand, "--scenario", "no-such", "--json")
	if code != exitBadInput || !strings.Contains(stderr, "no-such") {
		t.Errorf("unknown scenario: exit %d, %q", code, stderr)
	}
}

func TestBenchBadInput(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--workers", "0"}, "--workers"},
		{[]string{"--workers", "1,x"}, "--workers"},
		{[]string{"--workers", ""}, "--workers"},
		{[]string{"--repeat", "0"}, "--repeat"},
		{[]string{"--ticks", "-1"}, "--ticks"},
		{[]string{"--scenarios", " , "}, "--scenarios"},
		{[]string{"--scenarios", "two-coops,no-such-scenario"}, "no-such-scenario"},
		{[]string{"--scenarios", "two-coops", "--set", "x=1"}, "unknown flag"},
	} {
		code, stdout, stderr := copex(t, append([]string{"bench"}, tt.args...)...)
		if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("bench %v: exit %d, %q; want %d and one line containing %q", tt.args, code, stderr, exitBadInput, tt.want)
		}
	}
}

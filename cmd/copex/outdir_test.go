package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scenarioNamed writes the two-coops scenario under another name into dir.
func scenarioNamed(t *testing.T, dir, file, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "two-coops.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "name:") {
			lines[i], found = "name: "+jsonQuote(name), true
		}
	}
	if !found {
		t.Fatal("two-coops.yaml has no name: line")
	}
	return write(t, dir, file, strings.Join(lines, "\n"))
}

func jsonQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// entries lists what dir holds, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestNameCannotEscapeOut runs, sweeps and compares (by two scenarios and by a
// comparison file) with names such as "..", "../../x" and "/abs" and the default --out, from an empty current folder: everything must be
// written in one folder directly under out/.
func TestNameCannotEscapeOut(t *testing.T) {
	for _, name := range []string{"..", "../../x", "/abs", "a/../../b", "."} {
		t.Run(name, func(t *testing.T) {
			files := t.TempDir()
			scen := scenarioNamed(t, files, "s.yaml", name)
			sweepFile := write(t, files, "sweep.yaml", "name: "+jsonQuote(name+"/sweep")+"\nscenario: "+scen+
				"\nparameters:\n  issuance.foundation_share: {values: [0.1, 0.2]}\nmetrics: [last(supply)]\n")
			compareFile := write(t, files, "compare.yaml", "name: "+jsonQuote(name+"/cmp")+"\na: "+scen+"\nb: two-coops\nreplicates: 1\n")
			cwd := filepath.Join(t.TempDir(), "a", "b", "c")
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(cwd)
			for _, args := range [][]string{
				{"run", scen, "-q"},
				{"sweep", sweepFile, "-q"},
				{"compare", scen, "two-coops", "--replicates", "1", "-q"},
				{"compare", compareFile, "-q"},
			} {
				if code, _, stderr := copex(t, args...); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
				if got := entries(t, cwd); !slices.Equal(got, []string{"out"}) {
					t.Fatalf("%v: the current folder holds %v, want only out", args, got)
				}
				for _, up := range []string{filepath.Dir(cwd), filepath.Dir(filepath.Dir(cwd))} {
					if got := entries(t, up); len(got) != 1 {
						t.Fatalf("%v: %s holds %v, want only its one child", args, up, got)
					}
				}
				for _, e := range entries(t, filepath.Join(cwd, "out")) {
					if strings.HasPrefix(e, ".") {
						t.Errorf("%v: out/ holds %s", args, e)
					}
					if _, err := os.Stat(filepath.Join(cwd, "out", e)); err != nil {
						t.Error(err)
					}
				}
			}
			if got := entries(t, filepath.Join(cwd, "out")); len(got) != 4 {
				t.Errorf("out/ holds %v, want a run, a sweep and two comparison folders", got)
			}
		})
	}
}

// TestRerunReplacesFolder reruns into a folder holding an earlier run's files: no
// earlier file may stay beside the new ones, and the folder holds exactly what the new
// manifest lists.
func TestRerunReplacesFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "run")
	journal := filepath.Join(out, "journal.csv")
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out, "--agents", "--journal", journal, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// a killed run's leftovers, beside and inside the folder
	for _, p := range []string{filepath.Join(dir, ".run.tmp-123", "metrics.csv"), filepath.Join(dir, ".run.old-9", "x"), filepath.Join(out, ".metrics.csv.tmp-55")} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		write(t, filepath.Dir(p), filepath.Base(p), "left by a kill")
	}
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out, "--seed", "4", "-q"); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man struct {
		Seed  uint64
		Files []string
	}
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	if man.Seed != 4 {
		t.Errorf("manifest seed %d, want the rerun's 4", man.Seed)
	}
	got, want := entries(t, out), slices.Sorted(slices.Values(man.Files))
	if !slices.Equal(got, want) {
		t.Errorf("after the rerun %s holds %v; its manifest lists %v", out, got, want)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"run"}) {
		t.Errorf("beside the output folder: %v, want only run (temporary folders of a kill removed)", got)
	}
}

// TestRunKeepsForeignFolder refuses to replace a folder holding files no run wrote.
func TestRunKeepsForeignFolder(t *testing.T) {
	out := t.TempDir()
	notes := write(t, out, "notes.txt", "mine")
	code, _, stderr := copex(t, "run", "two-coops", "--out", out, "-q")
	if code != 2 || !strings.Contains(stderr, "notes.txt") {
		t.Errorf("exit %d, stderr %q; want 2 naming notes.txt", code, stderr)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt: %q, %v", b, err)
	}
	if got := entries(t, out); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("the folder holds %v after the refusal", got)
	}
}

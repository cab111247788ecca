package runs

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/copex/copex/scenarios"
)

func TestSafeName(t *testing.T) {
	for name, want := range map[string]string{
		"baseline": "baseline", "..": "__", ".": "_", "../../x": "___.._x", "/abs": "_abs",
		"": "run", "a b/c": "a_b_c", ".hidden": "_hidden", "économie": "__conomie",
		"x\x00y": "x_y", "v1.2-ok_": "v1.2-ok_",
	} {
		got := SafeName(name)
		if got != want {
			t.Errorf("SafeName(%q) = %q, want %q", name, got, want)
		}
		if d := DefaultDir(name); filepath.Dir(d) != OutRoot || filepath.Base(d) != got {
			t.Errorf("DefaultDir(%q) = %q, not one folder under %s", name, d, OutRoot)
		}
	}
}

func twoCoops(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("two-coops", nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range es {
		n = append(n, e.Name())
	}
	return n
}

// TestFailedRunKeepsEarlier: a rerun that fails leaves the earlier run as it was and
// no temporary folder.
func TestFailedRunKeepsEarlier(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "run")
	if _, err := Run(twoCoops(t), out, Options{Agents: true}); err != nil {
		t.Fatal(err)
	}
	man, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	before := names(t, out)
	_, err = Run(twoCoops(t), out, Options{Journal: filepath.Join(dir, "missing", "j.csv")})
	if !errors.Is(err, ErrOutput) {
		t.Fatalf("a journal in a missing folder: %v, want ErrOutput", err)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(after, man) {
		t.Error("the failed run changed the earlier manifest")
	}
	if got := names(t, out); !slices.Equal(got, before) {
		t.Errorf("after the failed run: %v, before it: %v", got, before)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"run"}) {
		t.Errorf("beside the folder: %v", got)
	}
}

// TestRunThroughLinks: an output folder reached through a linked parent, or itself a
// link, is replaced where it is, with a journal inside it kept.
func TestRunThroughLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "two"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(real, "two"), filepath.Join(dir, "twolink")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ out, journal, where string }{
		{filepath.Join(dir, "link", "one"), filepath.Join(dir, "link", "one", "j.csv"), filepath.Join(real, "one")},
		{filepath.Join(dir, "link", "one"), filepath.Join(real, "one", "j.csv"), filepath.Join(real, "one")},
		{filepath.Join(dir, "twolink"), filepath.Join(dir, "twolink", "j.csv"), filepath.Join(real, "two")},
	} {
		if _, err := Run(twoCoops(t), c.out, Options{Journal: c.journal, NoCharts: true}); err != nil {
			t.Fatalf("%s: %v", c.out, err)
		}
		if got := names(t, c.where); !slices.Equal(got, []string{"j.csv", "manifest.json", "metrics.csv", "scenario.yaml"}) {
			t.Errorf("--out %s --journal %s: %s holds %v", c.out, c.journal, c.where, got)
		}
	}
	if fi, err := os.Lstat(filepath.Join(dir, "twolink")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link to the output folder was replaced: %v", err)
	}
	if got := names(t, real); !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("beside the folders: %v", got)
	}
}

// TestStaleJournalTempRemoved: the temporary file a killed run left beside a journal
// outside the output folder is removed by the next run.
func TestStaleJournalTempRemoved(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".j.csv.tmp-12345")
	if err := os.WriteFile(stale, []byte("half a journal"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(twoCoops(t), filepath.Join(dir, "run"), Options{Journal: filepath.Join(dir, "j.csv"), NoCharts: true}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"j.csv", "run"}) {
		t.Errorf("beside the journal: %v, want j.csv and run only", got)
	}
}

package runs

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

// The output goldens: metrics.csv, agents.csv and the journal of every embedded
// scenario (short runs of the big ones, and the baseline on a weekly clock), as SHA-256
// digests in testdata/goldens.txt. A restructuring of the engine must keep them equal;
// a change that alters a figure on purpose re-records them (go test ./runs -run
// Golden -update) and says why in its commit message. With COPEX_GOLDEN_OUT=DIR the
// files of a mismatching case are kept in DIR for a diff.

var update = flag.Bool("update", false, "re-record testdata/goldens.txt")

// goldenCase is one run: a scenario, its overrides and whether it writes a journal.
type goldenCase struct {
	name     string
	scenario string
	sets     []string
	journal  bool
}

func goldenCases() []goldenCase {
	short := map[string][]string{
		"economy-1m":        {"ticks=3"},
		"economy-100k":      {"ticks=8"},
		"dao-platform":      {"ticks=24"},
		"coprosperity-100k": {"ticks=8"},
		"planning-1m":       {"ticks=1"},
		"planning":          {"ticks=2"},
	}
	// The big scenarios' journals run to gigabytes even in a month (planning-1m's is
	// 1.8 GB): their metrics and agents are digested, their journals are not.
	noJournal := map[string]bool{"economy-1m": true, "planning-1m": true, "planning": true, "coprosperity-100k": true}
	var cases []goldenCase
	for _, n := range scenarios.Names() {
		cases = append(cases, goldenCase{name: n, scenario: n, sets: short[n], journal: !noJournal[n]})
	}
	cases = append(cases,
		goldenCase{name: "baseline-weekly", scenario: "baseline", sets: []string{"clock=week", "ticks=60"}, journal: true},
		goldenCase{name: "baseline-seed7", scenario: "baseline", sets: []string{"seed=7", "ticks=36", "issuance.formula=smoothed"}, journal: true},
	)
	return cases
}

func TestOutputGoldens(t *testing.T) {
	path := filepath.Join("testdata", "goldens.txt")
	want := readGoldens(t, path)
	got := map[string]string{}
	for _, c := range goldenCases() {
		if testing.Short() && c.scenario == "economy-1m" {
			got[c.name+"/metrics.csv"] = want[c.name+"/metrics.csv"]
			got[c.name+"/agents.csv"] = want[c.name+"/agents.csv"]
			continue
		}
		// Each case's folder goes as soon as its digests are taken: agents.csv and the
		// journals of all the cases together would fill tens of GB.
		dir, err := os.MkdirTemp(t.TempDir(), c.name+"-")
		if err != nil {
			t.Fatal(err)
		}
		sc, err := scenarios.Load(c.scenario, c.sets)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Agents: true, NoCharts: true, Workers: 2}
		files := []string{"metrics.csv", "agents.csv"}
		if c.journal {
			opts.Journal = filepath.Join(dir, "journal.csv")
			files = append(files, "journal.csv")
		}
		if _, err := Run(sc, dir, opts); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		mismatch := false
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			key := c.name + "/" + f
			got[key] = hex.EncodeToString(sum[:])
			if !*update && got[key] != want[key] {
				t.Errorf("%s: sha256 %s, want %s", key, got[key], want[key])
				mismatch = true
			}
		}
		if out := os.Getenv("COPEX_GOLDEN_OUT"); mismatch && out != "" {
			keep := filepath.Join(out, c.name)
			if err := os.MkdirAll(keep, 0o755); err == nil {
				for _, f := range files {
					os.Rename(filepath.Join(dir, f), filepath.Join(keep, f))
				}
			}
		}
		os.RemoveAll(dir)
	}
	if *update {
		writeGoldens(t, path, got)
		return
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: in %s but no longer produced", k, path)
		}
	}
}

func readGoldens(t *testing.T, path string) map[string]string {
	t.Helper()
	m := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		if *update {
			return m
		}
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("%s: bad line %q", path, line)
		}
		m[k] = v
	}
	return m
}

func writeGoldens(t *testing.T, path string, m map[string]string) {
	t.Helper()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("# SHA-256 of each embedded scenario's outputs (runs/golden_test.go); re-record with -update\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k, m[k])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

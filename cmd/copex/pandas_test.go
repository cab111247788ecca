package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/analysis"
	"github.com/copex/copex/sweep"
)

// pandasPython returns a Python that imports pandas: $COPEX_PYTHON, python3 or Debian's
// /usr/bin/python3 (python3-pandas). Without one the test skips, unless
// COPEX_REQUIRE_PANDAS=1 (as in .ci/run), when it fails.
func pandasPython(t *testing.T) string {
	t.Helper()
	var cands []string
	if p := os.Getenv("COPEX_PYTHON"); p != "" {
		cands = append(cands, p)
	}
	cands = append(cands, "python3", "/usr/bin/python3")
	for _, c := range cands {
		if exec.Command(c, "-c", "import pandas").Run() == nil {
			return c
		}
	}
	if os.Getenv("COPEX_REQUIRE_PANDAS") == "1" {
		t.Fatalf("COPEX_REQUIRE_PANDAS=1 but none of %v imports pandas (apt-get install python3-pandas)", cands)
	}
	t.Skipf("no Python with pandas among %v (apt-get install python3-pandas)", cands)
	return ""
}

// pandasSummary is what analysis/testdata/read_runs.py prints.
type pandasSummary struct {
	TicksFile     string               `json:"ticks_file"`
	RunsColumns   []string             `json:"runs_columns"`
	TicksColumns  []string             `json:"ticks_columns"`
	TicksDtypes   map[string]string    `json:"ticks_dtypes"`
	Runs          int                  `json:"runs"`
	Ticks         int                  `json:"ticks"`
	Band          map[string][]float64 `json:"band"` // mean, sem, count
	LastTickPrice map[string]float64   `json:"last_tick_price"`
}

// The README's pandas example (analysis/testdata/read_runs.py) reads a --plain-names
// sweep's runs.csv and ticks (ticks.csv; ticks.parquet too where pandas has a Parquet
// engine): the columns are the manifest's, in order, with integer parameters as int64,
// and its figures agree with copex's own reading of the same files.
func TestPandasReadsSweep(t *testing.T) {
	python := pandasPython(t)
	script, err := filepath.Abs(filepath.Join("..", "..", "analysis", "testdata", "read_runs.py"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sw := write(t, dir, "fs.yaml", `name: fs
scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  issuance.foundation_share: {values: [0.1, 0.3]}
  issuance.grant_expiry_months: {values: [6, 12]}
replicates: 3
seed: 1
metrics: [last(price_index), sd(inflation), mean(unmet_wants_value), last(gini)]
`)
	for _, asCSV := range []bool{true, false} {
		out := filepath.Join(dir, "parquet")
		args := []string{"sweep", sw, "--plain-names", "-q", "--out", out}
		if asCSV {
			out = filepath.Join(dir, "csv")
			args = append(args[:len(args)-1], out, "--csv")
		}
		if code, _, stderr := copex(t, args...); code != 0 {
			t.Fatalf("copex %v: exit %d: %s", args, code, stderr)
		}
		cmd := exec.Command(python, script, out)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if !asCSV && strings.Contains(stderr.String(), "needs pyarrow or fastparquet") {
			t.Logf("pandas has no Parquet engine here (Debian 12 packages neither pyarrow nor fastparquet): %s", strings.TrimSpace(stderr.String()))
			continue
		}
		if err != nil {
			t.Fatalf("%s %s %s: %v: %s", python, script, out, err, stderr.String())
		}
		var got pandasSummary
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("read_runs.py printed %q: %v", b, err)
		}
		checkPandasSummary(t, out, asCSV, got)
	}
}

func checkPandasSummary(t *testing.T, out string, asCSV bool, got pandasSummary) {
	t.Helper()
	m, err := sweep.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := m.TicksFile; got.TicksFile != want {
		t.Errorf("read_runs.py read %s, want %s", got.TicksFile, want)
	}
	if !slices.Equal(got.RunsColumns, m.Runs) {
		t.Errorf("pandas runs.csv columns %v, want the manifest's %v", got.RunsColumns, m.Runs)
	}
	var names []string
	for _, c := range m.Ticks {
		names = append(names, c.Name)
	}
	if !slices.Equal(got.TicksColumns, names) {
		t.Errorf("pandas %s columns %v, want the manifest's %v", got.TicksFile, got.TicksColumns, names)
	}
	dtype := map[string]string{sweep.TypeString: "object", sweep.TypeInt64: "int64", sweep.TypeDouble: "float64"}
	for i, c := range m.Ticks {
		// From CSV, pandas takes a double column whose values are all whole numbers for
		// int64; the leading columns (run, point, ..., the parameters) are checked there.
		if asCSV && i > 6 {
			break
		}
		if got.TicksDtypes[c.Name] != dtype[c.Type] {
			t.Errorf("pandas %s column %s is %s, want %s (%s)", got.TicksFile, c.Name, got.TicksDtypes[c.Name], dtype[c.Type], c.Type)
		}
	}
	if got.TicksDtypes["issuance_grant_expiry_months"] != "int64" {
		t.Errorf("issuance_grant_expiry_months is %s in pandas, want int64", got.TicksDtypes["issuance_grant_expiry_months"])
	}
	if got.Runs != 12 || got.Ticks != 12*12 {
		t.Errorf("pandas read %d runs and %d ticks, want 12 and 144", got.Runs, got.Ticks)
	}

	// copex reads the plain names back through the manifest.
	r, err := analysis.ReadRunsFile(filepath.Join(out, "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Params[0] != "issuance.foundation_share" || r.Metrics[0] != "last(price_index)" {
		t.Fatalf("copex read parameters %v and metrics %v, want their own names", r.Params, r.Metrics)
	}
	xs, st := r.Marginal(0, 0)
	if len(got.Band) != len(xs) || len(got.LastTickPrice) != len(xs) {
		t.Fatalf("pandas band %v, last-tick prices %v; want one per value of %v", got.Band, got.LastTickPrice, xs)
	}
	for i, x := range xs {
		key := strconv.FormatFloat(x, 'g', -1, 64)
		b := got.Band[key]
		wantSEM := st[i].SD / math.Sqrt(float64(st[i].N))
		if len(b) != 3 || !agree(b[0], st[i].Mean) || !agree(b[1], wantSEM) || int(b[2]) != st[i].N {
			t.Errorf("pandas band at %s = %v, want mean %v, sem %v, n %d (copex analyze)", key, b, st[i].Mean, wantSEM, st[i].N)
		}
		// The price index at the last tick, from the ticks table, averages last(price_index)
		// of runs.csv over the runs at x.
		var sum float64
		var n int
		for _, row := range r.Rows {
			if row.Params[0] == x {
				sum += row.Metrics[0]
				n++
			}
		}
		if p := got.LastTickPrice[key]; !agree(p, sum/float64(n)) {
			t.Errorf("pandas last-tick price index at %s = %v, want %v (runs.csv)", key, p, sum/float64(n))
		}
	}
}

// agree compares figures that pandas and Go sum in different orders.
func agree(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

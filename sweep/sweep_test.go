package sweep

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/copex/copex/scenarios"
)

// small is a quick sweep: 3 × 2 points, 2 replicates of a small baseline.
const small = `name: small
scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  issuance.foundation_share: {values: [0.1, 0.2, 0.3]}
  issuance.grant_expiry_months: {range: {from: 6, to: 12, step: 6}}
replicates: 2
seed: 7
metrics: [last(price_index), sd(inflation), mean(unmet_wants_value), last(gini)]
`

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"unknown key", "scenario: baseline\nsamplez: 3\n", "x.yaml:2: samplez: unknown field"},
		{"wrong type", "scenario: baseline\nreplicates: many\n", `x.yaml:2: replicates: expected an integer, got "many"`},
		{"empty range", "scenario: baseline\nparameters:\n  ticks: {range: {from: 10, to: 5, step: 1}}\n", "x.yaml:3: parameters.ticks.range.to: is 5, less than parameters.ticks.range.from (10)"},
		{"empty list", "scenario: baseline\nparameters:\n  ticks: {values: []}\n", "x.yaml:3: parameters.ticks.values: must not be empty"},
		{"unknown path", "scenario: baseline\nparameters:\n  coops.nonsense: {values: [1]}\n", `x.yaml:3: parameters.coops.nonsense: --set coops.nonsense: unknown field "nonsense"`},
		{"bad value", "scenario: baseline\nparameters:\n  issuance.foundation_share: {values: [0.5, 1.5]}\n", "x.yaml:3: parameters.issuance.foundation_share: --set issuance.foundation_share: must be between 0 and 1"},
		{"unknown column", "scenario: baseline\nmetrics: [last(price_index), sd(nothing)]\n", `x.yaml:2: metrics[1]: metric "sd(nothing)": unknown column`},
		{"unknown function", "scenario: baseline\nmetrics: [median(gini)]\n", `x.yaml:2: metrics[0]: metric "median(gini)": unknown function`},
		{"bad design", "scenario: baseline\ndesign: random\n", `x.yaml:2: design: must be one of grid, lhs; got "random"`},
		{"lhs without samples", "scenario: baseline\ndesign: lhs\n", `x.yaml:1: samples: missing: needed when design is lhs`},
		{"lhs values", "scenario: baseline\ndesign: lhs\nsamples: 4\nparameters:\n  ticks: {values: [1, 2]}\n", `x.yaml:5: parameters.ticks.values: only allowed when design is grid`},
		{"lhs max below min", "scenario: baseline\ndesign: lhs\nsamples: 4\nparameters:\n  ticks: {min: 10, max: 2}\n", `x.yaml:5: parameters.ticks.max: is 2, less than parameters.ticks.min (10)`},
		{"duplicate parameter", "scenario: baseline\nparameters:\n  ticks: {values: [1]}\n  ticks: {values: [2]}\n", `x.yaml:4: parameters.ticks: duplicate key (first at line 3)`},
		{"duplicate key", "scenario: baseline\nseed: 1\nseed: 2\n", `x.yaml:3: seed: duplicate key (first at line 2)`},
		{"missing scenario", "name: x\n", `x.yaml:1: scenario: missing`},
		{"unknown scenario", "scenario: nowhere\n", `x.yaml:1: scenario: `},
		{"bad set", "scenario: baseline\nset: [members=lots]\n", `x.yaml:2: set[0]: --set members: expected an integer, got "lots"`},
		{"second bad set", "scenario: baseline\nset:\n  - ticks=2\n  - members\n", `x.yaml:4: set[1]: --set members: expected PATH=VALUE`},
		{"old sets key", "scenario: baseline\nsets: [ticks=2]\n", `x.yaml:2: sets: unknown field "sets": write set: instead`},
		{"grid without values", "scenario: baseline\nparameters:\n  ticks: {}\n", `x.yaml:3: parameters.ticks: give values or range`},
		{"values and range", "scenario: baseline\nparameters:\n  ticks: {values: [1], range: {from: 1, to: 2, step: 1}}\n", `x.yaml:3: parameters.ticks.range: give values or range, not both`},
		{"grid with min", "scenario: baseline\nparameters:\n  ticks: {min: 1, max: 3}\n", `x.yaml:3: parameters.ticks.min: only allowed when design is lhs`},
		{"lhs without min", "scenario: baseline\ndesign: lhs\nsamples: 4\nparameters:\n  ticks: {max: 3}\n", `x.yaml:5: parameters.ticks.min: missing`},
		{"lhs without max", "scenario: baseline\ndesign: lhs\nsamples: 4\nparameters:\n  ticks: {min: 3}\n", `x.yaml:5: parameters.ticks.max: missing: needed when design is lhs`},
		{"samples on a grid", "scenario: baseline\nsamples: 4\n", `x.yaml:2: samples: only allowed when design is lhs`},
		{"zero step", "scenario: baseline\nparameters:\n  ticks: {range: {from: 1, to: 5, step: 0}}\n", `x.yaml:3: parameters.ticks.range.step: must be above 0, got 0`},
		{"range without step", "scenario: baseline\nparameters:\n  ticks:\n    range: {from: 1, to: 5}\n", `x.yaml:4: parameters.ticks.range.step: missing`},
		{"unknown range key", "scenario: baseline\nparameters:\n  ticks:\n    range: {from: 1, to: 5, stride: 1}\n", `x.yaml:4: parameters.ticks.range.stride: unknown field "stride" in parameters.ticks.range (known: from, step, to)`},
		{"huge range", "scenario: baseline\nparameters:\n  ticks: {range: {from: 1, to: 1e12, step: 1}}\n", `x.yaml:3: parameters.ticks.range: range has more than 10000000 values (10 million, the most runs a batch may have)`},
		{"tiny step", "scenario: baseline\nparameters:\n  issuance.smoothing: {range: {from: 0, to: 1, step: 1e-300}}\n", `x.yaml:3: parameters.issuance.smoothing.range: range has more than 10000000 values (10 million, the most runs a batch may have)`},
		{"step beyond counting", "scenario: baseline\nparameters:\n  issuance.smoothing: {range: {from: 0, to: 1e300, step: 1e-300}}\n", `x.yaml:3: parameters.issuance.smoothing.range: range has more than 10000000 values (10 million, the most runs a batch may have)`},
		{"lhs runs", "scenario: baseline\ndesign: lhs\nsamples: 10000000\nreplicates: 4\nparameters:\n  issuance.smoothing: {min: 0, max: 1}\n", `x.yaml:4: replicates: the design (samples × replicates): 10000000 × 4 runs is more than the 10000000 (10 million) a batch may have`},
		{"grid runs", "scenario: baseline\nreplicates: 10000000\nparameters:\n  issuance.smoothing: {values: [0, 0.1, 0.2, 0.3]}\n", `x.yaml:2: replicates: the grid (values of each parameter × replicates): 4 × 10000000 runs is more than the 10000000 (10 million) a batch may have`},
		{"text bound", "scenario: baseline\ndesign: lhs\nsamples: 2\nparameters:\n  ticks: {min: one, max: 3}\n", `x.yaml:5: parameters.ticks.min: expected a number, got "one"`},
		{"seed too big", "scenario: baseline\nseed: 18446744073709551616\n", `x.yaml:2: seed: expected a non-negative integer, got 18446744073709551616, which is out of range`},
		{"tab", "scenario: baseline\nparameters:\n  ticks: 1\n\tseed: 2\n", `x.yaml:4: found a tab character that violates indentation`},
		{"two documents", "scenario: baseline\n---\nscenario: giveaway\n", `x.yaml:2: a sweep file is a single YAML document`},
		{"a list", "- scenario\n", `x.yaml:1: a sweep file is a mapping of keys to values, not a list`},
		{"empty", "# nothing\n", `x.yaml: empty sweep file`},
		{"null bound", "scenario: baseline\ndesign: lhs\nsamples: 2\nparameters:\n  ticks: {min: ~, max: 3}\n", `x.yaml:5: parameters.ticks.min: expected a number, got null`},
		{"null range", "scenario: baseline\nparameters:\n  ticks: {range: ~}\n", `x.yaml:3: parameters.ticks.range.from: missing`},
		{"null values", "scenario: baseline\nparameters:\n  ticks: {values: ~}\n", `x.yaml:3: parameters.ticks.values: must not be empty`},
		{"null parameter", "scenario: baseline\nparameters:\n  ticks: ~\n", `x.yaml:3: parameters.ticks: expected a mapping, got null`},
		{"duplicate metric", "scenario: baseline\nmetrics: [sd(inflation), last(gini), sd( inflation )]\n", `x.yaml:2: metrics[2]: sd( inflation ) is given twice (metrics[0] is sd(inflation)): runs.csv has one column per metric`},
		{"duplicate bare metric", "scenario: baseline\nmetrics: [gini, last(gini)]\n", `x.yaml:2: metrics[1]: last(gini) is given twice (metrics[0] is gini)`},
		{"metrics not a list", "scenario: baseline\nmetrics: sd(inflation)\n", `x.yaml:2: metrics: expected a list, got "sd(inflation)"`},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeFile(t, dir, "x.yaml", c.text))
			var se *scenarios.Error
			if err == nil || !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v; want a *scenarios.Error containing %q", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error on more than one line: %q", err)
			}
		})
	}
}

func TestExpandGrid(t *testing.T) {
	s, err := Load(writeFile(t, t.TempDir(), "s.yaml", small))
	if err != nil {
		t.Fatal(err)
	}
	if s.Points() != 6 || s.Total() != 12 {
		t.Fatalf("points %d, runs %d; want 6 and 12", s.Points(), s.Total())
	}
	r := s.Run(7)
	if r.ID != "p0003-r01" || r.Point != 3 || r.Replicate != 1 || !slices.Equal(r.Values, []string{"0.2", "12"}) {
		t.Errorf("run 7 = %+v; want p0003-r01 at foundation_share 0.2, expiry 12", r)
	}
	// Common random numbers: replicate r has one seed at every point, and replicates differ.
	for i := range s.Total() {
		if got, want := s.Run(i).Seed, s.Run(i%s.Replicates).Seed; got != want {
			t.Errorf("run %d seed %d; want replicate's seed %d", i, got, want)
		}
	}
	if s.Run(0).Seed == s.Run(1).Seed {
		t.Error("replicates share a seed")
	}
	sets := s.Sets(r)
	if want := []string{"members=300", "coops.count=12", "ticks=12", "issuance.foundation_share=0.2", "issuance.grant_expiry_months=12"}; !slices.Equal(sets, want) {
		t.Errorf("sets %v; want %v", sets, want)
	}
}

func TestRangeFloats(t *testing.T) {
	s, err := Parse("r.yaml", []byte("scenario: baseline\nparameters:\n  issuance.foundation_share: {range: {from: 0.1, to: 0.3, step: 0.1}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Params[0].Values; !slices.Equal(got, []string{"0.1", "0.2", "0.3"}) {
		t.Errorf("values %v; want 0.1 0.2 0.3", got)
	}
}

func TestExpandLHS(t *testing.T) {
	const text = `scenario: baseline
design: lhs
samples: 10
seed: 3
parameters:
  issuance.foundation_share: {min: 0.1, max: 0.5}
  issuance.grant_expiry_months: {min: 3, max: 36}
`
	a, err := Parse("l.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Parse("l.yaml", []byte(text))
	if a.Points() != 10 {
		t.Fatalf("points %d; want 10", a.Points())
	}
	strata := make([]bool, 10)
	for i := range 10 {
		if !slices.Equal(a.Run(i).Values, b.Run(i).Values) {
			t.Fatalf("point %d differs between two loads: %v, %v", i, a.Run(i).Values, b.Run(i).Values)
		}
		f, err := strconv.ParseFloat(a.Run(i).Values[0], 64)
		if err != nil || f < 0.1 || f > 0.5 {
			t.Fatalf("foundation_share %q outside [0.1, 0.5]", a.Run(i).Values[0])
		}
		strata[min(9, int((f-0.1)/0.04))] = true
		if _, err := strconv.Atoi(a.Run(i).Values[1]); err != nil {
			t.Errorf("grant_expiry_months %q: want a whole number", a.Run(i).Values[1])
		}
	}
	if slices.Contains(strata, false) {
		t.Errorf("not one point per stratum: %v", strata)
	}
}

func TestShardParse(t *testing.T) {
	for _, bad := range []string{"3/2", "0/2", "1", "a/b", "1/0", "-1/2"} {
		if _, _, err := ParseShard(bad); !errors.Is(err, ErrShard) {
			t.Errorf("ParseShard(%q) = %v; want ErrShard", bad, err)
		}
	}
	if i, n, err := ParseShard("2/3"); i != 2 || n != 3 || err != nil {
		t.Errorf("ParseShard(2/3) = %d, %d, %v", i, n, err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestResumeShardsMerge runs the small sweep whole, then resumes one with runs
// removed, and runs it in three shards and merges them: each gives the same bytes.
func TestResumeShardsMerge(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(writeFile(t, dir, "s.yaml", small))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	whole := filepath.Join(dir, "whole")
	sum, err := Execute(ctx, s, whole, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 12 || sum.Ran != 12 {
		t.Errorf("summary %+v; want 12 done and run", sum)
	}
	runsCSV, ticks := read(t, filepath.Join(whole, RunsCSV)), read(t, filepath.Join(whole, TicksParquet))
	if n := bytes.Count(runsCSV, []byte("\n")); n != 13 {
		t.Errorf("runs.csv has %d lines; want header and 12 runs", n)
	}
	checkParquet(t, filepath.Join(whole, TicksParquet), s)

	// Resume: remove three runs' files and the outputs; only those three run again.
	for _, id := range []string{"p0000-r01", "p0003-r00", "p0005-r01"} {
		os.Remove(runFile(whole, id))
	}
	os.Remove(filepath.Join(whole, RunsCSV))
	sum, err = Execute(ctx, s, whole, Options{Workers: 1})
	if err != nil || sum.Ran != 3 {
		t.Fatalf("resume: %+v, %v; want 3 runs run", sum, err)
	}
	if !bytes.Equal(read(t, filepath.Join(whole, RunsCSV)), runsCSV) || !bytes.Equal(read(t, filepath.Join(whole, TicksParquet)), ticks) {
		t.Error("a resumed sweep's outputs differ from the uninterrupted sweep's")
	}

	// Shards, merged, equal the whole sweep; so do CSV ticks.
	var shards []string
	for i := 1; i <= 3; i++ {
		d := filepath.Join(dir, "shard"+strconv.Itoa(i))
		if _, err := Execute(ctx, s, d, Options{Shard: i, Shards: 3, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, d)
	}
	if _, err := Merge(shards[:2], filepath.Join(dir, "partial"), false); err == nil || !strings.Contains(err.Error(), "not done") {
		t.Errorf("merging two of three shards: %v; want a run not done", err)
	}
	merged := filepath.Join(dir, "merged")
	m, err := Merge(shards, merged, false)
	if err != nil {
		t.Fatal(err)
	}
	if m.Done != 12 || m.Shard != "merged" {
		t.Errorf("merged manifest %+v", m)
	}
	if !bytes.Equal(read(t, filepath.Join(merged, RunsCSV)), runsCSV) || !bytes.Equal(read(t, filepath.Join(merged, TicksParquet)), ticks) {
		t.Error("merged shards differ from one local sweep")
	}
	csvDir := filepath.Join(dir, "csv")
	if _, err := Execute(ctx, s, csvDir, Options{CSV: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(shards, merged, true); err != nil {
		t.Fatal(err)
	}
	tc := read(t, filepath.Join(csvDir, TicksCSV))
	if !bytes.Equal(read(t, filepath.Join(merged, TicksCSV)), tc) {
		t.Error("merged ticks.csv differs from a local sweep's")
	}
	if n := bytes.Count(tc, []byte("\n")); n != 1+12*12 {
		t.Errorf("ticks.csv has %d lines; want header and 12 runs × 12 ticks", n)
	}

	// Another sweep in the same folder is refused.
	other, err := Parse(filepath.Join(dir, "o.yaml"), []byte(strings.Replace(small, "seed: 7", "seed: 8", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(ctx, other, whole, Options{}); !errors.Is(err, ErrOtherSweep) {
		t.Errorf("another sweep in the folder: %v; want ErrOtherSweep", err)
	}
}

// checkParquet reads ticks.parquet back: every run's ticks, with the run and
// parameter columns.
func checkParquet(t *testing.T, path string, s *Sweep) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := pf.NumRows(); n != int64(s.Total()*12) {
		t.Errorf("ticks.parquet has %d rows; want %d", n, s.Total()*12)
	}
	for _, col := range []string{"run", "seed", "issuance.foundation_share", "tick", "price_index"} {
		if _, ok := pf.Schema().Lookup(col); !ok {
			t.Errorf("ticks.parquet has no column %q", col)
		}
	}
	rows := make([]parquet.Row, 1)
	r := parquet.NewReader(pf)
	if _, err := r.ReadRows(rows); err != nil {
		t.Fatal(err)
	}
	lc, _ := pf.Schema().Lookup("run")
	if got := rows[0][lc.ColumnIndex].String(); got != "p0000-r00" {
		t.Errorf("first row's run %q; want p0000-r00", got)
	}
}

// TestExampleSweep loads scenarios/sweeps/foundation-share.yaml and runs one tenth of it.
func TestExampleSweep(t *testing.T) {
	s, err := Load(filepath.Join("..", "scenarios", "sweeps", "foundation-share.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "foundation-share" || s.Points() != 9 || s.Total() != 45 || len(s.Metrics) != 4 {
		t.Fatalf("%s: %d points, %d runs, %d metrics; want foundation-share, 9, 45, 4", s.Name, s.Points(), s.Total(), len(s.Metrics))
	}
	if got := s.Params[1].Values; !slices.Equal(got, []string{"0.1", "0.3", "0.5"}) {
		t.Errorf("foundation.spend_rate %v; want 0.1 0.3 0.5", got)
	}
	dir := t.TempDir()
	sum, err := Execute(context.Background(), s, dir, Options{Shard: 3, Shards: 10})
	if err != nil || sum.Ran != 5 {
		t.Fatalf("shard 3/10: %+v, %v; want 5 runs", sum, err)
	}
	m, err := ReadManifest(dir)
	if err != nil || m.Shard != "3/10" || m.Done != 5 || m.RunsTotal != 45 || m.Scenario != "baseline" || len(m.SweepSHA256) != 64 {
		t.Errorf("manifest %+v, %v", m, err)
	}
	lines := strings.Split(strings.TrimSpace(string(read(t, filepath.Join(dir, RunsCSV)))), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[1], "p0000-r02,0,2,") || !strings.HasPrefix(lines[2], "p0002-r02,2,2,") {
		t.Errorf("runs.csv of shard 3/10:\n%s\nwant runs 2, 12, 22, ...", strings.Join(lines, "\n"))
	}
}

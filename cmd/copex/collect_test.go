package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// collectYAML is the two-coops example's shape with a collect section; every 4 of
// 10 ticks samples ticks 4 and 8.
const collectYAML = `name: collect-cli
members: 60
ticks: 10
sectors:
  - {name: food, share: 1, base_price: 2, productivity: 100, wage: 150}
coops: {count: 4, workers_min: 3, workers_max: 10}
collect:
  every: 4
  members: [balance, employer]
  coops: [workers, sector]
`

// parquetTicks returns the column names of a Parquet file and the tick (first
// column) of each row.
func parquetTicks(t *testing.T, path string) ([]string, []int64) {
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
	var names []string
	for _, fl := range pf.Schema().Fields() {
		names = append(names, fl.Name())
	}
	rows := make([]parquet.Row, pf.NumRows())
	r := parquet.NewReader(pf)
	defer r.Close()
	n, _ := r.ReadRows(rows)
	var ticks []int64
	for _, row := range rows[:n] {
		ticks = append(ticks, row[0].Int64())
	}
	return names, ticks
}

func TestRunCollectAndParquet(t *testing.T) {
	dir := t.TempDir()
	sc := write(t, dir, "c.yaml", collectYAML)
	out := filepath.Join(dir, "out")
	code, _, stderr := copex(t, "run", sc, "--out", out, "--parquet", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var man struct{ Files []string }
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"metrics.parquet", "members.parquet", "coops.parquet"} {
		if !slices.Contains(man.Files, f) {
			t.Errorf("manifest files %v lack %s", man.Files, f)
		}
	}
	names, ticks := parquetTicks(t, filepath.Join(out, "members.parquet"))
	if want := []string{"tick", "month", "member", "balance", "employer"}; !slices.Equal(names, want) {
		t.Errorf("members.parquet columns %v, want %v", names, want)
	}
	if len(ticks) < 120 || slices.ContainsFunc(ticks, func(k int64) bool { return k != 4 && k != 8 }) {
		t.Errorf("members.parquet ticks %v, want ticks 4 and 8 only, each with every member", slices.Compact(ticks))
	}
	_, ticks = parquetTicks(t, filepath.Join(out, "metrics.parquet"))
	if !slices.Equal(ticks, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
		t.Errorf("metrics.parquet ticks %v, want 1 to 10", ticks)
	}
	if _, err := os.Stat(filepath.Join(out, "summaries.parquet")); !os.IsNotExist(err) {
		t.Errorf("summaries.parquet written with no summaries named (%v)", err)
	}

	// Without --parquet and without collect: no Parquet at all.
	plain := write(t, dir, "p.yaml", strings.Split(collectYAML, "collect:")[0])
	out2 := filepath.Join(dir, "out2")
	if code, _, stderr := copex(t, "run", plain, "--out", out2, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if m, _ := filepath.Glob(filepath.Join(out2, "*.parquet")); len(m) > 0 {
		t.Errorf("a run without collect or --parquet wrote %v", m)
	}
}

func TestRunCollectBadField(t *testing.T) {
	dir := t.TempDir()
	sc := write(t, dir, "c.yaml", strings.Replace(collectYAML, "[workers, sector]", "[workers, sectr]", 1))
	code, stdout, stderr := copex(t, "run", sc, "--out", filepath.Join(dir, "out"), "-q")
	want := sc + ":10: collect.coops[1]: must be one of balance, workers, price, sector,"
	if code != 2 || !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 || stdout != "" {
		t.Errorf("exit %d, stderr %q; want exit 2 and one line containing %q", code, stderr, want)
	}
}

func TestRunCollectBadExpression(t *testing.T) {
	dir := t.TempDir()
	sc := write(t, dir, "c.yaml", collectYAML+"  summaries:\n    - {name: x, expr: \"supply + nosuch\"}\n")
	code, _, stderr := copex(t, "run", sc, "--out", filepath.Join(dir, "out"), "-q")
	want := sc + ":12: collect.summaries[0].expr: column 10: unknown name nosuch"
	if code != 2 || !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
		t.Errorf("exit %d, stderr %q; want exit 2 and one line containing %q", code, stderr, want)
	}
}

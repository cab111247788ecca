package runs

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// collectScenario is a small economy that collects every 5 ticks of 23: ticks 5, 10,
// 15 and 20 are sampled (23 is not a multiple of 5), with newcomers so that the
// member table grows between samples.
const collectScenario = `name: collect-test
members: 400
ticks: 23
sectors:
  - {name: food, share: 0.6, base_price: 2, productivity: 200, wage: 300, inputs: {care: 0.05}}
  - {name: care, share: 0.4, base_price: 5, productivity: 60, wage: 280}
coops: {count: 12, workers_min: 3, workers_max: 20}
member: {initial_balance: 50, invitations: 0.05}
collect:
  every: 5
  members: [balance, savings, employer, locality, role]
  coops: [balance, workers, price, sector, alive]
  summaries:
    - {name: member_tokens, expr: "sum(map(members, .balance))"}
    - {name: employed, expr: "count(members, .employer >= 0)"}
    - {name: supply_mean3, expr: "supply", window: 3, stat: mean}
    - {name: supply_max2, expr: "supply", window: 2, stat: max}
    - {name: supply_min7, expr: "supply", window: 7, stat: min}
    - {name: workers_left, expr: "sum(map(coops, .workers)) - count(members, .employer >= 0)"}
`

var collectTicks = []int64{5, 10, 15, 20}

// readParquet reads a whole Parquet file: its column names in order and its rows.
func readParquet(t *testing.T, path string) ([]string, []parquet.Row) {
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
	n, err := r.ReadRows(rows)
	if err != nil && n != len(rows) {
		t.Fatal(err)
	}
	return names, rows[:n]
}

// stepTo returns an economy of the scenario stepped to each of ticks in turn, built
// and stepped here without collecting, so that its accessors say what the collected
// files should.
func stepTo(t *testing.T, sc *scenarios.Scenario, ticks []int64, at func(e *agents.Economy, m *sim.Metrics, tab *sim.Table)) {
	t.Helper()
	cfg := sc.Config
	cfg.Collect = agents.Collect{}
	m, err := agents.Build(cfg, cfg.Seed)
	if err != nil {
		t.Fatal(err)
	}
	run, err := sim.Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	for {
		row, err := run.Next()
		if errors.Is(err, sim.ErrDone) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(ticks, int64(row.Tick)) {
			at(m.(*agents.Economy), row, run.Table())
		}
	}
}

func TestCollectParquet(t *testing.T) {
	sc, err := scenarios.Parse("collect.yaml", []byte(collectScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	res, err := Run(sc, dir, Options{NoCharts: true, Parquet: true, Memory: roomy})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"metrics.parquet", "members.parquet", "coops.parquet", "summaries.parquet"} {
		if !slices.Contains(res.Manifest.Files, f) {
			t.Errorf("manifest files %v lack %s", res.Manifest.Files, f)
		}
	}

	// Collecting changes nothing the model does: metrics.csv equals a run without it.
	plain := *sc
	plain.Config.Collect = agents.Collect{}
	pdir := filepath.Join(t.TempDir(), "plain")
	if _, err := Run(&plain, pdir, Options{NoCharts: true, Memory: roomy}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "metrics.csv"))
	b, _ := os.ReadFile(filepath.Join(pdir, "metrics.csv"))
	if !bytes.Equal(a, b) {
		t.Errorf("metrics.csv differs with collect: from without it")
	}

	mnames, mrows := readParquet(t, filepath.Join(dir, "members.parquet"))
	if want := []string{"tick", "month", "member", "balance", "savings", "employer", "locality", "role"}; !slices.Equal(mnames, want) {
		t.Errorf("members.parquet columns = %v, want %v", mnames, want)
	}
	cnames, crows := readParquet(t, filepath.Join(dir, "coops.parquet"))
	if want := []string{"tick", "month", "coop", "balance", "workers", "price", "sector", "alive"}; !slices.Equal(cnames, want) {
		t.Errorf("coops.parquet columns = %v, want %v", cnames, want)
	}
	snames, srows := readParquet(t, filepath.Join(dir, "summaries.parquet"))
	if want := []string{"tick", "month", "member_tokens", "employed", "supply_mean3", "supply_max2", "supply_min7", "workers_left"}; !slices.Equal(snames, want) {
		t.Errorf("summaries.parquet columns = %v, want %v", snames, want)
	}
	metNames, metRows := readParquet(t, filepath.Join(dir, "metrics.parquet"))
	var want []string
	for _, c := range res.Table.Columns() {
		want = append(want, c.Name)
	}
	if !slices.Equal(metNames, want) {
		t.Errorf("metrics.parquet columns = %v, want metrics.csv's %v", metNames, want)
	}
	if len(metRows) != res.Table.Len() {
		t.Fatalf("metrics.parquet has %d rows, want %d", len(metRows), res.Table.Len())
	}
	for r, row := range metRows {
		m := &res.Table.Rows[r]
		for i, c := range res.Table.Columns() {
			if c.Kind == sim.KindRatio {
				if got := row[i].Double(); got != m.Float(sim.Col(i)) && !(got != got) {
					t.Errorf("metrics.parquet tick %d %s = %v, want %v", m.Tick, c.Name, got, m.Float(sim.Col(i)))
				}
			} else if got := row[i].Int64(); got != m.Int(sim.Col(i)) {
				t.Errorf("metrics.parquet tick %d %s = %d, want %d", m.Tick, c.Name, got, m.Int(sim.Col(i)))
			}
		}
	}

	// Rows by tick: only the sampled ticks, each with every member (or co-op) then.
	byTick := func(rows []parquet.Row) map[int64][]parquet.Row {
		out := map[int64][]parquet.Row{}
		for _, r := range rows {
			out[r[0].Int64()] = append(out[r[0].Int64()], r)
		}
		return out
	}
	mt, ct, st := byTick(mrows), byTick(crows), byTick(srows)
	for _, tab := range []map[int64][]parquet.Row{mt, ct, st} {
		var ticks []int64
		for k := range tab {
			ticks = append(ticks, k)
		}
		slices.Sort(ticks)
		if !slices.Equal(ticks, collectTicks) {
			t.Errorf("sampled ticks %v, want %v", ticks, collectTicks)
		}
	}
	supply := map[int64]int64{}
	for _, row := range res.Table.Rows {
		supply[int64(row.Tick)] = res.Table.Int(&row, "supply")
	}
	grew := false
	stepTo(t, sc, collectTicks, func(e *agents.Economy, m *sim.Metrics, tab *sim.Table) {
		tick := int64(m.Tick)
		rows := mt[tick]
		if len(rows) != e.Members() {
			t.Fatalf("tick %d: %d member rows, want %d", tick, len(rows), e.Members())
		}
		grew = grew || e.Members() > 400
		var sum, employed int64
		for i, r := range rows {
			got := []int64{r[1].Int64(), r[2].Int64(), r[3].Int64(), r[4].Int64(), r[5].Int64(), r[6].Int64()}
			want := []int64{int64(m.Month), int64(i), e.Balance(i), e.MemberSavings(i), int64(e.MemberEmployer(i)), int64(e.MemberLocality(i))}
			if !slices.Equal(got, want) {
				t.Fatalf("tick %d member row %d = %v, want %v", tick, i, got, want)
			}
			if r[7].String() != e.MemberRole(i) {
				t.Fatalf("tick %d member %d role %q, want %q", tick, i, r[7].String(), e.MemberRole(i))
			}
			sum += got[2]
			if got[4] >= 0 {
				employed++
			}
		}
		// Conservation, from the files alone: the members hold the supply less the
		// co-ops' and the Foundation's holdings.
		crs := ct[tick]
		if len(crs) != e.Coops() {
			t.Fatalf("tick %d: %d co-op rows, want %d", tick, len(crs), e.Coops())
		}
		var coopSum, workers int64
		for c, r := range crs {
			got := []int64{r[2].Int64(), r[3].Int64(), r[4].Int64(), r[5].Int64()}
			want := []int64{int64(c), e.CoopBalance(c), int64(e.CoopWorkers(c)), e.CoopPrice(c)}
			if !slices.Equal(got, want) || r[6].String() != e.CoopSector(c) || r[7].Boolean() != e.CoopAlive(c) {
				t.Fatalf("tick %d co-op row %d = %v %s %v, want %v %s %v", tick, c, got, r[6], r[7], want, e.CoopSector(c), e.CoopAlive(c))
			}
			coopSum += got[1]
			workers += got[2]
		}
		found := e.Ledger().Holdings(e.Foundation())
		if sum != supply[tick]-coopSum-found {
			t.Errorf("tick %d: members hold %d µtokens, want supply %d - co-ops %d - Foundation %d = %d",
				tick, sum, supply[tick], coopSum, found, supply[tick]-coopSum-found)
		}
		s := st[tick]
		if len(s) != 1 {
			t.Fatalf("tick %d: %d summary rows, want 1", tick, len(s))
		}
		tokens := func(a int64) float64 { return float64(a) / 1e6 }
		if got, want := s[0][3].Double(), float64(employed); got != want {
			t.Errorf("tick %d employed = %v, want %v", tick, got, want)
		}
		if got, want := s[0][2].Double(), tokens(sum); got < want-1e-6*float64(len(rows)) || got > want+1e-6*float64(len(rows)) {
			// each balance is rounded once to a float of tokens
			t.Errorf("tick %d member_tokens = %v, want %v", tick, got, want)
		}
		mean3 := (tokens(supply[tick]) + tokens(supply[tick-1]) + tokens(supply[tick-2])) / 3
		if got := s[0][4].Double(); got-mean3 > 1e-6 || mean3-got > 1e-6 {
			t.Errorf("tick %d supply_mean3 = %v, want %v (ticks %d-%d)", tick, got, mean3, tick-2, tick)
		}
		if got, want := s[0][5].Double(), max(tokens(supply[tick]), tokens(supply[tick-1])); got != want {
			t.Errorf("tick %d supply_max2 = %v, want %v", tick, got, want)
		}
		// co-ops' workers less employed members: both lists filled on one tick
		if got, want := s[0][7].Double(), float64(workers-employed); got != want {
			t.Errorf("tick %d workers_left = %v, want %v", tick, got, want)
		}
		// A window longer than the period (7 > 5) overlaps the one before; at tick 5
		// it holds the 5 ticks run.
		min7 := tokens(supply[tick])
		for k := max(tick-6, 1); k < tick; k++ {
			min7 = min(min7, tokens(supply[k]))
		}
		if got := s[0][6].Double(); got != min7 {
			t.Errorf("tick %d supply_min7 = %v, want %v (ticks %d-%d)", tick, got, min7, max(tick-6, 1), tick)
		}
	})
	if !grew {
		t.Errorf("no newcomer joined by tick 20: the test does not cover a growing member table")
	}
}

// roomy is a memory source with room for any test scenario.
func roomy() (uint64, bool) { return 1 << 40, true }

// TestCollectRefused: names that are not fields, at their line; and a model that
// has no members and co-ops to collect.
func TestCollectRefused(t *testing.T) {
	for _, c := range []struct{ edit, want string }{
		{"coops: [balance, workers, price, sector, alive]", "collect.yaml:12: collect.coops[1]: must be one of"},
		{"members: [balance, savings, employer, locality, role]", "collect.yaml:11: collect.members[0]: must be one of"},
	} {
		src := bytes.Replace([]byte(collectScenario), []byte(c.edit), []byte(bogus(c.edit)), 1)
		_, err := scenarios.Parse("collect.yaml", src, nil)
		if err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte(c.want)) || bytes.ContainsRune([]byte(err.Error()), '\n') {
			t.Errorf("Parse with %q: error %v, want one line starting %q", bogus(c.edit), err, c.want)
		}
	}
}

// TestCollectBadExpression: a summary whose expression does not compile is refused
// when the scenario is loaded, naming the file, line and field.
func TestCollectBadExpression(t *testing.T) {
	src := bytes.Replace([]byte(collectScenario), []byte(`expr: "supply", window: 2`), []byte(`expr: "supply + nosuch", window: 2`), 1)
	_, err := scenarios.Parse("collect.yaml", src, nil)
	const want = "collect.yaml:17: collect.summaries[3].expr: column 10: unknown name nosuch"
	if err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte(want)) || bytes.ContainsRune([]byte(err.Error()), '\n') {
		t.Errorf("Parse: error %v, want one line starting %q", err, want)
	}
}

func bogus(s string) string {
	switch s[0] {
	case 'c':
		return "coops: [balance, wrokers]"
	case 'm':
		return "members: [bal]"
	}
	return `expr: "supply + nosuch", window: 2`
}

// BenchmarkCollect runs two years of the baseline with and without a collect section
// (every 12 ticks: four member fields, five co-op fields and one summary over the
// members), so the cost of collecting is the ratio of the two in one run.
func BenchmarkCollect(b *testing.B) {
	for _, bc := range []struct {
		name string
		sets []string
	}{
		{"none", nil},
		{"every12", []string{"collect.every=12", "collect.members=[balance, savings, employer, locality]",
			"collect.coops=[balance, workers, price, sector, alive]"}},
		{"every1", []string{"collect.every=1", "collect.members=[balance, savings, employer, locality]",
			"collect.coops=[balance, workers, price, sector, alive]"}},
	} {
		sc, err := scenarios.Load("baseline", append([]string{"ticks=24"}, bc.sets...))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				if _, err := Run(sc, filepath.Join(b.TempDir(), "out"), Options{NoCharts: true, Memory: roomy, Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

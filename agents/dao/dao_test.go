package dao_test

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// small is dao-platform at a size for tests: 3,000 members and 30 co-ops (founding
// teams of 40 to 120 still employ about four in five), two years.
var small = []string{"members=3000", "coops.count=30", "ticks=24"}

// heldStill holds the economy still for the allocation check, and with it the
// platform's growth: no missions (each won mission is a new ledger asset). Meetings,
// votes, dividends and bundles go on.
var heldStill = []string{"fixed.members=true", "fixed.labour=true", "fixed.foundation=true", "dao.missions=[]"}

func contract(t *testing.T, sets []string, ticks int) agentstest.Contract {
	t.Helper()
	load := func(sets []string) func(seed uint64) (sim.Model, error) {
		sc, err := scenarios.Load("dao-platform", sets)
		if err != nil {
			t.Fatal(err)
		}
		return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
	}
	return agentstest.Contract{New: load(sets), Ticks: ticks,
		Steady: load(append(append([]string{}, sets...), heldStill...))}
}

// TestContract runs the contract suite with the platform on: conservation every tick
// (escrow included), the same results for 1, 2 and 8 workers, determinism, the
// journal's rebuild, and no allocation in a steady tick.
func TestContract(t *testing.T) {
	agentstest.Run(t, contract(t, small, 24))
}

// TestContractStake is the suite with votes by stake and a cap on delegates.
func TestContractStake(t *testing.T) {
	if testing.Short() {
		t.Skip("a second contract run")
	}
	sets := append(append([]string{}, small...), "ticks=12", "dao.voting=stake", "dao.cap=3")
	c := contract(t, sets, 12)
	agentstest.Conservation(t, c)
	agentstest.Workers(t, c)
}

// run runs dao-platform with copex run's code (runs.Run) and returns its metrics.csv
// and the folder.
func run(t *testing.T, sets []string, opts runs.Options) ([]map[string]string, string) {
	t.Helper()
	sc, err := scenarios.Load("dao-platform", sets)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts.NoCharts = true
	if _, err := runs.Run(sc, dir, opts); err != nil {
		t.Fatal(err)
	}
	return agentstest.ReadCSV(t, filepath.Join(dir, "metrics.csv")), dir
}

func amount(t *testing.T, row map[string]string, col string) ledger.Amount {
	t.Helper()
	a, err := ledger.Parse(row[col])
	if err != nil {
		t.Fatalf("%s = %q: %v", col, row[col], err)
	}
	return a
}

func count(t *testing.T, row map[string]string, col string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(row[col], 10, 64)
	if err != nil {
		t.Fatalf("%s = %q: %v", col, row[col], err)
	}
	return n
}

// TestEscrowConserves checks the escrow from the run's own metrics: at the end of
// every tick, what was pledged so far less what was paid to winners and refunded
// equals what the escrow account holds, to the micro-token; and missions both fail
// (so refunds are exercised) and are won. The ledger-wide conservation is the
// contract's.
func TestEscrowConserves(t *testing.T) {
	rows, _ := run(t, small, runs.Options{})
	var pledged, out ledger.Amount
	var won, failed int64
	for _, r := range rows {
		pledged += amount(t, r, "dao_prizes_pledged")
		out += amount(t, r, "dao_prizes_paid") + amount(t, r, "dao_prizes_refunded")
		if esc := amount(t, r, "dao_escrow"); pledged-out != esc {
			t.Fatalf("tick %s: pledged %s - paid and refunded %s = %s, escrow holds %s", r["tick"],
				ledger.Format(pledged), ledger.Format(out), ledger.Format(pledged-out), ledger.Format(esc))
		}
		won += count(t, r, "dao_missions_won")
		failed += count(t, r, "dao_missions_failed")
	}
	if won == 0 || failed == 0 || pledged == 0 {
		t.Fatalf("%d won and %d failed missions, %s pledged: the test needs both outcomes", won, failed, ledger.Format(pledged))
	}
}

// TestVotesCSV checks votes.csv and the delegation graphs written by a run: one row a
// vote, as many as the metrics count; in every vote cast + abstained + lost in cycles
// + lost otherwise = eligible; and each graph's weights sum to the vote's cast.
func TestVotesCSV(t *testing.T) {
	graphs := t.TempDir()
	sc, err := scenarios.Load("dao-platform", append(append([]string{}, small...), "ticks=6"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := runs.Run(sc, dir, runs.Options{NoCharts: true, Dirs: map[string]string{"delegations": graphs}}); err != nil {
		t.Fatal(err)
	}
	var votes int64
	for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "metrics.csv")) {
		votes += count(t, r, "dao_votes")
	}
	rows := agentstest.ReadCSV(t, filepath.Join(dir, "votes.csv"))
	if int64(len(rows)) != votes || votes == 0 {
		t.Fatalf("votes.csv has %d rows, the metrics count %d votes", len(rows), votes)
	}
	for _, r := range rows {
		el, cast := count(t, r, "eligible"), count(t, r, "cast")
		if got := cast + count(t, r, "abstained") + count(t, r, "lost_cycles") + count(t, r, "lost_other"); got != el {
			t.Fatalf("vote %s: cast + abstained + lost = %d, eligible %d", r["id"], got, el)
		}
		id, _ := strconv.Atoi(r["id"])
		g := agentstest.ReadCSV(t, filepath.Join(graphs, "vote-"+pad(id)+".csv"))
		var w int64
		for _, v := range g {
			w += count(t, v, "weight")
		}
		if int64(len(g)) != el || w != cast {
			t.Fatalf("vote %d: graph has %d voters casting %d, votes.csv says %d eligible, %d cast", id, len(g), w, el, cast)
		}
	}
}

func pad(id int) string { s := strconv.Itoa(id); return strings.Repeat("0", max(0, 5-len(s))) + s }

// TestBadInput checks that the loader refuses the section's bad input with the file,
// line and field: an unknown program rule, a cap below 1, a mission with no prize rule
// and bundle shares that do not sum to 1.
func TestBadInput(t *testing.T) {
	const head = "model: economy\nmembers: 100\nsectors:\n  - {name: food, share: 1, base_price: 2, productivity: 10, wage: 10}\ncoops: {count: 2, workers_min: 2, workers_max: 4}\ndao:\n  enabled: true\n"
	tests := []struct {
		name, body, want string
	}{
		{"unknown program rule", "  programs:\n    - {rule: follow_the_leader, share: 1}\n",
			"bad.yaml:9: dao.programs[0].rule: must be one of coop_majority, cost_under, most_reputed, abstain"},
		{"cap below 1", "  quorum: 0.1\n  cap: 0\n", "bad.yaml:9: dao.cap: must be between 1 and"},
		{"no prize rule", "  missions:\n    - name: product\n      months: 3\n      teams: 2\n      team_size: 2\n      shares: 10\n",
			"bad.yaml:9: dao.missions[0].prize.rule: mission \"product\" has no prize rule"},
		{"shares not summing to 1", "  bundles:\n    - name: home\n      price: 10\n      shares: [0.5, 0.3]\n",
			"bad.yaml:11: dao.bundles[0].shares: the contribution shares sum to 0.8, want 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse("bad.yaml", []byte(head+tt.body), nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Parse = %v, want one line starting %q", err, tt.want)
			}
		})
	}
}

// TestContractWeekly is the suite on a weekly clock: the platform acts on the first
// tick of each month and measures every tick.
func TestContractWeekly(t *testing.T) {
	if testing.Short() {
		t.Skip("a third contract run")
	}
	sets := append(append([]string{}, small...), "clock=week", "ticks=30")
	c := contract(t, sets, 30)
	agentstest.Conservation(t, c)
	agentstest.Workers(t, c)
	agentstest.SteadyAllocs(t, c)
}

// TestFailureRate checks the scenario's failure rate from a run's metrics: with one
// kind of mission (fail 0.15) and no late ones, each settled mission fails
// independently with probability 0.15, so of N settled, the failures are Binomial(N,
// 0.15): the observed share must be within 4 standard deviations, √(0.15·0.85/N)
// (about 0.09 for the ~230 missions here; a chance of 6e-5 of failing if right).
// The late rate alone: with fail 0 and late 1, every mission that reaches its
// deadline is late exactly once, and none fails.
func TestFailureRate(t *testing.T) {
	base := append(append([]string{}, small...), "ticks=60", "dao.missions[1].rate=0", "dao.missions[0].rate=0.3")
	rows, _ := run(t, append(base, "dao.missions[0].late=0"), runs.Options{})
	var won, failed, late int64
	for _, r := range rows {
		won += count(t, r, "dao_missions_won")
		failed += count(t, r, "dao_missions_failed")
		late += count(t, r, "dao_missions_late")
	}
	n := won + failed
	if n < 50 || late != 0 {
		t.Fatalf("%d missions settled, %d late: want at least 50 and none late", n, late)
	}
	t.Logf("%d of %d settled missions failed", failed, n)
	share, sd := float64(failed)/float64(n), math.Sqrt(0.15*0.85/float64(n))
	if math.Abs(share-0.15) > 4*sd {
		t.Errorf("%d of %d missions failed (%.3f), want 0.15 within 4 × %.3f", failed, n, share, sd)
	}
	rows, _ = run(t, append(base, "dao.missions[0].late=1", "dao.missions[0].fail=0"), runs.Options{})
	won, failed, late = 0, 0, 0
	var opened int64
	for _, r := range rows {
		won += count(t, r, "dao_missions_won")
		failed += count(t, r, "dao_missions_failed")
		late += count(t, r, "dao_missions_late")
		opened += count(t, r, "dao_missions_opened")
	}
	if failed != 0 || won == 0 || late < won || late > opened {
		t.Errorf("late 1, fail 0: %d opened, %d late, %d won, %d failed; want every winner late first and no failure", opened, late, won, failed)
	}
}

// TestVotesWorkers: votes.csv is byte-identical for 1 and 8 workers.
func TestVotesWorkers(t *testing.T) {
	sets := append(append([]string{}, small...), "ticks=9", "dao.cap=4")
	var files [][]byte
	for _, w := range []int{1, 8} {
		_, dir := run(t, sets, runs.Options{Workers: w})
		b, err := os.ReadFile(filepath.Join(dir, "votes.csv"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	if string(files[0]) != string(files[1]) || len(files[0]) < 1000 {
		t.Errorf("votes.csv: %d bytes with 1 worker, %d with 8, or different", len(files[0]), len(files[1]))
	}
}

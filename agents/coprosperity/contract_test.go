package coprosperity_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// small is the coprosperity scenario at a size the contract suite runs in seconds.
var small = []string{"members=1200", "coops.count=48", "ticks=24"}

// still holds the economy and the subsystem's growth still (no newcomers, projects or
// exclusions) for the allocation check.
var still = []string{"fixed.members=true", "fixed.labour=true", "fixed.foundation=true",
	"coprosperity.projects_per_year=0", "coprosperity.exclusion_rating=0"}

func load(t *testing.T, sets []string) func(seed uint64) (sim.Model, error) {
	t.Helper()
	sc, err := scenarios.Load("coprosperity", sets)
	if err != nil {
		t.Fatal(err)
	}
	return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
}

// TestContract runs the contract suite with the section on: token conservation after
// every tick (the guarantors' and issuers' compensations move tokens), 1, 2 and 8
// workers alike, the journal's rebuild, determinism by seed, no allocation in a
// steady tick. The subsystem checks every IOU asset's books (members' and co-ops',
// co-ops closing with IOUs written off) at the end of every month and fails the run
// if one is off by a unit, so every run here checks them too; both airdrop readings,
// and members alone, are run.
func TestContract(t *testing.T) {
	for _, extra := range []string{"coprosperity.liquidity_hours=0", "coprosperity.liquidity_hours=200", "clock=week", "coprosperity.unit=value",
		"coprosperity.airdrop=per_issuer", "coprosperity.coops=false"} {
		t.Run(extra, func(t *testing.T) {
			sets := append(append([]string{}, small...), extra)
			ticks := 24
			if extra == "coprosperity.airdrop=per_issuer" {
				// Its clearing rounds are the costly ones (every gift an obligation):
				// 8 months keep the suite within seconds.
				ticks = 8
				sets = append(sets, "ticks=8")
			}
			agentstest.Run(t, agentstest.Contract{
				New:    load(t, sets),
				Ticks:  ticks,
				Steady: load(t, append(append([]string{}, sets...), still...)),
			})
		})
	}
}

// TestObligationsFiles runs the scenario through copex's own path (agents.Build and
// sim.Run, the folder handed over by UseDir as copex run --obligations does), reads
// each round's files back with sim/clearing's reader, and checks them against an
// independent computation: every participant's net position is the same before and
// after, no obligation grows or appears except the fund's, the after file's total
// equals the gross before less clearing_cleared, and clearing the after file again
// sets off nothing more (the round was optimal); and the same of the co-ops' rounds
// (checkCoopRound). The per-issuer airdrop makes cycles among co-ops too, so that
// their clearing has something to set off.
func TestObligationsFiles(t *testing.T) {
	for _, tc := range []struct{ liq, airdrop string }{{"0", "pooled"}, {"100", "pooled"}, {"0", "per_issuer"}} {
		liq := tc.liq
		t.Run("liquidity="+liq+","+tc.airdrop, func(t *testing.T) {
			dir := t.TempDir()
			sets := append(append([]string{}, small...), "ticks=6", "coprosperity.liquidity_hours="+liq, "coprosperity.airdrop="+tc.airdrop)
			m, err := load(t, sets)(1)
			if err != nil {
				t.Fatal(err)
			}
			if !m.(sim.DirUser).UseDir("obligations", dir) {
				t.Fatal("UseDir(obligations) = false with clearing on")
			}
			res, err := sim.Run(m, &sim.Options{Ticks: 6})
			if err != nil {
				t.Fatal(err)
			}
			tab := res.Table
			grossCol, _ := tab.Col("clearing_gross")
			clearedCol, _ := tab.Col("clearing_cleared")
			for month := 1; month <= 6; month++ {
				before := readObligations(t, filepath.Join(dir, "month-"+pad(month)+"-before.csv"))
				after := readObligations(t, filepath.Join(dir, "month-"+pad(month)+"-after.csv"))
				if liq == "0" {
					for k, v := range after.amount {
						if v > before.amount[k] {
							t.Errorf("month %d: %v grew from %d to %d", month, k, before.amount[k], v)
						}
					}
				}
				for p, v := range before.net {
					if after.net[p] != v {
						t.Errorf("month %d: %s's net position %d before, %d after", month, p, v, after.net[p])
					}
				}
				row := &tab.Rows[month-1]
				if before.total != row.Int(grossCol) {
					t.Errorf("month %d: before file totals %d, clearing_gross %d", month, before.total, row.Int(grossCol))
				}
				if after.total != before.total-row.Int(clearedCol) {
					t.Errorf("month %d: after file totals %d, want %d - %d", month, after.total, before.total, row.Int(clearedCol))
				}
				checkCoopRound(t, dir, month, tab, row)
				f, err := clearing.ReadFile(filepath.Join(dir, "month-"+pad(month)+"-after.csv"), nil)
				if err != nil {
					t.Fatal(err)
				}
				again, err := clearing.Clear(&f.Network, nil)
				if err != nil {
					t.Fatal(err)
				}
				if liq == "0" && again.Cleared != 0 {
					t.Errorf("month %d: clearing the cleared network again sets off %d more", month, again.Cleared)
				}
			}
		})
	}
}

// checkCoopRound checks the round of obligations in co-ops' IOUs (a network of their
// own, in value units) as the members' are checked: net positions unchanged, no
// obligation grows, totals as the coop_clearing columns say, and clearing the after
// file again sets off nothing.
func checkCoopRound(t *testing.T, dir string, month int, tab *sim.Table, row *sim.Metrics) {
	t.Helper()
	grossCol, _ := tab.Col("coop_clearing_gross")
	clearedCol, _ := tab.Col("coop_clearing_cleared")
	name := filepath.Join(dir, "month-"+pad(month)+"-coops-before.csv")
	if _, err := os.Stat(name); err != nil {
		if row.Int(grossCol) != 0 {
			t.Errorf("month %d: no co-ops' round written, coop_clearing_gross %d", month, row.Int(grossCol))
		}
		return
	}
	before := readObligations(t, name)
	after := readObligations(t, filepath.Join(dir, "month-"+pad(month)+"-coops-after.csv"))
	for k, v := range after.amount {
		if v > before.amount[k] {
			t.Errorf("month %d: co-ops' %v grew from %d to %d", month, k, before.amount[k], v)
		}
	}
	for p, v := range before.net {
		if after.net[p] != v {
			t.Errorf("month %d: %s's net position in co-ops' IOUs %d before, %d after", month, p, v, after.net[p])
		}
	}
	if before.total != row.Int(grossCol) || after.total != before.total-row.Int(clearedCol) {
		t.Errorf("month %d: co-ops' files total %d and %d, columns gross %d cleared %d", month, before.total, after.total, row.Int(grossCol), row.Int(clearedCol))
	}
	f, err := clearing.ReadFile(filepath.Join(dir, "month-"+pad(month)+"-coops-after.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := clearing.Clear(&f.Network, nil); err != nil || again.Cleared != 0 {
		t.Errorf("month %d: clearing the co-ops' cleared network again: %v, %v", month, again, err)
	}
}

func pad(m int) string {
	return string(strconv.AppendInt([]byte("00")[:3-len(strconv.Itoa(m))], int64(m), 10))
}

type obligations struct {
	amount map[[2]string]ledger.Amount
	net    map[string]ledger.Amount
	total  ledger.Amount
}

// readObligations reads a debtor,creditor,amount file with encoding/csv and
// ledger.Parse: a reader independent of sim/clearing's.
func readObligations(t *testing.T, path string) obligations {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || recs[0][0] != "debtor" || recs[0][1] != "creditor" || recs[0][2] != "amount" {
		t.Fatalf("%s: header %v", path, recs[:min(1, len(recs))])
	}
	o := obligations{amount: map[[2]string]ledger.Amount{}, net: map[string]ledger.Amount{}}
	for _, r := range recs[1:] {
		a, err := ledger.Parse(r[2])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		o.amount[[2]string{r[0], r[1]}] += a
		o.net[r[0]] -= a
		o.net[r[1]] += a
		o.total += a
	}
	return o
}

package tradable_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/agents/tradable"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// small is the tradable scenario at a size the contract suite runs in seconds, the
// coalition cycling within the run.
var small = []string{"members=1200", "coops.count=48", "ticks=24", "tradable.coalition.start=2", "tradable.coalition.every=10"}

// still holds the economy still for the allocation check.
var still = []string{"fixed.members=true", "fixed.labour=true", "fixed.foundation=true"}

func load(t testing.TB, name string, sets []string) func(seed uint64) (sim.Model, error) {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
}

// TestContract runs the contract suite with the section on: token conservation after
// every tick (conversions out and in, the Foundation's trades at the peg), 1, 2 and 8
// workers alike, the journal's rebuild, determinism, no allocation in a steady tick.
// The subsystem also fails a run whose traders' external account differs from the
// market's books by a micro-token.
func TestContract(t *testing.T) {
	for _, extra := range []string{"tradable.peg.kind=sliding", "tradable.peg.token_share=0.05", "clock=week"} {
		t.Run(extra, func(t *testing.T) {
			sets := append(append([]string{}, small...), extra)
			agentstest.Run(t, agentstest.Contract{
				New:    load(t, "tradable", sets),
				Ticks:  24,
				Steady: load(t, "tradable", append(append([]string{}, sets...), still...)),
			})
		})
	}
}

func run(t *testing.T, name string, sets []string, seed uint64) *sim.Table {
	t.Helper()
	m, err := load(t, name, sets)(seed)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Table
}

// TestFaircoin runs the FairCoin scenario (seed 1, 60 months) and checks the story of
// seed 003's Appendix 2: the market opens at the peg of 0.20 and rises about fivefold
// in its first year (its peak between 4 and 6.5 times 0.20: 0.80 to 1.30); the peg,
// reviewed monthly, slides after it from 0.20 to between 0.85 and 1.0 (the seed's
// 0.90) within the 60 months; and the Foundation's outside reserves, defending it, run
// out.
func TestFaircoin(t *testing.T) {
	tab := run(t, "faircoin", []string{"ticks=60"}, 1)
	price, peg := tab.Series("market_price"), tab.Series("market_peg")
	if peg[0] != 0.2 {
		t.Errorf("month 1: peg %g, want 0.20", peg[0])
	}
	top := 0.0
	for _, p := range price[:12] {
		top = max(top, p)
	}
	if r := top / 0.2; r < 4 || r > 6.5 {
		t.Errorf("the first year's peak %.3f is %.2f times the opening 0.20, want about fivefold (4 to 6.5)", top, r)
	}
	month := 0
	for i, p := range peg {
		if p >= 0.85 && p <= 1.0 {
			month = i + 1
			break
		}
	}
	if month == 0 {
		t.Errorf("the peg never slid to 0.85-1.0: %v", peg)
	}
	reserve := tab.Series("foundation_reserve")
	if r := reserve[len(reserve)-1]; r != 0 {
		t.Errorf("the Foundation's reserves end at %g, want spent", r)
	}
	t.Logf("peak %.3f (%.1fx), peg at %.3f in month %d", top, top/0.2, peg[month-1], month)
}

// TestPegBreaksInTheEconomy: the tradable scenario's Foundation defends its peg until
// its reserves are spent, and from then on auctions clear off the peg.
func TestPegBreaksInTheEconomy(t *testing.T) {
	tab := run(t, "tradable", append(append([]string{}, small...), "ticks=36"), 1)
	reserve, off := tab.Series("foundation_reserve"), tab.Series("market_off_peg")
	spent := -1
	for i, r := range reserve {
		if r == 0 {
			spent = i
			break
		}
	}
	if spent < 0 {
		t.Fatalf("reserves never ran out: %v", reserve)
	}
	n := 0
	for _, o := range off[spent:] {
		n += int(o)
	}
	if n == 0 {
		t.Errorf("reserves spent in tick %d, but no auction cleared off the peg after", spent+1)
	}
}

// TestMarketFile writes a run's price series as copex run --market does and reads it
// back with encoding/csv: its rows are the table's market_price, market_volume and
// market_peg, tick by tick, exactly.
func TestMarketFile(t *testing.T) {
	tab := run(t, "tradable", append(append([]string{}, small...), "ticks=12"), 2)
	path := filepath.Join(t.TempDir(), "market.csv")
	if err := tradable.WriteMarket(path, tab); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "tick,price,volume,peg" || len(recs) != 13 {
		t.Fatalf("header %v, %d rows; want tick,price,volume,peg and 12 rows", recs[0], len(recs)-1)
	}
	for i, r := range recs[1:] {
		row := &tab.Rows[i]
		if tick, _ := strconv.Atoi(r[0]); tick != row.Tick {
			t.Errorf("row %d: tick %s, want %d", i+1, r[0], row.Tick)
		}
		for k, name := range []string{"market_price", "market_volume", "market_peg"} {
			a, err := ledger.Parse(r[k+1])
			if err != nil {
				t.Fatal(err)
			}
			if want := tab.Int(row, name); a != want {
				t.Errorf("tick %d: %s %s, want %d micro-units", row.Tick, name, r[k+1], want)
			}
		}
	}
	if err := tradable.WriteMarket(path, run(t, "baseline", []string{"members=300", "coops.count=12", "ticks=2"}, 1)); err == nil {
		t.Error("WriteMarket of a run without the market: no error")
	}
}

// TestBadSection: bad input is refused by the loader with one line naming the file,
// line and field.
func TestBadSection(t *testing.T) {
	base := "base: tradable\nname: bad\ndescription: bad input\n"
	for _, c := range []struct{ name, yaml, field string }{
		{"peg without reserves", "tradable:\n  peg: {kind: fixed, level: 0.5, reserve: 0}\n", "tradable.peg.reserve"},
		{"negative trader wealth", "tradable:\n  traders: {cash: -10}\n", "tradable.traders.cash"},
		{"allow_external without a market", "tradable: {enabled: false}\n", "ledger.allow_external"},
		{"market without allow_external", "ledger: {allow_external: false}\n", "ledger.allow_external"},
		{"sliding peg at 0", "tradable:\n  peg: {kind: sliding, level: 0, reserve: 10}\n", "tradable.peg.level"},
		{"coalition never dumps", "tradable:\n  coalition: {budget: 10, pump: 2, dump: 0}\n", "tradable.coalition.dump"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := scenarios.Parse("bad.yaml", []byte(base+c.yaml), nil)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, "bad.yaml:") || !strings.Contains(msg, c.field) {
				t.Errorf("error %q: want one line naming bad.yaml:LINE and %s", msg, c.field)
			}
		})
	}
}

// TestVolatility: market_volatility is the sample standard deviation of the last 12
// ticks' market_return, recomputed here from the column.
func TestVolatility(t *testing.T) {
	tab := run(t, "tradable", append(append([]string{}, small...), "ticks=20"), 3)
	ret, vol := tab.Series("market_return"), tab.Series("market_volatility")
	for i := 12; i < len(ret); i++ {
		w := ret[i-11 : i+1]
		var m, v float64
		for _, r := range w {
			m += r
		}
		m /= 12
		for _, r := range w {
			v += (r - m) * (r - m)
		}
		if want := math.Sqrt(v / 11); math.Abs(vol[i]-want) > 1e-12 {
			t.Errorf("tick %d: volatility %g, want %g", i+1, vol[i], want)
		}
	}
}

// TestOutsideMoney: outside money only changes hands, every tick: the speculators'
// (traders' and coalition's), the members' and co-ops', and the Foundation's reserves
// add up to what the scenario gave at the start: 500 traders x 2,000 + the coalition's
// 100,000 + the reserves' 200,000 = 1,300,000 outside units.
func TestOutsideMoney(t *testing.T) {
	tab := run(t, "tradable", append(append([]string{}, small...), "ticks=30"), 4)
	want := ledger.Amount(1_300_000) * ledger.Unit
	for i := range tab.Rows {
		row := &tab.Rows[i]
		got := tab.Int(row, "speculators_outside") + tab.Int(row, "members_outside") + tab.Int(row, "foundation_reserve")
		if got != want {
			t.Fatalf("tick %d: outside money %s, want %s", row.Tick, ledger.Format(got), ledger.Format(want))
		}
	}
	if last := tab.Last(); tab.Int(last, "members_outside") == 0 {
		t.Error("members and co-ops hold no outside money after 30 months of conversions")
	}
}

// TestPremium: with convert.when premium, members and co-ops sell only in months
// whose opening price (the last tick's market_price) is above the token's value
// (market_value) and buy back only in months where it is below; over 48 months both
// happen, so the check is not empty.
func TestPremium(t *testing.T) {
	tab := run(t, "tradable", append(append([]string{}, small...), "ticks=48", "tradable.convert.when=premium"), 1)
	price, value := tab.Series("market_price"), tab.Series("market_value")
	out, in := tab.Series("tokens_out"), tab.Series("tokens_in")
	var outs, ins int
	for i := 1; i < len(price); i++ {
		if out[i] > 0 {
			outs++
			if !(price[i-1] > value[i]) {
				t.Errorf("tick %d: sold %g tokens at an opening price %g not above the value %g", i+1, out[i], price[i-1], value[i])
			}
		}
		if in[i] > 0 {
			ins++
			if !(price[i-1] < value[i]) {
				t.Errorf("tick %d: bought back %g tokens at an opening price %g not below the value %g", i+1, in[i], price[i-1], value[i])
			}
		}
	}
	if outs == 0 || ins == 0 {
		t.Errorf("%d months with sales and %d with buy-backs: want some of each", outs, ins)
	}
}

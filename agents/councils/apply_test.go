package councils_test

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// runEconomy builds scenario name (with sets) with its councils on, writing the plan
// files into a folder, and calls each(tick) after each of ticks ticks.
func runEconomy(t *testing.T, name string, ticks int, each func(e *agents.Economy, dir string, tick int), sets ...string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	m, err := agents.Build(sc.Config, sc.Config.Seed)
	if err != nil {
		t.Fatal(err)
	}
	e := m.(*agents.Economy)
	dir := t.TempDir()
	if !e.UseDir("plan", dir) {
		t.Fatal("the councils write no plan files")
	}
	run, err := sim.Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	for k := 1; k <= ticks; k++ {
		if _, err := run.Next(); err != nil {
			t.Fatal(err)
		}
		each(e, dir, k)
	}
	return sc
}

// lastRound returns the supply (units a year) and price of every good in year's last
// round of plan.csv.
func lastRound(t *testing.T, dir string, year int) (supply, price map[string]float64) {
	t.Helper()
	supply, price = map[string]float64{}, map[string]float64{}
	last := -1
	for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "plan.csv")) {
		if num(t, r["year"]) != float64(year) {
			continue
		}
		if k := int(num(t, r["round"])); k > last {
			last = k
			clear(supply)
			clear(price)
		}
		supply[r["good"]], price[r["good"]] = num(t, r["supply"]), num(t, r["price"])
	}
	return supply, price
}

// TestPlanApplied: with plan.apply, a feasible plan caps what each sector's co-ops
// make: the plan is made at month 1's govern stage, after month 1's production, so in
// months 2 to 13 the co-ops of sector s make at most the plan's yearly supply of s over
// 12 (plan.csv's last round of year 1; co-ops started later trade on the market and
// are left out), up to float rounding (1e-9 relative: the
// targets are q/12 and capacity is min'ed with them, so equality is the most). Without
// apply the market's co-ops make what their workers can, and some sector makes more
// than the plan by over 5% (the check that tells the two apart). Also measured: years
// not applied (councils_plan_unapplied) stay 0 while every plan converges.
func TestPlanApplied(t *testing.T) {
	for _, apply := range []bool{true, false} {
		worst := 0.0 // largest capacity / planned supply over sectors and months
		var supply map[string]float64
		var planned []bool // co-ops trading with workers when the plan was made
		runEconomy(t, "planning", 13, func(e *agents.Economy, dir string, tick int) {
			if tick == 1 {
				supply, _ = lastRound(t, dir, 1)
				for c := range e.Coops() {
					planned = append(planned, e.CoopAlive(c) && e.CoopWorkers(c) > 0)
				}
				return
			}
			names := e.Sectors()
			made := make([]float64, len(names))
			pf := e.Platform()
			for c := range e.Coops() {
				if c < len(planned) && planned[c] && e.CoopAlive(c) {
					made[pf.Sector[c]] += pf.Capacity[c]
				}
			}
			for s, x := range made {
				if p := supply[names[s]] / 12; p > 0 {
					worst = max(worst, x/p)
				}
			}
		}, append(append([]string{}, small...), "councils.plan.apply="+strconv.FormatBool(apply))...)
		switch {
		case apply && worst > 1+1e-9:
			t.Errorf("apply: a sector made %g times its planned output", worst)
		case !apply && worst < 1.05:
			t.Errorf("no apply: the most a sector made was %g times its plan, want the market to pass it by 5%%", worst)
		}
		t.Logf("apply %v: largest made/planned %g", apply, worst)
	}
}

// TestLabourPrices: with labour_prices, right after month 1's plan every trading
// co-op's price is its sector's labour value (labour_values.csv) times the documented
// rate (the sectors' mean monthly wage over plan.hours, from the scenario), rounded to
// the micro-token and held within the platform's floor and ceiling times the base
// price. The market's own price moves are switched off (exchange.prices.speed 0), so
// "right after" is the end of month 1. Exact: the same rounding of the same product.
func TestLabourPrices(t *testing.T) {
	var checked int
	sets := append(append([]string{}, small...), "councils.labour_prices=true", "exchange.prices.speed=0")
	sc, err := scenarios.Load("planning", sets)
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config
	runEconomy(t, "planning", 1, func(e *agents.Economy, dir string, tick int) {
		values := map[string]float64{}
		for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "labour_values.csv")) {
			values[r["sector"]] = num(t, r["value"])
		}
		mean := 0.0
		for _, s := range cfg.Sectors {
			mean += s.Wage / float64(len(cfg.Sectors))
		}
		perHour := ledger.Tokens(mean / cfg.Councils.Plan.Hours)
		pc := cfg.Exchange.Prices
		for c := range e.Coops() {
			if !e.CoopAlive(c) {
				continue
			}
			s := cfg.Sectors[e.CoopSectorIndex(c)]
			base := float64(ledger.Tokens(s.BasePrice))
			want := float64(ledger.Scale(perHour, values[s.Name]))
			want = max(1, math.Round(min(max(want, base*pc.Floor), base*pc.Ceiling)))
			if got := e.CoopPrice(c); got != ledger.Amount(want) {
				t.Fatalf("co-op %d (%s) price %d, want %d (labour value %g h at %d per hour)", c, s.Name, got, ledger.Amount(want), values[s.Name], perHour)
			}
			checked++
		}
	}, sets...)
	if checked == 0 {
		t.Fatal("no co-op checked")
	}
}

// TestPlanShares: with plan.apply, members' spending shares after a plan (what the
// economy reports as its sectors' shares, Host.SectorTechnique) are the plan's final
// consumption in value at plan prices, rebuilt here from the files alone: in
// planning-linear every workplace has constant returns, so the inputs the plan uses are
// A S (io.csv's coefficients times plan.csv's supply), and consumption is
// p_g (D_g - (A S)_g), normalised. Few households with strong tastes (households of
// 500, taste 0.9) make the plan's shares differ from the scenario's; without apply the
// economy keeps the scenario's, off the plan's by more than 0.005 in some sector (the
// check that tells them apart). Tolerance 1e-6: the same sums in another order, with
// intermediate demand a fraction of D (rho(A) < 0.3 here), differ by ~1e-12.
func TestPlanShares(t *testing.T) {
	for _, apply := range []bool{true, false} {
		worst := 0.0
		runEconomy(t, "planning-linear", 1, func(e *agents.Economy, dir string, tick int) {
			supply, price := lastRound(t, dir, 1)
			demand := map[string]float64{}
			last := 0
			rows := agentstest.ReadCSV(t, filepath.Join(dir, "plan.csv"))
			for _, r := range rows {
				last = max(last, int(num(t, r["round"])))
			}
			for _, r := range rows {
				if int(num(t, r["round"])) == last {
					demand[r["good"]] = num(t, r["demand"])
				}
			}
			cons := map[string]float64{}
			for g, d := range demand {
				cons[g] = d
			}
			for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "io.csv")) {
				if r["input"] != "labour" {
					cons[r["input"]] -= num(t, r["coefficient"]) * supply[r["sector"]]
				}
			}
			total := 0.0
			names := e.Sectors()
			for _, g := range names {
				total += price[g] * cons[g]
			}
			for s, g := range names {
				share, _, _, _ := e.SectorTechnique(s)
				worst = max(worst, math.Abs(share-price[g]*cons[g]/total))
			}
		}, "councils.plan.apply="+strconv.FormatBool(apply), "councils.nesting.household=500", "councils.plan.taste=0.9")
		switch {
		case apply && worst > 1e-6:
			t.Errorf("apply: spending shares off the plan's consumption by %g", worst)
		case !apply && worst < 0.005:
			t.Errorf("no apply: the scenario's shares within %g of the plan's: the test cannot tell", worst)
		}
		t.Logf("apply %v: largest share gap %g", apply, worst)
	}
}

// TestPlanNotFeasible: a plan that does not converge (a round limit of 1 from the base
// prices, far from the plan's prices) is not applied: the year is counted in
// councils_plan_unapplied, the economy keeps the scenario's spending shares, and no
// co-op is capped (the market case of TestPlanApplied: some sector makes more than the
// unfinished plan by over 5%).
func TestPlanNotFeasible(t *testing.T) {
	sets := append(append([]string{}, small...), "councils.plan.apply=true", "councils.plan.max_rounds=1", "ticks=3")
	rows, _ := metrics(t, "planning", sets...)
	if rows[0]["councils_plan_feasible"] != "0" {
		t.Fatalf("a plan of 1 round converged: the test cannot tell")
	}
	if got := rows[2]["councils_plan_unapplied"]; got != "1" {
		t.Errorf("councils_plan_unapplied = %s after a year whose plan failed, want 1", got)
	}
	sc, err := scenarios.Load("planning", sets)
	if err != nil {
		t.Fatal(err)
	}
	worst, over := 0.0, 0.0
	var supply map[string]float64
	runEconomy(t, "planning", 3, func(e *agents.Economy, dir string, tick int) {
		if tick == 1 {
			supply, _ = lastRound(t, dir, 1)
			for s := range e.Sectors() {
				share, _, _, _ := e.SectorTechnique(s)
				worst = max(worst, math.Abs(share-sc.Config.Sectors[s].Share/sumShares(sc)))
			}
			return
		}
		made := make([]float64, len(e.Sectors()))
		pf := e.Platform()
		for c := range e.Coops() {
			if e.CoopAlive(c) {
				made[pf.Sector[c]] += pf.Capacity[c]
			}
		}
		for s, x := range made {
			if p := supply[e.Sectors()[s]] / 12; p > 0 {
				over = max(over, x/p)
			}
		}
	}, sets...)
	if worst > 1e-12 {
		t.Errorf("spending shares moved by %g with no plan applied", worst)
	}
	if over < 1.05 {
		t.Errorf("the most a sector made was %g times the unfinished plan: capped as if applied", over)
	}
}

func sumShares(sc *scenarios.Scenario) float64 {
	s := 0.0
	for _, x := range sc.Config.Sectors {
		s += x.Share
	}
	return s
}

// TestPriceGapColumn: councils_labour_price_gap measures labour-value prices against
// market prices. With labour_prices on, the market's own moves off and the platform's
// bounds wide (floor 0.01, ceiling 1000 times the base price), every co-op's price is
// its labour-value price rounded to the micro-token, so the gap is at most the
// rounding's relative error, 0.5 / price < 1e-5 for prices above 0.05 tokens; with the
// option off the co-ops keep their own prices, and the gap is well above (over 0.05).
func TestPriceGapColumn(t *testing.T) {
	for _, on := range []bool{true, false} {
		rows, _ := metrics(t, "planning", append(append([]string{}, small...), "ticks=1", "exchange.prices.speed=0",
			"exchange.prices.floor=0.01", "exchange.prices.ceiling=1000", "councils.labour_prices="+strconv.FormatBool(on))...)
		gap := num(t, rows[0]["councils_labour_price_gap"])
		switch {
		case on && gap > 1e-5:
			t.Errorf("labour prices on: gap %g, want at most 1e-5", gap)
		case !on && gap < 0.05:
			t.Errorf("labour prices off: gap %g, want over 0.05 (the test cannot tell)", gap)
		}
		t.Logf("labour prices %v: labour gap %s, plan gap %s", on, rows[0]["councils_labour_price_gap"], rows[0]["councils_plan_price_gap"])
	}
}

// TestPlanSales: what co-ops sell follows the plan's shares more closely when the plan
// is applied. Sales are not consumption alone (co-ops' inputs, 10-40% of a sector's
// value here, and grant-funded purchases go through the same offers, and rationed
// orders re-route), so they cannot equal the plan's consumption shares; the test
// compares the two runs, which are identical up to month 1's plan (same seed): the
// mean over sectors of |sales share - plan share| over months 2 to 12 with apply is
// below 0.75 of the same without (measured: 0.0019 against 0.0034, shares
// about 0.02; the ratio 0.50-0.57 for seeds 1, 2, 7 and 11; households of 200 with
// taste 0.9 make the plan's shares differ from the
// scenario's).
func TestPlanSales(t *testing.T) {
	var plan []float64
	var gaps [2]float64
	for k, apply := range []bool{true, false} {
		var sales []float64
		runEconomy(t, "planning", 13, func(e *agents.Economy, dir string, tick int) {
			n := len(e.Sectors())
			if tick == 1 {
				if apply {
					for s := range n {
						x, _, _, _ := e.SectorTechnique(s)
						plan = append(plan, x)
					}
				}
				sales = make([]float64, n)
				return
			}
			if tick >= 3 { // the months closed under the plan: 2 to 12
				for c := range e.Coops() {
					sales[e.CoopSectorIndex(c)] += float64(e.CoopMonthSales(c))
				}
			}
		}, append(append([]string{}, small...), "councils.plan.apply="+strconv.FormatBool(apply),
			"councils.nesting.household=200", "councils.plan.taste=0.9")...)
		total := 0.0
		for _, x := range sales {
			total += x
		}
		for s := range sales {
			gaps[k] += math.Abs(sales[s]/total-plan[s]) / float64(len(sales))
		}
	}
	if gaps[0] > 0.75*gaps[1] {
		t.Errorf("sales off the plan's shares by %g with apply, %g without: want below 0.75 of it", gaps[0], gaps[1])
	}
	t.Logf("mean |sales share - plan share|: %g applied, %g on the market", gaps[0], gaps[1])
}

package agents_test

import (
	"testing"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim/ledger"
)

// TestFoundationStartupsKeepTheirFunding: the start-ups the Foundation funds itself
// (its start-up programme, not Fund) keep their funding for wages and inputs instead
// of paying it out to their members as a surplus at their first month's payout.
//
// The small baseline runs month by month; the co-ops that appear in a month are that
// month's start-ups. A start-up is founded after the month's production, so in its
// founding month it has nothing on offer: it buys no inputs and sells nothing, and its
// first month's payout is fixed in that tick. What the month's start-ups hold at its
// end is then their funding (the month's spend_startups plus the investment issued to
// them) less the wages they paid, at most foundation.startup_workers' pay each: the
// test asks for at least funding − Σ startup_workers × a worker's pay. Paid out above a buffer of half a month's pay, as it was,
// they would keep about half a month's pay each.
//
// Then each start-up funded for the start-up months (holding the pay of the rest of
// foundation.startup_months at its founding month's end) pays its members in full in
// each of those months: the funding pays its wages while its sales grow.
func TestFoundationStartupsKeepTheirFunding(t *testing.T) {
	sets := append(append([]string{}, small...), "ticks=24")
	sc, err := scenarios.Load("baseline", sets)
	if err != nil {
		t.Fatal(err)
	}
	months := int(sc.Config.Foundation.StartupMonths)
	workers := sc.Config.Foundation.StartupWorkers
	e, run := started(t, "baseline", sets...)
	type startup struct{ c, born int }
	var funded []startup
	checked, months0 := 0, 0
	for m := 1; m <= 24; m++ {
		n0 := e.Coops()
		step(t, e, run)
		tab := run.Table()
		spend := tab.Series("spend_startups")
		invest := tab.Series("investment_issued")
		if e.Coops() > n0 && m <= 12 {
			months0++
			funding := spend[m-1] + invest[m-1]
			if m > 1 {
				funding -= invest[m-2]
			}
			var held, bills float64
			for c := n0; c < e.Coops(); c++ {
				s := e.CoopStatus(c)
				held += ledger.Float(s.Treasury)
				// it hired at most startup_workers (a worker who quits after the
				// tick's trade was paid and is gone from its wage bill)
				bills += ledger.Float(s.Wage) * float64(workers)
				if s.Workers > 0 && s.Treasury >= ledger.Amount(months-1)*s.WageBill {
					funded = append(funded, startup{c, m})
				}
			}
			if want := funding - bills; held < want {
				t.Errorf("month %d: %d start-ups funded with %.0f tokens hold %.0f at the month's end, want at least %.0f (funding less their wage bills): the funding was paid out",
					m, e.Coops()-n0, funding, held, want)
			}
		}
		for _, s := range funded {
			if age := m - s.born; age >= 1 && age < months {
				st := e.CoopStatus(s.c)
				checked++
				if !st.Alive || st.UnpaidMonths > 0 {
					t.Errorf("month %d: start-up %d, founded in month %d with %d months of pay, alive %v, %d months unpaid: its funding should pay its wages",
						m, s.c, s.born, months, st.Alive, st.UnpaidMonths)
				}
			}
		}
	}
	if months0 == 0 || len(funded) == 0 || checked == 0 {
		t.Fatalf("%d months with start-ups, %d start-ups funded for %d months (%d checks): nothing to test", months0, len(funded), months, checked)
	}
	t.Logf("%d months with start-ups; %d start-ups held the pay of their %d start-up months", months0, len(funded), months)
}

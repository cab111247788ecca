package agents_test

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestMonthlyProjectionReadings: the seed's monthly_projection, read as the first wave
// did (the whole projection granted every month while co-ops keep their sales), prints
// money: the supply grows with the sum of sales. Read as grants on the projection's
// increase, or as advances repaid from receipts, the supply stays of the order of a
// month's sales. An economist's expectation, and a test that fails if a reading falls
// back into the first.
func TestMonthlyProjectionReadings(t *testing.T) {
	supply := map[string]ledger.Amount{}
	for _, r := range []string{"every_month", "increase", "advance"} {
		_, f, _ := runScenario(t, "baseline", 1, append(small, "issuance.formula=monthly_projection", "issuance.projection_reading="+r,
			"issuance.release_factor.mode=fixed", "issuance.release_factor.value=1")...)
		last := f.Last()
		supply[r] = last.Supply
		if r == "advance" {
			if repaid, _ := f.T.Value(f.T.Last(), "advances_repaid"); repaid <= 0 {
				t.Errorf("advance: nothing repaid")
			}
		}
		t.Logf("%s: supply %s, sales last month %s", r, ledger.Format(last.Supply), ledger.Format(last.SalesValue))
	}
	for _, r := range []string{"increase", "advance"} {
		if supply["every_month"] < 5*supply[r] {
			t.Errorf("every_month's supply %s is not far above %s's %s", ledger.Format(supply["every_month"]), r, ledger.Format(supply[r]))
		}
	}
}

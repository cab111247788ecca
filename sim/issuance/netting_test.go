package issuance

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestNetting, hand-worked with increase_only and k = 1. Three lines start at 100
// (month 1 grants 100 each). In month 2 line A offers 150 (+50), B 60 (−40) and C
// stays at 100; in month 3 line C closes (mark 100) and A offers 170 (+20).
//
//   - none: A gets 50 in month 2 and 20 in month 3; B's fall and C's closure are
//     nobody's concern.
//   - decreases, economy: B's fall (40) is debited and netted from A's 50: A gets 10.
//     In month 3 C's closure adds 100 to the debit: A's 20 is all withheld, 80 stays.
//   - decreases, sector, with A and B in different sectors: B's debit cannot touch A's
//     grant: A gets 50; in month 3 C (in B's sector) closes: A still gets 20.
//   - closures, economy: B's fall is not netted (A gets 50); C's closure withholds A's 20.
func TestNetting(t *testing.T) {
	for _, c := range []struct {
		netting, scope string
		a2, a3, debit  float64
	}{
		{"none", "economy", 50, 20, 0},
		{"decreases", "economy", 10, 0, 80},
		{"decreases", "sector", 50, 20, 140},
		{"closures", "economy", 50, 0, 80},
	} {
		cfg := Default()
		cfg.Netting, cfg.NettingScope = c.netting, c.scope
		is, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var ls Lines
		for range 3 {
			ls.Add(tok(100))
		}
		ls.Group[1], ls.Group[2] = 1, 1 // B and C in another sector than A
		out := make([]ledger.Amount, 3)
		alive := []bool{true, true, true}
		if total, _ := is.Grants(&ls, []ledger.Amount{tok(100), tok(100), tok(100)}, alive, Env{Month: 1}, out); total != tok(300) {
			t.Fatalf("%s/%s month 1: %s granted, want 300", c.netting, c.scope, ledger.Format(total))
		}
		if first := is.FirstMonth(); first != tok(300) {
			t.Errorf("%s/%s month 1: first-month grants %s, want 300", c.netting, c.scope, ledger.Format(first))
		}
		is.Grants(&ls, []ledger.Amount{tok(150), tok(60), tok(100)}, alive, Env{Month: 2}, out)
		if out[0] != tok(c.a2) || out[1] != 0 || out[2] != 0 {
			t.Errorf("%s/%s month 2: grants %v, want A %g", c.netting, c.scope, out, c.a2)
		}
		if is.FirstMonth() != 0 {
			t.Errorf("%s/%s month 2: first-month grants %s, want 0", c.netting, c.scope, ledger.Format(is.FirstMonth()))
		}
		is.Close(&ls, 2)
		alive[2] = false
		is.Grants(&ls, []ledger.Amount{tok(170), tok(60), 0}, alive, Env{Month: 3}, out)
		if out[0] != tok(c.a3) {
			t.Errorf("%s/%s month 3: A granted %s, want %g", c.netting, c.scope, ledger.Format(out[0]), c.a3)
		}
		if d := is.Debit(); d != tok(c.debit) {
			t.Errorf("%s/%s: debit left %s, want %g", c.netting, c.scope, ledger.Format(d), c.debit)
		}
		if c.netting != "none" && is.Netted() != tok(20)-out[0] {
			t.Errorf("%s/%s month 3: netted %s, want %s", c.netting, c.scope, ledger.Format(is.Netted()), ledger.Format(tok(20)-out[0]))
		}
	}
}

// TestProjectionIncrease, hand-worked: monthly_projection read as increase grants the
// first month's estimate (100), then P_t − P_{t−1} with P_t last month's sales: sales
// 130 give 30, sales 110 give nothing and carry −20, sales 150 give 40 − 20 = 20. The
// grants add up to 150, the latest projection. Read as every_month, the same months
// grant the whole projection each time, corrected: 100, 130+30, 110−20, 150+40.
func TestProjectionIncrease(t *testing.T) {
	for _, c := range []struct {
		reading string
		want    []float64
	}{
		{"increase", []float64{100, 30, 0, 20}},
		{"every_month", []float64{100, 160, 90, 190}},
	} {
		cfg := Default()
		cfg.Formula, cfg.ProjectionReading = "monthly_projection", c.reading
		is, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var ls Lines
		ls.Add(tok(100))
		out := make([]ledger.Amount, 1)
		sales := []float64{130, 110, 150}
		for m, want := range c.want {
			is.Grants(&ls, []ledger.Amount{tok(100)}, []bool{true}, Env{Month: m + 1}, out)
			if out[0] != tok(want) {
				t.Errorf("%s month %d: granted %s, want %g", c.reading, m+1, ledger.Format(out[0]), want)
			}
			if m < len(sales) {
				ls.RecordSales(0, tok(sales[m]))
			}
		}
	}
}

package game

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestBudgets(t *testing.T) {
	g := atLiving(t, 1, "week")
	lv := g.Living()
	if b, err := lv.Budget("month"); err != nil || len(b.Income) != 0 {
		t.Fatalf("budget before any turn: %+v, %v", b, err)
	}
	play(t, g, 10) // two full months and a part
	months := lv.Months()
	if len(months) != 3 || months[0].Month != LivingStart {
		t.Fatalf("%d months from 10 weeks, want 3 starting at %d", len(months), LivingStart)
	}
	var sales ledger.Amount
	for _, p := range lv.History {
		if p.Month == LivingStart {
			sales += p.Sales
		}
	}
	if months[0].Sales != sales {
		t.Errorf("month's sales %d, weeks add up to %d", months[0].Sales, sales)
	}
	full := months[1] // the last full month
	// the coming week is its month's share: the month's weeks counted from the clock
	w := lv.world
	next := w.clock.Month(w.run.Tick() + 1)
	weeks := 0
	for tick := 1; tick <= w.clock.Ticks; tick++ {
		if w.clock.Month(tick) == next {
			weeks++
		}
	}
	tests := []struct {
		period string
		sales  ledger.Amount
	}{
		{"week", ledger.Scale(full.Sales, 1/float64(weeks))},
		{"month", full.Sales},
		{"year", months[0].Sales + 11*full.Sales},
	}
	for _, tt := range tests {
		b, err := lv.Budget(tt.period)
		must(t, err)
		if b.Income[0].Amount != tt.sales || b.Basis == "" {
			t.Errorf("%s budget sales %d (%s), want %d", tt.period, b.Income[0].Amount, b.Basis, tt.sales)
		}
		var net ledger.Amount
		for _, l := range b.Income {
			net += l.Amount
		}
		for _, l := range b.Costs {
			net -= l.Amount
		}
		if net != b.Net {
			t.Errorf("%s budget net %d, lines add up to %d", tt.period, b.Net, net)
		}
	}
	if _, err := lv.Budget("fortnight"); err == nil {
		t.Error("a fortnight's budget was given")
	}
}

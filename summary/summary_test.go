package summary

import (
	"math"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

func table() *sim.Table {
	t := sim.NewTable([]sim.Column{{Name: "supply", Kind: sim.KindAmount}, {Name: "price_index", Kind: sim.KindRatio},
		{Name: "unmet_food", Kind: sim.KindAmount}})
	for i, p := range []float64{1, 1.1, 0.9, 1.2} {
		m := t.AddRow(i+1, i+1)
		t.SetFloat(m, "price_index", p)
		t.SetInt(m, "supply", ledger.Amount(i+1)*ledger.Unit)
		t.SetInt(m, "unmet_food", ledger.Unit)
	}
	return t
}

func TestMetrics(t *testing.T) {
	tab := table()
	cols := Columns(tab)
	for _, c := range []struct {
		spec string
		want float64
	}{
		{"price_index", 1.2}, {"last(price_index)", 1.2}, {"first(price_index)", 1}, {"mean(price_index)", 1.05},
		{"max(supply)", 4}, {"min(supply)", 1}, {"sum(supply)", 10}, {"growth(supply)", 3}, {"sum(unmet_food)", 4},
		{"sd(price_index)", 0.12909944487358055}, // sample sd of 1, 1.1, 0.9, 1.2
	} {
		m, err := Parse(c.spec, cols)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Value(tab); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s = %g, want %g", c.spec, got, c.want)
		}
	}
	for _, bad := range []string{"median(price_index)", "last(nonsense)", "mean(price_index", ""} {
		if _, err := Parse(bad, cols); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestStats(t *testing.T) {
	s := Of([]float64{1, 2, 3, 4})
	// mean 2.5, sd 1.2910, t(0.975, 3) = 3.1824: half-width 2.0543 (as scipy gives).
	if math.Abs(s.Mean-2.5) > 1e-12 || math.Abs(s.SD-1.2909944) > 1e-6 || math.Abs(s.Upper-4.5543) > 1e-3 || math.Abs(s.Lower-0.4457) > 1e-3 {
		t.Errorf("Of = %+v", s)
	}
	if one := Of([]float64{7}); one.Lower != 7 || one.Upper != 7 || one.N != 1 {
		t.Errorf("Of(one) = %+v", one)
	}
	if !math.IsNaN(Of(nil).Mean) {
		t.Error("Of(nil) not NaN")
	}
}

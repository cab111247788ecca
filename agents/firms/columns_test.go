package firms_test

import (
	"math"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// TestColumnsAgainstTheEconomy steps the half-size open platform (firms entering too)
// and, after every tick, recomputes the subsystem's columns from what the economy
// reports of each co-op (CoopStatus: alive, controlled, sector, workers, pay, last
// month's sales), by a plain reference written here: firms' shares of sales and of
// workers, mean pay by worker in firms and in co-ops, and each sector's HHI, Σ s_i²
// over its sellers' sales shares, their mean and largest. The sums run over the same
// co-ops in another order of operations, so they agree to rounding: 1e-9 relative,
// far below any difference that matters and far above float64's 1e-16 a term over a
// few hundred terms.
func TestColumnsAgainstTheEconomy(t *testing.T) {
	m, err := load(t, append(append([]string{}, half...), "ticks=30", "firms.enabled=true", "firms.share=0.2", "firms.entry_per_year=6")...)(3)
	if err != nil {
		t.Fatal(err)
	}
	e := m.(*agents.Economy)
	run, err := sim.Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	tab := run.Table()
	col := func(name string) sim.Col {
		c, ok := tab.Col(name)
		if !ok {
			t.Fatalf("no column %s", name)
		}
		return c
	}
	names := []string{"firms_sales_share", "firms_employment_share", "firms_wage", "firms_coop_wage", "firms_hhi_mean", "firms_hhi_max"}
	sawFirmSales := false
	for tick := 1; tick <= 30; tick++ {
		row, err := run.Next()
		if err != nil {
			t.Fatal(err)
		}
		var firmSales, allSales, firmPay, coopPay float64
		var firmWorkers, allWorkers int
		bySector := map[int][]float64{}
		for c := range e.Coops() {
			s := e.CoopStatus(c)
			if !s.Alive {
				continue
			}
			v := ledger.Float(s.Sold)
			bySector[s.Sector] = append(bySector[s.Sector], v)
			allSales += v
			allWorkers += s.Workers
			pay := float64(s.Workers) * ledger.Float(s.Wage)
			if s.Controlled {
				firmSales += v
				firmWorkers += s.Workers
				firmPay += pay
			} else {
				coopPay += pay
			}
		}
		var hhiSum, hhiMax float64
		sectors := 0
		for _, sales := range bySector {
			var total float64
			for _, v := range sales {
				total += v
			}
			if total == 0 {
				continue
			}
			var h float64
			for _, v := range sales {
				h += (v / total) * (v / total)
			}
			hhiSum += h
			hhiMax = max(hhiMax, h)
			sectors++
		}
		want := []float64{firmSales / allSales, float64(firmWorkers) / float64(allWorkers),
			firmPay / float64(firmWorkers), coopPay / float64(allWorkers-firmWorkers), hhiSum / float64(sectors), hhiMax}
		if allSales == 0 {
			want[0], want[4], want[5] = 0, 0, 0
		}
		sawFirmSales = sawFirmSales || firmSales > 0
		for k, name := range names {
			got := row.Float(col(name))
			if math.Abs(got-want[k]) > 1e-9*math.Abs(want[k]) {
				t.Errorf("tick %d: %s = %.12g, the economy's co-ops give %.12g", tick, name, got, want[k])
			}
		}
	}
	if !sawFirmSales {
		t.Error("no firm sold anything in 30 months")
	}
}

// TestNoFirmsIsTheBaseline: the section switched on but founding nothing within the
// run (start_month past its end) leaves the economy as it is: every column the
// baseline writes is the same, tick by tick, and the co-op failures the section counts
// are the baseline's own.
func TestNoFirmsIsTheBaseline(t *testing.T) {
	base, _ := runSeeds(t)
	none, _ := runSeeds(t, "firms.enabled=true", "firms.share=0.2", "firms.entry_per_year=4", "firms.start_month=1200")
	for k := range base {
		for _, c := range base[k].Columns() {
			a, b := base[k].Series(c.Name), none[k].Series(c.Name)
			for i := range a {
				if a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i]) {
					t.Fatalf("seed %d tick %d: %s = %v with the section on and no firms, %v in the baseline", seeds[k], i+1, c.Name, b[i], a[i])
				}
			}
		}
		if a, b := base[k].Series("coops_failed"), none[k].Series("firms_coop_failures"); a[len(a)-1] != b[len(b)-1] {
			t.Errorf("seed %d: %g co-op failures counted, %g in the baseline", seeds[k], b[len(b)-1], a[len(a)-1])
		}
	}
}

package agents_test

import (
	"math"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestPayFollowsValueAdded: with coops.pay within_means each co-op moves its pay a
// quarter of the way a month towards its value added per worker, so after two years a
// co-op's pay and its last month's sales per worker go together across co-ops: their
// correlation is high (the rule is a smoothed function of that figure, so only sales'
// month-to-month noise keeps it below 1; 0.6 leaves room for it). Under fixed pay
// every co-op of a sector pays the sector's wage, whatever it sells.
func TestPayFollowsValueAdded(t *testing.T) {
	for _, pay := range []string{"within_means", "fixed"} {
		sc, err := scenarios.Load("baseline", append(append([]string{}, small...), "ticks=24", "coops.pay="+pay))
		if err != nil {
			t.Fatal(err)
		}
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sim.Run(m, nil); err != nil {
			t.Fatal(err)
		}
		e := m.(*agents.Economy)
		var xs, ys []float64
		for c := range e.Coops() {
			s := e.CoopStatus(c)
			if !s.Alive || s.Workers-s.Apprentices <= 0 {
				continue
			}
			sector := e.SectorView(s.Sector, 0)
			xs = append(xs, float64(s.Sold)/float64(s.Workers-s.Apprentices)/float64(sector.Wage))
			ys = append(ys, float64(s.Wage)/float64(sector.Wage))
		}
		r := corr(xs, ys)
		switch {
		case pay == "within_means" && !(r > 0.6):
			t.Errorf("pay within means: correlation of pay and sales per worker across %d co-ops is %.2f, want > 0.6", len(xs), r)
		case pay == "fixed":
			for _, y := range ys {
				if math.Abs(y-1) > 1e-6 {
					t.Fatalf("fixed pay: a co-op pays %.3f times its sector's wage", y)
				}
			}
		}
		t.Logf("%s: corr(pay, sales per worker) = %.2f over %d co-ops", pay, r, len(xs))
	}
}

func corr(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

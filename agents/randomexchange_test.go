package agents

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestExplore(t *testing.T) {
	for _, mu := range []float64{10, 20} {
		for _, T := range []int{500, 1000, 2000, 4000, 8000} {
			cfg := Default()
			cfg.Model = "random_exchange"
			cfg.Members = 10000
			cfg.Ticks = T
			cfg.Random.InitialBalance = mu
			m, _ := NewRandomExchange(cfg, 1)
			st := time.Now()
			if _, err := sim.Run(m, nil); err != nil {
				t.Fatal(err)
			}
			el := time.Since(st)
			x := make([]float64, m.Members())
			for i := range x {
				x[i] = ledger.Float(m.Balance(i))
			}
			slices.Sort(x)
			// KS vs geometric, vs exp continuity-corrected, vs exp raw (step at k)
			n := float64(len(x))
			q := mu / (1 + mu)
			exp := distuv.Exponential{Rate: 1 / mu}
			var dg, dc, dr float64
			for i := 0; i < len(x); {
				k := x[i]
				j := i
				for j < len(x) && x[j] == k {
					j++
				}
				fl, fh := float64(i)/n, float64(j)/n
				g := 1 - math.Pow(q, k+1)
				gl := 1 - math.Pow(q, k)
				dg = max(dg, math.Abs(fh-g), math.Abs(fl-gl))
				dc = max(dc, math.Abs(fh-exp.CDF(k+0.5)), math.Abs(fl-exp.CDF(k-0.5)))
				dr = max(dr, math.Abs(fh-exp.CDF(k)), math.Abs(fl-exp.CDF(k)))
				i = j
			}
			var var_ float64
			for _, v := range x {
				var_ += (v - mu) * (v - mu)
			}
			var_ /= n
			t.Logf("mu=%g T=%d time=%v Dgeo=%.4f Dcc=%.4f Draw=%.4f var/mu^2=%.3f P0=%.4f", mu, T, el, dg, dc, dr, var_/mu/mu, float64(sortCount(x, 0))/n)
		}
	}
}

func sortCount(x []float64, v float64) int {
	c := 0
	for _, y := range x {
		if y == v {
			c++
		}
	}
	return c
}

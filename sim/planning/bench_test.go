package planning_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/planning"
)

// BenchmarkRound: one planning round over 30,000 consumers' and 30,000 workers'
// councils and 100 goods (target: at most 0.5 s).
func BenchmarkRound(b *testing.B) {
	for _, bc := range []struct {
		name string
		run  planning.Runner
	}{{"serial", nil}, {"pool", sim.NewPool(0)}} {
		b.Run(bc.name, func(b *testing.B) {
			e := pequodEconomy(1, 30_000, 30_000, 100)
			p, err := planning.NewPlanner(e, planning.DefaultConfig(), bc.run)
			if err != nil {
				b.Fatal(err)
			}
			p.Step()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				p.Step()
			}
		})
	}
}

// BenchmarkPlanYear: a whole year's plan at that size, cold (every price 1) and warm
// (after a year's change, from last year's prices); rounds/op is the number of
// rounds (targets: at most 20 cold, 10 warm).
func BenchmarkPlanYear(b *testing.B) {
	e := pequodEconomy(1, 30_000, 30_000, 100)
	p, err := planning.NewPlanner(e, planning.DefaultConfig(), sim.NewPool(0))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cold", func(b *testing.B) {
		rounds := 0
		for b.Loop() {
			if err := p.Reset(nil, 1); err != nil {
				b.Fatal(err)
			}
			r, err := p.Plan(nil)
			if err != nil || !r.Converged {
				b.Fatalf("%+v %v", r, err)
			}
			rounds = r.Rounds
		}
		b.ReportMetric(float64(rounds), "rounds/op")
	})
	b.Run("warm", func(b *testing.B) {
		rounds, year := 0, uint64(0)
		for b.Loop() {
			year++
			nextYear(e, year)
			r, err := p.Plan(nil)
			if err != nil || !r.Converged {
				b.Fatalf("%+v %v", r, err)
			}
			rounds = max(rounds, r.Rounds)
		}
		b.ReportMetric(float64(rounds), "max-rounds/op")
	})
}

// sparseIO draws n sectors with k inputs each, every column summing to 1/2 (half of
// each good's value is direct labour).
func sparseIO(b *testing.B, n, k int) (*planning.IO, []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	es := make([]planning.Entry, 0, n*k)
	for j := range n {
		for range k {
			es = append(es, planning.Entry{Sector: j, Input: rng.IntN(n), Coef: 0.5 / float64(k) * (0.5 + rng.Float64())})
		}
	}
	a, err := planning.NewIO(n, es)
	if err != nil {
		b.Fatal(err)
	}
	l := make([]float64, n)
	for j := range l {
		l[j] = 0.5 + rng.Float64()
	}
	return a, l
}

// BenchmarkLabourValues: 10,000 sectors with 20 inputs each, sparse (target: at most
// 1 s), and 1,000 sectors sparse against the dense LU in the same run.
func BenchmarkLabourValues(b *testing.B) {
	a, l := sparseIO(b, 10_000, 20)
	b.Run("sparse-10000x20", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := planning.LabourValues(a, l, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	small, ls := sparseIO(b, 1000, 20)
	b.Run("sparse-1000x20", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := planning.LabourValues(small, ls, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("dense-1000x20", func(b *testing.B) {
		for b.Loop() {
			if _, err := planning.LabourValuesDense(small, ls); err != nil {
				b.Fatal(err)
			}
		}
	})
}

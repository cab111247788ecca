package planning_test

import (
	"fmt"
	"os"

	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// Labour values of a two-sector economy: a unit of grain takes 1 hour and 0.1 iron;
// a unit of iron takes 2 hours and 0.5 grain. v = (1 + 0.1 v1, 2 + 0.5 v0) gives
// v0 = 1.2/0.95 and v1 = 2 + 0.6/0.95.
func ExampleLabourValues() {
	a, err := planning.NewIO(2, []planning.Entry{
		{Sector: 0, Input: 1, Coef: 0.1},
		{Sector: 1, Input: 0, Coef: 0.5},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _, err := planning.LabourValues(a, []float64{1, 2}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	prices, _ := planning.Prices(v, 20*ledger.Unit) // 20 tokens per embodied hour
	fmt.Printf("values %.6f %.6f\n", v[0], v[1])
	fmt.Println("prices", ledger.Format(prices[0]), ledger.Format(prices[1]))
	// Output:
	// values 1.263158 2.631579
	// prices 25.263158 52.631579
}

// A plan for one good made by one workers' council with diminishing returns
// (Returns 2: it uses z = q^2/Base hours and proposes q = Base p/(2 wage), where
// price equals marginal cost) and bought by one consumers' council that spends 100
// tokens on it and offers 25 hours. Clearing: q = 100/p, q^2/50 = 25 hours, so
// q = sqrt(1250) = 35.3553, p = 100/q = 2.8284 and wage = 50 p/(2q) = 2. In round 1,
// at price and wage 1, the council proposes q = 50/2 = 25 units needing
// 25^2/50 = 12.5 hours, and demand is 100/1.
func ExamplePlanner() {
	e := &planning.Economy{
		Goods: 1,
		Consumers: planning.Consumers{
			Budget:  []ledger.Amount{100 * ledger.Unit},
			Weights: []float64{1},
			Hours:   []float64{25},
		},
		Workers: planning.Workers{
			Good: []int32{0}, Capacity: []float64{1000}, Labour: []float64{1},
			Base: []float64{50}, Returns: []float64{2},
		},
	}
	cfg := planning.DefaultConfig()
	cfg.Tolerance = 1e-6
	p, err := planning.NewPlanner(e, cfg, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	enc := planning.NewPlanCSV(os.Stdout, []string{"bread"})
	res, err := p.Plan(func(round int) error {
		if round > 2 {
			return nil
		}
		return enc.WriteRound(2026, round, p) // plan.csv, first two rounds
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("converged %v in %d rounds: price %.4f, wage %.4f, output %.4f\n",
		res.Converged, res.Rounds, p.Prices()[0], p.Wage(), p.Supply()[0])
	// Output:
	// year,round,good,price,supply,demand,excess
	// 2026,1,bread,1,25,100,3
	// 2026,1,labour,1,25,12.5,-0.5
	// 2026,2,bread,1.5,53.57142857142857,66.66666666666666,0.24444444444444433
	// 2026,2,labour,0.7,25,57.397959183673464,1.2959183673469385
	// converged true in 53 rounds: price 2.8284, wage 2.0000, output 35.3553
}

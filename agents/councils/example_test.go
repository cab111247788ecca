package councils_test

import (
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// A month of the linear economy with its councils: the first year's plan converges,
// and prices over the wage are the labour values within 0.1%.
func Example() {
	sc, err := scenarios.Load("planning-linear", []string{"ticks=1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := agents.Build(sc.Config, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(m, &sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	col := func(name string) sim.Col { c, _ := res.Table.Col(name); return c }
	row := &res.Table.Rows[0]
	fmt.Println("feasible:", row.Int(col("councils_plan_feasible")) == 1)
	fmt.Println("prices within 0.1% of labour values:", row.Float(col("councils_plan_value_gap")) < 0.001)
	// Output:
	// feasible: true
	// prices within 0.1% of labour values: true
}

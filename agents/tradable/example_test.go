package tradable_test

import (
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// The tradable scenario, small: the market opens at 1 outside unit a token, and the
// Foundation's sliding peg starts there.
func Example() {
	sc, err := scenarios.Load("tradable", []string{"members=600", "coops.count=24", "ticks=3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := agents.Build(sc.Config, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(m, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	tab := res.Table
	fmt.Println("peg at the start:", tab.Series("market_peg")[0])
	fmt.Println("ticks:", tab.Len())
	// Output:
	// peg at the start: 1
	// ticks: 3
}

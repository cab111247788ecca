package agents_test

import (
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Load the worked example of Appendix 1, build its model and run it: the grants of the
// first month and of the month the offers grow keep tokens equal to what is on offer.
func ExampleBuild() {
	sc, err := scenarios.Load("two-coops", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	model, err := agents.Build(sc.Config, sc.Config.Seed)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(model, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := res.Table
	for i := range t.Rows {
		m := &t.Rows[i]
		fmt.Printf("month %d: issued %s, on offer %s, sold %s\n", m.Month,
			ledger.Format(t.Int(m, "issued")), ledger.Format(t.Int(m, "offered_value")), ledger.Format(t.Int(m, "sales_value")))
	}
	// Output:
	// month 1: issued 200, on offer 200, sold 200
	// month 2: issued 200, on offer 200, sold 200
	// month 3: issued 200, on offer 200, sold 200
	// month 4: issued 300, on offer 300, sold 300
	// month 5: issued 300, on offer 300, sold 300
	// month 6: issued 300, on offer 300, sold 300
}

// Run the random-exchange validation model for a few ticks and read its Gini
// coefficient: money that starts equal spreads out.
func ExampleNewRandomExchange() {
	cfg := agents.Default()
	cfg.Model, cfg.Members, cfg.Ticks = "random_exchange", 1000, 50
	cfg.Random.InitialBalance = 10
	model, err := agents.NewRandomExchange(cfg, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(model, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := res.Table
	first, last := &t.Rows[0], t.Last()
	fmt.Printf("supply %s tokens throughout: %t\n", ledger.Format(t.Int(last, "supply")), t.Int(first, "supply") == t.Int(last, "supply"))
	fmt.Printf("Gini rose from equality: %t\n", t.Float(last, "gini") > 0.3)
	// Output:
	// supply 10000 tokens throughout: true
	// Gini rose from equality: true
}

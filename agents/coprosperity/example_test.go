package coprosperity_test

import (
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Example runs the coprosperity scenario, small, for three months and prints the
// active participants at each month's end and what was pledged (40 hours each): one
// participant voted out in month 2 pledges no more in month 3.
func Example() {
	sc, err := scenarios.Load("coprosperity", []string{"members=400", "coops.count=16", "ticks=3", "fixed.members=true"})
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
	tab := res.Table
	issued, _ := tab.Col("iou_issued")
	people, _ := tab.Col("cp_participants")
	for i := range tab.Rows {
		row := &tab.Rows[i]
		fmt.Printf("month %d: %d participants pledged %s hours\n", row.Month, row.Int(people), ledger.Format(row.Amount(issued)))
	}
	// Output:
	// month 1: 400 participants pledged 16000 hours
	// month 2: 399 participants pledged 16000 hours
	// month 3: 398 participants pledged 15960 hours
}

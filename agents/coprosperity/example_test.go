package coprosperity_test

import (
	"fmt"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Example runs the coprosperity scenario, small, for three months and prints the
// active participants at each month's end and what was pledged: 40 hours a member,
// and by the co-ops (participants too) 40 hours a worker, in tokens' worth of their
// service. One member voted out in month 2 pledges no more in month 3.
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
	coops, _ := tab.Col("coop_participants")
	coopIssued, _ := tab.Col("coop_iou_issued")
	for i := range tab.Rows {
		row := &tab.Rows[i]
		fmt.Printf("month %d: %d members pledged %s hours, %d co-ops %s tokens' worth\n", row.Month, row.Int(people),
			ledger.Format(row.Amount(issued)), row.Int(coops), ledger.Format(row.Amount(coopIssued)))
	}
	// Output:
	// month 1: 400 members pledged 16000 hours, 16 co-ops 87650.71956 tokens' worth
	// month 2: 399 members pledged 16000 hours, 21 co-ops 104357.31988 tokens' worth
	// month 3: 398 members pledged 15960 hours, 24 co-ops 120732.19288 tokens' worth
}

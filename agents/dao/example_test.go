package dao_test

import (
	"fmt"

	"github.com/copex/copex/agents/dao"
	"github.com/copex/copex/sim"
)

// New with no host builds the subsystem only to list what it registers (as copex
// phases does): here a section with a kind of mission and a bundle.
func ExampleNew() {
	cfg := dao.Default()
	cfg.Enabled = true
	cfg.Missions = []dao.Mission{{Name: "product", Rate: 0.1, Months: 6, Teams: 2, TeamSize: 3, Shares: 100,
		Prize: dao.Prize{Rule: "pledges", Pledgers: 10, Pledge: 5}}}
	cfg.Bundles = []dao.Bundle{{Name: "home", Shares: []float64{0.5, 0.3, 0.2}, Price: 60, Buyers: 0.01}}
	sub, err := dao.New(cfg, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var r sim.Registry
	sub.Register(&r)
	for _, p := range r.Phases() {
		fmt.Println(p.Stage, p.Name)
	}
	fmt.Println(len(r.Columns()), "columns, from", r.Columns()[0].Name)
	// Output:
	// open dao/begin
	// govern dao/meetings
	// govern dao/missions
	// trade dao/achievement-market
	// trade dao/bundles
	// 23 columns, from dao_votes
}

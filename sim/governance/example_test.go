package governance_test

import (
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// Six voters, cap 2: 0 votes yes and 1 and 2 delegate to it, so 0's weight would be
// 3; the cap keeps 0 and 1 and, 2 having no fallback, its vote is lost. 3 and 4
// delegate to each other: 4 also has a program, but a person delegation takes
// precedence, so both votes are caught in the cycle. 5 votes no.
func ExampleResolver_Resolve() {
	X := governance.NoVote
	e := &governance.Electorate{
		Direct:   []governance.Choice{governance.Yes, X, X, X, X, governance.No},
		Delegate: []int32{-1, 0, 0, 4, 3, -1},
		Program:  []uint8{0, 0, 0, 0, 1, 0},
		Programs: []governance.Program{governance.CostUnder{Limit: ledger.Tokens(10)}},
	}
	r := governance.Resolver{Cap: 2}
	res, err := r.Resolve(e, governance.Proposal{Options: 2, Cost: ledger.Tokens(5)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("weights", res.Weight)
	fmt.Println("cast", res.Cast, "lost in cycles", res.LostCycles, "lost otherwise", res.LostOther)
	fmt.Println("outcome", res.Outcome, "direct voting alone", res.DirectOutcome)
	enc := governance.NewVotesEncoder(os.Stdout)
	_ = enc.Encode(1, "coop", &res.Stats)
	// Output:
	// weights [2 0 0 0 0 1]
	// cast 3 lost in cycles 2 lost otherwise 1
	// outcome 1 direct voting alone -1
	// id,level,eligible,direct,delegated,lost_cycles,max_weight,gini_power,mean_chain,max_chain,outcome,direct_outcome,cast,abstained,lost_other
	// 1,coop,6,2,4,2,2,0.16666666666666666,1,1,1,-1,3,0,1
}

// Kahng, Mackenzie & Procaccia's experiment at a small size: delegation to any more
// competent neighbour concentrates the weight and loses accuracy; a cap of 3 wins it
// back.
func ExampleCompetence_Run() {
	c := governance.Competence{Voters: 301, Degree: 20, Alpha: 0, PMin: 0.45, PMax: 0.65, Cap: 3, Replicates: 20}
	res, err := c.Run(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("direct %.3f, liquid %.3f, capped %.3f\n", res.Direct.Mean, res.Liquid.Mean, res.Capped.Mean)
	fmt.Printf("largest weight: liquid %.0f, capped %.0f\n", res.MaxWeightLiquid, res.MaxWeightCapped)
	// Output:
	// direct 0.961, liquid 0.773, capped 0.959
	// largest weight: liquid 79, capped 3
}

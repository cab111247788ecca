package game_test

import (
	"fmt"

	"github.com/copex/copex/game"
)

// A game starts with suggestions in phase 1; each phase is finished with Advance, which
// says what is still missing.
func ExampleNew() {
	g, err := game.New("", 1) // the embedded getgo economy, seed 1
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Phase)
	q, _ := g.Question(game.QType)
	fmt.Println(q.Prompt)
	_ = g.Answer(game.QType, "consumer")
	fmt.Println(g.Advice(game.QType))
	_ = g.Advance()
	fmt.Println(g.Phase)
	err = g.Advance()
	fmt.Println(err != nil)
	// Output:
	// What kind of co-op?
	// What type of co-op? Who are its members?
	// Owned by the people who buy from it. Good for shops, housing and energy; members need a reason to stay loyal.
	// Co-op Development Model Canvas
	// true
}

// An existing co-op loads its own figures to test an innovation: the game opens on the
// Test Canvas with the innovation's hypotheses.
func ExampleLoadFigures() {
	g, err := game.LoadFigures("testdata/riverside.yaml", "", 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Phase, "-", g.Name())
	for _, t := range g.Tests {
		fmt.Println(g.Hypothesis(t.Box))
	}
	// The Test Game runs the co-op from its figures with the innovation and without.
	_ = g.Advance()
	r, err := g.RunTest(game.TestInnovationCustomers)
	if err != nil {
		panic(err)
	}
	fmt.Printf("measured %g more units sold a month (pass point %g): passed %v\n", r.Measured, r.Pass, r.Passed)
	_, err = game.FromFigures("co-op.yaml", []byte("name: X\nsector: care\nmembers: -2\npay: 700\nprice: 20\ncustomers: 100\nrevenue: 2000\n"), "", 1)
	fmt.Println(err)
	// Output:
	// Test Canvas - Riverside Care Co-operative
	// Evening visits will bring 40 more customers a month
	// Evening visits will pay its way: its extra sales will cover the extra pay of 701.54 tokens a month
	// measured 46 more units sold a month (pass point 32): passed true
	// co-op.yaml:3: members: impossible value -2: want 1 to 500
}

package tokenmarket_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/copex/copex/sim/tokenmarket"
)

// A peg of 0.20 defended with 1,000 units against a platform selling 2,000 tokens a
// step and buying back with 100 units: the reserves last three steps (TestPegBreaks
// works it by hand).
func ExampleMarket_Step() {
	cfg := tokenmarket.Config{Band: 4, Peg: tokenmarket.Peg{Kind: tokenmarket.PegFixed, Level: 200_000, Reserve: 1000 * tokenmarket.Micro}}
	m, err := tokenmarket.New(cfg, 200_000, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 5 {
		res, _ := m.Step(tokenmarket.Input{Value: 0.2, Sell: 2000 * tokenmarket.Micro, Spend: 100 * tokenmarket.Micro}, nil)
		fmt.Printf("price %.2f reserve %4d off peg %v\n", float64(res.Price)/tokenmarket.Micro, m.Reserve()/tokenmarket.Micro, res.OffPeg)
	}
	// Output:
	// price 0.20 reserve  700 off peg false
	// price 0.20 reserve  400 off peg false
	// price 0.20 reserve  100 off peg false
	// price 0.10 reserve    0 off peg true
	// price 0.05 reserve    0 off peg true
}

package firms_test

import (
	"fmt"

	"github.com/copex/copex/agents/firms"
	"github.com/copex/copex/sim"
)

// New with no host builds the subsystem only to list what it registers (as copex
// phases does).
func ExampleNew() {
	cfg := firms.Default()
	cfg.Enabled, cfg.Share = true, 0.1
	sub, err := firms.New(cfg, nil)
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
	// open firms/decide
	// govern firms/surplus
	// join firms/orders
	// 15 columns, from firms_alive
}

// WageCurve is the lowest pay members accept, as a multiple of the sector's wage:
// three quarters of it at the reference unemployment of 8%, less when more are out of
// work (Blanchflower and Oswald's elasticity of -0.1), capped at the sector's wage.
func ExampleWageCurve() {
	p := firms.Default().Pay
	for _, u := range []float64{0.02, 0.08, 0.16, 0.32} {
		fmt.Printf("unemployment %4.0f%%: %.3f of the sector's wage\n", 100*u, firms.WageCurve(p, u))
	}
	// Output:
	// unemployment    2%: 0.862 of the sector's wage
	// unemployment    8%: 0.750 of the sector's wage
	// unemployment   16%: 0.700 of the sector's wage
	// unemployment   32%: 0.653 of the sector's wage
}

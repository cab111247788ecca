// Package agentstest is the contract suite every Copex model and subsystem must pass,
// in the style of gonum's graph/testgraph: conservation after every tick, the same
// results for 1, 2 and 8 workers, a journal whose replay rebuilds the final balances,
// determinism by seed, and no allocation in a steady-state tick.
//
// A model's test calls Run with a Contract that says how to build it:
//
//	func TestContract(t *testing.T) {
//		agentstest.Run(t, agentstest.Contract{
//			New: func(seed uint64) (sim.Model, error) { return agents.Build(cfg, seed) },
//		})
//	}
//
// A new subsystem adds a Contract for an economy with its section switched on.
package agentstest

package agents

import (
	"github.com/copex/copex/sim"
)

// The economy as a subsystem's host (sim.Host): what the Co-prosperity IOUs, the DAO
// platform and councils see of the members and co-ops they act on.

var _ sim.Host = (*Economy)(nil)

// Pool returns the pool the parallel phases run on.
func (e *Economy) Pool() *sim.Pool { return e.pool }

// Seed returns the run's seed.
func (e *Economy) Seed() uint64 { return e.seed }

package agents

import (
	"errors"

	"github.com/copex/copex/sim"
)

// NewEconomy builds the co-operative economy.
func NewEconomy(cfg Config, seed uint64) (sim.Model, error) { return nil, errors.New("not yet") }

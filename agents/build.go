package agents

import (
	"github.com/copex/copex/sim"
)

// Build returns the model a configuration describes, seeded with seed. The config must
// have passed Validate.
func Build(cfg Config, seed uint64) (sim.Model, error) {
	switch cfg.Model {
	case "random_exchange":
		return NewRandomExchange(cfg, seed)
	case "", "economy":
		return NewEconomy(cfg, seed)
	}
	return nil, fieldErr("model", "unknown model %q", cfg.Model)
}

package agents

import "github.com/copex/copex/sim"

// Build returns the model a configuration describes, seeded with seed. The config must
// have passed Validate.
func Build(cfg Config, seed uint64) (sim.Model, error) {
	switch cfg.Model {
	case "random_exchange":
		m, err := NewRandomExchange(cfg, seed)
		if err != nil {
			return nil, err
		}
		return m, nil
	case "", "economy":
		m, err := NewEconomy(cfg, seed)
		if err != nil {
			return nil, err
		}
		return m, nil
	}
	return nil, fieldErr("model", "unknown model %q", cfg.Model)
}

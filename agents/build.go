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

// Columns returns the metric columns a run of cfg writes, in order, without building
// the model (the tick and month columns come first in a table: sim.NewTable).
func Columns(cfg Config) ([]sim.Column, error) {
	var r sim.Registry
	switch cfg.Model {
	case "random_exchange":
		(&RandomExchange{cfg: cfg}).Register(&r)
	case "", "economy":
		e := &Economy{cfg: cfg}
		for _, s := range cfg.Sectors {
			e.sectors = append(e.sectors, s.Name)
		}
		e.registerColumns(&r)
	default:
		return nil, fieldErr("model", "unknown model %q", cfg.Model)
	}
	return r.Columns(), nil
}

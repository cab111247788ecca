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

// Describe returns what a model of cfg registers (its phases in tick order, metric
// columns and mid-run parameters) without building it: registration reads only the
// configuration. Its phases and parameters are for listing, not for running.
func Describe(cfg Config) (*sim.Registry, error) {
	var r sim.Registry
	switch cfg.Model {
	case "random_exchange":
		(&RandomExchange{cfg: cfg}).Register(&r)
	case "", "economy":
		e := &Economy{cfg: cfg}
		for _, s := range cfg.Sectors {
			e.sectors = append(e.sectors, s.Name)
		}
		subs, err := buildSubsystems(&cfg, nil)
		if err != nil {
			return nil, err
		}
		e.subs = subs
		e.Register(&r)
		if len(cfg.Collect.Members)+len(cfg.Collect.Coops)+len(cfg.Collect.Summaries) > 0 {
			// A run of a scenario that collects steps the collector's phase too.
			(&Collector{e: e, cfg: cfg.Collect}).Register(&r)
		}
	default:
		return nil, fieldErr("model", "unknown model %q", cfg.Model)
	}
	return &r, nil
}

// Columns returns the metric columns a run of cfg writes, in order, without building
// the model (the tick and month columns come first in a table: sim.NewTable).
func Columns(cfg Config) ([]sim.Column, error) {
	r, err := Describe(cfg)
	if err != nil {
		return nil, err
	}
	return r.Columns(), nil
}

package firms

import (
	"github.com/copex/copex/sim"
)

// Config is the firms section of a scenario. Every field is bounded by its tags (read
// by the scenario loader and copex schema); Validate refuses what the tags cannot see.
// Fields a scenario leaves out take Default's values.
type Config struct {
	Enabled bool `yaml:"enabled" json:"enabled" doc:"open the platform to for-profit firms"`

	// How many firms, and when.
	Count        int     `yaml:"count" json:"count" min:"0" max:"100000" doc:"firms founded at the start, spread over the sectors in turn"`
	Share        float64 `yaml:"share" json:"share" min:"0" max:"10" doc:"firms founded at the start in each sector, as a share of the sector's co-ops then (rounded)"`
	StartMonth   int     `yaml:"start_month" json:"start_month" min:"1" max:"1200" doc:"month the firms of count and share are founded"`
	EntryPerYear float64 `yaml:"entry_per_year" json:"entry_per_year" min:"0" max:"10000" doc:"firms entering over time, a year on average (Poisson each month from start_month on), in a sector drawn by its sales"`
	Workers      int     `yaml:"workers" json:"workers" min:"1" max:"10000" doc:"workers a firm is founded with (and the size its scale economies are measured from)"`

	Pricing Pricing `yaml:"pricing" json:"pricing" doc:"a firm's price: a markup over unit cost moved each month by the sign of the change in its profit"`
	Pay     Pay     `yaml:"pay" json:"pay" doc:"a firm's pay: the lowest wage members accept, on a wage curve"`
	Scale   Scale   `yaml:"scale" json:"scale" doc:"scale economies: units a worker makes rise with the firm's size"`
	Hiring  Hiring  `yaml:"hiring" json:"hiring" doc:"a firm hires while the marginal worker earns more than the wage and its offer sells out"`

	Granted bool   `yaml:"granted" json:"granted" doc:"firms are granted tokens for their offers as co-ops are"`
	Owners  string `yaml:"owners" json:"owners" enum:"outside,members" doc:"where a firm's surplus goes: outside (burned through the ledger, counted as extracted) or members (paid to owner_members members)"`
	// OwnerMembers is the number of members owning each firm when Owners is members.
	OwnerMembers int `yaml:"owner_members" json:"owner_members" min:"1" max:"1000" doc:"owners: members: members owning each firm (drawn when it is founded; one who leaves is replaced)"`
}

// Pricing is the derivative-follower markup rule (doc.go).
type Pricing struct {
	Markup    float64 `yaml:"markup" json:"markup" min:"0" max:"10" doc:"starting markup over unit cost (0.2: price 1.2 times unit cost)"`
	Step      float64 `yaml:"step" json:"step" min:"0" max:"1" doc:"change of the markup a month, in the direction that last raised profit"`
	MinMarkup float64 `yaml:"min_markup" json:"min_markup" min:"-0.5" max:"10" doc:"lowest markup (below 0: selling under cost)"`
	MaxMarkup float64 `yaml:"max_markup" json:"max_markup" min:"0" max:"100" doc:"highest markup"`
}

// Pay is the wage curve a firm pays on (doc.go).
type Pay struct {
	Reservation float64 `yaml:"reservation" json:"reservation" min:"0.01" max:"1.5" doc:"lowest pay members accept at reference unemployment, times the sector's wage"`
	Elasticity  float64 `yaml:"elasticity" json:"elasticity" min:"0" max:"2" doc:"elasticity of that pay to unemployment, with the sign taken (Blanchflower and Oswald: about 0.1)"`
	Reference   float64 `yaml:"reference_unemployment" json:"reference_unemployment" min:"0.001" max:"1" doc:"unemployment rate at which members accept reservation times the sector's wage"`
	Max         float64 `yaml:"max" json:"max" min:"0.01" max:"2" doc:"the most a firm pays, times the sector's wage, however scarce workers are"`
}

// Scale is a firm's scale economies.
type Scale struct {
	Exponent float64 `yaml:"exponent" json:"exponent" min:"0" max:"1" doc:"units a worker makes rise as (workers / founding workers) to this power (0: none)"`
	Max      float64 `yaml:"max" json:"max" min:"1" max:"100" doc:"the most scale multiplies a worker's units by"`
}

// Hiring is a firm's profit rule for its workforce.
type Hiring struct {
	Rate  float64 `yaml:"rate" json:"rate" min:"0" max:"1" doc:"most a firm hires or sheds in a month, as a share of its workers (at least one)"`
	Slack float64 `yaml:"slack" json:"slack" min:"0" max:"1" doc:"a firm sheds when it sold less than 1 - slack of what it can make"`
}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// Default returns the section's defaults (switched off).
func Default() Config {
	return Config{
		StartMonth: 1, Workers: 10,
		Pricing: Pricing{Markup: 0.2, Step: 0.02, MinMarkup: 0, MaxMarkup: 3},
		Pay:     Pay{Reservation: 0.75, Elasticity: 0.1, Reference: 0.08, Max: 1},
		Scale:   Scale{Exponent: 0.2, Max: 4},
		Hiring:  Hiring{Rate: 0.25, Slack: 0.2},
		Granted: true, Owners: "outside", OwnerMembers: 3,
	}
}

// maxFounders bounds count × workers: founders the economy has no one looking for work
// for join as new members, and ten million of them is ten times the largest economy a
// scenario here runs.
const maxFounders = 10_000_000

// Validate checks the section; errors are *sim.FieldError with paths inside it.
func (c *Config) Validate() error {
	if !c.Enabled {
		return nil
	}
	if c.Count == 0 && c.Share == 0 && c.EntryPerYear == 0 {
		return sim.Fieldf("count", "no firms: set count, share or entry_per_year above 0")
	}
	if c.Count < 0 || c.Share < 0 || c.EntryPerYear < 0 {
		return sim.Fieldf("count", "count, share and entry_per_year must not be negative")
	}
	if c.Workers < 1 || c.StartMonth < 1 {
		return sim.Fieldf("workers", "workers and start_month must be at least 1")
	}
	if int64(c.Count)*int64(c.Workers) > maxFounders {
		return sim.Fieldf("count", "%d firms of %d workers: at most %d founders at the start (those not looking for work join as new members)", c.Count, c.Workers, maxFounders)
	}
	p := c.Pricing
	if !(p.MinMarkup <= p.Markup && p.Markup <= p.MaxMarkup) {
		return sim.Fieldf("pricing.markup", "is %g, want it between min_markup %g and max_markup %g", p.Markup, p.MinMarkup, p.MaxMarkup)
	}
	if p.MinMarkup <= -1 {
		return sim.Fieldf("pricing.min_markup", "is %g: a price must stay above 0", p.MinMarkup)
	}
	if !(c.Pay.Reservation > 0) || !(c.Pay.Reference > 0) {
		return sim.Fieldf("pay.reservation", "reservation and reference_unemployment must be above 0")
	}
	if c.Pay.Max < c.Pay.Reservation {
		return sim.Fieldf("pay.max", "is %g, below reservation %g: firms could never pay what members accept", c.Pay.Max, c.Pay.Reservation)
	}
	if c.Scale.Max < 1 {
		return sim.Fieldf("scale.max", "is %g, want at least 1", c.Scale.Max)
	}
	switch c.Owners {
	case "outside", "members":
	default:
		return sim.Fieldf("owners", "is %q, want outside or members", c.Owners)
	}
	if c.Owners == "members" && c.OwnerMembers < 1 {
		return sim.Fieldf("owner_members", "owners: members needs at least 1 owner a firm")
	}
	return nil
}

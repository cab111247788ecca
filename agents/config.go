package agents

import (
	"fmt"
	"math"
	"sort"

	"github.com/copex/copex/agents/coprosperity"
	"github.com/copex/copex/agents/councils"
	"github.com/copex/copex/agents/dao"
	"github.com/copex/copex/agents/firms"
	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/agents/tradable"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/exchange"
	"github.com/copex/copex/sim/issuance"
)

// Config is everything a model needs: the body of a scenario. Amounts are written in
// tokens (decimals) and converted to micro-tokens once, when the model is built.
// Struct tags give each field's YAML name, its bounds (min, max), allowed values (enum)
// and a line of documentation (doc), used by the scenario loader and its JSON Schema.
type Config struct {
	// Model is "economy" (the co-operative economy) or "random_exchange" (the
	// validation model).
	Model      string `yaml:"model" json:"model" enum:"economy,random_exchange" doc:"which model runs"`
	Seed       uint64 `yaml:"seed" json:"seed" doc:"random seed (overridden by --seed)"`
	Clock      string `yaml:"clock" json:"clock" enum:"month,week" doc:"length of a tick"`
	Ticks      int    `yaml:"ticks" json:"ticks" min:"1" max:"100000" doc:"ticks to run"`
	Members    int    `yaml:"members" json:"members" min:"1" max:"100000000" doc:"members at the start"`
	Localities int    `yaml:"localities" json:"localities" min:"1" max:"10000" doc:"localities, on a square grid"`

	Sectors    []Sector             `yaml:"sectors" json:"sectors" doc:"categories of goods and services"`
	Coops      Coops                `yaml:"coops" json:"coops"`
	Member     MemberBehaviour      `yaml:"member" json:"member"`
	Issuance   issuance.Config      `yaml:"issuance" json:"issuance"`
	Exchange   exchange.Config      `yaml:"exchange" json:"exchange"`
	Foundation Foundation           `yaml:"foundation" json:"foundation"`
	Giveaway   Giveaway             `yaml:"giveaway" json:"giveaway"`
	Random     RandomExchangeConfig `yaml:"random_exchange" json:"random_exchange"`
	Ledger     LedgerRules          `yaml:"ledger" json:"ledger"`
	Founding   []FoundingCoop       `yaml:"founding_coops" json:"founding_coops" doc:"co-ops placed by hand (the rest are drawn)"`
	Fixed      FixedBehaviour       `yaml:"fixed" json:"fixed"`
	Collect    Collect              `yaml:"collect,omitempty" json:"collect" doc:"per-member and per-co-op series and summaries to record (members.parquet, coops.parquet, summaries.parquet)"`

	// The subsystems (subsystems.go), each off unless its section says otherwise.
	Coprosperity coprosperity.Config `yaml:"coprosperity,omitempty" json:"coprosperity" doc:"Co-prosperity IOU gifts, the DAO fund, projects and obligation clearing (MODEL §6)"`
	DAO          dao.Config          `yaml:"dao,omitempty" json:"dao" doc:"the DAO co-operative platform: missions, bundles, liquid delegation (MODEL §7)"`
	Councils     councils.Config     `yaml:"councils,omitempty" json:"councils" doc:"nested workers' and consumers' councils and participatory planning (MODEL §8)"`
	Horizon      horizon.Config      `yaml:"horizon,omitempty" json:"horizon" doc:"horizon scanning: events that change the economy for every co-op, and co-ops that see them coming (MODEL §9)"`
	Tradable     tradable.Config     `yaml:"tradable,omitempty" json:"tradable" doc:"the token tradable against an outside currency: speculators, a pump-and-dump coalition, a peg the Foundation defends (MODEL §10)"`
	Firms        firms.Config        `yaml:"firms,omitempty" json:"firms" doc:"an open platform: for-profit firms beside the co-ops (MODEL §10)"`
}

// Sector is a category of goods or services.
type Sector struct {
	Name         string  `yaml:"name" json:"name" doc:"category name (letters, digits, _)"`
	Share        float64 `yaml:"share" json:"share" min:"0" max:"1" doc:"share of member spending"`
	BasePrice    float64 `yaml:"base_price" json:"base_price" min:"0.000001" max:"1e9" doc:"starting price per unit, tokens"`
	Productivity float64 `yaml:"productivity" json:"productivity" min:"0" max:"1e9" doc:"units a worker makes in a month"`
	Wage         float64 `yaml:"wage" json:"wage" min:"0" max:"1e9" doc:"monthly pay of a worker, tokens"`
	// Inputs are input-output coefficients: value bought from each named sector per
	// unit of value produced.
	Inputs map[string]float64 `yaml:"inputs" json:"inputs" min:"0" max:"1" doc:"input-output coefficients by supplying sector"`
}

// RandomExchangeConfig configures the validation model: members pay each other at random.
type RandomExchangeConfig struct {
	InitialBalance float64 `yaml:"initial_balance" json:"initial_balance" min:"0" max:"1e12" doc:"tokens each member starts with"`
	// Rule is "unit" (each tick every member with a positive balance pays one token to
	// a uniformly random member) or "fraction" (Chakraborti-Chakrabarti pairwise
	// exchange with saving propensity).
	Rule             string  `yaml:"rule" json:"rule" enum:"unit,fraction" doc:"exchange rule"`
	SavingPropensity float64 `yaml:"saving_propensity" json:"saving_propensity" min:"0" max:"0.999" doc:"lambda, the share each keeps in a fraction exchange"`
	// MeasureEvery samples the Gini coefficient and quantiles of holdings: they are
	// measured on the first tick, every MeasureEvery-th tick and the clock's last
	// tick, and the rows between repeat the last measurement (0 or 1: every tick).
	MeasureEvery int `yaml:"measure_every" json:"measure_every" min:"0" max:"100000" doc:"ticks between measurements of the Gini and quantiles (0 or 1: every tick)"`
}

// LedgerRules configures the ledger.
type LedgerRules struct {
	AllowExternal bool `yaml:"allow_external" json:"allow_external" doc:"lift rule 3 (counterfactual only)"`
}

// FoundingCoop is a co-op placed by hand, as in the two-coops example.
type FoundingCoop struct {
	Sector   string  `yaml:"sector" json:"sector" doc:"sector name"`
	Workers  int     `yaml:"workers" json:"workers" min:"1" max:"100000" doc:"members working in it"`
	Locality int     `yaml:"locality" json:"locality" min:"0" max:"10000" doc:"locality index"`
	Type     string  `yaml:"type" json:"type" enum:"worker,producer,consumer,multi_stakeholder" doc:"co-op type"`
	Estimate float64 `yaml:"estimate" json:"estimate" min:"0" max:"1e12" doc:"declared first-month sales estimate, tokens (0: from coops.estimate)"`
	// Growth is a planned monthly rise of capacity, as a share (the Appendix's "want to
	// increase their order").
	Growth map[int]float64 `yaml:"growth" json:"growth" min:"-1" max:"100" doc:"month -> relative capacity change that month"`
}

// FixedBehaviour switches off the behaviour that the worked examples leave out.
type FixedBehaviour struct {
	Prices     bool `yaml:"prices" json:"prices" doc:"prices never change"`
	Labour     bool `yaml:"labour" json:"labour" doc:"no hiring, shedding or failure"`
	Foundation bool `yaml:"foundation" json:"foundation" doc:"the Foundation does not spend"`
	Members    bool `yaml:"members" json:"members" doc:"no newcomers, frauds or savings"`
}

// Default returns the default configuration: the baseline economy's behaviour, with
// no sectors or co-ops (a scenario adds them).
func Default() Config {
	return Config{
		Model:      "economy",
		Seed:       1,
		Clock:      "month",
		Ticks:      120,
		Members:    1000,
		Localities: 9,
		Coops: Coops{
			Types:      map[string]float64{"worker": 0.5, "producer": 0.2, "consumer": 0.2, "multi_stakeholder": 0.1},
			WorkersMin: 3, WorkersMax: 40, Estimate: 1, BufferMonths: 2, FailAfterMonths: 3,
			Pay: "fixed", PayFloor: 0.5, PayCap: 3, PaySpeed: 0.25,
			GrantUse:        GrantUse{Bonus: 0.4, Capacity: 0.3, Supplies: 0.2, Innovation: 0.1},
			HireWhenSoldOut: true, ShedWhenUnsold: true, CapacityGain: 0.05, InputSubstitution: 0.8,
		},
		Member: MemberBehaviour{Spend: 0.8, Save: 0.05, Withdraw: 0.1, Invitations: 0.02,
			FraudRate: 0.0005, FraudValue: 50, Switch: 0.2, Unemployed: 0.05},
		Issuance: issuance.Default(),
		Exchange: exchange.Default(),
		Foundation: Foundation{SpendRate: 0.3, VoteEveryMonths: 12, StartupWorkers: 4, StartupMonths: 6,
			Apprenticeship: 0.6, AwarenessCost: 200,
			Programmes: Programmes{Startups: 0.35, Apprenticeships: 0.2, Innovation: 0.2, Commons: 0.1, Awareness: 0.15}},
		Giveaway: Giveaway{Month: 1, Share: 0.1},
		Random:   RandomExchangeConfig{InitialBalance: 100, Rule: "unit", SavingPropensity: 0.5},
		// the subsystems' sections, switched off, with their defaults: a scenario that
		// switches one on states only what differs, and the scenario as run reads back
		Coprosperity: coprosperity.Default(),
		DAO:          dao.Default(),
		Tradable:     tradable.Default(),
		Firms:        firms.Default(),
	}
}

// MaxTokens bounds the money a scenario may put in at once, in tokens: all members'
// initial balances together, a giveaway, a declared estimate, a start-up's investment.
// It is a ninth of the largest supply the ledger holds (ledger.MaxSupply, about 9.2e12
// tokens), which leaves room for the grants a run issues on top; should a run's
// issuance still reach the ledger's limit, it stops with ledger.ErrSupplyLimit.
const MaxTokens = 1e12

// MaxWorkerMonth bounds a sector's base price times its productivity: the value a
// worker offers in a month, in tokens. With at most 1e8 members it keeps every sum of
// offered value far inside an int64 of micro-tokens.
const MaxWorkerMonth = 1e6

// FieldError is a configuration value that is wrong, named by its path in the
// scenario (for example "coops.workers_max" or "sectors[2].inputs.energy").
type FieldError = sim.FieldError

func fieldErr(path, format string, args ...any) *FieldError {
	return sim.Fieldf(path, format, args...)
}

// Validate checks what the per-field bounds cannot: relations between fields, each
// section by its own rule (sectors here, co-ops in coops.go, issuance in issue.go). It
// returns a *FieldError naming the first offending field.
func (c *Config) Validate() error {
	if c.Model == "random_exchange" {
		if c.Random.Rule == "fraction" && c.Random.SavingPropensity >= 1 {
			return fieldErr("random_exchange.saving_propensity", "must be below 1")
		}
		if c.Random.MeasureEvery < 0 || c.Random.MeasureEvery > 100000 {
			return fieldErr("random_exchange.measure_every", "is %d, want 0 to 100000", c.Random.MeasureEvery)
		}
		if m := float64(c.Members) * c.Random.InitialBalance; m > MaxTokens {
			return fieldErr("random_exchange.initial_balance", "%d members × %g tokens is %g tokens, more than the %g a scenario may hold at the start",
				c.Members, c.Random.InitialBalance, m, float64(MaxTokens))
		}
		return nil
	}
	if m := float64(c.Members) * c.Member.InitialBalance; m > MaxTokens {
		return fieldErr("member.initial_balance", "%d members × %g tokens is %g tokens, more than the %g a scenario may hold at the start",
			c.Members, c.Member.InitialBalance, m, float64(MaxTokens))
	}
	names, err := validateSectors(c.Sectors)
	if err != nil {
		return err
	}
	for i, f := range c.Founding {
		p := fmt.Sprintf("founding_coops[%d]", i)
		if _, ok := names[f.Sector]; !ok {
			return fieldErr(p+".sector", "no sector is named %q", f.Sector)
		}
		if f.Locality >= max(c.Localities, 1) {
			return fieldErr(p+".locality", "is %d, but there are %d localities", f.Locality, c.Localities)
		}
	}
	if err := c.Coops.validate(c.Members, len(c.Founding)); err != nil {
		return err
	}
	if err := c.Collect.Validate(); err != nil {
		return err
	}
	if c.Ledger.AllowExternal != c.Tradable.On() { // rule 3 is lifted for the tradable token's market, and only for it
		return fieldErr("ledger.allow_external", "is %v with tradable.enabled %v: lift rule 3 exactly when the token trades on an outside market", c.Ledger.AllowExternal, c.Tradable.On())
	}
	if err := validateSubsystems(c); err != nil {
		return err
	}
	return validateIssuance(c.Issuance)
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validateSectors checks the sectors: at least one, named once each, with spending
// shares and input coefficients that make sense. It returns the index of each name.
func validateSectors(sectors []Sector) (map[string]int, error) {
	if len(sectors) == 0 {
		return nil, fieldErr("sectors", "an economy needs at least one sector")
	}
	if len(sectors) > math.MaxInt16 {
		return nil, fieldErr("sectors", "too many sectors")
	}
	names := map[string]int{}
	var share float64
	for i, s := range sectors {
		p := fmt.Sprintf("sectors[%d]", i)
		if !validName(s.Name) {
			return nil, fieldErr(p+".name", "%q is not a name (letters, digits and _)", s.Name)
		}
		if _, dup := names[s.Name]; dup {
			return nil, fieldErr(p+".name", "sector %q is named twice", s.Name)
		}
		names[s.Name] = i
		share += s.Share
		if v := s.BasePrice * s.Productivity; v > MaxWorkerMonth {
			return nil, fieldErr(p+".productivity", "base_price × productivity is %g tokens a worker-month, more than %g", v, float64(MaxWorkerMonth))
		}
	}
	if share <= 0 {
		return nil, fieldErr("sectors", "spending shares add up to 0")
	}
	for i, s := range sectors {
		var sum float64
		for _, k := range sortedKeys(s.Inputs) {
			if _, ok := names[k]; !ok {
				return nil, fieldErr(fmt.Sprintf("sectors[%d].inputs.%s", i, k), "no sector is named %q", k)
			}
			sum += s.Inputs[k]
		}
		if sum >= 1 {
			return nil, fieldErr(fmt.Sprintf("sectors[%d].inputs", i), "input coefficients add up to %g; they must stay below 1", sum)
		}
	}
	return names, nil
}

package councils

import (
	"errors"
	"fmt"
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/planning"
)

// Config is the councils section of a scenario.
type Config struct {
	Enabled   bool      `yaml:"enabled" json:"enabled" doc:"switch the councils and their yearly plan on"`
	Plan      Plan      `yaml:"plan" json:"plan" doc:"the yearly participatory plan (sim/planning)"`
	Nesting   Nesting   `yaml:"nesting" json:"nesting" doc:"how members nest into consumers' and workers' councils"`
	Decisions Decisions `yaml:"decisions" json:"decisions" doc:"decision nodes: proposals at each level, votes of those affected, quorum, juries"`
	Tokens    Tokens    `yaml:"tokens" json:"tokens" doc:"participation tokens, time-locked, and how turnout responds to them"`
	Stake     Stake     `yaml:"stake" json:"stake" doc:"Proof of Contribution staking: stake, rewards split four ways, lock-ups, slashing"`
	// LabourPrices sets co-ops' prices to labour-value prices after each plan.
	LabourPrices bool `yaml:"labour_prices" json:"labour_prices" doc:"after each year's plan, set every co-op's price to its sector's labour value times the mean monthly wage over plan.hours (tokens per embodied hour), within the platform's floor and ceiling"`
}

// Plan is how the yearly plan is made.
type Plan struct {
	Apply     bool    `yaml:"apply" json:"apply" doc:"make a feasible plan what the economy does that year: co-ops' targets (capping output, hiring towards it) and members' spending shares from it; an infeasible plan clears them"`
	MaxRounds int     `yaml:"max_rounds" json:"max_rounds" min:"0" max:"1000000" doc:"round limit of a year's plan (at least 1)"`
	Tolerance float64 `yaml:"tolerance" json:"tolerance" min:"0" max:"1" doc:"every good's |excess demand| (and constant-returns council's |benefit/cost - 1|) at most this ends the plan (above 0)"`
	Rule      string  `yaml:"rule" json:"rule" enum:"proportional,pequod" doc:"how the facilitation board moves prices: in proportion to excess demand, or Pequod's capped steps"`
	Speed     float64 `yaml:"speed" json:"speed" min:"0" max:"2" doc:"goods' price speed of the proportional rule (0: 0.3)"`
	WageSpeed float64 `yaml:"wage_speed" json:"wage_speed" min:"0" max:"2" doc:"the wage's speed of the proportional rule (0: 0.6)"`
	Cold      bool    `yaml:"cold" json:"cold" doc:"start every year from the starting prices, not from last year's plan"`
	Start     string  `yaml:"start" json:"start" enum:"base,one" doc:"starting prices of the first (or every cold) plan: the sectors' base prices and mean hourly wage (base), or 1 for every good and the wage (one, Pequod's kind of start: every price the same)"`
	// Budget is where consumers' councils' incomes come from.
	Budget       string  `yaml:"budget" json:"budget" enum:"income,effort" doc:"consumers' budgets: members' yearly wages (income) or effort ratings times the mean wage (effort)"`
	EffortSpread float64 `yaml:"effort_spread" json:"effort_spread" min:"0" max:"0.99" doc:"effort ratings are uniform in [1 - spread, 1 + spread]"`
	WageIncome   bool    `yaml:"wage_income" json:"wage_income" doc:"consumers earn the plan's wage for the hours they work and keep leisure (budget is then non-labour income only)"`
	Leisure      float64 `yaml:"leisure" json:"leisure" min:"0" max:"100" doc:"weight of leisure against all goods' weights together (with wage_income)"`
	Hours        float64 `yaml:"hours" json:"hours" min:"0" max:"744" doc:"hours a member offers in a month (at least 1)"`
	Taste        float64 `yaml:"taste" json:"taste" min:"0" max:"0.99" doc:"each consumers' council weighs good g by its sector's spending share times a factor uniform in [1 - taste, 1 + taste]"`
	Returns      float64 `yaml:"returns" json:"returns" min:"0" max:"10" doc:"returns exponent of workplaces (1: constant returns; above 1 diminishing; 0: 1.5)"`
	Capacity     float64 `yaml:"capacity" json:"capacity" min:"0" max:"1000000" doc:"a workplace's yearly capacity as a multiple of its reference output (0: 2)"`
	// Base is a workplace's reference output as a share of what its workers make in a
	// year at the sector's productivity.
	Base float64 `yaml:"base" json:"base" min:"0" max:"10" doc:"reference output as a share of the workers' yearly product at the sector's productivity (0: 1)"`
	// IO, if not empty, replaces the sectors' input coefficients in the plan and its
	// labour values (a counterfactual technique).
	IO []Coef `yaml:"io" json:"io" doc:"input coefficients replacing the sectors' own in the plan: value of input per value of output, sectors by index"`
}

// Coef is one input coefficient of the plan's input-output matrix.
type Coef struct {
	Sector      int     `yaml:"sector" json:"sector" min:"0" max:"32767" doc:"using sector, by its index in sectors"`
	Input       int     `yaml:"input" json:"input" min:"0" max:"32767" doc:"supplying sector, by index"`
	Coefficient float64 `yaml:"coefficient" json:"coefficient" min:"0" max:"100" doc:"value of input per unit of value made"`
}

// Nesting says how members form councils. Consumers: individual, household (Household
// members of one locality), neighbourhood (Neighbourhood households of one locality),
// city (the localities Cities lists), region (the cities Regions lists). Workers:
// individual, workplace (a co-op), industry (a sector within a region), region (the
// region of the co-op's locality).
type Nesting struct {
	Household     int `yaml:"household" json:"household" min:"0" max:"1000" doc:"members of a household council (at least 1)"`
	Neighbourhood int `yaml:"neighbourhood" json:"neighbourhood" min:"0" max:"100000" doc:"households of a neighbourhood council (at least 1)"`
	// Cities lists the localities of each city; empty: every locality is a city.
	Cities [][]int `yaml:"cities" json:"cities" min:"0" max:"10000" doc:"the localities of each city (empty: one city per locality); every locality in exactly one"`
	// Regions lists the cities of each region; empty: one region of every city.
	Regions [][]int `yaml:"regions" json:"regions" min:"0" max:"10000" doc:"the cities of each region (empty: one region); every city in exactly one"`
}

// Decisions are proposals at the decision nodes (every council of every level above
// the individual).
type Decisions struct {
	Rate     float64 `yaml:"rate" json:"rate" min:"0" max:"12" doc:"proposals a council puts to its members a year, on average"`
	Mode     string  `yaml:"mode" json:"mode" enum:"direct,delegates" doc:"direct: every affected member may vote; delegates: each member council's elected delegate votes (households and workplaces vote directly)"`
	Quorum   float64 `yaml:"quorum" json:"quorum" min:"0" max:"1" doc:"share of those entitled who must vote for a decision to be taken"`
	Jury     float64 `yaml:"jury" json:"jury" min:"0" max:"1" doc:"share of decisions a random-sample jury reviews"`
	JurySize int     `yaml:"jury_size" json:"jury_size" min:"0" max:"1000" doc:"jurors drawn from the affected members (at least 1 when jury is above 0)"`
}

// Tokens are the participation incentives, in tokens each (not exchange tokens: a
// locked balance the councils keep, see doc.go).
type Tokens struct {
	Participation  float64 `yaml:"participation" json:"participation" min:"0" max:"1000" doc:"for each vote cast"`
	Quality        float64 `yaml:"quality" json:"quality" min:"0" max:"1000" doc:"to the proposer of a decision taken"`
	Consensus      float64 `yaml:"consensus" json:"consensus" min:"0" max:"1000" doc:"to each voter when a decision is taken by at least consensus_share of the votes"`
	ConsensusShare float64 `yaml:"consensus_share" json:"consensus_share" min:"0" max:"1" doc:"share of yes votes that counts as consensus (at least 0.5; 0: 0.8)"`
	RandomSample   float64 `yaml:"random_sample" json:"random_sample" min:"0" max:"1000" doc:"for each jury service"`
	Peer           float64 `yaml:"peer" json:"peer" min:"0" max:"1000" doc:"peer recognition: each household and workplace names one member a year"`
	VestYears      int     `yaml:"vest_years" json:"vest_years" min:"0" max:"5" doc:"tokens earned in plan year y unlock when year y + vest_years + 1 begins (at least 1)"`
	// Turnout: a member votes with probability min(1, base + gain v/(v + half)), v its
	// unlocked tokens.
	Base float64 `yaml:"base" json:"base" min:"0" max:"1" doc:"turnout of a member with no unlocked tokens"`
	Gain float64 `yaml:"gain" json:"gain" min:"0" max:"1" doc:"most that unlocked tokens add to turnout"`
	Half float64 `yaml:"half" json:"half" min:"0" max:"1000000" doc:"unlocked tokens that add half the gain (above 0 when gain is)"`
}

// Stake is Proof of Contribution staking.
type Stake struct {
	Share    float64 `yaml:"share" json:"share" min:"0" max:"1" doc:"chance a member not staking stakes at a year's start"`
	Fraction float64 `yaml:"fraction" json:"fraction" min:"0" max:"1" doc:"share of its ordinary balance a member stakes"`
	MaxLock  int     `yaml:"max_lock" json:"max_lock" min:"0" max:"5" doc:"longest lock-up in years; each staker draws 1..max_lock (at least 1 when share is above 0)"`
	Rate     float64 `yaml:"rate" json:"rate" min:"0" max:"0.2" doc:"contribution rewards a year per token staked, before the lock-up bonus"`
	Bonus    float64 `yaml:"bonus" json:"bonus" min:"0" max:"0.25" doc:"reward weight 1 + bonus (lock - 1): longer lock-ups earn more"`
	// Split of each reward; shares sum to 1.
	Staker     float64 `yaml:"staker" json:"staker" min:"0" max:"1" doc:"share of a reward to the staker"`
	Welfare    float64 `yaml:"welfare" json:"welfare" min:"0" max:"1" doc:"share to social welfare"`
	Solidarity float64 `yaml:"solidarity" json:"solidarity" min:"0" max:"1" doc:"share to the solidarity fund"`
	Protocol   float64 `yaml:"protocol" json:"protocol" min:"0" max:"1" doc:"share to protocol development"`
	SlashRate  float64 `yaml:"slash_rate" json:"slash_rate" min:"0" max:"1" doc:"chance a year that a staker misbehaves"`
	Slash      float64 `yaml:"slash" json:"slash" min:"0" max:"1" doc:"share of a misbehaving staker's stake moved to the solidarity fund"`
}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// Validate checks the section; errors are *sim.FieldError with paths inside it.
// It first sets the choices left empty to their defaults (plan.rule proportional,
// plan.budget income, plan.start base, decisions.mode direct, tokens.consensus_share
// 0.8), so that the scenario
// as run, written back, names them.
func (c *Config) Validate() error {
	p := &c.Plan
	for _, f := range []struct {
		v *string
		d string
	}{{&p.Rule, "proportional"}, {&p.Budget, "income"}, {&p.Start, "base"}, {&c.Decisions.Mode, "direct"}} {
		if *f.v == "" {
			*f.v = f.d
		}
	}
	if c.Tokens.ConsensusShare == 0 {
		c.Tokens.ConsensusShare = 0.8
	}
	if p.MaxRounds < 1 {
		return sim.Fieldf("plan.max_rounds", "is %d: a plan needs a round limit of at least 1", p.MaxRounds)
	}
	if !(p.Tolerance > 0) {
		return sim.Fieldf("plan.tolerance", "is %g: the tolerance on excess demand must be above 0", p.Tolerance)
	}
	if p.Hours < 1 {
		return sim.Fieldf("plan.hours", "is %g: members must offer at least 1 hour a month", p.Hours)
	}
	if p.Returns != 0 && p.Returns < 1 {
		return sim.Fieldf("plan.returns", "is %g: want 1 (constant returns) or more (diminishing), or 0 for 1.5", p.Returns)
	}
	if p.Capacity != 0 && p.Capacity < 1 {
		return sim.Fieldf("plan.capacity", "is %g: capacity below the reference output (1) is refused", p.Capacity)
	}
	if p.WageIncome && p.Leisure == 0 {
		return sim.Fieldf("plan.leisure", "is 0: with wage_income consumers need a weight of leisure above 0, or every hour is worked whatever the wage")
	}
	if len(p.IO) > 0 {
		if err := checkIO(p.IO); err != nil {
			return err
		}
	}
	n := &c.Nesting
	if n.Household < 1 {
		return sim.Fieldf("nesting.household", "is %d: a household council needs at least 1 member", n.Household)
	}
	if n.Neighbourhood < 1 {
		return sim.Fieldf("nesting.neighbourhood", "is %d: a neighbourhood council needs at least 1 household", n.Neighbourhood)
	}
	if err := partition("nesting.cities", "locality", n.Cities); err != nil {
		return err
	}
	if err := partition("nesting.regions", "city", n.Regions); err != nil {
		return err
	}
	if len(n.Regions) > 0 && len(n.Cities) > 0 && maxOf(n.Regions) >= len(n.Cities) {
		return sim.Fieldf("nesting.regions", "name city %d, but there are %d cities", maxOf(n.Regions), len(n.Cities))
	}
	d := &c.Decisions
	if d.Jury > 0 && d.JurySize < 1 {
		return sim.Fieldf("decisions.jury_size", "is %d: juries review %g of decisions, so they need at least 1 juror", d.JurySize, d.Jury)
	}
	t := &c.Tokens
	if t.ConsensusShare < 0.5 {
		return sim.Fieldf("tokens.consensus_share", "is %g: a consensus is at least a majority (0.5)", t.ConsensusShare)
	}
	if t.VestYears < 1 {
		return sim.Fieldf("tokens.vest_years", "is %d: tokens are time-locked for at least 1 year", t.VestYears)
	}
	if t.Gain > 0 && !(t.Half > 0) {
		return sim.Fieldf("tokens.half", "is %g: with a gain in turnout, the tokens giving half of it must be above 0", t.Half)
	}
	if t.Base+t.Gain > 1 {
		return sim.Fieldf("tokens.gain", "base %g + gain %g passes 1: turnout is a probability", t.Base, t.Gain)
	}
	s := &c.Stake
	if s.Share > 0 && s.MaxLock < 1 {
		return sim.Fieldf("stake.max_lock", "is %d: staking needs lock-ups of at least 1 year", s.MaxLock)
	}
	if sum := s.Staker + s.Welfare + s.Solidarity + s.Protocol; math.Abs(sum-1) > 1e-9 {
		return sim.Fieldf("stake.staker", "reward shares staker %g + welfare %g + solidarity %g + protocol %g sum to %g, want 1",
			s.Staker, s.Welfare, s.Solidarity, s.Protocol, sum)
	}
	return nil
}

// partition checks that lists (of localities or cities) name every item from 0 to
// the largest named exactly once: a gap or a repeat leaves members out of a level, or
// puts them in two councils of it.
func partition(path, item string, lists [][]int) error {
	if len(lists) == 0 {
		return nil
	}
	seen := map[int]int{}
	for i, l := range lists {
		if len(l) == 0 {
			return sim.Fieldf(fmt.Sprintf("%s[%d]", path, i), "is empty: a council with no %s has no members", item)
		}
		for k, x := range l {
			if j, dup := seen[x]; dup {
				return sim.Fieldf(fmt.Sprintf("%s[%d][%d]", path, i, k), "%s %d is also in entry %d: every %s in exactly one", item, x, j, item)
			}
			seen[x] = i
		}
	}
	for x := range maxOf(lists) {
		if _, ok := seen[x]; !ok {
			return sim.Fieldf(path, "leave %s %d out: its members would be in no council at this level", item, x)
		}
	}
	return nil
}

func maxOf(lists [][]int) int {
	m := -1
	for _, l := range lists {
		for _, x := range l {
			m = max(m, x)
		}
	}
	return m
}

// checkIO refuses a plan technique that is not productive: with spectral radius
// rho(A) >= 1, (I - A)^-1 has negative entries or none, so no labour values and no
// plan meeting a positive final demand exist.
func checkIO(cs []Coef) error {
	n := 0
	es := make([]planning.Entry, len(cs))
	for k, c := range cs {
		n = max(n, c.Sector+1, c.Input+1)
		es[k] = planning.Entry{Sector: c.Sector, Input: c.Input, Coef: c.Coefficient}
	}
	a, err := planning.NewIO(n, es)
	if err != nil {
		return sim.Fieldf("plan.io", "%v", err)
	}
	if err := planning.CheckProductive(a); err != nil {
		if errors.Is(err, planning.ErrUnproductive) {
			return sim.Fieldf("plan.io", "%v: (I - A)^-1 then has negative entries or none, so no plan can meet a positive final demand", err)
		}
		return sim.Fieldf("plan.io", "%v", err)
	}
	return nil
}

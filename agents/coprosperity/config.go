package coprosperity

import (
	"github.com/copex/copex/sim"
)

// Config is the coprosperity section of a scenario. A number whose zero would make no
// sense (pledge_hours, need_hours, circle, ...) takes its default when 0 (Default says
// which); every other zero means zero.
type Config struct {
	Enabled bool `yaml:"enabled" json:"enabled" doc:"switch the Co-prosperity IOUs on (every member is a participant)"`
	// Coops makes the economy's co-ops participants too (issue 13: "the same members
	// and co-ops hold IOUs"): on by default, see doc.go.
	Coops           bool    `yaml:"coops" json:"coops" doc:"the economy's co-ops are participants too: each issues IOUs of its service in value units (its offer's price), pledges per worker, receives airdrops, redeems its suppliers' IOUs for its inputs, is rated and can be excluded; a co-op that closes has its IOUs outstanding written off"`
	CoopPledgeHrs   int     `yaml:"coop_pledge_hours" json:"coop_pledge_hours" min:"0" max:"744" doc:"hours of its service a co-op pledges a month per worker, valued at its offer's price (0: pledge_hours)"`
	CoopNeeds       float64 `yaml:"coop_needs" json:"coop_needs" min:"0" max:"100" doc:"mean number of input services a co-op needs a month from its suppliers (Poisson)"`
	CoopNeedHrs     int     `yaml:"coop_need_hours" json:"coop_need_hours" min:"0" max:"160" doc:"hours per worker of one input need of a co-op, valued at the supplier's hour (0: 1)"`
	MemberCoopNeeds float64 `yaml:"member_coop_needs" json:"member_coop_needs" min:"0" max:"100" doc:"mean number of co-ops' services a member needs a month (Poisson), each need_hours of a co-op's hour from an active co-op drawn at random, met with co-ops' IOUs it holds or withdraws from the co-ops' pool (0: members use no co-ops' IOUs, and their claims on the co-ops' pool only accumulate)"`
	Airdrop         string  `yaml:"airdrop" json:"airdrop" enum:"pooled,per_issuer" doc:"how the airdropped three quarters are shared: pooled (every recipient's equal share is a claim on the pool of all issuers' IOUs; the default) or per_issuer (each issuer's IOUs go, materialised, in equal parts to a fixed random subset of airdrop_recipients participants of its community, and to the projects)"`
	AirdropSubset   string  `yaml:"airdrop_subset" json:"airdrop_subset" enum:"random,consumers" doc:"with airdrop per_issuer, whom each issuer airdrops to: airdrop_recipients drawn once at random from its community (random, the default), or chosen: its consumers (those with it among their providers), re-read every month, the places left drawn at random (consumers)"`
	AirdropTo       int     `yaml:"airdrop_recipients" json:"airdrop_recipients" min:"0" max:"64" doc:"with airdrop per_issuer, the participants each issuer airdrops to (0: 8)"`

	Unit          string  `yaml:"unit" json:"unit" enum:"hour,value" doc:"what an IOU unit is: an hour of the issuer's service (the default), or a token's worth of it at the issuer's price (its sector's wage an hour, fixed when it joins)"`
	PledgeHours   int     `yaml:"pledge_hours" json:"pledge_hours" min:"0" max:"744" doc:"hours of its own service each participant pledges a month as IOUs (0: 40, a quarter of working time)"`
	Endowment     float64 `yaml:"endowment" json:"endowment" min:"0" max:"1" doc:"share of each pledge that goes to the DAO fund as community endowment (seed: 0.25); the rest is airdropped equally to all other participants and projects"`
	CapacityHrs   int     `yaml:"capacity_hours" json:"capacity_hours" min:"0" max:"744" doc:"hours of service a participant can deliver in a month when its IOUs are redeemed (0: the pledge)"`
	Reliability   float64 `yaml:"reliability" json:"reliability" min:"0" max:"1" doc:"chance that a reliable participant fulfils a redemption within its capacity"`
	Unreliable    float64 `yaml:"unreliable_share" json:"unreliable_share" min:"0" max:"1" doc:"share of participants who are unreliable"`
	UnreliableR   float64 `yaml:"unreliable_reliability" json:"unreliable_reliability" min:"0" max:"1" doc:"chance that an unreliable participant fulfils a redemption"`
	Needs         float64 `yaml:"needs" json:"needs" min:"0" max:"100" doc:"mean number of services a participant needs a month (Poisson)"`
	NeedHours     int     `yaml:"need_hours" json:"need_hours" min:"0" max:"160" doc:"hours of one service need (0: 2)"`
	Circle        int     `yaml:"circle" json:"circle" min:"0" max:"64" doc:"providers a participant draws its needs from (0: 8)"`
	Neighbourhood int     `yaml:"neighbourhood" json:"neighbourhood" min:"0" max:"100000000" doc:"size of the communities participants' providers are drawn from: the founding members in blocks of this many by number, a newcomer in its guarantor's (0: one community of everyone)"`
	Reciprocity   float64 `yaml:"reciprocity" json:"reciprocity" min:"0" max:"1" doc:"share of a participant's providers that are mutual (each serves the other)"`
	Withdraw      float64 `yaml:"withdraw" json:"withdraw" min:"0" max:"1" doc:"chance a month that a participant withdraws IOUs of one of its providers from the pool, to hold as property"`
	WithdrawHrs   int     `yaml:"withdraw_hours" json:"withdraw_hours" min:"0" max:"744" doc:"hours withdrawn then (0: 4)"`
	Swap          bool    `yaml:"swap" json:"swap" doc:"a participant lacking a provider's IOUs swaps its claim on the pool, hour for hour, for IOUs a holder withdrew"`
	SwapDepth     int     `yaml:"swap_depth" json:"swap_depth" min:"0" max:"6" doc:"longest chain of IOU-for-IOU swaps a participant looks for when it holds others' IOUs but too few of a provider's (0: 3)"`
	// Buy lets a participant who still lacks a provider's IOUs buy them from a holder
	// for exchange tokens, at hour_price an hour (a unit's worth in the value unit).
	Buy          bool    `yaml:"buy" json:"buy" doc:"a participant still lacking a provider's IOUs buys them from a holder for exchange tokens (hour_price an hour)"`
	RatingWeight float64 `yaml:"rating_weight" json:"rating_weight" min:"0" max:"1" doc:"weight of each redemption's quality in the issuer's public rating (moving average; 0: 0.1)"`
	ExcludeBelow float64 `yaml:"exclusion_rating" json:"exclusion_rating" min:"0" max:"1" doc:"rating below which the dissatisfied consumers of a participant may vote it out (0: nobody is excluded)"`
	MinVoters    int     `yaml:"min_voters" json:"min_voters" min:"0" max:"64" doc:"distinct dissatisfied consumers needed to exclude (0: 5; the seed's least is 5)"`
	Compensate   string  `yaml:"compensate" json:"compensate" enum:"guaranteed,all,none" doc:"whose unfulfilled redemptions are made good in tokens: invited newcomers' (their own tokens first, then their guarantor's, subsidiary liability; the default), everyone's (own tokens only, guarantor as for newcomers), or nobody's"`
	HourPrice    float64 `yaml:"hour_price" json:"hour_price" min:"0" max:"1000000" doc:"tokens an unfulfilled hour is made good with"`

	Clearing  string  `yaml:"clearing" json:"clearing" enum:"monthly,none" doc:"multilateral set-off of the withdrawn IOUs every month (sim/clearing), or none"`
	Liquidity float64 `yaml:"liquidity_hours" json:"liquidity_hours" min:"0" max:"1e9" doc:"hours the DAO fund may lend in a clearing round (mutual credit), becoming the counterparty of new obligations"`

	ProjectsPerYear float64 `yaml:"projects_per_year" json:"projects_per_year" min:"0" max:"10000" doc:"mean number of projects started a year (Poisson)"`
	TeamSize        int     `yaml:"team_size" json:"team_size" min:"0" max:"1000" doc:"participants in a project's team (0: 5)"`
	ProjectTokens   float64 `yaml:"project_tokens" json:"project_tokens" min:"0" max:"1e9" doc:"project tokens a project issues (0: 1,000,000)"`
	TeamKeep        float64 `yaml:"team_keep" json:"team_keep" min:"0" max:"0.5" doc:"share of its tokens a team keeps (seed: up to 0.5)"`
	DAOShare        float64 `yaml:"dao_share" json:"dao_share" min:"0" max:"0.5" doc:"share of a project's tokens transferred to the DAO fund (seed: 0.25)"`
	AirdropMonths   int     `yaml:"airdrop_months" json:"airdrop_months" min:"0" max:"60" doc:"months over which a team airdrops the rest to the community (seed: 2-5 years; 0: 36)"`
	StopRate        float64 `yaml:"stop_rate" json:"stop_rate" min:"0" max:"1" doc:"chance a month that a team stops giving: its airdrops stop, and it stops receiving (IOUs and other projects' tokens)"`
	FundGrant       float64 `yaml:"fund_grant" json:"fund_grant" min:"0" max:"1" doc:"share of the DAO fund's holdings of every asset (each IOU, each project's tokens) granted each month to the projects started that month, in proportion to their teams' sizes (0: the fund only accumulates)"`
	DAOGrant        float64 `yaml:"dao_grant" json:"dao_grant" min:"0" max:"1" doc:"a new project's stake in the DAO fund, as a share of the fund's units before it (the fund's holdings passed on in proportion)"`
}

// Default returns the section as the seed reads, switched off.
func Default() Config {
	return Config{
		Coops: true, CoopPledgeHrs: 40, CoopNeeds: 2, CoopNeedHrs: 1, Airdrop: "pooled", AirdropSubset: "random", AirdropTo: 8,
		Unit: "hour", PledgeHours: 40, Endowment: 0.25, CapacityHrs: 40,
		Reliability: 0.95, Unreliable: 0.05, UnreliableR: 0.3,
		Needs: 2, NeedHours: 2, Circle: 8, Neighbourhood: 1000, Reciprocity: 0.5,
		Withdraw: 0.2, WithdrawHrs: 4, Swap: true, SwapDepth: 3,
		RatingWeight: 0.1, ExcludeBelow: 0.5, MinVoters: 5,
		Compensate: "guaranteed", HourPrice: 20,
		Clearing:        "monthly",
		ProjectsPerYear: 6, TeamSize: 5, ProjectTokens: 1_000_000, TeamKeep: 0.5, DAOShare: 0.25,
		AirdropMonths: 36, StopRate: 0.01, DAOGrant: 0.01, FundGrant: 0.05,
	}
}

// withDefaults fills the fields whose zero takes a default.
func (c Config) withDefaults() Config {
	d := Default()
	fill := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&c.PledgeHours, d.PledgeHours)
	fill(&c.NeedHours, d.NeedHours)
	fill(&c.Circle, d.Circle)
	fill(&c.WithdrawHrs, d.WithdrawHrs)
	fill(&c.MinVoters, d.MinVoters)
	fill(&c.SwapDepth, d.SwapDepth)
	fill(&c.TeamSize, d.TeamSize)
	fill(&c.AirdropMonths, d.AirdropMonths)
	fill(&c.CoopNeedHrs, d.CoopNeedHrs)
	fill(&c.AirdropTo, d.AirdropTo)
	fill(&c.CoopPledgeHrs, c.PledgeHours)
	if c.Airdrop == "" {
		c.Airdrop = d.Airdrop
	}
	if c.AirdropSubset == "" {
		c.AirdropSubset = d.AirdropSubset
	}
	if c.CapacityHrs == 0 {
		c.CapacityHrs = c.PledgeHours
	}
	if c.RatingWeight == 0 {
		c.RatingWeight = d.RatingWeight
	}
	if c.ProjectTokens == 0 {
		c.ProjectTokens = d.ProjectTokens
	}
	if c.Unit == "" {
		c.Unit = d.Unit
	}
	if c.Compensate == "" {
		c.Compensate = d.Compensate
	}
	if c.Clearing == "" {
		c.Clearing = d.Clearing
	}
	return c
}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// Validate checks the section; errors are *sim.FieldError with paths inside it.
func (c *Config) Validate() error {
	d := c.withDefaults()
	type bound struct {
		path   string
		v      float64
		lo, hi float64
	}
	for _, b := range []bound{
		{"pledge_hours", float64(d.PledgeHours), 1, 744},
		{"endowment", d.Endowment, 0, 1},
		{"capacity_hours", float64(d.CapacityHrs), 1, 744},
		{"reliability", d.Reliability, 0, 1},
		{"unreliable_share", d.Unreliable, 0, 1},
		{"unreliable_reliability", d.UnreliableR, 0, 1},
		{"needs", d.Needs, 0, 100},
		{"need_hours", float64(d.NeedHours), 1, 160},
		{"circle", float64(d.Circle), 1, 64},
		{"neighbourhood", float64(d.Neighbourhood), 0, 1e8},
		{"reciprocity", d.Reciprocity, 0, 1},
		{"withdraw", d.Withdraw, 0, 1},
		{"withdraw_hours", float64(d.WithdrawHrs), 1, 744},
		{"swap_depth", float64(d.SwapDepth), 1, maxSwapDepth},
		{"rating_weight", d.RatingWeight, 0, 1},
		{"exclusion_rating", d.ExcludeBelow, 0, 1},
		{"min_voters", float64(d.MinVoters), 5, 64},
		{"hour_price", d.HourPrice, 0, 1e6},
		{"liquidity_hours", d.Liquidity, 0, 1e9},
		{"projects_per_year", d.ProjectsPerYear, 0, 10000},
		{"team_size", float64(d.TeamSize), 1, 1000},
		{"project_tokens", d.ProjectTokens, 1, 1e9},
		{"team_keep", d.TeamKeep, 0, 0.5},
		{"dao_share", d.DAOShare, 0, 0.5},
		{"airdrop_months", float64(d.AirdropMonths), 24, 60},
		{"stop_rate", d.StopRate, 0, 1},
		{"dao_grant", d.DAOGrant, 0, 1},
		{"fund_grant", d.FundGrant, 0, 1},
		{"coop_pledge_hours", float64(d.CoopPledgeHrs), 1, 744},
		{"coop_needs", d.CoopNeeds, 0, 100},
		{"coop_need_hours", float64(d.CoopNeedHrs), 1, 160},
		{"airdrop_recipients", float64(d.AirdropTo), 1, 64},
		{"member_coop_needs", d.MemberCoopNeeds, 0, 100},
	} {
		if !(b.v >= b.lo && b.v <= b.hi) { // also refuses NaN
			return sim.Fieldf(b.path, "is %v, want %v to %v", b.v, b.lo, b.hi)
		}
	}
	switch d.Compensate {
	case "guaranteed", "all", "none":
	default:
		return sim.Fieldf("compensate", "is %q, want guaranteed, all or none", d.Compensate)
	}
	switch d.Unit {
	case "hour", "value":
	default:
		return sim.Fieldf("unit", "is %q, want hour or value", d.Unit)
	}
	switch d.Airdrop {
	case "pooled", "per_issuer":
	default:
		return sim.Fieldf("airdrop", "is %q, want pooled or per_issuer", d.Airdrop)
	}
	switch d.AirdropSubset {
	case "random", "consumers":
	default:
		return sim.Fieldf("airdrop_subset", "is %q, want random or consumers", d.AirdropSubset)
	}
	switch d.Clearing {
	case "monthly", "none":
	default:
		return sim.Fieldf("clearing", "is %q, want monthly or none", d.Clearing)
	}
	if d.Neighbourhood > 0 && d.Neighbourhood < d.Circle {
		return sim.Fieldf("neighbourhood", "is %d, fewer than the circle's %d providers", d.Neighbourhood, d.Circle)
	}
	if d.MemberCoopNeeds > 0 && !d.Coops {
		return sim.Fieldf("member_coop_needs", "is %v with coops false: there are no co-ops' IOUs to redeem", d.MemberCoopNeeds)
	}
	if d.Liquidity > 0 && d.Clearing == "none" {
		return sim.Fieldf("liquidity_hours", "is %v with clearing none: the DAO fund lends only to a clearing round", d.Liquidity)
	}
	if d.Endowment == 1 && d.ProjectsPerYear == 0 {
		// Not wrong, but nothing is ever airdropped: say so rather than run a dead economy.
		return sim.Fieldf("endowment", "is 1 with no projects: every pledge goes to the DAO fund and nothing reaches the participants")
	}
	return nil
}

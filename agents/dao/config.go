package dao

import (
	"fmt"
	"math"
	"strings"

	"github.com/copex/copex/sim"
)

// Config is the dao section of a scenario. Amounts are in tokens (decimals), turned
// into micro-tokens when the subsystem is built. Every field is bounded by its tags
// (read by the scenario loader and copex schema); Validate refuses what the tags
// cannot see.
type Config struct {
	Enabled bool `yaml:"enabled" json:"enabled" doc:"switch the DAO platform on"`

	// Membership and voting.
	Customers     int     `yaml:"customers" json:"customers" min:"0" max:"16" doc:"co-ops each member joins as a customer-owner (in its locality when it can); its employer makes it a producer-owner too"`
	Voting        string  `yaml:"voting" json:"voting" enum:"one_member,stake" doc:"one member one vote, or votes weighed by stake (a producer's stake is producer_stake, a customer's 1)"`
	ProducerStake int     `yaml:"producer_stake" json:"producer_stake" min:"1" max:"1000" doc:"stake of a producer-owner (a customer-owner holds 1)"`
	Quorum        float64 `yaml:"quorum" json:"quorum" min:"0" max:"1" doc:"share of the eligible votes (or stake) that must be cast for a proposal to pass"`
	MeetEvery     int     `yaml:"meet_every_months" json:"meet_every_months" min:"1" max:"120" doc:"months between a co-op's meetings (co-ops are staggered)"`
	// Cap bounds one delegate's weight; absent, there is no cap.
	Cap *int64 `yaml:"cap,omitempty" json:"cap" min:"1" max:"100000000" doc:"the most votes one delegate may cast (absent: no cap); refused delegators vote themselves"`

	Participation Participation `yaml:"participation" json:"participation" doc:"what members do in a vote"`
	Competence    Range         `yaml:"competence" json:"competence" doc:"each member's probability of voting for the better option"`
	Programs      []Program     `yaml:"programs" json:"programs" doc:"the voting programs members may delegate to"`

	Dividend  Dividend  `yaml:"dividend" json:"dividend" doc:"budget-split proposals: pay part of a co-op's balance to its owners"`
	Prices    Prices    `yaml:"prices" json:"prices" doc:"price proposals: raise the co-op's price when its offer sold out, lower it when it did not"`
	Missions  []Mission `yaml:"missions" json:"missions" doc:"kinds of missions co-ops propose"`
	Bundles   []Bundle  `yaml:"bundles" json:"bundles" doc:"bundles of several co-ops' products, paid by contribution shares"`
	Market    Market    `yaml:"market" json:"market" doc:"the monthly call auction of achievement tokens"`
	Benchmark Benchmark `yaml:"competence_experiment" json:"competence_experiment" doc:"the Kahng-Mackenzie-Procaccia experiment, run once at the start over the economy's members (competence.csv)"`
}

// Participation is the share of members that, in each vote, vote in person, delegate
// to a person, or delegate to a program; the rest take no part.
type Participation struct {
	Direct  float64 `yaml:"direct" json:"direct" min:"0" max:"1" doc:"share voting in person"`
	Person  float64 `yaml:"person" json:"person" min:"0" max:"1" doc:"share delegating to a fellow owner (the most competent of a few they know)"`
	Program float64 `yaml:"program" json:"program" min:"0" max:"1" doc:"share delegating to a voting program"`
	Know    int     `yaml:"know" json:"know" min:"1" max:"100" doc:"fellow owners a person-delegator compares before choosing"`
}

// Range is a uniform range [Min, Max].
type Range struct {
	Min float64 `yaml:"min" json:"min" min:"0" max:"1" doc:"lowest value"`
	Max float64 `yaml:"max" json:"max" min:"0" max:"1" doc:"highest value"`
}

// Program is a voting program members may delegate to.
type Program struct {
	Rule  string  `yaml:"rule" json:"rule" enum:"coop_majority,cost_under,most_reputed,abstain" doc:"what the program does: follow the co-op's majority, yes when the cost is under limit, follow the most reputed member of the voter's sector, abstain"`
	Limit float64 `yaml:"limit" json:"limit" min:"0" max:"1e12" doc:"cost_under: the cost in tokens below which it votes yes"`
	Share float64 `yaml:"share" json:"share" min:"0" max:"1" doc:"share of program-delegators who choose it (shares sum to 1)"`
}

// Prices configures price proposals: at a meeting, with probability Rate, a co-op's
// owners vote on moving its price by Step — up when its offer sold out last tick,
// down when it did not. Raising a sold-out offer's price (or lowering an unsold one's)
// is the better option; owners see it with their competence.
type Prices struct {
	Rate float64 `yaml:"rate" json:"rate" min:"0" max:"1" doc:"probability a meeting votes on the co-op's price (0: never)"`
	Step float64 `yaml:"step" json:"step" min:"0" max:"0.5" doc:"relative change of the price proposed"`
}

// Dividend configures budget-split proposals.
type Dividend struct {
	Share float64 `yaml:"share" json:"share" min:"0" max:"0.5" doc:"share of the co-op's spendable balance proposed as a dividend to its owners, by stake (0: none)"`
	Good  float64 `yaml:"good" json:"good" min:"0" max:"1" doc:"probability that paying it is the better option"`
}

// Mission is a kind of mission co-ops propose.
type Mission struct {
	Name       string  `yaml:"name" json:"name" pattern:"^[a-z_][a-z0-9_]*$" maxlen:"32" needed:"true" doc:"name of the kind (lower-case letters, digits, _)"`
	Rate       float64 `yaml:"rate" json:"rate" min:"0" max:"1" doc:"probability a co-op proposes one at a meeting"`
	Good       float64 `yaml:"good" json:"good" min:"0" max:"1" doc:"probability that a proposed mission is worth opening"`
	Months     int     `yaml:"months" json:"months" min:"1" max:"120" doc:"months until the deadline"`
	Prize      Prize   `yaml:"prize" json:"prize" doc:"how the prize is raised"`
	Teams      int     `yaml:"teams" json:"teams" min:"1" max:"16" doc:"teams competing"`
	TeamSize   int     `yaml:"team_size" json:"team_size" min:"1" max:"100" doc:"members in a team"`
	Winner     string  `yaml:"winner" json:"winner" enum:"vote,judges,output" doc:"how the winner is chosen: the owners' vote, a panel of judges, or the measured output"`
	Judges     int     `yaml:"judges" json:"judges" min:"0" max:"101" doc:"judges: the panel's size (winner judges needs at least 1)"`
	Late       float64 `yaml:"late" json:"late" min:"0" max:"1" doc:"probability a mission misses its deadline and gets late_months more"`
	LateMonths int     `yaml:"late_months" json:"late_months" min:"0" max:"120" doc:"months added to a late mission (0: half of months, at least 1)"`
	Fail       float64 `yaml:"fail" json:"fail" min:"0" max:"1" doc:"probability a mission fails at its deadline (pledges are refunded)"`
	Shares     int64   `yaml:"shares" json:"shares" min:"1" max:"1000000" doc:"achievement tokens issued to the winning team, by contribution"`
	Royalty    float64 `yaml:"royalty" json:"royalty" min:"0" max:"0.2" doc:"share of the co-op's month's sales paid each month to the holders, while the output sells"`
	SellMonths int     `yaml:"sell_months" json:"sell_months" min:"0" max:"600" doc:"months the output sells"`
}

// Prize says how a mission's prize is raised: pledges by owners, the co-op's
// treasury, or both.
type Prize struct {
	Rule     string  `yaml:"rule" json:"rule" enum:"pledges,treasury,both" doc:"who pledges the prize"`
	Pledgers int     `yaml:"pledgers" json:"pledgers" min:"0" max:"1000" doc:"owners asked to pledge"`
	Pledge   float64 `yaml:"pledge" json:"pledge" min:"0" max:"1000000" doc:"tokens each pledges (if it holds them)"`
	Treasury float64 `yaml:"treasury" json:"treasury" min:"0" max:"0.5" doc:"share of the co-op's spendable balance it pledges"`
}

// Bundle is a bundle of products of several co-ops, each paid its declared share.
type Bundle struct {
	Name     string    `yaml:"name" json:"name" pattern:"^[a-z_][a-z0-9_]*$" maxlen:"32" needed:"true" doc:"name (lower-case letters, digits, _)"`
	Shares   []float64 `yaml:"shares" json:"shares" min:"0" max:"1" doc:"declared contribution share of each part's co-op (they sum to 1)"`
	Price    float64   `yaml:"price" json:"price" min:"0.000001" max:"1000000" doc:"price of the bundle, tokens"`
	Buyers   float64   `yaml:"buyers" json:"buyers" min:"0" max:"1" doc:"share of members buying one each month"`
	Reweight float64   `yaml:"reweight" json:"reweight" min:"0" max:"0.9" doc:"how far a buyer may re-weight: each share times a factor in [1-reweight, 1+reweight], renormalised"`
}

// Market configures the achievement-token call auction.
type Market struct {
	Sell    float64 `yaml:"sell" json:"sell" min:"0" max:"1" doc:"probability a holder offers part of its tokens in a month"`
	Bidders int     `yaml:"bidders" json:"bidders" min:"0" max:"1000" doc:"members bidding for each token each month"`
	Spread  float64 `yaml:"spread" json:"spread" min:"0" max:"0.9" doc:"asks and bids are the token's value times a factor in [1-spread, 1+spread]"`
}

// Benchmark is the competence experiment (sim/governance.Competence) over the
// economy's members.
type Benchmark struct {
	Replicates int     `yaml:"replicates" json:"replicates" min:"0" max:"10000" doc:"replicates (0: the experiment is not run)"`
	Degree     int     `yaml:"degree" json:"degree" min:"0" max:"1000" doc:"neighbours each voter knows"`
	Alpha      float64 `yaml:"alpha" json:"alpha" min:"0" max:"1" doc:"competence margin for approving a neighbour"`
	Cap        int64   `yaml:"cap" json:"cap" min:"1" max:"100000000" doc:"the capped mechanism's cap"`
	Voters     int     `yaml:"voters" json:"voters" min:"0" max:"10000000" doc:"voters (0: the economy's members at the start)"`
}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// shareTolerance is how far a list of shares may sum from 1: they are written in a
// file as decimals, and ten decimals of rounding are far more than any hand-written
// list carries, while a share off by 1e-9 moves a million-token payment by less than
// a micro-token.
const shareTolerance = 1e-9

// Validate checks the section; errors are *sim.FieldError with paths inside it.
func (c *Config) Validate() error {
	if !c.Enabled {
		return nil
	}
	if c.Cap != nil && *c.Cap < 1 {
		return sim.Fieldf("cap", "is %d: a delegate must be able to cast at least its own vote (leave cap out for no cap)", *c.Cap)
	}
	switch c.Voting {
	case "", "one_member", "stake":
	default:
		return sim.Fieldf("voting", "is %q, want one_member or stake", c.Voting)
	}
	if c.MeetEvery < 0 || c.ProducerStake < 0 || c.Customers < 0 || c.Participation.Know < 0 {
		return sim.Fieldf("meet_every_months", "meet_every_months, producer_stake, customers and participation.know must not be negative")
	}
	p := c.Participation
	if s := p.Direct + p.Person + p.Program; s > 1+shareTolerance {
		return sim.Fieldf("participation", "direct, person and program sum to %g, more than 1", s)
	}
	if !(c.Competence.Min <= c.Competence.Max) {
		return sim.Fieldf("competence.min", "%g is above max %g", c.Competence.Min, c.Competence.Max)
	}
	if len(c.Programs) > 255 {
		return sim.Fieldf("programs", "%d programs, at most 255", len(c.Programs))
	}
	if p.Program > 0 && len(c.Programs) == 0 {
		return sim.Fieldf("participation.program", "is %g but no programs are listed", p.Program)
	}
	sum := 0.0
	for i, pr := range c.Programs {
		at := fmt.Sprintf("programs[%d]", i)
		switch pr.Rule {
		case "coop_majority", "most_reputed", "abstain":
		case "cost_under":
			if pr.Limit <= 0 {
				return sim.Fieldf(at+".limit", "a cost_under program needs a limit above 0")
			}
		default:
			return sim.Fieldf(at+".rule", "unknown rule %q (rules: coop_majority, cost_under, most_reputed, abstain)", pr.Rule)
		}
		sum += pr.Share
	}
	if len(c.Programs) > 0 && math.Abs(sum-1) > shareTolerance {
		return sim.Fieldf("programs", "the programs' shares sum to %g, want 1", sum)
	}
	names := map[string]bool{}
	for i, m := range c.Missions {
		at := fmt.Sprintf("missions[%d]", i)
		if m.Name == "" {
			return sim.Fieldf(at+".name", "a mission needs a name")
		}
		if names[m.Name] {
			return sim.Fieldf(at+".name", "mission %q is listed twice", m.Name)
		}
		names[m.Name] = true
		switch m.Prize.Rule {
		case "pledges", "treasury", "both":
		case "":
			return sim.Fieldf(at+".prize.rule", "mission %q has no prize rule (pledges, treasury or both)", m.Name)
		default:
			return sim.Fieldf(at+".prize.rule", "unknown prize rule %q (pledges, treasury or both)", m.Prize.Rule)
		}
		if m.Prize.Rule != "treasury" && (m.Prize.Pledgers == 0 || m.Prize.Pledge <= 0) {
			return sim.Fieldf(at+".prize.pledgers", "prize rule %s needs pledgers and a pledge above 0", m.Prize.Rule)
		}
		if m.Prize.Rule != "pledges" && m.Prize.Treasury <= 0 {
			return sim.Fieldf(at+".prize.treasury", "prize rule %s needs a treasury share above 0", m.Prize.Rule)
		}
		if m.Late+m.Fail > 1+shareTolerance {
			return sim.Fieldf(at+".late", "late %g and fail %g sum to more than 1", m.Late, m.Fail)
		}
		switch m.Winner {
		case "", "vote", "judges", "output":
		default:
			return sim.Fieldf(at+".winner", "is %q, want vote, judges or output", m.Winner)
		}
		if m.Teams < 1 || m.TeamSize < 1 || m.Months < 1 || m.Shares < 1 {
			return sim.Fieldf(at, "mission %q: teams, team_size, months and shares must be at least 1", m.Name)
		}
		if m.Winner == "judges" && m.Judges < 1 {
			return sim.Fieldf(at+".judges", "winner judges needs a panel of at least 1")
		}
	}
	clear(names)
	for i, b := range c.Bundles {
		at := fmt.Sprintf("bundles[%d]", i)
		if b.Name == "" {
			return sim.Fieldf(at+".name", "a bundle needs a name")
		}
		if names[b.Name] {
			return sim.Fieldf(at+".name", "bundle %q is listed twice", b.Name)
		}
		names[b.Name] = true
		if len(b.Shares) < 1 || len(b.Shares) > maxParts {
			return sim.Fieldf(at+".shares", "%d shares, want 1 to %d", len(b.Shares), maxParts)
		}
		s := 0.0
		for j, x := range b.Shares {
			if !(x > 0 && x <= 1) {
				return sim.Fieldf(fmt.Sprintf("%s.shares[%d]", at, j), "is %g, want a share above 0 and at most 1", x)
			}
			s += x
		}
		if math.Abs(s-1) > shareTolerance {
			return sim.Fieldf(at+".shares", "the contribution shares sum to %s, want 1", strings.TrimRight(fmt.Sprintf("%.12f", s), "0"))
		}
		if !(b.Price > 0) {
			return sim.Fieldf(at+".price", "is %g, want above 0", b.Price)
		}
	}
	if bm := c.Benchmark; bm.Cap < 0 || bm.Degree < 0 || bm.Voters < 0 {
		return sim.Fieldf("competence_experiment", "cap, degree and voters must not be negative")
	}
	return nil
}

// withDefaults returns c with its zero settings replaced by the defaults (a scenario
// starts from a zero section: fields it leaves out are zero).
func (c Config) withDefaults() Config {
	d := Default()
	if c.Voting == "" {
		c.Voting = d.Voting
	}
	if c.ProducerStake == 0 {
		c.ProducerStake = d.ProducerStake
	}
	if c.MeetEvery == 0 {
		c.MeetEvery = d.MeetEvery
	}
	if c.Participation.Know == 0 {
		c.Participation.Know = d.Participation.Know
	}
	if c.Competence == (Range{}) {
		c.Competence = d.Competence
	}
	if c.Benchmark.Cap == 0 {
		c.Benchmark.Cap = d.Benchmark.Cap
	}
	if c.Benchmark.Degree == 0 {
		c.Benchmark.Degree = d.Benchmark.Degree
	}
	c.Missions = append([]Mission(nil), c.Missions...)
	for i := range c.Missions {
		m := &c.Missions[i]
		if m.Winner == "" {
			m.Winner = "output"
		}
		if m.LateMonths == 0 {
			m.LateMonths = max(1, m.Months/2)
		}
	}
	return c
}

// maxParts bounds the co-ops of one bundle.
const maxParts = 16

// Default returns the section's defaults (switched off): the settings a scenario's
// section takes for the fields it leaves out (left zero).
func Default() Config {
	return Config{
		Customers: 3, Voting: "one_member", ProducerStake: 1, Quorum: 0.2, MeetEvery: 3,
		Participation: Participation{Direct: 0.3, Person: 0.2, Program: 0, Know: 5},
		Competence:    Range{Min: 0.45, Max: 0.75},
		Dividend:      Dividend{Share: 0, Good: 0.5},
		Market:        Market{Sell: 0.1, Bidders: 5, Spread: 0.2},
		Benchmark:     Benchmark{Degree: 10, Cap: 3},
	}
}

package tradable

import (
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/tokenmarket"
)

// Config is the tradable section of a scenario: the token made tradable against an
// outside currency (MODEL §10, seed 003 Appendix 2). Outside money is written in
// units of the outside currency (decimals) and converted to micro-units once, when
// the subsystem is built. The scenario must also lift rule 3 (ledger.allow_external).
type Config struct {
	Enabled bool `yaml:"enabled" json:"enabled" doc:"make the token tradable against an outside currency on an exchange market (needs ledger.allow_external)"`
	// Price is the market's opening price.
	Price float64 `yaml:"price" json:"price" min:"0" max:"1000000" doc:"the token's opening market price, outside units a token (above 0)"`
	// Value is what fundamentalists think a token is worth at the opening prices; it
	// follows the platform's purchasing power after.
	Value  float64 `yaml:"value" json:"value" min:"0" max:"1000000" doc:"a token's value to fundamentalists at the opening platform prices, outside units (0: price); it moves with the token's purchasing power: value x opening mean co-op price / mean co-op price"`
	Rounds int     `yaml:"rounds" json:"rounds" min:"0" max:"100" doc:"call auctions a tick (0: 1)"`
	Band   float64 `yaml:"band" json:"band" min:"0" max:"100" doc:"price limit of an auction: the price stays within [p/(1+band), p(1+band)] of the last (0: 0.5)"`

	Traders         Traders         `yaml:"traders" json:"traders" doc:"speculators with outside money"`
	Fundamentalists Fundamentalists `yaml:"fundamentalists" json:"fundamentalists" doc:"traders who trade toward the token's value"`
	Chartists       Chartists       `yaml:"chartists" json:"chartists" doc:"trend followers, and switching between strategies after Lux & Marchesi (1999)"`
	Coalition       Coalition       `yaml:"coalition" json:"coalition" doc:"a pump-and-dump coalition"`
	Peg             Peg             `yaml:"peg" json:"peg" doc:"the peg the Foundation defends from its reserves"`
	Convert         Convert         `yaml:"convert" json:"convert" doc:"members and co-ops selling tokens for outside money and buying them back (rule 3 lifted)"`
}

// Traders are the speculators.
type Traders struct {
	Count  int     `yaml:"count" json:"count" min:"0" max:"100000" doc:"traders"`
	Cash   float64 `yaml:"cash" json:"cash" min:"0" max:"1000000000" doc:"each trader's starting outside money, outside units"`
	Tokens float64 `yaml:"tokens" json:"tokens" min:"0" max:"1000000000" doc:"tokens each trader holds at the start (issued to the traders' external account when the run is built, in the opening supply)"`
	// ChartistShare starts that share as chartists, half optimists, half pessimists.
	ChartistShare float64 `yaml:"chartist_share" json:"chartist_share" min:"0" max:"1" doc:"share of traders who start as chartists (half optimists, half pessimists)"`
	Fixed         bool    `yaml:"fixed_strategies" json:"fixed_strategies" doc:"traders keep the strategy they start with (no switching)"`
}

// Fundamentalists trade toward the value.
type Fundamentalists struct {
	Reaction float64 `yaml:"reaction" json:"reaction" min:"0" max:"100" doc:"order per unit of log mispricing, as a share of wealth"`
	Noise    float64 `yaml:"noise" json:"noise" min:"0" max:"1" doc:"standard deviation of their common error in the value, log units, each auction"`
}

// Chartists follow the trend; the switching parameters are Lux & Marchesi's.
type Chartists struct {
	Trade    float64 `yaml:"trade" json:"trade" min:"0" max:"1" doc:"share of its cash an optimist spends, and of its tokens a pessimist sells, each auction"`
	V1       float64 `yaml:"v1" json:"v1" min:"0" max:"100" doc:"frequency of revaluation of opinion among chartists (per auction)"`
	V2       float64 `yaml:"v2" json:"v2" min:"0" max:"100" doc:"frequency of switching between chartists and fundamentalists (per auction)"`
	A1       float64 `yaml:"a1" json:"a1" min:"0" max:"100" doc:"weight of the majority opinion"`
	A2       float64 `yaml:"a2" json:"a2" min:"0" max:"100" doc:"weight of the price trend"`
	A3       float64 `yaml:"a3" json:"a3" min:"0" max:"100" doc:"sensitivity of switching to the difference in profits"`
	S        float64 `yaml:"s" json:"s" min:"0" max:"1" doc:"discount of fundamentalists' expected profit from mispricing"`
	Rate     float64 `yaml:"rate" json:"rate" min:"0" max:"1" doc:"the outside interest rate per auction"`
	Substeps int     `yaml:"substeps" json:"substeps" min:"0" max:"1000" doc:"rounds of switching an auction (0: 10)"`
	MinGroup int     `yaml:"min_group" json:"min_group" min:"0" max:"10000" doc:"fewest traders switching leaves in each group"`
}

// Coalition is the pump-and-dump coalition; its times are in auctions (ticks, with
// one auction a tick).
type Coalition struct {
	Budget float64 `yaml:"budget" json:"budget" min:"0" max:"1000000000" doc:"outside money it pumps with, outside units (0: no coalition)"`
	Start  int     `yaml:"start" json:"start" min:"0" max:"10000000" doc:"auctions before it starts"`
	Pump   int     `yaml:"pump" json:"pump" min:"0" max:"10000000" doc:"auctions it buys over"`
	Hold   int     `yaml:"hold" json:"hold" min:"0" max:"10000000" doc:"auctions it holds"`
	Dump   int     `yaml:"dump" json:"dump" min:"0" max:"10000000" doc:"auctions it sells over"`
	Every  int     `yaml:"every" json:"every" min:"0" max:"10000000" doc:"auctions between the starts of its cycles (0: once)"`
}

// Peg is the peg policy.
type Peg struct {
	Kind  string  `yaml:"kind" json:"kind" enum:"none,fixed,sliding" doc:"none, fixed (defended at level until the reserves run out) or sliding (also moved toward the market price at each review)"`
	Level float64 `yaml:"level" json:"level" min:"0" max:"1000000" doc:"the peg, outside units a token"`
	// Reserve is the Foundation's outside money for buying tokens at the peg.
	Reserve float64 `yaml:"reserve" json:"reserve" min:"0" max:"1000000000" doc:"the Foundation's outside reserves, outside units"`
	// TokenShare lets the Foundation sell its own tokens at the peg.
	TokenShare float64 `yaml:"token_share" json:"token_share" min:"0" max:"1" doc:"share of its token balance the Foundation may sell at the peg each tick (0: it defends only a floor)"`
	Review     int     `yaml:"review_months" json:"review_months" min:"0" max:"1200" doc:"months between reviews of a sliding peg (0: 1)"`
	Speed      float64 `yaml:"speed" json:"speed" min:"0" max:"1" doc:"share of the gap to the mean market price since the last review that a review closes"`
}

// Convert is how members and co-ops convert tokens out and in, once a month.
type Convert struct {
	Members float64 `yaml:"members" json:"members" min:"0" max:"1" doc:"chance a month that an active member converts (sells tokens, or buys back with its outside money)"`
	Coops   float64 `yaml:"coops" json:"coops" min:"0" max:"1" doc:"chance a month that a trading co-op converts"`
	Out     float64 `yaml:"out" json:"out" min:"0" max:"1" doc:"share of its token balance a converter sells"`
	In      float64 `yaml:"in" json:"in" min:"0" max:"1" doc:"share of its outside money a converter spends buying tokens back"`
	When    string  `yaml:"when" json:"when" enum:"always,premium" doc:"always, or premium: sell only while the market price is above the token's value, buy back only while below"`
	From    int     `yaml:"from_month" json:"from_month" min:"0" max:"100000" doc:"first month of conversions (0: 1)"`
}

// Default returns the section switched off, with Lux & Marchesi's switching
// parameters (tokenmarket.Default) and a market of 500 traders.
func Default() Config {
	d := tokenmarket.Default()
	return Config{
		Price: 1, Rounds: 1, Band: d.Band,
		Traders:         Traders{Count: d.Traders, Cash: float64(d.Cash) / tokenmarket.Micro, Tokens: float64(d.Tokens) / tokenmarket.Micro, ChartistShare: d.Chartists},
		Fundamentalists: Fundamentalists{Reaction: d.Reaction, Noise: d.Noise},
		Chartists: Chartists{Trade: d.Trade, V1: d.V1, V2: d.V2, A1: d.A1, A2: d.A2, A3: d.A3, S: d.S, Rate: d.Rate,
			Substeps: d.Substeps, MinGroup: d.MinGroup},
		Peg:     Peg{Kind: "none", Review: 1, Speed: 0.5},
		Convert: Convert{When: "always", From: 1},
	}
}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// Validate checks the section; errors are *sim.FieldError with paths inside it. It
// sets the choices left empty to their defaults (peg.kind none, convert.when always).
func (c *Config) Validate() error {
	if c.Peg.Kind == "" {
		c.Peg.Kind = "none"
	}
	if c.Convert.When == "" {
		c.Convert.When = "always"
	}
	if !(c.Price > 0) {
		return sim.Fieldf("price", "is %g: the market needs an opening price above 0", c.Price)
	}
	t := c.Traders
	if !(t.Cash >= 0) {
		return sim.Fieldf("traders.cash", "is %g: a trader's outside money cannot be negative", t.Cash)
	}
	if !(t.Tokens >= 0) {
		return sim.Fieldf("traders.tokens", "is %g: a trader's tokens cannot be negative", t.Tokens)
	}
	if t.Count > 0 && t.Cash*float64(t.Count) > float64(tokenmarket.MaxTotalCash)/tokenmarket.Micro/2 {
		return sim.Fieldf("traders.cash", "is %g for %d traders: together past %g outside units", t.Cash, t.Count, float64(tokenmarket.MaxTotalCash)/tokenmarket.Micro/2)
	}
	if t.Count > 0 && t.Tokens*float64(t.Count) > 1e12 {
		return sim.Fieldf("traders.tokens", "is %g for %d traders: together past 1e12 tokens (agents.MaxTokens)", t.Tokens, t.Count)
	}
	if !t.Fixed && t.Count > 0 && 3*c.Chartists.MinGroup > t.Count {
		return sim.Fieldf("chartists.min_group", "is %d: switching cannot keep %d traders in each of three groups of %d", c.Chartists.MinGroup, c.Chartists.MinGroup, t.Count)
	}
	co := c.Coalition
	if co.Budget > 0 && co.Pump < 1 {
		return sim.Fieldf("coalition.pump", "is %d: a coalition with a budget buys over at least 1 auction", co.Pump)
	}
	if co.Budget > 0 && co.Dump < 1 {
		return sim.Fieldf("coalition.dump", "is %d: a coalition with a budget sells over at least 1 auction", co.Dump)
	}
	if co.Every > 0 && co.Every < co.Pump+co.Hold+co.Dump {
		return sim.Fieldf("coalition.every", "is %d: shorter than one cycle (pump %d + hold %d + dump %d)", co.Every, co.Pump, co.Hold, co.Dump)
	}
	p := c.Peg
	if p.Kind != "none" {
		if !(p.Level > 0) {
			return sim.Fieldf("peg.level", "is %g: a %s peg needs a level above 0", p.Level, p.Kind)
		}
		if !(p.Reserve > 0) {
			return sim.Fieldf("peg.reserve", "is %g: a %s peg needs the Foundation's outside reserves to defend it", p.Reserve, p.Kind)
		}
	}
	if _, err := c.market(); err != nil {
		return sim.Fieldf("traders", "%v", err)
	}
	return nil
}

// cash converts outside units to micro-units, rounding once.
func cash(v float64) tokenmarket.Cash { return tokenmarket.Cash(math.Round(v * tokenmarket.Micro)) }

// market returns the tokenmarket configuration of the section, checked.
func (c *Config) market() (tokenmarket.Config, error) {
	kind, _ := tokenmarket.ParsePeg(c.Peg.Kind)
	m := tokenmarket.Config{
		Traders: c.Traders.Count, Chartists: c.Traders.ChartistShare, Switching: !c.Traders.Fixed,
		Cash: cash(c.Traders.Cash), Tokens: cash(c.Traders.Tokens),
		Reaction: c.Fundamentalists.Reaction, Noise: c.Fundamentalists.Noise, Trade: c.Chartists.Trade,
		V1: c.Chartists.V1, V2: c.Chartists.V2, A1: c.Chartists.A1, A2: c.Chartists.A2, A3: c.Chartists.A3,
		S: c.Chartists.S, Rate: c.Chartists.Rate, Substeps: c.Chartists.Substeps, MinGroup: c.Chartists.MinGroup,
		Band: c.Band,
		Coalition: tokenmarket.Coalition{Budget: cash(c.Coalition.Budget), Start: c.Coalition.Start, Pump: c.Coalition.Pump,
			Hold: c.Coalition.Hold, Dump: c.Coalition.Dump, Every: c.Coalition.Every},
		Peg: tokenmarket.Peg{Kind: kind, Level: cash(c.Peg.Level), Reserve: cash(c.Peg.Reserve), Speed: c.Peg.Speed},
	}
	return m, m.Validate()
}

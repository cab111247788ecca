package tokenmarket

import (
	"fmt"
	"math"
)

// Cash is an amount of the outside currency in micro-units (1 unit is 1,000,000), as
// exact as the ledger's tokens: a float becomes Cash only by rounding once.
type Cash = int64

// Price is the token's price in micro-units of the outside currency per whole token
// (1,000,000 micro-tokens): a price of 0.20 is Price(200_000).
type Price = int64

// Micro is one whole unit (of the outside currency, or of tokens) in micro-units.
const Micro = 1_000_000

// Bounds that keep every sum exact. A holder's cash is at most MaxCash (1e9 units);
// at most MaxTraders traders, so the traders' cash together, the coalition's budget,
// the Foundation's reserves and one tick's spending by the platform each stay at or
// below 1e5 x 1e15 = 1e20 micro-units... which would overflow, so the market refuses
// a configuration whose cash together passes MaxTotalCash (1e18, under int64's
// 9.2e18): every later sum of cash is a redistribution of that total plus the
// platform's spending, which the caller bounds the same way (Market.Step refuses an
// Input that takes the total past MaxTotalCash). A price is at most MaxPrice (1e6
// units a token), so a trade's value, tokens x price, is computed in 128 bits and is
// at most the buyers' cash.
const (
	MaxCash      Cash  = 1e15
	MaxTotalCash Cash  = 1e18
	MaxPrice     Price = 1e12
	MaxTraders         = 100_000
)

// Config sets up a market. Rates are per step (one call auction). The zero value of a
// field whose zero would make no sense takes its default in Validate (Default says
// which).
type Config struct {
	// Traders is the number of speculators with outside money (Lux & Marchesi's N).
	Traders int
	// Chartists is the share of traders who start as chartists, half optimists and
	// half pessimists (the rest are fundamentalists). 0 with Switching false is a
	// fundamentalists-only market.
	Chartists float64
	// Switching lets traders change strategy after Lux & Marchesi (1999); off, each
	// keeps the strategy it started with.
	Switching bool
	// Cash and Tokens are each trader's starting outside money and tokens.
	Cash   Cash
	Tokens int64

	// Reaction is a fundamentalist's order per unit of log mispricing, as a share of
	// its wealth: it wants to buy Reaction x ln(value/p) x wealth / p tokens at price
	// p (a demand schedule; negative: it sells).
	Reaction float64
	// Noise is the standard deviation of the fundamentalists' common error in
	// perceiving the value, in log units, drawn afresh each step.
	Noise float64
	// Trade is the share of its cash an optimist spends, and of its tokens a
	// pessimist sells, in each step (market orders).
	Trade float64

	// Lux & Marchesi's switching parameters (their Table 1 names): V1 and V2 the
	// frequencies of revaluation among chartists and between chartists and
	// fundamentalists, A1 the weight of the majority opinion, A2 of the price trend,
	// A3 the sensitivity to profit differences, S the discount of fundamentalists'
	// expected profit, Rate the outside interest rate per step (the token's yield is
	// Rate x value, so that at p = value holding it earns the outside rate).
	V1, V2, A1, A2, A3, S, Rate float64
	// Substeps divide a step into this many rounds of switching (dt = 1/Substeps).
	Substeps int
	// MinGroup is the fewest traders of each kind (optimists, pessimists,
	// fundamentalists) switching may leave, as in Lux & Marchesi's simulations.
	MinGroup int

	// Band is the price limit of a step: the price stays within [p/(1+Band),
	// p(1+Band)] of the last step's (a circuit breaker; the long side is rationed).
	Band float64

	Coalition Coalition
	Peg       Peg
}

// Coalition is a pump-and-dump coalition: from step Start it spends Budget of outside
// money evenly over Pump steps, holds for Hold steps, then sells what it bought evenly
// over Dump steps; with Every > 0 it starts again every Every steps (with what cash it
// has then, up to Budget).
type Coalition struct {
	Budget                         Cash
	Start, Pump, Hold, Dump, Every int
}

// PegKind is the peg policy.
type PegKind uint8

// Peg policies.
const (
	PegNone    PegKind = iota // no peg: the market alone sets the price
	PegFixed                  // defended at Level until the reserves run out
	PegSliding                // defended, and moved toward the market price at each review (Market.Review)
)

var pegNames = [...]string{"none", "fixed", "sliding"}

func (k PegKind) String() string {
	if int(k) < len(pegNames) {
		return pegNames[k]
	}
	return fmt.Sprintf("peg(%d)", uint8(k))
}

// ParsePeg is the inverse of PegKind.String.
func ParsePeg(s string) (PegKind, bool) {
	for i, n := range pegNames {
		if n == s {
			return PegKind(i), true
		}
	}
	return 0, false
}

// Peg is the peg policy and its defender's (the Foundation's) outside reserves. The
// defender buys every token offered at Level while its Reserve lasts, and sells
// tokens at Level from what the caller hands it each step (Input.DefenderTokens).
type Peg struct {
	Kind    PegKind
	Level   Price
	Reserve Cash
	// Speed is the share of the gap between the mean market price and the peg that a
	// sliding peg closes at each review.
	Speed float64
}

// Default returns a market after Lux & Marchesi's (1999) parameter set (N 500, v1 3,
// v2 2, alpha1 0.6, alpha2 0.2, alpha3 0.5, s 0.75, R 0.0004, at least 4 traders of a
// kind), with switching on, half the traders chartists, 10 switching rounds a step,
// a price band of 50% a step, and no coalition or peg.
func Default() Config {
	return Config{
		Traders: 500, Chartists: 0.5, Switching: true,
		Cash: 10_000 * Micro, Tokens: 10_000 * Micro,
		Reaction: 2, Noise: 0.002, Trade: 0.1,
		V1: 3, V2: 2, A1: 0.6, A2: 0.2, A3: 0.5, S: 0.75, Rate: 0.0004,
		Substeps: 10, MinGroup: 4, Band: 0.5,
	}
}

// Validate checks the configuration; its errors name the field (in the Config's
// Go names, lower-case: the caller maps them to its own).
func (c *Config) Validate() error {
	if c.Substeps == 0 {
		c.Substeps = 10
	}
	if c.Band == 0 {
		c.Band = 0.5
	}
	switch {
	case c.Traders < 0 || c.Traders > MaxTraders:
		return fmt.Errorf("traders: %d, want 0 to %d", c.Traders, MaxTraders)
	case !(c.Chartists >= 0 && c.Chartists <= 1):
		return fmt.Errorf("chartists: %g, want a share 0 to 1", c.Chartists)
	case c.Cash < 0 || c.Cash > MaxCash:
		return fmt.Errorf("cash: %d micro-units, want 0 to %d", c.Cash, MaxCash)
	case c.Tokens < 0:
		return fmt.Errorf("tokens: %d, want 0 or more", c.Tokens)
	case c.Tokens > math.MaxInt64/int64(max(c.Traders, 1)):
		return fmt.Errorf("tokens: %d each for %d traders passes the largest supply", c.Tokens, c.Traders)
	case !(c.Reaction >= 0 && c.Reaction <= 100):
		return fmt.Errorf("reaction: %g, want 0 to 100", c.Reaction)
	case !(c.Noise >= 0 && c.Noise <= 1):
		return fmt.Errorf("noise: %g, want 0 to 1", c.Noise)
	case !(c.Trade >= 0 && c.Trade <= 1):
		return fmt.Errorf("trade: %g, want a share 0 to 1", c.Trade)
	case c.Substeps < 1 || c.Substeps > 1000:
		return fmt.Errorf("substeps: %d, want 1 to 1000", c.Substeps)
	case !(c.Band > 0 && c.Band <= 100):
		return fmt.Errorf("band: %g, want above 0, at most 100", c.Band)
	case c.MinGroup < 0 || 3*c.MinGroup > c.Traders && c.Switching:
		return fmt.Errorf("min_group: %d, want 0 to a third of the %d traders", c.MinGroup, c.Traders)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"v1", c.V1}, {"v2", c.V2}, {"a1", c.A1}, {"a2", c.A2}, {"a3", c.A3}, {"s", c.S}, {"rate", c.Rate}} {
		if !(f.v >= 0 && f.v <= 100) {
			return fmt.Errorf("%s: %g, want 0 to 100", f.name, f.v)
		}
	}
	total := Cash(c.Traders) * c.Cash // at most 1e5 x 1e15 = 1e20: checked by division
	if c.Traders > 0 && c.Cash > MaxTotalCash/Cash(c.Traders) {
		return fmt.Errorf("cash: %d traders x %d micro-units passes %d", c.Traders, c.Cash, MaxTotalCash)
	}
	co := c.Coalition
	switch {
	case co.Budget < 0 || co.Budget > MaxCash:
		return fmt.Errorf("coalition.budget: %d micro-units, want 0 to %d", co.Budget, MaxCash)
	case co.Budget > 0 && co.Pump < 1:
		return fmt.Errorf("coalition.pump: %d, a coalition with a budget pumps for at least 1 step", co.Pump)
	case co.Budget > 0 && co.Dump < 1:
		return fmt.Errorf("coalition.dump: %d, a coalition with a budget dumps over at least 1 step", co.Dump)
	case co.Start < 0 || co.Hold < 0 || co.Every < 0:
		return fmt.Errorf("coalition: start, hold and every are 0 or more")
	case co.Every > 0 && co.Every < co.Pump+co.Hold+co.Dump:
		return fmt.Errorf("coalition.every: %d, shorter than a cycle of pump %d + hold %d + dump %d", co.Every, co.Pump, co.Hold, co.Dump)
	}
	p := c.Peg
	switch {
	case p.Kind > PegSliding:
		return fmt.Errorf("peg.kind: %v unknown", p.Kind)
	case p.Kind != PegNone && (p.Level < 1 || p.Level > MaxPrice):
		return fmt.Errorf("peg.level: %d micro-units a token, want 1 to %d", p.Level, MaxPrice)
	case p.Kind != PegNone && p.Reserve <= 0:
		return fmt.Errorf("peg.reserve: %d: a peg needs the Foundation's outside reserves to defend it", p.Reserve)
	case p.Reserve < 0 || p.Reserve > MaxCash:
		return fmt.Errorf("peg.reserve: %d micro-units, want 0 to %d", p.Reserve, MaxCash)
	case !(p.Speed >= 0 && p.Speed <= 1):
		return fmt.Errorf("peg.speed: %g, want 0 to 1", p.Speed)
	}
	if total+co.Budget+p.Reserve > MaxTotalCash {
		return fmt.Errorf("cash: traders' %d, coalition's %d and reserves %d together pass %d", total, co.Budget, p.Reserve, MaxTotalCash)
	}
	return nil
}

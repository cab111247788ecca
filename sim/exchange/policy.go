package exchange

import (
	"math"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Matcher is a matching policy (MODEL §4): which offer a buyer takes. It is chosen
// once from the scenario (matching.rule), so the hot path calls it without switching
// on names.
type Matcher interface {
	// Choose returns the offer a buyer at locality takes in sector, or -1 when the
	// sector has none it may take; exclude is an offer it may not take (its own co-op),
	// or -1.
	Choose(p *Platform, r *rand.Rand, sector, locality, exclude int) int
	// ChooseIn is Choose among the offers of list (offers of one sector), looking at
	// candidates of them.
	ChooseIn(p *Platform, r *rand.Rand, list []int32, locality, exclude, candidates int) int
}

// Pricer is a pricing policy: an open offer's new price after a tick's trade. It is
// chosen once from the scenario (prices.rule).
type Pricer interface {
	Price(p *Platform, o int) ledger.Amount
}

// newMatcher returns the matcher a rule names ("" is the default, best_of).
func newMatcher(rule string) Matcher {
	switch rule {
	case "", "best_of":
		return bestOf{}
	}
	panic("exchange: unknown matching rule " + rule + " (config not validated)")
}

// newPricer returns the pricer a rule names ("" is the default, excess_demand).
func newPricer(rule string) Pricer {
	switch rule {
	case "", "excess_demand":
		return excessDemand{}
	case "step":
		return step{}
	}
	panic("exchange: unknown prices rule " + rule + " (config not validated)")
}

// bestOf takes the best-scoring of Candidates offers drawn at random.
type bestOf struct{}

func (b bestOf) Choose(p *Platform, r *rand.Rand, sector, locality, exclude int) int {
	return b.ChooseIn(p, r, p.bySector[sector], locality, exclude, p.cfg.Matching.Candidates)
}

func (bestOf) ChooseIn(p *Platform, r *rand.Rand, list []int32, locality, exclude, candidates int) int {
	n := len(list)
	if n == 0 || (n == 1 && int(list[0]) == exclude) {
		return -1
	}
	best, bestScore := -1, math.Inf(1)
	for range max(candidates, 1) {
		best, bestScore = p.better(int(list[r.IntN(n)]), best, bestScore, locality, exclude)
	}
	return best
}

// chooseFrom is ChooseIn drawing from src directly (r being rand.New(src)): the same
// draws, without an interface call for each.
func (bestOf) chooseFrom(p *Platform, src *rand.PCG, list []int32, locality, exclude, candidates int) int {
	n := len(list)
	if n == 0 || (n == 1 && int(list[0]) == exclude) {
		return -1
	}
	best, bestScore := -1, math.Inf(1)
	for range max(candidates, 1) {
		best, bestScore = p.better(int(list[sim.IntN(src, n)]), best, bestScore, locality, exclude)
	}
	return best
}

// better returns candidate offer o and its score when it may be taken and scores
// below the best so far, else the best so far.
func (p *Platform) better(o, best int, bestScore float64, locality, exclude int) (int, float64) {
	c := &p.cards[o]
	if o == exclude || !c.open {
		return best, bestScore
	}
	score := c.base
	if p.wDist != 0 {
		if p.distScore != nil {
			score += p.distScore[locality*p.localities+int(c.loc)]
		} else {
			score += p.wDist * float64(p.Distance(locality, int(c.loc)))
		}
	}
	if score < bestScore {
		return o, score
	}
	return best, bestScore
}

// step moves a price by a fixed relative step: up when demand exceeded the offer, down
// when less than 1-Unsold of it sold, within [Floor, Ceiling] times the base price.
type step struct{}

func (step) Price(p *Platform, o int) ledger.Amount {
	pc := p.cfg.Prices
	offered := p.Offered(o)
	base := float64(p.BasePrice[p.Sector[o]])
	price := float64(p.Price[o])
	switch {
	case p.Demand[o] > offered:
		price *= 1 + pc.Up
	case float64(p.Sold[o]) < float64(offered)*(1-pc.Unsold):
		price *= 1 - pc.Down
	}
	price = min(max(price, base*pc.Floor), base*pc.Ceiling)
	return max(1, ledger.Amount(math.Round(price)))
}

// excessDemand moves a price in proportion to the offer's excess demand, per month,
// scaled to the tick (see Prices).
type excessDemand struct{}

func (excessDemand) Price(p *Platform, o int) ledger.Amount {
	pc := p.cfg.Prices
	offered, demand := float64(p.Offered(o)), float64(p.Demand[o])
	var z float64
	if m := max(offered, demand); m > 0 {
		z = (demand - offered) / m
	}
	g := (pc.Speed*z + p.expect[p.Sector[o]]) * p.perTick
	base := float64(p.BasePrice[p.Sector[o]])
	price := float64(p.Price[o]) * math.Exp(g)
	price = min(max(price, base*pc.Floor), base*pc.Ceiling)
	return max(1, ledger.Amount(math.Round(price)))
}

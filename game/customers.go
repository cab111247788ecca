package game

import (
	"math"

	"github.com/copex/copex/sim/ledger"
)

// An existing co-op's customer base: the calibration of a co-op loaded from its own
// figures to its real revenue.
//
// A new co-op's customers come from the engine's matching alone: each member's budget
// for the sector goes to the best of a few offers drawn at random. For an existing
// co-op that is a poor model of its first months: its customers are people who already
// buy from it, and the matching hands a co-op of its size and price anything from a
// third of its stated customers to more than it can serve depending on the seed and
// the month (Riverside, 260 customers a month: 97 to 1,380 units ordered a month in
// its first six months over seeds 1 to 3, and on seed 1 only 80 to 231 sold in the
// first four), so a co-op with a real revenue of 5,460 a month failed in month 5.
// The calibration is the economist's usual one: the model is scaled so that the unit
// it places reproduces its observed figures, and only then asked what changes.
//
// The co-op's stated customers are its customer base: members of the economy living
// in its locality (its regulars, in member order, never its own workers), who each
// month buy their share of the base directly from it, paying from their own accounts
// on the economy's ledger (with the transport levy: nothing within a locality) as far
// as their balances go. The tokens they spend with it are tokens they do not spend on
// the platform, so the rest of the economy sees the trade. The co-op lists all it
// makes on the Exchange Platform as every co-op does (so the engine buys its inputs,
// grants its offer and weighs its capacity investments on the whole of it); the
// engine's matching brings it the platform's buyers first, and the regulars buy their
// base from what those left unsold. So the co-op sells at least its base, or all it
// made when the platform's buyers and the base together want more.
//
// The base is not fixed. It moves with:
//   - the co-op's price against the sector's going price, with an elasticity of
//     baseElasticity from where it stood when the figures were loaded (a customer
//     base is loyal, not captive: priced a tenth dearer against the market it keeps
//     (1/1.1)² ≈ 83% of its customers; it is never more than twice its size);
//   - the sector's share of members' spending, from where it stood (a horizon event's
//     demand shift reaches the base as it reaches the platform's buyers).
//
// With the default decisions its first months' sales are then its stated customers
// and revenue, and the service focus's tenth more capacity sold out on top
// (TestFiguresCalibrated: within -10% and +15% of the stated customers and revenue in
// each of the first three months, over seeds 1 to 3, and the base's rule recomputed
// from what the game reports each turn).

// baseElasticity is the customer base's price elasticity against the going price.
const baseElasticity = 2

// customerBase is an existing co-op's regulars and their custom.
type customerBase struct {
	units    float64 // units a month at the founding price and share
	regulars []int   // members who buy it
	rel0     float64 // the co-op's price over the going price when founded
	share0   float64 // the sector's spending share when founded
	now      float64 // units a month this turn (set before the tick)
}

// setBase gives co-op c a customer base of units a month, from the members of its
// locality at its founding price.
func (c *coop) setBase(units float64, price ledger.Amount) {
	if units <= 0 {
		return
	}
	e := c.e
	var regs []int
	for i := range e.Members() {
		if e.MemberActive(i) && e.MemberLocality(i) == c.home && e.MemberEmployer(i) != c.id {
			regs = append(regs, i)
		}
	}
	if len(regs) > int(math.Ceil(units)) {
		regs = regs[:int(math.Ceil(units))]
	}
	v := e.SectorView(c.sector, c.home)
	share, _, _, _ := e.SectorTechnique(c.sector)
	c.cust = customerBase{units: units, regulars: regs, rel0: float64(max(price, 1)) / float64(max(v.Price, 1)), share0: share}
}

// baseUnits returns the base's units a month at price against the going price market
// (0 without a base).
func (c *coop) baseUnits(price, market ledger.Amount) float64 {
	b := &c.cust
	if b.units <= 0 || len(b.regulars) == 0 {
		return 0
	}
	rel := float64(max(price, 1)) / float64(max(market, 1))
	share, _, _, _ := c.e.SectorTechnique(c.sector)
	k := math.Pow(b.rel0/rel, baseElasticity) * share / max(b.share0, 1e-12)
	return b.units * min(k, 2)
}

// sellToBase has the regulars buy want units of the base, at the co-op's price, out
// of unsold, the value of its platform offer the tick left unsold (the base buys from
// what the co-op made, after the platform's buyers). It returns the units sold and
// their value.
func (c *coop) sellToBase(want float64, unsold ledger.Amount) (units int64, value ledger.Amount) {
	b := &c.cust
	if want <= 0 || unsold <= 0 || len(b.regulars) == 0 {
		return 0, 0
	}
	e := c.e
	price := max(e.CoopPrice(c.id), 1)
	// No overflow: the base's value (at most twice 1e7 customers, Figures' bound, at up
	// to 1e6 tokens, 2e19 micro-tokens, past int64) is worked out in float64 and capped
	// at the value left unsold, and each regular's share at its balance, before they
	// become Amounts.
	total := min(want*float64(price), float64(unsold))
	each := ledger.Amount(math.Round(total / float64(len(b.regulars))))
	for _, i := range b.regulars {
		if !e.MemberActive(i) {
			continue
		}
		// The engine's own sale to a member off the platform: at the co-op's price, out
		// of what the tick left unsold, the levy on top, counted in the co-op's month's
		// sales (and so in its grants); at most what the member holds.
		v, err := e.SellTo(c.id, i, each)
		if err != nil {
			continue
		}
		value += v
	}
	return int64(math.Round(float64(value) / float64(price))), value
}

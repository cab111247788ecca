package workshop

import (
	"fmt"
	"math"
	"strings"

	"github.com/copex/copex/agents"
)

// Coops is what a room needs of an economy whose co-ops participants run: a co-op
// founded for each participant, set from outside between ticks, and read back after
// each tick. *agents.Economy provides it (through economyCoops).
type Coops interface {
	// Found registers a new co-op of sector at locality with workers founding
	// workers, and returns its index.
	Found(sector, locality, workers int) (int, error)
	// SetControlled hands co-op c to its participant (on) or back to the economy's own
	// rules (off: the default rule while they are away).
	SetControlled(c int, on bool)
	SetPrice(c int, price float64) error
	SetWage(c int, monthly float64) error
	SetTarget(c int, unitsPerMonth float64) error
	// SetGrantUse sets how co-op c spends the grants it receives.
	SetGrantUse(c int, use agents.GrantUse) error
	Hire(c, n int) int
	Release(c, n int) int
	// FundStartup has the Foundation pay co-op c the start-up funding an economy's
	// start-up gets: its sector's monthly wage now × months × founders, or what the
	// Foundation holds when less. It returns the tokens paid.
	FundStartup(c int, months float64, founders int) (float64, error)
	// Buy has co-op buyer buy up to tokens of co-op seller's goods now, at seller's
	// price with the levy, out of seller's next offer. It returns the tokens bought.
	Buy(buyer, seller int, tokens float64) (float64, error)
	// Trading lists, in order, the co-ops of sector at locality (or anywhere when
	// locality is negative) open and not in skip, with their prices.
	Trading(sector, locality int, skip func(c int) bool) []Offer
	Coop(c int) CoopView
	Sector(s, locality int) SectorView
	// Sectors names the sectors; Localities is how many there are.
	Sectors() []string
	Localities() int
}

// CoopView is what a participant and the facilitator see of a co-op after a tick.
type CoopView struct {
	Workers  int     `json:"workers"`
	Capacity float64 `json:"capacity"` // units a month
	// Productivity is units per worker-month: capacity bought with grants raises it.
	Productivity float64 `json:"productivity"`
	Price        float64 `json:"price"`
	Wage         float64 `json:"wage"`    // a worker's monthly pay
	Target       float64 `json:"target"`  // units a month it was set to make (0: as many as it can)
	Offered      float64 `json:"offered"` // units offered this month
	Sold         float64 `json:"sold"`
	Demand       float64 `json:"demand"`
	Treasury     float64 `json:"treasury"` // tokens
	Grants       float64 `json:"grants"`   // grant tokens held
	Alive        bool    `json:"alive"`
}

// Offer is a co-op a participant may buy from, at its price (tokens a unit).
type Offer struct {
	Coop  int
	Price float64
}

// SectorView is what a participant sees of their co-op's sector at its locality.
type SectorView struct {
	Price       float64 `json:"price"` // going price
	Spread      float64 `json:"spread"`
	Competitors int     `json:"competitors"`
	InputCost   float64 `json:"input_cost"` // per unit
	Wage        float64 `json:"wage"`       // the sector's monthly wage now
}

// Bounds of a participant's settings: beyond them an action is refused as it
// arrives. They keep every amount derived from them inside int64 micro-tokens: a
// price is at most 1e6 tokens (1e12 micro-tokens), and a month's offer at the
// highest price and target is 1e6 × 1e6 = 1e12 tokens, 1e18 micro-tokens, below
// int64's 9.2e18.
const (
	maxPrice    = 1e6 // tokens a unit
	maxWage     = 1e6 // tokens a month
	maxTarget   = 1e6 // units a month
	maxHire     = 100 // workers in one action
	maxBuy      = 1e9 // tokens in one purchase (1e15 micro-tokens)
	foundingMin = 1
	foundingMax = 50
)

// checkAction checks a participant's action's value as it arrives.
func checkAction(a Action) error {
	kind, v, n := a.Kind, a.Value, a.N
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("value: not a finite number")
	}
	switch kind {
	case KindPrice:
		if !(v > 0 && v <= maxPrice) {
			return fmt.Errorf("value: a price must be above 0 and at most %g, got %g", float64(maxPrice), v)
		}
	case KindWage:
		if !(v >= 0 && v <= maxWage) {
			return fmt.Errorf("value: a wage must be between 0 and %g, got %g", float64(maxWage), v)
		}
	case KindTarget:
		if !(v >= 0 && v <= maxTarget) {
			return fmt.Errorf("value: a target must be between 0 and %g units, got %g", float64(maxTarget), v)
		}
	case KindGrantUse:
		if _, err := grantUse(a.Use); err != nil {
			return err
		}
	case KindBuy:
		if !(v > 0 && v <= maxBuy) {
			return fmt.Errorf("value: buy more than 0 and at most %g tokens, got %g", float64(maxBuy), v)
		}
		if a.Seller < 0 || a.Seller > maxPeople {
			return fmt.Errorf("seller: participant %d is not in the room", a.Seller)
		}
		if a.Seller == 0 && a.Sector < 0 {
			return fmt.Errorf("sector: %d is not a sector", a.Sector)
		}
	case KindHire, KindRelease:
		if n < 1 || n > maxHire {
			return fmt.Errorf("n: hire or release between 1 and %d workers, got %d", maxHire, n)
		}
	default:
		return fmt.Errorf("kind: %q is not an action a participant may take (price, wage, target, hire, release, grant_use, buy)", kind)
	}
	return nil
}

// GrantUse is a way a participant may choose for their co-op to spend its grants: a
// name the page sends, the words it shows, and the agents.GrantUse mix it stands for.
type GrantUse struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Mix is the shares of the grant spent on a bonus to members, capacity, supplies
	// and innovation (agents.GrantUse); nil for the scenario's own coops.grant_use.
	Mix *agents.GrantUse `json:"-"`
}

// GrantUses are the grant uses a participant chooses from. Each but the first puts
// the whole grant to one use: paid out to the co-op's members as a bonus, capacity
// bought from other co-ops (raising its units per worker), extra supplies from its
// suppliers, or innovation (raising its units per worker as capacity does). The first
// is the scenario's mix, which a co-op has until its participant chooses.
var GrantUses = []GrantUse{
	{Name: "scenario", Label: "as the scenario's co-ops do"},
	{Name: "members", Label: "pay it out to members", Mix: &agents.GrantUse{Bonus: 1}},
	{Name: "capacity", Label: "build capacity", Mix: &agents.GrantUse{Capacity: 1}},
	{Name: "supplies", Label: "buy supplies", Mix: &agents.GrantUse{Supplies: 1}},
	{Name: "innovation", Label: "innovate", Mix: &agents.GrantUse{Innovation: 1}},
}

// grantUse returns the grant use called name.
func grantUse(name string) (GrantUse, error) {
	for _, u := range GrantUses {
		if u.Name == name {
			return u, nil
		}
	}
	names := make([]string, len(GrantUses))
	for i, u := range GrantUses {
		names[i] = u.Name
	}
	return GrantUse{}, fmt.Errorf("use: %q is not a grant use (%s)", name, strings.Join(names, ", "))
}

// Bounds of a giveaway. maxGiveaway is the scenario's own bound on giveaway.amount:
// 1e12 tokens is 1e18 micro-tokens, inside int64 (9.2e18); the economy refuses, before
// giving anything, one that would take the tokens ever issued past ledger.MaxSupply
// (economy.GiveAway), so no giveaway is cut short.
const maxGiveaway = 1e12 // tokens

// checkGiveaway checks a facilitator's giveaway as it arrives.
func checkGiveaway(tokens, share float64) error {
	if !(tokens > 0 && tokens <= maxGiveaway) {
		return fmt.Errorf("value: give away more than 0 and at most %g tokens, got %g", float64(maxGiveaway), tokens)
	}
	if !(share > 0 && share <= 1) {
		return fmt.Errorf("share: give to a share of the members above 0 and at most 1, got %g", share)
	}
	return nil
}

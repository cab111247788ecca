package exchange

import (
	"math"
	"math/rand/v2"

	"github.com/copex/copex/sim/ledger"
)

// Config is the exchange section of a scenario (MODEL §4).
type Config struct {
	Matching   Matching   `yaml:"matching" json:"matching"`
	LevyRate   float64    `yaml:"levy_rate" json:"levy_rate" min:"0" max:"1" doc:"transport levy per unit of distance, as a share of the value traded"`
	Prices     Prices     `yaml:"prices" json:"prices"`
	Reputation Reputation `yaml:"reputation" json:"reputation"`
	// WantsDecay is the share of last month's unmet wants still listed this month.
	WantsDecay float64 `yaml:"wants_decay" json:"wants_decay" min:"0" max:"1" doc:"share of unmet wants still listed a month later"`
}

// Matching weights how buyers choose among offers: each buyer looks at Candidates
// offers in the category and takes the one with the lowest score
// price*(p/p_ref) + distance*(d/d_max) - reputation*r.
type Matching struct {
	// Rule is the matching policy (Matcher); best_of is the only one so far.
	Rule       string  `yaml:"rule" json:"rule" enum:"best_of" doc:"how buyers choose: best_of (the best-scoring of candidates offers drawn at random)"`
	Price      float64 `yaml:"price" json:"price" min:"0" max:"100" doc:"weight of price"`
	Reputation float64 `yaml:"reputation" json:"reputation" min:"0" max:"100" doc:"weight of reputation"`
	Distance   float64 `yaml:"distance" json:"distance" min:"0" max:"100" doc:"weight of distance"`
	Candidates int     `yaml:"candidates" json:"candidates" min:"1" max:"64" doc:"offers a buyer compares"`
	// Reroute: a buyer whose order was rationed takes the rest to another offer of the
	// sector that has spare capacity (the best-scoring of Candidates such offers), if
	// its price is at most RerouteMarkup above the first offer's; what that second
	// round cannot fill is unmet. Off, a rationed order's rest is unmet at once.
	Reroute       bool    `yaml:"reroute" json:"reroute" doc:"rationed buyers take the rest of their order to offers with spare capacity"`
	RerouteMarkup float64 `yaml:"reroute_markup" json:"reroute_markup" min:"0" max:"100" doc:"most a re-routed buyer pays above its first offer's price, as a share of it"`
	// RerouteCandidates is how many offers with room a re-routed buyer compares (it
	// compared Candidates when it chose its first).
	RerouteCandidates int `yaml:"reroute_candidates" json:"reroute_candidates" min:"1" max:"64" doc:"offers with room a re-routed buyer compares"`
}

// Prices respond to pressure, within [Floor, Ceiling] times the sector's base price.
//
// By the rule excess_demand (the default), an offer's price moves in proportion to its
// excess demand z = (D − S)/max(D, S) ∈ [−1, 1], D the value ordered from it in the
// tick and S the value it offered: d ln p / dt = Speed·z + π_s per month, π_s the
// sector's expected monthly inflation, applied over the tick's share of a month (so a
// weekly and a monthly clock give the same path up to discretisation). Expected
// inflation adapts to the sector's observed price change at rate Expectations a month
// (adaptive expectations; 0: none, prices move on excess demand alone). This is the
// Walrasian tâtonnement in continuous time, discretised per tick.
//
// By the rule step (the first wave's), a sold-out offer rises by Up a tick and one that
// sold less than 1-Unsold of its capacity falls by Down a tick, whatever the imbalance
// and the length of the tick.
type Prices struct {
	// Rule is the pricing policy (Pricer).
	Rule         string  `yaml:"rule" json:"rule" enum:"excess_demand,step" doc:"how prices move: excess_demand (in proportion to excess demand, per month) or step (a fixed step a tick when sold out or much unsold)"`
	Speed        float64 `yaml:"speed" json:"speed" min:"0" max:"10" doc:"excess_demand: change of ln price a month at full excess demand (0.2: a sold-out offer with twice the demand it can serve rises about 10% a month)"`
	Expectations float64 `yaml:"expectations" json:"expectations" min:"0" max:"1" doc:"excess_demand: rate a month at which expected inflation adapts to observed price changes (0: no expectations)"`
	Up           float64 `yaml:"up" json:"up" min:"0" max:"1" doc:"step: relative rise a tick when sold out"`
	Down         float64 `yaml:"down" json:"down" min:"0" max:"1" doc:"step: relative fall a tick when much is unsold"`
	Unsold       float64 `yaml:"unsold" json:"unsold" min:"0" max:"1" doc:"step: unsold share of capacity that lowers the price"`
	Floor        float64 `yaml:"floor" json:"floor" min:"0" max:"1" doc:"lowest price, times the base price"`
	Ceiling      float64 `yaml:"ceiling" json:"ceiling" min:"1" max:"1000" doc:"highest price, times the base price"`
}

// Reputation moves towards each month's delivery record at rate Learning.
type Reputation struct {
	Learning float64 `yaml:"learning" json:"learning" min:"0" max:"1" doc:"weight of the latest month in a reputation"`
}

// Default returns the default platform settings.
func Default() Config {
	return Config{
		Matching:   Matching{Rule: "best_of", Price: 1, Reputation: 0.5, Distance: 0.5, Candidates: 3, Reroute: true, RerouteMarkup: 0.25, RerouteCandidates: 1},
		LevyRate:   0.01,
		Prices:     Prices{Rule: "excess_demand", Speed: 0.2, Up: 0.02, Down: 0.02, Unsold: 0.2, Floor: 0.25, Ceiling: 20},
		Reputation: Reputation{Learning: 0.2},
		WantsDecay: 0.5,
	}
}

// Platform is the Co-operative Exchange Platform: the offers (one per co-op, indexed by
// the co-op's dense ID), the orders of the month, rationing, the unmet-wants list, the
// levy, prices and the price index. State is held as arrays.
type Platform struct {
	cfg        Config
	matcher    Matcher
	pricer     Pricer
	sectors    int
	localities int
	side       int // localities sit on a side x side grid
	maxDist    float64
	perTick    float64   // a tick's share of a month
	expect     []float64 // per sector: expected inflation, ln change a month
	obsLog     []float64 // per sector: the tick's capacity-weighted ln price change
	obsCap     []float64
	dist       []int8    // distance table, when there are few localities
	wDist      float64   // the weight of a unit of distance in a matching score
	distScore  []float64 // wDist times dist: the distance part of a score, by locality pair
	invRef     []float64 // per sector: 1 / base price

	BasePrice []ledger.Amount // per sector, price per unit at the start
	Weight    []float64       // per sector, weight in the price index

	// Per offer.
	Sector     []int16
	Locality   []int16
	Price      []ledger.Amount // per unit
	Capacity   []float64       // units per month
	Reputation []float64       // 0..1
	Open       []bool
	Held       []bool          // price held by its owners: AdjustPrices leaves it
	Demand     []ledger.Amount // value ordered this month
	Sold       []ledger.Amount // value sold this month
	fill       []float64
	levyQ      []ledger.Rate // by distance, when there are few localities
	levyPair   []ledger.Rate // by (from, to) locality pair, when there are few
	roomQ      []ledger.Rate // by distance: the share of a budget left for goods after the levy
	roomPair   []ledger.Rate // the same by (from, to) locality pair, when there are few

	cards []card // what buyers read of each offer, packed: one cache line per look
	// What settling reads of each offer in the first round: its Fill (fill ratio and
	// locality), offer o's at [o+1]; [0] is a Fill of nothing, for an order on no offer.
	fillLoc  []Fill
	bySector [][]int32 // open offers per sector

	// The re-routing round (Matching.Reroute): each offer's capacity left after the first
	// round, the offers with some left per sector, the round's orders and fill ratios.
	spare   []ledger.Amount
	bySpare [][]int32
	// spareAt is bySpare with each offer's price beside it, for the common policy
	// (best_of comparing one offer with room): choosing then reads one entry of a list
	// that stays in cache, not the offer's card and price out of arrays by offer.
	spareAt  [][]SpareOffer
	spareOne bool // the matcher is best_of and RerouteCandidates is 1: ChooseSpare reads spareAt
	// SpareTables' view: spareAt with an empty sector's list noSpare, and per offer (at
	// [o+1], as in fillLoc) its first-round Fill and the dearest price a buyer rationed
	// there accepts (chooseSpareOne reads it too).
	spareView [][]SpareOffer
	from      []RerouteFrom
	Demand2   []ledger.Amount // value re-routed to each offer this tick
	fillLoc2  []Fill          // the re-routing round's, laid out as fillLoc

	// Idle is the value of capacity left unsold this month, per sector.
	Idle  []ledger.Amount
	dirty bool

	// Unmet wants, per sector*localities + locality.
	Unmet  []ledger.Amount // this month
	Listed []ledger.Amount // still listed (decaying backlog)
}

// SpareOffer is an offer with capacity left after the first round, and its price.
type SpareOffer struct {
	Price ledger.Amount
	Offer int32
}

// RerouteFrom is what re-routing reads of the offer an order went to first: the share
// of the order it filled, and the dearest price a buyer it rationed accepts for the
// rest. One entry, so that a buyer's two reads of it are one.
type RerouteFrom struct {
	Fill    Fill
	Dearest ledger.Amount
}

// noSpare is SpareTables' list for a sector with no capacity left: one entry that no
// buyer accepts (a price above every dearest) and no offer.
var noSpare = []SpareOffer{{Price: math.MaxInt64, Offer: -1}}

// card packs what choosing reads of an offer: the price-and-reputation part of its
// matching score, its locality and whether it is open.
type card struct {
	base float64
	loc  int16
	open bool
}

// New returns a platform for the given sectors (base prices and index weights) and
// number of localities.
func New(cfg Config, basePrice []ledger.Amount, weight []float64, localities int) *Platform {
	side := int(math.Ceil(math.Sqrt(float64(max(localities, 1)))))
	p := &Platform{cfg: cfg, matcher: newMatcher(cfg.Matching.Rule), pricer: newPricer(cfg.Prices.Rule),
		sectors: len(basePrice), localities: max(localities, 1), side: side,
		maxDist: float64(2 * (side - 1)), perTick: 1,
		expect: make([]float64, len(basePrice)), obsLog: make([]float64, len(basePrice)), obsCap: make([]float64, len(basePrice)),
		BasePrice: basePrice, Weight: weight,
		bySector: make([][]int32, len(basePrice)), bySpare: make([][]int32, len(basePrice)),
		spareAt: make([][]SpareOffer, len(basePrice)),
		Idle:    make([]ledger.Amount, len(basePrice)),
		Unmet:   make([]ledger.Amount, len(basePrice)*max(localities, 1)),
		Listed:  make([]ledger.Amount, len(basePrice)*max(localities, 1)),
	}
	if p.maxDist == 0 {
		p.maxDist = 1
	}
	if l := p.localities; l <= 128 {
		dist := make([]int8, l*l)
		for a := range l {
			for b := range l {
				dist[a*l+b] = int8(p.Distance(a, b))
			}
		}
		p.dist = dist
	}
	p.setLevy()
	p.setSpareOne()
	p.setDistScores()
	p.invRef = make([]float64, len(basePrice))
	for s, b := range basePrice {
		p.invRef[s] = 1 / float64(b)
	}
	return p
}

// setLevy computes the levy tables from the levy rate.
func (p *Platform) setLevy() {
	// roomQ[d] is the share of a budget left for goods from distance d.
	maxD := p.Distance(0, p.localities-1) + 1
	p.roomQ = make([]ledger.Rate, maxD+1)
	for d := range p.roomQ {
		p.roomQ[d] = ledger.RateOf(1 / (1 + p.cfg.LevyRate*float64(d)))
	}
	if p.dist == nil {
		p.roomPair = nil
		return
	}
	l := p.localities
	p.roomPair = make([]ledger.Rate, l*l)
	for a := range l {
		for b := range l {
			p.roomPair[a*l+b] = p.roomQ[p.dist[a*l+b]]
		}
	}
	p.levyQ = make([]ledger.Rate, int(p.maxDist)+1)
	for d := range p.levyQ {
		p.levyQ[d] = ledger.RateOf(p.cfg.LevyRate * float64(d))
	}
	p.levyPair = make([]ledger.Rate, len(p.dist))
	for i, d := range p.dist {
		p.levyPair[i] = p.levyQ[d]
	}
}

// setDistScores computes the distance part of matching scores: its weight per unit of
// distance and, when there are few localities, its value per pair of them, which
// choosing then reads instead of working it out at every candidate.
func (p *Platform) setDistScores() {
	p.wDist = p.cfg.Matching.Distance / p.maxDist
	p.distScore = nil
	if p.dist != nil {
		p.distScore = make([]float64, len(p.dist))
		for i, d := range p.dist {
			p.distScore[i] = p.wDist * float64(d)
		}
	}
}

// setSpareOne notes whether ChooseSpare can take its one-candidate path.
func (p *Platform) setSpareOne() {
	_, best := p.matcher.(bestOf)
	p.spareOne = best && p.cfg.Matching.RerouteCandidates <= 1
}

// SetConfig changes the platform's settings between ticks (the levy rate, price
// steps, matching weights, reputation learning and wants decay). Matching scores are
// recomputed at the next Refresh.
func (p *Platform) SetConfig(cfg Config) {
	p.cfg = cfg
	p.matcher, p.pricer = newMatcher(cfg.Matching.Rule), newPricer(cfg.Prices.Rule)
	p.setLevy()
	p.setSpareOne()
	p.setDistScores()
	for o := range p.cards {
		p.scoreCard(o)
	}
}

// SetTickLength sets the share of a month a tick lasts (1 for a monthly clock, 7/30.4
// or so for a weekly one): prices and reputations move per unit of time, scaled to the
// tick. New assumes a month.
func (p *Platform) SetTickLength(perMonth float64) {
	if perMonth > 0 {
		p.perTick = perMonth
	}
}

// ExpectedInflation returns sector s's expected inflation, the change of ln price a
// month that prices follow besides excess demand (excess_demand with expectations).
func (p *Platform) ExpectedInflation(s int) float64 { return p.expect[s] }

// Config returns the platform's settings.
func (p *Platform) Config() Config { return p.cfg }

// Sectors returns the number of sectors.
func (p *Platform) Sectors() int { return p.sectors }

// Localities returns the number of localities.
func (p *Platform) Localities() int { return p.localities }

// AddOffer lists a new offer and returns its ID (offers are numbered as they come, so
// a caller that adds one per co-op gets the co-op's ID).
func (p *Platform) AddOffer(sector, locality int, price ledger.Amount, capacity float64) int {
	p.Sector = append(p.Sector, int16(sector))
	p.Locality = append(p.Locality, int16(locality))
	p.Price = append(p.Price, price)
	p.Capacity = append(p.Capacity, capacity)
	p.Reputation = append(p.Reputation, 0.5)
	p.Open = append(p.Open, true)
	p.Held = append(p.Held, false)
	p.Demand = append(p.Demand, 0)
	p.Sold = append(p.Sold, 0)
	p.fill = append(p.fill, 0)
	p.cards = append(p.cards, card{loc: int16(locality), open: true})
	if len(p.fillLoc) == 0 {
		p.fillLoc, p.fillLoc2 = []Fill{0}, []Fill{0} // [0]: no offer
	}
	p.fillLoc = append(p.fillLoc, Fill(locality)<<fillBits)
	p.fillLoc2 = append(p.fillLoc2, Fill(locality)<<fillBits)
	p.spare = append(p.spare, 0)
	p.Demand2 = append(p.Demand2, 0)
	p.scoreCard(len(p.cards) - 1)
	p.dirty = true
	return len(p.Sector) - 1
}

// Close withdraws an offer for good.
func (p *Platform) Close(o int) {
	if p.Open[o] {
		p.Open[o] = false
		p.cards[o].open = false
		p.dirty = true
	}
}

// Offered returns the value on offer of o this month: capacity times price.
func (p *Platform) Offered(o int) ledger.Amount {
	if !p.Open[o] {
		return 0
	}
	return ledger.Trunc(p.Capacity[o] * float64(p.Price[o]))
}

// Distance returns the grid distance between two localities.
func (p *Platform) Distance(a, b int) int {
	if p.dist != nil {
		return int(p.dist[a*p.localities+b])
	}
	ax, ay, bx, by := a%p.side, a/p.side, b%p.side, b/p.side
	dx, dy := ax-bx, ay-by
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	return dx + dy
}

// Levy returns the transport levy on value traded between two localities (truncated
// to the micro-token).
func (p *Platform) Levy(value ledger.Amount, from, to int) ledger.Amount {
	return p.levy(value, from, to)
}

// BeforeLevy returns what a budget buys from locality to for a buyer at from, leaving
// room for the levy on it: budget / (1 + rate × distance), truncated.
func (p *Platform) BeforeLevy(budget ledger.Amount, from, to int) ledger.Amount {
	if p.roomPair != nil {
		return p.roomPair[from*p.localities+to].Of(budget)
	}
	if d := p.Distance(from, to); d > 0 {
		return p.roomQ[min(d, len(p.roomQ)-1)].Of(budget)
	}
	return budget
}

// LevyFrom returns the levy's rate from locality from to each locality (Levy is
// LevyFrom(from)[to].Of(value)), or nil when there are too many localities for a
// table and Levy computes it. A hot loop reads the row once per buyer.
func (p *Platform) LevyFrom(from int) []ledger.Rate {
	if p.levyPair == nil {
		return nil
	}
	return p.levyPair[from*p.localities : (from+1)*p.localities]
}

// RoomFrom is LevyFrom for BeforeLevy: the share of a budget at locality from left
// for goods from each locality, or nil.
func (p *Platform) RoomFrom(from int) []ledger.Rate {
	if p.roomPair == nil {
		return nil
	}
	return p.roomPair[from*p.localities : (from+1)*p.localities]
}

func (p *Platform) levy(value ledger.Amount, from, to int) ledger.Amount {
	if p.levyPair != nil {
		return p.levyPair[from*p.localities+to].Of(value)
	}
	d := p.Distance(from, to)
	if d == 0 || p.cfg.LevyRate == 0 {
		return 0
	}
	if p.levyQ != nil {
		return p.levyQ[d].Of(value)
	}
	return ledger.Scale(value, p.cfg.LevyRate*float64(d))
}

// BeginTick clears the tick's orders and sales and brings the lists of open offers up
// to date.
func (p *Platform) BeginTick() {
	p.Refresh()
	clear(p.Demand)
	clear(p.Demand2)
	clear(p.Sold)
}

// BeginMonth ages the wants list: last month's unmet wants join the listed backlog,
// which keeps wants_decay of what it held, and the month's unmet wants start at 0.
// It runs on the first tick of each month, after BeginTick.
func (p *Platform) BeginMonth() {
	for i, u := range p.Unmet {
		p.Listed[i] = ledger.Scale(p.Listed[i], p.cfg.WantsDecay) + u
		p.Unmet[i] = 0
	}
	clear(p.Idle)
}

// TallyIdle adds the tick's unsold capacity (value on offer less value sold) to the
// month's Idle, per sector. It runs after the tick's sales are known.
func (p *Platform) TallyIdle() {
	for o, open := range p.Open {
		if open {
			if left := p.Offered(o) - p.Sold[o]; left > 0 {
				p.Idle[p.Sector[o]] += left
			}
		}
	}
}

// Refresh brings the lists of open offers up to date after offers were added or
// closed; Choose sees only what was open at the last refresh.
func (p *Platform) Refresh() {
	if p.dirty {
		for s := range p.bySector {
			p.bySector[s] = p.bySector[s][:0]
		}
		for o, open := range p.Open {
			if open {
				p.bySector[p.Sector[o]] = append(p.bySector[p.Sector[o]], int32(o))
			}
		}
		p.dirty = false
	}
}

// OffersIn returns the number of open offers in a sector.
func (p *Platform) OffersIn(sector int) int { return len(p.bySector[sector]) }

// Choose picks the offer a buyer at locality takes in sector by the scenario's
// matching policy (best_of: the best-scoring of Candidates offers drawn at random), or
// -1 when the sector has none. exclude is an offer the buyer may not choose (its own
// co-op), or -1.
func (p *Platform) Choose(r *rand.Rand, sector, locality, exclude int) int {
	return p.matcher.Choose(p, r, sector, locality, exclude)
}

// ChooseFrom is Choose for r = rand.New(src): the same choice from the same draws,
// read from src directly where the policy allows (best_of), without an interface call
// for each draw.
func (p *Platform) ChooseFrom(r *rand.Rand, src *rand.PCG, sector, locality, exclude int) int {
	if b, ok := p.matcher.(bestOf); ok {
		return b.chooseFrom(p, src, p.bySector[sector], locality, exclude, p.cfg.Matching.Candidates)
	}
	return p.matcher.Choose(p, r, sector, locality, exclude)
}

// Order records a buyer's order of value from offer o.
func (p *Platform) Order(o int, value ledger.Amount) { p.Demand[o] += value }

// scoreCard sets the price-and-reputation part of offer o's matching score.
func (p *Platform) scoreCard(o int) {
	m := p.cfg.Matching
	p.cards[o].base = m.Price*float64(p.Price[o])*p.invRef[p.Sector[o]] - m.Reputation*p.Reputation[o]
}

// FillAt returns what an order of value on offer o gets this tick and the offer's
// locality: the settlement's two reads of an offer, from one place.
func (p *Platform) FillAt(o int, value ledger.Amount) (ledger.Amount, int) {
	f := p.fillLoc[o+1]
	return f.Of(value), f.Locality()
}

// fillBits holds a fill ratio in fillLoc: a Rate of at most 1<<32.
const fillBits = 40

// Fill is what settling reads of an offer in one round, packed in a word: the
// share of each order it fills and its locality.
type Fill uint64

// Of returns what an order of value gets (truncated to the micro-token).
func (f Fill) Of(value ledger.Amount) ledger.Amount {
	return ledger.Rate(f & (1<<fillBits - 1)).Of(value)
}

// Locality returns the offer's locality.
func (f Fill) Locality() int { return int(f >> fillBits) }

// FillTables returns the two rounds' Fills by offer, for a hot loop to read (FillAt
// reads one): offer o's at [o+1], and at [0] a Fill of nothing, so that an order on
// no offer (−1) gets nothing without a test. They are valid until the next Ration.
func (p *Platform) FillTables() (first, second []Fill) { return p.fillLoc, p.fillLoc2 }

// Want records a want that found no offer at all.
func (p *Platform) Want(sector, locality int, value ledger.Amount) {
	p.Unmet[sector*p.localities+locality] += value
}

// Ration fixes each offer's fill ratio for the month: min(1, value on offer / value
// ordered). Every order on an offer is filled in the same proportion, so the outcome
// does not depend on the order in which orders arrived.
func (p *Platform) Ration() {
	for o := range p.Demand {
		d := p.Demand[o]
		if d <= 0 || !p.Open[o] {
			p.fill[o] = 0
			p.fillLoc[o+1] = Fill(p.Locality[o]) << fillBits
			continue
		}
		p.fill[o] = min(1, float64(p.Offered(o))/float64(d))
		// The ratio is exactly 1<<32 when filled in full.
		p.fillLoc[o+1] = Fill(ledger.RateOf(p.fill[o])) | Fill(p.Locality[o])<<fillBits
	}
}

// SetPrice sets offer o's price (a decision of its co-op's owners), kept within
// [Floor, Ceiling] times its sector's base price; matching sees it at once.
func (p *Platform) SetPrice(o int, price ledger.Amount) {
	base := float64(p.BasePrice[p.Sector[o]])
	pc := p.cfg.Prices
	v := min(max(float64(price), base*pc.Floor), base*pc.Ceiling)
	p.Price[o] = max(1, ledger.Amount(math.Round(v)))
	p.scoreCard(o)
}

// Rerouting reports whether rationed orders are re-routed (Matching.Reroute).
func (p *Platform) Rerouting() bool { return p.cfg.Matching.Reroute }

// BeginReroute opens the re-routing round, after Ration: each offer's spare capacity
// (value on offer less the value ordered, where positive) and, per sector, the offers
// that have some.
func (p *Platform) BeginReroute() {
	for s := range p.bySpare {
		// room for every open offer of the sector, so that a steady economy's lists never grow
		if cap(p.bySpare[s]) < len(p.bySector[s]) {
			p.bySpare[s] = make([]int32, 0, len(p.bySector[s]))
			p.spareAt[s] = make([]SpareOffer, 0, len(p.bySector[s]))
		}
		p.bySpare[s] = p.bySpare[s][:0]
		p.spareAt[s] = p.spareAt[s][:0]
	}
	for o, open := range p.Open {
		p.spare[o] = 0
		if !open {
			continue
		}
		if left := p.Offered(o) - p.Demand[o]; left > 0 {
			p.spare[o] = left
			s := p.Sector[o]
			p.bySpare[s] = append(p.bySpare[s], int32(o))
			p.spareAt[s] = append(p.spareAt[s], SpareOffer{p.Price[o], int32(o)})
		}
	}
	if p.spareOne {
		p.viewSpare()
	}
}

// viewSpare lays out SpareTables' view of the round BeginReroute opened.
func (p *Platform) viewSpare() {
	if len(p.spareView) < len(p.spareAt) {
		p.spareView = make([][]SpareOffer, len(p.spareAt))
	}
	for s, list := range p.spareAt {
		p.spareView[s] = list
		if len(list) == 0 {
			p.spareView[s] = noSpare
		}
	}
	n := len(p.Price) + 1
	if cap(p.from) < n {
		p.from = make([]RerouteFrom, n, cap(p.Price)+1)
	}
	p.from = p.from[:n]
	p.from[0] = RerouteFrom{} // no offer: nothing filled, so no rest
	markup := 1 + p.cfg.Matching.RerouteMarkup
	for o, price := range p.Price {
		// a price is accepted when at most price*markup: for whole prices, at most its floor
		p.from[o+1] = RerouteFrom{p.fillLoc[o+1], ledger.Amount(math.Floor(float64(price) * markup))}
	}
}

// SpareTables returns, for the policy best_of comparing one offer (ok; otherwise
// re-route with ChooseSpare), the re-routing round's offers with capacity left per
// sector (a sector with none lists noSpare's one entry, which no buyer accepts) and,
// per offer o at from[o+1] (from[0] for an order on no offer, which fills nothing),
// its first-round Fill and the dearest price a buyer it rationed accepts. Choosing for
// a rationed order is then drawing one entry of its sector's list and taking it when
// its price is at most the first offer's dearest: the offers listed are open, and
// never the first offer, which has no capacity left. They are valid until the next
// BeginReroute, and let a loop over many buyers choose without a branch on the data.
func (p *Platform) SpareTables() (lists [][]SpareOffer, from []RerouteFrom, ok bool) {
	return p.spareView, p.from, p.spareOne
}

// ChooseSpare picks, by the matching policy, an offer with spare capacity in sector
// for the rest of an order rationed at offer from (the buyer's first choice), or −1
// when there is none at a price the buyer accepts (at most RerouteMarkup above from's).
func (p *Platform) ChooseSpare(r *rand.Rand, sector, locality, from, exclude int) int {
	if p.spareOne {
		return p.chooseSpareOne(r, sector, from, exclude)
	}
	list := p.bySpare[sector]
	if len(list) == 0 {
		return -1
	}
	o := p.matcher.ChooseIn(p, r, list, locality, exclude, p.cfg.Matching.RerouteCandidates)
	if o < 0 || o == from || float64(p.Price[o]) > float64(p.Price[from])*(1+p.cfg.Matching.RerouteMarkup) {
		return -1
	}
	return o
}

// chooseSpareOne is ChooseSpare for best_of comparing one offer: bestOf.ChooseIn
// draws one offer of the list and takes it unless it is excluded or closed (one
// candidate's finite score always beats the starting +Inf, so the score is not
// needed), drawing nothing when the list holds only the excluded offer. The draws,
// and so the choices, are the general path's.
func (p *Platform) chooseSpareOne(r *rand.Rand, sector, from, exclude int) int {
	list := p.spareAt[sector]
	n := len(list)
	if n == 0 || (n == 1 && int(list[0].Offer) == exclude) {
		return -1
	}
	// the dearest price the buyer accepts, read before the draw so that the two reads
	// (the first offer's, the drawn entry) can be waited for together
	most := p.from[from+1].Dearest
	c := list[r.IntN(n)]
	o := int(c.Offer)
	if o == exclude || o == from || !p.Open[o] || c.Price > most {
		return -1
	}
	return o
}

// Reroute records a re-routed order of value on offer o.
func (p *Platform) Reroute(o int, value ledger.Amount) { p.Demand2[o] += value }

// Ration2 fixes the re-routing round's fill ratios: min(1, spare / value re-routed),
// then adds the re-routed orders to each offer's demand (what prices respond to).
func (p *Platform) Ration2() {
	for o, d := range p.Demand2 {
		f := 0.0
		if d > 0 && p.Open[o] {
			f = min(1, float64(p.spare[o])/float64(d))
		}
		p.fillLoc2[o+1] = Fill(ledger.RateOf(f)) | Fill(p.Locality[o])<<fillBits
		p.Demand[o] += d
	}
}

// FillAt2 is FillAt for the re-routing round.
func (p *Platform) FillAt2(o int, value ledger.Amount) (ledger.Amount, int) {
	f := p.fillLoc2[o+1]
	return f.Of(value), f.Locality()
}

// Fill returns the part of an order of value on offer o that is filled this month
// (truncated to the micro-token: the rest stays with the buyer).
func (p *Platform) Fill(o int, value ledger.Amount) ledger.Amount {
	f, _ := p.FillAt(o, value)
	return f
}

// Settle records a filled purchase (sold) and the unfilled rest of the order (unmet).
func (p *Platform) Settle(o, buyerLocality int, ordered, paid ledger.Amount) {
	p.Sold[o] += paid
	if rest := ordered - paid; rest > 0 {
		p.Unmet[int(p.Sector[o])*p.localities+buyerLocality] += rest
	}
}

// UnmetBySector adds this month's unmet wants per sector into out.
func (p *Platform) UnmetBySector(out []ledger.Amount) {
	for s := range p.sectors {
		var v ledger.Amount
		for l := range p.localities {
			v += p.Unmet[s*p.localities+l]
		}
		out[s] = v
	}
}

// LargestWant returns the sector and locality with the most listed unmet wants, and
// their value; skip filters out sectors that should not be considered.
func (p *Platform) LargestWant() (sector, locality int, value ledger.Amount) {
	sector, locality = -1, -1
	for i, v := range p.Listed {
		if v > value {
			sector, locality, value = i/p.localities, i%p.localities, v
		}
	}
	return
}

// TakeWant removes value from the listed wants of a sector and locality (a start-up
// now aims to meet it).
func (p *Platform) TakeWant(sector, locality int, value ledger.Amount) {
	i := sector*p.localities + locality
	p.Listed[i] = max(0, p.Listed[i]-value)
}

// AdjustPrices moves each open offer's price by the month's pressure and updates
// reputations from delivery (the fill ratio) and quality (0..1 per offer, or nil).
func (p *Platform) AdjustPrices(quality []float64) {
	rc := p.cfg.Reputation
	learn := perTickRate(rc.Learning, p.perTick)
	clear(p.obsLog)
	clear(p.obsCap)
	for o, open := range p.Open {
		if !open {
			continue
		}
		old := p.Price[o]
		if !p.Held[o] {
			p.Price[o] = p.pricer.Price(p, o)
		}
		if s, c := p.Sector[o], p.Capacity[o]; c > 0 && old != p.Price[o] {
			p.obsLog[s] += c * math.Log(float64(p.Price[o])/float64(old))
			p.obsCap[s] += c
		} else if c > 0 {
			p.obsCap[s] += c
		}
		q := 0.5
		if quality != nil {
			q = quality[o]
		}
		delivered := 1.0
		if p.Demand[o] > 0 {
			delivered = p.fill[o]
		}
		p.Reputation[o] += learn * ((q+delivered)/2 - p.Reputation[o])
		p.scoreCard(o)
	}
	if beta := p.cfg.Prices.Expectations; beta > 0 {
		b := perTickRate(beta, p.perTick)
		for s := range p.expect {
			if p.obsCap[s] > 0 {
				observed := p.obsLog[s] / p.obsCap[s] / p.perTick // a month's rate
				p.expect[s] += b * (observed - p.expect[s])
			}
		}
	}
}

// perTickRate converts a monthly adjustment rate r (the share of a gap closed in a
// month) to a tick lasting perTick of a month: 1 − (1 − r)^perTick, so that the ticks
// of a month close the same share of the gap as one monthly tick.
func perTickRate(r, perTick float64) float64 {
	if perTick == 1 || r <= 0 || r >= 1 {
		return r
	}
	return 1 - math.Pow(1-r, perTick)
}

// PriceIndex returns the weighted mean over sectors of the capacity-weighted mean
// price relative to the base price (1 at the start).
func (p *Platform) PriceIndex() float64 {
	var num, wsum float64
	for s := range p.sectors {
		var pv, cap float64
		for _, o := range p.bySector[s] {
			if p.Open[o] {
				pv += p.Capacity[o] * float64(p.Price[o])
				cap += p.Capacity[o]
			}
		}
		if cap == 0 {
			continue
		}
		num += p.Weight[s] * (pv / cap) / float64(p.BasePrice[s])
		wsum += p.Weight[s]
	}
	if wsum == 0 {
		return 1
	}
	return num / wsum
}

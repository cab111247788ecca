package agents

import (
	"fmt"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The economy's state: members and co-ops as struct-of-arrays, and how they are placed and added.

// members is the members' state, struct of arrays.
type members struct {
	acct       []ledger.AccountID
	locality   []int16
	employer   []int32 // co-op, or none
	role       []uint8
	active     []bool
	guarantor  []int32 // inviting member, or none
	joinedAt   []int32
	vote       []uint8         // programme the member votes for
	budget     []ledger.Amount // this tick's spending budget
	monthLeft  []ledger.Amount // what is left of the month's spending budget (memberOrders)
	prevBal    []ledger.Amount // spendable tokens after last tick's purchases
	apprentice []int32         // months of apprenticeship left
	idle       []int16         // months out of work in a row
	lines      []line          // per member per sector (n*sectors): its offer and this tick's order there
	next, prev []int32         // intrusive list of a co-op's workers, or of the unemployed
	unemployed int32           // head of the unemployed list
	count      int             // active members
}

// line is a member's order in one category (sector) this tick: the offer it buys
// from there (pref, kept from tick to tick, or none), the value it ordered (val) and
// the offer the order's rationed rest was re-routed to (alt, or none). A member's
// lines lie side by side, so that each phase reads them in one stream.
type line struct {
	val  ledger.Amount
	pref int32
	alt  int32
}

// reserve makes room for n members with nS sectors, so that an economy growing into
// it never copies its arrays.
func (m *members) reserve(n, nS int) {
	m.acct = make([]ledger.AccountID, 0, n)
	m.locality = make([]int16, 0, n)
	m.employer = make([]int32, 0, n)
	m.role = make([]uint8, 0, n)
	m.active = make([]bool, 0, n)
	m.guarantor = make([]int32, 0, n)
	m.joinedAt = make([]int32, 0, n)
	m.vote = make([]uint8, 0, n)
	m.budget = make([]ledger.Amount, 0, n)
	m.monthLeft = make([]ledger.Amount, 0, n)
	m.prevBal = make([]ledger.Amount, 0, n)
	m.apprentice = make([]int32, 0, n)
	m.idle = make([]int16, 0, n)
	m.lines = make([]line, 0, n*nS)
	m.next = make([]int32, 0, n)
	m.prev = make([]int32, 0, n)
}

// crewMember is a worker of a co-op, by its account (a member's for good), and
// whether it is an apprentice (its role is roleApprentice): what paying it reads.
// Eight bytes, so that the crews add little to a million members' memory.
type crewMember struct {
	acct       ledger.AccountID
	apprentice bool
}

// growthRoom is the room for newcomers reserved at the start, as a share of the
// founding members (the reference economies grow by about two fifths in ten years).
const growthRoom = 0.5

// coops is the co-ops' state, struct of arrays.
type coops struct {
	acct     []ledger.AccountID
	sector   []int16
	locality []int16
	kind     []uint8
	alive    []bool
	head     []int32 // first worker
	// crew is each co-op's workers with their accounts, in the order they joined: its
	// list from head (the latest first) read backwards. Paying a co-op's members walks
	// this array, whose reads do not wait on each other, not the list, whose do.
	crew         [][]crewMember
	workers      []int32
	bill         []ledger.Amount // a tick's pay of its members
	productivity []float64       // units per worker-month
	unpaid       []int16         // months in a row unable to pay in full
	born         []int32
	producesFrom []int32 // the first month it makes anything (a Foundation start-up: the month after its founding)
	monthSales   []ledger.Amount
	grant        []ledger.Amount // grant received this month
	inputFill    []float64       // share of needed inputs bought last tick
	obligation   []Obligation    // investment obligation: value still to offer, and by when
	growth       []map[int]float64
	short        []bool          // could not pay in full this month
	inputWant    []ledger.Amount // inputs wanted this tick
	inputGot     []ledger.Amount // inputs bought this tick
	monthDemand  []ledger.Amount // value ordered from it this month
	monthOffered []ledger.Amount // value it offered this month
	// The month's payout to members (the grant's bonus share, then the surplus), fixed
	// at the start of the month and paid over its ticks: what is left of each.
	bonusLeft, surplusLeft []ledger.Amount
	payRate                []float64          // the share of the month's pay it pays, fixed at the month's start (payMembers)
	grantLeft              [][3]ledger.Amount // a month of several ticks: the month's grant-funded supplies, capacity and innovation still to buy (grantLeft)
	stolen                 []ledger.Amount    // value of goods taken by fraud or sold off the platform (Buy), gone from the next offer
	advance                []ledger.Amount    // last month's grant, when grants are advances to repay
	lastSales              []ledger.Amount    // the last closed month's sales
	target                 []float64          // planned output, units a month (0: none)
	apprentices            []int32            // apprentices among its workers
	// Set from outside (control.go): a co-op run by a player or a subsystem.
	wageMul     []float64       // its pay as a multiple of its sector's wage (1: the sector's)
	controlled  []bool          // the economy's own rules do not hire or shed for it
	noGrant     []bool          // not granted tokens for its offers
	soldOff     []ledger.Amount // value of the last tick's goods sold off the platform since (SellTo)
	earmark     []ledger.Amount // start-up funding (fundStartup, investment issuance), kept back from the surplus while it lasts
	lastDemand  []ledger.Amount // the last closed month's value ordered from it
	lastOffered []ledger.Amount // the last closed month's value on offer
	// buyFrom is what each co-op chose at the month's start to buy from (heldOrder):
	// an offer per input, then an offer and a sector for each grant-funded purchase
	// (supplies, capacity, innovation); none where it has not chosen.
	buyFrom [][]int32
	alive_  int
}

// setup places the founding members and co-ops.
func (e *Economy) setup() error {
	cfg := e.cfg
	sim.Seed(&e.src, e.seed, 0, 0, sim.PurposeSetup)
	e.m.unemployed = none
	initial := ledger.Tokens(cfg.Member.InitialBalance)
	for range cfg.Members {
		i := e.addMember(int16(e.rng.IntN(max(cfg.Localities, 1))), none)
		if initial > 0 {
			if err := e.ledger.Issue(e.m.acct[i], initial, 0, ledger.TxGift, 0); err != nil {
				return err
			}
		}
	}
	e.joined = 0
	// Staff the co-ops from the members, keeping the unemployed share aside.
	workforce := cfg.Members - int(float64(cfg.Members)*cfg.Member.Unemployed)
	next := 0
	take := func(c, k int) {
		for ; k > 0 && next < workforce; k-- {
			e.hire(c, int32(next), roleWorker)
			next++
		}
	}
	for _, f := range cfg.Founding {
		s := e.sectorIndex(f.Sector)
		c := e.addCoop(s, f.Locality, typeIndex(f.Type), ledger.Tokens(f.Estimate))
		e.c.growth[c] = f.Growth
		take(c, f.Workers)
	}
	types := e.typeWeights()
	for k := range cfg.Coops.Count {
		s := pickWeighted(e.rng, e.share)
		c := e.addCoop(s, e.rng.IntN(max(cfg.Localities, 1)), uint8(pickWeighted(e.rng, types)), -1)
		w := cfg.Coops.WorkersMin + e.rng.IntN(cfg.Coops.WorkersMax-cfg.Coops.WorkersMin+1)
		// Leave enough members for the co-ops still to come.
		left := cfg.Coops.Count - k - 1
		w = min(w, workforce-next-left*cfg.Coops.WorkersMin)
		take(c, max(w, 1))
	}
	// Members' own sectors' co-ops live where they work.
	for i := range e.m.acct {
		if c := e.m.employer[i]; c != none {
			e.m.locality[i] = e.c.locality[c]
		}
	}
	e.started = 0
	return nil
}

func (e *Economy) typeWeights() []float64 {
	w := make([]float64, len(typeNames))
	for i, n := range typeNames {
		w[i] = e.cfg.Coops.Types[n]
	}
	return w
}

func typeIndex(name string) uint8 {
	for i, n := range typeNames {
		if n == name {
			return uint8(i)
		}
	}
	return TypeWorker
}

func (e *Economy) sectorIndex(name string) int {
	for i, s := range e.sectors {
		if s == name {
			return i
		}
	}
	panic(fmt.Sprintf("agents: unknown sector %q (config not validated)", name))
}

// pickWeighted draws an index with probability proportional to w.
func pickWeighted(r *rand.Rand, w []float64) int {
	var total float64
	for _, x := range w {
		total += x
	}
	u := r.Float64() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// addMember registers a new member, unemployed, and returns its number.
func (e *Economy) addMember(locality int16, guarantor int32) int {
	m := &e.m
	i := len(m.acct)
	m.acct = append(m.acct, e.ledger.Open(ledger.KindMember))
	m.locality = append(m.locality, locality)
	m.employer = append(m.employer, none)
	m.role = append(m.role, roleNone)
	m.active = append(m.active, true)
	m.guarantor = append(m.guarantor, guarantor)
	m.joinedAt = append(m.joinedAt, int32(e.month))
	m.vote = append(m.vote, uint8(pickWeighted(e.rng, e.programmes[:])))
	m.budget = append(m.budget, 0)
	m.monthLeft = append(m.monthLeft, 0)
	m.prevBal = append(m.prevBal, 0)
	m.apprentice = append(m.apprentice, 0)
	m.idle = append(m.idle, 0)
	for range e.sectors {
		m.lines = append(m.lines, line{pref: none, alt: none})
	}
	m.next = append(m.next, none)
	m.prev = append(m.prev, none)
	e.pushUnemployed(int32(i))
	m.count++
	e.joined++
	if guarantor != none {
		e.recent = append(e.recent, int32(i))
	}
	return i
}

// addCoop registers a new co-op with its offer line and returns its number. estimate
// < 0 means "from coops.estimate" once its capacity is known.
func (e *Economy) addCoop(sector, locality int, kind uint8, estimate ledger.Amount) int {
	c := &e.c
	i := len(c.acct)
	c.acct = append(c.acct, e.ledger.Open(ledger.KindCoop))
	c.sector = append(c.sector, int16(sector))
	c.locality = append(c.locality, int16(locality))
	c.kind = append(c.kind, kind)
	c.alive = append(c.alive, true)
	c.head = append(c.head, none)
	c.crew = append(c.crew, nil)
	c.workers = append(c.workers, 0)
	c.bill = append(c.bill, 0)
	c.productivity = append(c.productivity, e.cfg.Sectors[sector].Productivity)
	c.unpaid = append(c.unpaid, 0)
	c.born = append(c.born, int32(e.month))
	c.producesFrom = append(c.producesFrom, 0)
	c.monthSales = append(c.monthSales, 0)
	c.grant = append(c.grant, 0)
	c.inputFill = append(c.inputFill, 1)
	c.obligation = append(c.obligation, Obligation{})
	c.growth = append(c.growth, nil)
	c.short = append(c.short, false)
	c.inputWant = append(c.inputWant, 0)
	c.stolen = append(c.stolen, 0)
	c.advance = append(c.advance, 0)
	c.lastSales = append(c.lastSales, 0)
	c.target = append(c.target, 0)
	c.apprentices = append(c.apprentices, 0)
	c.wageMul = append(c.wageMul, 1)
	c.controlled = append(c.controlled, false)
	c.noGrant = append(c.noGrant, false)
	c.soldOff = append(c.soldOff, 0)
	c.earmark = append(c.earmark, 0)
	c.lastDemand, c.lastOffered = append(c.lastDemand, 0), append(c.lastOffered, 0)
	c.bonusLeft, c.surplusLeft = append(c.bonusLeft, 0), append(c.surplusLeft, 0)
	c.payRate = append(c.payRate, 1)
	c.grantLeft = append(c.grantLeft, [3]ledger.Amount{})
	c.inputGot = append(c.inputGot, 0)
	c.monthDemand = append(c.monthDemand, 0)
	c.monthOffered = append(c.monthOffered, 0)
	held := make([]int32, len(e.inputs[sector])+2*grantBuys)
	for k := range held {
		held[k] = none
	}
	c.buyFrom = append(c.buyFrom, held)
	c.alive_++
	e.lines.Group[e.lines.Add(estimate)] = int32(sector)
	base := e.platform.BasePrice[sector]
	if n := e.platform.OffersIn(sector); n > 0 && e.month > 0 {
		base = e.sectorPrice(sector)
	}
	if o := e.platform.AddOffer(sector, locality, base, 0); o != i {
		panic("agents: offer and co-op numbers diverged")
	}
	e.grantsOut = append(e.grantsOut, 0)
	e.offeredScratch = append(e.offeredScratch, 0)
	e.started++
	return i
}

// sectorPrice returns the mean price of a sector's open offers.
func (e *Economy) sectorPrice(s int) ledger.Amount {
	var sum, n int64
	for o := range e.platform.Open {
		if e.platform.Open[o] && int(e.platform.Sector[o]) == s {
			sum += e.platform.Price[o]
			n++
		}
	}
	if n == 0 {
		return e.platform.BasePrice[s]
	}
	return sum / n
}

package agents

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/exchange"
	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// Co-op types.
const (
	TypeWorker uint8 = iota
	TypeProducer
	TypeConsumer
	TypeMultiStakeholder
)

var typeNames = []string{"worker", "producer", "consumer", "multi_stakeholder"}

// Member roles.
const (
	roleNone uint8 = iota
	roleWorker
	roleApprentice
)

const none = -1

// Economy is the co-operative economy of MODEL §1-5: members, co-ops and the Foundation
// trading on one ledger through the Exchange Platform, with grant issuance. All agent
// state is held as arrays indexed by dense member and co-op numbers; a member or co-op
// is never a heap object of its own.
type Economy struct {
	cfg      Config
	seed     uint64
	clock    sim.Clock
	ledger   *ledger.Ledger
	issuer   *issuance.Issuer
	platform *exchange.Platform
	lines    issuance.Lines

	sectors     []string
	share       []float64 // normalised spending shares
	wage        []ledger.Amount
	inputs      [][]sectorShare // per sector: supplying sectors and coefficients
	investIn    []int           // sectors capacity investment and innovation are bought from
	programmes  [sim.NumProgrammes]float64
	foundation  ledger.AccountID
	perTick     float64 // share of a month in a tick
	ticksPerMon int

	m members
	c coops

	src rand.PCG
	rng *rand.Rand

	// Parallel phases: co-op shards, then member shards, each with its own stream and
	// ledger batch; merged in that order.
	pool     *sim.Pool
	cw, mw   []*work
	all      []*work
	batches  []*ledger.Batch
	seqw     *work              // for payments made in the sequential phases
	payees   []ledger.AccountID // the co-ops by number, then the Foundation
	tick     int
	monthBeg bool
	payFn    func(int)
	orderFn  func(int)
	settleFn func(int)
	demandFn func(int)
	soldFn   func(int)
	levyRoom []ledger.Rate // by distance: the share of a budget left for goods
	roomPair []ledger.Rate // the same by (buyer, seller) locality pair, when few

	apprentices []int32       // members in an apprenticeship (some may have left it)
	recent      []int32       // invited newcomers, in order of joining
	barred      []int32       // members barred for fraud
	shareQ      []ledger.Rate // spending shares, for the hot path

	wageTick, apprenticeTick []ledger.Amount // per sector: a tick's pay
	employed                 int64

	// Month-level accumulators and counters for metrics.
	month           int
	monthOffered    ledger.Amount
	tickSales       ledger.Amount
	tickWages       ledger.Amount
	tickLevy        ledger.Amount
	foundIncome     ledger.Amount
	foundSpend      ledger.Amount
	progSpend       [sim.NumProgrammes]ledger.Amount
	investment      ledger.Amount
	investThisMonth ledger.Amount
	joined, left    int64
	started, failed int64
	obligationsMet  int64
	obligationsLost int64
	lastPriceIndex  float64
	priceIndex      float64
	grantsOut       []ledger.Amount // scratch for issuance
	offeredScratch  []ledger.Amount
	awarenessCarry  float64
	dist            sim.Distribution
	unmet           []ledger.Amount
	qual            []float64
}

type sectorShare struct {
	sector int
	coef   float64
}

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
	prevBal    []ledger.Amount // spendable tokens after last tick's purchases
	apprentice []int32         // months of apprenticeship left
	pref       []int32         // preferred offer per member per sector (n*sectors)
	orderVal   []ledger.Amount // this tick's order per member per sector (n*sectors)
	next, prev []int32         // intrusive list of a co-op's workers, or of the unemployed
	unemployed int32           // head of the unemployed list
	count      int             // active members
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
	m.prevBal = make([]ledger.Amount, 0, n)
	m.apprentice = make([]int32, 0, n)
	m.pref = make([]int32, 0, n*nS)
	m.orderVal = make([]ledger.Amount, 0, n*nS)
	m.next = make([]int32, 0, n)
	m.prev = make([]int32, 0, n)
}

// growthRoom is the room for newcomers reserved at the start, as a share of the
// founding members (the reference economies grow by about two fifths in ten years).
const growthRoom = 0.5

// coops is the co-ops' state, struct of arrays.
type coops struct {
	acct         []ledger.AccountID
	sector       []int16
	locality     []int16
	kind         []uint8
	alive        []bool
	head         []int32 // first worker
	workers      []int32
	bill         []ledger.Amount // a tick's pay of its members
	productivity []float64       // units per worker-month
	unpaid       []int16         // months in a row unable to pay in full
	born         []int32
	monthSales   []ledger.Amount
	grant        []ledger.Amount // grant received this month
	inputFill    []float64       // share of needed inputs bought last tick
	owed         []ledger.Amount // investment obligation: value still to offer
	owedBy       []int32         // month the obligation falls due (0: none)
	growth       []map[int]float64
	short        []bool          // could not pay in full this month
	inputWant    []ledger.Amount // inputs wanted this tick
	inputGot     []ledger.Amount // inputs bought this tick
	monthDemand  []ledger.Amount // value ordered from it this month
	monthOffered []ledger.Amount // value it offered this month
	alive_       int
}

// NewEconomy builds the co-operative economy a configuration describes.
func NewEconomy(cfg Config, seed uint64) (*Economy, error) {
	clock, err := sim.NewClock(cfg.Clock, cfg.Ticks)
	if err != nil {
		return nil, fieldErr("clock", "%v", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	issuer, err := issuance.New(cfg.Issuance)
	if err != nil {
		return nil, fieldErr("issuance", "%v", err)
	}
	e := &Economy{cfg: cfg, seed: seed, clock: clock, issuer: issuer, perTick: clock.PerMonth(),
		priceIndex: 1, lastPriceIndex: 1}
	e.ticksPerMon = int(1/e.perTick + 0.5)
	e.rng = rand.New(&e.src)
	e.pool = sim.NewPool(0)
	e.dist.SetPool(e.pool)
	e.payFn, e.orderFn, e.settleFn = e.payShard, e.orderShard, e.settleShard
	e.demandFn, e.soldFn = e.sumDemand, e.sumSold
	nS := len(cfg.Sectors)
	e.sectors = make([]string, nS)
	e.share = make([]float64, nS)
	e.wage = make([]ledger.Amount, nS)
	e.inputs = make([][]sectorShare, nS)
	e.unmet = make([]ledger.Amount, nS)
	base := make([]ledger.Amount, nS)
	var total float64
	for _, s := range cfg.Sectors {
		total += s.Share
	}
	idx := map[string]int{}
	for i, s := range cfg.Sectors {
		idx[s.Name] = i
		e.sectors[i] = s.Name
		e.share[i] = s.Share / total
		e.wage[i] = ledger.Tokens(s.Wage)
		base[i] = ledger.Tokens(s.BasePrice)
	}
	investSet := map[int]bool{}
	for i, s := range cfg.Sectors {
		for _, k := range sortedKeys(s.Inputs) {
			if s.Inputs[k] > 0 {
				e.inputs[i] = append(e.inputs[i], sectorShare{idx[k], s.Inputs[k]})
				investSet[idx[k]] = true
			}
		}
	}
	for i := range nS {
		if investSet[i] || len(investSet) == 0 {
			e.investIn = append(e.investIn, i)
		}
	}
	e.programmes = cfg.Foundation.Programmes.shares()
	e.platform = exchange.New(cfg.Exchange, base, e.share, cfg.Localities)
	n := cfg.Members + int(growthRoom*float64(cfg.Members))
	e.m.reserve(n, nS)
	e.ledger = ledger.New(ledger.Options{Capacity: n + cfg.Coops.Count + len(cfg.Founding) + 1, AllowExternal: cfg.Ledger.AllowExternal})
	e.ledger.SetRunner(e.pool)
	e.foundation = e.ledger.Open(ledger.KindFoundation)
	e.seqw = e.newWork(1 << 30)
	for i := range e.wage {
		e.wageTick = append(e.wageTick, ledger.Scale(e.wage[i], e.perTick))
		e.apprenticeTick = append(e.apprenticeTick, ledger.Scale(ledger.Scale(e.wage[i], cfg.Foundation.Apprenticeship), e.perTick))
	}
	if err := e.setup(); err != nil {
		return nil, err
	}
	// levyRoom[d] is the share of a budget left for goods from distance d.
	maxD := e.platform.Distance(0, e.platform.Localities()-1) + 1
	e.levyRoom = make([]ledger.Rate, maxD+1)
	for d := range e.levyRoom {
		e.levyRoom[d] = ledger.RateOf(1 / (1 + cfg.Exchange.LevyRate*float64(d)))
	}
	for _, s := range e.share {
		e.shareQ = append(e.shareQ, ledger.RateOf(s))
	}
	if l := e.platform.Localities(); l <= 128 {
		e.roomPair = make([]ledger.Rate, l*l)
		for a := range l {
			for b := range l {
				e.roomPair[a*l+b] = e.levyRoom[e.platform.Distance(a, b)]
			}
		}
	}
	for i := range e.m.acct {
		e.m.prevBal[i] = e.ledger.Balance(e.m.acct[i])
	}
	return e, nil
}

// SetWorkers sets the number of goroutines the parallel phases use (0: GOMAXPROCS).
// Results do not depend on it.
func (e *Economy) SetWorkers(n int) {
	e.pool = sim.NewPool(n)
	e.dist.SetPool(e.pool)
	e.ledger.SetRunner(e.pool)
}

// Ledger returns the economy's ledger.
func (e *Economy) Ledger() *ledger.Ledger { return e.ledger }

// Clock returns the economy's clock.
func (e *Economy) Clock() sim.Clock { return e.clock }

// Sectors returns the sector names.
func (e *Economy) Sectors() []string { return e.sectors }

// Platform returns the Exchange Platform.
func (e *Economy) Platform() *exchange.Platform { return e.platform }

// Foundation returns the Foundation's account.
func (e *Economy) Foundation() ledger.AccountID { return e.foundation }

// Members returns the number of members ever registered (active or not).
func (e *Economy) Members() int { return len(e.m.acct) }

// Balance returns member i's holdings: ordinary, grant and savings.
func (e *Economy) Balance(i int) ledger.Amount { return e.ledger.Holdings(e.m.acct[i]) }

// Len and Value present the members' holdings for measurement (sim.Values).
func (e *Economy) Len() int { return len(e.m.acct) }

// Value returns member i's holdings.
func (e *Economy) Value(i int) ledger.Amount { return e.Balance(i) }

// MemberAccount returns member i's account.
func (e *Economy) MemberAccount(i int) ledger.AccountID { return e.m.acct[i] }

// MemberActive reports whether member i is still registered.
func (e *Economy) MemberActive(i int) bool { return e.m.active[i] }

// Coops returns the number of co-ops ever started.
func (e *Economy) Coops() int { return len(e.c.acct) }

// CoopAccount returns co-op c's account.
func (e *Economy) CoopAccount(c int) ledger.AccountID { return e.c.acct[c] }

// CoopAlive reports whether co-op c is trading.
func (e *Economy) CoopAlive(c int) bool { return e.c.alive[c] }

// Lines returns the issuance offer lines (one per co-op).
func (e *Economy) Lines() *issuance.Lines { return &e.lines }

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
	m.prevBal = append(m.prevBal, 0)
	m.apprentice = append(m.apprentice, 0)
	for range e.sectors {
		m.pref = append(m.pref, none)
		m.orderVal = append(m.orderVal, 0)
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
	c.workers = append(c.workers, 0)
	c.bill = append(c.bill, 0)
	c.productivity = append(c.productivity, e.cfg.Sectors[sector].Productivity)
	c.unpaid = append(c.unpaid, 0)
	c.born = append(c.born, int32(e.month))
	c.monthSales = append(c.monthSales, 0)
	c.grant = append(c.grant, 0)
	c.inputFill = append(c.inputFill, 1)
	c.owed = append(c.owed, 0)
	c.owedBy = append(c.owedBy, 0)
	c.growth = append(c.growth, nil)
	c.short = append(c.short, false)
	c.inputWant = append(c.inputWant, 0)
	c.inputGot = append(c.inputGot, 0)
	c.monthDemand = append(c.monthDemand, 0)
	c.monthOffered = append(c.monthOffered, 0)
	c.alive_++
	e.lines.Add(estimate)
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

// Intrusive lists: a co-op's workers, and the unemployed.

func (e *Economy) listHead(c int32) *int32 {
	if c == none {
		return &e.m.unemployed
	}
	return &e.c.head[c]
}

func (e *Economy) link(c, i int32) {
	h := e.listHead(c)
	e.m.prev[i], e.m.next[i] = none, *h
	if *h != none {
		e.m.prev[*h] = i
	}
	*h = i
}

func (e *Economy) unlink(c, i int32) {
	m := &e.m
	if m.prev[i] != none {
		m.next[m.prev[i]] = m.next[i]
	} else {
		*e.listHead(c) = m.next[i]
	}
	if m.next[i] != none {
		m.prev[m.next[i]] = m.prev[i]
	}
	m.next[i], m.prev[i] = none, none
}

func (e *Economy) pushUnemployed(i int32) { e.link(none, i) }

// hire moves member i from the unemployed to co-op c.
func (e *Economy) hire(c int, i int32, role uint8) {
	if e.m.employer[i] != none {
		return
	}
	e.unlink(none, i)
	e.m.employer[i] = int32(c)
	e.m.role[i] = role
	e.link(int32(c), i)
	e.c.workers[c]++
	e.c.bill[c] += e.workerWage(c, i)
	e.employed++
	if role == roleApprentice {
		e.m.apprentice[i] = apprenticeshipMonths
		e.apprentices = append(e.apprentices, i)
	}
}

// release moves member i from its co-op to the unemployed (or out, when barred).
func (e *Economy) release(i int32) {
	c := e.m.employer[i]
	if c == none {
		return
	}
	e.unlink(c, i)
	e.c.workers[c]--
	e.c.bill[c] -= e.workerWage(int(c), i)
	e.employed--
	e.m.employer[i], e.m.role[i] = none, roleNone
	e.m.apprentice[i] = 0
	if e.m.active[i] {
		e.pushUnemployed(i)
	}
}

// Step runs one tick's phases: month start (expiry, labour, issuance, Foundation),
// production, pay, orders, rationing and settlement, prices, newcomers.
func (e *Economy) Step(tick int) error {
	month := e.clock.Month(tick)
	monthStart := e.clock.MonthStart(tick)
	e.tick = tick
	e.tickSales, e.tickWages, e.tickLevy = 0, 0, 0
	e.platform.BeginMonth()
	if monthStart {
		e.month = month
		e.foundIncome, e.foundSpend = 0, 0
		clear(e.progSpend[:])
		e.investThisMonth = 0
		if month > 1 {
			e.ledger.Expire(month - 1)
			e.endOfMonth()
		}
	}
	if monthStart {
		e.applyGrowth(month)
	}
	e.produce()
	if monthStart {
		if err := e.issue(month); err != nil {
			return err
		}
		if err := e.giveaway(month); err != nil {
			return err
		}
		if !e.cfg.Fixed.Foundation {
			if err := e.foundationMonth(tick, month); err != nil {
				return err
			}
		}
	}
	if err := e.trade(tick, monthStart); err != nil {
		return err
	}
	if !e.cfg.Fixed.Prices {
		e.platform.AdjustPrices(e.quality())
	}
	e.lastPriceIndex = e.priceIndex
	e.priceIndex = e.platform.PriceIndex()
	if monthStart && !e.cfg.Fixed.Members {
		if err := e.membersMonth(tick); err != nil {
			return err
		}
	}
	return nil
}

// produce sets each live co-op's capacity for the tick: workers times productivity,
// held back when it could not buy its inputs.
func (e *Economy) produce() {
	for c, alive := range e.c.alive {
		if !alive {
			continue
		}
		held := 0.8 + 0.2*e.c.inputFill[c]
		e.platform.Capacity[c] = float64(e.c.workers[c]) * e.c.productivity[c] * e.perTick * held
		e.c.monthOffered[c] += e.platform.Offered(c)
	}
}

// applyGrowth applies the planned capacity changes of founding co-ops for month.
func (e *Economy) applyGrowth(month int) {
	for c, g := range e.c.growth {
		if r, ok := g[month]; ok && e.c.alive[c] {
			e.c.productivity[c] *= 1 + r
		}
	}
}

// monthlyOffered returns co-op c's value on offer over a month.
func (e *Economy) monthlyOffered(c int) ledger.Amount {
	return ledger.Amount(float64(e.platform.Offered(c)) / e.perTick)
}

// issue creates the month's grant tokens: per offer line by the grant formula, times
// the release factor, split between the co-op (1-f) and the Foundation (f), as grant
// lots that expire after the scenario's months.
func (e *Economy) issue(month int) error {
	var total ledger.Amount
	for c := range e.c.acct {
		e.offeredScratch[c] = e.monthlyOffered(c)
		total += e.offeredScratch[c]
		if e.lines.Months[c] == 0 && e.lines.Estimate[c] < 0 {
			e.lines.Estimate[c] = ledger.Scale(e.offeredScratch[c], e.cfg.Coops.Estimate)
		}
	}
	e.monthOffered = total
	if e.cfg.Issuance.Formula == "none" {
		return nil
	}
	env := issuance.Env{Month: month, SavingsRatio: e.savingsRatio(), BalanceRatio: e.balanceRatio(), PriceIndex: e.priceIndex, TotalOffered: total}
	if _, err := e.issuer.Grants(&e.lines, e.offeredScratch, e.c.alive, env, e.grantsOut); err != nil {
		return err
	}
	f := e.issuer.FoundationShare(month)
	expiry := e.issuer.Expiry(month)
	for c, g := range e.grantsOut {
		e.c.grant[c] = 0
		if g <= 0 {
			continue
		}
		toF, toCoop := ledger.Split(g, f)
		if toCoop > 0 {
			if err := e.ledger.Issue(e.c.acct[c], toCoop, expiry, ledger.TxOther, int64(c)); err != nil {
				return err
			}
			e.c.grant[c] = toCoop
		}
		if toF > 0 {
			if err := e.ledger.Issue(e.foundation, toF, 0, ledger.TxOther, int64(c)); err != nil {
				return err
			}
			e.foundIncome += toF
		}
	}
	return nil
}

func (e *Economy) savingsRatio() float64 {
	s := e.ledger.Supply()
	if s <= 0 {
		return 0
	}
	return float64(e.ledger.Sum().Savings) / float64(s)
}

func (e *Economy) balanceRatio() float64 {
	if e.monthOffered <= 0 {
		return 0
	}
	t := e.ledger.Sum()
	return float64(t.Ordinary+t.Grant) / float64(e.monthOffered)
}

// giveaway is the counterfactual lump launch: tokens to the first members who ask.
func (e *Economy) giveaway(month int) error {
	g := e.cfg.Giveaway
	if g.Amount <= 0 || month != g.Month {
		return nil
	}
	k := max(1, int(g.Share*float64(len(e.m.acct))))
	k = min(k, len(e.m.acct))
	total := ledger.Tokens(g.Amount)
	each := total / ledger.Amount(k)
	rest := total - each*ledger.Amount(k)
	for i := range k {
		a := each
		if ledger.Amount(i) < rest%ledger.Amount(k) {
			a++
		}
		if a <= 0 {
			continue
		}
		if err := e.ledger.Issue(e.m.acct[i], a, 0, ledger.TxGift, 0); err != nil {
			return err
		}
	}
	return nil
}

// quality rates each co-op as a co-operator for its reputation: 1 when it has paid its
// members in full, falling with each month it could not.
func (e *Economy) quality() []float64 {
	e.qual = slices.Grow(e.qual[:0], len(e.c.acct))[:len(e.c.acct)]
	k := float64(e.cfg.Coops.FailAfterMonths)
	for c := range e.qual {
		e.qual[c] = 1 - min(1, float64(e.c.unpaid[c])/k)
	}
	return e.qual
}

// Measure fills the tick's metrics.
func (e *Economy) Measure(m *sim.Metrics) {
	m.Members = int64(e.m.count)
	m.MembersJoined, m.MembersLeft = e.joined, e.left
	m.Employed = e.employed
	m.CoopsAlive, m.CoopsStarted, m.CoopsFailed = int64(e.c.alive_), e.started, e.failed
	measureLedger(e.ledger, m, &e.dist, e)
	var offered ledger.Amount
	for c := range e.c.alive {
		offered += e.monthlyOffered(c)
	}
	m.OfferedValue = offered
	m.SalesValue = e.tickSales
	m.Wages = e.tickWages
	if offered > 0 {
		m.BalanceRatio = float64(m.Circulating) / float64(offered)
	}
	m.PriceIndex = e.priceIndex
	if e.lastPriceIndex > 0 {
		m.Inflation = e.priceIndex/e.lastPriceIndex - 1
	}
	if m.Circulating > 0 {
		m.Velocity = float64(e.tickSales) / float64(m.Circulating)
	}
	e.platform.UnmetBySector(e.unmet)
	m.UnmetBySector = append(m.UnmetBySector[:0], e.unmet...)
	for _, u := range e.unmet {
		m.UnmetWantsValue += u
	}
	m.FoundationBalance = e.ledger.Holdings(e.foundation)
	m.FoundationIncome, m.FoundationSpend = e.foundIncome, e.foundSpend
	m.ProgrammeSpend = e.progSpend
	m.Levy = e.tickLevy
	m.Investment = e.investment
	m.ObligationsMet, m.ObligationsMissed = e.obligationsMet, e.obligationsLost
}

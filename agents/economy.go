package agents

import (
	"math/rand/v2"

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
//
// Its state is cut along the seams of the tick: the labour market, trade and matching,
// issuance, the Foundation, newcomers and measurement each keep theirs in a struct of
// their own (below), and each registers its phases and metric columns (Register).
type Economy struct {
	cfg      Config
	seed     uint64
	clock    sim.Clock
	ledger   *ledger.Ledger
	platform *exchange.Platform

	sectors  []string
	share    []float64 // normalised spending shares
	wage     []ledger.Amount
	inputs   [][]sectorShare // per sector: supplying sectors and coefficients
	investIn []int           // sectors capacity investment and innovation are bought from
	// perTick is the tick's share of its month: 1 on a monthly clock; on a weekly one
	// 1/4 or 1/5, the month's ticks sharing it equally (setTickShare). Every rate stated
	// per month (pay, production, prices, reputations, savings draws, looking again)
	// is applied over it, so each calendar month of a weekly clock is one month of every
	// rule, as on a monthly clock, whether it has four weeks or five.
	perTick float64
	// The calendar month's ticks (1 on a monthly clock; 4 or 5 weeks on a weekly one):
	// how many it has, and how many are left of it, this tick included. A month's
	// amount spread over its ticks (a payout, grant-funded purchases, members' spending)
	// is paid in parts of what is left over the ticks left, so that the month pays it
	// all, whatever its number of weeks.
	monthTicks, ticksLeft int

	m members
	c coops

	// The sequential phases' random stream, reseeded per phase and tick.
	src rand.PCG
	rng *rand.Rand

	tick, month int
	monthBeg    bool // the tick is the first of its month
	started     int64
	failed      int64

	labourState
	tradeState
	issuanceState
	foundationState
	newcomerState
	measureState

	subs []sim.Subsystem // the subsystems the scenario switched on
}

// labourState is the labour market's: who is out of work, pay per tick, apprentices.
type labourState struct {
	wageTick, apprenticeTick  []ledger.Amount // per sector: a tick's pay
	employed                  int64
	apprentices               []int32 // members in an apprenticeship (some may have left it)
	apprenticesDone, founders int64   // apprenticeships finished, and apprentices who left to found (cumulative)
}

// tradeState is trade and matching's: the parallel phases over co-op shards, then
// member shards, each with its own stream and ledger batch, merged in that order.
type tradeState struct {
	pool                 *sim.Pool
	cw, mw               []*work
	all                  []*work
	batches              []*ledger.Batch
	seqw                 *work              // for payments made in the sequential phases
	payees               []ledger.AccountID // the co-ops by number, then the Foundation
	payFn                func(int)
	orderFn              func(int)
	settleFn             func(int)
	rerouteFn, demand2Fn func(int)
	demandFn             func(int)
	soldFn               func(int)
	moneyFn              func(int)          // memberMoneyShard
	moneyParts           [][2]ledger.Amount // memberMoney's sums by shard
	shareQ               []ledger.Rate      // spending shares, for the hot path

	tickSales, tickWages, tickLevy ledger.Amount
	costIndex                      float64       // what nominal costs are indexed to (1: not indexed)
	buyerMoney                     ledger.Amount // members' spendable tokens when they shopped this tick
	tickOffered                    ledger.Amount // value on offer this tick
	lastPriceIndex, priceIndex     float64
	qual                           []float64          // co-ops' quality as co-operators, for reputations
	eligible                       []bool             // co-ops granted tokens this month, when some are not (control.go)
	notGranted                     int                // co-ops set not to be granted tokens
	grantUses                      map[int32]GrantUse // co-ops' own grant-use mixes (SetCoopGrantUse)
}

// issuanceState is the issuance wiring's: the grant rules and the offer lines.
type issuanceState struct {
	issuer           *issuance.Issuer
	lines            issuance.Lines
	monthOffered     ledger.Amount   // value on offer this month, all co-ops
	closeBurned      ledger.Amount   // closing co-ops' grant tokens burned (cumulative)
	advanceRepaid    ledger.Amount   // advances repaid from receipts and burned (cumulative)
	grantedThisMonth ledger.Amount   // the month's grants, after the release factor
	grantsOut        []ledger.Amount // scratch for issuance
	offeredScratch   []ledger.Amount
}

// foundationState is the Foundation's: its account, budget shares and the month's
// figures.
type foundationState struct {
	foundation      ledger.AccountID
	programmes      [NumProgrammes]float64
	foundIncome     ledger.Amount
	foundSpend      ledger.Amount
	progSpend       [NumProgrammes]ledger.Amount
	investment      ledger.Amount
	investThisMonth ledger.Amount
	commonsStock    float64 // commons work bought, less 1% a month, tokens
	// what members see when they vote: the year's unmet wants and sales, and the price
	// index at the last vote
	yearUnmet, yearSales, yearPriceIndex float64
	obligationsMet                       int64
	obligationsLost                      int64
	awarenessCarry                       float64
}

// newcomerState is the newcomers': who joined, left, is still new, or was barred.
type newcomerState struct {
	joined, left   int64
	quits, leavers int64   // workers who quit, members who left for want of work (cumulative)
	quitters       []int32 // scratch: the workers who quit this month
	recent         []int32 // invited newcomers, in order of joining
	barred         []int32 // members barred for fraud

	// frauds (cumulative): goods taken, repaid from the fraudsters' holdings, paid by
	// guarantors, and lost by the victims
	fraudTaken, fraudOwn, fraudGuarantor, fraudLoss ledger.Amount
}

// measureState is measurement's.
type measureState struct {
	dist  sim.Distribution
	unmet []ledger.Amount
}

type sectorShare struct {
	sector int
	coef   float64
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
	e := &Economy{cfg: cfg, seed: seed, clock: clock, perTick: clock.PerMonth()}
	e.issuer = issuer
	e.priceIndex, e.lastPriceIndex, e.yearPriceIndex, e.costIndex = 1, 1, 1, 1
	e.rng = rand.New(&e.src)
	e.pool = sim.NewPool(0)
	e.dist.SetPool(e.pool)
	e.payFn, e.orderFn, e.settleFn = e.payShard, e.orderShard, e.settleShard
	e.rerouteFn, e.demand2Fn = e.rerouteShard, e.sumDemand2
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
	e.platform.SetTickLength(e.perTick)
	n := cfg.Members + int(growthRoom*float64(cfg.Members))
	e.m.reserve(n, nS)
	e.ledger = ledger.New(ledger.Options{Capacity: n + cfg.Coops.Count + len(cfg.Founding) + 1, AllowExternal: cfg.Ledger.AllowExternal,
		GrantLast:  cfg.Issuance.SpendGrants == "last",
		GrantTaint: cfg.Issuance.GrantTaint == "survives", TaintMonths: cfg.Issuance.GrantExpiryMonths})
	e.ledger.SetRunner(e.pool)
	e.foundation = e.ledger.Open(ledger.KindFoundation)
	e.seqw = e.newWork(1 << 30)
	for i := range e.wage {
		e.wageTick = append(e.wageTick, ledger.Scale(e.wage[i], e.perTick))
		e.apprenticeTick = append(e.apprenticeTick, ledger.Scale(cfg.Foundation.Stipend(e.wage[i]), e.perTick))
	}
	if err := e.setup(); err != nil {
		return nil, err
	}
	for _, s := range e.share {
		e.shareQ = append(e.shareQ, ledger.RateOf(s))
	}
	for i := range e.m.acct {
		e.m.prevBal[i] = e.ledger.Balance(e.m.acct[i])
	}
	if e.subs, err = buildSubsystems(&cfg, e); err != nil {
		return nil, err
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

// Intrusive lists: a co-op's workers, and the unemployed.

// Register registers the economy's phases, metric columns, measurements and mid-run
// parameters. The phase table below is the tick, in order (stage by stage, and within
// a stage in this order); each part registers its own columns (measure.go).
func (e *Economy) Register(r *sim.Registry) {
	month := func(f func(month int) error) func(sim.Tick) error {
		return func(t sim.Tick) error { return f(t.Month) }
	}
	phases := []sim.Phase{
		{Name: "economy/begin", Stage: sim.StageOpen, Cadence: sim.EveryTick, Run: e.beginTick},
		{Name: "foundation/open", Stage: sim.StageOpen, Cadence: sim.MonthStart, Run: e.openFoundationMonth},
		{Name: "ledger/expire", Stage: sim.StageOpen, Cadence: sim.MonthStart, Run: e.expire},
		{Name: "coops/month-end", Stage: sim.StageOpen, Cadence: sim.MonthStart, Run: e.closeMonth},
		{Name: "coops/growth", Stage: sim.StageProduce, Cadence: sim.MonthStart, Run: month(e.applyGrowth)},
		{Name: "coops/produce", Stage: sim.StageProduce, Cadence: sim.EveryTick, Run: e.produce},
		{Name: "issuance/grants", Stage: sim.StageIssue, Cadence: sim.MonthStart, Run: month(e.issue)},
		{Name: "trade/wages", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: e.tradeWages},
		{Name: "trade/orders", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: e.tradeOrders},
		{Name: "trade/ration", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: e.tradeRation},
		{Name: "trade/settle", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: e.tradeSettle},
		{Name: "exchange/prices", Stage: sim.StagePrice, Cadence: sim.EveryTick, Run: e.prices},
	}
	if e.cfg.Giveaway.Amount > 0 {
		phases = append(phases, sim.Phase{Name: "giveaway", Stage: sim.StageIssue, Cadence: sim.MonthStart, Run: month(e.giveaway)})
	}
	if !e.cfg.Fixed.Foundation {
		phases = append(phases, sim.Phase{Name: "foundation/programmes", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: e.foundationMonth})
	}
	if !e.cfg.Fixed.Members {
		phases = append(phases, sim.Phase{Name: "members/newcomers", Stage: sim.StageJoin, Cadence: sim.MonthStart, Run: e.membersMonth})
	}
	if !e.cfg.Fixed.Labour && !e.cfg.Fixed.Members && (e.cfg.Member.Quit > 0 || e.cfg.Member.Leave > 0) {
		phases = append(phases, sim.Phase{Name: "labour/turnover", Stage: sim.StageJoin, Cadence: sim.MonthStart, Run: e.turnover})
	}
	for _, p := range phases {
		r.Phase(p)
	}
	e.registerColumns(r)
	e.registerParams(r)
	for _, s := range e.subs {
		s.Register(r)
	}
}

// beginTick starts a tick: the tick's running sums and the Exchange Platform's orders
// are cleared; on the first tick of a month the platform's wants list ages a month.
func (e *Economy) beginTick(t sim.Tick) error {
	e.tick, e.monthBeg = t.N, t.MonthStart
	if t.MonthStart {
		e.month = t.Month
		// the calendar's month, whether or not the run goes on to its end
		e.monthTicks = e.clock.MonthTicks(t.Month)
		e.ticksLeft = e.monthTicks
		if e.clock.PerMonth() < 1 {
			e.setTickShare(e.clock.TickShare(t.N))
		}
	} else {
		e.ticksLeft = max(1, e.ticksLeft-1)
	}
	e.tickSales, e.tickWages, e.tickLevy, e.buyerMoney = 0, 0, 0, 0
	e.platform.BeginTick()
	if t.MonthStart {
		e.platform.BeginMonth()
	}
	return nil
}

// expire destroys the grant lots of the month just ended that were not spent.
func (e *Economy) expire(t sim.Tick) error {
	if t.Month > 1 {
		e.ledger.Expire(t.Month - 1)
	}
	return nil
}

// closeMonth closes the co-ops' month just ended (labour.go).
func (e *Economy) closeMonth(t sim.Tick) error {
	if t.Month > 1 {
		e.endOfMonth()
	}
	if e.cfg.Coops.IndexCosts {
		e.indexCosts()
	}
	return nil
}

// indexCosts sets the month's nominal costs from the price index: each sector's pay
// and stipend a tick, and every co-op's wage bill with them (start-up funding and the
// awareness cost read costIndex where they are spent).
func (e *Economy) indexCosts() {
	e.costIndex = e.priceIndex
	e.setTickPay()
}

// setTickShare sets the tick's share of a month for the month that starts (a weekly
// clock's month of n weeks: 1/n each). A weekly clock's average week, 12/52 of a
// month, would make a month of five weeks 5/4.33 = 1.15 months of production and pay
// and one of four weeks 0.92, while what is decided a month at a time (payouts,
// members' spending of what they held at the month's start, grant-funded purchases,
// grants) comes once a month whatever its length: four-week months ran short of goods
// (three co-ops in four sold out and hired, against half on a monthly clock) and
// five-week months long (one in four), so the weekly economy hired on the short months
// and seldom shed on the long, kept few out of work for the Foundation's start-ups and
// founded a third as many in year 3. With each month one month long the weekly months
// are all alike, as the monthly clock's are.
func (e *Economy) setTickShare(share float64) {
	if share == e.perTick {
		return
	}
	e.perTick = share
	e.platform.SetTickLength(share)
	e.setTickPay()
}

// setTickPay sets each sector's pay and stipend a tick from the month's wages, the
// cost index and the tick's share of the month, and every co-op's wage bill with them.
func (e *Economy) setTickPay() {
	for s := range e.wage {
		w := ledger.Scale(e.wage[s], e.costIndex)
		e.wageTick[s] = ledger.Scale(w, e.perTick)
		e.apprenticeTick[s] = ledger.Scale(e.cfg.Foundation.Stipend(w), e.perTick)
	}
	clear(e.c.bill)
	for i, c := range e.m.employer {
		if c != none {
			e.c.bill[c] += e.workerWage(int(c), int32(i))
		}
	}
}

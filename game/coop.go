package game

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// Period is what happened to the player's co-op over one turn (a week or a month), read
// from the engine: its offer and sales on the Exchange Platform, its account on the
// economy's ledger, its status (agents.CoopStatus) and its sector (agents.SectorView).
type Period struct {
	Month     int   `json:"month"`              // the economy's month
	Week      int   `json:"week,omitempty"`     // week of the month, 1-5, for weekly turns
	Customers int64 `json:"customers"`          // units ordered from the co-op on the platform (and under trade agreements)
	Sold      int64 `json:"sold"`               // units sold
	Lost      int64 `json:"lost"`               // ordered but not sold: lost sales
	Capacity  int64 `json:"capacity"`           // units the co-op could make
	Offered   int64 `json:"offered"`            // units listed on the Exchange Platform (all it made; the customer base buys from what the platform left)
	Regulars  int64 `json:"regulars,omitempty"` // of the units sold, those bought by an existing co-op's customer base (customers.go)
	Workers   int   `json:"workers"`
	Members   int   `json:"members"` // workers and apprentices

	Sales     ledger.Amount `json:"sales"`
	Wages     ledger.Amount `json:"wages"`
	Inputs    ledger.Amount `json:"inputs"`    // inputs bought on the platform (the engine's matching)
	Marketing ledger.Amount `json:"marketing"` // marketing bought from other co-ops
	Levy      ledger.Amount `json:"levy"`      // transport levy on what the game bought for the co-op
	Hiring    ledger.Amount `json:"hiring"`    // induction of new workers and notice pay of those let go
	Invested  ledger.Amount `json:"invested"`  // equipment bought (surplus, grant tokens, trades)
	Given     ledger.Amount `json:"given"`     // surplus given to the Foundation
	Bonus     ledger.Amount `json:"bonus"`     // surplus paid out to the members
	Other     ledger.Amount `json:"other"`     // card responses, fees, repayments, and what the engine paid out (grant bonus, grant-funded purchases, levy on inputs)
	Grants    ledger.Amount `json:"grants"`
	Funding   ledger.Amount `json:"funding"` // Foundation programmes, start-up money and loans
	Expired   ledger.Amount `json:"expired"` // grant tokens that expired unspent
	Saved     ledger.Amount `json:"saved"`   // moved into the co-op's savings (negative: drawn from them)

	Treasury    ledger.Amount `json:"treasury"`     // spendable, after the period
	GrantTokens ledger.Amount `json:"grant_tokens"` // of which grant tokens
	Savings     ledger.Amount `json:"savings"`      // the co-op's savings (not spendable until drawn)
	Short       bool          `json:"short"`        // could not pay in full
	Price       ledger.Amount `json:"price"`        // the co-op's price a unit
	Market      ledger.Amount `json:"market_price"` // the sector's going price a unit
	Low         ledger.Amount `json:"low"`          // 10th percentile of the sector's prices
	High        ledger.Amount `json:"high"`         // 90th percentile
	Competitors int           `json:"competitors"`  // open offers in the sector
	Local       int           `json:"local"`        // of which in the co-op's locality
	InputFill   float64       `json:"input_fill"`   // share of the inputs needed that could be bought
	Unpaid      int           `json:"unpaid"`       // months in a row unable to pay, as the engine counts them
	Reputation  float64       `json:"reputation"`   // on the platform, 0..1
}

// Income returns the period's income.
func (p Period) Income() ledger.Amount { return p.Sales + p.Grants + p.Funding }

// Costs returns the period's costs (money spent; savings and payouts are not costs).
func (p Period) Costs() ledger.Amount {
	return p.Wages + p.Inputs + p.Marketing + p.Levy + p.Hiring + p.Other
}

// Decisions are the player's settings for a turn of the Living Co-op.
type Decisions struct {
	Price     float64 `json:"price"`     // tokens a unit
	Pay       float64 `json:"pay"`       // tokens a month per worker
	Workers   int     `json:"workers"`   // workers wanted (hire or let go)
	Marketing float64 `json:"marketing"` // tokens a month
	Offer     float64 `json:"offer"`     // share of capacity listed on the Exchange Platform, 0..1
	Activity  string  `json:"activity"`  // this turn's focus (Activities)
	GrantUse  string  `json:"grant_use"` // what grant tokens are for (GrantUses)
	// Surplus is what the month's surplus (the treasury above its reserve) goes to
	// (SurplusUses).
	Surplus string `json:"surplus"`
	// Apprentice asks the Foundation's apprenticeship programme for an apprentice.
	Apprentice bool `json:"apprentice,omitempty"`
	// Funding asks the Foundation's start-up programme for its investment (once).
	Funding bool `json:"funding,omitempty"`
	// Accept lists the trade proposals taken up, by ID.
	Accept []string `json:"accept,omitempty"`
	// Respond answers horizon-scanning cards: card ID to the response's index.
	Respond map[string]int `json:"respond,omitempty"`
}

// Activities are the focuses a turn can have.
var Activities = []Option{
	{"service", "Deliver the service", "All hands on the service: a tenth more capacity this turn."},
	{"training", "Training", "Skills: productivity grows by 2% a month, up to +40% of the sector's."},
	{"develop", "Develop the service", "Better service: your reputation on the Exchange Platform rises, and buyers weigh it."},
	{"outreach", "Community outreach", "Meet people: your reputation rises a little, for free."},
	{"scanning", "Horizon scanning", "Watch for change: horizon cards arrive two months before they hit."},
}

// GrantUses are what the engine spends the co-op's grant on, the month it is issued
// (agents.Economy.SetCoopGrantUse, grantMix): the player's choice in place of the
// scenario's coops.grant_use.
var GrantUses = []Option{
	{"economy", "As the economy's co-ops do", "The scenario's own mix, as every co-op of the economy spends its grant."},
	{"pay", "Members' pay", "The month's grant goes to the members as a bonus on their pay: their income, spent in the economy; none of it stays for running costs."},
	{"capacity", "Capacity", "The month's grant buys equipment from other co-ops: productivity up (less as it rises above the sector's), wearing off slowly."},
	{"innovation", "Innovation", "The month's grant buys development from other co-ops: productivity up as for capacity, and your reputation on the platform too."},
	{"running", "Running costs", "The month's grant stays in the treasury and pays for pay and inputs like any token, before it expires."},
}

// grantMix is the engine's grant use for the player's choice use (GrantUses) in
// economy w.
func grantMix(w *World, use string) agents.GrantUse {
	switch use {
	case "economy":
		return w.sc.Config.Coops.GrantUse
	case "capacity":
		return agents.GrantUse{Capacity: 1}
	case "innovation":
		return agents.GrantUse{Innovation: 1}
	case "running":
		return agents.GrantUse{} // not earmarked: spent as any other token
	}
	return agents.GrantUse{Bonus: 1}
}

// SurplusUses are what a month's surplus can go to: the treasury above a reserve of
// the month's pay, the scenario's buffer months of pay and a month's inputs.
var SurplusUses = []Option{
	{"save", "Save it", "Into the co-op's savings: drawn when pay would fall short. Savings are out of circulation, and the grant rules see the economy's savings ratio."},
	{"payout", "Pay it out to members", "A bonus to the workers: their income, spent in the economy. Nothing kept back for a bad month."},
	{"invest", "Invest in capacity", "Equipment bought from other co-ops: productivity up for the tokens spent (diminishing returns), wearing off 2% a month."},
	{"foundation", "Give it to the Foundation", "It funds the programmes (apprentices, start-ups, commons) of the whole economy."},
}

// Costs of changing the workforce, in months of the co-op's pay of one worker.
const (
	// HireCost is the induction of each worker hired: bought from a co-op of another
	// sector (training), because a new worker has to be recruited and shown the work.
	HireCost = 0.25
	// NoticePay is paid to each worker let go: a month's notice, as members are owed.
	NoticePay = 1.0
	// apprenticeMonths is how long a Foundation apprenticeship lasts.
	apprenticeMonths = 12
)

// coop is the player's co-op: a co-op of the engine's economy, run from outside.
type coop struct {
	w      *World
	e      *agents.Economy
	id     int // the co-op's number in the economy
	sector int
	def    agents.Sector
	home   int
	base   float64 // the sector's units per worker-month

	appr  []int // months left of each apprentice the Foundation placed
	mods  []modifier
	adopt []adoption   // new techniques to take up as they arrive (horizon.go)
	cust  customerBase // an existing co-op's customer base (customers.go)
	// extraPay is an innovation's extra pay a member a month, for its hours, on top
	// of the pay decided (innovation.go).
	extraPay ledger.Amount
	grantUse agents.GrantUse // the engine's use of its grant (grantMix)
	// scan is whether the co-op watches the Lookout Platform this turn (horizon.go),
	// and lookoutPaid the last month it paid the platform's cost.
	scan        bool
	lookoutPaid int

	obl    agents.Obligation // to the Foundation: value still to offer, by a month
	loan   ledger.Amount     // a month's repayment to the Foundation
	loanN  int               // repayments left
	funded bool              // start-up funding taken
	failed bool

	monthOffered ledger.Amount // value on offer this month so far
	lastSurplus  ledger.Amount // the surplus decided at the last month's start
}

// modifier changes the co-op's conditions until a month (inclusive).
type modifier struct {
	source string // card or trade ID
	kind   string // demand, attract, inputs, cost, productivity, b2b
	value  float64
	until  int
	units  int64         // b2b: units a month
	price  ledger.Amount // b2b: price a unit
	buyer  int           // b2b: the co-op buying
}

func (c *coop) mod(kind string, month int) float64 {
	x := 1.0
	for _, m := range c.mods {
		if m.kind == kind && month <= m.until {
			x *= m.value
		}
	}
	return x
}

func (c *coop) acct() ledger.AccountID { return c.e.CoopAccount(c.id) }

func (c *coop) ledger() *ledger.Ledger { return c.e.Ledger() }

// treasury returns what the co-op can spend now.
func (c *coop) treasury() ledger.Amount {
	if !c.e.CoopAlive(c.id) {
		return 0
	}
	return c.ledger().Balance(c.acct())
}

// founders returns the members working in the co-op, in member order.
func (c *coop) members() []int {
	var out []int
	for i := range c.e.Members() {
		if c.e.MemberEmployer(i) == c.id {
			out = append(out, i)
		}
	}
	return out
}

// found registers the player's co-op in w's economy: a worker co-op of sector with
// workers founders at the sector's home locality, run from outside.
func found(w *World, sector string, workers int) (*coop, error) {
	s, ok := w.econ.SectorIndex(sector)
	if !ok {
		return nil, &InputError{Field: QSector, Msg: fmt.Sprintf("no sector %q in scenario %s", sector, w.sc.Name)}
	}
	def, _ := w.Sector(sector)
	home := w.homes[s]
	id, err := w.econ.Found(s, home, max(workers, 1))
	if err != nil {
		return nil, err
	}
	w.econ.SetControlled(id, true)
	return &coop{w: w, e: w.econ, id: id, sector: s, def: def, home: home, base: def.Productivity}, nil
}

// bring puts tokens the members bring into the co-op (their savings, or an existing
// co-op's treasury): issued to a founder, as the economy's members receive their
// opening balances, and paid by the founder to the co-op.
func (c *coop) bring(amount ledger.Amount) error {
	if amount <= 0 {
		return nil
	}
	ms := c.members()
	if len(ms) == 0 {
		return fmt.Errorf("the co-op has no members to bring its funds")
	}
	l, m := c.ledger(), c.e.MemberAccount(ms[0])
	if err := l.Issue(m, amount, 0, ledger.TxGift, int64(c.id)); err != nil {
		return err
	}
	return l.Transfer(m, c.acct(), amount, ledger.TxOther, int64(c.id))
}

// lend has the Foundation lend amount (as far as its balance goes), repaid over n
// months; it returns what was lent.
func (c *coop) lend(amount ledger.Amount, n int) (ledger.Amount, error) {
	l, f := c.ledger(), c.e.Foundation()
	amount = min(amount, l.Balance(f))
	if amount <= 0 {
		return 0, nil
	}
	if err := l.Transfer(f, c.acct(), amount, ledger.TxOther, int64(c.id)); err != nil {
		return 0, err
	}
	c.loan, c.loanN = amount/ledger.Amount(n), n
	return amount, nil
}

// pay pays up to amount from the co-op to payee and returns what was paid.
func (c *coop) pay(payee ledger.AccountID, amount ledger.Amount, kind ledger.TxKind) ledger.Amount {
	amount = min(amount, c.treasury())
	if amount <= 0 {
		return 0
	}
	if err := c.ledger().Transfer(c.acct(), payee, amount, kind, int64(c.id)); err != nil {
		return 0
	}
	return amount
}

// buy buys up to value from the co-op of sector s that the Exchange Platform's
// matching picks for a buyer at the co-op's locality (agents.Economy.Supplier), and
// pays the transport levy on it to the Foundation, both as far as the treasury goes
// (agents.Afford). It returns what the goods and the levy cost, and the seller (-1:
// none on offer).
func (c *coop) buy(r *rand.Rand, s int, value ledger.Amount) (paid, levy ledger.Amount, seller int) {
	if value <= 0 || s < 0 {
		return 0, 0, -1
	}
	o := c.e.Supplier(r, s, c.home)
	if o < 0 || o == c.id {
		return 0, 0, -1
	}
	levy = c.e.Levy(value, c.home, c.e.CoopLocality(o))
	paid, levy = agents.Afford(value, levy, c.treasury())
	paid = c.pay(c.e.CoopAccount(o), paid, ledger.TxPurchase)
	levy = c.pay(c.e.Foundation(), levy, ledger.TxLevy)
	return paid, levy, o
}

// spend spends a budget on what a co-op of sector s offers, leaving room for the levy
// on it as the economy's co-ops do.
func (c *coop) spend(r *rand.Rand, s int, budget ledger.Amount) (paid, levy ledger.Amount) {
	if budget <= 0 || s < 0 {
		return 0, 0
	}
	o := c.e.Supplier(r, s, c.home)
	if o < 0 || o == c.id {
		return 0, 0
	}
	value := c.e.BeforeLevy(budget, c.home, c.e.CoopLocality(o))
	levy = c.e.Levy(value, c.home, c.e.CoopLocality(o))
	paid, levy = agents.Afford(value, levy, c.treasury())
	paid = c.pay(c.e.CoopAccount(o), paid, ledger.TxPurchase)
	levy = c.pay(c.e.Foundation(), levy, ledger.TxLevy)
	return paid, levy
}

// otherSector returns a sector other than the co-op's with offers open, drawn with r
// (-1 if none): where it buys marketing, equipment and development.
func (c *coop) otherSector(r *rand.Rand, prefer string) int {
	if s, ok := c.e.SectorIndex(prefer); ok && s != c.sector && c.e.Platform().OffersIn(s) > 0 {
		return s
	}
	var others []int
	for s := range c.e.Sectors() {
		if s != c.sector && c.e.Platform().OffersIn(s) > 0 {
			others = append(others, s)
		}
	}
	if len(others) == 0 {
		return -1
	}
	return others[r.IntN(len(others))]
}

// improve raises the co-op's productivity for amount invested, by the engine's rule
// for capacity investment: capacity_gain per month's offer value invested, at most
// 10% at once, falling as productivity rises above the sector's.
func (c *coop) improve(amount ledger.Amount) {
	st := c.e.CoopStatus(c.id)
	y := ledger.Amount(st.Capacity) * st.Price
	if y <= 0 || amount <= 0 {
		return
	}
	p := c.e.CoopProductivity(c.id)
	gain := min(c.w.sc.Config.Coops.CapacityGain*float64(amount)/float64(y), 0.1) * min(1, c.base/p)
	c.e.SetCoopProductivity(c.id, p*(1+gain))
}

// raise lifts the co-op's reputation on the platform by share of the way to 1 (the
// platform's own learning pulls it back towards what the co-op delivers).
func (c *coop) raise(share float64) {
	rep := &c.e.Platform().Reputation[c.id]
	*rep = min(1, max(0, *rep+(1-*rep)*share))
}

// regular returns the co-op's workers other than the Foundation's apprentices.
func (c *coop) regular() int {
	st := c.e.CoopStatus(c.id)
	return max(st.Workers-st.Apprentices-len(c.appr), 0)
}

// setWorkers hires or lets go to reach want regular workers, paying the induction of
// each one hired and the notice of each one let go. It returns the cost.
func (c *coop) setWorkers(r *rand.Rand, want int) ledger.Amount {
	have := c.regular()
	wage := c.e.CoopWage(c.id)
	var cost ledger.Amount
	switch {
	case want > have:
		got := c.e.Hire(c.id, want-have)
		if got > 0 {
			p, l := c.spend(r, c.otherSector(r, "education"), ledger.Scale(wage, HireCost*float64(got)))
			cost += p + l
		}
	case want < have:
		before := c.members()
		c.e.Release(c.id, have-want)
		for _, i := range before {
			if c.e.MemberEmployer(i) != c.id {
				cost += c.pay(c.e.MemberAccount(i), ledger.Scale(wage, NoticePay), ledger.TxWage)
			}
		}
	}
	return cost
}

// reserve is what the co-op keeps before a surplus is counted: the next tick's pay and
// inputs, the scenario's buffer months of pay on top, and any loan repayment. It is
// what the engine keeps back itself before paying a surplus out to a co-op's members
// (buffer_months of pay and the tick's inputs, after the tick's pay), so a treasury at
// the reserve leaves the engine nothing to pay out: the surplus is the player's to
// decide.
func (c *coop) reserve() ledger.Amount {
	st := c.e.CoopStatus(c.id)
	v := c.e.SectorView(c.sector, c.home)
	perTick := c.w.nextTickShare()
	inputs := ledger.Scale(ledger.Amount(st.Capacity)*st.Price, v.InputShare*perTick)
	return ledger.Scale(st.WageBill, perTick+c.w.sc.Config.Coops.BufferMonths) + inputs + c.loan
}

// settle decides the month's surplus as the player chose: saved, paid out to the
// members, invested in capacity or given to the Foundation.
func (c *coop) settle(r *rand.Rand, use string, p *Period) error {
	surplus := max(c.treasury()-c.reserve(), 0)
	c.lastSurplus = surplus
	if surplus <= 0 {
		return nil
	}
	l := c.ledger()
	switch use {
	case "save":
		amount := min(surplus, l.Ordinary(c.acct())) // grant tokens cannot be saved
		if amount > 0 {
			if err := l.Save(c.acct(), amount); err != nil {
				return err
			}
			p.Saved += amount
		}
	case "payout":
		ms := c.members()
		if len(ms) == 0 {
			return nil
		}
		each := surplus / ledger.Amount(len(ms))
		for _, i := range ms {
			p.Bonus += c.pay(c.e.MemberAccount(i), each, ledger.TxBonus)
		}
	case "invest":
		paid, levy := c.spend(r, c.otherSector(r, "tech"), surplus)
		c.improve(paid)
		p.Invested += paid
		p.Levy += levy
	case "foundation":
		p.Given += c.pay(c.e.Foundation(), surplus, ledger.TxOther)
	}
	return nil
}

// draw takes from savings what the treasury lacks for need.
func (c *coop) draw(need ledger.Amount, p *Period) error {
	l := c.ledger()
	short := need - c.treasury()
	if short <= 0 {
		return nil
	}
	amount := min(short, l.Savings(c.acct()))
	if amount <= 0 {
		return nil
	}
	p.Saved -= amount
	return l.Withdraw(c.acct(), amount)
}

// target sets the units a month the co-op lists on the platform: share offer of its
// capacity, less what trade agreements take.
func (c *coop) target(offer float64, month int) {
	st := c.e.CoopStatus(c.id)
	var b2b int64
	for _, m := range c.mods {
		if m.kind == "b2b" && month <= m.until {
			b2b += m.units
		}
	}
	if offer >= 1 && b2b == 0 {
		c.e.SetCoopTarget(c.id, 0) // as many as it can make
		return
	}
	c.e.SetCoopTarget(c.id, max(st.Capacity*offer-float64(b2b), 1e-9))
}

// lotsDue returns the co-op's grant tokens that expire at the start of month (those
// of earlier months).
func (c *coop) lotsDue(month int) ledger.Amount {
	var due ledger.Amount
	for _, lot := range c.ledger().Lots(c.acct()) {
		if int(lot.Expiry) > 0 && int(lot.Expiry) <= month-1 {
			due += lot.Amount
		}
	}
	return due
}

// play runs one turn (one tick of the engine) with decisions d: the player's
// decisions applied between ticks, the tick run, and what it did read back.
func (c *coop) play(d *Decisions, r *rand.Rand, extra ledger.Amount) (Period, error) {
	w := c.w
	month, monthStart := w.nextMonth(), w.nextMonthStart()
	perTick := w.nextTickShare()
	p := Period{Month: month, Other: extra}
	e, l := c.e, c.ledger()
	cfg := w.sc.Config
	wage := ledger.Tokens(d.Pay) + c.extraPay

	e.SetCoopPrice(c.id, ledger.Tokens(d.Price))
	e.SetCoopWage(c.id, wage)
	// The grant is the engine's to spend as the player chose, the month it comes.
	c.grantUse = grantMix(w, d.GrantUse)
	if err := e.SetCoopGrantUse(c.id, c.grantUse); err != nil {
		return p, err
	}
	p.Hiring = c.setWorkers(r, d.Workers)

	if monthStart {
		c.monthOffered = 0
		// The Foundation's apprentices: it pays the co-op their stipend.
		for range c.appr {
			paid, err := e.Fund(c.id, cfg.Foundation.Stipend(ledger.Tokens(c.def.Wage)))
			if err != nil {
				return p, err
			}
			p.Funding += paid
		}
		if c.loanN > 0 {
			p.Other += c.pay(e.Foundation(), c.loan, ledger.TxOther)
			c.loanN--
		}
		if err := c.settle(r, d.Surplus, &p); err != nil {
			return p, err
		}
		p.Expired = c.lotsDue(month)
	}

	// Marketing, bought from another sector's co-op, and the turn's focus.
	if d.Marketing > 0 {
		paid, levy := c.spend(r, c.otherSector(r, "tech"), ledger.Scale(ledger.Tokens(d.Marketing), perTick))
		p.Marketing += paid
		p.Levy += levy
		c.raise(0.1 * perTick * float64(paid) / float64(paid+ledger.Tokens(math.Max(c.def.Wage, 1))))
	}
	p.Other += c.monitor(c.scan, month)
	prod := e.CoopProductivity(c.id)
	switch d.Activity {
	case "training":
		e.SetCoopProductivity(c.id, min(prod*(1+0.02*perTick), math.Max(prod, 1.4*c.base)))
		prod = e.CoopProductivity(c.id)
	case "develop":
		c.raise(0.04 * perTick)
	case "outreach":
		c.raise(0.02 * perTick)
	}
	// Cards and agreements: this turn's conditions.
	if a := c.mod("attract", month) * c.mod("demand", month); a != 1 {
		rep := &e.Platform().Reputation[c.id]
		*rep = min(1, max(0, *rep*a))
	}
	boost := c.mod("productivity", month)
	if d.Activity == "service" {
		boost *= 1.1
	}
	e.SetCoopProductivity(c.id, prod*boost)
	// An existing co-op's customer base this turn, at its price against the going one.
	c.cust.now = 0
	if c.cust.units > 0 {
		c.cust.now = c.baseUnits(ledger.Tokens(d.Price), e.SectorView(c.sector, c.home).Price)
	}
	c.target(d.Offer, month)
	// Savings are drawn on when the treasury would not cover the tick's pay and inputs.
	if err := c.draw(c.reserve()-c.loan-ledger.Scale(e.CoopStatus(c.id).WageBill, cfg.Coops.BufferMonths), &p); err != nil {
		return p, err
	}

	// The tick.
	before := l.Balance(c.acct())
	bill := ledger.Scale(e.CoopStatus(c.id).WageBill, perTick)
	if err := w.step(); err != nil {
		return p, err
	}
	pl := e.Platform()
	st := e.CoopStatus(c.id)
	if st.Productivity > 0 && boost != 1 {
		e.SetCoopProductivity(c.id, st.Productivity/boost)
	}
	c.adoptTechniques(month) // after the tick, in which an event hits
	price := max(pl.Price[c.id], 1)
	if monthStart {
		p.Grants = st.GrantThisMonth
		if d.GrantUse == "innovation" && st.Alive {
			// Development shows in the service: reputation up by half the grant's
			// share of a month's output value, at most a fifth of the way to 1.
			if y := ledger.Amount(st.Capacity) * max(pl.Price[c.id], 1); y > 0 {
				c.raise(min(0.5*float64(p.Grants)/float64(y), 0.2))
			}
		}
	}
	// The platform's orders and sales are the tick's.
	p.Sales = pl.Sold[c.id]
	ordered := pl.Demand[c.id] + pl.Demand2[c.id]
	p.Customers = int64(ordered / price)
	p.Sold = int64(p.Sales / price)
	p.Capacity = int64(st.Capacity / boost * perTick)
	offered := pl.Offered(c.id)
	if !st.Alive {
		offered = 0
	}
	c.monthOffered += offered
	p.Offered = int64(offered / price)
	if p.Sold >= p.Offered-1 {
		// sold out: what was ordered beyond it is lost (orders that buyers' budgets did
		// not cover, when it is not sold out, are not)
		p.Lost = max(p.Customers-p.Sold, 0)
	}
	p.Wages = min(bill, max(before+p.Grants, 0))
	p.Short = p.Wages < bill
	v := e.SectorView(c.sector, c.home)
	p.Inputs = ledger.Scale(offered, v.InputShare*st.InputFill)
	// What the engine paid and was paid that the game does not see line by line (the
	// bonus share of its grant, grant-funded purchases, the levy on its inputs, the
	// Foundation's programmes): the rest of the tick's change in the treasury.
	if st.Alive {
		// (grant tokens that expired at the tick's start are counted apart)
		rest := before + p.Grants + p.Sales - p.Wages - p.Inputs - p.Expired - l.Balance(c.acct())
		if rest >= 0 {
			p.Other += rest
		} else {
			p.Funding -= rest
		}
	}
	// Sales to the customer base, bought directly by its regulars.
	if st.Alive && c.cust.now > 0 {
		units, value := c.sellToBase(c.cust.now*perTick, max(offered-pl.Sold[c.id], 0))
		p.Sales += value
		p.Customers += int64(math.Round(c.cust.now * perTick))
		p.Sold += units
		p.Regulars = units
	}
	// Sales under trade agreements: the buying co-op pays for its units as far as its
	// treasury goes.
	for _, m := range c.mods {
		if m.kind != "b2b" || month > m.until || !e.CoopAlive(m.buyer) || !st.Alive {
			continue
		}
		units := int64(float64(m.units) * perTick)
		value := min(ledger.Amount(units)*m.price, l.Balance(e.CoopAccount(m.buyer)))
		if value <= 0 {
			continue
		}
		if err := l.Transfer(e.CoopAccount(m.buyer), c.acct(), value, ledger.TxPurchase, int64(m.buyer)); err != nil {
			return p, err
		}
		// The buyer pays the transport levy on what comes from another locality, as far
		// as it can.
		if levy := min(e.Levy(value, e.CoopLocality(m.buyer), c.home), l.Balance(e.CoopAccount(m.buyer))); levy > 0 {
			if err := l.Transfer(e.CoopAccount(m.buyer), e.Foundation(), levy, ledger.TxLevy, int64(m.buyer)); err != nil {
				return p, err
			}
		}
		p.Sales += value
		p.Customers += units
		p.Sold += int64(value / max(m.price, 1))
		c.monthOffered += value
	}
	// Cards: inputs dearer, compliance work.
	if k := c.mod("inputs", month); k > 1 {
		paid, _, _ := c.buy(r, c.inputSector(), ledger.Scale(p.Inputs, k-1))
		p.Inputs += paid
	}
	if k := c.mod("cost", month); k > 1 {
		paid, levy := c.spend(r, c.otherSector(r, "tech"), ledger.Scale(bill, k-1))
		p.Other += paid + levy
	}
	after := l.Balance(c.acct())
	p.Workers, p.Members = c.regular(), st.Workers
	p.Treasury, p.GrantTokens, p.Savings = after, l.Grant(c.acct()), l.Savings(c.acct())
	if !st.Alive {
		p.Treasury, p.GrantTokens, p.Savings = 0, 0, 0
	}
	p.Price, p.Market, p.Low, p.High = pl.Price[c.id], v.Price, v.Low, v.High
	p.Competitors, p.Local = v.Offers, v.Local
	p.InputFill, p.Unpaid, p.Reputation = st.InputFill, st.UnpaidMonths, pl.Reputation[c.id]
	if !st.Alive {
		c.failed = true
	}
	return p, nil
}

// inputSector returns the co-op's largest input sector (-1: none).
func (c *coop) inputSector() int {
	best, coef := -1, 0.0
	for k := range c.e.SectorInputs(c.sector) {
		if s, x := c.e.SectorInput(c.sector, k); x > coef {
			best, coef = s, x
		}
	}
	return best
}

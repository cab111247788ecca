package game

import (
	"math"
	"math/rand/v2"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// Period is what happened to the player's co-op over one turn (a week or a month).
type Period struct {
	Month     int   `json:"month"`          // the economy's month
	Week      int   `json:"week,omitempty"` // week of the month, 1-5, for weekly turns
	Customers int64 `json:"customers"`      // units asked for
	Sold      int64 `json:"sold"`           // units sold
	Lost      int64 `json:"lost"`           // asked for but not offered: lost sales
	Capacity  int64 `json:"capacity"`       // units the co-op could make
	Offered   int64 `json:"offered"`        // units listed on the Exchange Platform
	Workers   int   `json:"workers"`
	Members   int   `json:"members"` // workers and apprentices

	Sales     ledger.Amount `json:"sales"`
	Wages     ledger.Amount `json:"wages"`
	Inputs    ledger.Amount `json:"inputs"`
	Marketing ledger.Amount `json:"marketing"`
	Levy      ledger.Amount `json:"levy"`  // transport levy on what it bought from other localities
	Other     ledger.Amount `json:"other"` // repayments, fees, equipment
	Grants    ledger.Amount `json:"grants"`
	Funding   ledger.Amount `json:"funding"` // Foundation programmes and start-up money
	Expired   ledger.Amount `json:"expired"` // grant tokens that expired unspent

	Treasury    ledger.Amount `json:"treasury"`     // after the period
	GrantTokens ledger.Amount `json:"grant_tokens"` // of which grant tokens
	Short       bool          `json:"short"`        // could not pay in full
	Market      ledger.Amount `json:"market_price"` // the sector's price per unit
}

// Income returns the period's income.
func (p Period) Income() ledger.Amount { return p.Sales + p.Grants + p.Funding }

// Costs returns the period's costs.
func (p Period) Costs() ledger.Amount { return p.Wages + p.Inputs + p.Marketing + p.Levy + p.Other }

// Decisions are the player's settings for a turn of the Living Co-op.
type Decisions struct {
	Price     float64 `json:"price"`     // tokens a unit
	Pay       float64 `json:"pay"`       // tokens a month per worker
	Workers   int     `json:"workers"`   // workers wanted (hire or let go)
	Marketing float64 `json:"marketing"` // tokens a month
	Offer     float64 `json:"offer"`     // share of capacity listed on the Exchange Platform, 0..1
	Activity  string  `json:"activity"`  // this turn's focus (Activities)
	GrantUse  string  `json:"grant_use"` // what grant tokens are for (GrantUses)
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
	{"training", "Training", "Skills: productivity grows by 2% a month, up to +40%."},
	{"develop", "Develop the service", "Better service: quality grows, and with it how many customers choose you."},
	{"outreach", "Community outreach", "Meet people: more of the market hears of you."},
	{"scanning", "Horizon scanning", "Watch for change: horizon cards arrive two months before they hit."},
}

// GrantUses are what the co-op spends its grant tokens on.
var GrantUses = []Option{
	{"pay", "Pay and running costs", "Grant tokens are spent first on pay and inputs, before they expire."},
	{"capacity", "Capacity", "Grant tokens buy equipment from other co-ops: productivity up for good."},
	{"innovation", "Innovation", "Grant tokens buy development from other co-ops: quality up for good."},
}

// coop is the player's co-op as the rules run it.
type coop struct {
	sector    agents.Sector
	inputCoef float64     // input value per value sold
	inputs    []inputLine // the sector's inputs, in sector order
	workers   int
	appr      []int // months left of each apprentice
	awareness float64
	quality   float64
	prodGain  float64
	short     int // months in a row short of pay
	failed    bool

	// Where it trades: its locality (World.Home), and the economy whose Exchange
	// Platform it buys through, paying the transport levy on what comes from other
	// localities.
	econ *agents.Economy
	home int
	from suppliers // this month's

	books books
	lines issuance.Lines
	est   bool // the issuance line's estimate is set

	// Modifiers from cards and trades, by month they end (inclusive).
	mods []modifier

	obl    agents.Obligation // to the Foundation: value still to offer, by a month
	loan   ledger.Amount     // a month's repayment
	loanN  int               // repayments left
	funded bool              // start-up funding taken

	// Month accumulators.
	monthOffered ledger.Amount
	monthSales   ledger.Amount
	monthShort   bool
	monthGrant   ledger.Amount
}

// inputLine is one input of the co-op's sector: its share of the inputs' value.
type inputLine struct {
	sector string
	share  float64
}

// suppliers are the localities of the co-ops the co-op buys from this month (-1:
// none on offer, bought outside the platform without a levy): one per input line, and
// one for what it buys from other sectors (marketing, equipment, development).
type suppliers struct {
	inputs []int
	other  int
}

// modifier changes the co-op's conditions until a month.
type modifier struct {
	source string // card or trade ID
	kind   string // demand, inputs, attract, cost, b2b
	value  float64
	until  int
	units  int64         // b2b: units a month
	price  ledger.Amount // b2b: price a unit
}

// books are the co-op's accounts on a ledger of its own: the same rules and exact
// amounts as the engine's.
type books struct {
	l                                         *ledger.Ledger
	coop, workers, customers, suppliers, fund ledger.AccountID
	lender                                    ledger.AccountID
}

func newBooks() books {
	l := ledger.New(ledger.Options{Capacity: 8})
	b := books{l: l}
	b.coop = l.Open(ledger.KindCoop)
	b.workers = l.Open(ledger.KindMember)
	b.customers = l.Open(ledger.KindMember)
	b.suppliers = l.Open(ledger.KindCoop)
	b.fund = l.Open(ledger.KindFoundation)
	b.lender = l.Open(ledger.KindCoop)
	return b
}

// pay moves up to amount from the co-op to payee and returns what was paid.
func (b *books) pay(payee ledger.AccountID, amount ledger.Amount, kind ledger.TxKind) ledger.Amount {
	amount = min(amount, b.l.Balance(b.coop))
	if amount <= 0 {
		return 0
	}
	if err := b.l.Transfer(b.coop, payee, amount, kind, 0); err != nil {
		return 0
	}
	return amount
}

// earn brings amount into the co-op from payer, which first receives it from the wider
// economy (the customers' and the Foundation's tokens come from outside these books).
func (b *books) earn(payer ledger.AccountID, amount ledger.Amount, kind ledger.TxKind) error {
	if amount <= 0 {
		return nil
	}
	if err := b.l.Issue(payer, amount, 0, ledger.TxOther, 0); err != nil {
		return err
	}
	return b.l.Transfer(payer, b.coop, amount, kind, 0)
}

func (c *coop) treasury() ledger.Amount { return c.books.l.Balance(c.books.coop) }

// buy buys value from a co-op at locality from (-1: outside the platform) and pays
// the transport levy on it to the Foundation, both as far as the treasury goes
// (agents.Afford). It returns what the goods and the levy cost.
func (c *coop) buy(value ledger.Amount, from int) (paid, levy ledger.Amount) {
	if value <= 0 {
		return 0, 0
	}
	if from >= 0 {
		levy = c.econ.Levy(value, c.home, from)
	}
	paid, levy = agents.Afford(value, levy, c.treasury())
	paid = c.books.pay(c.books.suppliers, paid, ledger.TxInput)
	levy = c.books.pay(c.books.fund, levy, ledger.TxLevy)
	return paid, levy
}

// spend spends a budget on what a co-op at locality from (-1: outside the platform)
// offers, leaving room for the levy on it as the economy's co-ops do. It returns
// what the goods and the levy cost.
func (c *coop) spend(budget ledger.Amount, from int) (paid, levy ledger.Amount) {
	if from >= 0 {
		budget = c.econ.BeforeLevy(budget, c.home, from)
	}
	return c.buy(budget, from)
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

// capacity returns the units the co-op can make in a month.
func (c *coop) capacity(d *Decisions, month int) float64 {
	staff := float64(c.workers) + 0.6*float64(len(c.appr))
	u := staff * c.sector.Productivity * (1 + c.prodGain) * c.mod("productivity", month)
	if d.Activity == "service" {
		u *= 1.1
	}
	return u
}

// step runs the co-op for a share f of month against the sector's market and returns
// what happened. Month-level events (grants, obligations, failure) are in endMonth.
func (c *coop) step(d *Decisions, mk agents.SectorMarket, month int, f float64, r *rand.Rand) Period {
	p := Period{Month: month, Workers: c.workers, Members: c.workers + len(c.appr), Market: mk.Price}
	price := ledger.Tokens(d.Price)
	capUnits := c.capacity(d, month) * f
	p.Capacity = int64(capUnits)
	p.Offered = int64(capUnits * d.Offer)
	c.monthOffered += ledger.Amount(p.Offered) * price

	// Customers: the sector's demand (met and unmet) shared among its co-ops by how
	// attractive each is; the player's co-op is as visible as its awareness.
	mp := max(mk.Price, 1)
	units := float64(mk.Demand+mk.Unmet) / float64(mp) * c.mod("demand", month)
	attract := math.Pow(float64(mp)/float64(max(price, 1)), 1.5) * (0.5 + c.quality) * c.mod("attract", month)
	reach := c.awareness * attract
	lambda := units * reach / (float64(mk.Coops) + reach) * f
	p.Customers = poisson(r, lambda)
	p.Sold = min(p.Customers, p.Offered)
	p.Lost = p.Customers - p.Sold
	// Orders from simulated co-ops under trade agreements.
	var b2b ledger.Amount
	for _, m := range c.mods {
		if m.kind == "b2b" && month <= m.until {
			room := p.Offered - p.Sold
			u := min(int64(float64(m.units)*f), max(room, 0))
			p.Sold += u
			b2b += ledger.Amount(u) * m.price
			if short := int64(float64(m.units)*f) - u; short > 0 {
				p.Lost += short
			}
		}
	}
	p.Sales = ledger.Amount(min(p.Customers, p.Offered))*price + b2b
	_ = c.books.earn(c.books.customers, p.Sales, ledger.TxPurchase)
	c.monthSales += p.Sales

	// Costs: pay first, then inputs, the levy and marketing, as far as the treasury goes.
	wages := ledger.Scale(ledger.Tokens(d.Pay), f) * ledger.Amount(c.workers)
	p.Wages = c.books.pay(c.books.workers, wages, ledger.TxWage)
	if p.Wages < wages {
		p.Short, c.monthShort = true, true
	}
	// Inputs and marketing are bought from other co-ops, with the transport levy on
	// top for what comes from other localities.
	inputs := ledger.Scale(p.Sales, c.inputCoef*c.mod("inputs", month))
	rest := inputs
	for i, in := range c.inputs {
		part := rest
		if i < len(c.inputs)-1 {
			part = min(ledger.Scale(inputs, in.share), rest)
		}
		rest -= part
		paid, levy := c.buy(part, c.from.inputs[i])
		p.Inputs += paid
		p.Levy += levy
	}
	var levy ledger.Amount
	p.Marketing, levy = c.buy(ledger.Scale(ledger.Tokens(d.Marketing), f), c.from.other)
	p.Levy += levy
	if cost := c.mod("cost", month); cost > 1 {
		p.Other += c.books.pay(c.books.suppliers, ledger.Scale(wages, cost-1), ledger.TxOther)
	}
	if c.loanN > 0 {
		p.Other += c.books.pay(c.books.lender, ledger.Scale(c.loan, f), ledger.TxOther)
	}

	// Awareness grows with marketing and outreach, and fades without.
	wage := math.Max(c.sector.Wage, 1)
	grow := 0.03 + 0.3*d.Marketing/(d.Marketing+wage)
	if d.Activity == "outreach" {
		grow += 0.05
	}
	c.awareness += ((1-c.awareness)*grow - 0.02*c.awareness) * f
	switch d.Activity {
	case "training":
		c.prodGain = math.Min(c.prodGain+0.02*f, 0.4)
	case "develop":
		c.quality = math.Min(c.quality+0.03*f, 1)
	}
	c.record(&p)
	return p
}

func (c *coop) record(p *Period) {
	p.Treasury = c.treasury()
	p.GrantTokens = c.books.l.Grant(c.books.coop)
}

// calibrate sets an existing co-op's awareness so that at price it expects customers a
// month from market, as its own figures say.
func (c *coop) calibrate(mk agents.SectorMarket, price, customers float64) {
	mp := float64(max(mk.Price, 1))
	units := float64(mk.Demand+mk.Unmet) / mp
	attract := math.Pow(mp/math.Max(ledger.Float(ledger.Tokens(price))*float64(ledger.Unit), 1), 1.5) * (0.5 + c.quality)
	if customers <= 0 || attract <= 0 {
		return
	}
	reach := 1e9
	if units > customers {
		reach = float64(mk.Coops) * customers / (units - customers)
	}
	c.awareness = math.Min(reach/attract, 1)
}

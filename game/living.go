package game

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// LivingStart is the economy's first month of the living co-op: after the warm-up and
// the Test Game's trial.
const LivingStart = WarmupMonths + TrialMonths + 1

// Living is the living co-op as the turns played so far have left it. It is derived
// by replaying the game's turns; change it only through Game.Turn.
type Living struct {
	Month     int      // the economy's month the next turn plays in
	Week      int      // for weekly turns: the next turn's week of the month (1-based)
	History   []Period // one per turn played
	Cards     []Card   // horizon-scanning cards shown so far
	Proposals []Proposal
	Lessons   []Lesson
	Failed    bool
	Ended     bool // the simulated economy has run out of months

	Workers     int
	Apprentices int
	Treasury    ledger.Amount
	GrantTokens ledger.Amount
	// Awareness is the co-op's reputation on the Exchange Platform, 0..1: what the
	// platform's matching weighs besides price and distance.
	Awareness    float64
	Quality      float64       // the same reputation (kept for the screens)
	Productivity float64       // gain over the sector's units per worker, e.g. 0.1 is +10%
	Owed         ledger.Amount // start-up investment still to offer
	OwedBy       int           // month it falls due (0: none)
	Funded       bool          // start-up funding taken
	Sector       string
	Locality     int           // where the co-op is (World.Home)
	Wage         ledger.Amount // the co-op's pay of a worker a month, in which card costs are counted
	// View is what the next turn's decisions are made on, from the engine.
	View View

	coop     *coop
	world    *World
	key      string // the answers and canvas it was set up from
	started  int    // economy month of this life's first turn
	turns    int    // turns played, for the random streams
	lastCard int
	deck     []int
	monitor  bool // the last turn's activity was horizon scanning
	// qualified is how many apprentices qualified at the end of the last turn.
	qualified int
	// applied are the last turn's decisions as played (card responses may change the
	// workers or pay the player chose).
	applied  Decisions
	lessonAt map[string]int
}

// View is what the player sees before deciding a turn: the co-op's capacity and what
// was ordered from it, the going price and its spread, the competitors, input costs,
// the money and its reserve, and what changing the workforce costs. Every figure is
// the engine's (agents.CoopStatus, agents.SectorView).
type View struct {
	Workers, Apprentices int
	Productivity         float64 // units per worker-month
	Capacity             float64 // units a month it can make now, before the turn's focus and cards (a service focus adds 10% in its turn)
	Offered, Ordered     int64   // units last month: listed on the platform, and ordered from it
	Sold                 int64
	OnOrder              int64         // units a month taken by trade agreements
	Price                ledger.Amount // the co-op's price a unit
	Market, Low, High    ledger.Amount // the going price and the 10th-90th percentile spread
	Competitors, Local   int           // open offers in the sector, and of those in the co-op's locality
	InputShare           float64       // inputs bought per unit of value made
	InputCost            ledger.Amount // inputs a unit, at the co-op's price
	InputFill            float64       // share of the inputs needed it could buy last month
	Wage, SectorWage     ledger.Amount // pay a month: the co-op's, and the sector's going wage
	WageBill             ledger.Amount
	Treasury, Grant      ledger.Amount
	Savings              ledger.Amount
	Reserve              ledger.Amount // what the treasury keeps before a surplus counts
	Surplus              ledger.Amount // the treasury above the reserve now
	Unpaid, FailAfter    int           // months in a row unable to pay, and how many close the co-op
	Reputation           float64
	HireCost, NoticePay  ledger.Amount // a worker hired, a worker let go
	// Monitoring is whether the engine counts the co-op as watching the Lookout
	// Platform (the last turn's focus was horizon scanning), and LookoutCost the
	// platform's cost a month (0: the scenario has no horizon events, or charges none).
	Monitoring  bool
	LookoutCost ledger.Amount
	// Base is an existing co-op's customer base at its price now, units a month
	// (customers.go; 0 for a new co-op).
	Base float64
	// GrantRule says how the engine spends each month's grant, the month it is
	// issued: as Decisions.GrantUse chose (grantMix).
	GrantRule string
}

// Proposal is a trade offered by a simulated co-op for this month.
type Proposal struct {
	ID      string
	Partner string // the simulated co-op
	Kind    string // "supply": equipment for a price; "order": a co-op buys from you
	Text    string
	Units   int64         // order: units a month
	Price   ledger.Amount // order: price a unit
	Fee     ledger.Amount // supply: the equipment's price
	Gain    float64       // supply: productivity gain, e.g. 0.08
	Months  int
	partner int
}

// Lesson is a failure written up for the player: what happened, why, what to try.
type Lesson struct {
	Month int    `json:"month"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	What  string `json:"what"`
	Why   string `json:"why"`
	Try   string `json:"try"`
}

// Living returns the living co-op (nil before phase 5).
func (g *Game) Living() *Living { return g.live }

// canvasDecisions are the first turn's decisions, from the canvas (or an existing
// co-op's figures).
func (g *Game) canvasDecisions() Decisions {
	pay, _ := strconv.ParseFloat(g.Canvas[BoxPay], 64)
	return Decisions{Price: g.Number(BoxPrice), Pay: pay, Workers: g.Founders(), Marketing: g.Number(BoxMarketing),
		Offer: 1, Activity: "service", GrantUse: "economy", Surplus: "save"}
}

// newCoop founds the co-op of the canvas (or of the figures) in w, with its start-up
// funds, at w's current month. With innovation set, an existing co-op runs with its
// innovation.
func (g *Game) newCoop(w *World, innovation bool) (*coop, error) {
	if _, ok := w.Sector(g.Sector()); !ok {
		return nil, &InputError{Field: QSector, Msg: fmt.Sprintf("no sector %q in scenario %s", g.Sector(), g.Scenario)}
	}
	c, err := found(w, g.Sector(), g.Founders())
	if err != nil {
		return nil, err
	}
	d := g.canvasDecisions()
	c.grantUse = grantMix(w, d.GrantUse)
	if err := c.e.SetCoopGrantUse(c.id, c.grantUse); err != nil {
		return nil, err
	}
	c.e.SetCoopPrice(c.id, ledger.Tokens(d.Price))
	c.e.SetCoopWage(c.id, ledger.Tokens(d.Pay))
	if f := g.Existing; f != nil {
		// The co-op as it runs today: its members' output is what it sells now.
		units := max(f.Customers, 1)
		if innovation {
			units += g.innovationUnits()
		}
		c.e.SetCoopProductivity(c.id, units/float64(max(f.Members, 1)))
		if innovation {
			c.extraPay = ledger.Tokens(g.innovationPay() / float64(max(f.Members, 1)))
			c.e.SetCoopWage(c.id, ledger.Tokens(f.Pay)+c.extraPay)
		}
		// Its customers, the innovation's among them, are its customer base
		// (customers.go): the calibration to its real revenue.
		c.setBase(units, ledger.Tokens(d.Price))
		return c, c.bring(ledger.Tokens(f.Treasury))
	}
	funds := ledger.Tokens(g.Number(BoxStartFunds))
	month := w.nextMonth()
	switch g.Canvas[BoxFunding] {
	case "foundation":
		// The engine's start-up investment, up to the canvas's sum, owed back as offers
		// within the scenario's obligation_months.
		inv, obl := startupInvestment(w, month)
		paid, err := c.e.Fund(c.id, min(funds, inv))
		if err != nil {
			return nil, err
		}
		c.obl, c.funded = obl, true
		c.obl.Owed = paid
	case "loan":
		// Lent by the Foundation, repaid over two years.
		if _, err := c.lend(funds, 24); err != nil {
			return nil, err
		}
	default:
		// The founders' own savings.
		if err := c.bring(funds); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// startLiving starts the living co-op and replays the turns already played.
func (g *Game) startLiving() error {
	w, err := newWorld(g.Scenario, g.Seed, g.TurnLength)
	if err != nil {
		return err
	}
	if err := w.Advance(LivingStart - 1); err != nil {
		return err
	}
	c, err := g.newCoop(w, g.Existing != nil && g.Existing.Innovation != "")
	if err != nil {
		return err
	}
	lv := &Living{Month: LivingStart, Week: 1, coop: c, world: w, started: LivingStart, Sector: g.Sector(),
		lessonAt: map[string]int{}, key: g.trialKey()}
	lv.deck = rand.New(rand.NewPCG(g.Seed, 0xcafe)).Perm(len(deck()))
	g.live = lv
	if err := g.prepare(); err != nil {
		return err
	}
	turns := g.Turns
	g.Turns = nil
	for i, d := range turns {
		if err := g.Turn(d); err != nil {
			g.Turns = turns[:i]
			return fmt.Errorf("replaying turn %d: %w", i+1, err)
		}
	}
	return nil
}

// weekOf returns the weeks before month m: tick t is in month (t-1)*12/52+1, so month
// m starts at the first t with (t-1)*12 >= (m-1)*52.
func weekOf(m int) int { return ((m-1)*52 + 11) / 12 }

// prepare gets the next turn ready: the month's trade proposals and any new
// horizon-scanning card, at the start of a month, and the view.
func (g *Game) prepare() error {
	lv := g.live
	w := lv.world
	if w.ended() {
		lv.Ended = true
		lv.sync()
		return nil
	}
	lv.Month = w.nextMonth()
	lv.Week = 1
	if g.TurnLength == "week" {
		lv.Week = w.run.Tick() + 1 - weekOf(lv.Month)
	}
	if w.nextMonthStart() {
		var src rand.PCG
		sim.Seed(&src, g.Seed, 2, lv.Month, sim.PurposeGame)
		r := rand.New(&src)
		lv.Proposals = g.proposals(r)
		if lv.world.engineCards() != nil {
			g.showEngineCards(lv.Month)
		} else {
			g.drawCard(r)
		}
	}
	lv.sync()
	return nil
}

func (lv *Living) sync() {
	c := lv.coop
	e := c.e
	st := e.CoopStatus(c.id)
	lv.Workers, lv.Apprentices = c.regular(), len(c.appr)
	lv.Treasury, lv.GrantTokens = c.treasury(), 0
	if st.Alive {
		lv.GrantTokens = st.GrantTokens
	}
	lv.Awareness = e.Platform().Reputation[c.id]
	lv.Quality = lv.Awareness
	lv.Productivity = st.Productivity/c.base - 1
	lv.Owed, lv.OwedBy, lv.Funded, lv.Failed = c.obl.Owed, int(c.obl.DueBy), c.funded, c.failed
	lv.Locality = c.home
	lv.Wage = st.Wage
	v := e.SectorView(c.sector, c.home)
	cfg := lv.world.sc.Config
	price := max(st.Price, 1)
	lv.View = View{Workers: lv.Workers, Apprentices: lv.Apprentices, Productivity: st.Productivity, Capacity: st.Capacity,
		Offered: int64(st.Offered / price), Ordered: int64(st.Ordered / price), Sold: int64(st.Sold / price),
		Price: st.Price, Market: v.Price, Low: v.Low, High: v.High, Competitors: v.Offers, Local: v.Local,
		InputShare: v.InputShare, InputCost: ledger.Scale(st.Price, v.InputShare), InputFill: st.InputFill,
		Wage: st.Wage, SectorWage: v.Wage, WageBill: st.WageBill, Treasury: lv.Treasury, Grant: lv.GrantTokens,
		Unpaid: st.UnpaidMonths, FailAfter: cfg.Coops.FailAfterMonths, Reputation: lv.Awareness,
		HireCost: ledger.Scale(st.Wage, HireCost), NoticePay: ledger.Scale(st.Wage, NoticePay), GrantRule: grantRule(c.grantUse)}
	lv.View.Base = math.Round(c.baseUnits(st.Price, v.Price))
	if z := lv.world.lookout(); z != nil {
		lv.View.Monitoring, lv.View.LookoutCost = z.Monitors(c.id), ledger.Tokens(cfg.Horizon.Cost)
	}
	if n := len(lv.History); n > 0 {
		// Last month's figures from the turns that made it up.
		last := lv.monthOf(lv.History[n-1].Month)
		lv.View.Offered, lv.View.Ordered, lv.View.Sold = last.Offered, last.Customers, last.Sold
	}
	for _, m := range c.mods {
		if m.kind == "b2b" && lv.Month <= m.until {
			lv.View.OnOrder += m.units
		}
	}
	if st.Alive {
		lv.View.Savings = e.Ledger().Savings(c.acct())
		lv.View.Reserve = c.reserve()
		lv.View.Surplus = max(lv.Treasury-lv.View.Reserve, 0)
	}
}

// NextDecisions returns the decisions the next turn starts from: the last turn's,
// without its one-off choices.
func (g *Game) NextDecisions() Decisions {
	if n := len(g.Turns); n > 0 {
		d := g.Turns[n-1]
		if g.live != nil && g.live.turns == n {
			d = g.live.applied // with what card responses changed
		}
		d.Accept, d.Respond, d.Apprentice, d.Funding = nil, nil, false, false
		if g.live != nil {
			d.Workers += g.live.qualified // qualified apprentices join the workers
		}
		return d
	}
	return g.canvasDecisions()
}

func isOption(opts []Option, v string) bool {
	return slices.ContainsFunc(opts, func(o Option) bool { return o.Value == v })
}

// CheckDecisions says what is wrong with d for the next turn, if anything.
func (g *Game) CheckDecisions(d Decisions) error {
	lv := g.live
	switch {
	case lv == nil:
		return &InputError{Field: "phase", Msg: "the living co-op has not started"}
	case lv.Failed:
		return &InputError{Field: "turn", Msg: "the co-op has failed: read the lesson, then start again"}
	case lv.Ended:
		return &InputError{Field: "turn", Msg: "the simulated economy has run its course: export your co-op"}
	case !(d.Price > 0 && d.Price <= 1e6):
		return &InputError{Field: "price", Msg: "want a price above 0 and at most 1,000,000 tokens"}
	case !(d.Pay >= 0 && d.Pay <= 1e6):
		return &InputError{Field: "pay", Msg: "want pay from 0 to 1,000,000 tokens a month"}
	case d.Workers < 1 || d.Workers > 500:
		return &InputError{Field: "workers", Msg: "want from 1 to 500 workers"}
	case !(d.Marketing >= 0 && d.Marketing <= 1e7):
		return &InputError{Field: "marketing", Msg: "want marketing from 0 to 10,000,000 tokens a month"}
	case !(d.Offer >= 0 && d.Offer <= 1):
		return &InputError{Field: "offer", Msg: "you can offer from none to all of what you can make (0 to 100%), never more"}
	case !isOption(Activities, d.Activity):
		return &InputError{Field: "activity", Msg: fmt.Sprintf("no activity %q", clip(d.Activity))}
	case !isOption(GrantUses, d.GrantUse):
		return &InputError{Field: "grant_use", Msg: fmt.Sprintf("no grant use %q", clip(d.GrantUse))}
	case !isOption(SurplusUses, d.Surplus):
		return &InputError{Field: "surplus", Msg: fmt.Sprintf("decide what the surplus goes to (save, payout, invest or foundation), not %q", clip(d.Surplus))}
	case d.Funding && lv.coop.funded:
		return &InputError{Field: "funding", Msg: "the Foundation's start-up funding is given once"}
	case d.Funding && !lv.world.sc.Config.Issuance.Investment.Enabled:
		return &InputError{Field: "funding", Msg: "the Foundation of this economy funds no start-ups (its issuance.investment is not enabled)"}
	case d.Apprentice && len(lv.coop.appr) >= 2:
		return &InputError{Field: "apprentice", Msg: "the Foundation places at most two apprentices at a time"}
	}
	for _, id := range d.Accept {
		if !slices.ContainsFunc(lv.Proposals, func(p Proposal) bool { return p.ID == id }) {
			return &InputError{Field: "accept", Msg: fmt.Sprintf("no open proposal %q", clip(id))}
		}
	}
	for id, k := range d.Respond {
		i := slices.IndexFunc(lv.Cards, func(c Card) bool { return c.ID == id })
		if i < 0 || lv.Cards[i].Response >= 0 || lv.Cards[i].Unanswered {
			return &InputError{Field: "respond", Msg: fmt.Sprintf("no card %q awaiting a response", clip(id))}
		}
		if k < 0 || k >= len(lv.Cards[i].Responses) {
			return &InputError{Field: "respond", Msg: fmt.Sprintf("card %q has no response %d", id, k)}
		}
	}
	return nil
}

// turnRand returns the random stream of the living co-op's turn n in month (the
// game's purchases from other co-ops): derived from the seed as the engine derives
// its streams, apart from the trial's (1) and the proposals' (2).
func turnRand(seed uint64, n, month int) *rand.Rand {
	var src rand.PCG
	sim.Seed(&src, seed, 3+n, month, sim.PurposeGame)
	return rand.New(&src)
}

// Turn plays one turn of the living co-op with decisions d: the decisions are applied
// to the player's co-op in the engine's economy, which then runs the turn's tick
// (a month, or a week for weekly turns). Autosaving is the caller's next step.
func (g *Game) Turn(d Decisions) error {
	if err := g.CheckDecisions(d); err != nil {
		return err
	}
	lv, c := g.live, g.live.coop
	month := lv.Month
	r := turnRand(g.Seed, lv.turns, month)
	chosen := d             // as the player chose them, for the save: responses below may change d
	var extra ledger.Amount // one-off costs paid this turn
	var invested, funding, levy ledger.Amount
	// One-off choices first: responses, trades, programmes.
	for _, id := range sortedKeys(d.Respond) {
		extra += g.respond(r, id, d.Respond[id], month, &d)
	}
	for _, id := range d.Accept {
		i := slices.IndexFunc(lv.Proposals, func(p Proposal) bool { return p.ID == id })
		p := lv.Proposals[i]
		switch p.Kind {
		case "supply":
			// Bought from the partner, with the transport levy on top as any purchase.
			paid := c.pay(c.e.CoopAccount(p.partner), p.Fee, ledger.TxPurchase)
			invested += paid
			levy += c.pay(c.e.Foundation(), c.e.Levy(paid, c.home, c.e.CoopLocality(p.partner)), ledger.TxLevy)
			if paid == p.Fee {
				pr := c.e.CoopProductivity(c.id)
				c.e.SetCoopProductivity(c.id, pr*(1+p.Gain))
			}
		case "order":
			c.mods = append(c.mods, modifier{source: p.ID, kind: "b2b", value: 1, units: p.Units, price: p.Price,
				until: month + p.Months - 1, buyer: p.partner})
		}
		lv.Proposals = slices.Delete(lv.Proposals, i, i+1)
	}
	if d.Apprentice {
		if c.e.Hire(c.id, 1) == 1 {
			c.appr = append(c.appr, apprenticeMonths)
		}
	}
	if d.Funding {
		inv, obl := startupInvestment(lv.world, month)
		paid, err := c.e.Fund(c.id, inv)
		if err != nil {
			return err
		}
		funding += paid
		c.funded = true
		c.obl.Owed += paid
		c.obl.DueBy = obl.DueBy
	}
	lv.monitor = d.Activity == "scanning"
	c.scan = lv.monitor || g.Canvas[BoxLikelihood] == "high"

	p, err := c.play(&d, r, extra)
	if err != nil {
		return err
	}
	p.Invested += invested
	p.Funding += funding
	p.Levy += levy
	if g.TurnLength == "week" {
		p.Week = lv.Week
	}
	lv.History = append(lv.History, p)
	lv.qualified = 0
	if lv.world.nextMonthStart() || lv.world.ended() {
		ev := c.endMonth(month)
		lv.qualified = ev.qualified
		g.monthLessons(ev, month)
		if !c.failed {
			g.cardLessons(month)
		}
	}
	lv.turns++
	g.Turns = append(g.Turns, chosen)
	lv.applied = d
	if c.failed {
		lv.sync()
		return nil
	}
	return g.prepare()
}

// monthEnd is what a month's end brought, for the lessons.
type monthEnd struct {
	obligationMet, obligationLost bool
	qualified                     int // apprentices who finished
}

// endMonth closes month for the game's side of the co-op: the start-up obligation
// (settled against the month's offers, as the engine settles its start-ups'),
// apprentices' months, and modifiers that end.
func (c *coop) endMonth(month int) monthEnd {
	var ev monthEnd
	switch met, missed := c.obl.Settle(c.monthOffered, month); {
	case met:
		ev.obligationMet = true
	case missed:
		ev.obligationLost = true
	}
	kept := c.appr[:0]
	for _, m := range c.appr {
		if m > 1 {
			kept = append(kept, m-1)
		} else {
			ev.qualified++ // a qualified apprentice stays on as a worker
		}
	}
	c.appr = kept
	mods := c.mods[:0]
	for _, m := range c.mods {
		if m.until > month {
			mods = append(mods, m)
		}
	}
	c.mods = mods
	return ev
}

// Restart starts the living co-op again from the Minimum Viable Service after a
// failure, keeping the lessons learnt.
func (g *Game) Restart() error {
	if g.live != nil {
		g.Earlier = append(g.Earlier, g.live.Lessons...)
	}
	g.Turns = nil
	return g.startLiving()
}

// proposals draws the month's trade proposals from simulated co-ops: a co-op of
// another sector selling equipment, and one wanting to buy from you. Accepted, both
// are trades on the economy's ledger.
func (g *Game) proposals(r *rand.Rand) []Proposal {
	lv := g.live
	c := lv.coop
	var out []Proposal
	st := c.e.CoopStatus(c.id)
	if r.Float64() < 0.35 {
		if s := c.otherSector(r, "tech"); s >= 0 {
			if ps := lv.world.partners(c.e.Sectors()[s], 1, c.id, r.IntN); len(ps) > 0 {
				gain := 0.04 + 0.02*float64(r.IntN(3))
				fee := ledger.Scale(st.Wage, 0.5+5*gain)
				out = append(out, Proposal{ID: fmt.Sprintf("m%d-supply", lv.Month), Partner: coopName(ps[0]), Kind: "supply", Fee: fee, Gain: gain,
					partner: ps[0].coop,
					Text: fmt.Sprintf("%s offers equipment for %s tokens: %.0f%% more output per worker (wearing off as the engine's capacity does).",
						coopName(ps[0]), whole(fee), 100*gain)})
			}
		}
	}
	if r.Float64() < 0.3 {
		others := slices.DeleteFunc(slices.Clone(lv.world.Sectors()), func(s string) bool { return s == lv.Sector })
		if len(others) > 0 {
			sector := others[r.IntN(len(others))]
			if ps := lv.world.partners(sector, 1, c.id, r.IntN); len(ps) > 0 {
				units := int64(max(st.Capacity*float64(1+r.IntN(2))*0.1, 1))
				unit := ledger.Scale(max(st.Price, 1), 0.9)
				out = append(out, Proposal{ID: fmt.Sprintf("m%d-order", lv.Month), Partner: coopName(ps[0]), Kind: "order", Units: units, Price: unit, Months: 3,
					partner: ps[0].coop,
					Text: fmt.Sprintf("%s wants %s a month for three months at %s tokens a unit (a tenth off your price); they come out of what you list on the platform.",
						coopName(ps[0]), plural(units, "unit", "units"), price(unit))})
			}
		}
	}
	return out
}

func coopName(p partner) string {
	return fmt.Sprintf("%s co-op no. %d", p.sector, p.coop+1)
}

// SetTurnLength chooses monthly ("month") or weekly ("week") turns for the living
// co-op. It can change only before the first turn.
func (g *Game) SetTurnLength(length string) error {
	if length != "month" && length != "week" {
		return &InputError{Field: "turn_length", Msg: fmt.Sprintf("want month or week, got %q", clip(length))}
	}
	if len(g.Turns) > 0 && length != g.TurnLength {
		return &InputError{Field: "turn_length", Msg: "turns are already being played; the length is fixed until you start again"}
	}
	g.TurnLength = length
	if g.live != nil && len(g.Turns) == 0 {
		return g.startLiving()
	}
	return nil
}

// grantRule says the engine's grant use in words.
func grantRule(u agents.GrantUse) string {
	total := u.Bonus + u.Capacity + u.Supplies + u.Innovation
	if total <= 0 {
		return "The engine leaves each month's grant in the treasury, for pay and inputs."
	}
	pc := func(x float64) int { return int(math.Round(100 * x / total)) }
	return fmt.Sprintf("The engine spends each month's grant as it arrives: %d%% as a bonus to the members, %d%% on capacity, %d%% on supplies, %d%% on innovation.",
		pc(u.Bonus), pc(u.Capacity), pc(u.Supplies), pc(u.Innovation))
}

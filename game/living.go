package game

import (
	"fmt"
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

	Workers      int
	Apprentices  int
	Treasury     ledger.Amount
	GrantTokens  ledger.Amount
	Awareness    float64       // share of the market that knows the co-op, 0..1
	Quality      float64       // 0..1
	Productivity float64       // gain from training and equipment, e.g. 0.1 is +10%
	Owed         ledger.Amount // start-up investment still to offer
	OwedBy       int           // month it falls due (0: none)
	Funded       bool          // start-up funding taken
	Sector       string
	Locality     int           // where the co-op is (World.Home): the levy is on what it buys from elsewhere
	Wage         ledger.Amount // the sector's pay a month, in which card costs are counted

	coop      *coop
	world     *World
	key       string // the answers and canvas it was set up from
	started   int    // economy month of this life's first turn
	weekIndex int    // weeks played, for weekly turns
	lastCard  int
	deck      []int
	monitor   bool // the last turn's activity was horizon scanning
	lessonAt  map[string]int
}

// Proposal is a trade offered by a simulated co-op for this month.
type Proposal struct {
	ID      string
	Partner string // the simulated co-op
	Kind    string // "supply": cheaper inputs; "order": a co-op buys from you
	Text    string
	Units   int64         // order: units a month
	Price   ledger.Amount // order: price a unit
	Fee     ledger.Amount // supply: a one-off fee
	Months  int
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

// canvasDecisions are the first turn's decisions, from the canvas.
func (g *Game) canvasDecisions() Decisions {
	pay, _ := strconv.ParseFloat(g.Canvas[BoxPay], 64)
	return Decisions{Price: g.Number(BoxPrice), Pay: pay, Workers: g.Founders(), Marketing: g.Number(BoxMarketing),
		Offer: 1, Activity: "service", GrantUse: "pay"}
}

// newCoop sets the co-op up from the canvas, in world w.
func (g *Game) newCoop(w *World) (*coop, error) {
	s, ok := w.Sector(g.Sector())
	if !ok {
		return nil, &InputError{Field: QSector, Msg: fmt.Sprintf("no sector %q in scenario %s", g.Sector(), g.Scenario)}
	}
	home, err := w.Home(g.Sector())
	if err != nil {
		return nil, err
	}
	c := &coop{sector: s, workers: max(g.Founders(), 1), quality: 0.5, books: newBooks(), econ: w.econ, home: home}
	for _, k := range sortedKeys(s.Inputs) {
		c.inputCoef += s.Inputs[k]
	}
	for _, k := range sortedKeys(s.Inputs) {
		c.inputs = append(c.inputs, inputLine{sector: k, share: s.Inputs[k] / c.inputCoef})
	}
	switch g.Canvas[BoxOnline] {
	case "online":
		c.awareness = 0.08
	case "hybrid":
		c.awareness = 0.06
	default:
		c.awareness = 0.04
	}
	funds := ledger.Tokens(g.Number(BoxStartFunds))
	if funds > 0 {
		var err error
		switch g.Canvas[BoxFunding] {
		case "foundation":
			// The canvas's own sum, owed back as offers by the trial's start plus the
			// scenario's obligation_months.
			err = c.books.earn(c.books.fund, funds, ledger.TxInvestment)
			c.obl = agents.Obligation{Owed: funds, DueBy: int32(WarmupMonths + w.sc.Config.Issuance.Investment.ObligationMonths)}
			c.funded = true
		case "loan":
			err = c.books.earn(c.books.lender, funds, ledger.TxOther)
			c.loan, c.loanN = funds/24, 24
		default:
			err = c.books.earn(c.books.workers, funds, ledger.TxOther)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// startLiving starts the living co-op and replays the turns already played.
func (g *Game) startLiving() error {
	w, err := NewWorld(g.Scenario, g.Seed)
	if err != nil {
		return err
	}
	if err := w.Advance(LivingStart - 1); err != nil {
		return err
	}
	c, err := g.newCoop(w)
	if err != nil {
		return err
	}
	if c.obl.DueBy > 0 {
		c.obl.DueBy += LivingStart - WarmupMonths - 1
	}
	if f := g.Existing; f != nil {
		mk, err := w.Market(g.Sector())
		if err != nil {
			return err
		}
		c.calibrate(mk, f.Price, f.Customers+f.InnovationCustomers)
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

// weeksIn returns the number of weeks of month m: 52 weeks spread over 12 months.
func weeksIn(m int) int { return weekOf(m+1) - weekOf(m) }

func weekOf(m int) int { return (m - 1) * 52 / 12 }

// turnShare is the share of a month one turn covers.
func (g *Game) turnShare(lv *Living) float64 {
	if g.TurnLength == "week" {
		return 1 / float64(weeksIn(lv.Month))
	}
	return 1
}

// prepare gets the next turn ready: the economy stepped to its month, the month's
// trade proposals and any new horizon-scanning card.
func (g *Game) prepare() error {
	lv := g.live
	if lv.Week != 1 {
		return nil
	}
	if lv.Month > lv.world.sc.Config.Ticks {
		lv.Ended = true
		return nil
	}
	if err := lv.world.Advance(lv.Month); err != nil {
		return err
	}
	c := lv.coop
	c.from = lv.world.suppliers(g.Seed, lv.Month, lv.Sector, c.inputs, c.home)
	var src rand.PCG
	sim.Seed(&src, g.Seed, 2, lv.Month, sim.PurposeGame)
	r := rand.New(&src)
	lv.Proposals = g.proposals(r)
	g.drawCard(r)
	lv.sync()
	return nil
}

func (lv *Living) sync() {
	c := lv.coop
	lv.Workers, lv.Apprentices = c.workers, len(c.appr)
	lv.Treasury, lv.GrantTokens = c.treasury(), c.books.l.Grant(c.books.coop)
	lv.Awareness, lv.Quality, lv.Productivity = c.awareness, c.quality, c.prodGain
	lv.Owed, lv.OwedBy, lv.Funded, lv.Failed = c.obl.Owed, int(c.obl.DueBy), c.funded, c.failed
	lv.Locality = c.home
	lv.Wage = ledger.Tokens(c.sector.Wage)
}

// NextDecisions returns the decisions the next turn starts from: the last turn's,
// without its one-off choices.
func (g *Game) NextDecisions() Decisions {
	if n := len(g.Turns); n > 0 {
		d := g.Turns[n-1]
		d.Accept, d.Respond, d.Apprentice, d.Funding = nil, nil, false, false
		if g.live != nil {
			d.Workers = g.live.Workers // qualified apprentices join the workers
		}
		return d
	}
	return g.canvasDecisions()
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
	case !slices.ContainsFunc(Activities, func(o Option) bool { return o.Value == d.Activity }):
		return &InputError{Field: "activity", Msg: fmt.Sprintf("no activity %q", clip(d.Activity))}
	case !slices.ContainsFunc(GrantUses, func(o Option) bool { return o.Value == d.GrantUse }):
		return &InputError{Field: "grant_use", Msg: fmt.Sprintf("no grant use %q", clip(d.GrantUse))}
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
		if i < 0 || lv.Cards[i].Response >= 0 {
			return &InputError{Field: "respond", Msg: fmt.Sprintf("no card %q awaiting a response", clip(id))}
		}
		if k < 0 || k >= len(lv.Cards[i].Responses) {
			return &InputError{Field: "respond", Msg: fmt.Sprintf("card %q has no response %d", id, k)}
		}
	}
	return nil
}

// Turn plays one turn of the living co-op with decisions d, and autosaving is the
// caller's next step.
func (g *Game) Turn(d Decisions) error {
	if err := g.CheckDecisions(d); err != nil {
		return err
	}
	lv, c := g.live, g.live.coop
	month := lv.Month
	var extra ledger.Amount // one-off costs paid this turn
	// One-off choices first: responses, trades, programmes, hiring.
	for _, id := range sortedKeys(d.Respond) {
		extra += g.respond(id, d.Respond[id], month)
	}
	for _, id := range d.Accept {
		i := slices.IndexFunc(lv.Proposals, func(p Proposal) bool { return p.ID == id })
		p := lv.Proposals[i]
		switch p.Kind {
		case "supply":
			extra += c.books.pay(c.books.suppliers, p.Fee, ledger.TxInput)
			c.mods = append(c.mods, modifier{source: p.ID, kind: "inputs", value: 0.85, until: month + p.Months - 1})
		case "order":
			c.mods = append(c.mods, modifier{source: p.ID, kind: "b2b", value: 1, units: p.Units, price: p.Price, until: month + p.Months - 1})
		}
		lv.Proposals = slices.Delete(lv.Proposals, i, i+1)
	}
	if d.Apprentice {
		c.appr = append(c.appr, 12)
	}
	var funding ledger.Amount
	if d.Funding {
		// The engine's investment issuance for a start-up founded this month (the
		// player's co-op is the only start-up its books fund).
		var obl agents.Obligation
		funding, obl = agents.StartupInvestment(lv.world.sc.Config.Issuance.Investment, month, 0)
		if err := c.books.earn(c.books.fund, funding, ledger.TxInvestment); err != nil {
			return err
		}
		c.funded = true
		c.obl.Owed += obl.Owed
		c.obl.DueBy = obl.DueBy
	}
	c.workers = d.Workers
	lv.monitor = d.Activity == "scanning"

	mk, err := lv.world.Market(lv.Sector)
	if err != nil {
		return err
	}
	var src rand.PCG
	sim.Seed(&src, g.Seed, 3+lv.weekIndex, month, sim.PurposeGame)
	p := c.step(&d, mk, month, g.turnShare(lv), rand.New(&src))
	p.Other += extra
	p.Funding += funding
	if g.TurnLength == "week" {
		p.Week = lv.Week
	}
	endsMonth := g.TurnLength != "week" || lv.Week == weeksIn(month)
	if endsMonth {
		ev, err := c.endMonth(month, &d, g.issuer, lv.world.sc.Config, lv.world.env(month), &p)
		if err != nil {
			return err
		}
		lv.History = append(lv.History, p)
		g.monthLessons(ev, month)
		g.cardLessons(month)
		lv.Month++
		lv.Week = 1
	} else {
		lv.History = append(lv.History, p)
		lv.Week++
	}
	lv.weekIndex++
	g.Turns = append(g.Turns, d)
	lv.sync()
	if lv.Failed {
		return nil
	}
	return g.prepare()
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

// proposals draws the month's trade proposals from simulated co-ops: a supplier
// offering cheaper inputs, and a co-op of another sector wanting to buy.
func (g *Game) proposals(r *rand.Rand) []Proposal {
	lv := g.live
	c := lv.coop
	var out []Proposal
	if r.Float64() < 0.35 && len(c.sector.Inputs) > 0 {
		in := sortedKeys(c.sector.Inputs)
		sector := in[r.IntN(len(in))]
		if ps := lv.world.partners(sector, 1, r.IntN); len(ps) > 0 {
			fee := ledger.Tokens(c.sector.Wage / 4)
			out = append(out, Proposal{ID: fmt.Sprintf("m%d-supply", lv.Month), Partner: coopName(ps[0]), Kind: "supply", Fee: fee, Months: 6,
				Text: fmt.Sprintf("%s offers a six-month supply contract: your %s inputs 15%% cheaper, for a one-off fee of %s tokens.",
					coopName(ps[0]), sector, ledger.Format(fee))})
		}
	}
	if r.Float64() < 0.3 {
		others := slices.DeleteFunc(slices.Clone(lv.world.Sectors()), func(s string) bool { return s == lv.Sector })
		if len(others) > 0 {
			sector := others[r.IntN(len(others))]
			if ps := lv.world.partners(sector, 1, r.IntN); len(ps) > 0 {
				units := int64(max(c.sector.Productivity*float64(1+r.IntN(2))*0.5, 1))
				price := ledger.Scale(ledger.Tokens(g.NextDecisions().Price), 0.9)
				out = append(out, Proposal{ID: fmt.Sprintf("m%d-order", lv.Month), Partner: coopName(ps[0]), Kind: "order", Units: units, Price: price, Months: 3,
					Text: fmt.Sprintf("%s wants %d units a month for three months at %s tokens a unit (a tenth off your price).",
						coopName(ps[0]), units, ledger.Format(price))})
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

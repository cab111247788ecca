package game

import (
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestCheckDecisions(t *testing.T) {
	g := atLiving(t, 1, "month")
	ok := g.NextDecisions()
	must(t, g.CheckDecisions(ok))
	tests := []struct {
		field  string
		change func(d *Decisions)
	}{
		{"price", func(d *Decisions) { d.Price = 0 }},
		{"price", func(d *Decisions) { d.Price = -3 }},
		{"pay", func(d *Decisions) { d.Pay = -1 }},
		{"workers", func(d *Decisions) { d.Workers = 0 }},
		{"workers", func(d *Decisions) { d.Workers = 501 }},
		{"marketing", func(d *Decisions) { d.Marketing = -10 }},
		{"offer", func(d *Decisions) { d.Offer = 1.5 }},
		{"activity", func(d *Decisions) { d.Activity = "golf" }},
		{"grant_use", func(d *Decisions) { d.GrantUse = "holiday" }},
		{"surplus", func(d *Decisions) { d.Surplus = "" }},
		{"surplus", func(d *Decisions) { d.Surplus = "party" }},
		{"accept", func(d *Decisions) { d.Accept = []string{"m99-order"} }},
		{"respond", func(d *Decisions) { d.Respond = map[string]int{"nope": 0} }},
	}
	for _, tt := range tests {
		d := ok
		tt.change(&d)
		err := g.CheckDecisions(d)
		if ie, isIE := err.(*InputError); !isIE || ie.Field != tt.field {
			t.Errorf("CheckDecisions(bad %s) = %v, want an InputError for %s", tt.field, err, tt.field)
		}
		if err := g.Turn(d); err == nil {
			t.Errorf("Turn(bad %s) was played", tt.field)
		}
	}
	if len(g.Turns) != 0 {
		t.Errorf("%d turns recorded after refusals, want 0", len(g.Turns))
	}
}

// TestBooksBalance checks the co-op's money to the micro-token: the treasury is the
// start-up funds plus every period's income less its costs, expired grant tokens and
// what the surplus decisions moved (saved, paid out, invested, given); it is the
// engine's own figure for the co-op (agents.CoopStatus), and the economy's ledger
// conserves tokens after every turn.
//
// The same holds for an existing co-op whose customer base buys from it directly
// (Riverside's figures: its regulars' purchases are sales on the same ledger).
func TestBooksBalance(t *testing.T) {
	figures := strings.Replace(riverside(t), "innovation: Evening visits", `innovation: ""`, 1)
	for _, tl := range []string{"month", "week", "figures month", "figures week"} {
		var g *Game
		if name, ok := strings.CutPrefix(tl, "figures "); ok {
			var err error
			g, err = FromFigures("riverside.yaml", []byte(figures), "", 3)
			must(t, err)
			must(t, g.SetTurnLength(name))
		} else {
			g = atLiving(t, 3, tl)
		}
		lv := g.Living()
		start := lv.Treasury
		for i := 0; i < 30 && !lv.Failed; i++ {
			play(t, g, 1)
			c := lv.coop
			if err := c.e.Ledger().CheckConservation(); err != nil {
				t.Fatal(err)
			}
			if st := c.e.CoopStatus(c.id); st.Alive && st.Treasury != lv.Treasury {
				t.Fatalf("%s turns, turn %d: the game says treasury %d, the engine %d", tl, i+1, lv.Treasury, st.Treasury)
			}
		}
		sum := start
		var regulars int64
		for _, p := range lv.History {
			sum += p.Income() - p.Costs() - p.Expired - p.Saved - p.Bonus - p.Invested - p.Given
			regulars += p.Regulars
		}
		if strings.HasPrefix(tl, "figures") && regulars == 0 {
			t.Errorf("%s turns: the customer base bought nothing", tl)
		}
		if !lv.Failed && sum != lv.Treasury {
			t.Errorf("%s turns: treasury %s, but funds and flows add up to %s", tl, ledger.Format(lv.Treasury), ledger.Format(sum))
		}
	}
}

// TestWeeklyTurns: a weekly turn is a tick of the engine on its weekly clock, and the
// engine pays a week's share of the monthly pay bill each week (a quarter in a month
// of four weeks, a fifth in one of five: each calendar month is one month of pay):
// the player's pay for the co-op's workers, and the apprentice's pay for any
// apprentice the Foundation places there.
func TestWeeklyTurns(t *testing.T) {
	g := atLiving(t, 1, "week")
	d := g.NextDecisions()
	d.Pay = 500 // a pay the weekly co-op can meet
	lv := g.Living()
	c := lv.coop
	checked := 0
	for i := range 52 {
		before := c.e.CoopStatus(c.id)
		must(t, g.Turn(d))
		d = g.NextDecisions()
		after := c.e.CoopStatus(c.id)
		p := lv.History[len(lv.History)-1]
		if i == 0 || p.Short || before.Workers != after.Workers || before.WageBill != after.WageBill {
			continue // the first week sets the pay; a week whose workforce changed mixes two bills
		}
		// Each worker's weekly pay is rounded once: the bill is within a micro-token a
		// worker of the week's share of the monthly bill, the weeks of its month
		// counted here from the clock's months.
		weeks := 0
		for tick := 1; tick <= lv.world.clock.Ticks; tick++ {
			if lv.world.clock.Month(tick) == p.Month {
				weeks++
			}
		}
		want := ledger.Scale(after.WageBill, 1/float64(weeks))
		if diff := p.Wages - want; diff < -ledger.Amount(p.Members) || diff > ledger.Amount(p.Members) {
			t.Errorf("month %d week %d: pay %s, want %s (1/%d of the bill of %s)", p.Month, p.Week, ledger.Format(p.Wages), ledger.Format(want), weeks, ledger.Format(after.WageBill))
		}
		// The player's pay, set as a weekly amount, comes back as a monthly wage within
		// two micro-tokens a worker (rounded both ways).
		if dev := after.WageBill - ledger.Tokens(d.Pay)*ledger.Amount(after.Workers); after.Apprentices == 0 && (dev < -2*ledger.Amount(after.Workers) || dev > 2*ledger.Amount(after.Workers)) {
			t.Errorf("month %d week %d: a bill of %s for %d workers at %g", p.Month, p.Week, ledger.Format(after.WageBill), after.Workers, d.Pay)
		}
		checked++
	}
	if lv.Month != LivingStart+12 || lv.Week != 1 || len(lv.History) != 52 {
		t.Fatalf("after 52 weeks: month %d week %d, %d periods; want month %d week 1, 52 periods", lv.Month, lv.Week, len(lv.History), LivingStart+12)
	}
	if checked < 40 {
		t.Errorf("only %d of 52 weeks had a steady workforce to check", checked)
	}
}

func TestFailureIsALesson(t *testing.T) {
	g := atLiving(t, 1, "month")
	d := g.NextDecisions()
	d.Pay, d.Workers = 5000, 12 // a burn no treasury of 6,000 can carry
	for i := 0; i < 6 && !g.Living().Failed; i++ {
		must(t, g.Turn(d))
	}
	lv := g.Living()
	if !lv.Failed {
		t.Fatalf("the co-op survived paying %g to %d workers", d.Pay, d.Workers)
	}
	var kinds []string
	for _, l := range lv.Lessons {
		kinds = append(kinds, l.Kind)
		if l.Title == "" || l.What == "" || l.Why == "" || l.Try == "" {
			t.Errorf("lesson %+v is not written up in full", l)
		}
	}
	if !strings.Contains(strings.Join(kinds, ","), "short") || kinds[len(kinds)-1] != "failed" {
		t.Errorf("lessons %v, want short pay and then the failure", kinds)
	}
	// The cause is named from the engine's figures: the pay bill, the sales, the price
	// against the going price.
	for _, l := range lv.Lessons {
		if l.Kind == "short" && !(strings.Contains(l.Why, "going price") && strings.Contains(l.What, "pay bill")) {
			t.Errorf("the short-pay lesson does not name the price and pay bill: %+v", l)
		}
	}
	if err := g.Turn(g.NextDecisions()); err == nil {
		t.Error("a failed co-op played another turn")
	}
	must(t, g.Restart())
	if g.Living().Failed || len(g.Turns) != 0 || len(g.Earlier) != len(lv.Lessons) {
		t.Errorf("after Restart: failed %v, %d turns, %d earlier lessons", g.Living().Failed, len(g.Turns), len(g.Earlier))
	}
	play(t, g, 3)
}

// TestHiringCostsAndApprentices: each worker hired costs HireCost of a month's pay in
// induction (bought from another co-op, levy included), each let go NoticePay; an
// apprentice is hired through the Foundation, which pays the co-op a stipend, and
// joins the workers after a year; the start-up funding is given once.
func TestHiringCostsAndApprentices(t *testing.T) {
	g := atLiving(t, 1, "month")
	d := g.NextDecisions()
	wage := ledger.Tokens(d.Pay)
	d.Workers = 5
	must(t, g.Turn(d))
	lv := g.Living()
	if lv.Workers != 5 {
		t.Fatalf("workers %d after hiring 2, want 5", lv.Workers)
	}
	// The induction budget is spent whole (the levy inside it), to a micro-token.
	if p := lv.History[0]; p.Hiring < ledger.Scale(wage, 2*HireCost)-2 || p.Hiring > ledger.Scale(wage, 2*HireCost) {
		t.Errorf("hiring 2 cost %s, want %s", ledger.Format(p.Hiring), ledger.Format(ledger.Scale(wage, 2*HireCost)))
	}
	d = g.NextDecisions()
	d.Workers = 3
	must(t, g.Turn(d))
	if p := lv.History[1]; lv.Workers != 3 || p.Hiring != ledger.Scale(wage, NoticePay)*2 {
		t.Errorf("letting 2 go: %d workers, notice pay %s; want 3 and %s", lv.Workers, ledger.Format(p.Hiring), ledger.Format(ledger.Scale(wage, NoticePay)*2))
	}
	d = g.NextDecisions()
	d.Apprentice = true
	must(t, g.Turn(d))
	if lv.Apprentices != 1 || lv.Workers != 3 || lv.View.Workers+lv.View.Apprentices != 4 {
		t.Fatalf("workers %d apprentices %d, want 3 and 1", lv.Workers, lv.Apprentices)
	}
	must(t, g.Turn(g.NextDecisions()))
	if p := lv.History[3]; p.Funding <= 0 {
		t.Errorf("no apprenticeship stipend from the Foundation: %+v", p)
	}
	d = g.NextDecisions()
	d.Funding = true
	must(t, g.Turn(d))
	if p := lv.History[4]; !lv.Funded || p.Funding < ledger.Tokens(2000) {
		t.Errorf("start-up funding: funded %v, month's funding %s, owed %s; want the scenario's 2,000", lv.Funded, ledger.Format(p.Funding), ledger.Format(lv.Owed))
	}
	d = g.NextDecisions()
	d.Funding = true
	if err := g.Turn(d); err == nil {
		t.Error("start-up funding was given twice")
	}
	play(t, g, 10)
	if lv := g.Living(); lv.Apprentices != 0 || lv.Workers != 4 {
		t.Errorf("after a year: %d apprentices, %d workers; want the apprentice qualified as a fourth worker", lv.Apprentices, lv.Workers)
	}
}

func TestTradesWithSimulatedCoops(t *testing.T) {
	g := atLiving(t, 1, "month")
	var order, supply bool
	for i := 0; i < 36 && !(order && supply); i++ {
		d := g.NextDecisions()
		for _, p := range g.Living().Proposals {
			if !strings.Contains(p.Partner, "co-op no.") || p.Text == "" {
				t.Errorf("proposal %+v does not name a simulated co-op", p)
			}
			d.Accept = append(d.Accept, p.ID)
			order = order || p.Kind == "order"
			supply = supply || p.Kind == "supply"
		}
		d.Workers = 6 // room for orders
		must(t, g.Turn(d))
	}
	if !order || !supply {
		t.Fatalf("in three years no order (%v) or no supply (%v) proposal", order, supply)
	}
	if len(g.Living().coop.mods) == 0 && !hasB2B(g) {
		t.Error("accepted trades left no mark on the co-op")
	}
}

func hasB2B(g *Game) bool {
	for _, t := range g.Turns {
		if len(t.Accept) > 0 {
			return true
		}
	}
	return false
}

// deckWorld is GetGo's economy without its horizon events: the game draws its own
// deck of cards.
const deckWorld = "testdata/getgo-deck.yaml"

func TestCards(t *testing.T) {
	// Ignoring every card writes a lesson for each harmful one; answering them, none.
	ignore := atLivingIn(t, deckWorld, 6, "month")
	for i := 0; i < 60 && !ignore.Living().Failed; i++ {
		must(t, ignore.Turn(ignore.NextDecisions()))
	}
	lv := ignore.Living()
	if len(lv.Cards) == 0 {
		t.Fatal("no horizon-scanning card in five years")
	}
	harmful := 0
	for _, c := range lv.Cards {
		if c.Signal == "" || c.Sign == "" || c.Significance == "" || len(c.Responses) < 2 {
			t.Errorf("card %s is missing Signal, Sign, Significance or responses", c.ID)
		}
		if c.effect.value < 1 {
			harmful++
		}
	}
	lessons := 0
	for _, l := range lv.Lessons {
		if strings.HasPrefix(l.Kind, "card-") {
			lessons++
		}
	}
	if harmful > 0 && lessons == 0 {
		t.Errorf("%d harmful cards ignored, no lesson", harmful)
	}
	heed := atLivingIn(t, deckWorld, 6, "month")
	play(t, heed, 60)
	for _, l := range heed.Living().Lessons {
		if strings.HasPrefix(l.Kind, "card-") {
			t.Errorf("a card answered at once still wrote a lesson: %+v", l)
		}
	}
}

func TestScanningGivesWarning(t *testing.T) {
	g := atLivingIn(t, deckWorld, 6, "month")
	d := g.NextDecisions()
	d.Activity = "scanning"
	for len(g.Living().Cards) == 0 {
		must(t, g.Turn(d))
	}
	c := g.Living().Cards[0]
	if c.Hits-c.Shown != 2 {
		t.Errorf("with horizon scanning a card came %d months ahead, want 2", c.Hits-c.Shown)
	}
}

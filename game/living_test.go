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
// start-up funds plus every period's income less its costs and expired grant tokens.
func TestBooksBalance(t *testing.T) {
	for _, tl := range []string{"month", "week"} {
		g := atLiving(t, 3, tl)
		start := g.Living().Treasury
		play(t, g, 30)
		lv := g.Living()
		sum := start
		for _, p := range lv.History {
			sum += p.Income() - p.Costs() - p.Expired
		}
		if sum != lv.Treasury {
			t.Errorf("%s turns: treasury %s, but funds and flows add up to %s", tl, ledger.Format(lv.Treasury), ledger.Format(sum))
		}
		if err := lv.coop.books.l.CheckConservation(); err != nil {
			t.Error(err)
		}
	}
}

func TestWeeklyTurns(t *testing.T) {
	g := atLiving(t, 1, "week")
	play(t, g, 52)
	lv := g.Living()
	if lv.Month != LivingStart+12 || lv.Week != 1 || len(lv.History) != 52 {
		t.Fatalf("after 52 weeks: month %d week %d, %d periods; want month %d week 1, 52 periods", lv.Month, lv.Week, len(lv.History), LivingStart+12)
	}
	// A month's weekly pay adds up to the monthly pay, give or take a micro-token a week.
	var wages ledger.Amount
	for _, p := range lv.History {
		if p.Month == LivingStart && !p.Short {
			wages += p.Wages
		}
	}
	want := ledger.Tokens(g.NextDecisions().Pay) * ledger.Amount(g.Founders())
	if d := wages - want; d < -5 || d > 5 {
		t.Errorf("first month's weekly pay adds up to %s, want %s", ledger.Format(wages), ledger.Format(want))
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
	if err := g.Turn(g.NextDecisions()); err == nil {
		t.Error("a failed co-op played another turn")
	}
	must(t, g.Restart())
	if g.Living().Failed || len(g.Turns) != 0 || len(g.Earlier) != len(lv.Lessons) {
		t.Errorf("after Restart: failed %v, %d turns, %d earlier lessons", g.Living().Failed, len(g.Turns), len(g.Earlier))
	}
	play(t, g, 3)
}

func TestHiringApprenticesAndFunding(t *testing.T) {
	g := atLiving(t, 1, "month")
	d := g.NextDecisions()
	cap0 := g.Living().coop.capacity(&d, LivingStart)
	d.Workers, d.Apprentice = 5, true
	must(t, g.Turn(d))
	lv := g.Living()
	if lv.Workers != 5 || lv.Apprentices != 1 {
		t.Fatalf("workers %d apprentices %d, want 5 and 1", lv.Workers, lv.Apprentices)
	}
	if got := lv.coop.capacity(&d, LivingStart); got <= cap0*5/3 {
		t.Errorf("capacity %g with 5 workers and an apprentice, want above %g", got, cap0*5/3)
	}
	if p := lv.History[0]; p.Funding <= 0 {
		t.Errorf("no apprenticeship funding from the Foundation: %+v", p)
	}
	d = g.NextDecisions()
	d.Funding = true
	must(t, g.Turn(d))
	if p := g.Living().History[1]; !g.Living().Funded || p.Funding < ledger.Tokens(2000) {
		t.Errorf("start-up funding: funded %v, month's funding %s; want the scenario's 2,000", g.Living().Funded, ledger.Format(p.Funding))
	}
	d = g.NextDecisions()
	d.Funding = true
	if err := g.Turn(d); err == nil {
		t.Error("start-up funding was given twice")
	}
	play(t, g, 11)
	if lv := g.Living(); lv.Apprentices != 0 || lv.Workers != 6 {
		t.Errorf("after a year: %d apprentices, %d workers; want the apprentice qualified as a sixth worker", lv.Apprentices, lv.Workers)
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

func TestCards(t *testing.T) {
	// Ignoring every card writes a lesson for each harmful one; answering them, none.
	ignore := atLiving(t, 5, "month")
	for range 60 {
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
	heed := atLiving(t, 5, "month")
	play(t, heed, 60)
	for _, l := range heed.Living().Lessons {
		if strings.HasPrefix(l.Kind, "card-") {
			t.Errorf("a card answered at once still wrote a lesson: %+v", l)
		}
	}
}

func TestScanningGivesWarning(t *testing.T) {
	g := atLiving(t, 5, "month")
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

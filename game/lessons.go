package game

import (
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

// lessonCooldown is the months before a lesson of the same kind is written again.
const lessonCooldown = 6

// lesson writes up a lesson, unless one of its kind was written recently.
func (g *Game) lesson(month int, kind, title, what, why, try string) {
	lv := g.live
	if at, ok := lv.lessonAt[kind]; ok && month-at < lessonCooldown {
		return
	}
	lv.lessonAt[kind] = month
	lv.Lessons = append(lv.Lessons, Lesson{Month: month, Kind: kind, Title: title, What: what, Why: why, Try: try})
}

// monthLessons writes up what went wrong in month, naming the cause from the engine's
// figures: the co-op's price against the going price and its spread, the share of
// what it offered that sold, its months unable to pay, the inputs it could buy.
func (g *Game) monthLessons(ev monthEnd, month int) {
	lv, c := g.live, g.live.coop
	m := lv.monthOf(month)
	t := whole
	failAfter := lv.world.sc.Config.Coops.FailAfterMonths
	priceVs := func() string {
		if m.Market <= 0 {
			return ""
		}
		return fmt.Sprintf("your price %s against the going price %s (most offers between %s and %s; %s in the sector, %d in your locality)",
			price(m.Price), price(m.Market), price(m.Low), price(m.High), plural(int64(m.Competitors), "offer", "offers"), m.Local)
	}
	if c.failed {
		var total, pay ledger.Amount
		for _, p := range lv.History {
			total += p.Sales
			pay += p.Wages
		}
		why := fmt.Sprintf("In its last month sales were %s tokens against a pay bill of %s", t(m.Sales), t(lv.View.WageBill))
		if m.Offered > 0 {
			why += fmt.Sprintf("; %d of the %s offered sold, with %s", m.Sold, plural(m.Offered, "unit", "units"), priceVs())
		}
		g.lesson(month, "failed", "The co-op could not pay its members and closed",
			fmt.Sprintf("The engine closes a co-op after %s in a row unable to pay in full. Over %s the co-op sold %s tokens and paid out %s in wages.",
				plural(int64(failAfter), "month", "months"), plural(int64(month-lv.started+1), "month", "months"), t(total), t(pay)),
			why+": income did not cover the burn.",
			"Start again from your Minimum Viable Service with a lower burn: fewer paid workers at first, a price near the going price, the grant left for running costs, savings kept for bad months, and the Foundation's programmes.")
		return
	}
	if m.Short || m.Unpaid > 0 {
		g.lesson(month, "short", "Pay could not be met in full",
			fmt.Sprintf("In month %d the treasury could not meet the pay bill: %s tokens paid, against sales of %s. The engine counts %s in a row unpaid.", month, t(m.Wages), t(m.Sales), plural(int64(max(m.Unpaid, 1)), "month", "months")),
			fmt.Sprintf("Costs ran ahead of income: %d of %s offered sold, with %s.", m.Sold, plural(m.Offered, "unit", "units"), priceVs()),
			fmt.Sprintf("Cut the burn (pay, workers, marketing), bring the price towards the going price, or keep savings for months like this. %s unable to pay in a row and the co-op closes.", plural(int64(failAfter), "month", "months")))
	}
	if m.Customers > 0 && m.Lost*4 > m.Customers {
		g.lesson(month, "soldout", "Customers were turned away",
			fmt.Sprintf("Buyers ordered %s in month %d; the co-op offered %d and sold %d.", plural(m.Customers, "unit", "units"), month, m.Offered, m.Sold),
			fmt.Sprintf("What you offered was less than the demand at %s: the platform's matching sent buyers to you and you could not serve them.", priceVs()),
			"Hire (or take an apprentice through the Foundation), train or invest for productivity, offer all your capacity, or raise the price towards the top of the spread.")
	}
	if m.Offered > 0 && m.Sold*5 < m.Offered*2 {
		why := "The price kept buyers away: " + priceVs() + "."
		if m.Market > 0 && m.Price <= m.Market {
			why = fmt.Sprintf("Your price was no higher than the going price (%s); the sector's demand is shared among %d offers, and buyers weigh reputation (yours %.0f%%) and distance too.", priceVs(), m.Competitors, 100*m.Reputation)
		}
		g.lesson(month, "unsold", "Most of what you offered did not sell",
			fmt.Sprintf("Only %d of %s offered in month %d sold (%d%%).", m.Sold, plural(m.Offered, "unit", "units"), month, 100*m.Sold/max(m.Offered, 1)),
			why+" Grant tokens follow what you offer, but the rules re-project it from what sells.",
			"Lower the price towards the going price, build reputation (develop, outreach, marketing), or offer less and let workers train.")
	}
	if m.InputFill < 0.9 && m.Offered > 0 {
		g.lesson(month, "inputs", "Inputs ran short",
			fmt.Sprintf("In month %d the co-op could buy only %.0f%% of the inputs its output needed.", month, 100*m.InputFill),
			"The treasury left after pay, or the supplier co-ops' capacity, did not cover the inputs; without them the engine holds capacity back.",
			"Keep a reserve for inputs (save the surplus), or lower pay until sales cover both.")
	}
	if m.Expired > 0 {
		g.lesson(month, "expired", "Grant tokens expired unspent",
			fmt.Sprintf("%s grant tokens expired at the start of month %d.", t(m.Expired), month),
			"Grant tokens are time-limited: they are meant to be spent into the economy, not saved.",
			"Have the grant spent as it comes: on the members' pay, capacity or innovation, or leave it for running costs and keep the treasury working.")
	}
	if pay := lv.View.WageBill; pay > 0 && m.Savings > 6*pay {
		g.lesson(month, "idle", "Savings are piling up",
			fmt.Sprintf("The co-op holds %s tokens in savings, more than six months of its pay bill (%s).", t(m.Savings), t(pay)),
			"Saved tokens are out of circulation: no member or co-op can spend them, and the grant rules' savings ratio counts them. A reserve is prudent; a hoard does no work.",
			"Decide the surplus differently now and then: invest in capacity, pay it out to the members, or give it to the Foundation's programmes.")
	}
	if ev.obligationLost {
		g.lesson(month, "obligation", "The start-up investment's offer was not met",
			"The Foundation's investment came with an obligation to offer its value within the period, and the co-op offered less.",
			"Capacity or the share of it offered was too small for the investment taken.",
			"Take only the funding your offer can match, and list all your capacity on the Exchange Platform. The investment is never repaid: this is a lesson, not a debt.")
	}
}

// Lessons returns every lesson written up so far: earlier lives', the Test Game's
// failed tests and the living co-op's.
func (g *Game) Lessons() []Lesson {
	out := append([]Lesson(nil), g.Earlier...)
	for _, t := range g.Tests {
		s, _ := Spec(t.Box)
		for i, r := range t.Results {
			if r.PassOnly {
				out = append(out, Lesson{Kind: "pass-only", Title: fmt.Sprintf("A pivot only moved the pass point: %s (attempt %d)", s.Title, i+1),
					What: fmt.Sprintf("The guess stayed at %g; the pass point moved to %s %g, and the simulated data showed %g.", r.Guess, s.Comparison(), r.Pass, r.Measured),
					Why:  "Moving the bar changes what counts as passing, not what the co-op will meet: the hypothesis is the same one that was tested before.",
					Try:  "Pivot the plan itself (the guess, the price, the people, the offer) and retest; move a pass point only when you can say why the old one was wrong."})
			}
			if r.Passed {
				continue
			}
			out = append(out, Lesson{Kind: "test", Title: fmt.Sprintf("Test failed: %s (attempt %d)", s.Title, i+1),
				What: fmt.Sprintf("Guess %g: the simulated data showed %g for %s; the pass point was %s %g.", r.Guess, r.Measured, s.Measure, s.Comparison(), r.Pass),
				Why:  "A best guess met realistic data and did not hold.",
				Try:  "Pivot: change the guess (or the plan behind it) and retest."})
		}
	}
	if g.live != nil {
		out = append(out, g.live.Lessons...)
	}
	return out
}

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

// monthLessons writes up what went wrong in month.
func (g *Game) monthLessons(ev monthEnd, month int) {
	lv, c := g.live, g.live.coop
	var sales, wages, costs ledger.Amount
	var customers, sold, lost, offered int64
	for _, p := range lv.History {
		if p.Month != month {
			continue
		}
		sales += p.Sales
		wages += p.Wages
		costs += p.Costs()
		customers += p.Customers
		sold += p.Sold
		lost += p.Lost
		offered += p.Offered
	}
	t := ledger.Format
	if ev.failed {
		var total, pay ledger.Amount
		for _, p := range lv.History {
			total += p.Sales
			pay += p.Wages
		}
		g.lesson(month, "failed", "The co-op could not pay its members and closed",
			fmt.Sprintf("For %d months in a row the treasury could not meet the pay bill. Over %d months the co-op sold %s tokens and paid out %s.",
				c.short, month-lv.started+1, t(total), t(pay)),
			fmt.Sprintf("In its last month sales were %s tokens against costs of %s: income did not cover the burn.", t(sales), t(costs)),
			"Start again from your Minimum Viable Service with a lower burn: fewer paid hours at first, a price the market bears, grant tokens spent on pay, and the Foundation's programmes.")
		return
	}
	if c.short > 0 {
		g.lesson(month, "short", "Pay could not be met in full",
			fmt.Sprintf("In month %d the treasury ran out before everyone was paid: pay of %s tokens was made against sales of %s.", month, t(wages), t(sales)),
			"Costs ran ahead of income: the initial burn was longer than the treasury allowed.",
			fmt.Sprintf("Cut the burn (pay, workers, marketing), raise the price if customers stay, or ask the Foundation for start-up funding. %d more short months and the co-op closes.",
				max(lv.world.sc.Config.Coops.FailAfterMonths-c.short, 0)))
	}
	if customers > 0 && lost*4 > customers {
		g.lesson(month, "soldout", "Customers were turned away",
			fmt.Sprintf("%d of %d customers in month %d could not be served.", lost, customers, month),
			"What you offered was less than the demand: capacity, or the share of it you listed on the Exchange Platform, was too small.",
			"Hire (or take an apprentice through the Foundation), train for productivity, offer all your capacity, or raise the price a little.")
	}
	if offered > 0 && sold*5 < offered*2 {
		g.lesson(month, "unsold", "Most of what you offered did not sell",
			fmt.Sprintf("Only %d of %d units offered in month %d sold.", sold, offered, month),
			"The price, or how few people know of you, kept customers away. Grant tokens follow what you offer but are re-projected from what actually sells.",
			"Try a lower price, more marketing or outreach, or offer less and let workers train.")
	}
	if ev.expired > 0 {
		g.lesson(month, "expired", "Grant tokens expired unspent",
			fmt.Sprintf("%s grant tokens expired at the end of month %d.", t(ev.expired), month),
			"Grant tokens are time-limited: they are meant to be spent into the economy, not saved.",
			"Spend grant tokens on pay or choose capacity or innovation as their use.")
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

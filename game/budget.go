package game

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// BudgetLine is one line of a budget.
type BudgetLine struct {
	Label  string
	Amount ledger.Amount
}

// Budget is the co-op's budget over a week, a month or a year.
type Budget struct {
	Period string // "week", "month" or "year"
	Basis  string // where the figures come from
	Income []BudgetLine
	Costs  []BudgetLine
	// Net is income less costs.
	Net ledger.Amount
	// Surplus is where the surplus went: savings, payouts, investment, the Foundation
	// (not costs: the co-op decided them).
	Surplus []BudgetLine
	// Runway is how many months the treasury lasts at this budget's loss (0: no loss).
	Runway float64
}

// Budgets are the periods a budget can cover.
var Budgets = []string{"week", "month", "year"}

// Months returns the living co-op's history by month: a month's weekly turns added up.
// The last month may be under way.
func (lv *Living) Months() []Period {
	var out []Period
	for _, p := range lv.History {
		if n := len(out); n > 0 && out[n-1].Month == p.Month {
			q := out[n-1]
			q.Customers += p.Customers
			q.Sold += p.Sold
			q.Lost += p.Lost
			q.Capacity += p.Capacity
			q.Offered += p.Offered
			q = addFlows(q, p)
			q.Workers, q.Members, q.Treasury, q.GrantTokens, q.Savings = p.Workers, p.Members, p.Treasury, p.GrantTokens, p.Savings
			q.Price, q.Market, q.Low, q.High, q.Competitors, q.Local = p.Price, p.Market, p.Low, p.High, p.Competitors, p.Local
			q.InputFill, q.Unpaid, q.Reputation = p.InputFill, p.Unpaid, p.Reputation
			q.Short = q.Short || p.Short
			out[n-1] = q
			continue
		}
		p.Week = 0
		out = append(out, p)
	}
	return out
}

// monthOf returns month's figures from the turns at the end of the history that made
// it up (the whole of Months' entry for it, without going through the history).
func (lv *Living) monthOf(month int) Period {
	i := len(lv.History)
	for i > 0 && lv.History[i-1].Month == month {
		i--
	}
	tail := Living{History: lv.History[i:]}
	if m := tail.Months(); len(m) > 0 {
		return m[0]
	}
	return Period{Month: month}
}

// Budget returns the budget for period ("week", "month" or "year"): the last full
// month's figures for a week (scaled to the coming week's share of its month, a
// quarter or a fifth, on weekly turns; 12/52, an average week, on monthly ones) and a
// month; for a year, the last
// twelve months played, with the last full month standing in for months not yet
// played.
func (lv *Living) Budget(period string) (Budget, error) {
	months := lv.Months()
	if n := len(months); n > 0 && lv.Week != 1 {
		months = months[:n-1] // a month still under way is not a full month
	}
	b := Budget{Period: period}
	if len(months) == 0 {
		b.Basis = "no full month played yet"
		return b, nil
	}
	last := months[len(months)-1]
	var sum Period
	var scale float64
	switch period {
	case "week":
		sum, scale = last, 12.0/52
		b.Basis = fmt.Sprintf("month %d's figures, an average week's share", last.Month)
		if w := lv.world; w != nil && w.clock.PerMonth() < 1 {
			// the week to come is its month's share, as the engine pays and makes it
			scale = w.nextTickShare()
			b.Basis = fmt.Sprintf("month %d's figures, for the coming week: one of month %d's %d weeks", last.Month, w.nextMonth(), int(math.Round(1/scale)))
		}
	case "month":
		sum, scale = last, 1
		b.Basis = fmt.Sprintf("month %d's figures", last.Month)
	case "year":
		from := max(len(months)-12, 0)
		for _, p := range months[from:] {
			sum = addPeriods(sum, p)
		}
		for range 12 - (len(months) - from) {
			sum = addPeriods(sum, last)
		}
		scale = 1
		b.Basis = fmt.Sprintf("the %d months to month %d", len(months)-from, last.Month)
		if len(months)-from < 12 {
			b.Basis += fmt.Sprintf(", and month %d's figures for the %d months still to come", last.Month, 12-(len(months)-from))
		}
	default:
		return b, &InputError{Field: "period", Msg: fmt.Sprintf("want week, month or year, got %q", clip(period))}
	}
	s := func(a ledger.Amount) ledger.Amount { return ledger.Scale(a, scale) }
	b.Income = []BudgetLine{{"Sales", s(sum.Sales)}, {"Grant tokens", s(sum.Grants)}, {"Foundation: programmes, funding, loans", s(sum.Funding)}}
	b.Costs = []BudgetLine{{"Pay", s(sum.Wages)}, {"Inputs from other co-ops", s(sum.Inputs)}, {"Marketing", s(sum.Marketing)},
		{"Exchange levy", s(sum.Levy)}, {"Hiring and notice pay", s(sum.Hiring)},
		{"Other (the engine's grant bonus and grant purchases, cards, repayments)", s(sum.Other)}}
	b.Surplus = []BudgetLine{{"Saved (drawn, when negative)", s(sum.Saved)}, {"Paid out to members", s(sum.Bonus)},
		{"Invested in capacity", s(sum.Invested)}, {"Given to the Foundation", s(sum.Given)}}
	for _, l := range b.Income {
		b.Net += l.Amount
	}
	for _, l := range b.Costs {
		b.Net -= l.Amount
	}
	if monthly := last.Income() - last.Costs(); monthly < 0 {
		b.Runway = float64(lv.Treasury) / float64(-monthly)
	}
	return b, nil
}

func addPeriods(a, p Period) Period { return addFlows(a, p) }

// addFlows adds p's money flows to a's.
func addFlows(a, p Period) Period {
	a.Hiring += p.Hiring
	a.Invested += p.Invested
	a.Given += p.Given
	a.Bonus += p.Bonus
	a.Saved += p.Saved
	a.Expired += p.Expired
	a.Sales += p.Sales
	a.Grants += p.Grants
	a.Funding += p.Funding
	a.Wages += p.Wages
	a.Inputs += p.Inputs
	a.Marketing += p.Marketing
	a.Levy += p.Levy
	a.Other += p.Other
	return a
}

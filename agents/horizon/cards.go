package horizon

import (
	"fmt"
	"math"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// Card is an event as a new co-operator reads it (GetGo turns each into a card): the
// Signal, what a monitoring co-op notices first; the Sign, the wider change it is a
// sign of, which every co-op meets when it hits; and its Significance for a co-op.
type Card struct {
	Event  int    // its index in the scenario's events, from 0
	Kind   string // demand_shift, input_cost, technology, legislation
	Sector string // the sector it hits ("" for every sector)
	Size   float64
	// Seen is the month a monitoring co-op sees the Signal (Month − lead); Month the
	// month the event hits, when every co-op sees it.
	Seen, Month  int
	Signal       string
	Sign         string
	Significance string
}

// Cards returns the section's events as cards, in the order they hit (events of one
// month in the scenario's order). Texts the scenario leaves empty are written from
// the event; a minimum wage is told as a share above the lowest wage (Horizon.Cards
// tells it in tokens).
func (c *Config) Cards() []Card {
	return cards(c.Events, nil)
}

// Cards returns the events as cards (Config.Cards), minimum wages in tokens.
func (z *Horizon) Cards() []Card {
	floors := make([]ledger.Amount, len(z.ev))
	for k := range z.ev {
		floors[k] = z.ev[k].floor
	}
	return cards(z.cfg.Events, floors)
}

// Visible returns the cards a co-op has seen by month: a monitoring co-op each from
// its Seen month, the others from the month it hits.
func Visible(cards []Card, month int, monitoring bool) []Card {
	var out []Card
	for _, c := range cards {
		if month >= c.Month || monitoring && month >= c.Seen {
			out = append(out, c)
		}
	}
	return out
}

// Monitors reports whether co-op c monitors the horizon (false for one not yet seen
// at a month's start).
func (z *Horizon) Monitors(c int) bool { return c < len(z.monitor) && z.monitor[c] }

// SetMonitor sets whether co-op c monitors (a player's choice in GetGo), from the next
// month's start; call it between ticks.
func (z *Horizon) SetMonitor(c int, on bool) {
	if z.h != nil {
		z.grow()
	}
	if c >= 0 && c < len(z.monitor) {
		z.monitor[c] = on
	}
}

func cards(events []Event, floors []ledger.Amount) []Card {
	out := make([]Card, len(events))
	for k, e := range events {
		var floor ledger.Amount
		if floors != nil {
			floor = floors[k]
		}
		sig, sign, what := texts(e, floor)
		out[k] = Card{Event: k, Kind: e.Kind, Sector: e.Sector, Size: e.Size, Seen: e.Month - e.Lead, Month: e.Month,
			Signal: or(e.Signal, sig), Sign: or(e.Sign, sign), Significance: or(e.Significance, what)}
	}
	slices.SortStableFunc(out, func(a, b Card) int { return a.Month - b.Month })
	return out
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// percent writes a relative size as a whole percentage ("30%").
func percent(x float64) string {
	return fmt.Sprintf("%d%%", int(math.Round(math.Abs(x)*100)))
}

// texts writes an event's three fields in short sentences.
func texts(e Event, floor ledger.Amount) (signal, sign, significance string) {
	s := e.Sector
	when := fmt.Sprintf("From month %d", e.Month)
	switch e.Kind {
	case DemandShift:
		if e.Size > 0 {
			return fmt.Sprintf("More people are asking for %s: a survey finds households plan to spend more on it.", s),
				fmt.Sprintf("Spending is moving towards %s. %s its share of what members buy rises by %s.", s, when, percent(e.Size)),
				fmt.Sprintf("%s co-ops can sell more if they are ready for it. A co-op that takes on workers before the demand comes sells it; one that waits leaves it to others.", capital(s))
		}
		return fmt.Sprintf("Fewer people are asking for %s: a survey finds households plan to spend less on it.", s),
			fmt.Sprintf("Spending is moving away from %s. %s its share of what members buy falls by %s.", s, when, percent(e.Size)),
			fmt.Sprintf("%s co-ops will sell less. A co-op that has fewer workers by then can still pay them; one that waits may not, and may close.", capital(s))
	case InputCost:
		return fmt.Sprintf("Suppliers to %s warn that what they sell will cost more.", s),
			fmt.Sprintf("Inputs for %s are getting dearer. %s each unit made needs %s more bought in from other co-ops.", s, when, percent(e.Size)),
			fmt.Sprintf("Every %s co-op will keep less of what it sells. Keep the wage bill within what is left, before it comes.", s)
	case Technology:
		return fmt.Sprintf("A new way of working in %s is being tried: early reports show %s more made by each worker.", s, percent(e.Size)),
			fmt.Sprintf("A new technique for %s is ready in month %d. Co-ops that take it up make %s more with the same workers.", s, e.Month, percent(e.Size)),
			"Taking it up early makes more with the same people. Co-ops that wait make less than those that did, and sell less."
	case Legislation:
		where, in := "every sector", "no co-op"
		if s != "" {
			where, in = s, "no co-op in "+s
		}
		amount := fmt.Sprintf("%s above the lowest wage paid now", percent(e.Size))
		if floor > 0 {
			amount = fmt.Sprintf("%d tokens a month", int64(math.Round(float64(floor)/float64(ledger.Unit))))
		}
		return fmt.Sprintf("A law is proposed: a minimum wage for %s, %s.", where, amount),
			fmt.Sprintf("The law has passed. %s %s may pay a worker less than %s.", when, in, amount),
			"A co-op paying less must pay more for the same work. Make sure the wage bill can be paid at the new rate before it comes in."
	}
	return "", "", ""
}

// capital returns s with its first letter in upper case (sector names are ASCII).
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Adopt has co-op c take up the technique of event k (Card.Event) now, a decision of
// its owners (a player's co-op, which the subsystem leaves to decide for itself): it
// multiplies c's units per worker by 1 + size and reports whether it did (the
// technique has arrived, c trades in its sector and had not taken it up). Call it
// between ticks.
func (z *Horizon) Adopt(k, c int) bool {
	if z.h == nil || k < 0 || k >= len(z.ev) || c < 0 || c >= z.h.Coops() {
		return false
	}
	e := &z.ev[k]
	if e.Kind != Technology || !e.hit || !z.h.CoopAlive(c) || z.h.CoopSectorIndex(c) != e.sector {
		return false
	}
	z.grow()
	if e.adopted[c] {
		return false
	}
	e.adopted[c] = true
	z.h.SetCoopProductivity(c, z.h.CoopProductivity(c)*(1+e.Size))
	return true
}

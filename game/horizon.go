package game

import (
	"fmt"
	"math"

	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/sim/ledger"
)

// When the scenario has a horizon section (agents/horizon, MODEL §9), its events are
// the living co-op's horizon cards: each changes the simulated economy for every
// co-op, the player's included, when it hits (the engine applies it; the game only
// shows it and lets the player prepare). Whether the co-op watches the Lookout
// Platform is the engine's (horizon.Horizon.SetMonitor): it monitors in a month whose
// turn's focus is horizon scanning (or every month when the canvas planned monthly
// scanning, likelihood "high"), and pays the platform's monthly cost to the
// Foundation as the engine's monitoring co-ops do (the subsystem collects it from the
// co-ops it runs, not from one run from outside). A monitoring co-op sees a card's
// Signal from the event's Seen month, the others only when it hits. A response acts
// through the player's own decisions (workers, pay) or, for a new technique, takes it
// up through the engine (horizon.Horizon.Adopt) in the month it arrives; a card left
// unanswered when it hits is exported as unanswered. Without a horizon section the
// game draws its own deck (cards.go), whose effects it applies to the co-op alone.

// lookout returns the economy's horizon subsystem (nil when the scenario has none).
func (w *World) lookout() *horizon.Horizon {
	z, _ := w.econ.Subsystem("horizon").(*horizon.Horizon)
	return z
}

// monitor sets whether the co-op monitors (on) in month, and pays the Lookout
// Platform's monthly cost for it the first time in the month, as far as the treasury
// goes; it returns what was paid. A co-op that cannot pay does not monitor.
func (c *coop) monitor(on bool, month int) ledger.Amount {
	z := c.w.lookout()
	if z == nil {
		return 0
	}
	var paid ledger.Amount
	if cost := ledger.Tokens(c.w.sc.Config.Horizon.Cost); on && c.lookoutPaid != month && cost > 0 {
		if c.treasury() < cost {
			on = false
		} else {
			paid = c.pay(c.e.Foundation(), cost, ledger.TxOther)
			c.lookoutPaid = month
		}
	}
	z.SetMonitor(c.id, on)
	return paid
}

// engineCards returns the scenario's events as cards, or nil when it has none.
func (w *World) engineCards() []horizon.Card {
	if !w.sc.Config.Horizon.On() {
		return nil
	}
	if w.cards == nil {
		w.cards = w.sc.Config.Horizon.Cards() // written once: the texts are formatted
	}
	return w.cards
}

// showEngineCards adds the engine's cards the co-op sees by month.
func (g *Game) showEngineCards(month int) {
	lv := g.live
	monitoring := lv.world.lookout() != nil && lv.world.lookout().Monitors(lv.coop.id)
	for _, hc := range horizon.Visible(lv.world.engineCards(), month, monitoring) {
		if hc.Sector != "" && hc.Sector != lv.Sector {
			continue // another sector's change: the player's co-op meets it through the economy
		}
		id := fmt.Sprintf("event%d-%s", hc.Event+1, hc.Kind)
		if lv.hasCard(id) {
			continue
		}
		c := Card{ID: id, Kind: hc.Kind, Signal: hc.Signal, Sign: hc.Sign, Significance: hc.Significance,
			Impact: hc.Significance, Shown: month, Hits: hc.Month, Response: -1, Event: hc.Event + 1,
			Responses: engineResponses(hc), size: hc.Size, sector: hc.Sector}
		lv.Cards = append(lv.Cards, c)
	}
}

func (lv *Living) hasCard(id string) bool {
	for _, c := range lv.Cards {
		if c.ID == id {
			return true
		}
	}
	return false
}

// engineResponses are the ways to prepare for an event: each acts through what the
// player decides, so its effect is the engine's.
func engineResponses(hc horizon.Card) []CardResponse {
	switch hc.Kind {
	case horizon.DemandShift:
		if hc.Size > 0 {
			return []CardResponse{
				{Label: "Hire ahead of the demand", Advice: fmt.Sprintf("Workers up by %.0f%% this turn, so the capacity is there when it hits.", 100*hc.Size), action: "scale"},
				{Label: "Carry on as we are", Advice: "Fine if you already have spare capacity."},
			}
		}
		return []CardResponse{
			{Label: "Shrink before it hits", Advice: fmt.Sprintf("Workers down by %.0f%% this turn (notice pay for those who go), so the pay bill fits the smaller demand.", -100*hc.Size), action: "scale"},
			{Label: "Carry on as we are", Advice: "Ride it out on your savings."},
		}
	case horizon.InputCost:
		return []CardResponse{
			{Label: "Fit the pay bill to what is left", Advice: "Fewer workers this turn, in proportion to the value each unit still adds after the dearer inputs.", action: "value_added"},
			{Label: "Absorb it", Advice: "Pay the dearer inputs from the treasury."},
		}
	case horizon.Technology:
		return []CardResponse{
			{Label: "Adopt it as it arrives", Advice: fmt.Sprintf("%.0f%% more made by each worker from the month it is ready.", 100*hc.Size), action: "adopt"},
			{Label: "Wait and see", Advice: "Others adopt first; your co-op keeps its old way of working."},
		}
	case horizon.Legislation:
		return []CardResponse{
			{Label: "Raise pay to the minimum now", Advice: "Plan the bill at the new rate before it is the law.", action: "minimum"},
			{Label: "Deal with it when it comes", Advice: "The law raises your pay when it comes in, whatever you set."},
		}
	}
	return []CardResponse{{Label: "Note it", Advice: "Keep watching."}}
}

// respondEngine applies response k to engine card card in month, changing this turn's
// decisions d where the response acts through them.
func (g *Game) respondEngine(card *Card, k int, d *Decisions) {
	c := g.live.coop
	switch card.Responses[k].action {
	case "scale":
		d.Workers = min(max(int(math.Round(float64(d.Workers)*(1+card.size))), 1), 500)
	case "value_added":
		share := c.e.SectorView(c.sector, c.home).InputShare
		if after := 1 - share*(1+card.size); share < 1 && after > 0 {
			d.Workers = max(int(float64(d.Workers)*after/(1-share)), 1)
		}
	case "adopt":
		c.adopt = append(c.adopt, adoption{month: card.Hits, event: card.Event - 1})
	case "minimum":
		d.Pay = math.Max(d.Pay, g.minimumWage(card))
	}
}

// minimumWage is a legislation event's minimum: the lowest wage of the sectors it
// covers times 1 + size, as the engine sets it.
func (g *Game) minimumWage(card *Card) float64 {
	low := math.Inf(1)
	for _, s := range g.live.world.sc.Config.Sectors {
		if card.sector == "" || s.Name == card.sector {
			low = math.Min(low, s.Wage)
		}
	}
	if math.IsInf(low, 1) {
		return 0
	}
	return ledger.Float(ledger.Tokens(low * (1 + card.size)))
}

// adoption is a new technique the player chose to take up, from the month it arrives.
type adoption struct {
	month int
	event int // the scenario's event (its index)
	done  bool
}

// adoptTechniques takes up, through the engine (horizon.Horizon.Adopt: units per
// worker times 1 + the event's size, once), the techniques that have arrived by
// month. Call it after the month's first tick, when the event has hit.
func (c *coop) adoptTechniques(month int) {
	z := c.w.lookout()
	for i := range c.adopt {
		if a := &c.adopt[i]; !a.done && month >= a.month {
			a.done = true
			if z != nil {
				z.Adopt(a.event, c.id)
			}
		}
	}
}

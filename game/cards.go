package game

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/copex/copex/sim/ledger"
)

// Card is a horizon-scanning card (MODEL §9): a Signal, the wider change it is a Sign
// of, and its Significance for the co-op, with responses to choose from. Co-ops that
// scan the horizon see a card before it hits; others see it as it hits.
type Card struct {
	ID           string
	Kind         string // demand, inputs, technology, model, legislation, competition, supply
	Signal       string
	Sign         string
	Significance string
	Impact       string // what happens if nothing is done
	Responses    []CardResponse
	Shown        int // month the card appeared
	Hits         int // month its effect starts
	Response     int // the response chosen, or -1
	RespondedAt  int
	// Unanswered is set when the card hit with no response chosen: it took its full
	// effect and is no longer awaiting one.
	Unanswered bool
	// Event is the scenario's horizon event the card shows (from 1), or 0 for a card
	// of the game's own deck.
	Event  int
	effect effect
	size   float64 // an event's size
	sector string  // and sector
}

// CardResponse is one way to respond to a card.
type CardResponse struct {
	Label  string
	Advice string
	// Cost is a one-off cost in months of one worker's pay.
	Cost float64
	// Mitigation is how much of the card's effect the response averts, 0..1.
	Mitigation float64
	bonus      effect
	action     string // an event's response: what it changes (horizon.go)
}

type effect struct {
	kind   string // a modifier kind: demand, inputs, attract, cost, productivity
	value  float64
	months int
}

func deck() []Card {
	return []Card{
		{ID: "squeeze", Kind: "demand", Signal: "Data/report: households are cutting back",
			Sign: "A squeeze on members' budgets", Significance: "Will our customers still afford us?",
			Impact: "Demand in your sector falls by a quarter for six months.", effect: effect{"demand", 0.75, 6},
			Responses: []CardResponse{
				{Label: "Offer a basic, cheaper service", Advice: "Keeps most customers; consider a lower price too.", Mitigation: 0.6},
				{Label: "Step up outreach", Advice: "Half a month's pay on reaching those still buying.", Cost: 0.5, Mitigation: 0.4},
				{Label: "Carry on as we are", Advice: "Ride it out on your treasury."},
			}},
		{ID: "local", Kind: "demand", Signal: "Social media: neighbours asking for local co-op services",
			Sign: "A shift towards buying from co-ops", Significance: "Can we serve more people?",
			Impact: "Demand in your sector rises by a third for a year: an opportunity if you can make more.", effect: effect{"demand", 1.3, 12},
			Responses: []CardResponse{
				{Label: "Get ready to hire", Advice: "Plan the pay of more workers before the demand arrives."},
				{Label: "Carry on as we are", Advice: "Fine if you already have spare capacity."},
			}},
		{ID: "energy", Kind: "inputs", Signal: "News item: energy prices rising",
			Sign: "An input-cost shock", Significance: "Can we absorb higher costs?",
			Impact: "Your inputs cost half as much again for six months.", effect: effect{"inputs", 1.5, 6},
			Responses: []CardResponse{
				{Label: "Contract with a supplier co-op", Advice: "A small fee locks most of the old price.", Cost: 0.3, Mitigation: 0.8},
				{Label: "Raise our prices", Advice: "Pass the cost on: change your price this turn."},
				{Label: "Absorb it", Advice: "Pay more from the treasury."},
			}},
		{ID: "tools", Kind: "technology", Signal: "Data/report: new scheduling tools for co-ops",
			Sign: "New technology developments", Significance: "How do we learn about and use these developments?",
			Impact: "Co-ops that adopt them win customers from those that do not, for a year.", effect: effect{"attract", 0.9, 12},
			Responses: []CardResponse{
				{Label: "Adopt and train", Advice: "A month and a half of pay; a fifth more productive for three years.", Cost: 1.5, Mitigation: 1, bonus: effect{"productivity", 1.2, 36}},
				{Label: "Wait and see", Advice: "Others adopt first."},
			}},
		{ID: "subscription", Kind: "model", Signal: "Social media: subscription services are growing",
			Sign: "A new business model", Significance: "Do we need to change our business model? If so, how?",
			Impact: "Nothing changes if you do nothing; it is an opening.", effect: effect{"demand", 1, 0},
			Responses: []CardResponse{
				{Label: "Recast the offer as a subscription service", Advice: "Half a month's pay to redesign; steadier demand for two years.", Cost: 0.5, bonus: effect{"demand", 1.15, 24}},
				{Label: "Keep our model", Advice: "Fine if customers are happy."},
			}},
		{ID: "rules", Kind: "legislation", Signal: "New legislation: reporting rules for token platforms",
			Sign: "New government constraints", Significance: "Do we need to change our plans?",
			Impact: "Compliance adds a tenth to your pay bill for a year.", effect: effect{"cost", 1.1, 12},
			Responses: []CardResponse{
				{Label: "Prepare early with the Foundation's help", Advice: "A small one-off cost instead of a year of extra work.", Cost: 0.3, Mitigation: 1},
				{Label: "Deal with it when it comes", Advice: "Pay the extra cost."},
			}},
		{ID: "rival", Kind: "competition", Signal: "News item: a large co-op opening in your sector",
			Sign: "More competition", Significance: "How do we keep our customers?",
			Impact: "A fifth fewer customers choose you for a year.", effect: effect{"attract", 0.8, 12},
			Responses: []CardResponse{
				{Label: "Collaborate with them", Advice: "Co-operation among co-ops: share the market, refer customers.", Mitigation: 0.8},
				{Label: "Improve the service", Advice: "Half a month's pay on quality.", Cost: 0.5, Mitigation: 0.6},
				{Label: "Cut our price", Advice: "Change your price this turn; watch your margins."},
			}},
		{ID: "supplier", Kind: "supply", Signal: "News item: a supplier co-op in difficulty",
			Sign: "A fragile supply chain", Significance: "Who else can supply us?",
			Impact: "Output falls by 15% for three months while supplies are short.", effect: effect{"productivity", 0.85, 3},
			Responses: []CardResponse{
				{Label: "Find a second supplier on the Exchange", Advice: "A small cost to search.", Cost: 0.2, Mitigation: 0.9},
				{Label: "Wait for them to recover", Advice: "Accept the shortfall."},
			}},
	}
}

// drawCard shows a new card now and then: one a month in five on average.
func (g *Game) drawCard(r *rand.Rand) {
	lv := g.live
	if r.Float64() >= 0.2 || lv.lastCard >= len(lv.deck) {
		return
	}
	c := deck()[lv.deck[lv.lastCard]]
	lv.lastCard++
	c.Shown, c.Hits, c.Response = lv.Month, lv.Month, -1
	lead := 0
	if lv.monitor {
		lead = 2
	} else if g.Canvas[BoxLikelihood] == "high" {
		lead = 1 // the canvas planned monthly scanning
	}
	c.Hits += lead
	c.ID = fmt.Sprintf("%s-m%d", c.ID, lv.Month)
	lv.Cards = append(lv.Cards, c)
}

// PendingCards returns the cards awaiting a response.
func (lv *Living) PendingCards() []Card {
	var out []Card
	for _, c := range lv.Cards {
		if c.Response < 0 && !c.Unanswered {
			out = append(out, c)
		}
	}
	return out
}

// respond applies response k to card id in month and returns its one-off cost.
func (g *Game) respond(r *rand.Rand, id string, k int, month int, d *Decisions) ledger.Amount {
	lv, c := g.live, g.live.coop
	for i := range lv.Cards {
		card := &lv.Cards[i]
		if card.ID != id {
			continue
		}
		card.Response, card.RespondedAt = k, month
		if card.Event > 0 {
			g.respondEngine(card, k, d)
			return 0
		}
		resp := card.Responses[k]
		var cost ledger.Amount
		if resp.Cost > 0 {
			// Bought from a co-op of another sector (advice, tools, a search).
			paid, levy := c.spend(r, c.otherSector(r, "tech"), ledger.Scale(c.e.CoopWage(c.id), resp.Cost))
			cost = paid + levy
		}
		if b := resp.bonus; b.months > 0 {
			c.mods = append(c.mods, modifier{source: id, kind: b.kind, value: b.value, until: month + b.months - 1})
		}
		g.applyCard(card, month)
		return cost
	}
	return 0
}

// applyCard puts a card's effect on the co-op, lessened by the response: fully when
// the response came before the card hit, half as well after.
func (g *Game) applyCard(card *Card, month int) {
	e := card.effect
	if e.months <= 0 || e.value == 1 {
		return
	}
	m := 0.0
	if card.Response >= 0 {
		m = card.Responses[card.Response].Mitigation
		if card.RespondedAt > card.Hits {
			m /= 2
		}
	}
	v := 1 + (e.value-1)*(1-m)
	start := max(card.Hits, month)
	g.live.coop.mods = append(g.live.coop.mods, modifier{source: card.ID, kind: e.kind, value: v, until: start + e.months - 1})
}

// cardLessons lets the cards not answered by the month they hit take full effect,
// with a lesson.
func (g *Game) cardLessons(month int) {
	lv := g.live
	for i := range lv.Cards {
		card := &lv.Cards[i]
		if card.Response >= 0 || card.Unanswered || card.Hits > month {
			continue
		}
		card.Unanswered, card.RespondedAt = true, month
		if card.Event > 0 {
			if harmful(card) {
				g.lesson(month, "card-"+card.Kind, "A change in the economy hit before we responded",
					fmt.Sprintf("%s %s", card.Sign, card.Significance),
					"No response was chosen by the month it hit; the change came to the whole economy, the co-op included.",
					"Choose a response as soon as a card appears; make horizon scanning your focus now and then to see the signals months early.")
			}
			continue
		}
		g.applyCard(card, month+1)
		if card.effect.value < 1 {
			g.lesson(month, "card-"+card.Kind, "A change in the world hit before we responded",
				fmt.Sprintf("%s. %s", card.Signal, card.Impact),
				fmt.Sprintf("The signal was a sign of %s, and no response was chosen by the month it hit.", lower(card.Sign)),
				"Choose a response as soon as a card appears; make horizon scanning your activity now and then to see cards two months early.")
		}
	}
}

func lower(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// harmful reports whether an event card left unanswered costs the co-op: less demand,
// dearer inputs, a minimum wage, or a technique others take up.
func harmful(c *Card) bool {
	return c.Kind != "demand_shift" || c.size < 0
}

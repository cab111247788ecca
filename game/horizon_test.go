package game

import (
	"reflect"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// livingHorizon returns a game in testdata/horizon-getgo.yaml that has passed its
// tests (held to pass points it meets) and started the living co-op.
func livingHorizon(t *testing.T) *Game {
	t.Helper()
	g, err := New("testdata/horizon-getgo.yaml", 1)
	must(t, err)
	must(t, g.Advance())
	for _, id := range sortedKeys(plan) {
		must(t, g.SetBox(id, plan[id]))
	}
	must(t, g.Advance())
	for _, s := range Specs() {
		pass := "0"
		if s.AtMost {
			pass = "1e9"
		}
		must(t, g.SetPassPoint(s.Box, pass))
	}
	must(t, g.Advance())
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		_, err := g.RunTest(box)
		must(t, err)
	}
	must(t, g.Advance())
	return g
}

func card(lv *Living, kind string) (Card, bool) {
	for _, c := range lv.Cards {
		if c.Kind == kind {
			return c, true
		}
	}
	return Card{}, false
}

// TestHorizonEventsAreCards: the scenario's horizon events are the cards, with the
// engine's Signal, Sign and Significance; a co-op scanning the horizon sees the demand
// shift from its Seen month (13), one that does not only when it hits (16).
func TestHorizonEventsAreCards(t *testing.T) {
	for _, scan := range []bool{true, false} {
		g := livingHorizon(t)
		if scan {
			must(t, g.SetBox(BoxLikelihood, "medium"))
		}
		seen := 0
		for g.Living().Month <= 16 {
			if _, ok := card(g.Living(), "demand_shift"); ok && seen == 0 {
				seen = g.Living().Month
			}
			d := g.NextDecisions()
			if scan {
				d.Activity = "scanning"
			}
			must(t, g.Turn(d))
		}
		c, ok := card(g.Living(), "demand_shift")
		if !ok || c.Event != 1 || c.Hits != 16 || !strings.Contains(c.Sign, "care") || c.Signal == "" || c.Significance == "" {
			t.Fatalf("scan %v: card %+v", scan, c)
		}
		// Scanning from the first turn, the signal shows at the next month's start (14,
		// after month 13's turn set the focus); otherwise when it hits.
		if want := map[bool]int{true: 14, false: 16}[scan]; seen != want {
			t.Errorf("scan %v: the demand shift's card showed in month %d, want %d", scan, seen, want)
		}
	}
}

// TestHorizonEventsChangeTheEconomy: the events hit the player's co-op through the
// engine. The minimum wage raises its pay above what the player sets (the engine's
// figure); the technique, adopted, multiplies its units per worker by 1.3 against the
// same co-op waiting; hiring ahead of the demand shift is a change of the player's
// workers; an unanswered card is exported as unanswered.
func TestHorizonEventsChangeTheEconomy(t *testing.T) {
	prod := map[int]float64{}
	for _, resp := range []int{0, 1} {
		g := livingHorizon(t)
		for g.Living().Month <= 21 {
			d := g.NextDecisions()
			for _, c := range g.Living().PendingCards() {
				if c.Kind == "technology" || c.Kind == "demand_shift" {
					if d.Respond == nil {
						d.Respond = map[string]int{}
					}
					d.Respond[c.ID] = resp
				}
			}
			before := g.Living().Workers
			must(t, g.Turn(d))
			if _, ok := d.Respond["event1-demand_shift"]; ok && resp == 0 && g.Living().Workers != 2*before {
				t.Errorf("hiring ahead of a doubling: %d workers, want %d", g.Living().Workers, 2*before)
			}
			if g.Living().Month == 19 {
				prod[resp] = g.Living().View.Productivity
			}
		}
		lv := g.Living()
		if w := lv.View.Wage; w < ledger.Tokens(975) {
			t.Errorf("respond %d: pay %s after the minimum wage of 975, want at least that", resp, ledger.Format(w))
		}
		if resp == 0 {
			// A save replays the responses to the same state (they changed the workers
			// the player chose: the save holds the choice, the replay the change).
			data, err := Encode(g)
			must(t, err)
			back, err := Decode("save.json", data)
			must(t, err)
			if back.Living().View != lv.View || !reflect.DeepEqual(back.NextDecisions(), g.NextDecisions()) {
				t.Errorf("replayed: %+v\nin play: %+v", back.Living().View, lv.View)
			}
			continue
		}
		d := g.DACO()
		if !strings.Contains(strings.Join(d.Horizon.Responses, "\n"), "unanswered (it hit in month 20)") {
			t.Errorf("the unanswered minimum wage is not exported as unanswered: %q", d.Horizon.Responses)
		}
	}
	t.Logf("units per worker in month 19: adopting %.2f, waiting %.2f", prod[0], prod[1])
	// Both co-ops train and invest alike; the economy differs a little after the hire.
	if r := prod[0] / prod[1]; r < 1.25 || r > 1.35 {
		t.Errorf("units per worker adopting %.1f, waiting %.1f: ratio %.3f, want 1.3", prod[0], prod[1], r)
	}
}

// TestGetGoHasHorizonEvents: GetGo's own economy (scenarios/getgo.yaml) has horizon
// events; a care co-op's cards in its first year are the laws for every sector and
// care's own events, none of another sector's.
func TestGetGoHasHorizonEvents(t *testing.T) {
	g := atLiving(t, 1, "month")
	play(t, g, 12)
	var kinds []string
	for _, c := range g.Living().Cards {
		if c.Event == 0 || (c.sector != "" && c.sector != "care") {
			t.Errorf("card %s is not one of the economy's events for care", c.ID)
		}
		kinds = append(kinds, c.Kind)
	}
	if !strings.Contains(strings.Join(kinds, ","), "legislation") {
		t.Errorf("cards in the first year %v, want the law of month 20", kinds)
	}
}

// TestMonitoringIsTheEngines: the horizon-scanning focus is the engine's monitoring
// (horizon.Horizon.Monitors reads what the turn set), paid for as the engine's
// monitors pay: the scenario's cost a month (5 tokens in scenarios/getgo.yaml), from
// the co-op to the Foundation, once in the month; a co-op that cannot pay it does not monitor. And a
// technique taken up through a card's response is the engine's adoption: the
// subsystem will not adopt it again for the co-op, while for a co-op that waited it
// still can.
func TestMonitoringIsTheEngines(t *testing.T) {
	g := atLiving(t, 1, "month") // scenarios/getgo.yaml: horizon cost 5
	lv := g.Living()
	z := lv.world.lookout()
	if z == nil {
		t.Fatal("getgo's economy has no horizon subsystem")
	}
	d := g.NextDecisions()
	d.Activity = "scanning"
	must(t, g.Turn(d))
	if !z.Monitors(lv.coop.id) {
		t.Error("after a turn of horizon scanning the engine does not count the co-op as monitoring")
	}
	// The cost, paid once a month, from the co-op to the Foundation.
	c := lv.coop
	l := c.ledger()
	month := lv.Month
	coopBefore, fBefore := c.treasury(), l.Balance(c.e.Foundation())
	paid := c.monitor(true, month)
	again := c.monitor(true, month)
	if paid != ledger.Tokens(5) || again != 0 || c.treasury() != coopBefore-paid || l.Balance(c.e.Foundation()) != fBefore+paid {
		t.Errorf("monitoring paid %s then %s; co-op %s → %s, Foundation %s → %s; want 5 once, from the co-op to the Foundation",
			ledger.Format(paid), ledger.Format(again), ledger.Format(coopBefore), ledger.Format(c.treasury()), ledger.Format(fBefore), ledger.Format(l.Balance(c.e.Foundation())))
	}
	d = g.NextDecisions()
	d.Activity = "service"
	must(t, g.Turn(d))
	if z.Monitors(lv.coop.id) {
		t.Error("after a turn delivering the service the co-op still monitors")
	}
	// A co-op with less than the cost does not monitor.
	c.pay(c.e.Foundation(), c.treasury()-ledger.Tokens(1), ledger.TxOther)
	if paid := c.monitor(true, lv.Month+1); paid != 0 || z.Monitors(c.id) {
		t.Errorf("a co-op holding 1 token paid %s and monitors %v, want nothing and not", ledger.Format(paid), z.Monitors(c.id))
	}

	// Adoption through the engine (testdata/horizon-getgo.yaml: care's technique in
	// month 18, event 2).
	for _, resp := range []int{0, 1} {
		g := livingHorizon(t)
		for g.Living().Month <= 19 {
			d := g.NextDecisions()
			for _, c := range g.Living().PendingCards() {
				if c.Kind == "technology" {
					if d.Respond == nil {
						d.Respond = map[string]int{}
					}
					d.Respond[c.ID] = resp
				}
			}
			must(t, g.Turn(d))
		}
		lv := g.Living()
		if again := lv.world.lookout().Adopt(1, lv.coop.id); again != (resp == 1) {
			t.Errorf("response %d: the engine could adopt the technique again: %v, want %v", resp, again, resp == 1)
		}
	}
}

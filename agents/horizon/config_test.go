package horizon_test

import (
	"strings"
	"testing"

	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/scenarios"
)

// TestBadInput: a horizon section scenarios.Parse refuses, each with one line naming
// the file, the line and the field at fault.
func TestBadInput(t *testing.T) {
	head := "base: baseline\nname: bad\nhorizon:\n  enabled: true\n  monitor: 0.5\n  events:\n"
	for _, c := range []struct {
		name, event, want string
	}{
		{"month 0", "{month: 0, kind: demand_shift, sector: food, size: 0.2}", "bad.yaml:7: horizon.events[0].month: "},
		{"month past 1200", "{month: 1201, kind: demand_shift, sector: food, size: 0.2}", "bad.yaml:7: horizon.events[0].month: "},
		{"no month", "{kind: demand_shift, sector: food, size: 0.2}", "bad.yaml:7: horizon.events[0].month: "},
		{"unknown kind", "{month: 3, kind: earthquake, sector: food, size: 0.2}", "bad.yaml:7: horizon.events[0].kind: "},
		{"no kind", "{month: 3, sector: food, size: 0.2}", "bad.yaml:7: horizon.events[0].kind: "},
		{"unknown sector", "{month: 3, kind: input_cost, sector: fish, size: 0.2}", `bad.yaml:7: horizon.events[0].sector: no sector is named "fish"`},
		{"no sector", "{month: 3, kind: technology, size: 0.2}", "bad.yaml:7: horizon.events[0].sector: is missing"},
		{"lead below 0", "{month: 3, kind: demand_shift, sector: food, size: 0.2, lead: -1}", "bad.yaml:7: horizon.events[0].lead: "},
		{"signal before month 1", "{month: 3, kind: demand_shift, sector: food, size: 0.2, lead: 3}", "bad.yaml:7: horizon.events[0].lead: is 3: the signal would come before month 1"},
		{"no demand shift", "{month: 3, kind: demand_shift, sector: food, size: 0}", "bad.yaml:7: horizon.events[0].size: "},
		{"a fall in costs", "{month: 3, kind: input_cost, sector: food, size: -0.2}", "bad.yaml:7: horizon.events[0].size: "},
		{"adopt a law", "{month: 3, kind: legislation, size: 0.1, adopt: 6}", "bad.yaml:7: horizon.events[0].adopt: "},
		{"card text of two lines", "{month: 3, kind: legislation, size: 0.1, sign: \"one\\ntwo\"}", "bad.yaml:7: horizon.events[0].sign: "},
		{"unknown field", "{month: 3, kind: legislation, size: 0.1, when: 4}", "bad.yaml:7: horizon.events[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := scenarios.Parse("bad.yaml", []byte(head+"    - "+c.event+"\n"), nil)
			if err == nil {
				t.Fatalf("Parse accepted %s", c.event)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("Parse(%s) = %q, want one line starting %q", c.event, msg, c.want)
			}
		})
	}
	// the second event's fault is named at its own line
	two := head + "    - {month: 3, kind: legislation, size: 0.1}\n    - {month: 5, kind: demand_shift, sector: fish, size: 0.1}\n"
	if _, err := scenarios.Parse("bad.yaml", []byte(two), nil); err == nil || !strings.HasPrefix(err.Error(), "bad.yaml:8: horizon.events[1].sector: ") {
		t.Errorf("Parse(two events) = %v, want bad.yaml:8: horizon.events[1].sector: ...", err)
	}
	// and an override's at the override
	if _, err := scenarios.Load("horizon", []string{"horizon.events[0].lead=-2"}); err == nil || !strings.Contains(err.Error(), "horizon.events[0].lead") {
		t.Errorf("Load(horizon, lead=-2) = %v, want an error naming horizon.events[0].lead", err)
	}
}

// TestCards: the cards come in the order the events hit, each seen by monitoring
// co-ops lead months before; texts the scenario gives are kept, the others written
// (one line each); Visible shows a monitoring co-op a card from its Seen month, the
// others from its Month.
func TestCards(t *testing.T) {
	cfg := horizon.Config{Enabled: true, Events: []horizon.Event{
		{Month: 20, Kind: horizon.Legislation, Size: 0.1, Lead: 8},
		{Month: 6, Kind: horizon.DemandShift, Sector: "care", Size: -0.3, Lead: 2, Sign: "Fewer people need care at home."},
		{Month: 6, Kind: horizon.Technology, Sector: "tech", Size: 0.25, Lead: 0},
	}}
	cards := cfg.Cards()
	type key struct {
		event, seen, month int
		kind               string
	}
	var got []key
	for _, c := range cards {
		got = append(got, key{c.Event, c.Seen, c.Month, c.Kind})
		for _, s := range []string{c.Signal, c.Sign, c.Significance} {
			if s == "" || strings.Contains(s, "\n") {
				t.Errorf("card %d: text %q, want one line", c.Event, s)
			}
		}
	}
	want := []key{{1, 4, 6, horizon.DemandShift}, {2, 6, 6, horizon.Technology}, {0, 12, 20, horizon.Legislation}}
	if len(got) != len(want) {
		t.Fatalf("Cards() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Cards() = %v, want %v", got, want)
		}
	}
	if cards[0].Sign != "Fewer people need care at home." {
		t.Errorf("card 1's sign = %q, want the scenario's", cards[0].Sign)
	}
	if !strings.Contains(cards[0].Signal, "care") || !strings.Contains(cards[0].Sign+cards[1].Sign, "25%") {
		t.Errorf("cards' texts do not name the sector or the size: %q, %q", cards[0].Signal, cards[1].Sign)
	}
	for _, c := range []struct {
		month      int
		monitoring bool
		want       int
	}{{3, true, 0}, {4, true, 1}, {4, false, 0}, {6, false, 2}, {12, true, 3}, {19, false, 2}, {20, false, 3}} {
		if n := len(horizon.Visible(cards, c.month, c.monitoring)); n != c.want {
			t.Errorf("Visible(month %d, monitoring %v) has %d cards, want %d", c.month, c.monitoring, n, c.want)
		}
	}
}

// TestBadInputCost: input-cost shocks that would take a sector's input coefficients to
// 1 together are refused at the size of the one that does (housing's are 0.2: times 6
// is 1.2; two shocks of 1.5 take them to 0.2 × 2.5 × 2.5 = 1.25), as is a shock to a
// sector that buys no inputs (the baseline's sectors all buy some: one is given none).
func TestBadInputCost(t *testing.T) {
	head := "base: baseline\nname: bad\nhorizon:\n  enabled: true\n  events:\n"
	for _, c := range []struct{ name, yaml, want string }{
		{"one shock", head + "    - {month: 3, kind: input_cost, sector: housing, size: 5}\n",
			"bad.yaml:6: horizon.events[0].size: is 5: housing's input coefficients (0.2 together) would come to 1.2"},
		{"two shocks", head + "    - {month: 3, kind: input_cost, sector: housing, size: 1.5}\n    - {month: 9, kind: input_cost, sector: housing, size: 1.5}\n",
			"bad.yaml:7: horizon.events[1].size: is 1.5: housing's input coefficients (0.5 together) would come to 1.25"},
		{"no inputs", "base: baseline\nname: bad\nsectors:\n  - {name: food, share: 1, base_price: 2, productivity: 600, wage: 800}\nhorizon:\n  enabled: true\n  events:\n    - {month: 3, kind: input_cost, sector: food, size: 1}\n",
			"bad.yaml:8: horizon.events[0].sector: food buys no inputs"},
	} {
		_, err := scenarios.Parse("bad.yaml", []byte(c.yaml), nil)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: Parse = %v, want %q...", c.name, err, c.want)
		}
	}
	// below 1 is accepted: housing's 0.2 times 4.9 is 0.98
	if _, err := scenarios.Parse("ok.yaml", []byte(head+"    - {month: 3, kind: input_cost, sector: housing, size: 3.9}\n"), nil); err != nil {
		t.Errorf("Parse(housing's inputs to 0.98) = %v, want nil", err)
	}
}

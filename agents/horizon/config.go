package horizon

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/copex/copex/sim"
)

// Config is the horizon section of a scenario: the events that change the economy and
// who watches for their signals.
type Config struct {
	Enabled bool `yaml:"enabled" json:"enabled" doc:"switch horizon scanning on: the events change the economy for every co-op, monitoring co-ops see them coming"`
	// Monitor is the share of co-ops that watch the Lookout Platform, drawn once for
	// each co-op (a co-op founded later draws too).
	Monitor float64 `yaml:"monitor" json:"monitor" min:"0" max:"1" doc:"share of co-ops that monitor the horizon: they see each event's signal lead months before it hits and react then"`
	// Cost is what a monitoring co-op pays the Foundation a month for the shared
	// platform; one that cannot pay it does not monitor that month.
	Cost   float64 `yaml:"cost" json:"cost" min:"0" max:"1e6" doc:"tokens a month a monitoring co-op pays the Foundation for the Lookout Platform (one short of it does not monitor that month)"`
	Events []Event `yaml:"events" json:"events" doc:"the events, each hitting at its month: demand_shift, input_cost, technology, legislation"`
}

// Event is one change in the economy's environment: its Signal comes Lead months before
// the month it hits (the Sign), and Size is its Significance.
type Event struct {
	Month  int    `yaml:"month" json:"month" needed:"true" min:"1" max:"1200" doc:"month the event hits every co-op (from 1)"`
	Kind   string `yaml:"kind" json:"kind" needed:"true" enum:"demand_shift,input_cost,technology,legislation" doc:"demand_shift: the sector's share of spending moves by size; input_cost: its input coefficients rise by size; technology: units per worker rise by size for co-ops that adopt it; legislation: a minimum wage size above the lowest wage of the sectors it covers"`
	Sector string `yaml:"sector" json:"sector" doc:"the sector it hits, by name (legislation: empty for every sector)"`
	// Size is relative: a share of the sector's spending share, of its input
	// coefficients, of units per worker, of the lowest wage.
	Size float64 `yaml:"size" json:"size" min:"-0.9" max:"5" doc:"how big: demand_shift -0.9 to 5 (the share times 1 + size), input_cost above 0 (coefficients times 1 + size), technology above 0 (units per worker times 1 + size), legislation above 0 (the minimum wage is the lowest covered wage times 1 + size)"`
	Lead int     `yaml:"lead" json:"lead" min:"0" max:"120" doc:"months before the event that monitoring co-ops see its signal (month - lead is at least 1)"`
	// Adopt is for technology: the mean months a co-op that does not monitor takes to
	// adopt it (each month with chance 1/adopt); monitoring co-ops adopt when it hits.
	Adopt int `yaml:"adopt" json:"adopt" min:"0" max:"240" doc:"technology: mean months co-ops that do not monitor take to adopt it (0: 12); monitoring co-ops adopt it when it hits"`
	// The card's text (GetGo); empty: written from the event (Card).
	Signal       string `yaml:"signal" json:"signal" maxlen:"400" doc:"the card's signal, what a monitoring co-op notices (empty: written from the event)"`
	Sign         string `yaml:"sign" json:"sign" maxlen:"400" doc:"the card's sign, the wider change it is a sign of (empty: written from the event)"`
	Significance string `yaml:"significance" json:"significance" maxlen:"400" doc:"the card's significance, what it means for a co-op (empty: written from the event)"`
}

// The kinds of event.
const (
	DemandShift = "demand_shift"
	InputCost   = "input_cost"
	Technology  = "technology"
	Legislation = "legislation"
)

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return c.Enabled }

// maxText bounds a card's text, in characters: a few short sentences.
const maxText = 400

// Validate checks the section against the scenario's sectors: n of them, sector(i)
// giving the i-th's name and input coefficients (value bought from each supplying
// sector per unit of value made). Errors are *sim.FieldError with paths inside the
// section. A month past the run's end is not refused (a shorter run of the same
// scenario leaves the event out), but a signal before month 1 is, and so are
// input-cost shocks that would take a sector's coefficients to 1 together (nothing
// would be left for wages).
func (c *Config) Validate(n int, sector func(i int) (name string, inputs map[string]float64)) error {
	if !(c.Monitor >= 0 && c.Monitor <= 1) {
		return sim.Fieldf("monitor", "is %g: a share of co-ops, from 0 to 1", c.Monitor)
	}
	if !(c.Cost >= 0 && c.Cost <= 1e6) {
		return sim.Fieldf("cost", "is %g: want 0 to 1e6 tokens a month", c.Cost)
	}
	if len(c.Events) > 64 {
		return sim.Fieldf("events", "lists %d events: at most 64", len(c.Events))
	}
	name := func(i int) string { s, _ := sector(i); return s }
	rise := map[int]float64{} // each sector's input coefficients' multiple after its shocks so far
	for k := range c.Events {
		e := &c.Events[k]
		p := fmt.Sprintf("events[%d]", k)
		if err := e.validate(p, n, name); err != nil {
			return err
		}
		if e.Kind != InputCost {
			continue
		}
		s := sectorIndex(e.Sector, n, name)
		_, in := sector(s)
		a := sumInputs(in)
		if a == 0 {
			return sim.Fieldf(p+".sector", "%s buys no inputs: an input-cost shock would leave it as it is", e.Sector)
		}
		if _, ok := rise[s]; !ok {
			rise[s] = 1
		}
		before := a * rise[s]
		rise[s] *= 1 + e.Size
		if after := a * rise[s]; after >= 1 {
			return sim.Fieldf(p+".size", "is %g: %s's input coefficients (%.3g together) would come to %.3g, and they must stay below 1", e.Size, e.Sector, before, after)
		}
	}
	return nil
}

// sumInputs adds up input coefficients in the order of their sectors' names (so that
// the sum is the same every time).
func sumInputs(in map[string]float64) float64 {
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var a float64
	for _, k := range keys {
		a += in[k]
	}
	return a
}

func (e *Event) validate(p string, n int, sector func(int) string) error {
	switch e.Kind {
	case DemandShift, InputCost, Technology, Legislation:
	case "":
		return sim.Fieldf(p+".kind", "is missing: demand_shift, input_cost, technology or legislation")
	default:
		return sim.Fieldf(p+".kind", "%q is not a kind of event (demand_shift, input_cost, technology, legislation)", e.Kind)
	}
	if e.Month < 1 || e.Month > 1200 {
		return sim.Fieldf(p+".month", "is %d: events hit in months 1 to 1200", e.Month)
	}
	if e.Lead < 0 {
		return sim.Fieldf(p+".lead", "is %d: a signal comes before the event, 0 months or more", e.Lead)
	}
	if e.Lead > 120 {
		return sim.Fieldf(p+".lead", "is %d: at most 120 months", e.Lead)
	}
	if e.Month-e.Lead < 1 {
		return sim.Fieldf(p+".lead", "is %d: the signal would come before month 1 (the event hits in month %d)", e.Lead, e.Month)
	}
	switch {
	case e.Sector == "" && e.Kind != Legislation:
		return sim.Fieldf(p+".sector", "is missing: a %s event hits one sector, named here", e.Kind)
	case e.Sector != "" && sectorIndex(e.Sector, n, sector) < 0:
		names := make([]string, n)
		for i := range n {
			names[i] = sector(i)
		}
		return sim.Fieldf(p+".sector", "no sector is named %q (sectors: %s)", e.Sector, strings.Join(names, ", "))
	}
	switch {
	case e.Kind == DemandShift && !(e.Size >= -0.9 && e.Size <= 5 && e.Size != 0):
		return sim.Fieldf(p+".size", "is %g: a demand shift moves the share by -0.9 to 5 (not 0)", e.Size)
	case e.Kind != DemandShift && !(e.Size > 0 && e.Size <= 5):
		return sim.Fieldf(p+".size", "is %g: a %s event's size is above 0 and at most 5", e.Size, e.Kind)
	}
	if e.Adopt < 0 || e.Adopt > 240 {
		return sim.Fieldf(p+".adopt", "is %d: want 0 to 240 months", e.Adopt)
	}
	if e.Adopt != 0 && e.Kind != Technology {
		return sim.Fieldf(p+".adopt", "is %d: only a technology event is adopted over months", e.Adopt)
	}
	for _, f := range []struct{ name, text string }{{"signal", e.Signal}, {"sign", e.Sign}, {"significance", e.Significance}} {
		if err := checkText(f.text); err != nil {
			return sim.Fieldf(p+"."+f.name, "%v", err)
		}
	}
	return nil
}

// checkText refuses card text a player could not read: too long, or holding control
// characters (a line break included: a card's field is one paragraph).
func checkText(s string) error {
	if n := len([]rune(s)); n > maxText {
		return fmt.Errorf("is %d characters: at most %d", n, maxText)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("holds the control character %U: one line of text", r)
		}
	}
	return nil
}

func sectorIndex(name string, n int, sector func(int) string) int {
	for i := range n {
		if sector(i) == name {
			return i
		}
	}
	return -1
}

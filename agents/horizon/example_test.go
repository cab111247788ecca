package horizon_test

import (
	"fmt"

	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/sim"
)

// New with no host builds the subsystem only to list what it registers (as copex
// phases does).
func ExampleNew() {
	cfg := horizon.Config{Enabled: true, Monitor: 0.5, Events: []horizon.Event{
		{Month: 12, Kind: horizon.DemandShift, Sector: "care", Size: 0.5, Lead: 6},
	}}
	sub, err := horizon.New(cfg, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var r sim.Registry
	sub.Register(&r)
	for _, p := range r.Phases() {
		fmt.Println(p.Stage, p.Name)
	}
	fmt.Println(len(r.Columns()), "columns, from", r.Columns()[0].Name)
	// Output:
	// open horizon/events
	// 21 columns, from horizon_events_fired
}

// Config.Cards gives each event as GetGo's card: when a monitoring co-op sees its
// signal, when it hits, and the three texts.
func ExampleConfig_Cards() {
	cfg := horizon.Config{Enabled: true, Events: []horizon.Event{
		{Month: 24, Kind: horizon.DemandShift, Sector: "housing", Size: -0.4, Lead: 6},
	}}
	for _, c := range cfg.Cards() {
		fmt.Printf("seen in month %d, hits in month %d\n", c.Seen, c.Month)
		fmt.Println("Signal:", c.Signal)
		fmt.Println("Sign:", c.Sign)
		fmt.Println("Significance:", c.Significance)
	}
	// Output:
	// seen in month 18, hits in month 24
	// Signal: Fewer people are asking for housing: a survey finds households plan to spend less on it.
	// Sign: Spending is moving away from housing. From month 24 its share of what members buy falls by 40%.
	// Significance: Housing co-ops will sell less. A co-op that has fewer workers by then can still pay them; one that waits may not, and may close.
}

package workshop_test

import (
	"bytes"
	"fmt"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/workshop"
)

// A room steps a scenario between the facilitator's actions; its journal replays to
// the same metrics.csv.
func Example() {
	sc, err := scenarios.Load("baseline", []string{"ticks=6"})
	if err != nil {
		panic(err)
	}
	var journal bytes.Buffer
	room, err := workshop.New(sc, workshop.Options{Journal: &journal})
	if err != nil {
		panic(err)
	}
	for range 3 {
		room.Facilitate(workshop.Record{Kind: "step"})
	}
	// a slider: members save 30% of their income from tick 4
	if err := room.Facilitate(workshop.Record{Kind: workshop.KindSet, Name: "member.save", Value: 0.3}); err != nil {
		panic(err)
	}
	for range 3 {
		room.Facilitate(workshop.Record{Kind: "step"})
	}
	csv := room.CSV()
	again, err := workshop.Replay("journal", &journal, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("ticks:", room.Tick())
	fmt.Println("metrics lines:", bytes.Count(csv, []byte("\n")))
	fmt.Println("replay identical:", bytes.Equal(csv, again))
	// Output:
	// ticks: 6
	// metrics lines: 7
	// replay identical: true
}

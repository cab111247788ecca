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

// A giveaway now: the facilitator gives 50,000 tokens to the first half of the
// members between ticks 2 and 3; it is marked from tick 3 and replays.
func ExampleRoom_Facilitate_giveaway() {
	sc, err := scenarios.Load("baseline", []string{"ticks=4"})
	if err != nil {
		panic(err)
	}
	var journal bytes.Buffer
	room, err := workshop.New(sc, workshop.Options{Journal: &journal})
	if err != nil {
		panic(err)
	}
	room.Facilitate(workshop.Record{Kind: "step"})
	room.Facilitate(workshop.Record{Kind: "step"})
	if err := room.Facilitate(workshop.Record{Kind: workshop.KindGiveaway, Value: 50000, Share: 0.5}); err != nil {
		panic(err)
	}
	// out of range: refused with its reason, and nothing changes
	fmt.Println(room.Facilitate(workshop.Record{Kind: workshop.KindGiveaway, Value: 50000, Share: 2}))
	room.Facilitate(workshop.Record{Kind: "step"})
	fmt.Printf("%+v\n", room.Debrief().Marks)
	again, err := workshop.Replay("journal", &journal, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("replay identical:", bytes.Equal(room.CSV(), again))
	// Output:
	// bad action: share: give to a share of the members above 0 and at most 1, got 2
	// [{Tick:3 Name:giveaway Value:50000 Share:0.5}]
	// replay identical: true
}

// Trades: Ann buys 100 tokens' worth of Bo's co-op's goods between ticks 1 and 2,
// then asks a simulated food co-op (sector 0) for more than her co-op can pay, which
// buys what its treasury pays for, levy included; the debrief lists both, and the
// journal replays.
func ExampleRoom_Act_buy() {
	sc, err := scenarios.Load("baseline", []string{"ticks=3"})
	if err != nil {
		panic(err)
	}
	var journal bytes.Buffer
	room, err := workshop.New(sc, workshop.Options{Journal: &journal})
	if err != nil {
		panic(err)
	}
	ann, _ := room.Join(room.Code(), "Ann", 0)
	if _, err := room.Join(room.Code(), "Bo", 1); err != nil {
		panic(err)
	}
	room.Facilitate(workshop.Record{Kind: "step"})
	if err := room.Act(ann.Token(), workshop.Action{Kind: workshop.KindBuy, Value: 100, Seller: 2, Coop: -1}); err != nil {
		panic(err)
	}
	if err := room.Act(ann.Token(), workshop.Action{Kind: workshop.KindBuy, Value: 1e8, Sector: 0, Coop: -1}); err != nil {
		panic(err)
	}
	room.Facilitate(workshop.Record{Kind: "step"})
	for _, t := range room.Debrief().People[0].Trades {
		fmt.Printf("tick %d: %g asked of %s, %.2f bought\n", t.Tick, t.Asked, t.Seller, t.Bought)
	}
	again, err := workshop.Replay("journal", &journal, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("replay identical:", bytes.Equal(room.CSV(), again))
	// Output:
	// tick 1: 100 asked of Bo, 100.00 bought
	// tick 1: 1e+08 asked of a simulated food co-op, 5899.00 bought
	// replay identical: true
}

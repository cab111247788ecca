package game

import "testing"

// BenchmarkTurn measures one monthly turn of the living co-op: a month of the
// simulated economy (1,500 members, 60 co-ops) and the player's co-op against it.
func BenchmarkTurn(b *testing.B) {
	g := atLiving(b, 1, "month")
	d := g.NextDecisions()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if g.Living().Ended {
			b.StopTimer()
			g = atLiving(b, 1, "month")
			b.StartTimer()
		}
		if err := g.Turn(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrial measures the Test Game's trial: a new economy stepped through its
// warm-up and the trial months with the co-op placed in it.
func BenchmarkTrial(b *testing.B) {
	g := atCanvas(b, 1)
	for i := 0; i < b.N; i++ {
		g.trial = nil
		if _, err := g.Trial(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures loading a save of two years of monthly turns, replayed.
func BenchmarkLoad(b *testing.B) {
	g := atLiving(b, 1, "month")
	d := g.NextDecisions()
	for range 24 {
		if err := g.Turn(d); err != nil {
			b.Fatal(err)
		}
	}
	data, err := Encode(g)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Decode("save.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

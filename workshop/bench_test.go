package workshop

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
)

// The figure: a live 100,000-member economy at 10 ticks a second or more, with the
// charts updating. BenchmarkLive100k steps economy-100k through a room whose
// facilitator's stream is read by a client (every row, state and table event sent
// over loopback HTTP) and 100 participants' co-ops are read back and sent after each
// tick; it reports ticks a second. BenchmarkEngine100k steps the same economy with
// sim.Stepper alone, so the room's cost is the ratio of the two in one run:
//
//	go test ./workshop -run X -bench 100k -benchtime 40x
func BenchmarkLive100k(b *testing.B) {
	sc := load(b, "economy-100k", "ticks=600")
	tr := openRoom(b, sc, Options{AwayAfter: 1 << 62})
	for i := range 100 {
		tr.join(b, fmt.Sprintf("p%d", i+1))
	}
	res, err := http.Get(tr.srv.URL + "/api/f/" + tr.Key() + "/events")
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	go io.Copy(io.Discard, res.Body)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		more, err := tr.Step()
		if err != nil {
			b.Fatal(err)
		}
		if !more {
			b.StopTimer()
			tr.do(b, `{"kind":"reset"}`)
			b.StartTimer()
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
}

func BenchmarkEngine100k(b *testing.B) {
	sc := load(b, "economy-100k", "ticks=600")
	start := func() *sim.Stepper {
		m, err := agents.Build(sc.Config, sc.Config.Seed)
		if err != nil {
			b.Fatal(err)
		}
		r, err := sim.Start(m, nil)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	r := start()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if r.Done() {
			b.StopTimer()
			r = start()
			b.StartTimer()
		}
		if _, err := r.Next(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
}

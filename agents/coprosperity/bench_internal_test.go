package coprosperity

import (
	"strconv"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// BenchmarkSubsystemMonth measures the subsystem's month alone (over the test host: no
// economy around it), with the coprosperity scenario's settings, after a year of
// warm-up, at 10,000 and 100,000 members (and a co-op for every 25 of them), on 2
// workers; ns/participant-month is the figure
// whose ratio between the sizes says whether the cost is linear.
func BenchmarkSubsystemMonth(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			t := &testing.T{}
			h := newTestHost(t, n, ledger.Tokens(100))
			// The scenario's co-ops: one of 25 workers for every 25 members, in two
			// sectors that buy from each other.
			h.addCoops(t, n/50, 0, 25, 20, 16, ledger.Tokens(1000))
			h.addCoops(t, n/50, 1, 25, 20, 16, ledger.Tokens(1000))
			h.inputs[0], h.inputs[1] = []testInput{{1, 0.3}}, []testInput{{0, 0.2}, {1, 0.1}}
			h.ticks = 1 << 20
			h.pool = sim.NewPool(2)
			cfg := Default()
			s := build(t, cfg, h)
			m := 1
			for ; m <= 12; m++ {
				month(t, s, m)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := s.runMonth(tickOf(m)); err != nil {
					b.Fatal(err)
				}
				m++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/participant-month")
		})
	}
}

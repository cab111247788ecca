package coprosperity_test

import (
	"testing"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"

	"github.com/copex/copex/agents"
)

// BenchmarkScenario runs the coprosperity (10,000 participants) and
// coprosperity-100k scenarios for their 120 months on 2 workers, economy included, as
// copex run does; ns/participant-month divides by the members at the start. Run with
// -benchtime 1x (one run is a minute at most); peak memory is measured on the
// command (/usr/bin/time -v copex run coprosperity-100k).
func BenchmarkScenario(b *testing.B) {
	for _, name := range []string{"coprosperity", "coprosperity-100k"} {
		b.Run(name, func(b *testing.B) {
			sc, err := scenarios.Load(name, nil)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				m, err := agents.Build(sc.Config, 1)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := sim.Run(m, &sim.Options{Workers: 2}); err != nil {
					b.Fatal(err)
				}
			}
			months := sc.Config.Ticks
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sc.Config.Members)/float64(months), "ns/participant-month")
		})
	}
}

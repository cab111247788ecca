package dao_test

import (
	"syscall"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// benchRun runs dao-platform with overrides for its 120 months per iteration, and
// reports the process's peak resident memory (getrusage; the largest of the run and
// anything before it in the process).
func benchRun(b *testing.B, sets ...string) {
	sc, err := scenarios.Load("dao-platform", sets)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m, err := agents.Build(sc.Config, sc.Config.Seed)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sim.Run(m, &sim.Options{Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MiB")
	}
}

// BenchmarkDAOPlatform is dao-platform as shipped: 20,000 members, 200 co-ops, 10
// years (issue 14's figure: at most 30 s).
func BenchmarkDAOPlatform(b *testing.B) { benchRun(b) }

// BenchmarkDAOPlatform100k is the 100,000-member variant: 1,000 co-ops, the same
// founding teams, 10 years (the figure: at most 2 minutes and 2 GiB).
func BenchmarkDAOPlatform100k(b *testing.B) { benchRun(b, "members=100000", "coops.count=1000") }

// BenchmarkDAOPlatformOff is the same economy with the platform switched off: the
// ratio to BenchmarkDAOPlatform, measured in the same run, is the platform's cost.
func BenchmarkDAOPlatformOff(b *testing.B) { benchRun(b, "dao.enabled=false") }

package firms_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// benchRun runs an embedded scenario's ten years per iteration, as copex run does
// (agents.Build, sim.Run on 2 workers), with overrides. Besides the wall time it
// reports the process's CPU time per run (user and system, getrusage), which other
// people's load on the shared machine disturbs far less than the wall time.
func benchRun(b *testing.B, name string, sets ...string) {
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	before := cpu()
	for b.Loop() {
		m, err := agents.Build(sc.Config, sc.Config.Seed)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sim.Run(m, &sim.Options{Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpu()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpu returns the process's CPU time so far.
func cpu() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOpenPlatform is open-platform as shipped: the baseline economy (6,000
// members, 240 co-ops, 10 years) with its firms. Issue 17's figure: at most 1.5 times
// BenchmarkBaseline's time, the two measured in the same run.
func BenchmarkOpenPlatform(b *testing.B) { benchRun(b, "open-platform") }

// BenchmarkBaseline is the baseline the open platform is compared with.
func BenchmarkBaseline(b *testing.B) { benchRun(b, "baseline") }

// BenchmarkOpenPlatformOff is open-platform with its section switched off: the same
// work as the baseline through the same scenario file (a check that the section, off,
// costs nothing).
func BenchmarkOpenPlatformOff(b *testing.B) { benchRun(b, "open-platform", "firms.enabled=false") }

package tradable_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/copex/copex/sim"
)

// cpuTime is the process's user and system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRun measures the baseline and the tradable baseline (the same economy with
// the token market on) in the same run, 120 months each, for the figure: the
// tradable version costs at most 1.5 times the baseline's run time. The variants run
// alternately within each iteration, so that the machine's drifting load falls on
// all alike, and the ratios of their total times are reported, in wall time and in
// CPU time (which other people's processes on the shared machine disturb less):
// go test ./agents/tradable -run X -bench Run -benchtime 3x -count 5. The third
// variant, the market with no conversions (members and co-ops never trade, so the
// economy does what the baseline does), gives the market's own cost.
func BenchmarkRun(b *testing.B) {
	names := []string{"tradable", "no-convert"}
	builds := []func(uint64) (sim.Model, error){load(b, "baseline", nil), load(b, "tradable", nil),
		load(b, "tradable", []string{"tradable.convert.members=0", "tradable.convert.coops=0"})}
	var wall, cpu [3]time.Duration
	for b.Loop() {
		for k, build := range builds {
			m, err := build(1)
			if err != nil {
				b.Fatal(err)
			}
			start, c0 := time.Now(), cpuTime(b)
			if _, err := sim.Run(m, nil); err != nil {
				b.Fatal(err)
			}
			wall[k] += time.Since(start)
			cpu[k] += cpuTime(b) - c0
		}
	}
	b.ReportMetric(float64(cpu[0].Nanoseconds())/float64(b.N), "baseline-cpu-ns/run")
	for k, name := range names {
		b.ReportMetric(float64(wall[k+1])/float64(wall[0]), name+"/baseline-wall")
		b.ReportMetric(float64(cpu[k+1])/float64(cpu[0]), name+"/baseline-cpu")
	}
}

package councils_test

import (
	"syscall"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// BenchmarkPlanning1M runs planning-1m for 10 years (120 months) on 2 workers: a
// million members, about 260,000 nested councils, a plan a year and the decision
// nodes every month. It reports the process's peak resident memory (getrusage's
// ru_maxrss, which Linux gives in KiB) beside the time. Run it alone for the peak:
//
//	go test ./agents/councils -run '^$' -bench Planning1M -benchtime 1x
func BenchmarkPlanning1M(b *testing.B) { bench10Years(b, "planning-1m") }

// BenchmarkPlanning1MMarket is planning-1m with its plans not applied (plan.apply
// false): the economy runs on the market, for the cost of applying the plan.
func BenchmarkPlanning1MMarket(b *testing.B) {
	bench10Years(b, "planning-1m", "councils.plan.apply=false")
}

// BenchmarkEconomy1M is the same economy without its councils, for the ratio:
//
//	go test ./agents/councils -run '^$' -bench 1M -benchtime 1x
func BenchmarkEconomy1M(b *testing.B) { bench10Years(b, "economy-1m") }

func bench10Years(b *testing.B, name string, sets ...string) {
	sc, err := scenarios.Load(name, append([]string{"ticks=120"}, sets...))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			b.Fatal(err)
		}
		res, err := sim.Run(m, &sim.Options{Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		rounds, on := res.Table.Col("councils_plan_rounds")
		ok, _ := res.Table.Col("councils_plan_feasible")
		for y := range 10 * b2i(on) {
			row := &res.Table.Rows[12*y]
			b.Logf("year %d: %d rounds, feasible %d", y+1, row.Int(rounds), row.Int(ok))
		}
		b.ReportMetric(res.StepSeconds, "tick-loop-s")
	}
	// The peak is the process's: it means the benchmark's own only when it runs first.
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil && name == "planning-1m" && len(sets) == 0 {
		b.ReportMetric(float64(ru.Maxrss)/(1<<20), "peak-GiB")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

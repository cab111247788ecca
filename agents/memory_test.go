package agents_test

import (
	"runtime"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestEstimateMemoryCoversTheModel builds a model and checks that what it holds live
// after a few ticks stays under the estimate used to refuse scenarios too large.
func TestEstimateMemoryCoversTheModel(t *testing.T) {
	for _, name := range []string{"economy-100k", "random-exchange"} {
		sc, err := scenarios.Load(name, []string{"members=100000"})
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			t.Fatal(err)
		}
		run, err := sim.Start(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := run.Next(); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		live := after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		est := agents.EstimateMemory(sc.Config)
		if live > est {
			t.Errorf("%s: %d MiB live, estimated %d MiB", name, live>>20, est>>20)
		}
		if est > 8*live+64<<20 {
			t.Errorf("%s: estimate %d MiB is far above the %d MiB live: it would refuse what fits", name, est>>20, live>>20)
		}
		runtime.KeepAlive(m)
	}
}

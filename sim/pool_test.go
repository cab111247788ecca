package sim

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestPoolRunsEveryShardOnce(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		p := NewPool(workers)
		for _, shards := range []int{0, 1, 7, 100, 1, 3} {
			hits := make([]atomic.Int32, shards)
			p.Run(shards, func(s int) { hits[s].Add(1) })
			for s := range hits {
				if got := hits[s].Load(); got != 1 {
					t.Errorf("%d workers, %d shards: shard %d ran %d times", workers, shards, s, got)
				}
			}
		}
	}
	if NewPool(0).Workers() < 1 {
		t.Error("NewPool(0) has no workers")
	}
}

// TestPoolRoundsBackToBack: many runs in a row, short and long, each seeing every
// shard once and all of its shards' writes when Run returns (no shard of one run
// taken by a helper in the next), with more shards than a round holds.
func TestPoolRoundsBackToBack(t *testing.T) {
	for _, workers := range []int{2, 3, 8} {
		p := NewPool(workers)
		sums := make([]int64, roundShards+10)
		for run := range 300 {
			shards := 1 + run%17*run%40
			if run == 150 {
				shards = len(sums) // two rounds
			}
			want := int64(run + 1)
			p.Run(shards, func(s int) { sums[s] += want }) // each shard's slot is its own
			for s := range shards {
				if sums[s] != want {
					t.Fatalf("%d workers, run %d of %d shards: shard %d holds %d, want %d (run once, seen by Run's caller)", workers, run, shards, s, sums[s], want)
				}
				sums[s] = 0
			}
		}
	}
}

// TestPoolHelpersEnd: helpers linger only briefly after a run; an idle pool holds no
// goroutine, and runs again after.
func TestPoolHelpersEnd(t *testing.T) {
	p := NewPool(4)
	var n atomic.Int32
	p.Run(40, func(int) { n.Add(1) })
	deadline := time.Now().Add(5 * time.Second)
	for p.alive.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d helpers still alive 5 s after the run, want none", p.alive.Load())
		}
		time.Sleep(time.Millisecond)
	}
	p.Run(40, func(int) { n.Add(1) })
	if n.Load() != 80 {
		t.Errorf("%d shards ran, want 80", n.Load())
	}
}

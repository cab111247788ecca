package sim

import (
	"sync/atomic"
	"testing"
)

func TestPoolRunsEveryShardOnce(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		p := NewPool(workers)
		for _, shards := range []int{0, 1, 7, 100} {
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

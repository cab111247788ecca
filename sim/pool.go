package sim

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Pool runs the shards of a phase over a number of goroutines. Shards are handed out
// in turn to whichever goroutine is free, so which goroutine runs a shard varies from
// run to run: a model stays deterministic by giving each shard its own random stream
// and its own buffers, and by merging the shards' effects in shard order afterwards.
type Pool struct {
	workers int
	task    func(shard int)
	shards  int64
	next    atomic.Int64
	wg      sync.WaitGroup
	spawn   func() // p.worker, made once: a go statement with no arguments allocates nothing
}

// NewPool returns a pool of n goroutines (n <= 0: GOMAXPROCS).
func NewPool(n int) *Pool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	p := &Pool{workers: n}
	p.spawn = p.worker
	return p
}

// Workers returns the number of goroutines the pool uses.
func (p *Pool) Workers() int { return p.workers }

// Run calls task(s) for every shard s in [0, shards) and returns when all are done.
// task should be a func value made once (a method value made at every call would
// allocate). Run is not reentrant.
func (p *Pool) Run(shards int, task func(shard int)) {
	if shards <= 0 {
		return
	}
	if p.workers <= 1 || shards == 1 {
		for s := range shards {
			task(s)
		}
		return
	}
	p.task, p.shards = task, int64(shards)
	p.next.Store(0)
	extra := min(p.workers, shards) - 1
	p.wg.Add(extra)
	for range extra {
		go p.spawn()
	}
	p.work()
	p.wg.Wait()
	p.task = nil
}

func (p *Pool) worker() {
	defer p.wg.Done()
	p.work()
}

func (p *Pool) work() {
	for {
		s := p.next.Add(1) - 1
		if s >= p.shards {
			return
		}
		p.task(int(s))
	}
}

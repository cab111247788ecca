package sim

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Pool runs the shards of a phase over a number of goroutines. Shards are handed out
// in turn to whichever goroutine is free, so which goroutine runs a shard varies from
// run to run: a model stays deterministic by giving each shard its own random stream
// and its own buffers, and by merging the shards' effects in shard order afterwards.
//
// The goroutine that calls Run works through shards too. Its helpers linger for a
// moment after a Run, spinning, so that the next phase of the tick finds them awake:
// waking a parked thread takes tens of microseconds, as long as a small phase takes,
// and doing so at every phase cost the random exchange a third of its speed on two
// workers. A helper that sees no Run for helperLinger ends, and Run starts helpers
// again when it needs them: an idle pool holds no goroutine and uses no CPU.
type Pool struct {
	workers int
	// round is the current round of shards: its number (high 32 bits), how many
	// shards it has (16 bits) and the next to hand out (low 16 bits). A goroutine
	// takes a shard by compare-and-swap of the whole word, so a helper that comes
	// late, after its round ended, cannot take a shard of the next one by mistake.
	round atomic.Uint64
	done  atomic.Int64 // shards of the current round finished
	// task and base are set by Run before it publishes a round and read by whoever
	// has taken one of its shards; Run changes them only once every shard is done.
	task   func(shard int)
	base   int
	number uint64       // rounds published
	alive  atomic.Int32 // helpers working or lingering
	spawn  func()       // p.helper, made once: a go statement with no arguments allocates nothing
}

const (
	roundShards  = 1<<16 - 1 // most shards in one round; Run makes more rounds for more
	helperLinger = 50 * time.Microsecond
)

// NewPool returns a pool of n goroutines (n <= 0: GOMAXPROCS).
func NewPool(n int) *Pool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	p := &Pool{workers: n}
	p.spawn = p.helper
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
	for base := 0; base < shards; base += roundShards {
		p.runRound(base, min(shards-base, roundShards), task)
	}
	p.task = nil
}

// runRound runs shards base to base+n-1 as one round.
func (p *Pool) runRound(base, n int, task func(int)) {
	// No goroutine is inside a task now (the last round waited for all of its
	// shards), so the task and counters can be set before the round is published.
	p.task, p.base = task, base
	p.done.Store(0)
	p.number++
	p.round.Store(p.number<<32 | uint64(n)<<16)
	// Start helpers up to one fewer than the workers (the caller is one); lingering
	// helpers of the last round count. Only Run adds to alive, helpers only take away.
	for want := int32(min(p.workers, n) - 1); ; {
		a := p.alive.Load()
		if a >= want {
			break
		}
		if p.alive.CompareAndSwap(a, a+1) {
			go p.spawn()
		}
	}
	p.work()
	for spins := 0; p.done.Load() < int64(n); spins++ {
		if spins&63 == 63 {
			runtime.Gosched() // a helper is still on its last shard
		}
	}
}

// work takes and runs shards of the current round until none is left, and returns
// the number of the round it found done.
func (p *Pool) work() uint64 {
	for {
		r := p.round.Load()
		n, next := int(r>>16&0xffff), int(r&0xffff)
		if next >= n {
			return r >> 32
		}
		if !p.round.CompareAndSwap(r, r+1) {
			continue
		}
		p.task(p.base + next)
		p.done.Add(1)
	}
}

// helper works through rounds until none comes for helperLinger.
func (p *Pool) helper() {
	defer p.alive.Add(-1)
	for {
		last := p.work()
		since := time.Now()
		for spins := 1; ; spins++ {
			r := p.round.Load()
			if r>>32 != last && r&0xffff < r>>16&0xffff {
				break // a new round with shards to take
			}
			if spins&63 == 0 {
				if time.Since(since) > helperLinger {
					return
				}
				runtime.Gosched() // let other goroutines of this thread run (more workers than cores)
			}
		}
	}
}

package sim

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Pool runs the shards of a phase over a number of goroutines. Each goroutine has a
// home block of the shards (goroutine g of w: shards g*n/w to (g+1)*n/w-1 of n), works
// through it first, then takes what is left of the others' blocks, from their ends
// (see work). Which goroutine
// runs a shard therefore varies from run to run (a model stays deterministic by
// giving each shard its own random stream and its own buffers, and by merging the
// shards' effects in shard order afterwards), but in a steady state each goroutine
// runs the same shards phase after phase and tick after tick: a model whose shards
// own contiguous ranges of accounts finds them in that core's cache. Handing shards
// out to whichever goroutine was free moved each range between the cores' caches at
// random: the random exchange on two workers ran no faster than on one.
//
// The goroutine that calls Run is goroutine 0 and works through shards too. Its
// helpers linger for a moment after a Run, spinning, so that the next phase of the
// tick finds them awake: waking a parked thread takes tens of microseconds, as long
// as a small phase takes, and doing so at every phase cost the random exchange a
// third of its speed on two workers. A helper that sees no Run for helperLinger ends,
// and Run starts helpers again when it needs them: an idle pool holds no goroutine
// and uses no CPU.
type Pool struct {
	workers int
	// round is the current round of shards: its number (high 32 bits) and how many
	// shards it has (bits 16-31). Each block's word holds the round's number, the end
	// of the block (bits 16-31) and its next shard to hand out (low 16 bits). A
	// goroutine takes a shard by compare-and-swap of a block's word, so a helper that
	// comes late, after its round ended, cannot take a shard of the next one by
	// mistake: the number differs.
	round  atomic.Uint64
	blocks []block
	done   atomic.Int64 // shards of the current round finished
	// task and base are set by Run before it publishes a round and read by whoever
	// has taken one of its shards; Run changes them only once every shard is done.
	task   func(shard int)
	base   int
	number uint64 // rounds published
	// helpers[g] says whether helper g (1..workers-1) is free (0), started by Run but
	// not yet running (1) or running (2); alive counts those working or lingering.
	helpers []atomic.Int32
	alive   atomic.Int32
	spawn   func() // p.helper, made once: a go statement with no arguments allocates nothing
}

// block is one goroutine's home block of shards, on a cache line of its own: it is
// written at every shard taken.
type block struct {
	word atomic.Uint64
	_    [56]byte
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
	p := &Pool{workers: n, blocks: make([]block, n), helpers: make([]atomic.Int32, n)}
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
	// shards), so the task, counters and blocks can be set before the round is
	// published.
	p.task, p.base = task, base
	p.done.Store(0)
	p.number++
	w := p.workers
	for g := range p.blocks {
		lo, hi := uint64(g*n/w), uint64((g+1)*n/w)
		p.blocks[g].word.Store(p.number<<32 | hi<<16 | lo)
	}
	p.round.Store(p.number<<32 | uint64(n)<<16)
	// Start the helpers that are not running, up to one fewer than the shards (the
	// caller is one). Only Run marks a helper started; the helper frees its mark.
	for g := 1; g < min(w, n); g++ {
		if p.helpers[g].Load() == 0 && p.helpers[g].CompareAndSwap(0, 1) {
			p.alive.Add(1)
			go p.spawn()
		}
	}
	p.work(0, p.number)
	for spins := 0; p.done.Load() < int64(n); spins++ {
		if spins&63 == 63 {
			runtime.Gosched() // a helper is still on its last shard
		}
	}
}

// work has goroutine g take and run shards of round number rn, its home block first,
// from its start, then the others' in turn, from their ends, until none is left or
// the round is over. Taking another's shards from the end of its block, while it
// works from the start, has a goroutine that finishes early take the same shards
// round after round (the last of the slower block), where taking the next one took
// shards all along the block, different ones every time, and moved them between the
// cores' caches.
func (p *Pool) work(g int, rn uint64) {
	w := p.workers
	for k := range w {
		b := &p.blocks[(g+k)%w].word
		for {
			c := b.Load()
			if c>>32 != rn {
				return // the round is over
			}
			end, next := int(c>>16&0xffff), int(c&0xffff)
			if next >= end {
				break // this block is done: on to the next
			}
			s, to := next, c+1 // home: the next shard
			if k > 0 {
				s, to = end-1, c-1<<16 // another's: its last
			}
			if !b.CompareAndSwap(c, to) {
				continue
			}
			p.task(p.base + s)
			p.done.Add(1)
		}
	}
}

// helper claims the helper number Run started it under, and works through rounds
// until none comes for helperLinger.
func (p *Pool) helper() {
	g := 1
	for ; g < p.workers; g++ {
		if p.helpers[g].CompareAndSwap(1, 2) {
			break
		}
	}
	defer func() {
		p.helpers[g].Store(0)
		p.alive.Add(-1)
	}()
	var last uint64
	for {
		if r := p.round.Load(); r>>32 != last {
			last = r >> 32
			p.work(g, last)
		}
		since := time.Now()
		for spins := 1; ; spins++ {
			if r := p.round.Load(); r>>32 != last {
				break // a new round
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

package agents

import (
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// shardBits sets the fixed size of a member shard (16,384 members). Shards are fixed by
// the model's size, never by the number of workers, which is what keeps results
// identical for any number of workers.
const shardBits = 14

// shard is one shard's private state for the parallel phases: its random stream and
// its view of the ledger.
type shard struct {
	src   rand.PCG
	rng   *rand.Rand
	batch *ledger.Batch
	err   error
}

func newShard(l *ledger.Ledger) *shard {
	s := &shard{batch: l.NewBatch()}
	s.rng = rand.New(&s.src)
	return s
}

// seed seeds the shard's stream for (seed, shard, tick, purpose).
func (s *shard) seed(seed uint64, index, tick int, p sim.Purpose) {
	sim.Seed(&s.src, seed, index, tick, p)
}

// shardsFor returns how many shards of 1<<bits cover n items.
func shardsFor(n, bits int) int { return (n + 1<<bits - 1) >> bits }

// span returns the items [lo, hi) of shard s of 1<<bits among n.
func span(s, n, bits int) (lo, hi int) { return s << bits, min((s+1)<<bits, n) }

// draw32 hands out uniform integers below a bound, using each 64-bit draw of the
// shard's generator twice (Lemire's multiply-and-reject method, exact).
type draw32 struct {
	src  *rand.PCG
	buf  uint64
	half bool
}

func (d *draw32) next() uint32 {
	if d.half {
		d.half = false
		return uint32(d.buf >> 32)
	}
	d.buf, d.half = d.src.Uint64(), true
	return uint32(d.buf)
}

// below returns a uniform integer in [0, n), n > 0. It is small enough to inline; the
// rare case of a draw to check is belowSlow's.
func (d *draw32) below(n uint32) uint32 {
	m := uint64(d.next()) * uint64(n)
	if uint32(m) < n {
		m = d.belowSlow(m, n)
	}
	return uint32(m >> 32)
}

// belowSlow is below for a draw m whose low half is below n: it is rejected and drawn
// again while that half is below 2^32 mod n.
func (d *draw32) belowSlow(m uint64, n uint32) uint64 {
	threshold := -n % n
	for uint32(m) < threshold {
		m = uint64(d.next()) * uint64(n)
	}
	return m
}

package agents

import (
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// RandomExchange is the validation model: a closed economy of members who pay each
// other at random, whose balance distribution is known from the literature. With the
// unit rule (Dragulescu & Yakovenko 2000) it tends to the exponential
// (Boltzmann-Gibbs) distribution with mean M/N; with the fraction rule and a saving
// propensity lambda (Chakraborti & Chakrabarti 2000) to a gamma distribution of shape
// 1 + 3*lambda/(1-lambda) (Patriarca, Chakraborti & Kaski 2004).
//
// Each tick runs over fixed shards of members, each with its own random stream; a
// payment is debited at once and credited when the tick's batches are merged. The
// shards are split into as many contiguous runs as there are workers, each paying
// through one batch, shard after shard; the batches are merged in order, so the
// journal is in shard order and the balances (sums of whole micro-tokens) are the
// same for any number of workers.
type RandomExchange struct {
	cfg     Config
	seed    uint64
	clock   sim.Clock
	ledger  *ledger.Ledger
	n       int
	unit    ledger.Amount
	lambda  float64
	perm    []int32 // pairing order (fraction rule)
	src     rand.PCG
	rng     *rand.Rand
	dist    sim.Distribution
	every   int              // measure the distribution every this many ticks
	members ledger.AccountID // account of member 0; members are contiguous
	pool    *sim.Pool
	runs    []int // worker w runs shards runs[w] to runs[w+1]-1
	workers []*exchangeWorker
	batches []*ledger.Batch // the workers' batches, in order
	tick    int
	stepFn  func(int)
}

// exchangeWorker is one worker's state for a tick: the random stream of the shard it
// is on, and its view of the ledger. It is padded to two cache lines of its own: the
// stream's state is written at every draw, and two workers whose states share a line
// make the cores fight over it (false sharing). Measured on the bare loop, two
// goroutines with unpadded streams were slower than one; padded, 1.85 times faster.
type exchangeWorker struct {
	src    rand.PCG
	rng    *rand.Rand
	batch  *ledger.Batch
	err    error
	payees []ledger.AccountID // the shard's payees (unit rule), NoAccount for none
	_      [128 - 72]byte
}

// NewRandomExchange builds the validation model: members accounts 0..N-1, each issued
// the initial balance.
func NewRandomExchange(cfg Config, seed uint64) (*RandomExchange, error) {
	clock, err := sim.NewClock(cfg.Clock, cfg.Ticks)
	if err != nil {
		return nil, fieldErr("clock", "%v", err)
	}
	r := &RandomExchange{cfg: cfg, seed: seed, clock: clock, n: cfg.Members,
		ledger: ledger.New(ledger.Options{Capacity: cfg.Members}),
		unit:   ledger.Unit, lambda: cfg.Random.SavingPropensity, every: max(cfg.Random.MeasureEvery, 1)}
	r.rng = rand.New(&r.src)
	r.members = r.ledger.OpenN(ledger.KindMember, r.n)
	if init := ledger.Tokens(cfg.Random.InitialBalance); init > 0 {
		if err := r.ledger.IssueN(r.members, r.n, init, ledger.TxGift, 0); err != nil {
			return nil, err
		}
	}
	if cfg.Random.Rule == "fraction" {
		r.perm = make([]int32, r.n)
		for i := range r.perm {
			r.perm[i] = int32(i)
		}
		r.stepFn = r.fractionShard
	} else {
		r.stepFn = r.unitShard
	}
	r.SetWorkers(0)
	return r, nil
}

// SetWorkers sets the number of goroutines a tick uses (0: GOMAXPROCS). Call it
// between ticks.
func (r *RandomExchange) SetWorkers(n int) {
	r.pool = sim.NewPool(n)
	r.dist.SetPool(r.pool)
	r.ledger.SetRunner(r.pool)
	w := r.pool.Workers()
	shards := shardsFor(r.n, shardBits)
	// Contiguous runs of shards with about N/w members each.
	r.runs = r.runs[:0]
	for k := range w {
		r.runs = append(r.runs, min((k*r.n/w+1<<(shardBits-1))>>shardBits, shards))
	}
	r.runs = append(r.runs, shards)
	for len(r.workers) < w {
		x := &exchangeWorker{batch: r.ledger.NewBatch()}
		x.batch.ExpectMany() // every member pays a random other: many payees from the first tick
		x.rng = rand.New(&x.src)
		if r.perm == nil {
			x.payees = make([]ledger.AccountID, payRun)
		}
		r.workers = append(r.workers, x)
	}
	r.workers = r.workers[:w]
	r.batches = r.batches[:0]
	for _, x := range r.workers {
		r.batches = append(r.batches, x.batch)
	}
}

// Ledger returns the model's ledger.
func (r *RandomExchange) Ledger() *ledger.Ledger { return r.ledger }

// Clock returns the model's clock.
func (r *RandomExchange) Clock() sim.Clock { return r.clock }

// Balance returns member i's holdings.
func (r *RandomExchange) Balance(i int) ledger.Amount {
	return r.ledger.Holdings(r.members + ledger.AccountID(i))
}

// Members returns the number of members.
func (r *RandomExchange) Members() int { return r.n }

// Len and Value present the members' holdings for measurement (sim.Values).
func (r *RandomExchange) Len() int { return r.n }

// Value returns member i's holdings.
func (r *RandomExchange) Value(i int) ledger.Amount { return r.Balance(i) }

// CopyValues sets dst[k] to member lo+k's holdings (sim.Ranger).
func (r *RandomExchange) CopyValues(lo int, dst []ledger.Amount) {
	r.ledger.HoldingsInto(r.members+ledger.AccountID(lo), dst)
}

// step runs one tick of exchanges.
func (r *RandomExchange) step(t sim.Tick) error {
	tick := t.N
	r.tick = tick
	if r.n < 2 {
		return nil
	}
	if r.perm != nil {
		// Pairs are drawn for the whole economy, then exchanged shard by shard.
		sim.Seed(&r.src, r.seed, 0, tick, sim.PurposeExchange)
		r.rng.Shuffle(r.n, func(i, j int) { r.perm[i], r.perm[j] = r.perm[j], r.perm[i] })
	}
	r.pool.Run(len(r.workers), r.stepFn)
	r.ledger.Apply(r.batches...)
	for _, x := range r.workers {
		if x.err != nil {
			return x.err
		}
	}
	return nil
}

// unitShard runs worker w's shards of the unit rule: every member holding at least one
// token at the start of the tick pays one token to a uniformly random other member.
// Credits arrive after the tick, so what a member pays depends only on what it held
// at the start: every balance stays non-negative and the outcome does not depend on
// order.
func (r *RandomExchange) unitShard(w int) {
	x := r.workers[w]
	x.err = nil
	for k := r.runs[w]; k < r.runs[w+1]; k++ {
		sim.Seed(&x.src, r.seed, k, r.tick, sim.PurposeExchange)
		lo, hi := span(k, r.n, shardBits)
		// Draw the payees of a run of members, then pay them in one tight loop of the
		// ledger's, run after run: a run's payees and balances stay in the core's
		// first-level cache from the draw to the payment.
		var buf uint64
		half := false
		for a := lo; a < hi; a += payRun {
			payees := x.payees[:min(payRun, hi-a)]
			buf, half = r.drawPayees(x.batch, &x.src, a, payees, buf, half)
			if err := x.batch.TransferEach(r.members+ledger.AccountID(a), payees, r.unit, ledger.TxExchange, 0); err != nil {
				x.err = err
				return
			}
		}
	}
}

// payRun is the number of members whose payees are drawn at once: their payees (4
// bytes each) and balances (8) fit in a core's first-level cache.
const payRun = 1 << 11

// drawPayees sets payees[i] to the member that member lo+i pays this tick: a uniform
// other member, or NoAccount for a member holding less than a unit. The draws are
// draw32's (each 64-bit output of the stream used as two 32-bit ones, Lemire's exact
// multiply-and-reject method), written out in the loop so that it makes no call but
// for a rare rejection.
func (r *RandomExchange) drawPayees(b *ledger.Batch, src *rand.PCG, lo int, payees []ledger.AccountID, buf uint64, half bool) (uint64, bool) {
	base, n1, unit := r.members, uint32(r.n-1), r.unit
	for k := range payees {
		i := lo + k
		if b.Balance(base+ledger.AccountID(i)) < unit {
			payees[k] = ledger.NoAccount
			continue
		}
		var x uint32
		if half {
			x, half = uint32(buf>>32), false
		} else {
			buf, half = src.Uint64(), true
			x = uint32(buf)
		}
		m := uint64(x) * uint64(n1)
		if uint32(m) < n1 {
			m, buf, half = reject(src, m, n1, buf, half)
		}
		j := int(m >> 32)
		if j >= i {
			j++
		}
		payees[k] = base + ledger.AccountID(j)
	}
	return buf, half
}

// reject finishes Lemire's method when the first product fell in the low band: it
// draws again (as draw32.next does) while the product is below the threshold.
func reject(src *rand.PCG, m uint64, n uint32, buf uint64, half bool) (uint64, uint64, bool) {
	d := draw32{src: src, buf: buf, half: half}
	threshold := -n % n
	for uint32(m) < threshold {
		m = uint64(d.next()) * uint64(n)
	}
	return m, d.buf, d.half
}

// fractionShard runs worker w's shards of the fraction rule.
func (r *RandomExchange) fractionShard(w int) {
	x := r.workers[w]
	x.err = nil
	for k := r.runs[w]; k < r.runs[w+1]; k++ {
		sim.Seed(&x.src, r.seed, k, r.tick, sim.PurposeExchange)
		if err := r.fractionPairs(k, x); err != nil {
			x.err = err
			return
		}
	}
}

// fractionPairs: for shard k's share of the tick's pairs, each pair pools its tokens,
// each keeps lambda of its own, and the rest is split by a uniform random share epsilon.
func (r *RandomExchange) fractionPairs(k int, s *exchangeWorker) error {
	lo, hi := span(k, r.n, shardBits)
	b := s.batch
	for p := lo &^ 1; p+1 < hi; p += 2 {
		a, c := r.members+ledger.AccountID(r.perm[p]), r.members+ledger.AccountID(r.perm[p+1])
		xa, xc := b.Balance(a), b.Balance(c)
		eps := s.rng.Float64()
		// a's new balance is lambda*xa + eps*(1-lambda)*(xa+xc); the difference moves.
		newA := ledger.Tokens(r.lambda*ledger.Float(xa) + eps*(1-r.lambda)*ledger.Float(xa+xc))
		newA = min(max(newA, 0), xa+xc)
		var err error
		switch d := xa - newA; {
		case d > 0:
			err = b.Transfer(a, c, d, ledger.TxExchange, 0)
		case d < 0:
			err = b.Transfer(c, a, -d, ledger.TxExchange, 0)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Register registers the model's one phase, the exchanges, and its columns: the
// members, the ledger's supply and rejections, and the distribution of holdings. The
// distribution (Gini coefficient and quantiles) is measured on the first tick, every
// random_exchange.measure_every ticks and the clock's last tick; the ticks between
// repeat the last measurement.
func (r *RandomExchange) Register(reg *sim.Registry) {
	reg.Phase(sim.Phase{Name: "random_exchange/exchange", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: r.step})
	members := reg.Count("members", "registered members")
	reg.Measure(func(m *sim.Metrics) { m.Set(members, int64(r.n)) })
	sim.RegisterSupply(reg, r.ledger)
	reg.Measure(func(m *sim.Metrics) {
		t := m.Tick
		r.dist.SetDue(r.every <= 1 || t <= 1 || t%r.every == 0 || t == r.clock.Ticks)
	})
	sim.RegisterHoldings(reg, &r.dist, r)
	sim.RegisterRules(reg, r.ledger)
}

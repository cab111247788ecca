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
// Each tick runs over fixed shards of members in parallel; a payment is debited at
// once and credited when the tick's shards are merged, in shard order.
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
	members ledger.AccountID // account of member 0; members are contiguous
	pool    *sim.Pool
	shards  []*shard
	batches []*ledger.Batch
	tick    int
	stepFn  func(int)
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
		unit:   ledger.Unit, lambda: cfg.Random.SavingPropensity, pool: sim.NewPool(0)}
	r.rng = rand.New(&r.src)
	r.dist.SetPool(r.pool)
	r.ledger.SetRunner(r.pool)
	init := ledger.Tokens(cfg.Random.InitialBalance)
	for i := range r.n {
		a := r.ledger.Open(ledger.KindMember)
		if i == 0 {
			r.members = a
		}
		if init > 0 {
			if err := r.ledger.Issue(a, init, 0, ledger.TxGift, 0); err != nil {
				return nil, err
			}
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
	for range shardsFor(r.n, shardBits) {
		s := newShard(r.ledger)
		r.shards = append(r.shards, s)
		r.batches = append(r.batches, s.batch)
	}
	return r, nil
}

// SetWorkers sets the number of goroutines a tick uses (0: GOMAXPROCS).
func (r *RandomExchange) SetWorkers(n int) {
	r.pool = sim.NewPool(n)
	r.dist.SetPool(r.pool)
	r.ledger.SetRunner(r.pool)
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

// step runs one tick of exchanges.
func (r *RandomExchange) step(t sim.Tick) error {
	if r.n < 2 {
		return nil
	}
	tick := t.N
	r.tick = tick
	if r.perm != nil {
		// Pairs are drawn for the whole economy, then exchanged shard by shard.
		sim.Seed(&r.src, r.seed, 0, tick, sim.PurposeExchange)
		r.rng.Shuffle(r.n, func(i, j int) { r.perm[i], r.perm[j] = r.perm[j], r.perm[i] })
	}
	r.pool.Run(len(r.shards), r.stepFn)
	r.ledger.Apply(r.batches...)
	for _, s := range r.shards {
		if s.err != nil {
			return s.err
		}
	}
	return nil
}

// unitShard: every member of the shard holding at least one token at the start of the
// tick pays one token to a uniformly random other member. Credits arrive after the
// tick, so what a member pays depends only on what it held at the start: every
// balance stays non-negative and the outcome does not depend on order.
func (r *RandomExchange) unitShard(k int) {
	s := r.shards[k]
	s.seed(r.seed, k, r.tick, sim.PurposeExchange)
	lo, hi := span(k, r.n, shardBits)
	b, base, n1 := s.batch, r.members, uint32(r.n-1)
	d := draw32{src: &s.src}
	for i := lo; i < hi; i++ {
		a := base + ledger.AccountID(i)
		if b.Balance(a) < r.unit {
			continue
		}
		j := int(d.below(n1))
		if j >= i {
			j++
		}
		if err := b.Transfer(a, base+ledger.AccountID(j), r.unit, ledger.TxExchange, 0); err != nil {
			s.err = err
			return
		}
	}
}

// fractionShard: for the shard's share of the tick's pairs, each pair pools its tokens,
// each keeps lambda of its own, and the rest is split by a uniform random share epsilon.
func (r *RandomExchange) fractionShard(k int) {
	s := r.shards[k]
	s.seed(r.seed, k, r.tick, sim.PurposeExchange)
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
			s.err = err
			return
		}
	}
}

// Register registers the model's one phase, the exchanges, and its columns: the
// members, the ledger's supply and rejections, and the distribution of holdings.
func (r *RandomExchange) Register(reg *sim.Registry) {
	reg.Phase(sim.Phase{Name: "random_exchange/exchange", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: r.step})
	members := reg.Count("members", "registered members")
	reg.Measure(func(m *sim.Metrics) { m.Set(members, int64(r.n)) })
	sim.RegisterSupply(reg, r.ledger)
	sim.RegisterHoldings(reg, &r.dist, r)
	sim.RegisterRules(reg, r.ledger)
}

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
type RandomExchange struct {
	cfg     Config
	seed    uint64
	clock   sim.Clock
	ledger  *ledger.Ledger
	n       int
	unit    ledger.Amount
	lambda  float64
	payers  []int32 // scratch: members paying this tick
	perm    []int32 // scratch: pairing order
	src     rand.PCG
	rng     *rand.Rand
	dist    sim.Distribution
	members ledger.AccountID // account of member 0; members are contiguous
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
		unit:   ledger.Unit, lambda: cfg.Random.SavingPropensity,
		payers: make([]int32, 0, cfg.Members), perm: make([]int32, cfg.Members)}
	r.rng = rand.New(&r.src)
	init := ledger.Tokens(cfg.Random.InitialBalance)
	for i := range r.n {
		a := r.ledger.Open(ledger.KindMember)
		if i == 0 {
			r.members = a
		}
		if init > 0 {
			if err := r.ledger.Issue(a, init, 0, ledger.TxOther, 0); err != nil {
				return nil, err
			}
		}
		r.perm[i] = int32(i)
	}
	return r, nil
}

// Ledger returns the model's ledger.
func (r *RandomExchange) Ledger() *ledger.Ledger { return r.ledger }

// Clock returns the model's clock.
func (r *RandomExchange) Clock() sim.Clock { return r.clock }

// Sectors returns no sectors: the model has no goods.
func (r *RandomExchange) Sectors() []string { return nil }

// Balance returns member i's holdings.
func (r *RandomExchange) Balance(i int) ledger.Amount {
	return r.ledger.Holdings(r.members + ledger.AccountID(i))
}

// Members returns the number of members.
func (r *RandomExchange) Members() int { return r.n }

// Step runs one tick of exchanges.
func (r *RandomExchange) Step(tick int) error {
	sim.Seed(&r.src, r.seed, 0, tick, sim.PurposeExchange)
	if r.n < 2 {
		return nil
	}
	if r.cfg.Random.Rule == "fraction" {
		return r.stepFraction()
	}
	return r.stepUnit()
}

// stepUnit: every member holding at least one token at the start of the tick pays one
// token to a uniformly random other member. Deciding on the balances at the start of
// the tick keeps every balance non-negative and the outcome independent of order.
func (r *RandomExchange) stepUnit() error {
	l := r.ledger
	r.payers = r.payers[:0]
	for i := range r.n {
		if l.Balance(r.members+ledger.AccountID(i)) >= r.unit {
			r.payers = append(r.payers, int32(i))
		}
	}
	for _, i := range r.payers {
		j := r.rng.IntN(r.n - 1)
		if j >= int(i) {
			j++
		}
		if err := l.Transfer(r.members+ledger.AccountID(i), r.members+ledger.AccountID(j), r.unit, ledger.TxExchange, 0); err != nil {
			return err
		}
	}
	return nil
}

// stepFraction: members are paired at random; each pair pools its tokens, each keeps
// lambda of its own, and the rest is split by a uniform random share epsilon.
func (r *RandomExchange) stepFraction() error {
	l := r.ledger
	r.rng.Shuffle(r.n, func(i, j int) { r.perm[i], r.perm[j] = r.perm[j], r.perm[i] })
	for k := 0; k+1 < r.n; k += 2 {
		a, b := r.members+ledger.AccountID(r.perm[k]), r.members+ledger.AccountID(r.perm[k+1])
		xa, xb := l.Balance(a), l.Balance(b)
		eps := r.rng.Float64()
		// a's new balance is lambda*xa + eps*(1-lambda)*(xa+xb); the difference moves.
		newA := ledger.Tokens((r.lambda*ledger.Float(xa) + eps*(1-r.lambda)*ledger.Float(xa+xb)))
		newA = min(max(newA, 0), xa+xb)
		var err error
		switch d := xa - newA; {
		case d > 0:
			err = l.Transfer(a, b, d, ledger.TxExchange, 0)
		case d < 0:
			err = l.Transfer(b, a, -d, ledger.TxExchange, 0)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Measure fills the tick's metrics.
func (r *RandomExchange) Measure(m *sim.Metrics) {
	m.Members = int64(r.n)
	measureLedger(r.ledger, m, &r.dist, r.n, func(i int) ledger.AccountID { return r.members + ledger.AccountID(i) })
	m.BalanceRatio, m.PriceIndex = 1, 1
}

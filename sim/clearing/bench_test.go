package clearing_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// benchClear clears a RandomNetwork (power-law degrees, log-normal amounts) of m
// obligations among n participants with a warm Solver, as a monthly subsystem would,
// and reports the phases and the share cleared.
func benchClear(b *testing.B, n, m int, liq ledger.Amount) {
	net := clearing.RandomNetwork(rand.New(rand.NewPCG(1, 2)), n, m)
	var s clearing.Solver
	var res clearing.Result
	opts := &clearing.Options{Liquidity: liq}
	if err := s.Clear(net, opts, &res); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Clear(net, opts, &res); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Phases()), "phases")
	b.ReportMetric(float64(res.Cleared)/float64(res.TotalDebt), "cleared/total")
}

// BenchmarkClear300k is the first figure: 300,000 obligations among 40,000
// participants (goal: at most 2 s on one core).
func BenchmarkClear300k(b *testing.B) { benchClear(b, 40_000, 300_000, 0) }

// BenchmarkClear1M is the second: 1,000,000 obligations among 133,000 participants
// (the same mean degree, 7.5 obligations owed per participant; goal: at most 30 s).
func BenchmarkClear1M(b *testing.B) {
	if testing.Short() {
		b.Skip("-short")
	}
	benchClear(b, 133_000, 1_000_000, 0)
}

// BenchmarkClear300kFund clears the 300,000 obligations with a fund that may lend a
// million tokens, about 1% of their total (91.7 million).
func BenchmarkClear300kFund(b *testing.B) { benchClear(b, 40_000, 300_000, 1_000_000*ledger.Unit) }

// BenchmarkClear30k is a month of a small economy.
func BenchmarkClear30k(b *testing.B) { benchClear(b, 4_000, 30_000, 0) }

// BenchmarkClearRing30k is the solver's hard case: 30,000 participants in a ring, each
// owing the next two a random amount up to 1000 (60,000 obligations; no participant
// has a single debt and claim, so no chain contracts). The flow from net debtors to net
// creditors travels far round the ring, so the phases grow with it (about 1,600 here,
// against a dozen on RandomNetwork's power-law graphs) and the time about as n^1.5.
func BenchmarkClearRing30k(b *testing.B) {
	const n = 30_000
	r := rand.New(rand.NewPCG(1, 1))
	net := &clearing.Network{Participants: n}
	for i := range n {
		for _, step := range []int{1, 2} {
			net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: int32(i), Creditor: int32((i + step) % n), Amount: 1 + r.Int64N(1000)})
		}
	}
	var s clearing.Solver
	var res clearing.Result
	for b.Loop() {
		if err := s.Clear(net, nil, &res); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Phases()), "phases")
}

// BenchmarkClearChain100k is a ring of 100,000 obligations, each participant owing the
// next: chain contraction makes it one cycle, set off by its smallest amount.
func BenchmarkClearChain100k(b *testing.B) {
	const n = 100_000
	r := rand.New(rand.NewPCG(1, 1))
	net := &clearing.Network{Participants: n}
	for i := range n {
		net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: int32(i), Creditor: int32((i + 1) % n), Amount: 1 + r.Int64N(1000)})
	}
	var s clearing.Solver
	var res clearing.Result
	for b.Loop() {
		if err := s.Clear(net, nil, &res); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Phases()), "phases")
}

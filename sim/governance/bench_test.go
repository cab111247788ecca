package governance_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// benchElectorate: n voters, a share of them delegating to a voter drawn uniformly
// (a random graph, cycles included), the rest voting yes or no in person.
func benchElectorate(n int, delegating float64, seed uint64) *governance.Electorate {
	rng := rand.New(rand.NewPCG(seed, 30))
	e := &governance.Electorate{Direct: make([]governance.Choice, n), Delegate: make([]int32, n)}
	for i := range n {
		e.Delegate[i] = -1
		if rng.Float64() < delegating {
			e.Direct[i] = governance.NoVote
			e.Delegate[i] = int32(rng.IntN(n))
		} else {
			e.Direct[i] = governance.Choice(rng.IntN(2))
		}
	}
	return e
}

// withPrograms adds the four programs, groups, areas and fallbacks: a tenth of the
// direct voters switch to a program.
func withPrograms(e *governance.Electorate, seed uint64) {
	n := len(e.Direct)
	rng := rand.New(rand.NewPCG(seed, 31))
	e.Programs = []governance.Program{governance.Abstainer{}, governance.CostUnder{Limit: ledger.Tokens(100)},
		governance.MostReputed{Area: 3}, governance.CoopMajority{}}
	e.Program = make([]uint8, n)
	e.Fallback = make([]governance.Choice, n)
	e.Group = make([]int32, n)
	e.Area = make([]int32, n)
	e.Reputation = make([]float64, n)
	for i := range n {
		if e.Direct[i] >= 0 && rng.IntN(10) == 0 {
			e.Direct[i] = governance.NoVote
			e.Program[i] = uint8(1 + rng.IntN(4))
		}
		e.Fallback[i] = governance.Choice(rng.IntN(2))
		e.Group[i] = int32(i / 50)
		e.Area[i] = int32(rng.IntN(20))
		e.Reputation[i] = rng.Float64()
	}
}

// TestNoAllocWarm: a warm resolution allocates nothing, with every feature on (the cap
// binding, fallbacks, all four programs, co-op majorities).
func TestNoAllocWarm(t *testing.T) {
	e := benchElectorate(20000, 0.3, 1)
	withPrograms(e, 1)
	r := governance.Resolver{Cap: 3}
	p := governance.Proposal{Options: 2, Cost: ledger.Tokens(50)}
	res, err := r.Resolve(e, p)
	if err != nil {
		t.Fatal(err)
	}
	checkBalance(t, res)
	if res.Fallbacks == 0 || res.LostCycles == 0 || res.MaxWeight != 3 {
		t.Fatalf("the cap or the cycles did not bind: %+v", res.Stats)
	}
	if a := testing.AllocsPerRun(20, func() { _, _ = r.Resolve(e, p) }); a != 0 {
		t.Errorf("warm Resolve: %v allocations per run, want 0", a)
	}
}

// BenchmarkResolve resolves one vote of 1,000,000 voters, 30% delegating to a random
// voter; "programs" adds the four programs, fallbacks and a cap of 100; 10M is the
// plain case at 10,000,000 voters.
func BenchmarkResolve(b *testing.B) {
	const n = 1_000_000
	for _, tc := range []struct {
		name     string
		programs bool
		cap      int64
		n        int
	}{{"1M_30pct", false, 0, n}, {"1M_30pct_programs_cap100", true, 100, n}, {"10M_30pct", false, 0, 10 * n}} {
		b.Run(tc.name, func(b *testing.B) {
			// Built here, so only the sub-benchmarks asked for are built; b.Loop
			// starts the clock after it and after the warm-up resolution.
			e := benchElectorate(tc.n, 0.3, 7)
			if tc.programs {
				withPrograms(e, 7)
			}
			r := governance.Resolver{Cap: tc.cap}
			p := governance.Proposal{Options: 2, Cost: ledger.Tokens(50)}
			if _, err := r.Resolve(e, p); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Resolve(e, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package governance_test

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// reference resolves a vote the straightforward way, independently of the Resolver:
// per voter, walk its chain with a visited set; group the voters by where their chain
// ends; cap each tree by sorting its members; compute the programs' choices by hand
// (it knows the four programs by type). Quadratic in places, and meant to be.
func reference(e *governance.Electorate, p governance.Proposal, capw int64) (w []int32, ch []governance.Choice, next []int32, fate []governance.Fate, s governance.Stats) {
	n := len(e.Direct)
	const (
		edge = iota
		direct
		none // abstains or takes no part
		prog
	)
	act := make([]int, n)
	next = make([]int32, n)
	for i := range n {
		next[i] = -1
		d := e.Direct[i]
		if d >= 0 {
			act[i] = direct
			s.Direct++
			continue
		}
		if d == governance.Abstain {
			act[i] = none
			continue
		}
		if e.Delegate != nil && e.Delegate[i] >= 0 {
			act[i], next[i] = edge, e.Delegate[i]
			s.Delegated++
			continue
		}
		if e.Program == nil || e.Program[i] == 0 {
			act[i] = none
			continue
		}
		s.Delegated++
		act[i] = prog
		if mr, ok := e.Programs[e.Program[i]-1].(governance.MostReputed); ok {
			best := -1
			for j := range n {
				if j != i && e.Area[j] == mr.Area && (best < 0 || e.Reputation[j] > e.Reputation[best]) {
					best = j
				}
			}
			if best >= 0 {
				act[i], next[i] = edge, int32(best)
			}
		}
	}
	// Walk every chain.
	term := make([]int, n) // -1 cycle, -2 lost to the cap
	hops := make([]int, n)
	for i := range n {
		seen := map[int]bool{}
		j, h := i, 0
		for act[j] == edge {
			if seen[j] {
				j = -1
				break
			}
			seen[j] = true
			j = int(next[j])
			h++
		}
		term[i], hops[i] = j, h
	}
	// The cap.
	kindFallback := make([]bool, n)
	if capw > 0 {
		trees := map[int][]int{}
		for i := range n {
			if t := term[i]; t >= 0 && act[t] != none {
				trees[t] = append(trees[t], i)
			}
		}
		for _, m := range trees {
			if int64(len(m)) <= capw {
				continue
			}
			sort.Slice(m, func(a, b int) bool {
				if hops[m[a]] != hops[m[b]] {
					return hops[m[a]] < hops[m[b]]
				}
				return m[a] < m[b]
			})
			for _, v := range m[capw:] {
				if e.Fallback != nil && e.Fallback[v] >= 0 {
					term[v], hops[v], kindFallback[v] = v, 0, true
				} else {
					term[v] = -2
				}
			}
		}
	}
	// Terminal choices, co-op majorities for CoopMajority.
	ch = make([]governance.Choice, n)
	isLate := func(t int) bool {
		if act[t] != prog || kindFallback[t] {
			return false
		}
		_, ok := e.Programs[e.Program[t]-1].(governance.CoopMajority)
		return ok
	}
	choose := func(t int) governance.Choice {
		switch {
		case kindFallback[t]:
			return e.Fallback[t]
		case act[t] == direct:
			return e.Direct[t]
		case act[t] == none:
			return governance.Abstain
		}
		switch q := e.Programs[e.Program[t]-1].(type) {
		case governance.CostUnder:
			if p.Cost < q.Limit {
				return governance.Yes
			}
			return governance.No
		}
		return governance.Abstain // Abstainer, MostReputed with nobody to follow
	}
	tallies := map[int32]map[governance.Choice]int{}
	for i := range n {
		if t := term[i]; t >= 0 && !isLate(t) && e.Group != nil && e.Group[i] >= 0 {
			if c := choose(t); c >= 0 {
				if tallies[e.Group[i]] == nil {
					tallies[e.Group[i]] = map[governance.Choice]int{}
				}
				tallies[e.Group[i]][c]++
			}
		}
	}
	final := func(t int) governance.Choice {
		if !isLate(t) {
			return choose(t)
		}
		if e.Group == nil || e.Group[t] < 0 {
			return governance.Abstain
		}
		best, top, count := governance.Abstain, 0, 0
		for c, m := range tallies[e.Group[t]] {
			if m > top {
				best, top, count = c, m, 1
			} else if m == top {
				count++
			}
		}
		if count != 1 {
			return governance.Abstain
		}
		return best
	}
	// Fates, weights, stats.
	w = make([]int32, n)
	fate = make([]governance.Fate, n)
	s.Eligible = int64(n)
	s.Totals = make([]int64, p.Options)
	s.DirectTotals = make([]int64, p.Options)
	var chains int64
	for i := range n {
		if e.Direct[i] >= 0 {
			s.DirectTotals[e.Direct[i]]++
		}
		t := term[i]
		ch[i] = governance.NoVote
		switch {
		case t == -1:
			fate[i] = governance.LostCycle
			s.LostCycles++
		case t == -2:
			fate[i] = governance.LostCap
			s.LostCap++
			s.LostOther++
		case final(t) < 0 && t == i:
			fate[i] = governance.Abstained
			s.Abstained++
		case final(t) < 0:
			fate[i] = governance.LostDangling
			s.LostOther++
		default:
			ch[i] = final(t)
			w[t]++
			s.Cast++
			s.Totals[ch[i]]++
			if t == i {
				fate[i] = governance.Cast
				if kindFallback[i] {
					s.Fallbacks++
				}
			} else {
				fate[i] = governance.Carried
				chains += int64(hops[i])
				s.MaxChain = max(s.MaxChain, int64(hops[i]))
			}
		}
	}
	var casters []int64
	for _, x := range w {
		if x > 0 {
			casters = append(casters, int64(x))
			s.MaxWeight = max(s.MaxWeight, int64(x))
		}
	}
	s.Casters = int64(len(casters))
	if carried := s.Cast - s.Casters; carried > 0 {
		s.MeanChain = float64(chains) / float64(carried)
	}
	// Gini as the mean absolute difference over all ordered pairs / (2 mean).
	if len(casters) > 0 {
		var diff int64
		for _, a := range casters {
			for _, b := range casters {
				diff += max(a-b, b-a)
			}
		}
		m := float64(len(casters))
		s.GiniPower = float64(diff) / (m * m) / (2 * float64(s.Cast) / m)
	}
	s.Outcome = plain(s.Totals)
	s.DirectOutcome = plain(s.DirectTotals)
	return w, ch, next, fate, s
}

// plain is the plurality: the unique option with the most weight.
func plain(t []int64) governance.Choice {
	best := governance.NoDecision
	for c := range t {
		unique := t[c] > 0
		for d := range t {
			if d != c && t[d] >= t[c] {
				unique = false
			}
		}
		if unique {
			best = governance.Choice(c)
		}
	}
	return best
}

// randomElectorate draws an electorate with every feature on: direct votes (some
// overriding a delegation), abstentions, person delegations (often into cycles),
// programs of all four kinds, fallbacks, groups, areas with tied reputations.
func randomElectorate(rng *rand.Rand, n, k int) (*governance.Electorate, governance.Proposal) {
	e := &governance.Electorate{
		Direct:     make([]governance.Choice, n),
		Delegate:   make([]int32, n),
		Program:    make([]uint8, n),
		Fallback:   make([]governance.Choice, n),
		Group:      make([]int32, n),
		Area:       make([]int32, n),
		Reputation: make([]float64, n),
		Programs: []governance.Program{governance.Abstainer{}, governance.CostUnder{Limit: ledger.Tokens(10)},
			governance.MostReputed{Area: 0}, governance.MostReputed{Area: 1}, governance.CoopMajority{},
			governance.MostReputed{Area: 7}},
	}
	pDirect, pDelegate, pProgram := rng.Float64(), rng.Float64(), rng.Float64()
	for i := range n {
		e.Direct[i] = governance.NoVote
		if u := rng.Float64(); u < pDirect*0.6 {
			e.Direct[i] = governance.Choice(rng.IntN(k))
		} else if u < pDirect*0.7 {
			e.Direct[i] = governance.Abstain
		}
		e.Delegate[i] = -1
		if rng.Float64() < pDelegate {
			e.Delegate[i] = int32(rng.IntN(n)) // self-delegations included: cycles of one
		}
		if rng.Float64() < pProgram {
			e.Program[i] = uint8(1 + rng.IntN(len(e.Programs)))
		}
		e.Fallback[i] = governance.NoVote
		if rng.IntN(2) == 0 {
			e.Fallback[i] = governance.Choice(rng.IntN(k))
		}
		e.Group[i] = int32(rng.IntN(4)) - 1
		e.Area[i] = int32(rng.IntN(3)) - 1
		e.Reputation[i] = float64(rng.IntN(4)) // ties on purpose
	}
	if rng.IntN(4) == 0 {
		e.Fallback = nil
	}
	return e, governance.Proposal{Options: k, Cost: ledger.Tokens(float64(rng.IntN(20)))}
}

// TestAgainstReference: thousands of random electorates, each resolved with one of
// several caps by the same (reused) Resolver and by the reference, must agree exactly
// on every per-voter array and every statistic. The Gini is compared within 1e-12:
// the two formulas (histogram ranks, pairwise differences) round differently, each
// within a few ulps of a value ≤ 1.
func TestAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	var r governance.Resolver
	graphs := 4000
	if testing.Short() {
		graphs = 500
	}
	var seen governance.Stats // sums, to show every feature was exercised
	var lateCast int64
	for g := range graphs {
		n := 1 + rng.IntN(60)
		k := 2 + rng.IntN(2)
		e, p := randomElectorate(rng, n, k)
		r.Cap = []int64{0, 1, 2, 3, 5, 1000}[rng.IntN(6)]
		res, err := r.Resolve(e, p)
		if err != nil {
			t.Fatalf("graph %d: %v", g, err)
		}
		checkBalance(t, res)
		w, ch, next, fate, s := reference(e, p, r.Cap)
		got := res.Stats
		if d := got.GiniPower - s.GiniPower; d > 1e-12 || d < -1e-12 {
			t.Fatalf("graph %d: gini = %v, reference %v", g, got.GiniPower, s.GiniPower)
		}
		got.GiniPower = s.GiniPower
		if !reflect.DeepEqual(got, s) || !reflect.DeepEqual(res.Weight, w) || !reflect.DeepEqual(res.Choice, ch) ||
			!reflect.DeepEqual(res.Next, next) || !reflect.DeepEqual(res.Fate, fate) {
			t.Fatalf("graph %d (n %d, cap %d):\nstats %+v\nref   %+v\nweight %v\nref    %v\nchoice %v\nref    %v\nnext %v\nref  %v\nfate %v\nref  %v",
				g, n, r.Cap, got, s, res.Weight, w, res.Choice, ch, res.Next, next, res.Fate, fate)
		}
		seen.LostCycles += s.LostCycles
		seen.LostCap += s.LostCap
		seen.Fallbacks += s.Fallbacks
		seen.LostOther += s.LostOther - s.LostCap
		seen.MaxChain = max(seen.MaxChain, s.MaxChain)
		for i, f := range fate {
			if f == governance.Cast && e.Direct[i] == governance.NoVote && e.Program[i] == 5 && e.Delegate[i] < 0 {
				lateCast++
			}
		}
	}
	if seen.LostCycles == 0 || seen.LostCap == 0 || seen.Fallbacks == 0 || seen.LostOther == 0 || seen.MaxChain < 4 || lateCast == 0 {
		t.Errorf("a feature went unexercised: %+v, co-op majorities cast %d", seen, lateCast)
	}
	t.Logf("over %d graphs: lost in cycles %d, to the cap %d, dangling %d; fallbacks %d; longest chain %d; co-op majority casts %d",
		graphs, seen.LostCycles, seen.LostCap, seen.LostOther, seen.Fallbacks, seen.MaxChain, lateCast)
}

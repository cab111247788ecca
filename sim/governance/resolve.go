package governance

import "fmt"

// Fate is what became of one voter's own vote.
type Fate uint8

const (
	// Cast: the voter casts its vote (and any carried ones) itself.
	Cast Fate = iota
	// Carried: the vote is cast by the voter at the end of its delegation chain.
	Carried
	// Abstained: the voter abstains in person, takes no part, or its program (or the
	// program its chain ends in for a voter that delegated nothing) makes no choice.
	Abstained
	// LostCycle: the voter's chain runs into a delegation cycle (in it or leading to it).
	LostCycle
	// LostDangling: the chain ends in a voter who casts nothing (abstains, takes no
	// part, or whose program makes no choice).
	LostDangling
	// LostCap: the cap refused the vote and the voter has no fallback.
	LostCap
)

// Stats are one vote's figures. Cast + Abstained + LostCycles + LostOther = Eligible,
// exactly (each voter's own vote is counted once, by its Fate).
type Stats struct {
	Eligible int64 // voters
	// Direct is the number of voters who vote an option in person.
	Direct int64
	// Delegated is the number of voters who delegate (to a person or a program, with no
	// direct vote or abstention overriding it), whatever became of the vote.
	Delegated int64
	// Cast is the total weight cast: the votes counted in the outcome.
	Cast int64
	// Abstained counts the voters' own votes not cast by their choice (Fate Abstained).
	Abstained int64
	// LostCycles counts votes caught in cycles or in chains that end in one.
	LostCycles int64
	// LostOther counts the other lost votes: chains ending in a voter who casts
	// nothing, and votes refused by the cap with no fallback (LostCap, included here).
	LostOther int64
	// LostCap counts the votes refused by the cap with no fallback (part of LostOther).
	LostCap int64
	// Fallbacks counts the delegators refused by the cap who cast their fallback.
	Fallbacks int64
	// Casters is the number of voters casting weight > 0.
	Casters int64
	// MaxWeight is the largest weight one voter casts (0 when nothing is cast).
	MaxWeight int64
	// GiniPower is the Gini coefficient of the weights over the Casters (0 with none).
	GiniPower float64
	// MeanChain and MaxChain are over the carried votes: the number of delegation
	// hops (to a person, or computed by a program) from the voter to the one who casts
	// it. 0 when no vote is carried.
	MeanChain float64
	MaxChain  int64
	// Outcome is the option with the most weight, NoDecision on a tie at the top or
	// when nothing is cast. DirectOutcome is the same over the direct voters alone,
	// one vote each.
	Outcome       Choice
	DirectOutcome Choice
	// Totals and DirectTotals are the weights per option (length Options).
	Totals       []int64
	DirectTotals []int64
}

// Turnout is the share of the eligible votes that were cast (0 for no voters).
func (s *Stats) Turnout() float64 {
	if s.Eligible == 0 {
		return 0
	}
	return float64(s.Cast) / float64(s.Eligible)
}

// Result is a resolved vote. Its slices belong to the Resolver and are overwritten
// by its next Resolve.
type Result struct {
	Stats
	// Weight is the voting power each voter finally casts: 0 for those who delegated,
	// abstained or were lost.
	Weight []int32
	// Choice is the option each voter's own vote went to (NoVote when not cast).
	Choice []Choice
	// Next is the person each voter's vote was handed to: its delegate, or the one its
	// program named; -1 for a direct vote, an abstention or a program that votes.
	Next []int32
	// Fate is what became of each voter's own vote.
	Fate []Fate
}

// terminal kinds and walk marks.
const (
	kEdge uint8 = iota
	kDirect
	kAbstain // in person, or taking no part
	kProgram
	kLate
	kFallback
)

const (
	tCycle     int32 = -2
	tCapLost   int32 = -3
	tOnPath    int32 = -4
	tUnvisited int32 = -5
)

// Resolver resolves votes. It holds its scratch, so that repeated votes over
// electorates of the same size allocate nothing after the first. The zero value is
// ready to use; Cap may be set between votes. A Resolver is not safe for concurrent
// use.
type Resolver struct {
	// Cap bounds the weight one voter casts (0: no cap; otherwise ≥ 1). A voter casting
	// keeps itself and the Cap-1 voters of its delegation tree nearest to it (fewest
	// hops, then lowest index); every other voter of the tree casts its Fallback with
	// weight 1, or is lost without one. The kept voters always include the parents of
	// the kept ones, so every kept chain is whole.
	Cap int64

	round  Round
	res    Result
	kind   []uint8
	term   []int32
	depth  []int32
	stack  []int32
	count  []int32
	tally  []int32
	best   []int32
	second []int32
	totals []int64
	direct []int64
}

// Resolve resolves one vote: it follows every delegation to the voter who casts it,
// applies the cap, lets the programs choose, and counts. The work is linear in the
// voters (plus the longest chain and the largest weight). Bad input (an index out of
// range, arrays of different lengths) is an error naming the voter and field.
func (r *Resolver) Resolve(e *Electorate, p Proposal) (*Result, error) {
	groups, areas, err := e.validate(p.Options)
	if err != nil {
		return nil, err
	}
	if r.Cap < 0 {
		return nil, fmt.Errorf("cap %d: want 0 (none) or at least 1", r.Cap)
	}
	n := len(e.Direct)
	k := p.Options
	r.round = Round{e: e, p: p, r: r, nGroups: groups, nAreas: areas, nOptions: k}
	r.kind = grow(r.kind, n)
	r.term = grow(r.term, n)
	r.depth = grow(r.depth, n)
	r.stack = grow(r.stack, n)[:0]
	res := &r.res
	res.Weight = grow(res.Weight, n)
	res.Choice = grow(res.Choice, n)
	res.Next = grow(res.Next, n)
	res.Fate = grow(res.Fate, n)
	r.totals = grow(r.totals, k)
	r.direct = grow(r.direct, k)
	clear(r.totals)
	clear(r.direct)
	res.Stats = Stats{Eligible: int64(n), Totals: r.totals, DirectTotals: r.direct}
	st := &res.Stats

	// 1. Each voter's act: an edge to the next voter, or a terminal.
	kind, next, term, depth := r.kind, res.Next, r.term, r.depth
	// A terminal is resolved at once (itself, 0 hops); an edge waits for the walk.
	late := false
	for i, d := range e.Direct {
		term[i], depth[i] = int32(i), 0
		next[i] = -1
		switch {
		case d >= 0:
			kind[i] = kDirect
			st.Direct++
			r.direct[d]++
			continue
		case d == Abstain:
			kind[i] = kAbstain
			continue
		}
		if e.Delegate != nil && e.Delegate[i] >= 0 {
			kind[i], next[i], term[i] = kEdge, e.Delegate[i], tUnvisited
			st.Delegated++
			continue
		}
		if e.Program == nil || e.Program[i] == 0 {
			kind[i] = kAbstain
			continue
		}
		st.Delegated++
		pr := e.Programs[e.Program[i]-1]
		if j := pr.Delegate(&r.round, int32(i)); j >= 0 {
			if int(j) >= n {
				return nil, fmt.Errorf("voter %d: program %d delegated to voter %d, out of range 0..%d", i, e.Program[i], j, n-1)
			}
			kind[i], next[i], term[i] = kEdge, j, tUnvisited
			continue
		}
		if pr.Late() {
			kind[i] = kLate
			late = true
		} else {
			kind[i] = kProgram
		}
	}

	// 2. Follow the chains, without recursion: walk from each unvisited voter, marking
	// the path, until a resolved voter (a terminal is resolved to itself) or the path
	// itself (a cycle); then give every voter on the path its terminal and hop count.
	// Each voter is pushed once.
	var maxDepth int32
	for i := range n {
		if term[i] != tUnvisited {
			continue
		}
		stack := r.stack[:0]
		j := int32(i)
		var t, d int32
		for {
			if tj := term[j]; tj != tUnvisited {
				if tj == tOnPath {
					t = tCycle
				} else {
					t, d = tj, depth[j]
				}
				break
			}
			term[j] = tOnPath
			stack = append(stack, j)
			j = next[j]
		}
		for s := len(stack) - 1; s >= 0; s-- {
			v := stack[s]
			term[v] = t
			if t >= 0 {
				d++
				depth[v] = d
			}
		}
		maxDepth = max(maxDepth, d)
	}

	// 3. Weights: each terminal casts itself plus the chains that end in it.
	w := res.Weight
	clear(w)
	for _, t := range term {
		if t >= 0 {
			w[t]++
		}
	}

	// 4. The cap (see Resolver.Cap).
	if r.Cap > 0 {
		r.applyCap(e, maxDepth)
	}

	// 5. Choices: terminals first, then every voter's vote goes where its terminal's does;
	// late programs after the tallies of everything else.
	ch := res.Choice
	const pending Choice = -100
	for i := range n {
		switch kind[i] {
		case kDirect:
			ch[i] = e.Direct[i]
		case kFallback:
			ch[i] = e.Fallback[i]
		case kProgram:
			c := e.Programs[e.Program[i]-1].Choose(&r.round, int32(i))
			if c >= Choice(k) || c < Abstain {
				return nil, fmt.Errorf("voter %d: program %d chose %d, not an option or abstain", i, e.Program[i], c)
			}
			ch[i] = c
		case kLate:
			ch[i] = pending
		case kAbstain:
			ch[i] = Abstain
		}
	}
	for i, t := range term {
		if t >= 0 && t != int32(i) {
			ch[i] = ch[t]
		}
	}
	if late {
		if err := r.lateChoices(e); err != nil {
			return nil, err
		}
	}

	// 6. Count each voter's own vote by its fate.
	var chainSum int64
	for i, t := range term {
		switch {
		case t == tCycle:
			res.Fate[i] = LostCycle
			st.LostCycles++
			ch[i] = NoVote
		case t == tCapLost:
			res.Fate[i] = LostCap
			st.LostCap++
			ch[i] = NoVote
		case ch[i] < 0:
			if t == int32(i) {
				res.Fate[i] = Abstained
				st.Abstained++
			} else {
				res.Fate[i] = LostDangling
			}
			ch[i] = NoVote
			w[i] = 0
		case t == int32(i):
			res.Fate[i] = Cast
			if kind[i] == kFallback {
				st.Fallbacks++
			}
			wi := int64(w[i])
			st.Casters++
			st.Cast += wi
			st.MaxWeight = max(st.MaxWeight, wi)
			r.totals[ch[i]] += wi
		default:
			res.Fate[i] = Carried
			chainSum += int64(depth[i])
			st.MaxChain = max(st.MaxChain, int64(depth[i]))
		}
	}
	st.LostOther = st.Eligible - st.Cast - st.Abstained - st.LostCycles
	if carried := st.Cast - st.Casters; carried > 0 {
		st.MeanChain = float64(chainSum) / float64(carried)
	}
	st.Outcome = plurality(r.totals)
	st.DirectOutcome = plurality(r.direct)
	st.GiniPower = r.gini(w, st.Casters, st.Cast, st.MaxWeight)
	return res, nil
}

// applyCap keeps, for each terminal casting more than the cap, its Cap nearest voters:
// the voters of the over-cap trees are visited by hop count then index (a stable
// counting sort on depth), and each is kept while its terminal has room.
func (r *Resolver) applyCap(e *Electorate, maxDepth int32) {
	w, term, depth, kind := r.res.Weight, r.term, r.depth, r.kind
	capw := r.Cap
	over := false
	for i, t := range term {
		if t == int32(i) && int64(w[i]) > capw && kind[i] != kAbstain {
			over = true
			break
		}
	}
	if !over {
		return
	}
	cnt := grow(r.count, int(maxDepth)+2)
	r.count = cnt
	clear(cnt)
	inOver := func(t int32) bool { return t >= 0 && int64(w[t]) > capw && kind[t] != kAbstain }
	for i, t := range term {
		if inOver(t) {
			cnt[depth[i]+1]++
		}
	}
	for d := 1; d < len(cnt); d++ {
		cnt[d] += cnt[d-1]
	}
	order := r.stack[:cnt[len(cnt)-1]]
	for i, t := range term {
		if inOver(t) {
			order[cnt[depth[i]]] = int32(i)
			cnt[depth[i]]++
		}
	}
	// Depth-0 entries (the terminals) come first: reset their weight, then recount.
	for _, v := range order {
		if depth[v] != 0 {
			break
		}
		w[v] = 0
	}
	for _, v := range order {
		t := term[v]
		if int64(w[t]) < capw {
			w[t]++
			continue
		}
		if e.Fallback != nil && e.Fallback[v] >= 0 {
			term[v], depth[v], kind[v], w[v] = v, 0, kFallback, 1
		} else {
			term[v] = tCapLost
		}
	}
}

// lateChoices tallies, per group, the resolved votes not ending in a late program,
// then lets the late programs choose and passes their choices down their chains.
func (r *Resolver) lateChoices(e *Electorate) error {
	const pending Choice = -100
	k := r.round.nOptions
	ng := r.round.nGroups
	r.tally = grow(r.tally, ng*k)
	clear(r.tally)
	ch, term := r.res.Choice, r.term
	if e.Group != nil {
		for i, g := range e.Group {
			if g >= 0 && term[i] >= 0 && ch[i] >= 0 {
				r.tally[int(g)*k+int(ch[i])]++
			}
		}
	}
	r.round.tallied = true
	for i := range term {
		if r.kind[i] == kLate && term[i] == int32(i) {
			c := e.Programs[e.Program[i]-1].Choose(&r.round, int32(i))
			if c >= Choice(k) || c < Abstain {
				return fmt.Errorf("voter %d: program %d chose %d, not an option or abstain", i, e.Program[i], c)
			}
			ch[i] = c
		}
	}
	r.round.tallied = false
	for i, t := range term {
		if t >= 0 && ch[i] == pending {
			ch[i] = ch[t]
		}
	}
	return nil
}

// plurality returns the option with the strictly largest total, or NoDecision.
func plurality(totals []int64) Choice {
	best, top, tie := NoDecision, int64(0), false
	for c, t := range totals {
		switch {
		case t > top:
			best, top, tie = Choice(c), t, false
		case t == top && t > 0:
			tie = true
		}
	}
	if tie {
		return NoDecision
	}
	return best
}

// gini is the Gini coefficient of the positive weights, from their histogram:
// G = 2 Σ_r r·x_(r) / (n Σx) - (n+1)/n over the ascending order x_(1..n). With
// n ≤ V < 2^31 and Σx ≤ V, Σ r·x_(r) ≤ n·Σx < 2^62: exact in int64.
func (r *Resolver) gini(w []int32, n, sum, maxW int64) float64 {
	if n == 0 {
		return 0
	}
	hist := grow(r.count, int(maxW)+1)
	r.count = hist
	clear(hist)
	for _, x := range w {
		if x > 0 {
			hist[x]++
		}
	}
	var rank, acc int64 // acc = Σ r·x_(r)
	for x, c := range hist {
		if c == 0 {
			continue
		}
		cc := int64(c)
		// ranks rank+1 .. rank+cc, each with value x
		acc += int64(x) * (cc*rank + cc*(cc+1)/2)
		rank += cc
	}
	// One division of exact integers: (2 Σ r·x - (n+1) Σx) / (n Σx), with
	// 2 Σ r·x < 2^63 and (n+1) Σx ≤ 2^62 by the bounds above; the numerator is ≥ 0.
	return float64(2*acc-(n+1)*sum) / float64(n*sum)
}

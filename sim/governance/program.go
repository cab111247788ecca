package governance

import "github.com/copex/copex/sim/ledger"

// Program is an automated voting program a voter delegates its vote to. A scenario
// chooses the programs once; the resolver calls them through this interface, never by
// name.
//
// For each voter i that uses it, the resolver first calls Delegate: a program may hand
// i's vote to another voter (a person delegation computed at resolution, followed
// transitively like any other). If it returns -1 the program votes for i itself: Choose
// gives the option (or Abstain), and i casts the weight of everyone whose chain ends in
// it. A program naming i itself makes a cycle of one: the vote is lost.
type Program interface {
	// Delegate returns the voter that i's vote goes to, or -1 when the program votes.
	Delegate(r *Round, i int32) int32
	// Choose returns the option the program casts for voter i, or Abstain.
	Choose(r *Round, i int32) Choice
	// Late reports whether Choose reads the co-op majorities (Round.Majority). Late
	// programs choose after every other vote is resolved, and the votes that end in a
	// late program are left out of the majorities, so the order is acyclic.
	Late() bool
}

// Round is what a program may read during one resolution: the proposal, the voters'
// groups and areas, and (for late programs) the co-op majorities.
type Round struct {
	e        *Electorate
	p        Proposal
	r        *Resolver
	leaders  bool // best/second computed for this round
	tallied  bool // tallies ready for late programs
	nGroups  int
	nAreas   int
	nOptions int
}

// Proposal is the subject of one vote.
type Proposal struct {
	// Options is the number of options k (2 for yes/no).
	Options int
	// Cost is what the proposal would spend, read by CostUnder.
	Cost ledger.Amount
}

// Cost is the proposal's cost.
func (r *Round) Cost() ledger.Amount { return r.p.Cost }

// Options is the number of options of the vote.
func (r *Round) Options() int { return r.nOptions }

// Group is voter i's co-op, or -1.
func (r *Round) Group(i int32) int32 {
	if r.e.Group == nil {
		return -1
	}
	return r.e.Group[i]
}

// Area is voter i's area, or -1.
func (r *Round) Area(i int32) int32 {
	if r.e.Area == nil {
		return -1
	}
	return r.e.Area[i]
}

// MostReputed returns the voter of area a with the highest reputation other than
// except (ties: the lowest index), or -1 when there is none. The first call in a round
// finds every area's two leaders in one pass over the voters.
func (r *Round) MostReputed(a, except int32) int32 {
	if a < 0 || int(a) >= r.nAreas {
		return -1
	}
	if !r.leaders {
		r.findLeaders()
	}
	if b := r.r.best[a]; b != except {
		return b
	}
	return r.r.second[a]
}

func (r *Round) findLeaders() {
	rs := r.r
	rs.best = grow(rs.best, r.nAreas)
	rs.second = grow(rs.second, r.nAreas)
	for a := range r.nAreas {
		rs.best[a], rs.second[a] = -1, -1
	}
	rep := r.e.Reputation
	for i, a := range r.e.Area {
		if a < 0 {
			continue
		}
		// Voters come in index order, so a strict > keeps the lowest index on ties.
		b, c := rs.best[a], rs.second[a]
		if b < 0 || rep[i] > rep[b] {
			rs.second[a], rs.best[a] = b, int32(i)
		} else if c < 0 || rep[i] > rep[c] {
			rs.second[a] = int32(i)
		}
	}
	r.leaders = true
}

// Majority returns the plurality option among the resolved votes of group g's members,
// one member one vote, counting every member whose vote is cast (directly, through
// person delegations, through early programs, or as a cap fallback) and no member whose
// vote ends in a late program; Abstain on a tie or when none is cast. Only late
// programs may call it, from Choose.
func (r *Round) Majority(g int32) Choice {
	if !r.tallied {
		panic("governance: Round.Majority called outside a late program's Choose")
	}
	if g < 0 || int(g) >= r.nGroups {
		return Abstain
	}
	k := r.nOptions
	row := r.r.tally[int(g)*k : int(g)*k+k]
	best, top, tie := Abstain, int32(0), false
	for c, n := range row {
		switch {
		case n > top:
			best, top, tie = Choice(c), n, false
		case n == top && n > 0:
			tie = true
		}
	}
	if tie {
		return Abstain
	}
	return best
}

// Abstainer is the program that abstains: its users abstain, votes delegated to them
// are lost.
type Abstainer struct{}

// Delegate never delegates.
func (Abstainer) Delegate(*Round, int32) int32 { return -1 }

// Choose abstains.
func (Abstainer) Choose(*Round, int32) Choice { return Abstain }

// Late is false.
func (Abstainer) Late() bool { return false }

// CostUnder votes Yes when the proposal costs less than Limit, No otherwise.
type CostUnder struct {
	Limit ledger.Amount
}

// Delegate never delegates.
func (CostUnder) Delegate(*Round, int32) int32 { return -1 }

// Choose reads the proposal's cost.
func (p CostUnder) Choose(r *Round, _ int32) Choice {
	if r.Cost() < p.Limit {
		return Yes
	}
	return No
}

// Late is false.
func (CostUnder) Late() bool { return false }

// MostReputed delegates to the member of Area with the highest reputation (the
// second highest for that member itself); with no such member it abstains.
type MostReputed struct {
	Area int32
}

// Delegate names the area's most reputed member other than i.
func (p MostReputed) Delegate(r *Round, i int32) int32 { return r.MostReputed(p.Area, i) }

// Choose abstains: it is called only when the area has nobody to follow.
func (MostReputed) Choose(*Round, int32) Choice { return Abstain }

// Late is false.
func (MostReputed) Late() bool { return false }

// CoopMajority follows the majority of the voter's own co-op (Round.Majority of its
// group); it abstains on a tie, when none of the co-op's votes is cast, or for a voter
// with no co-op.
type CoopMajority struct{}

// Delegate never delegates.
func (CoopMajority) Delegate(*Round, int32) int32 { return -1 }

// Choose follows the co-op's majority.
func (CoopMajority) Choose(r *Round, i int32) Choice { return r.Majority(r.Group(i)) }

// Late is true: it reads the majorities.
func (CoopMajority) Late() bool { return true }

// grow returns s with length n, reusing its storage when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

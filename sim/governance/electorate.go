package governance

import (
	"fmt"
	"math"
)

// Choice is what a voter does in one vote: an option 0..k-1, or one of the negative
// values below.
type Choice int8

const (
	// No and Yes are the two options of a binary vote.
	No  Choice = 0
	Yes Choice = 1
	// NoVote: the voter does not vote directly; its delegation or program decides.
	NoVote Choice = -1
	// Abstain: the voter abstains in person. This overrides its delegation like a
	// direct vote does; votes delegated to it are lost.
	Abstain Choice = -2
	// NoDecision is the outcome of a vote with a tie at the top or nothing cast.
	NoDecision Choice = -1
)

// MaxOptions is the most options a vote may have (a Choice is an int8).
const MaxOptions = 127

// MaxVoters bounds an electorate so that voter indices fit an int32 and every sum of
// weights (at most V) and Σ rank·weight (at most V², < 2^62) fits an int64.
const MaxVoters = math.MaxInt32

// MaxGroups bounds group and area ids. The resolver's scratch grows with the largest id
// used: two int32 per area when a program reads the areas, and groups x options int32
// tallies when a program reads the co-op majorities (allocated only then).
const MaxGroups = 1 << 24

// Electorate holds the voters' choices for one vote as arrays indexed by voter
// (struct of arrays). Only Direct is required; a nil optional array means "nobody"
// (no delegations, no programs, no fallback, no groups, no areas).
type Electorate struct {
	// Direct is each voter's own act: an option, Abstain, or NoVote. An option or
	// Abstain overrides the voter's delegation and program.
	Direct []Choice
	// Delegate is the voter each voter delegates to, or -1. A person delegation
	// takes precedence over a program.
	Delegate []int32
	// Program is 1 + the index in Programs of the program a voter delegates to, or 0.
	Program []uint8
	// Programs are the automated voting programs Program refers to (at most 255).
	Programs []Program
	// Fallback is the option a delegator casts itself when the cap refuses its
	// delegation (NoVote: none, the refused vote is lost). Nil: every refused vote is
	// lost.
	Fallback []Choice
	// Group is each voter's co-op (-1 none), read by CoopMajority.
	Group []int32
	// Area is each voter's area of expertise (-1 none), read by MostReputed.
	Area []int32
	// Reputation is each voter's reputation (finite), read by MostReputed.
	Reputation []float64
}

// Len is the number of voters.
func (e *Electorate) Len() int { return len(e.Direct) }

// validate checks the arrays against each other and the vote's options; it returns
// the number of groups and areas (1 + the largest id).
func (e *Electorate) validate(options int) (groups, areas int, err error) {
	n := len(e.Direct)
	if options < 2 || options > MaxOptions {
		return 0, 0, fmt.Errorf("options %d: want 2..%d", options, MaxOptions)
	}
	if n > MaxVoters {
		return 0, 0, fmt.Errorf("voters %d: more than %d", n, MaxVoters)
	}
	if len(e.Programs) > math.MaxUint8 {
		return 0, 0, fmt.Errorf("programs: %d, more than %d", len(e.Programs), math.MaxUint8)
	}
	lens := [...]struct {
		name string
		l    int
	}{{"delegate", len(e.Delegate)}, {"program", len(e.Program)}, {"fallback", len(e.Fallback)},
		{"group", len(e.Group)}, {"area", len(e.Area)}, {"reputation", len(e.Reputation)}}
	for _, f := range lens {
		if f.l != 0 && f.l != n {
			return 0, 0, fmt.Errorf("%s: %d entries for %d voters", f.name, f.l, n)
		}
	}
	if (e.Area == nil) != (e.Reputation == nil) {
		return 0, 0, fmt.Errorf("area and reputation: give both or neither")
	}
	k := Choice(options)
	for i, c := range e.Direct {
		if c >= k || c < Abstain {
			return 0, 0, fmt.Errorf("voter %d: direct %d: want an option 0..%d, %d (abstain) or %d (no direct vote)", i, c, k-1, Abstain, NoVote)
		}
	}
	for i, d := range e.Delegate {
		if d < -1 || int(d) >= n {
			return 0, 0, fmt.Errorf("voter %d: delegate %d: want -1 or a voter 0..%d", i, d, n-1)
		}
	}
	for i, p := range e.Program {
		if int(p) > len(e.Programs) {
			return 0, 0, fmt.Errorf("voter %d: program %d: only %d programs", i, p, len(e.Programs))
		}
	}
	for i, p := range e.Programs {
		if p == nil {
			return 0, 0, fmt.Errorf("programs: program %d is nil", i+1)
		}
	}
	for i, c := range e.Fallback {
		if c >= k || c < NoVote {
			return 0, 0, fmt.Errorf("voter %d: fallback %d: want an option 0..%d or %d (none)", i, c, k-1, NoVote)
		}
	}
	for i, g := range e.Group {
		if g < -1 || g >= MaxGroups {
			return 0, 0, fmt.Errorf("voter %d: group %d: want -1 or an id 0..%d", i, g, MaxGroups-1)
		}
		groups = max(groups, int(g)+1)
	}
	for i, a := range e.Area {
		if a < -1 || a >= MaxGroups {
			return 0, 0, fmt.Errorf("voter %d: area %d: want -1 or an id 0..%d", i, a, MaxGroups-1)
		}
		areas = max(areas, int(a)+1)
	}
	for i, r := range e.Reputation {
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return 0, 0, fmt.Errorf("voter %d: reputation %v: want a finite number", i, r)
		}
	}
	return groups, areas, nil
}

package governance_test

import (
	"reflect"
	"testing"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// checkBalance is the invariant every resolved vote must meet: the weight cast plus
// the abstentions plus the lost votes is the electorate, exactly, and the per-voter
// fates and weights agree with the totals.
func checkBalance(t *testing.T, res *governance.Result) {
	t.Helper()
	s := res.Stats
	if got := s.Cast + s.Abstained + s.LostCycles + s.LostOther; got != s.Eligible {
		t.Fatalf("cast %d + abstained %d + lost cycles %d + lost other %d = %d, want eligible %d",
			s.Cast, s.Abstained, s.LostCycles, s.LostOther, got, s.Eligible)
	}
	var fates [6]int64
	var weights, totals int64
	for i, f := range res.Fate {
		fates[f]++
		weights += int64(res.Weight[i])
	}
	for _, x := range s.Totals {
		totals += x
	}
	if weights != s.Cast || totals != s.Cast || fates[governance.Cast]+fates[governance.Carried] != s.Cast {
		t.Fatalf("weights %d, totals %d, cast+carried fates %d, want all = cast %d",
			weights, totals, fates[governance.Cast]+fates[governance.Carried], s.Cast)
	}
	if fates[governance.Abstained] != s.Abstained || fates[governance.LostCycle] != s.LostCycles ||
		fates[governance.LostDangling]+fates[governance.LostCap] != s.LostOther || fates[governance.LostCap] != s.LostCap {
		t.Fatalf("fates %v disagree with stats %+v", fates, s)
	}
}

// TestHandWorked resolves this electorate of 18 voters, 2 options, cap 3, a proposal
// costing 50 tokens (Y = yes, N = no, -> delegates to):
//
//	0  Y in person (area 0, reputation 5, group 1)
//	1  -> 0 (group 1)         2  -> 1 (group 1)        3  -> 2, no fallback
//	17 -> 1, fallback N (group 1)
//	4  N in person (area 0, reputation 9)
//	5 -> 6 -> 7 -> 5 a cycle, 8 -> 5 a chain into it
//	9  N in person, with a delegation to 0 that its direct vote overrides
//	10 program CostUnder(100 tokens): 50 < 100, so Y;  11 -> 10
//	12 abstains in person (overriding a delegation to 4); 13 -> 12
//	14 program MostReputed(area 0): area 0 is {0, 4}, 4 has the higher reputation: 14 -> 4
//	15 program CoopMajority (group 1)
//	16 takes no part
//
// The cap: 0's tree is 0 (0 hops), 1 (1), 2 and 17 (2), 3 (3): weight 5 > 3. Kept by
// (hops, index): 0, 1, 2. Refused: 17 casts its fallback N (weight 1), 3 has none (lost).
// Group 1's resolved votes, 15 left out: 0, 1, 2 Y (through 0), 17 N: majority Y, so
// 15 casts Y.
//
// Weights: 0:3 Y, 4:2 N (itself and 14), 9:1 N, 10:2 Y (itself and 11), 15:1 Y,
// 17:1 N. Totals Y 6, N 4: outcome Y. Direct voters alone (0 Y; 4, 9 N): N.
// Fates: cast 0,4,9,10,15,17; carried 1,2,11,14; abstained 12,16; cycle 5,6,7,8;
// dangling 13; cap 3. Cast 10 + abstained 2 + cycles 4 + other 2 = 18.
// Direct 3; delegated 13 (1,2,3,5,6,7,8,10,11,13,14,15,17). Chains of the carried
// votes 1:1, 2:2, 11:1, 14:1: mean 5/4, max 2. Gini of {1,1,1,2,2,3}: the mean absolute
// difference over all ordered pairs is 2*14/36, divided by twice the mean 10/6: 7/30.
func TestHandWorked(t *testing.T) {
	Y, N, X, A := governance.Yes, governance.No, governance.NoVote, governance.Abstain
	e := &governance.Electorate{
		Direct:     []governance.Choice{Y, X, X, X, N, X, X, X, X, N, X, X, A, X, X, X, X, X},
		Delegate:   []int32{-1, 0, 1, 2, -1, 6, 7, 5, 5, 0, -1, 10, 4, 12, -1, -1, -1, 1},
		Program:    []uint8{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 3, 0, 0},
		Programs:   []governance.Program{governance.CostUnder{Limit: ledger.Tokens(100)}, governance.MostReputed{Area: 0}, governance.CoopMajority{}},
		Fallback:   []governance.Choice{X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, N},
		Group:      []int32{1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, -1, 1},
		Area:       []int32{0, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
		Reputation: []float64{5, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	}
	r := governance.Resolver{Cap: 3}
	res, err := r.Resolve(e, governance.Proposal{Options: 2, Cost: ledger.Tokens(50)})
	if err != nil {
		t.Fatal(err)
	}
	checkBalance(t, res)
	wantW := []int32{3, 0, 0, 0, 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0, 1}
	wantC := []governance.Choice{Y, Y, Y, X, N, X, X, X, X, N, Y, Y, X, X, N, Y, X, N}
	wantN := []int32{-1, 0, 1, 2, -1, 6, 7, 5, 5, -1, -1, 10, -1, 12, 4, -1, -1, 1}
	c, k, ab, cy, da, cp := governance.Cast, governance.Carried, governance.Abstained, governance.LostCycle, governance.LostDangling, governance.LostCap
	wantF := []governance.Fate{c, k, k, cp, c, cy, cy, cy, cy, c, c, k, ab, da, k, c, ab, c}
	if !reflect.DeepEqual(res.Weight, wantW) {
		t.Errorf("weights = %v, want %v", res.Weight, wantW)
	}
	if !reflect.DeepEqual(res.Choice, wantC) {
		t.Errorf("choices = %v, want %v", res.Choice, wantC)
	}
	if !reflect.DeepEqual(res.Next, wantN) {
		t.Errorf("next = %v, want %v", res.Next, wantN)
	}
	if !reflect.DeepEqual(res.Fate, wantF) {
		t.Errorf("fates = %v, want %v", res.Fate, wantF)
	}
	want := governance.Stats{Eligible: 18, Direct: 3, Delegated: 13, Cast: 10, Abstained: 2,
		LostCycles: 4, LostOther: 2, LostCap: 1, Fallbacks: 1, Casters: 6, MaxWeight: 3,
		GiniPower: 7.0 / 30, MeanChain: 1.25, MaxChain: 2, Outcome: Y, DirectOutcome: N,
		Totals: []int64{4, 6}, DirectTotals: []int64{2, 1}}
	got := res.Stats
	if d := got.GiniPower - want.GiniPower; d > 1e-15 || d < -1e-15 {
		t.Errorf("gini = %v, want 7/30", got.GiniPower)
	}
	got.GiniPower = want.GiniPower
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stats = %+v\nwant    %+v", got, want)
	}
}

// TestTieAndNothing: a tie at the top and an electorate that casts nothing both give
// NoDecision; a co-op tie makes CoopMajority abstain (its user abstains, its delegator
// is lost).
func TestTieAndNothing(t *testing.T) {
	Y, N, X := governance.Yes, governance.No, governance.NoVote
	e := &governance.Electorate{
		Direct:   []governance.Choice{Y, N, X, X},
		Delegate: []int32{-1, -1, -1, 2},
		Program:  []uint8{0, 0, 1, 0},
		Programs: []governance.Program{governance.CoopMajority{}},
		Group:    []int32{0, 0, 0, -1},
	}
	var r governance.Resolver
	res, err := r.Resolve(e, governance.Proposal{Options: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkBalance(t, res)
	if res.Outcome != governance.NoDecision || res.Abstained != 1 || res.LostOther != 1 {
		t.Errorf("outcome %d abstained %d lost %d, want %d 1 1", res.Outcome, res.Abstained, res.LostOther, governance.NoDecision)
	}
	e = &governance.Electorate{Direct: []governance.Choice{X, governance.Abstain}}
	res, err = r.Resolve(e, governance.Proposal{Options: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkBalance(t, res)
	if res.Outcome != governance.NoDecision || res.DirectOutcome != governance.NoDecision || res.GiniPower != 0 || res.Abstained != 2 {
		t.Errorf("empty vote: %+v", res.Stats)
	}
	res, err = r.Resolve(&governance.Electorate{}, governance.Proposal{Options: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkBalance(t, res)
	if res.Eligible != 0 || res.Outcome != governance.NoDecision || res.Turnout() != 0 {
		t.Errorf("no voters: %+v", res.Stats)
	}
}

// TestBadInput: every malformed electorate is an error naming the voter and field.
func TestBadInput(t *testing.T) {
	X := governance.NoVote
	for _, tc := range []struct {
		name string
		e    governance.Electorate
		opts int
		want string
	}{
		{"delegate out of range", governance.Electorate{Direct: []governance.Choice{X, X}, Delegate: []int32{1, 2}}, 2, "voter 1: delegate 2: want -1 or a voter 0..1"},
		{"short delegate", governance.Electorate{Direct: []governance.Choice{X, X}, Delegate: []int32{1}}, 2, "delegate: 1 entries for 2 voters"},
		{"direct not an option", governance.Electorate{Direct: []governance.Choice{2}}, 2, "voter 0: direct 2: want an option 0..1, -2 (abstain) or -1 (no direct vote)"},
		{"program missing", governance.Electorate{Direct: []governance.Choice{X}, Program: []uint8{1}}, 2, "voter 0: program 1: only 0 programs"},
		{"options", governance.Electorate{Direct: []governance.Choice{X}}, 1, "options 1: want 2..127"},
		{"fallback", governance.Electorate{Direct: []governance.Choice{X}, Fallback: []governance.Choice{-2}}, 2, "voter 0: fallback -2: want an option 0..1 or -1 (none)"},
		{"area alone", governance.Electorate{Direct: []governance.Choice{X}, Area: []int32{0}}, 2, "area and reputation: give both or neither"},
	} {
		var r governance.Resolver
		_, err := r.Resolve(&tc.e, governance.Proposal{Options: tc.opts})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: Resolve error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

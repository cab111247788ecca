package dao

import (
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// TestPlatformVote puts questions to every active member of a small economy:
//
//   - all voting in person, the outcome is the plurality of the members' preferences
//     (counted here), a member who left has no vote, and a tie is no decision;
//   - with person delegations and a cost_under program (limit 100 tokens) the outcome
//     is a plain reference's: each member's vote follows its delegations to a member
//     who votes in person (its preference) or uses the program (Yes under the limit),
//     a chain into an abstention or a cycle is not cast; and the votes.csv row
//     balances (cast + abstained + lost = eligible).
func TestPlatformVote(t *testing.T) {
	h := newFakeHost(t, 12)
	cfg := Default()
	cfg.Enabled = true
	cfg.Quorum = 0
	cfg.Participation = Participation{Direct: 1}
	sub, err := New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	d := sub.(*DAO)
	tick := sim.Tick{N: 1, Month: 1, MonthStart: true}
	h.l.Deregister(h.MemberAccount(11))
	prefer := func(i int) governance.Choice { return governance.Choice(map[bool]int{true: 2, false: 0}[i < 6]) }
	got, err := d.PlatformVote(tick, 3, prefer, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Members 0-5 prefer 2, members 6-10 prefer 0 (11 has left): 6 to 5.
	if got != 2 || d.votes[len(d.votes)-1].stats.Eligible != 11 {
		t.Fatalf("PlatformVote = %d over %d, want 2 over 11", got, d.votes[len(d.votes)-1].stats.Eligible)
	}
	// With member 10 gone too, even and odd members split 5 to 5: no decision.
	h.l.Deregister(h.MemberAccount(10))
	if got, _ := d.PlatformVote(tick, 2, func(i int) governance.Choice { return governance.Choice(i % 2) }, 0); got != governance.NoDecision {
		t.Fatalf("a 5 to 5 split: PlatformVote = %d, want no decision", got)
	}

	cfg.Participation = Participation{Direct: 0.4, Person: 0.3, Program: 0.2, Know: 2}
	cfg.Programs = []Program{{Rule: "cost_under", Limit: 100, Share: 1}}
	sub, err = New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	d = sub.(*DAO)
	for v := range 200 {
		cost := ledger.Tokens(float64(50 + 100*(v%2)))
		got, err := d.PlatformVote(sim.Tick{N: v + 1, Month: v + 1}, 2, func(i int) governance.Choice { return governance.Choice(i % 2) }, cost)
		if err != nil {
			t.Fatal(err)
		}
		e := &d.el
		var tot [2]int64
		for j := range d.plat {
			k := j
			for steps := 0; e.Direct[k] == governance.NoVote && e.Delegate[k] >= 0 && steps <= len(d.plat); steps++ {
				k = int(e.Delegate[k])
			}
			switch {
			case e.Direct[k] >= 0:
				tot[e.Direct[k]]++
			case e.Direct[k] == governance.NoVote && e.Delegate[k] < 0 && e.Program[k] > 0:
				tot[map[bool]int{true: 1, false: 0}[cost < ledger.Tokens(100)]]++
			}
		}
		want := governance.NoDecision
		if tot[0] != tot[1] {
			want = governance.Choice(map[bool]int{true: 1, false: 0}[tot[1] > tot[0]])
		}
		s := d.votes[len(d.votes)-1].stats
		if got != want || s.Cast+s.Abstained+s.LostCycles+s.LostOther != s.Eligible || s.Cast != tot[0]+tot[1] {
			t.Fatalf("vote %d: outcome %d, reference %d (totals %v); stats %+v", v, got, want, tot, s)
		}
	}
}

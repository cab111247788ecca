package dao

import (
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
)

// TestStakeVote checks votes by stake against a plain reference on the electorate the
// vote was resolved on: each owner's own vote follows its delegations (person
// delegations only here, no cap) to the owner who votes in person; a chain that ends
// in an abstention or runs round a cycle is not cast. The stake cast on each option
// decides; the quorum is on the stake cast. Members 0-3 work in the co-op: as
// producer-owners they hold stake 4 (producer_stake 3 plus 1 as customers).
func TestStakeVote(t *testing.T) {
	h := newFakeHost(t, 12)
	cfg := Default()
	cfg.Enabled = true
	cfg.Customers = 1
	cfg.Voting = "stake"
	cfg.ProducerStake = 3
	cfg.Quorum = 0.3
	cfg.Participation = Participation{Direct: 0.4, Person: 0.4, Know: 2}
	sub, err := New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	d := sub.(*DAO)
	d.now = sim.Tick{N: 1, Month: 1, MonthStart: true}
	d.rebuildOwners()
	voters, stakes := d.owners(0)
	if len(voters) != 12 {
		t.Fatalf("%d owners, want all 12 members (one co-op)", len(voters))
	}
	for j, i := range voters {
		if want := map[bool]int64{true: 4, false: 1}[i < 4]; stakes[j] != want {
			t.Fatalf("member %d: stake %d, want %d", i, stakes[j], want)
		}
	}
	decided := map[bool]int{}
	for v := range 400 {
		b := ballot{coop: 0, options: 2, better: governance.Choice(v % 2)}
		out, err := d.vote(b)
		if err != nil {
			t.Fatal(err)
		}
		e := &d.el
		n := len(voters)
		var tot [2]int64
		var cast, all int64
		for j := range n {
			all += stakes[j]
			k := j
			for steps := 0; e.Direct[k] == governance.NoVote && e.Delegate[k] >= 0 && steps <= n; steps++ {
				k = int(e.Delegate[k])
			}
			if c := e.Direct[k]; c >= 0 {
				tot[c] += stakes[j]
				cast += stakes[j]
			}
		}
		want := governance.NoDecision
		switch {
		case tot[0] > tot[1]:
			want = governance.No
		case tot[1] > tot[0]:
			want = governance.Yes
		}
		if out.choice != want || out.quorum != (float64(cast) >= 0.3*float64(all)) {
			t.Fatalf("vote %d: outcome %d quorum %v; reference: totals %v, cast %d of %d", v, out.choice, out.quorum, tot, cast, all)
		}
		decided[out.quorum]++
	}
	if decided[true] == 0 || decided[false] == 0 {
		t.Fatalf("quorum met %d times, missed %d: the test needs both", decided[true], decided[false])
	}
}

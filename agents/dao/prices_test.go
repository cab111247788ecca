package dao_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestPriceProposals: with price proposals on, co-ops' owners vote on their prices
// and the passed votes move them; off, no price is changed by a vote. The votes are
// counted among the run's votes.
func TestPriceProposals(t *testing.T) {
	changes := func(sets ...string) (int64, int64) {
		sc, err := scenarios.Load("dao-platform", append([]string{"ticks=12", "members=3000", "coops.count=30"}, sets...))
		if err != nil {
			t.Fatal(err)
		}
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		var n, votes int64
		for i := range res.Table.Rows {
			n += res.Table.Int(&res.Table.Rows[i], "dao_price_changes")
			votes += res.Table.Int(&res.Table.Rows[i], "dao_votes")
		}
		return n, votes
	}
	off, votesOff := changes("dao.prices.rate=0")
	on, votesOn := changes("dao.prices.rate=1", "dao.prices.step=0.1")
	if off != 0 {
		t.Errorf("%d prices changed by vote with price proposals off", off)
	}
	if on == 0 || votesOn <= votesOff {
		t.Errorf("with price proposals at every meeting: %d prices changed, %d votes against %d without", on, votesOn, votesOff)
	}
}

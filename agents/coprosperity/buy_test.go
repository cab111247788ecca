package coprosperity_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestBuyIOUsForTokens: with coprosperity.buy, a participant whose pool claim and
// swaps leave a need unmet buys the provider's IOUs from a holder for exchange tokens
// (issue §2), through the ledger (sim.Run checks conservation every tick); without it,
// nobody does. A scarce pool (few hours pledged, many needs, much withdrawn) makes the
// need arise.
func TestBuyIOUsForTokens(t *testing.T) {
	run := func(buy string) (bought, tokens, met float64) {
		sc, err := scenarios.Load("coprosperity", []string{"members=2000", "coops.count=80", "ticks=12",
			"coprosperity.pledge_hours=4", "coprosperity.needs=4", "coprosperity.withdraw=1", "coprosperity.withdraw_hours=20", "coprosperity.buy=" + buy})
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
		last := res.Table.Last()
		bought, _ = res.Table.Value(last, "iou_bought")
		tokens, _ = res.Table.Value(last, "iou_bought_tokens")
		for _, v := range res.Table.Series("access") {
			met += v
		}
		return bought, tokens, met
	}
	b0, t0, _ := run("false")
	b1, t1, _ := run("true")
	if b0 != 0 || t0 != 0 {
		t.Errorf("without buying: %g hours bought for %g tokens", b0, t0)
	}
	if b1 <= 0 || t1 <= 0 {
		t.Errorf("with buying: %g hours bought for %g tokens, want some", b1, t1)
	}
}

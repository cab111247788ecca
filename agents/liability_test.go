package agents_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// TestLiabilityIsSubsidiary: the debtor's own holdings pay first; the guarantor pays
// only what they cannot, up to what it holds; the rest is the creditor's loss.
func TestLiabilityIsSubsidiary(t *testing.T) {
	for _, c := range []struct {
		owed, own, guarantor     float64
		fromOwn, fromG, wantLoss float64
	}{
		{50, 80, 100, 50, 0, 0},  // the fraudster's holdings cover it: the guarantor pays nothing
		{50, 20, 100, 20, 30, 0}, // the guarantor makes up the rest only
		{50, 20, 10, 20, 10, 20}, // neither can pay it all: the co-op loses 20
		{50, 0, 0, 0, 0, 50},
		{0, 10, 10, 0, 0, 0},
	} {
		o, g, l := agents.Liability(ledger.Tokens(c.owed), ledger.Tokens(c.own), ledger.Tokens(c.guarantor))
		if o != ledger.Tokens(c.fromOwn) || g != ledger.Tokens(c.fromG) || l != ledger.Tokens(c.wantLoss) {
			t.Errorf("Liability(%g owed, %g own, %g guarantor) = %s, %s, %s; want %g, %g, %g", c.owed, c.own, c.guarantor,
				ledger.Format(o), ledger.Format(g), ledger.Format(l), c.fromOwn, c.fromG, c.wantLoss)
		}
	}
}

// TestFraudTakesFromTheVictim: in a run with frauds, what is taken is repaid from the
// fraudsters, then the guarantors, or lost, to the unit on every row; the fraudsters'
// own holdings pay something (they are the first to pay) and some is lost.
func TestFraudTakesFromTheVictim(t *testing.T) {
	_, f, _ := runScenario(t, "baseline", 9, append(small, "member.fraud_rate=0.2", "member.invitations=0.5", "member.fraud_value=500")...)
	var last [4]float64
	for i := range f.T.Rows {
		var v [4]float64
		for k, name := range []string{"fraud_taken", "fraud_repaid_own", "fraud_repaid_guarantor", "fraud_lost"} {
			v[k], _ = f.T.Value(&f.T.Rows[i], name)
		}
		if d := v[0] - v[1] - v[2] - v[3]; d > 1e-6 || d < -1e-6 {
			t.Fatalf("tick %d: taken %g, repaid %g + %g, lost %g: do not add up", f.T.Rows[i].Tick, v[0], v[1], v[2], v[3])
		}
		last = v
	}
	if last[0] == 0 || last[1] == 0 {
		t.Fatalf("frauds took %g, fraudsters repaid %g: want frauds, and fraudsters paying first", last[0], last[1])
	}
	if last[3] == 0 && last[2] == 0 {
		t.Errorf("fraudsters repaid everything (%g of %g): fraud_value 500 should exceed what newcomers hold", last[1], last[0])
	}
}

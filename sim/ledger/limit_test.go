package ledger

import (
	"errors"
	"testing"
)

// TestIssueStopsAtTheSupplyLimit: issuance past MaxSupply is refused, changing nothing,
// by Issue, IssueN and IssueAsset; before the check the supply wrapped negative.
func TestIssueStopsAtTheSupplyLimit(t *testing.T) {
	l := New(Options{})
	a := l.Open(KindMember)
	b := l.Open(KindMember)
	if err := l.Issue(a, MaxSupply-10, 0, TxGift, 0); err != nil {
		t.Fatal(err)
	}
	if err := l.Issue(b, 11, 0, TxGift, 0); !errors.Is(err, ErrSupplyLimit) {
		t.Errorf("Issue past the limit = %v, want ErrSupplyLimit", err)
	}
	if err := l.IssueN(a, 2, 6, TxGift, 0); !errors.Is(err, ErrSupplyLimit) {
		t.Errorf("IssueN past the limit = %v, want ErrSupplyLimit", err)
	}
	if err := l.Issue(b, 10, 3, TxGrant, 0); err != nil {
		t.Errorf("Issue up to the limit = %v, want it to pass", err)
	}
	if got := l.Supply(); got != MaxSupply {
		t.Errorf("supply %d, want MaxSupply", got)
	}
	if err := l.CheckConservation(); err != nil {
		t.Error(err)
	}
	if err := l.Transfer(a, b, MaxSupply-10, TxGift, 0); err != nil {
		t.Errorf("moving almost the whole supply to one account: %v", err)
	}
	if got := l.Holdings(b); got != MaxSupply {
		t.Errorf("b holds %d, want MaxSupply: a balance never passes the supply", got)
	}
}

package ledger

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckConservationDetects: the check that every other test relies on does fail
// when the ledger's books are broken (which no exported method can do), and says how.
func TestCheckConservationDetects(t *testing.T) {
	build := func() (*Ledger, AccountID, AccountID, AssetID) {
		l := New(Options{})
		a, b := l.Open(KindMember), l.Open(KindCoop)
		if err := l.Issue(a, 10*Unit, 0, TxOther, 0); err != nil {
			t.Fatal(err)
		}
		if err := l.Issue(b, 5*Unit, 2, TxProgramme, 0); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(a, 3*Unit); err != nil {
			t.Fatal(err)
		}
		iou := l.NewAsset("iou")
		if err := l.IssueAsset(iou, a, 7*Unit, TxOther, 0); err != nil {
			t.Fatal(err)
		}
		if err := l.CheckConservation(); err != nil {
			t.Fatalf("CheckConservation() on a sound ledger = %v, want nil", err)
		}
		return l, a, b, iou
	}
	for _, tc := range []struct {
		name    string
		break_  func(l *Ledger, a, b AccountID, iou AssetID)
		asset   AssetID
		account AccountID
		want    string
	}{
		{"a unit created from nothing", func(l *Ledger, a, b AccountID, iou AssetID) { l.ordinary[a]++ }, Token, NoAccount, "holdings 15.000001 != supply 15"},
		{"savings lost", func(l *Ledger, a, b AccountID, iou AssetID) { l.savings[a] -= Unit }, Token, NoAccount, "holdings 14 != supply 15"},
		{"supply counter off", func(l *Ledger, a, b AccountID, iou AssetID) { l.supply[Token].burned++ }, Token, NoAccount, "!= supply 14.999999"},
		{"negative ordinary", func(l *Ledger, a, b AccountID, iou AssetID) { l.ordinary[a] -= 8 * Unit; l.savings[a] += 8 * Unit }, Token, 0, "account 0: negative balance"},
		{"grant and lots disagree", func(l *Ledger, a, b AccountID, iou AssetID) { l.grant[b] -= Unit; l.ordinary[b] += Unit }, Token, 1, "grant lots add up to 5 but the grant balance is 4"},
		{"asset created from nothing", func(l *Ledger, a, b AccountID, iou AssetID) { l.sparse[key(iou, b)] = 1 }, 1, NoAccount, "asset 1: holdings 7.000001 != supply 7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, a, b, iou := build()
			tc.break_(l, a, b, iou)
			err := l.CheckConservation()
			var ce *ConservationError
			if !errors.As(err, &ce) {
				t.Fatalf("CheckConservation() = %v, want a *ConservationError", err)
			}
			if ce.Account != tc.account || tc.account == NoAccount && ce.Asset != tc.asset {
				t.Errorf("error names asset %d, account %d; want asset %d, account %d", ce.Asset, ce.Account, tc.asset, tc.account)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "rule 4") {
				t.Errorf("error %q, want it to contain %q and \"rule 4\"", err, tc.want)
			}
		})
	}
}

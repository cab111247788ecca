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

// totalsWorld is a ledger that has been through every kind of operation that changes a
// balance, serial and batched, with a batch still open. Its supply is 38 tokens: 43
// issued (20 + 6 + 4 + 5 + 4 x 2), 1 burned, 4 expired (the month-1 lot of 6, less the
// 2 paid from it).
func totalsWorld(t *testing.T) (l *Ledger, b *Batch, m, c, f AccountID) {
	t.Helper()
	l = New(Options{})
	m, c, f = l.Open(KindMember), l.Open(KindCoop), l.Open(KindFoundation)
	first := l.OpenN(KindMember, 4)
	for _, err := range []error{
		l.Issue(m, 20*Unit, 0, TxOther, 0),
		l.Issue(c, 6*Unit, 1, TxProgramme, 0), // grant lots, one expiring in month 1
		l.Issue(c, 4*Unit, 3, TxProgramme, 0),
		l.Issue(f, 5*Unit, 0, TxLevy, 0),
		l.IssueN(first, 4, 2*Unit, TxOther, 0),
		l.Save(m, 3*Unit),
		l.Withdraw(m, Unit),
		l.Transfer(c, m, 2*Unit, TxWage, 0), // from the grant lots
		l.Transfer(f, c, Unit, TxProgramme, 0),
		l.Burn(m, Unit, 0),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	l.Expire(1)
	b = l.NewBatch()
	for _, err := range []error{
		b.Transfer(c, m, 3*Unit, TxWage, 0), // grant lots, then ordinary
		b.Pay(m, first, Unit, TxGift, 0),
		b.Save(first+1, Unit),
		b.Transfer(first+2, first+3, Unit, TxGift, 0),
		b.TransferEach(first, []AccountID{NoAccount, first + 2, NoAccount, m}, Unit, TxExchange, 0),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return l, b, m, c, f
}

// TestRunningTotals: the running totals that Sum returns and CheckTotals checks equal
// a scan of every account after each kind of operation, serial or batched, and the
// sound ledger passes both checks.
func TestRunningTotals(t *testing.T) {
	l, b, _, _, _ := totalsWorld(t)
	l.Apply(b)
	scanned, neg := l.scan()
	if got := l.Sum(); got != scanned || neg {
		t.Errorf("Sum() = %+v, want %+v (a scan of every account; negative parts: %v)", got, scanned, neg)
	}
	if err := l.CheckTotals(); err != nil {
		t.Errorf("CheckTotals() = %v, want nil", err)
	}
	if err := l.CheckConservation(); err != nil {
		t.Errorf("CheckConservation() = %v, want nil", err)
	}
	if scanned.Grant == 0 || scanned.Savings == 0 {
		t.Errorf("scan %+v: the world should hold grant tokens and savings, or it tests less than it says", scanned)
	}
}

// TestChecksDetect: each check fails on the breakage it is for. The running totals
// (CheckTotals, O(1)) see an operation whose effects do not add up, such as a debit
// whose credit is lost; only the full scan (CheckConservation) sees a balance changed
// behind the operations' back. Both name rule 4.
func TestChecksDetect(t *testing.T) {
	for _, tc := range []struct {
		name       string
		break_     func(l *Ledger, b *Batch, m, c, f AccountID)
		totals     string // what CheckTotals reports, "" for nothing
		full       string // what CheckConservation reports
		fullAsAcct AccountID
	}{
		{"a batch's pending credits lost (table)", func(l *Ledger, b *Batch, m, c, f AccountID) {
			b.credits.reset() // m's 3 + 1, first+3's 1 and first+2's 1
		}, "running total of holdings 32 != supply 38", "holdings 32 != supply 38", NoAccount},
		{"a batch's pending credit lost (credit array)", func(l *Ledger, b *Batch, m, c, f AccountID) {
			l.Apply(b) // a batch that credits many accounts holds its credits in an array next
			if b.dense == nil {
				panic("the batch did not switch to its credit array")
			}
			if err := b.Transfer(m, c, Unit, TxPurchase, 0); err != nil {
				panic(err)
			}
			clear(b.dense)
		}, "running total of holdings 37 != supply 38", "holdings 37 != supply 38", NoAccount},
		{"a debit not counted", func(l *Ledger, b *Batch, m, c, f AccountID) {
			b.moved.Ordinary += Unit
		}, "running total of holdings 39 != supply 38", "running totals say", NoAccount},
		{"an issue not counted in the supply", func(l *Ledger, b *Batch, m, c, f AccountID) {
			l.supply[Token].issued -= Unit
		}, "running total of holdings 38 != supply 37", "holdings 38 != supply 37", NoAccount},
		{"a unit created in a balance", func(l *Ledger, b *Batch, m, c, f AccountID) {
			l.ordinary[m]++
		}, "", "holdings 38.000001 != supply 38", NoAccount},
		{"a unit moved from ordinary to savings", func(l *Ledger, b *Batch, m, c, f AccountID) {
			l.ordinary[m] -= Unit
			l.savings[m] += Unit
		}, "", "running totals say", NoAccount},
		{"a balance made negative", func(l *Ledger, b *Batch, m, c, f AccountID) {
			l.ordinary[f] -= 10 * Unit
			l.ordinary[m] += 10 * Unit
		}, "", "account 2: negative balance", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, b, m, c, f := totalsWorld(t)
			tc.break_(l, b, m, c, f)
			l.Apply(b)
			err := l.CheckTotals()
			if tc.totals == "" {
				if err != nil {
					t.Errorf("CheckTotals() = %v, want nil (the running totals cannot see this)", err)
				}
			} else if !isRule4(err, tc.totals) {
				t.Errorf("CheckTotals() = %v, want a *ConservationError saying %q", err, tc.totals)
			}
			err = l.CheckConservation()
			if !isRule4(err, tc.full) {
				t.Fatalf("CheckConservation() = %v, want a *ConservationError saying %q", err, tc.full)
			}
			var ce *ConservationError
			errors.As(err, &ce)
			if ce.Account != tc.fullAsAcct {
				t.Errorf("CheckConservation names account %d, want %d", ce.Account, tc.fullAsAcct)
			}
		})
	}
}

func isRule4(err error, want string) bool {
	var ce *ConservationError
	return errors.As(err, &ce) && strings.Contains(err.Error(), want) && strings.Contains(err.Error(), "rule 4")
}

package ledger_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// grantCoop opens a member and a co-op holding ordinary 3 and a grant lot of 5
// expiring at the end of month 12.
func grantCoop(t *testing.T, l *ledger.Ledger) (member, coop ledger.AccountID) {
	member, coop = l.Open(ledger.KindMember), l.Open(ledger.KindCoop)
	must(t, l.Issue(member, tok(100), 0, ledger.TxGift, 0))
	must(t, l.Issue(coop, tok(3), 0, ledger.TxGift, 0))
	must(t, l.Issue(coop, tok(5), 12, ledger.TxGrant, 0))
	return member, coop
}

// TestGrantLastSpendsOrdinaryFirst: by default a payment takes grant lots first (a
// co-op's grants are what it spends); under GrantLast it takes ordinary tokens first,
// so the grant lot stays in the treasury until the ordinary tokens run out.
func TestGrantLastSpendsOrdinaryFirst(t *testing.T) {
	for _, c := range []struct {
		last              bool
		ordinary, grant   float64 // after paying 2
		ordinary2, grant2 float64 // after paying 2 more
	}{
		{false, 3, 3, 3, 1},
		{true, 1, 5, 0, 4},
	} {
		l := newLedger(t, ledger.Options{GrantLast: c.last})
		member, coop := grantCoop(t, l)
		must(t, l.Transfer(coop, member, tok(2), ledger.TxWage, 0))
		if l.Ordinary(coop) != tok(c.ordinary) || l.Grant(coop) != tok(c.grant) {
			t.Errorf("GrantLast=%v: after paying 2, ordinary %s grant %s, want %g and %g", c.last,
				ledger.Format(l.Ordinary(coop)), ledger.Format(l.Grant(coop)), c.ordinary, c.grant)
		}
		b := l.NewBatch()
		must(t, b.Transfer(coop, member, tok(2), ledger.TxWage, 0))
		l.Apply(b)
		if l.Ordinary(coop) != tok(c.ordinary2) || l.Grant(coop) != tok(c.grant2) {
			t.Errorf("GrantLast=%v: after paying 2 more, ordinary %s grant %s, want %g and %g", c.last,
				ledger.Format(l.Ordinary(coop)), ledger.Format(l.Grant(coop)), c.ordinary2, c.grant2)
		}
	}
}

// TestGrantLastJournalReplays: under GrantLast how a debit splits depends on credits
// a batch still holds (here the member's purchase of 10, credited to the co-op only at
// Apply, while the co-op's own batch pays 6: 3 ordinary, 3 of the grant lot). Replayed
// one entry after another, the co-op would hold 13 ordinary tokens at its payment and
// keep its grant lot whole; the journal records the split (version 2), so the audit
// rebuilds the ledger exactly. A forged split, with its chain recomputed, is refused.
func TestGrantLastJournalReplays(t *testing.T) {
	var buf bytes.Buffer
	l := newLedger(t, ledger.Options{GrantLast: true})
	member, coop := grantCoop(t, l)
	j := ledger.NewJournal(&buf)
	must(t, l.SetJournal(j)) // the opening state, as of now
	shop, pay := l.NewBatch(), l.NewBatch()
	must(t, shop.Transfer(member, coop, tok(10), ledger.TxPurchase, 0))
	must(t, pay.Transfer(coop, member, tok(6), ledger.TxWage, 0))
	l.Apply(shop, pay)
	if l.Grant(coop) != tok(2) || l.Ordinary(coop) != tok(10) {
		t.Fatalf("live: grant %s ordinary %s, want 2 and 10", ledger.Format(l.Grant(coop)), ledger.Format(l.Ordinary(coop)))
	}
	// TransferToAll splits one debit among its payments, ordinary first.
	other := l.Open(ledger.KindMember)
	all := l.NewBatch()
	all.SetPayees([]ledger.AccountID{member, other})
	if _, err := all.TransferToAll(coop, []int32{0, 1}, []ledger.Amount{tok(9), tok(2)}, ledger.TxBonus, 0); err != nil {
		t.Fatal(err)
	}
	l.Apply(all)
	must(t, j.Close(l))
	data := buf.Bytes()
	ls := lines(data)
	if ls[0] != ledger.JournalHeaderGrants {
		t.Fatalf("header %q, want %q", ls[0], ledger.JournalHeaderGrants)
	}
	var splits []string
	for _, line := range ls[1:] {
		if field(line, 2) == "transfer" && field(line, 4) == "1" {
			splits = append(splits, field(line, 6)+"/"+field(line, 10))
		}
	}
	if got, want := strings.Join(splits, " "), "6/3 9/0 2/1"; got != want {
		t.Errorf("the co-op's payments and their grant parts: %s, want %s", got, want)
	}
	rep, err := ledger.Audit(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Audit() = %v", err)
	}
	if d := diffBalances(snap(rep.Ledger), snap(l), true); d != "" {
		t.Errorf("rebuilt ledger differs: %s", d)
	}
	for i, line := range ls {
		if i > 0 && field(line, 2) == "transfer" && field(line, 4) == "1" {
			ls[i] = setField(line, 10, "5") // more grant than the co-op holds
			break
		}
	}
	if _, err := ledger.Audit(bytes.NewReader(join(rechain(ls)))); err == nil || !strings.Contains(err.Error(), "grant lots") {
		t.Errorf("a forged split audited as %v, want it refused", err)
	}
}

// TestGrantTaintPassesGrantsOn: under GrantTaint the grant part of a payment reaches
// the payee as a grant lot of its own, expiring TaintMonths on from the month it
// arrives, and expires there if left unspent; paid in a batch (Transfer, Pay,
// TransferToAll) it becomes the payee's lot at Apply. The journal (version 2) records
// split and lot, and the audit rebuilds the ledger exactly, lots included. Without the
// option the payee gets ordinary tokens.
func TestGrantTaintPassesGrantsOn(t *testing.T) {
	for _, taint := range []bool{false, true} {
		var buf bytes.Buffer
		l := newLedger(t, ledger.Options{GrantTaint: taint, TaintMonths: 3})
		member, coop := grantCoop(t, l) // the co-op: ordinary 3, a grant lot of 5 to month 12
		j := ledger.NewJournal(&buf)
		must(t, l.SetJournal(j))
		l.SetTime(1, 4) // month 4: a lot passed on now lasts to month 6
		must(t, l.Transfer(coop, member, tok(2), ledger.TxWage, 0))
		other := l.Open(ledger.KindMember)
		b := l.NewBatch()
		must(t, b.Pay(coop, other, tok(1), ledger.TxWage, 0))
		b.SetPayees([]ledger.AccountID{member, other})
		if _, err := b.TransferToAll(coop, []int32{0, 1}, []ledger.Amount{tok(1), tok(3)}, ledger.TxBonus, 0); err != nil {
			t.Fatal(err)
		}
		l.Apply(b)
		// The co-op's grant lot (5) paid the first 5 tokens: 2 to member, 1 to other,
		// then 1 to member and 1 of the 3 to other; its ordinary 3 paid the last 2.
		wantGrant := map[ledger.AccountID]ledger.Amount{member: tok(3), other: tok(2), coop: 0}
		for a, g := range wantGrant {
			if !taint {
				g = 0
			}
			if l.Grant(a) != g {
				t.Errorf("taint=%v: account %d holds %s of grant tokens, want %s", taint, a, ledger.Format(l.Grant(a)), ledger.Format(g))
			}
		}
		if taint {
			if lots := l.Lots(member); len(lots) != 1 || lots[0].Expiry != 6 {
				t.Errorf("member's lots %v, want one lot expiring in month 6", lots)
			}
		}
		l.SetTime(2, 7)
		gone := l.Expire(6)
		if want := map[bool]ledger.Amount{false: 0, true: tok(5)}[taint]; gone != want {
			t.Errorf("taint=%v: %s expired in month 6, want %s", taint, ledger.Format(gone), ledger.Format(want))
		}
		must(t, j.Close(l))
		rep, err := ledger.Audit(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("taint=%v: Audit() = %v", taint, err)
		}
		if d := diffBalances(snap(rep.Ledger), snap(l), true); d != "" {
			t.Errorf("taint=%v: rebuilt ledger differs: %s", taint, d)
		}
	}
}

package ledger_test

import (
	"io"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// payers returns a ledger with two members, the first holding a trillion tokens.
func payers(tb testing.TB) (*ledger.Ledger, ledger.AccountID, ledger.AccountID) {
	l := newLedger(tb, ledger.Options{Capacity: 2})
	a, b := l.Open(ledger.KindMember), l.Open(ledger.KindMember)
	must(tb, l.Issue(a, tok(1e12), 0, ledger.TxOther, 0))
	return l, a, b
}

// grantLots gives a 1000 grant lots of 3 tokens, one a month from month first.
func grantLots(tb testing.TB, l *ledger.Ledger, a ledger.AccountID, first int) {
	for m := range 1000 {
		if err := l.Issue(a, tok(3), first+m, ledger.TxProgramme, 0); err != nil {
			tb.Fatal(err)
		}
	}
}

func BenchmarkTransfer(b *testing.B) {
	l, x, y := payers(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Transfer(x, y, ledger.Unit, ledger.TxGift, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransferGrantLots: the payer pays 1 token at a time from lots of 3, so
// every third transfer uses up a lot; every 3000 transfers 1000 lots are issued again
// (included in the time).
func BenchmarkTransferGrantLots(b *testing.B) {
	l := newLedger(b, ledger.Options{Capacity: 2})
	x, y := l.Open(ledger.KindCoop), l.Open(ledger.KindMember)
	month := 1
	grantLots(b, l, x, month)
	b.ReportAllocs()
	for b.Loop() {
		if l.Grant(x) == 0 {
			month += 1000
			grantLots(b, l, x, month)
		}
		if err := l.Transfer(x, y, ledger.Unit, ledger.TxWage, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransferJournal(b *testing.B) {
	l, x, y := payers(b)
	j := ledger.NewJournal(io.Discard)
	must(b, l.SetJournal(j))
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Transfer(x, y, ledger.Unit, ledger.TxGift, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	must(b, j.Close(l))
}

// BenchmarkTransferRejected: a rule breach costs no allocation either.
func BenchmarkTransferRejected(b *testing.B) {
	l, x, y := payers(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Transfer(x, y, ledger.Unit, ledger.TxPurchase, 0); err == nil {
			b.Fatal("purchase from a member went through")
		}
	}
}

// TestTransferAllocs: a transfer allocates nothing, whether it goes through, is
// rejected, spends grant lots or is written to a journal.
func TestTransferAllocs(t *testing.T) {
	l, x, y := payers(t)
	c := l.Open(ledger.KindCoop)
	grantLots(t, l, c, 1)
	for _, tc := range []struct {
		name string
		op   func()
	}{
		{"member to member", func() { _ = l.Transfer(x, y, ledger.Unit, ledger.TxGift, 0) }},
		{"rejected under rule 2", func() { _ = l.Transfer(x, y, ledger.Unit, ledger.TxPurchase, 0) }},
		{"rejected for funds", func() { _ = l.Transfer(y, x, tok(1e13), ledger.TxGift, 0) }},
		{"from grant lots", func() { _ = l.Transfer(c, y, ledger.Unit, ledger.TxWage, 0) }},
		{"check", func() { _ = l.Check(x, y, ledger.Unit, ledger.TxGift) }},
	} {
		if got := testing.AllocsPerRun(1000, tc.op); got != 0 {
			t.Errorf("%s: %v allocs per transfer, want 0", tc.name, got)
		}
	}
	j := ledger.NewJournal(io.Discard)
	must(t, l.SetJournal(j))
	if got := testing.AllocsPerRun(1000, func() { _ = l.Transfer(x, y, ledger.Unit, ledger.TxGift, 0) }); got != 0 {
		t.Errorf("journalled: %v allocs per transfer, want 0", got)
	}
	must(t, j.Close(l))
}

// BenchmarkOpenIssue opens 100,000 member accounts and issues each 100 tokens, one
// call at a time (what the random exchange's setup did), beside BenchmarkOpenNIssueN,
// which does it with the bulk calls.
func BenchmarkOpenIssue(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	for b.Loop() {
		l := ledger.New(ledger.Options{Capacity: n})
		for range n {
			a := l.Open(ledger.KindMember)
			if err := l.Issue(a, 100*ledger.Unit, 0, ledger.TxOther, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/account")
}

func BenchmarkOpenNIssueN(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	for b.Loop() {
		l := ledger.New(ledger.Options{Capacity: n})
		first := l.OpenN(ledger.KindMember, n)
		if err := l.IssueN(first, n, 100*ledger.Unit, ledger.TxOther, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/account")
}

package ledger_test

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// batchWorld is a ledger of n members with 100 tokens each.
func batchWorld(t *testing.T, n int) *ledger.Ledger {
	t.Helper()
	l := ledger.New(ledger.Options{})
	for range n {
		a := l.Open(ledger.KindMember)
		if err := l.Issue(a, 100*ledger.Unit, 0, ledger.TxOther, 0); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// payRandom has each of the accounts [lo, hi) pay one token to a random account.
func payRandom(b *ledger.Batch, r *rand.Rand, lo, hi, n int) {
	for i := lo; i < hi; i++ {
		j := r.IntN(n - 1)
		if j >= i {
			j++
		}
		b.Transfer(ledger.AccountID(i), ledger.AccountID(j), ledger.Unit, ledger.TxExchange, 0)
	}
}

// TestBatchesAreOrderIndependent runs the same shards sequentially and concurrently:
// balances, counters and the journal come out identical, because batches debit at
// once and credit at Apply, in batch order.
func TestBatchesAreOrderIndependent(t *testing.T) {
	const n, shards = 3000, 6
	run := func(concurrent bool, payers int) ([]ledger.Amount, []byte) {
		size := n
		l := batchWorld(t, size)
		var journal bytes.Buffer
		j := ledger.NewJournal(&journal)
		if err := l.SetJournal(j); err != nil {
			t.Fatal(err)
		}
		batches := make([]*ledger.Batch, shards)
		for k := range batches {
			batches[k] = l.NewBatch()
		}
		for tick := 1; tick <= 5; tick++ {
			l.SetTime(tick, tick)
			var wg sync.WaitGroup
			for k := range shards {
				f := func() {
					r := rand.New(rand.NewPCG(uint64(k), uint64(tick)))
					payRandom(batches[k], r, k*payers/shards, (k+1)*payers/shards, size)
				}
				if concurrent {
					wg.Add(1)
					go func() { defer wg.Done(); f() }()
				} else {
					f()
				}
			}
			wg.Wait()
			l.Apply(batches...)
			if err := l.CheckConservation(); err != nil {
				t.Fatal(err)
			}
		}
		if err := j.Close(l); err != nil {
			t.Fatal(err)
		}
		out := make([]ledger.Amount, size)
		for a := range out {
			out[a] = l.Balance(ledger.AccountID(a))
		}
		return out, journal.Bytes()
	}
	// Many payers: batches credit many accounts (a plain array); few: a hash table.
	for _, payers := range []int{n, 60} {
		seqBal, seqJ := run(false, payers)
		parBal, parJ := run(true, payers)
		if !slicesEqual(seqBal, parBal) || !bytes.Equal(seqJ, parJ) {
			t.Errorf("%d payers: concurrent batches differ from sequential ones", payers)
		}
		rep, err := ledger.Audit(bytes.NewReader(parJ))
		if err != nil {
			t.Fatalf("%d payers: audit of a batched journal: %v", payers, err)
		}
		for a, want := range parBal {
			if got := rep.Ledger.Balance(ledger.AccountID(a)); got != want {
				t.Fatalf("audit rebuilt account %d as %s, want %s", a, ledger.Format(got), ledger.Format(want))
			}
		}
	}
}

func slicesEqual(a, b []ledger.Amount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBatchRulesAndCredits(t *testing.T) {
	l := ledger.New(ledger.Options{})
	m := l.Open(ledger.KindMember)
	c := l.Open(ledger.KindCoop)
	gone := l.Open(ledger.KindMember)
	l.Issue(m, 10*ledger.Unit, 0, ledger.TxOther, 0)
	l.Deregister(gone)
	b := l.NewBatch()
	b.SetPayees([]ledger.AccountID{c})
	if err := b.TransferTo(m, 0, 3*ledger.Unit, ledger.TxPurchase, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.Transfer(m, gone, ledger.Unit, ledger.TxOther, 0); err != ledger.ErrPayeeNotRegistered {
		t.Errorf("transfer to a deregistered account = %v, want rule 1", err)
	}
	if err := b.Transfer(c, m, ledger.Unit, ledger.TxPurchase, 0); err != ledger.ErrNoProvenance {
		t.Errorf("purchase from a member = %v, want rule 2", err)
	}
	if err := b.Transfer(m, c, 100*ledger.Unit, ledger.TxOther, 0); err != ledger.ErrInsufficientFunds {
		t.Errorf("overdraft = %v, want insufficient funds", err)
	}
	// Debited at once, credited only at Apply: the books balance again after it.
	if got := l.Balance(m); got != 7*ledger.Unit {
		t.Errorf("payer holds %s before Apply, want 7", ledger.Format(got))
	}
	if got := b.Pending(); got != 3*ledger.Unit {
		t.Errorf("pending credits %s, want 3", ledger.Format(got))
	}
	if l.CheckConservation() == nil {
		t.Error("conservation holds before Apply with credits pending")
	}
	l.Apply(b)
	if err := l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
	if got := l.Balance(c); got != 3*ledger.Unit {
		t.Errorf("payee holds %s after Apply, want 3", ledger.Format(got))
	}
	if r := l.Rejections(); r[ledger.RuleMembersOnly] != 1 || r[ledger.RuleProvenance] != 1 || l.RejectedFunds() != 1 {
		t.Errorf("rejections %v, funds %d; want one each", r, l.RejectedFunds())
	}
	if err := b.Save(m, 2*ledger.Unit); err != nil || l.Savings(m) != 2*ledger.Unit {
		t.Errorf("batch Save: %v, savings %s", err, ledger.Format(l.Savings(m)))
	}
	if err := b.Withdraw(m, 3*ledger.Unit); err != ledger.ErrInsufficientFunds {
		t.Errorf("withdrawing more than saved = %v", err)
	}
	l.Apply(b)
	if err := l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkBatchTransfer(b *testing.B) {
	l := ledger.New(ledger.Options{})
	const n = 1 << 16
	for range n {
		a := l.Open(ledger.KindMember)
		l.Issue(a, 1<<40, 0, ledger.TxOther, 0)
	}
	bt := l.NewBatch()
	r := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		bt.Transfer(ledger.AccountID(i&(n-1)), ledger.AccountID(r.IntN(n)), 1, ledger.TxOther, 0)
		i++
		if i&(n-1) == 0 {
			l.Apply(bt)
		}
	}
	l.Apply(bt)
}

func TestTransferToAll(t *testing.T) {
	l := ledger.New(ledger.Options{})
	m := l.Open(ledger.KindMember)
	a, b, other := l.Open(ledger.KindCoop), l.Open(ledger.KindCoop), l.Open(ledger.KindMember)
	l.Issue(m, 10*ledger.Unit, 0, ledger.TxOther, 0)
	l.Deregister(b)
	bt := l.NewBatch()
	bt.SetPayees([]ledger.AccountID{a, b, other})
	// A purchase from a deregistered co-op (rule 1) and one from a member (rule 2) are
	// left out and counted; the rest is paid with one debit.
	amounts := []ledger.Amount{2 * ledger.Unit, 3 * ledger.Unit, 1 * ledger.Unit}
	paid, err := bt.TransferToAll(m, []int32{0, 1, 2}, amounts, ledger.TxPurchase, 0)
	if err != nil || paid != 2*ledger.Unit {
		t.Fatalf("TransferToAll = %s, %v; want 2 paid", ledger.Format(paid), err)
	}
	if amounts[1] != 0 || amounts[2] != 0 {
		t.Errorf("left-out payments still stand: %v", amounts)
	}
	if _, err := bt.TransferToAll(m, []int32{0}, []ledger.Amount{50 * ledger.Unit}, ledger.TxPurchase, 0); err != ledger.ErrInsufficientFunds {
		t.Errorf("an overdrawn basket = %v, want insufficient funds", err)
	}
	l.Apply(bt)
	if err := l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
	if l.Balance(a) != 2*ledger.Unit || l.Balance(m) != 8*ledger.Unit {
		t.Errorf("balances %s, %s; want 2 and 8", ledger.Format(l.Balance(a)), ledger.Format(l.Balance(m)))
	}
	if r := l.Rejections(); r[ledger.RuleMembersOnly] != 1 || r[ledger.RuleProvenance] != 1 || l.RejectedFunds() != 1 {
		t.Errorf("rejections %v, funds %d; want one each", r, l.RejectedFunds())
	}
}

// TestTransferToAllPairs pays a basket laid out as the economy's members lay theirs
// out: payees in pairs, some absent (−1) with zero amounts, some zero amounts on real
// payees. The plain path (no journal: one pass that credits as it checks) must leave
// exactly what the journalled path (check, debit, then credit) leaves, also when the
// basket is overdrawn after some payees were credited.
func TestTransferToAllPairs(t *testing.T) {
	run := func(journal bool) (paidTo [3]ledger.Amount, balance ledger.Amount, errs [2]error) {
		l := ledger.New(ledger.Options{})
		if journal {
			var buf bytes.Buffer
			if err := l.SetJournal(ledger.NewJournal(&buf)); err != nil {
				t.Fatal(err)
			}
		}
		m := l.Open(ledger.KindMember)
		a, b, c := l.Open(ledger.KindCoop), l.Open(ledger.KindCoop), l.Open(ledger.KindCoop)
		l.Issue(m, 10*ledger.Unit, 0, ledger.TxOther, 0)
		bt := l.NewBatch()
		bt.SetPayees([]ledger.AccountID{a, b, c})
		u := ledger.Unit
		_, errs[0] = bt.TransferToAll(m, []int32{-1, 0, 2, 1, -1, 2}, []ledger.Amount{0, 2 * u, u, 0, 0, 3 * u}, ledger.TxPurchase, 0)
		// overdrawn: a and b would be credited before the total is found too large
		_, errs[1] = bt.TransferToAll(m, []int32{0, 1, -1}, []ledger.Amount{3 * u, 2 * u, 0}, ledger.TxPurchase, 0)
		for k := range paidTo {
			paidTo[k] = bt.PaidTo(k)
		}
		l.Apply(bt)
		if err := l.CheckConservation(); err != nil {
			t.Fatal(err)
		}
		return paidTo, l.Balance(m), errs
	}
	plain, plainBal, plainErrs := run(false)
	journ, journBal, journErrs := run(true)
	want := [3]ledger.Amount{2 * ledger.Unit, 0, 4 * ledger.Unit}
	if plain != want || journ != want {
		t.Errorf("credits plain %v, journalled %v; want %v", plain, journ, want)
	}
	if plainBal != 4*ledger.Unit || journBal != plainBal {
		t.Errorf("payer left with %s (plain) and %s (journalled); want 4", ledger.Format(plainBal), ledger.Format(journBal))
	}
	for i := range plainErrs {
		wantErr := error(nil)
		if i == 1 {
			wantErr = ledger.ErrInsufficientFunds
		}
		if plainErrs[i] != wantErr || journErrs[i] != wantErr {
			t.Errorf("basket %d: errors %v (plain), %v (journalled); want %v", i, plainErrs[i], journErrs[i], wantErr)
		}
	}
}

// TestTouchChangesNothing: Touch, which a payroll runs over its payees before paying
// them, reads and returns without moving a token, and is safe on an account that does
// not exist.
func TestTouchChangesNothing(t *testing.T) {
	l := ledger.New(ledger.Options{})
	m, c := l.Open(ledger.KindMember), l.Open(ledger.KindCoop)
	l.Issue(m, 7*ledger.Unit, 0, ledger.TxOther, 0)
	before := l.Sum()
	bt := l.NewBatch()
	if bt.Touch(m) < 7*ledger.Unit || bt.Touch(-1) != 0 || bt.Touch(c+100) != 0 {
		t.Errorf("Touch(m), Touch(-1), Touch(absent) = %d, %d, %d", bt.Touch(m), bt.Touch(-1), bt.Touch(c+100))
	}
	l.Apply(bt)
	if l.Sum() != before || l.Balance(m) != 7*ledger.Unit || l.Balance(c) != 0 {
		t.Errorf("Touch moved tokens: totals %+v → %+v", before, l.Sum())
	}
	if err := l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
}

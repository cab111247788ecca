package ledger_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// The bulk operations (OpenN, IssueN, Batch.TransferEach, HoldingsInto) are each a
// faster way to make a run of single operations. These tests make both on twin
// ledgers and compare everything: balances, lots, supply, rejection counters, errors
// and the journal, byte for byte.

// twin is one of two ledgers built the same way, with its journal.
type twin struct {
	l       *ledger.Ledger
	j       *ledger.Journal
	journal bytes.Buffer
}

func newTwin(t *testing.T, journal bool) *twin {
	t.Helper()
	w := &twin{l: newLedger(t, ledger.Options{})}
	if journal {
		w.j = ledger.NewJournal(&w.journal)
		must(t, w.l.SetJournal(w.j))
	}
	return w
}

// close writes out the journal, if any.
func (w *twin) close(t *testing.T) {
	t.Helper()
	if w.j != nil {
		must(t, w.j.Close(w.l))
		w.l.SetJournal(nil)
	}
}

func compareTwins(t *testing.T, bulk, single *twin) {
	t.Helper()
	if d := diffBalances(snap(bulk.l), snap(single.l), true); d != "" {
		t.Errorf("bulk: %s", d)
	}
	if g, w := bulk.l.Rejections(), single.l.Rejections(); g != w {
		t.Errorf("bulk: rejections %v, want %v", g, w)
	}
	if g, w := bulk.l.RejectedFunds(), single.l.RejectedFunds(); g != w {
		t.Errorf("bulk: insufficient-funds rejections %d, want %d", g, w)
	}
	if g, w := bulk.l.Sum(), single.l.Sum(); g != w {
		t.Errorf("bulk: Sum() = %+v, want %+v", g, w)
	}
	if !bytes.Equal(bulk.journal.Bytes(), single.journal.Bytes()) {
		t.Errorf("bulk: journal differs:\n%s\nwant:\n%s", bulk.journal.Bytes(), single.journal.Bytes())
	}
	for _, w := range []*twin{bulk, single} {
		if err := w.l.CheckTotals(); err != nil {
			t.Errorf("CheckTotals() = %v, want nil", err)
		}
	}
}

// TestOpenNIssueN: OpenN and IssueN make what Open and Issue one by one make, journal
// included; IssueN to a run with an account that cannot be paid issues nothing.
func TestOpenNIssueN(t *testing.T) {
	for _, journal := range []bool{false, true} {
		t.Run(fmt.Sprintf("journal=%v", journal), func(t *testing.T) {
			bulk, single := newTwin(t, journal), newTwin(t, journal)
			bulk.l.Open(ledger.KindFoundation)
			single.l.Open(ledger.KindFoundation)
			first := bulk.l.OpenN(ledger.KindMember, 5)
			for range 5 {
				single.l.Open(ledger.KindMember)
			}
			if first != 1 {
				t.Errorf("OpenN returned %d, want 1 (after the Foundation)", first)
			}
			must(t, bulk.l.IssueN(first, 5, tok(7), ledger.TxOther, 3))
			for a := first; a < first+5; a++ {
				must(t, single.l.Issue(a, tok(7), 0, ledger.TxOther, 3))
			}
			// A run with a deregistered account: Issue to it fails under rule 1, so
			// IssueN issues to none and counts the one rejection.
			for _, w := range []*twin{bulk, single} {
				w.l.Deregister(first + 3)
			}
			if err := bulk.l.IssueN(first, 5, tok(1), ledger.TxOther, 0); err != ledger.ErrPayeeNotRegistered {
				t.Errorf("IssueN over a deregistered account = %v, want %v", err, ledger.ErrPayeeNotRegistered)
			}
			if err := single.l.Issue(first+3, tok(1), 0, ledger.TxOther, 0); err != ledger.ErrPayeeNotRegistered {
				t.Fatalf("Issue to a deregistered account = %v", err)
			}
			for _, tc := range []struct {
				first  ledger.AccountID
				n      int
				amount ledger.Amount
				want   error
			}{
				{first, 5, 0, ledger.ErrBadAmount},
				{first, 6, tok(1), ledger.ErrNoSuchAccount}, // one past the last account
				{-1, 2, tok(1), ledger.ErrNoSuchAccount},
				{first, 0, tok(1), nil}, // nothing to do
			} {
				if err := bulk.l.IssueN(tc.first, tc.n, tc.amount, ledger.TxOther, 0); err != tc.want {
					t.Errorf("IssueN(%d, %d, %s) = %v, want %v", tc.first, tc.n, ledger.Format(tc.amount), err, tc.want)
				}
			}
			bulk.close(t)
			single.close(t)
			compareTwins(t, bulk, single)
		})
	}
}

// transferEachCase builds a ledger, then pays payees[k] from first+k through a batch.
type transferEachCase struct {
	name   string
	setup  func(l *ledger.Ledger) // after 8 members (accounts 0-7) are opened and issued 2 tokens each
	first  ledger.AccountID
	payees []ledger.AccountID
	kind   ledger.TxKind
}

// TestTransferEachMatchesTransfer: TransferEach makes what Transfer one by one makes,
// stopping at the same failure with the same error, on its fast path (plain members)
// and on every case that leaves it (a Foundation, grant lots, a journal, a purchase),
// with rejections on the way.
func TestTransferEachMatchesTransfer(t *testing.T) {
	const none = ledger.NoAccount
	cases := []transferEachCase{
		{"plain", nil, 0, []ledger.AccountID{5, none, 7, 0, 1, none, 2, 3}, ledger.TxExchange},
		{"plain, from the middle", nil, 3, []ledger.AccountID{0, 1, 2}, ledger.TxExchange},
		{"pays itself", nil, 0, []ledger.AccountID{1, 1, 3}, ledger.TxExchange},
		{"no such payee", nil, 0, []ledger.AccountID{1, 99, 3}, ledger.TxExchange},
		{"insufficient funds", func(l *ledger.Ledger) {
			b := l.NewBatch()
			must(t, b.Transfer(1, 0, tok(2), ledger.TxGift, 0)) // member 1 is left with nothing
			l.Apply(b)
		}, 0, []ledger.AccountID{1, 2, 3}, ledger.TxExchange},
		{"a deregistered payee", func(l *ledger.Ledger) { l.Deregister(6) }, 0, []ledger.AccountID{1, 6, 3}, ledger.TxExchange},
		{"a Foundation in the ledger", func(l *ledger.Ledger) { l.Open(ledger.KindFoundation) }, 0, []ledger.AccountID{1, 2, 8, 4}, ledger.TxExchange},
		{"grant lots", func(l *ledger.Ledger) {
			must(t, l.Issue(2, tok(0.5), 4, ledger.TxProgramme, 0))
		}, 0, []ledger.AccountID{1, 2, 3, 0}, ledger.TxExchange},
		{"a purchase from a member", nil, 0, []ledger.AccountID{1}, ledger.TxPurchase},
		{"a zero-length run", nil, 8, nil, ledger.TxExchange},
		{"a run past the last account", nil, 6, []ledger.AccountID{1, 2, 3}, ledger.TxExchange},
	}
	for _, journal := range []bool{false, true} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s, journal=%v", tc.name, journal), func(t *testing.T) {
				bulk, single := newTwin(t, journal), newTwin(t, journal)
				var errs [2]error
				for i, w := range []*twin{bulk, single} {
					first := w.l.OpenN(ledger.KindMember, 8)
					must(t, w.l.IssueN(first, 8, tok(2), ledger.TxOther, 0))
					if tc.setup != nil {
						tc.setup(w.l)
					}
					// Two phases, so that the second runs with the batch's credit array.
					for range 2 {
						b := w.l.NewBatch()
						if i == 0 {
							errs[i] = b.TransferEach(tc.first, tc.payees, ledger.Unit, tc.kind, 9)
						} else {
							errs[i] = transferOneByOne(b, tc.first, tc.payees, ledger.Unit, tc.kind, 9)
						}
						w.l.Apply(b)
					}
				}
				if errs[0] != errs[1] {
					t.Errorf("TransferEach = %v, want %v (Transfer one by one)", errs[0], errs[1])
				}
				bulk.close(t)
				single.close(t)
				compareTwins(t, bulk, single)
			})
		}
	}
}

// transferOneByOne is what TransferEach stands for. A run past the last account fails
// as a Transfer from a payer that does not exist.
func transferOneByOne(b *ledger.Batch, first ledger.AccountID, payees []ledger.AccountID, amount ledger.Amount, kind ledger.TxKind, ref int64) error {
	for k, q := range payees {
		if q == ledger.NoAccount {
			continue
		}
		if err := b.Transfer(first+ledger.AccountID(k), q, amount, kind, ref); err != nil {
			return err
		}
	}
	return nil
}

// TestTransferEachRandom compares TransferEach with Transfer one by one over many
// phases of random payments among 3000 members, some of them running dry. Each shard
// pays in two runs a phase, of one amount or of two (a batch counts the credits of
// one amount, and adds any other to its credit array), and a few plain Transfers.
func TestTransferEachRandom(t *testing.T) {
	const n, shards, phases = 3000, 3, 30
	bulk, single := newTwin(t, false), newTwin(t, false)
	r := rand.New(rand.NewPCG(4, 5))
	for _, w := range []*twin{bulk, single} {
		first := w.l.OpenN(ledger.KindMember, n)
		must(t, w.l.IssueN(first, n, tok(3), ledger.TxOther, 0))
	}
	batches := [2][]*ledger.Batch{}
	for i, w := range []*twin{bulk, single} {
		for range shards {
			batches[i] = append(batches[i], w.l.NewBatch())
		}
	}
	batches[0][0].ExpectMany() // in its credit array from the first phase
	payees := make([]ledger.AccountID, n/shards)
	for range phases {
		for k := range shards {
			for i := range payees {
				payees[i] = ledger.AccountID(r.IntN(n + 1)) // n: no payee
				if payees[i] == n {
					payees[i] = ledger.NoAccount
				}
			}
			first := ledger.AccountID(k * n / shards)
			half := len(payees) / 2
			for run, ps := range [][]ledger.AccountID{payees[:half], payees[half:]} {
				amount := ledger.Unit
				if run == 1 && r.IntN(3) == 0 {
					amount = tok(0.5)
				}
				at := first + ledger.AccountID(run*half)
				e1 := batches[0][k].TransferEach(at, ps, amount, ledger.TxExchange, 0)
				e2 := transferOneByOne(batches[1][k], at, ps, amount, ledger.TxExchange, 0)
				if e1 != e2 {
					t.Fatalf("TransferEach = %v, want %v", e1, e2)
				}
			}
			if r.IntN(2) == 0 { // a payment of the first payer's, after its run
				q := ledger.AccountID(r.IntN(n))
				e1 := batches[0][k].Transfer(first, q, tok(0.25), ledger.TxExchange, 0)
				e2 := batches[1][k].Transfer(first, q, tok(0.25), ledger.TxExchange, 0)
				if e1 != e2 {
					t.Fatalf("Transfer = %v, want %v", e1, e2)
				}
			}
		}
		bulk.l.Apply(batches[0]...)
		single.l.Apply(batches[1]...)
	}
	if single.l.RejectedFunds() == 0 {
		t.Error("no payment was refused for want of funds: the test covers less than it says")
	}
	compareTwins(t, bulk, single)
}

// TestHoldingsInto: HoldingsInto copies Holdings, with and without grant lots and
// savings in the ledger.
func TestHoldingsInto(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	first := l.OpenN(ledger.KindMember, 6)
	must(t, l.IssueN(first, 6, tok(4), ledger.TxOther, 0))
	check := func(what string) {
		t.Helper()
		got := make([]ledger.Amount, 4)
		l.HoldingsInto(first+1, got)
		for k, g := range got {
			if w := l.Holdings(first + 1 + ledger.AccountID(k)); g != w {
				t.Errorf("%s: HoldingsInto[%d] = %s, want %s", what, k, ledger.Format(g), ledger.Format(w))
			}
		}
	}
	check("ordinary tokens only")
	must(t, l.Save(first+2, tok(1)))
	check("with savings")
	must(t, l.Issue(first+3, tok(2), 5, ledger.TxProgramme, 0))
	check("with savings and grant lots")
}

// TestTransferEachManyToOne has 700 members pay one member in one phase of a batch in
// dense mode: its count for the payee passes 256 twice (a byte, wrapping to the
// table), and the outcome is Transfer's one by one.
func TestTransferEachManyToOne(t *testing.T) {
	const n = 1000
	bulk, single := newTwin(t, false), newTwin(t, false)
	for _, w := range []*twin{bulk, single} {
		first := w.l.OpenN(ledger.KindMember, n)
		must(t, w.l.IssueN(first, n, tok(3), ledger.TxOther, 0))
	}
	payees := make([]ledger.AccountID, n)
	b1, b2 := bulk.l.NewBatch(), single.l.NewBatch()
	for phase := range 3 {
		for i := range payees {
			payees[i] = ledger.AccountID((i + 1) % n) // every member pays the next: many payees
			if phase > 0 && i < 700 && i != 900 {
				payees[i] = 900 // then 700 of them pay one
			}
		}
		e1 := b1.TransferEach(0, payees, ledger.Unit, ledger.TxExchange, 0)
		e2 := transferOneByOne(b2, 0, payees, ledger.Unit, ledger.TxExchange, 0)
		if e1 != e2 {
			t.Fatalf("TransferEach = %v, want %v", e1, e2)
		}
		bulk.l.Apply(b1)
		single.l.Apply(b2)
	}
	if got := bulk.l.Holdings(900); got != single.l.Holdings(900) || got < tok(1000) {
		t.Errorf("member 900 holds %s, one by one %s", ledger.Format(got), ledger.Format(single.l.Holdings(900)))
	}
	compareTwins(t, bulk, single)
}

package ledger_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// FuzzLedger reads the fuzz bytes as a program of ledger operations: the first byte
// picks the options, then every 4 bytes are an operation and its 3 arguments (open,
// issue, issue a grant lot, transfer, save, withdraw, burn, advance the month and
// expire, deregister, another asset's issue/transfer/burn, check), with small amounts
// (-1 to 62.75 tokens, so that some are bad) and account indexes (one of them may be
// one past the last account). After every operation:
//
//   - CheckConservation is nil, and every account's parts and lots agree;
//   - a rejected operation changed no balance, lot or supply, and counted itself once
//     (under its rule, or as a shortfall, or not at all for a bad argument);
//   - an operation that went through changed the supply by exactly what it issued,
//     burned or expired;
//
// and at the end the journal of the whole program audits and rebuilds the same ledger.
func FuzzLedger(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{1, 1, 0, 100, 0, 3, 0, 1, 40, 4, 1, 5, 0})
	// Issue, grant, pay, save, withdraw, burn, expire, deregister, assets, check.
	f.Add([]byte{0,
		1, 0, 200, 0, 2, 2, 120, 1, 3, 2, 0, 60, 4, 0, 30, 0, 5, 0, 10, 0, 6, 2, 9, 0,
		7, 1, 0, 0, 7, 2, 1, 0, 8, 1, 0, 0, 3, 1, 0, 9, 9, 0, 0, 0, 9, 1, 0, 0, 9, 1, 0, 1,
		9, 1, 0, 2, 10, 0, 1, 9, 0, 7, 0, 0, 0, 0, 0, 0, 3, 0, 3, 11})
	f.Add([]byte{1, 0, 7, 0, 0, 1, 3, 200, 0, 3, 3, 0, 40, 3, 0, 3, 40, 3, 0, 1, 0x4b})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		opts := ledger.Options{AllowExternal: data[0]&1 == 1}
		data = data[1:]
		if len(data) > 4*400 {
			data = data[:4*400]
		}
		l := ledger.New(opts)
		var buf bytes.Buffer
		j := ledger.NewJournal(&buf)
		if err := l.SetJournal(j); err != nil {
			t.Fatal(err)
		}
		l.Open(ledger.KindMember)
		l.Open(ledger.KindMember)
		l.Open(ledger.KindCoop)
		tick, month := 1, 1
		l.SetTime(tick, month)
		arg := func(i int) byte {
			if i < len(data) {
				return data[i]
			}
			return 0
		}
		for i := 0; i < len(data); i += 4 {
			op, a, b, c := data[i]%11, arg(i+1), arg(i+2), arg(i+3)
			n := l.Len()
			acc := func(x byte) ledger.AccountID { return ledger.AccountID(int(x) % n) }
			amt := func(x byte) ledger.Amount { return ledger.Amount(x)*250_000 - ledger.Unit }
			before := snap(l)
			rej, funds := l.Rejections(), l.RejectedFunds()
			var (
				err      error
				what     string
				asset    = ledger.Token
				delta    ledger.Amount // the change in the asset's supply if it goes through
				readOnly bool
				expired  = -1 // the month expired, if any
			)
			switch op {
			case 0:
				what = fmt.Sprintf("Open(%v)", ledger.Kind(a%8))
				if n < 32 {
					l.Open(ledger.Kind(a % 8))
				}
			case 1:
				what = fmt.Sprintf("Issue(%d, %s)", acc(a), ledger.Format(amt(b)))
				err = l.Issue(acc(a), amt(b), 0, ledger.TxKind(c%12), int64(i))
				delta = amt(b)
			case 2:
				exp := month + int(c%4)
				what = fmt.Sprintf("Issue(%d, %s, expiry %d)", acc(a), ledger.Format(amt(b)), exp)
				err = l.Issue(acc(a), amt(b), exp, ledger.TxProgramme, int64(i))
				delta = amt(b)
			case 3:
				payee := ledger.AccountID(int(b) % (n + 1)) // may be one past the last
				kind := ledger.TxKind(int(a/32+b/32) % 12)
				what = fmt.Sprintf("Transfer(%d, %d, %s, %v)", acc(a), payee, ledger.Format(amt(c)), kind)
				err = l.Transfer(acc(a), payee, amt(c), kind, int64(i))
			case 4:
				what = fmt.Sprintf("Save(%d, %s)", acc(a), ledger.Format(amt(b)))
				err = l.Save(acc(a), amt(b))
			case 5:
				what = fmt.Sprintf("Withdraw(%d, %s)", acc(a), ledger.Format(amt(b)))
				err = l.Withdraw(acc(a), amt(b))
			case 6:
				what = fmt.Sprintf("Burn(%d, %s)", acc(a), ledger.Format(amt(b)))
				err = l.Burn(acc(a), amt(b), int64(i))
				delta = -amt(b)
			case 7:
				tick++
				month += int(a % 3)
				l.SetTime(tick, month)
				expired = month - int(b%2)
				what = fmt.Sprintf("Expire(%d)", expired)
				gone := l.Expire(expired)
				delta = -gone
				if gone < 0 {
					t.Fatalf("%s = %s, want >= 0", what, ledger.Format(gone))
				}
				if got, want := l.Expired(), before.Expired+gone; got != want {
					t.Fatalf("%s: Expired() = %s, want %s", what, ledger.Format(got), ledger.Format(want))
				}
			case 8:
				what = fmt.Sprintf("Deregister(%d)", acc(a))
				l.Deregister(acc(a))
			case 9:
				if l.Assets() < 3 && a&1 == 0 {
					what = "NewAsset"
					l.NewAsset(fmt.Sprintf("asset,%d", l.Assets()))
					break
				}
				if l.Assets() == 1 {
					what = "nothing"
					break
				}
				asset = ledger.AssetID(1 + int(a/2)%(l.Assets()-1))
				switch c % 3 {
				case 0:
					what = fmt.Sprintf("IssueAsset(%d, %d, %s)", asset, acc(b), ledger.Format(amt(c)))
					err = l.IssueAsset(asset, acc(b), amt(c), ledger.TxOther, int64(i))
					delta = amt(c)
				case 1:
					what = fmt.Sprintf("TransferAsset(%d, %d, %d, %s)", asset, acc(b), acc(b/16), ledger.Format(amt(c)))
					err = l.TransferAsset(asset, acc(b), acc(b/16), amt(c), ledger.TxKind(c%12), int64(i))
				default:
					what = fmt.Sprintf("BurnAsset(%d, %d, %s)", asset, acc(b), ledger.Format(amt(c)))
					err = l.BurnAsset(asset, acc(b), amt(c), int64(i))
					delta = -amt(c)
				}
			case 10:
				readOnly = true
				what = fmt.Sprintf("Check(%d, %d, %s)", acc(a), acc(b), ledger.Format(amt(c)))
				err = l.Check(acc(a), acc(b), amt(c), ledger.TxKind(c%12))
			}
			what = fmt.Sprintf("op %d: %s", i/4, what)

			wantRej, wantFunds := rej, funds
			var re *ledger.RuleError
			switch {
			case errors.As(err, &re):
				wantRej[re.Rule]++
			case errors.Is(err, ledger.ErrInsufficientFunds):
				wantFunds++
			case err == nil, errors.Is(err, ledger.ErrBadAmount), errors.Is(err, ledger.ErrNoSuchAccount),
				errors.Is(err, ledger.ErrSameAccount): // an account paying itself (Check(0, 0, ...)): not counted
			default:
				t.Fatalf("%s: unexpected error %v", what, err)
			}
			if got := l.Rejections(); got != wantRej {
				t.Fatalf("%s = %v: Rejections() = %v, want %v", what, err, got, wantRej)
			}
			if got := l.RejectedFunds(); got != wantFunds {
				t.Fatalf("%s = %v: RejectedFunds() = %d, want %d", what, err, got, wantFunds)
			}
			after := snap(l)
			if err != nil || readOnly {
				if d := diffBalances(after, before, true); d != "" {
					t.Fatalf("%s = %v changed the ledger: %s", what, err, d)
				}
			} else {
				got, was := l.SupplyOf(asset), before.Supply
				if asset != ledger.Token {
					was = before.AssetSupply[asset-1]
				}
				if got != was+delta {
					t.Fatalf("%s: supply of asset %d is %s, want %s", what, asset, ledger.Format(got), ledger.Format(was+delta))
				}
			}
			if err := l.CheckConservation(); err != nil {
				t.Fatalf("%s: CheckConservation() = %v, want nil", what, err)
			}
			for k := range l.Len() {
				ac := ledger.AccountID(k)
				lots := l.Lots(ac)
				var sum ledger.Amount
				for x, lot := range lots {
					sum += lot.Amount
					if lot.Amount <= 0 || x > 0 && lots[x-1].Expiry >= lot.Expiry || lot.Expiry <= int32(expired) {
						t.Fatalf("%s: account %d lots %v: want positive lots, one per month, oldest first, none due", what, ac, lots)
					}
				}
				if sum != l.Grant(ac) || l.Balance(ac) != l.Ordinary(ac)+l.Grant(ac) || l.Holdings(ac) != l.Balance(ac)+l.Savings(ac) {
					t.Fatalf("%s: account %d: lots %v, ordinary %s, grant %s, savings %s, balance %s, holdings %s do not agree",
						what, ac, lots, ledger.Format(l.Ordinary(ac)), ledger.Format(l.Grant(ac)), ledger.Format(l.Savings(ac)),
						ledger.Format(l.Balance(ac)), ledger.Format(l.Holdings(ac)))
				}
			}
		}
		if err := j.Close(l); err != nil {
			t.Fatalf("Close() = %v, want nil", err)
		}
		// The program issues and expires as the ledger allows, not on the economy's
		// schedule, so it is held to the ledger's rules only.
		rep, err := ledger.AuditWith(bytes.NewReader(buf.Bytes()), ledger.AuditOptions{LedgerOnly: true})
		if err != nil {
			t.Fatalf("Audit() of the program's journal = %v, want nil", err)
		}
		if d := diffBalances(snap(rep.Ledger), snap(l), true); d != "" {
			t.Fatalf("Audit() rebuilt a different ledger: %s", d)
		}
	})
}

// FuzzAudit feeds arbitrary bytes to Audit, as they are and with the hash chain
// recomputed (so that entries the hash would reject reach the replay), and asserts
// that it never panics, fails only with a *JournalError naming a line, and that a
// journal it passes rebuilds a conserved ledger.
func FuzzAudit(f *testing.F) {
	data, _ := journalOf(f)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(nil))
	f.Add([]byte(ledger.JournalHeader + "\n"))
	f.Add(handWritten())
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(how string, d []byte) {
			rep, err := ledger.Audit(bytes.NewReader(d))
			if err != nil {
				var je *ledger.JournalError
				if !errors.As(err, &je) || je.Line < 1 || je.Seq < 0 {
					t.Fatalf("Audit(%s) = %v, want a *JournalError naming a line", how, err)
				}
				return
			}
			if rep.Ledger == nil || rep.Entries < 1 {
				t.Fatalf("Audit(%s) passed with report %+v, want a ledger and entries", how, rep)
			}
			if err := rep.Ledger.CheckConservation(); err != nil {
				t.Fatalf("Audit(%s) passed a journal whose ledger is not conserved: %v", how, err)
			}
		}
		check("as is", data)
		ls := strings.Split(string(data), "\n")
		check("rehashed", []byte(strings.Join(rechain(ls), "\n")))
	})
}

// handWritten is a journal written by hand (with the hashes computed): a member
// opened, a grant lot issued and expired, an asset with a comma in its name.
func handWritten() []byte {
	return join(rechain([]string{
		ledger.JournalHeader,
		"1,1,open,0,-1,0,0,member,0,0,",
		"2,1,issue,0,-1,0,5,other,0,2,",
		"3,1,asset,1,-1,-1,0,\"x\\x2cy\",0,0,",
		"4,2,expire,0,0,-1,5,other,2,0,",
		"5,2,end,0,-1,-1,0,end,4,0,",
	}))
}

func TestAuditHandWritten(t *testing.T) {
	rep, err := ledger.Audit(bytes.NewReader(handWritten()))
	if err != nil {
		t.Fatalf("Audit() = %v, want nil", err)
	}
	l := rep.Ledger
	if l.Len() != 1 || l.Issued() != tok(5) || l.Expired() != tok(5) || l.Supply() != 0 || l.AssetName(1) != "x,y" || rep.Entries != 5 || rep.Ticks != 2 {
		t.Errorf("rebuilt %d accounts, issued %s, expired %s, supply %s, asset %q, %d entries, %d ticks; want 1, 5, 5, 0, \"x,y\", 5, 2",
			l.Len(), ledger.Format(l.Issued()), ledger.Format(l.Expired()), ledger.Format(l.Supply()), l.AssetName(1), rep.Entries, rep.Ticks)
	}
}

// TestScenarioCoversEveryOp: the scenario behind the journal tests and the FuzzAudit
// seed writes every kind of journal entry.
func TestScenarioCoversEveryOp(t *testing.T) {
	data, _ := journalOf(t)
	ops := map[string]bool{}
	for _, ln := range lines(data)[1:] {
		ops[field(ln, 2)] = true
	}
	want := []string{"asset", "burn", "close", "end", "expire", "issue", "open", "save", "transfer", "withdraw"}
	if got := slices.Sorted(maps.Keys(ops)); !slices.Equal(got, want) {
		t.Errorf("journal operations %v, want %v", got, want)
	}
}

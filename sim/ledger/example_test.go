package ledger_test

import (
	"bytes"
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

func Example() {
	l := ledger.New(ledger.Options{})
	ann := l.Open(ledger.KindMember)
	bakery := l.Open(ledger.KindCoop)
	l.SetTime(1, 1) // tick 1, month 1

	// The bakery is granted 100 tokens that expire, unspent, at the end of month 2.
	if err := l.Issue(bakery, ledger.Tokens(100), 2, ledger.TxProgramme, 0); err != nil {
		fmt.Println(err)
	}
	// It pays Ann a wage from its grant; Ann receives ordinary tokens.
	if err := l.Transfer(bakery, ann, ledger.Tokens(60), ledger.TxWage, 0); err != nil {
		fmt.Println(err)
	}
	// Ann buys bread. The bakery takes ordinary tokens.
	if err := l.Transfer(ann, bakery, ledger.Tokens(2.35), ledger.TxPurchase, 0); err != nil {
		fmt.Println(err)
	}
	// A purchase must be paid to the co-op that offers it (operating rule 2).
	fmt.Println(l.Transfer(bakery, ann, ledger.Tokens(1), ledger.TxPurchase, 0))

	fmt.Println("ann:", ledger.Format(l.Balance(ann)))
	fmt.Println("bakery:", ledger.Format(l.Ordinary(bakery)), "ordinary +", ledger.Format(l.Grant(bakery)), "grant")

	l.SetTime(2, 2)
	fmt.Println("expired at the end of month 2:", ledger.Format(l.Expire(2)))
	fmt.Println("supply:", ledger.Format(l.Supply()), "=", ledger.Format(l.Issued()), "-", ledger.Format(l.Expired()))
	fmt.Println("conservation:", l.CheckConservation())
	fmt.Println("rejections by rule:", l.Rejections())
	// Output:
	// operating rule 2: a purchase must be paid to the registered co-op that offers it
	// ann: 57.65
	// bakery: 2.35 ordinary + 40 grant
	// expired at the end of month 2: 40
	// supply: 60 = 100 - 40
	// conservation: <nil>
	// rejections by rule: [0 0 1 0]
}

func ExampleAudit() {
	var buf bytes.Buffer
	l := ledger.New(ledger.Options{})
	j := ledger.NewJournal(&buf)
	if err := l.SetJournal(j); err != nil {
		fmt.Println(err)
	}
	a, b := l.Open(ledger.KindMember), l.Open(ledger.KindMember)
	l.SetTime(1, 1)
	_ = l.Issue(a, ledger.Tokens(10), 0, ledger.TxGift, 0)
	_ = l.Transfer(a, b, ledger.Tokens(0.25), ledger.TxGift, 0)
	if err := j.Close(l); err != nil {
		fmt.Println(err)
	}

	rep, err := ledger.Audit(bytes.NewReader(buf.Bytes()))
	fmt.Println(err, rep.Entries, "entries")
	fmt.Println(ledger.Format(rep.Ledger.Balance(a)), ledger.Format(rep.Ledger.Balance(b)))

	// Change one figure and the audit names the line.
	tampered := bytes.Replace(buf.Bytes(), []byte(",0.25,"), []byte(",2.5,"), 1)
	_, err = ledger.Audit(bytes.NewReader(tampered))
	fmt.Println(err)
	// Output:
	// <nil> 5 entries
	// 9.75 0.25
	// line 5 (entry 4): hash does not match: this entry (or the chain before it) was altered
}

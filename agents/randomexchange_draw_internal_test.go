package agents

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestDrawPayeesIsDraw32: the draws written out in drawPayees are draw32.below's, to
// the bit, rejections included. With n-1 = 3 x 2^29 members to choose from, 3/8 of
// the first products fall in Lemire's low band and a quarter of those are rejected
// (the threshold is 2^32 mod (n-1) = 2^30), so both paths run thousands of times.
func TestDrawPayeesIsDraw32(t *testing.T) {
	const members, n1 = 4000, 3 << 29
	l := ledger.New(ledger.Options{})
	first := l.OpenN(ledger.KindMember, members)
	if err := l.IssueN(first, members/2, ledger.Unit, ledger.TxGift, 0); err != nil { // the rest hold nothing
		t.Fatal(err)
	}
	r := &RandomExchange{ledger: l, members: first, n: n1 + 1, unit: ledger.Unit}
	b := l.NewBatch()
	var src, ref rand.PCG
	src.Seed(7, 8)
	ref.Seed(7, 8)
	payees := make([]ledger.AccountID, members)
	r.drawPayees(b, &src, 0, payees, 0, false)
	d := draw32{src: &ref}
	draws := 0
	for i, got := range payees {
		if i >= members/2 {
			if got != ledger.NoAccount {
				t.Fatalf("member %d holds nothing but pays %d", i, got)
			}
			continue
		}
		j := int(d.below(n1))
		draws++
		if j >= i {
			j++
		}
		if want := first + ledger.AccountID(j); got != want {
			t.Fatalf("member %d pays %d, want %d (draw32)", i, got, want)
		}
	}
	if src != ref {
		t.Error("drawPayees left the stream elsewhere than draw32 did")
	}
	// Each rejection takes one more 32-bit half: count the halves the stream gave.
	var fresh rand.PCG
	fresh.Seed(7, 8)
	outputs := 0
	for fresh != ref {
		fresh.Uint64()
		outputs++
	}
	halves := 2 * outputs
	if d.half {
		halves-- // one half drawn but not used yet
	}
	t.Logf("%d draws took %d halves", draws, halves)
	if halves-draws < 100 {
		t.Errorf("%d draws took %d halves: too few rejections for the test to reach that path", draws, halves)
	}
}

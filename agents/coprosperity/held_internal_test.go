package coprosperity

import (
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestHeldAgainstMap drives the hash table and a Go map with the same random adds
// and removals (on few keys, so that entries collide, empty and refill, and backward
// shifts run) and checks every key and the enumeration after each step.
func TestHeldAgainstMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	h := newHeld(4) // starts small, so it grows too
	ref := map[uint64]ledger.Amount{}
	for step := range 20000 {
		a, b := int32(r.IntN(40)), int32(r.IntN(40))
		if r.IntN(8) == 0 {
			a = fund
		}
		k := pair(a, b)
		v := ledger.Amount(r.IntN(5) + 1)
		if ref[k] > 0 && r.IntN(2) == 0 {
			v = -min(v, ref[k])
			if r.IntN(3) == 0 {
				v = -ref[k] // empty it
			}
		}
		h.add(a, b, v)
		if ref[k] += v; ref[k] == 0 {
			delete(ref, k)
		}
		if step%97 != 0 {
			continue
		}
		n := 0
		var total ledger.Amount
		h.each(func(x, y int32, got ledger.Amount) {
			n++
			total += got
			if want := ref[pair(x, y)]; got != want {
				t.Fatalf("step %d: (%d, %d) enumerated %d, map %d", step, x, y, got, want)
			}
		})
		for k, want := range ref {
			x, y := unpair(k)
			if got := h.get(x, y); got != want {
				t.Fatalf("step %d: get(%d, %d) = %d, map %d", step, x, y, got, want)
			}
			total -= want
		}
		if n != len(ref) || total != 0 || h.n != len(ref) {
			t.Fatalf("step %d: %d entries (count %d), map %d; totals differ by %d", step, n, h.n, len(ref), total)
		}
	}
}

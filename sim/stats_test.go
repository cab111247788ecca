package sim

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// ranged is amounts that also copy runs of values (a Ranger), counting what it was
// asked for (from the histogram's goroutines at once).
type ranged struct {
	amounts
	values, copied atomic.Int64
}

func (r *ranged) Value(i int) ledger.Amount { r.values.Add(1); return r.amounts[i] }

func (r *ranged) CopyValues(lo int, dst []ledger.Amount) {
	r.copied.Add(int64(len(dst)))
	copy(dst, r.amounts[lo:])
}

// TestRangerMatchesValues: a Ranger is measured from its copied runs, and gives the
// same figures to the last bit as the same values read one by one, exactly (up to
// ExactLimit) and from the histogram (above it), negative values included.
func TestRangerMatchesValues(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 999, ExactLimit, ExactLimit + 1, 100_000} {
		vals := make(amounts, n)
		for i := range vals {
			vals[i] = ledger.Amount(r.ExpFloat64()*1e8) - 1e6 // a few negative: they count as 0
		}
		var one, two Distribution
		two.SetPool(NewPool(2))
		g1, a1, b1, c1 := one.Measure(vals)
		rv := &ranged{amounts: vals}
		g2, a2, b2, c2 := two.Measure(rv)
		if g1 != g2 || a1 != a2 || b1 != b2 || c1 != c2 {
			t.Errorf("n=%d: from a Ranger %g %g %g %g, from Value %g %g %g %g", n, g2, a2, b2, c2, g1, a1, b1, c1)
		}
		if v, c := rv.values.Load(), rv.copied.Load(); v != 0 || c != int64(n) {
			t.Errorf("n=%d: Measure read %d values one by one and copied %d, want 0 and %d", n, v, c, n)
		}
	}
}

// TestSetDue: a distribution that is not due returns the last figures without reading
// a value; the first measurement is made whatever SetDue said, and a due one reads the
// values again.
func TestSetDue(t *testing.T) {
	vals := &ranged{amounts: amounts{1, 2, 3, 10}}
	reads := func() int64 { return vals.values.Load() + vals.copied.Load() }
	var d Distribution
	d.SetDue(false)
	g1, _, _, p90 := d.Measure(vals)
	first := reads()
	if first == 0 {
		t.Fatal("the first Measure read no value, want it to measure even when not due")
	}
	vals.amounts[3] = 100 // more unequal
	if g, _, _, q := d.Measure(vals); g != g1 || q != p90 || reads() != first {
		t.Errorf("not due: Measure = Gini %g, p90 %g after reading %d values; want %g, %g and no reading", g, q, reads()-first, g1, p90)
	}
	d.SetDue(true)
	if g, _, _, _ := d.Measure(vals); g <= g1 || reads() == first {
		t.Errorf("due: Measure = Gini %g, want above %g (measured anew)", g, g1)
	}
}

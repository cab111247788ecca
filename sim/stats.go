package sim

import (
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// Distribution computes the Gini coefficient and quantiles of holdings, reusing buf
// (grown as needed) so that measuring every tick does not allocate in steady state.
type Distribution struct{ buf []ledger.Amount }

// Measure returns the Gini coefficient and the 10th, 50th and 90th percentiles (in
// tokens) of the values given by get for i in [0, n).
func (d *Distribution) Measure(n int, get func(i int) ledger.Amount) (gini, p10, p50, p90 float64) {
	if n == 0 {
		return 0, 0, 0, 0
	}
	d.buf = slices.Grow(d.buf[:0], n)[:n]
	for i := range n {
		d.buf[i] = get(i)
	}
	slices.Sort(d.buf)
	return Gini(d.buf), q(d.buf, 0.1), q(d.buf, 0.5), q(d.buf, 0.9)
}

func q(sorted []ledger.Amount, p float64) float64 {
	return ledger.Float(sorted[int(p*float64(len(sorted)-1)+0.5)])
}

// Gini returns the Gini coefficient of sorted non-negative values (0 for none or an
// all-zero set).
func Gini(sorted []ledger.Amount) float64 {
	var sum, weighted float64
	for i, v := range sorted {
		f := float64(v)
		sum += f
		weighted += float64(i+1) * f
	}
	n := float64(len(sorted))
	if sum == 0 || n == 0 {
		return 0
	}
	return (2*weighted)/(n*sum) - (n+1)/n
}

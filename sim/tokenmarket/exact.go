package tokenmarket

import (
	"math"
	"math/bits"
)

// mulDiv returns floor(a x b / c) for a, b >= 0 and c > 0, exactly (the product is
// taken in 128 bits), saturating at math.MaxInt64 when the quotient does not fit.
func mulDiv(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
}

// value is what q micro-tokens cost at price p, in micro-units of cash, rounded down.
func value(q int64, p Price) Cash { return mulDiv(q, p, Micro) }

// afford is how many micro-tokens m micro-units of cash buy at price p, rounded down
// (so that value(afford(m, p), p) <= m).
func afford(m Cash, p Price) int64 { return mulDiv(m, Micro, p) }

// Share splits total among parts in proportion to their weights by cumulative
// rounding: part k gets floor(total C_k / W) - floor(total C_{k-1} / W), C the running
// sum of weights and W their sum, so the parts add up to total exactly and each is
// within one unit of its exact share. out[k] receives part k. Weights and total are
// non-negative; W is at most math.MaxInt64 (the callers' weights are holdings or
// fills, which the supply bounds).
func Share(total int64, weights []int64, out []int64) {
	var w int64
	for _, x := range weights {
		w += x
	}
	if w == 0 {
		clear(out[:len(weights)])
		return
	}
	var cum, prev int64
	for k, x := range weights {
		cum += x
		next := mulDiv(total, cum, w)
		out[k] = next - prev
		prev = next
	}
}

// toMicro converts a float number of whole units to micro-units, rounding down and
// saturating at [0, limit].
func toMicro(v float64, limit int64) int64 {
	x := v * Micro
	switch {
	case !(x > 0): // NaN too
		return 0
	case x >= float64(limit):
		return limit
	}
	return int64(x)
}

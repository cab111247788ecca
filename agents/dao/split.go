package dao

import (
	"errors"
	"math"
	"math/bits"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// Splitting an amount pro rata, exactly: every payment the platform splits (prizes by
// contribution, royalties by holding, dividends by stake, bundles by contribution
// share, achievement tokens by contribution) goes through Split, so that the parts
// always sum to the whole, to the unit.

// errWeights is a split over weights that are negative, all zero, or sum past an int64.
var errWeights = errors.New("dao: split weights must be non-negative, not all zero, and sum within an int64")

// Splitter splits amounts by the largest-remainder (Hamilton) method: part i is
// ⌊total·w_i/W⌋, and the units left over (fewer than the number of parts with a
// remainder) go one each to the parts with the largest remainders, ties to the lower
// index. So Σ parts = total exactly, and each part is within one unit of the exact
// share total·w_i/W. Its scratch is reused: a warm Splitter allocates nothing.
type Splitter struct {
	rem []uint64
	idx []int32
}

// Split writes into out (len(w)) the split of total ≥ 0 by weights w.
func (s *Splitter) Split(total ledger.Amount, w []int64, out []ledger.Amount) error {
	if total < 0 || len(out) != len(w) {
		return errWeights
	}
	var sum int64
	for _, x := range w {
		if x < 0 || x > math.MaxInt64-sum {
			return errWeights
		}
		sum += x
	}
	if sum == 0 {
		return errWeights
	}
	s.rem = grow(s.rem, len(w))
	s.idx = s.idx[:0]
	W := uint64(sum)
	left := total
	for i, x := range w {
		// total·w_i < 2^63·W, so the high word is below W and Div64 cannot overflow;
		// the quotient is at most total.
		hi, lo := bits.Mul64(uint64(total), uint64(x))
		q, r := bits.Div64(hi, lo, W)
		out[i] = ledger.Amount(q)
		left -= out[i]
		s.rem[i] = r
		if r > 0 {
			s.idx = append(s.idx, int32(i))
		}
	}
	if left == 0 {
		return nil
	}
	// left < the number of parts with a remainder: Σ r_i/W = left, each r_i/W < 1.
	rem := s.rem
	slices.SortFunc(s.idx, func(a, b int32) int {
		switch {
		case rem[a] > rem[b]:
			return -1
		case rem[a] < rem[b]:
			return 1
		}
		return int(a - b)
	})
	for _, i := range s.idx[:left] {
		out[i]++
	}
	return nil
}

// grow returns s with length n, reusing its storage when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

package ledger

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Amount is a quantity of tokens in micro-tokens: 1 token is 1,000,000 units.
// Money is never held as a float.
type Amount = int64

// Unit is one whole token in micro-tokens.
const Unit Amount = 1_000_000

// Tokens converts a (possibly fractional) number of tokens to an Amount. It is the
// one place where a float becomes money: it rounds half away from zero, once.
// Values beyond the int64 range saturate.
func Tokens(t float64) Amount { return round(t * float64(Unit)) }

// Scale returns a*r rounded once. It is how rates (shares, factors) apply to money.
func Scale(a Amount, r float64) Amount { return round(float64(a) * r) }

// round rounds a number of micro-tokens half away from zero, saturating beyond the
// int64 range; NaN gives 0. It is the one place a float becomes money, and it is on
// the engine's hot path (three times a member a tick), so it avoids math.Round, and
// its common case is small enough to inline: for 0.5 <= v < 2^52, truncating the
// float sum v+0.5 gives floor(v+0.5) exactly. (That sum is a multiple of v's unit in
// the last place, so it rounds only where it reaches the next power of two, 2^k > v;
// then it is at least 2^k and less than 2^k+0.5, and rounding leaves its integer part
// 2^k. Below 0.5 the sum can round up to 1: 0.5-2^-54 would. From 2^52 on, v is an
// integer and a sum ending in .5 rounds to even.) TestRoundFast checks it against
// roundSlow, the definition.
func round(v float64) Amount {
	if v >= 0.5 && v < 1<<52 {
		// float64(v): v rounded before the sum. Inlined into Scale, v+0.5 would
		// otherwise be a*r+0.5, which the compiler may fuse into one multiply-add
		// rounded once (it does on arm64, and on amd64 with GOAMD64=v3).
		return Amount(float64(v) + 0.5)
	}
	return roundSlow(v)
}

// roundSlow is round for any v: the definition.
func roundSlow(v float64) Amount {
	switch {
	case v >= 0 && v < 1<<62:
		a := Amount(v) // truncates
		if v-float64(a) >= 0.5 {
			a++
		}
		return a
	case v < 0 && v > -(1<<62):
		a := Amount(v)
		if float64(a)-v >= 0.5 {
			a--
		}
		return a
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	case math.IsNaN(v):
		return 0
	}
	return Amount(math.Round(v))
}

// Trunc converts a number of micro-tokens to an Amount by truncating, as Go's
// conversion does, but saturating beyond the int64 range (NaN gives 0), so that an
// enormous value becomes the largest amount rather than a negative one.
func Trunc(v float64) Amount {
	switch {
	case v > -(1<<62) && v < 1<<62:
		return Amount(v)
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	case math.IsNaN(v):
		return 0
	}
	return Amount(v)
}

// Split divides total into a part of share r and the rest, so that the two parts add
// up to total exactly: the rounding remainder stays with the rest.
func Split(total Amount, r float64) (part, rest Amount) {
	part = Scale(total, r)
	if total >= 0 {
		part = min(max(part, 0), total)
	}
	return part, total - part
}

// Float returns a as a float number of tokens (for statistics and charts only).
func Float(a Amount) float64 { return float64(a) / float64(Unit) }

// Format writes a as an exact decimal number of tokens ("12.5", "-0.000001", "3").
func Format(a Amount) string { return string(AppendFormat(nil, a)) }

// AppendFormat appends the exact decimal form of a to b, without allocating beyond b.
func AppendFormat(b []byte, a Amount) []byte {
	if a < 0 {
		b = append(b, '-')
		if a == math.MinInt64 {
			return append(b, "9223372036854.775808"...)
		}
		a = -a
	}
	b = strconv.AppendInt(b, a/Unit, 10)
	frac := a % Unit
	if frac == 0 {
		return b
	}
	var digits [6]byte
	for i := 5; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := 6
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

// Parse reads an exact decimal number of tokens, as written by Format.
func Parse(s string) (Amount, error) {
	if s == "" {
		return 0, errors.New("empty amount")
	}
	neg := false
	t := s
	if t[0] == '-' {
		neg, t = true, t[1:]
	}
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" || (hasFrac && (frac == "" || len(frac) > 6)) {
		return 0, fmt.Errorf("amount %q: want a decimal with at most 6 places", s)
	}
	w, err := strconv.ParseUint(whole, 10, 63)
	if err != nil || w > math.MaxInt64/uint64(Unit) {
		return 0, fmt.Errorf("amount %q: out of range", s)
	}
	u := w * uint64(Unit)
	if hasFrac {
		f, err := strconv.ParseUint(frac, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("amount %q: bad fraction", s)
		}
		for i := len(frac); i < 6; i++ {
			f *= 10
		}
		u += f
	}
	// The whole part fits, but the fraction can still take it past the int64 range
	// (only -9223372036854.775808 reaches 2^63).
	if limit := uint64(math.MaxInt64); u > limit && !(neg && u == limit+1) {
		return 0, fmt.Errorf("amount %q: out of range", s)
	}
	a := Amount(u)
	if neg {
		a = -a
	}
	return a, nil
}

// Rate is a non-negative share or factor in 32.32 fixed point, for applying rates on
// the engine's hot paths with one integer multiply. Of truncates toward zero: the part
// not taken stays where it was, so nothing is lost.
type Rate uint64

// RateOf converts r (0 <= r < 2^31) to a Rate.
func RateOf(r float64) Rate {
	if r <= 0 || math.IsNaN(r) {
		return 0
	}
	return Rate(float64(r*(1<<32)) + 0.5) // float64: the product rounded, never fused with the sum
}

// Of returns a*r for a >= 0, truncated.
func (r Rate) Of(a Amount) Amount {
	hi, lo := bits.Mul64(uint64(a), uint64(r))
	return Amount(hi<<32 | lo>>32)
}

// Float returns r as a float.
func (r Rate) Float() float64 { return float64(r) / (1 << 32) }

package screens

import (
	"math"
	"strconv"
	"strings"

	"github.com/copex/copex/sim/ledger"
)

// plural says n things: "1 month", "3 months", "0 apprentices".
func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// monthsOf says a length of time in months to a tenth: "1 month", "2.5 months".
func monthsOf(m float64) string {
	r := math.Round(m*10) / 10
	if r == 1 {
		return "1 month"
	}
	return strconv.FormatFloat(r, 'f', -1, 64) + " months"
}

// tokens is how every amount of tokens is shown to the player: whole tokens with
// thousands separated ("28,102"), except amounts under 100 tokens, where the hundredths
// matter (a price of 19.50) and two decimals are shown ("19.50", "0.75"); a whole
// small amount shows no decimals ("20"). The exact amounts stay in the game and its
// exports. Rounding is half away from zero, on the int64 micro-tokens, never through
// a float. No sum overflows: the small branch adds half a hundredth to less than 100
// tokens; the large one adds 1 to a count of whole tokens, at most MaxInt64/10⁶.
func tokens(a ledger.Amount) string {
	micro := int64(a)
	neg := micro < 0
	if neg {
		if micro == math.MinInt64 {
			micro++ // one micro-token cannot change the rounded figure
		}
		micro = -micro
	}
	const unit = int64(ledger.Unit)
	var s string
	if micro < 100*unit {
		cents := (micro + unit/200) / (unit / 100)
		s = strconv.FormatInt(cents/100, 10)
		if c := cents % 100; c != 0 {
			s += "." + string('0'+byte(c/10)) + string('0'+byte(c%10))
		}
	} else {
		whole := micro / unit
		if micro%unit >= unit/2 {
			whole++
		}
		s = thousands(whole)
	}
	if neg && s != "0" {
		s = "−" + s
	}
	return s
}

// thousands writes n ≥ 0 with commas between groups of three digits.
func thousands(n int64) string {
	d := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tokensOf is tokens for an amount the game gives as a float of tokens.
func tokensOf(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 9e12 {
		return strconv.FormatFloat(x, 'g', 4, 64)
	}
	return tokens(ledger.Tokens(x))
}

package game

import (
	"math"
	"strconv"

	"github.com/copex/copex/sim/ledger"
)

// Amounts and counts in the game's texts are written for people: whole tokens with
// thousands separated, prices to the hundredth, and plurals that agree. The exact
// micro-token amounts stay in the figures (Period, View) and the exports.

// whole writes amount in whole tokens, rounded, with commas between thousands:
// 83,525.
func whole(a ledger.Amount) string {
	n := int64(math.Round(ledger.Float(a)))
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// price writes a price to the hundredth of a token, without needless zeros: 19.5,
// 1.78, 20.
func price(a ledger.Amount) string {
	return strconv.FormatFloat(math.Round(ledger.Float(a)*100)/100, 'f', -1, 64)
}

// plural writes n and the word for n of them: "1 month", "3 months".
func plural(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.FormatInt(n, 10) + " " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

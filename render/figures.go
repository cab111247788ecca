package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Figure is one key figure of a run, ready to show: "Co-ops alive", "12".
type Figure struct {
	Label, Value string
}

// KeyFigures returns the key figures of a run from its metrics table: the state at the
// last tick, and totals over the run. Amounts are exact token decimals (ledger.Format,
// with thousands separated by commas). Totals of monthly columns (sales, unmet wants,
// Foundation spending) add up the last tick of each month, so that a weekly clock does
// not count a month more than once. An empty table has no key figures.
func KeyFigures(t *sim.Table) []Figure {
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	last := t.Last()
	total := func(name string) (ledger.Amount, bool) {
		c, ok := t.Col(name)
		if !ok {
			return 0, false
		}
		var sum ledger.Amount
		for i, r := range t.Rows {
			if i+1 < len(t.Rows) && t.Rows[i+1].Month == r.Month {
				continue // not the month's last tick
			}
			sum += r.Amount(c)
		}
		return sum, true
	}
	var out []Figure
	add := func(label, name string, format func(c sim.Col) string) {
		if c, ok := t.Col(name); ok {
			out = append(out, Figure{label, format(c)})
		}
	}
	cnt := func(c sim.Col) string { return count(last.Int(c)) }
	tok := func(c sim.Col) string { return tokens(last.Amount(c)) }
	rat := func(c sim.Col) string { return ratio(last.Float(c)) }
	sum := func(label, name string) {
		if v, ok := total(name); ok {
			out = append(out, Figure{label, tokens(v)})
		}
	}
	add("Members", "members", cnt)
	add("Co-ops alive", "coops_alive", cnt)
	add("Co-ops started", "coops_started", cnt)
	add("Co-ops failed", "coops_failed", cnt)
	add("Token supply", "supply", tok)
	add("Circulating tokens", "circulating", tok)
	add("Offered value, last month", "offered_value", tok)
	add("Balance ratio", "balance_ratio", rat)
	add("Price index", "price_index", rat)
	add("Price index change since the start", "price_index", func(c sim.Col) string { return change(last.Float(c)) })
	sum("Total sales", "sales_value")
	add("Unmet wants, last month", "unmet_wants_value", tok)
	sum("Unmet wants, total", "unmet_wants_value")
	add("Foundation balance", "foundation_balance", tok)
	sum("Foundation spending, total", "foundation_spend")
	add("Gini coefficient", "gini", rat)
	add("Rule violations", "rule_violations", cnt)
	return out
}

// count writes a whole number with thousands separators.
func count(n int64) string { return group(strconv.FormatInt(n, 10)) }

// tokens writes an amount exactly, with thousands separators: "1,234.5 tokens".
func tokens(a ledger.Amount) string { return group(ledger.Format(a)) + " tokens" }

// ratio writes a ratio to three decimals.
func ratio(r float64) string { return strconv.FormatFloat(r, 'f', 3, 64) }

// change writes the change of an index from 1 as a signed percentage.
func change(index float64) string {
	if math.IsNaN(index) || math.IsInf(index, 0) {
		return "n/a"
	}
	pct := math.Round((index-1)*1000) / 10
	if pct == 0 {
		pct = 0 // not -0
	}
	return fmt.Sprintf("%+.1f%%", pct)
}

// group puts commas between the thousands of a decimal number's whole part.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Count writes a whole number with thousands separators, as the report does: "6,000".
func Count(n int64) string { return count(n) }

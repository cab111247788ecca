package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// runSummary is the line copex run prints after a run: the last tick's supply, offer,
// price index, co-ops alive and Gini coefficient, those of them the model has.
func runSummary(t *sim.Table) string {
	last := t.Last()
	if last == nil {
		return "no ticks run"
	}
	var parts []string
	for _, f := range []struct{ col, label string }{
		{"supply", "supply"}, {"offered_value", "offered"}, {"price_index", "price index"},
		{"coops_alive", "co-ops alive"}, {"gini", "Gini"},
	} {
		c, ok := t.Col(f.col)
		if !ok {
			continue
		}
		var v string
		switch t.Columns()[c].Kind {
		case sim.KindAmount:
			v = ledger.Format(last.Amount(c))
			if f.col == "supply" {
				v += " tokens"
			}
		case sim.KindCount:
			v = strconv.FormatInt(last.Int(c), 10)
		default:
			v = fmt.Sprintf("%.3f", last.Float(c))
		}
		parts = append(parts, f.label+" "+v)
	}
	return strings.Join(parts, ", ")
}

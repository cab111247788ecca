package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/copex/copex/runs"
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

// printPhaseTimes prints the time each phase of the tick took over a run (--phase-times),
// with its share of the tick loop and its time per tick it ran on.
func printPhaseTimes(w io.Writer, m runs.Manifest) {
	var total float64
	for _, p := range m.PhaseSeconds {
		total += p.Seconds
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\tseconds\tshare\tms a run\t")
	for _, p := range m.PhaseSeconds {
		share, per := 0.0, 0.0
		if total > 0 {
			share = 100 * p.Seconds / total
		}
		if p.Runs > 0 {
			per = 1000 * p.Seconds / float64(p.Runs)
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.1f%%\t%.3f\t\n", p.Phase, p.Seconds, share, per)
	}
	tw.Flush()
}

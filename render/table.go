package render

import (
	"strings"

	"github.com/copex/copex/sim"
)

// This file is the only place where the charts read a run's metrics table: its length,
// its column names, a column as floats, and each row's tick and month.

// rows returns how many rows (ticks) t has; a nil table has none.
func rows(t *sim.Table) int {
	if t == nil {
		return 0
	}
	return t.Len()
}

// column returns the named column of t as floats (tokens for amounts), or nil if t has
// no such column.
func column(t *sim.Table, name string) []float64 { return t.Series(name) }

// columnsWithPrefix returns what follows prefix in the names of t's columns that start
// with it, in column order, except the names in but: for "unmet_", the sectors.
func columnsWithPrefix(t *sim.Table, prefix string, but ...string) []string {
	var out []string
	for _, c := range t.Columns() {
		rest, ok := strings.CutPrefix(c.Name, prefix)
		if !ok || rest == "" {
			continue
		}
		skip := false
		for _, b := range but {
			skip = skip || c.Name == b
		}
		if !skip {
			out = append(out, rest)
		}
	}
	return out
}

// tickMonth returns the tick and the month of t's i-th row.
func tickMonth(t *sim.Table, i int) (tick, month int) { return t.Rows[i].Tick, t.Rows[i].Month }

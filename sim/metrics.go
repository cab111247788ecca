package sim

import (
	"math"
	"strconv"

	"github.com/copex/copex/sim/ledger"
)

// ColumnKind says how a metrics column is written.
type ColumnKind uint8

// Column kinds.
const (
	KindCount  ColumnKind = iota // a whole number
	KindAmount                   // tokens, written as an exact decimal
	KindRatio                    // a float
)

// Column describes one metrics column: what the code that produces it registered.
type Column struct {
	Name string
	Kind ColumnKind
	Doc  string
}

// Col is a registered column's handle: the index of its value in a row.
type Col int32

// Metrics is one tick's row of measurements (MODEL §11): the tick, its month and the
// value of every registered column. Amounts are micro-tokens, ratios are stored as
// their float64 bits. A row's columns are those of the Table it belongs to.
type Metrics struct {
	Tick, Month int
	vals        []int64
}

// Int returns a count or amount column's value.
func (m *Metrics) Int(c Col) int64 { return m.vals[c] }

// Amount returns an amount column's value.
func (m *Metrics) Amount(c Col) ledger.Amount { return m.vals[c] }

// Float returns a ratio column's value.
func (m *Metrics) Float(c Col) float64 { return math.Float64frombits(uint64(m.vals[c])) }

// Set sets a count or amount column.
func (m *Metrics) Set(c Col, v int64) { m.vals[c] = v }

// Add adds to a count or amount column.
func (m *Metrics) Add(c Col, v int64) { m.vals[c] += v }

// SetFloat sets a ratio column.
func (m *Metrics) SetFloat(c Col, v float64) { m.vals[c] = int64(math.Float64bits(v)) }

// Table holds a run's metrics, one row per tick, with the columns registered for the
// run in their registration order.
type Table struct {
	Rows    []Metrics
	cols    []Column
	byName  map[string]Col
	backing []int64 // values of the rows made by AddRow, in blocks
}

// The run's own columns, first in every table.
const (
	ColTick  Col = iota // tick number, from 1
	ColMonth            // month of the tick, from 1
	numRunColumns
)

var runColumns = [numRunColumns]Column{
	{"tick", KindCount, "tick number, from 1"},
	{"month", KindCount, "month of the tick, from 1"},
}

// NewTable returns an empty table with the run's own columns (tick, month) followed by
// cols, normally those a Registry collected (Registry.Table).
func NewTable(cols []Column) *Table {
	all := make([]Column, 0, len(cols)+int(numRunColumns))
	all = append(append(all, runColumns[:]...), cols...)
	t := &Table{cols: all, byName: make(map[string]Col, len(all))}
	for i, c := range all {
		t.byName[c.Name] = Col(i)
	}
	return t
}

// Columns returns the table's columns in order.
func (t *Table) Columns() []Column { return t.cols }

// Col returns the handle of the column called name.
func (t *Table) Col(name string) (Col, bool) {
	c, ok := t.byName[name]
	return c, ok
}

// Reserve makes room for n more rows, so that adding them allocates nothing.
func (t *Table) Reserve(n int) {
	if n <= 0 {
		return
	}
	if cap(t.Rows)-len(t.Rows) < n {
		rows := make([]Metrics, len(t.Rows), len(t.Rows)+n)
		copy(rows, t.Rows)
		t.Rows = rows
	}
	if need := n * len(t.cols); cap(t.backing)-len(t.backing) < need {
		t.backing = make([]int64, 0, need)
	}
}

// AddRow appends a zeroed row for tick and month and returns it.
func (t *Table) AddRow(tick, month int) *Metrics {
	n := len(t.cols)
	if cap(t.backing)-len(t.backing) < n {
		t.backing = make([]int64, 0, max(64*n, n))
	}
	i := len(t.backing)
	t.backing = t.backing[:i+n]
	t.Rows = append(t.Rows, Metrics{Tick: tick, Month: month, vals: t.backing[i : i+n : i+n]})
	m := &t.Rows[len(t.Rows)-1]
	m.vals[ColTick], m.vals[ColMonth] = int64(tick), int64(month)
	return m
}

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Rows) }

// Value returns the named column of row m as a float (tokens for amounts), and
// whether the table has that column.
func (t *Table) Value(m *Metrics, name string) (float64, bool) {
	c, ok := t.byName[name]
	if !ok {
		return 0, false
	}
	return t.float(m, c), true
}

func (t *Table) float(m *Metrics, c Col) float64 {
	switch t.cols[c].Kind {
	case KindRatio:
		return m.Float(c)
	case KindAmount:
		return ledger.Float(m.vals[c])
	}
	return float64(m.vals[c])
}

// Series returns a column as floats (tokens for amounts), or nil for an unknown name.
func (t *Table) Series(name string) []float64 {
	c, ok := t.byName[name]
	if !ok {
		return nil
	}
	out := make([]float64, len(t.Rows))
	for i := range t.Rows {
		out[i] = t.float(&t.Rows[i], c)
	}
	return out
}

// Last returns the last row, or nil for an empty table.
func (t *Table) Last() *Metrics {
	if len(t.Rows) == 0 {
		return nil
	}
	return &t.Rows[len(t.Rows)-1]
}

// AppendHeader appends the CSV header line.
func (t *Table) AppendHeader(b []byte) []byte {
	for i, c := range t.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, c.Name...)
	}
	return append(b, '\n')
}

// AppendRow appends one CSV row. Amounts are exact decimals; ratios use the shortest
// representation that reads back to the same float.
func (t *Table) AppendRow(b []byte, m *Metrics) []byte {
	for i, c := range t.cols {
		if i > 0 {
			b = append(b, ',')
		}
		v := m.vals[i]
		switch c.Kind {
		case KindCount:
			b = strconv.AppendInt(b, v, 10)
		case KindAmount:
			b = ledger.AppendFormat(b, v)
		default:
			b = strconv.AppendFloat(b, math.Float64frombits(uint64(v)), 'g', -1, 64)
		}
	}
	return append(b, '\n')
}

// Int returns the named count or amount column of row m; it panics on a name the
// table does not have (for tests and tools that know their columns).
func (t *Table) Int(m *Metrics, name string) int64 { return m.vals[t.must(name)] }

// Float returns the named ratio column of row m; it panics on an unknown name.
func (t *Table) Float(m *Metrics, name string) float64 { return m.Float(t.must(name)) }

// SetInt sets the named count or amount column of row m; it panics on an unknown name.
func (t *Table) SetInt(m *Metrics, name string, v int64) { m.vals[t.must(name)] = v }

// SetFloat sets the named ratio column of row m; it panics on an unknown name.
func (t *Table) SetFloat(m *Metrics, name string, v float64) { m.SetFloat(t.must(name), v) }

func (t *Table) must(name string) Col {
	c, ok := t.byName[name]
	if !ok {
		panic("sim: no metrics column " + strconv.Quote(name))
	}
	return c
}

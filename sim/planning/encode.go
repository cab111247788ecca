package planning

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// PlanCSV writes plan.csv: one row per good (and one for labour, good "labour") per
// round, `year,round,good,price,supply,demand,excess`. Numbers are written in the
// shortest form that reads back to the same float64, so the same plan gives the
// same bytes.
type PlanCSV struct {
	w      io.Writer
	names  []string
	buf    []byte
	header bool
}

// NewPlanCSV returns an encoder writing to w. names labels the goods (nil: their
// indices).
func NewPlanCSV(w io.Writer, names []string) *PlanCSV { return &PlanCSV{w: w, names: names} }

// WriteRound writes the planner's current round (call it from Plan's observer).
func (e *PlanCSV) WriteRound(year, round int, p *Planner) error {
	b := e.buf[:0]
	if !e.header {
		b = append(b, "year,round,good,price,supply,demand,excess\n"...)
		e.header = true
	}
	for k := range p.g + 1 {
		b = strconv.AppendInt(b, int64(year), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(round), 10)
		b = append(b, ',')
		price := p.wage
		if k < p.g {
			price = p.prices[k]
			b = appendName(b, e.names, k)
		} else {
			b = append(b, "labour"...)
		}
		for _, x := range [...]float64{price, p.supply[k], p.demand[k], p.excess[k]} {
			b = append(b, ',')
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		}
		b = append(b, '\n')
	}
	e.buf = b
	if _, err := e.w.Write(b); err != nil {
		return fmt.Errorf("write plan.csv: %w", err)
	}
	return nil
}

// WriteValues writes labour_values.csv, `sector,value`: the embodied hours of a unit
// of each sector's good. names labels the sectors (nil: their indices).
func WriteValues(w io.Writer, v []float64, names []string) error {
	b := []byte("sector,value\n")
	for j, x := range v {
		b = appendName(b, names, j)
		b = append(b, ',')
		b = strconv.AppendFloat(b, x, 'g', -1, 64)
		b = append(b, '\n')
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write labour_values.csv: %w", err)
	}
	return nil
}

// WriteIO writes io.csv, `sector,input,coefficient`: for each sector its direct
// labour per unit (input `labour`, from l; nil: no such rows) and then each input
// good it uses per unit, in input order. names labels the sectors (nil: indices).
func WriteIO(w io.Writer, a *IO, l []float64, names []string) error {
	b := []byte("sector,input,coefficient\n")
	for j := range a.N {
		if l != nil {
			b = appendName(b, names, j)
			b = append(b, ",labour,"...)
			b = strconv.AppendFloat(b, l[j], 'g', -1, 64)
			b = append(b, '\n')
		}
		for k := a.Start[j]; k < a.Start[j+1]; k++ {
			b = appendName(b, names, j)
			b = append(b, ',')
			b = appendName(b, names, int(a.Input[k]))
			b = append(b, ',')
			b = strconv.AppendFloat(b, a.Coef[k], 'g', -1, 64)
			b = append(b, '\n')
		}
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write io.csv: %w", err)
	}
	return nil
}

// appendName appends the name of item k (its index if names is nil), quoted as
// RFC 4180 asks if it holds a comma, a quote or a line break.
func appendName(b []byte, names []string, k int) []byte {
	if names == nil {
		return strconv.AppendInt(b, int64(k), 10)
	}
	n := names[k]
	if !strings.ContainsAny(n, ",\"\r\n") {
		return append(b, n...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(n, `"`, `""`)...)
	return append(b, '"')
}

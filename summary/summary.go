package summary

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/copex/copex/sim"
)

// Funcs are the reductions a metric can name, as "func(column)".
var Funcs = []string{"last", "first", "mean", "sd", "min", "max", "sum", "cv", "growth"}

// Metric is a parsed summary metric: a reduction of one metrics column.
type Metric struct {
	Name   string // as written, e.g. "sd(price_index)"
	Func   string
	Column string
}

// Parse reads "func(column)" (a bare column means last(column)) and checks the column
// against the columns a run writes (sectors for the unmet_<sector> columns).
func Parse(s string, columns []string) (Metric, error) {
	s = strings.TrimSpace(s)
	fn, col := "last", s
	if i := strings.IndexByte(s, '('); i >= 0 {
		if !strings.HasSuffix(s, ")") {
			return Metric{}, fmt.Errorf("metric %q: want func(column)", s)
		}
		fn, col = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:len(s)-1])
	}
	if !slices.Contains(Funcs, fn) {
		return Metric{}, fmt.Errorf("metric %q: unknown function %q (known: %s)", s, fn, strings.Join(Funcs, ", "))
	}
	if !slices.Contains(columns, col) {
		return Metric{}, fmt.Errorf("metric %q: unknown column %q (known: %s)", s, col, strings.Join(columns, ", "))
	}
	return Metric{Name: s, Func: fn, Column: col}, nil
}

// Columns lists the metrics columns of a table.
func Columns(t *sim.Table) []string {
	var out []string
	for _, c := range t.Columns() {
		out = append(out, c.Name)
	}
	return out
}

// Value computes the metric over a run's table (NaN for an empty table).
func (m Metric) Value(t *sim.Table) float64 {
	xs := t.Series(m.Column)
	if len(xs) == 0 {
		return math.NaN()
	}
	switch m.Func {
	case "first":
		return xs[0]
	case "mean":
		return stat.Mean(xs, nil)
	case "sd":
		if len(xs) < 2 {
			return 0
		}
		return stat.StdDev(xs, nil)
	case "min":
		return slices.Min(xs)
	case "max":
		return slices.Max(xs)
	case "sum":
		var s float64
		for _, x := range xs {
			s += x
		}
		return s
	case "cv":
		mean := stat.Mean(xs, nil)
		if mean == 0 || len(xs) < 2 {
			return 0
		}
		return stat.StdDev(xs, nil) / mean
	case "growth":
		if xs[0] == 0 {
			return math.NaN()
		}
		return xs[len(xs)-1]/xs[0] - 1
	}
	return xs[len(xs)-1]
}

// Stats summarise replicates of one figure.
type Stats struct {
	N            int
	Mean, SD     float64
	Lower, Upper float64 // 95% confidence interval of the mean (Student's t)
}

// Of returns the mean, standard deviation and 95% confidence interval of xs; with one
// value the interval is that value.
func Of(xs []float64) Stats {
	n := len(xs)
	if n == 0 {
		return Stats{Mean: math.NaN(), SD: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	mean := stat.Mean(xs, nil)
	if n == 1 {
		return Stats{N: 1, Mean: mean, Lower: mean, Upper: mean}
	}
	sd := stat.StdDev(xs, nil)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(n))
	return Stats{N: n, Mean: mean, SD: sd, Lower: mean - half, Upper: mean + half}
}

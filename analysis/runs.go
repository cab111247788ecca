package analysis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/copex/copex/summary"
	"github.com/copex/copex/sweep"
)

// Runs is a sweep's table of runs: one row per run, with the values of the varied
// parameters and of the summary metrics.
type Runs struct {
	Params  []string // varied parameters, by scenario path
	Metrics []string // summary metrics, as "func(column)"
	Rows    []Run
	// Levels name the values of categorical parameters (nil for a numeric one): a
	// row's value of such a parameter is the index of its level.
	Levels [][]string
}

// Run is one run of a sweep.
type Run struct {
	Run              string // the run's identifier, as written (a number or a name such as p0003-r01)
	Point, Replicate int
	Seed             uint64
	Params           []float64 // in the order of Runs.Params (level indices for categorical ones)
	Metrics          []float64 // in the order of Runs.Metrics (NaN for an empty field)
}

// fixedColumns are the first columns of runs.csv.
var fixedColumns = []string{"run", "point", "replicate", "seed"}

// ReadRunsFile reads a runs.csv file (see ReadRuns). Columns renamed by copex sweep
// --plain-names (last_price_index) take back their own names (last(price_index)) from
// the manifest.json beside the file.
func ReadRunsFile(path string) (*Runs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names map[string]string
	if m, err := sweep.ReadManifest(filepath.Dir(path)); err == nil {
		names = m.PlainNames
	}
	r, err := readRuns(f, names)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return r, nil
}

// ReadRuns reads a table of runs as CSV: columns run, point, replicate, seed, then the
// varied parameters (any column whose name has no parenthesis), then the summary
// metrics (columns named "func(column)"). Errors start with the line number.
func ReadRuns(r io.Reader) (*Runs, error) { return readRuns(r, nil) }

// readRuns reads a table of runs whose columns named as keys of names stand for the
// names they map to.
func readRuns(r io.Reader, names map[string]string) (*Runs, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("1: empty file")
		}
		return nil, fmt.Errorf("%w", err)
	}
	for i, h := range header {
		if own, ok := names[h]; ok {
			header[i] = own
		}
	}
	if len(header) < len(fixedColumns) || !slices.Equal(header[:len(fixedColumns)], fixedColumns) {
		return nil, fmt.Errorf("1: header must start with %s", strings.Join(fixedColumns, ","))
	}
	out := &Runs{}
	for _, h := range header[len(fixedColumns):] {
		if strings.Contains(h, "(") {
			out.Metrics = append(out.Metrics, h)
		} else {
			if len(out.Metrics) > 0 {
				return nil, fmt.Errorf("1: parameter column %q after the metric columns", h)
			}
			out.Params = append(out.Params, h)
		}
	}
	if len(out.Metrics) == 0 {
		return nil, fmt.Errorf("1: no metric columns (named like last(price_index); the plain names of copex sweep --plain-names need the sweep's manifest.json beside the file)")
	}
	var raw [][]string // parameter fields per row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w", err)
		}
		var row Run
		row.Run = rec[0]
		ints := []*int{&row.Point, &row.Replicate}
		for i, p := range ints {
			i++
			v, err := strconv.Atoi(rec[i])
			if err != nil {
				return nil, fmt.Errorf("%d: %s: not an integer: %q", line, header[i], rec[i])
			}
			*p = v
		}
		if row.Seed, err = strconv.ParseUint(rec[3], 10, 64); err != nil {
			return nil, fmt.Errorf("%d: seed: not an unsigned integer: %q", line, rec[3])
		}
		row.Params = make([]float64, len(out.Params))
		raw = append(raw, rec[len(fixedColumns):len(fixedColumns)+len(out.Params)])
		for i, s := range rec[len(fixedColumns)+len(out.Params):] {
			s = strings.TrimSpace(s)
			v := math.NaN() // an empty field: no value
			if s != "" {
				if v, err = strconv.ParseFloat(s, 64); err != nil {
					return nil, fmt.Errorf("%d: %s: not a number: %q", line, header[len(fixedColumns)+len(out.Params)+i], s)
				}
			}
			row.Metrics = append(row.Metrics, v)
		}
		out.Rows = append(out.Rows, row)
	}
	// A parameter column is numeric, or else categorical (such as issuance.formula):
	// its values are numbered in order of first appearance.
	out.Levels = make([][]string, len(out.Params))
	for p := range out.Params {
		numeric := true
		for _, r := range raw {
			if _, err := strconv.ParseFloat(strings.TrimSpace(r[p]), 64); err != nil {
				numeric = false
				break
			}
		}
		for i, r := range raw {
			s := strings.TrimSpace(r[p])
			if numeric {
				out.Rows[i].Params[p], _ = strconv.ParseFloat(s, 64)
				continue
			}
			k := slices.Index(out.Levels[p], s)
			if k < 0 {
				k = len(out.Levels[p])
				out.Levels[p] = append(out.Levels[p], s)
			}
			out.Rows[i].Params[p] = float64(k)
		}
	}
	return out, nil
}

// Label returns how parameter p's value v is written: the number, or the name of a
// categorical parameter's level.
func (r *Runs) Label(p int, v float64) string {
	if p < len(r.Levels) && r.Levels[p] != nil {
		if k := int(v); k >= 0 && k < len(r.Levels[p]) {
			return r.Levels[p][k]
		}
	}
	return formatFloat(v)
}

// categorical reports whether parameter p is categorical.
func (r *Runs) categorical(p int) bool { return p < len(r.Levels) && r.Levels[p] != nil }

// WriteRuns writes the table as CSV in the layout ReadRuns reads.
func (r *Runs) WriteRuns(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append(append(slices.Clone(fixedColumns), r.Params...), r.Metrics...))
	for _, row := range r.Rows {
		rec := []string{row.Run, strconv.Itoa(row.Point), strconv.Itoa(row.Replicate), strconv.FormatUint(row.Seed, 10)}
		for p, v := range row.Params {
			rec = append(rec, r.Label(p, v))
		}
		for _, v := range row.Metrics {
			rec = append(rec, formatFloat(v))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Point is one point of a sweep (one set of parameter values) with the statistics of
// each metric across its replicates.
type Point struct {
	Point  int
	Params []float64       // in the order of Runs.Params
	Stats  []summary.Stats // in the order of Runs.Metrics; non-finite values left out
}

// Points groups the runs by point, in order of point number, and summarises each
// metric across the point's replicates (summary.Of).
func (r *Runs) Points() []Point {
	byPoint := map[int][]Run{}
	var order []int
	for _, row := range r.Rows {
		if _, ok := byPoint[row.Point]; !ok {
			order = append(order, row.Point)
		}
		byPoint[row.Point] = append(byPoint[row.Point], row)
	}
	slices.Sort(order)
	var out []Point
	for _, p := range order {
		rows := byPoint[p]
		pt := Point{Point: p, Params: rows[0].Params}
		for m := range r.Metrics {
			pt.Stats = append(pt.Stats, summary.Of(finiteOf(rows, func(x Run) float64 { return x.Metrics[m] })))
		}
		out = append(out, pt)
	}
	return out
}

// Marginal summarises metric m at each distinct value of parameter p, over the values
// of the other parameters, in increasing order of the value. Replicate r of every point
// runs with the same seed (common random numbers), so the runs at one value are not
// independent draws: each replicate's runs at the value are averaged first (non-finite
// values left out) and the statistics are those of the replicate means, n being the
// number of replicates.
func (r *Runs) Marginal(p, m int) (xs []float64, stats []summary.Stats) {
	type key struct {
		x   float64
		rep int
	}
	sum, count := map[key]float64{}, map[key]int{}
	seenX, seenRep := map[float64]bool{}, map[int]bool{}
	var reps []int
	for _, row := range r.Rows {
		x := row.Params[p]
		if !seenX[x] {
			seenX[x] = true
			xs = append(xs, x)
		}
		if !seenRep[row.Replicate] {
			seenRep[row.Replicate] = true
			reps = append(reps, row.Replicate)
		}
		if v := row.Metrics[m]; finite(v) {
			k := key{x, row.Replicate}
			sum[k] += v
			count[k]++
		}
	}
	slices.Sort(xs)
	slices.Sort(reps)
	for _, x := range xs {
		var means []float64
		for _, rep := range reps {
			if k := (key{x, rep}); count[k] > 0 {
				means = append(means, sum[k]/float64(count[k]))
			}
		}
		stats = append(stats, summary.Of(means))
	}
	return xs, stats
}

// distinct returns the distinct values of parameter p, sorted.
func (r *Runs) distinct(p int) []float64 {
	var xs []float64
	for _, row := range r.Rows {
		if !slices.Contains(xs, row.Params[p]) {
			xs = append(xs, row.Params[p])
		}
	}
	slices.Sort(xs)
	return xs
}

func finiteOf(rows []Run, f func(Run) float64) []float64 {
	var xs []float64
	for _, r := range rows {
		if v := f(r); finite(v) {
			xs = append(xs, v)
		}
	}
	return xs
}

func finite(v float64) bool { return v == v && v < 1e308 && v > -1e308 }

package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/summary"
)

// DefaultCompareMetrics are the summary metrics a comparison reports by default.
var DefaultCompareMetrics = []string{"last(price_index)", "sd(inflation)", "mean(unmet_wants_value)", "last(gini)", "last(coops_alive)"}

// DefaultCompareSeries are the per-tick series a comparison charts by default.
var DefaultCompareSeries = []string{"price_index", "inflation", "unmet_wants_value", "gini", "coops_alive", "supply"}

// CompareOptions tune Compare.
type CompareOptions struct {
	Replicates int      // runs of each scenario (default 5)
	Seed       uint64   // replicate r runs both scenarios with seed Seed+r
	Metrics    []string // summary metrics (default DefaultCompareMetrics)
	Series     []string // per-tick columns to chart (default DefaultCompareSeries)
	Parallel   int      // runs at a time (0: GOMAXPROCS)
}

// Comparison is two scenarios run across the same seeds (common random numbers).
type Comparison struct {
	A, B    *scenarios.Scenario
	Seeds   []uint64
	Metrics []summary.Metric
	// ValuesA and ValuesB are each metric's value per replicate: [metric][replicate].
	ValuesA, ValuesB [][]float64
	// Diffs are per metric: A's and B's statistics across replicates and those of the
	// paired differences B - A.
	Diffs      []Difference
	Series     []string
	tabA, tabB []*sim.Table
}

// Difference is one metric of a comparison.
type Difference struct {
	Metric  string
	A, B    summary.Stats
	BMinusA summary.Stats // of the paired differences, replicate by replicate
}

// Compare runs scenarios a and b for opts.Replicates replicates, replicate r of both
// with seed opts.Seed+r, and summarises each metric and its paired differences B - A.
// An unknown metric or series is an error before anything runs.
func Compare(a, b *scenarios.Scenario, opts CompareOptions) (*Comparison, error) {
	if opts.Replicates == 0 {
		opts.Replicates = 5
	}
	if opts.Replicates < 1 {
		return nil, fmt.Errorf("replicates must be at least 1, got %d", opts.Replicates)
	}
	if len(opts.Metrics) == 0 {
		opts.Metrics = DefaultCompareMetrics
	}
	if len(opts.Series) == 0 {
		opts.Series = DefaultCompareSeries
	}
	c := &Comparison{A: a, B: b, Seeds: seeds(opts.Seed, opts.Replicates), Series: opts.Series}
	var err error
	if c.Metrics, err = checkCompare(a, b, opts); err != nil {
		return nil, err
	}
	var jobs []job
	for _, sc := range []*scenarios.Scenario{a, b} {
		for _, s := range c.Seeds {
			jobs = append(jobs, job{cfg: sc.Config, seed: s})
		}
	}
	tabs, err := runAll(jobs, opts.Parallel)
	if err != nil {
		return nil, err
	}
	n := opts.Replicates
	c.tabA, c.tabB = tabs[:n], tabs[n:]
	for _, m := range c.Metrics {
		va, vb, d := make([]float64, n), make([]float64, n), make([]float64, n)
		for r := range n {
			va[r], vb[r] = m.Value(c.tabA[r]), m.Value(c.tabB[r])
			d[r] = vb[r] - va[r]
		}
		c.ValuesA, c.ValuesB = append(c.ValuesA, va), append(c.ValuesB, vb)
		c.Diffs = append(c.Diffs, Difference{Metric: m.Name, A: summary.Of(va), B: summary.Of(vb), BMinusA: summary.Of(d)})
	}
	return c, nil
}

// CheckCompare checks the options of a comparison of a and b without running
// anything: the replicates, and the metrics and series against both scenarios' columns.
// Its errors are the user's to fix.
func CheckCompare(a, b *scenarios.Scenario, opts CompareOptions) error {
	if opts.Replicates < 0 {
		return fmt.Errorf("replicates must be at least 1, got %d", opts.Replicates)
	}
	_, err := checkCompare(a, b, opts)
	return err
}

func checkCompare(a, b *scenarios.Scenario, opts CompareOptions) ([]summary.Metric, error) {
	if len(opts.Metrics) == 0 {
		opts.Metrics = DefaultCompareMetrics
	}
	if len(opts.Series) == 0 {
		opts.Series = DefaultCompareSeries
	}
	// A metric of a column only one side writes (a subsystem's, switched on in B alone,
	// say) is summarised on that side, and shown as – on the other and in B − A.
	colsA, colsB := columnsOf(a.Config), columnsOf(b.Config)
	ms, err := parseMetricsOf(opts.Metrics, append(slices.Clip(colsA), colsB...))
	if err != nil {
		return nil, fmt.Errorf("%s or %s: %w", a.Name, b.Name, err)
	}
	for _, s := range opts.Series {
		if !slices.Contains(colsA, s) && !slices.Contains(colsB, s) {
			return nil, fmt.Errorf("series %q: not a metrics column of either scenario", s)
		}
	}
	return ms, nil
}

// WriteText prints the differences as an aligned table.
func (c *Comparison) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "A = %s, B = %s, %d replicates (seeds %d..%d, common to A and B)\n", c.A.Name, c.B.Name,
		len(c.Seeds), c.Seeds[0], c.Seeds[len(c.Seeds)-1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "metric\tA mean\tB mean\tB - A\t95% CI\t")
	for _, d := range c.Diffs {
		sig := ""
		if d.BMinusA.N > 1 && (d.BMinusA.Lower > 0 || d.BMinusA.Upper < 0) {
			sig = " *"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t[%s, %s]%s\t\n", d.Metric, num(d.A.Mean), num(d.B.Mean), num(d.BMinusA.Mean),
			num(d.BMinusA.Lower), num(d.BMinusA.Upper), sig)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "* the 95% confidence interval of the paired difference excludes 0")
	return err
}

// Write writes compare.csv (per metric: A's and B's mean and 95% CI, and the paired
// difference B - A with its sd and 95% CI), a chart per series with A and B overlaid
// (the mean across replicates with its 95% band) and report.html into dir, and
// returns the files' names.
func (c *Comparison) Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"metric", "n", "a_mean", "a_lower", "a_upper", "b_mean", "b_lower", "b_upper", "diff_mean", "diff_sd", "diff_lower", "diff_upper"})
	for _, d := range c.Diffs {
		w.Write([]string{d.Metric, strconv.Itoa(d.BMinusA.N), formatFloat(d.A.Mean), formatFloat(d.A.Lower), formatFloat(d.A.Upper),
			formatFloat(d.B.Mean), formatFloat(d.B.Lower), formatFloat(d.B.Upper),
			formatFloat(d.BMinusA.Mean), formatFloat(d.BMinusA.SD), formatFloat(d.BMinusA.Lower), formatFloat(d.BMinusA.Upper)})
	}
	w.Flush()
	if err := atomicfile.WriteFile(filepath.Join(dir, "compare.csv"), buf.Bytes()); err != nil {
		return nil, err
	}
	files := []string{"compare.csv"}
	var charts []Chart
	for _, s := range c.Series {
		title := fmt.Sprintf("%s: %s vs %s (mean of %d, 95%% band)", s, c.A.Name, c.B.Name, len(c.Seeds))
		lc := render.LineChart{Title: title, XLabel: "tick", YLabel: s, XTicks: render.Counts}
		for i, tabs := range [][]*sim.Table{c.tabA, c.tabB} {
			label := "A: " + c.A.Name
			if i == 1 {
				label = "B: " + c.B.Name
			}
			if tabs[0].Series(s) == nil {
				continue // a column of the other scenario only
			}
			lc.Series = append(lc.Series, seriesBand(tabs, s, label).series(render.Line))
		}
		ch, err := render.Write(dir, "compare_"+stem(s), lc)
		if err != nil {
			return nil, err
		}
		charts = append(charts, ch)
		files = append(files, ch.PNG, ch.SVG)
	}
	t := table{Header: []string{"metric", "A mean", "A 95% CI", "B mean", "B 95% CI", "B − A", "B − A 95% CI"}}
	for _, d := range c.Diffs {
		t.Rows = append(t.Rows, []string{d.Metric, num(d.A.Mean), ci(d.A), num(d.B.Mean), ci(d.B), num(d.BMinusA.Mean), ci(d.BMinusA)})
	}
	lead := fmt.Sprintf("A = %s, B = %s; %d replicates with common random numbers (replicate r of both with seed %d + r); differences are paired, replicate by replicate.",
		c.A.Name, c.B.Name, len(c.Seeds), c.Seeds[0])
	if err := writeHTML(filepath.Join(dir, "report.html"), "Comparison: "+c.A.Name+" vs "+c.B.Name, lead, t, charts); err != nil {
		return nil, err
	}
	return append(files, "report.html"), nil
}

func ci(s summary.Stats) string { return "[" + num(s.Lower) + ", " + num(s.Upper) + "]" }

// seriesBand returns the mean of column col across tables at each tick, with its 95%
// band; ticks past a shorter table use the runs that reached them.
func seriesBand(tabs []*sim.Table, col, label string) bandLine {
	var cols [][]float64
	n := 0
	for _, t := range tabs {
		xs := t.Series(col)
		cols = append(cols, xs)
		n = max(n, len(xs))
	}
	b := bandLine{label: label}
	for i := range n {
		var vs []float64
		for _, xs := range cols {
			if i < len(xs) && finite(xs[i]) {
				vs = append(vs, xs[i])
			}
		}
		s := summary.Of(vs)
		b.xs = append(b.xs, float64(i+1))
		b.mean, b.lo, b.hi = append(b.mean, s.Mean), append(b.lo, s.Lower), append(b.hi, s.Upper)
	}
	return b
}

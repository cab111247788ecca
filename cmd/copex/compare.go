package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/analysis"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/summary"
	"github.com/copex/copex/sweep"
)

func compareCmd(stdout io.Writer) *cobra.Command {
	var (
		replicates   int
		seed         uint64
		sets         []string
		setsA, setsB []string
		metrics      []string
		series       []string
		out          string
		workers      int
		quiet        bool
	)
	c := &cobra.Command{
		Use:   "compare A B | compare FILE",
		Short: "Run two scenarios across replicates with common random numbers and report B - A per summary metric",
		Long: `compare runs scenarios A and B (embedded names or YAML files) for --replicates
replicates, replicate r of both with seed --seed + r (common random numbers), and
writes into --out: compare.csv (per metric: A's and B's mean and 95% CI and the paired
difference B - A with its 95% CI), a chart of each --series with A and B overlaid (mean
across replicates and its 95% band) and report.html. The table is also printed.

A comparison file (compare FILE, e.g. scenarios/compare/giveaway.yaml) names a, b,
set, set_a, set_b, replicates, seed, metrics and series; flags given as well win.

Metrics are summary metrics "func(column)" with func one of ` + strings.Join(summary.Funcs, ", ") + `.`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.RangeArgs(1, 2), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if _, ok := scenarios.Embedded(args[0]); ok {
					return badInput(fmt.Errorf("compare: give two scenarios (A B) or a comparison file; %q is a scenario", args[0]))
				}
				cf, err := analysis.LoadCompareFile(args[0])
				if err != nil {
					return badInput(err)
				}
				args = []string{cf.A, cf.B}
				fl := cmd.Flags()
				if !fl.Changed("set") {
					sets = cf.Set
				}
				if !fl.Changed("set-a") {
					setsA = cf.SetA
				}
				if !fl.Changed("set-b") {
					setsB = cf.SetB
				}
				if !fl.Changed("replicates") && cf.Replicates > 0 {
					replicates = cf.Replicates
				}
				if !fl.Changed("seed") && cf.Seed != nil {
					seed = *cf.Seed
					fl.Set("seed", strconv.FormatUint(seed, 10))
				}
				if !fl.Changed("metrics") && len(cf.Metrics) > 0 {
					metrics = cf.Metrics
				}
				if !fl.Changed("series") && len(cf.Series) > 0 {
					series = cf.Series
				}
				if out == "" && cf.Name != "" {
					out = runs.DefaultDir(cf.Name)
				}
			}
			a, err := scenarios.Load(args[0], append(slices.Clone(sets), setsA...))
			if err != nil {
				return badInput(err)
			}
			b, err := scenarios.Load(args[1], append(slices.Clone(sets), setsB...))
			if err != nil {
				return badInput(err)
			}
			if replicates < 1 {
				return badInput(fmt.Errorf("--replicates must be at least 1, got %d", replicates))
			}
			if _, err := sweep.CheckRuns("--replicates (of A and B)", replicates, 2); err != nil {
				return badInput(err)
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if !cmd.Flags().Changed("seed") {
				seed = a.Config.Seed
			}
			opts := analysis.CompareOptions{Replicates: replicates, Seed: seed, Metrics: metrics, Series: series, Parallel: workers}
			if err := analysis.CheckCompare(a, b, opts); err != nil {
				return badInput(fmt.Errorf("--metrics/--series: %w", err))
			}
			if out == "" {
				out = runs.DefaultDir("compare-" + a.Name + "-vs-" + b.Name)
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			cmp, err := analysis.Compare(a, b, opts)
			if err != nil {
				return err
			}
			files, err := cmp.Write(out)
			if err != nil {
				return err
			}
			if quiet {
				return nil
			}
			if err := cmp.WriteText(stdout); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s (%d files; open %s)\n", out, len(files), filepath.Join(out, "report.html"))
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&replicates, "replicates", 5, "runs of each scenario")
	f.Uint64Var(&seed, "seed", 1, "seed of the first replicate (default: scenario A's); replicate r uses seed+r for A and B")
	f.StringArrayVar(&sets, "set", nil, "override a field of both scenarios: path=value (repeatable)")
	f.StringArrayVar(&setsA, "set-a", nil, "override a field of scenario A only (repeatable)")
	f.StringArrayVar(&setsB, "set-b", nil, "override a field of scenario B only (repeatable)")
	f.StringSliceVar(&metrics, "metrics", nil, "summary metrics, comma-separated (default "+strings.Join(analysis.DefaultCompareMetrics, ",")+")")
	f.StringSliceVar(&series, "series", nil, "per-tick columns to chart, comma-separated (default "+strings.Join(analysis.DefaultCompareSeries, ",")+")")
	f.StringVar(&out, "out", "", "output folder (default out/compare-A-vs-B)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "runs at a time (default all cores; results do not depend on it)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	return c
}

// inputArgs checks a command's arguments with check; a wrong count is the user's to
// fix (exit status 2).
func inputArgs(check cobra.PositionalArgs, cmd *cobra.Command, args []string) error {
	if err := check(cmd, args); err != nil {
		return badInput(prefixed(cmd, err))
	}
	return nil
}

func analyzeCmd(stdout io.Writer) *cobra.Command {
	var (
		out   string
		quiet bool
	)
	c := &cobra.Command{
		Use:   "analyze RUNS.csv",
		Short: "Analyse a sweep's runs.csv: statistics per point, charts with confidence bands, heat maps, report.html",
		Long: `analyze reads a table of runs (copex sweep's or copex screen's runs.csv: run, point,
replicate, seed, the varied parameters, the summary metrics) and writes into --out
(default: an analysis folder beside the file): points.csv (per point and metric: n,
mean, sd and 95% CI across replicates), a chart of each metric against each parameter
with its 95% band, a heat map of each metric for a two-parameter sweep, and report.html.`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.ExactArgs(1), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := analysis.ReadRunsFile(args[0])
			if err != nil {
				return badInput(err)
			}
			if len(r.Rows) == 0 {
				return badInput(fmt.Errorf("%s: no runs", args[0]))
			}
			if out == "" {
				out = filepath.Join(filepath.Dir(args[0]), "analysis")
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			a, err := analysis.Report(r, out)
			if err != nil {
				return err
			}
			if quiet {
				return nil
			}
			fmt.Fprintf(stdout, "%d runs at %d points, %d charts; wrote %s (%d files; open %s)\n", len(r.Rows), len(a.Points), len(a.Charts),
				out, len(a.Files), filepath.Join(out, "report.html"))
			return nil
		},
	}
	c.Flags().StringVar(&out, "out", "", "output folder (default: analysis/ beside RUNS.csv)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	return c
}

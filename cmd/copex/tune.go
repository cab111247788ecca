package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/analysis"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/sweep"
)

func tuneCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		out     string
		workers int
		quiet   bool
	)
	c := &cobra.Command{
		Use:   "tune FILE",
		Short: "Tune scenario parameters within bounds to minimise a weighted sum of summary metrics",
		Long: `tune reads a tune file (YAML): a base scenario and fixed --set style overrides, the
parameters to tune with their bounds, replicates, a seed, an objective (a weighted sum
of summary metrics, such as 1.0*sd(inflation) + 0.000001*mean(unmet_wants_value)) and a
budget of evaluations and/or iterations. It minimises the replicate-averaged objective
with Nelder-Mead, every evaluation on the same seeds (common random numbers), and
writes into --out: best.json, evaluations.csv, objective.png/.svg, param_PATH.png/.svg
(each parameter by evaluation), report.html (the best point and every chart) and
tuned.yaml (the base scenario with the best values, ready for copex run). Integer
fields are tuned, and recorded, in whole numbers.

If the budget runs out before Nelder-Mead converges, tune warns on stderr (even with
-q), in report.html and in best.json ("converged": false, "warning"): the best point
is then the best evaluated, not necessarily a minimum. See scenarios/tune/.`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.ExactArgs(1), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			tf, err := analysis.LoadTune(args[0])
			if err != nil {
				return badInput(err)
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if out == "" {
				out = filepath.Join("out", "tune-"+strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0])))
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			opts := analysis.TuneOptions{Parallel: workers}
			if !quiet {
				opts.Progress = func(e analysis.Evaluation) {
					fmt.Fprintf(stderr, "evaluation %d: %s objective %.6g\n", e.N, params(tf, e.Params), e.Objective)
				}
			}
			res, err := analysis.Tune(tf, opts)
			if err != nil {
				return err
			}
			files, err := res.Write(out)
			if err != nil {
				return err
			}
			if w := res.Warning(); w != "" {
				fmt.Fprintf(stderr, "copex tune: warning: %s\n", w)
			}
			if !quiet {
				fmt.Fprintf(stdout, "best of %d evaluations (%s): %s objective %.6g\n", len(res.Evaluations), res.Status,
					params(tf, res.Best.Params), res.Best.Objective)
				fmt.Fprintf(stdout, "wrote %s (%d files; run it: copex run %s)\n", out, len(files), filepath.Join(out, "tuned.yaml"))
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&out, "out", "", "output folder (default out/tune-FILE)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "runs at a time (default all cores; results do not depend on it)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on success but a warning that the search stopped early")
	return c
}

// loadScreening reads a screen file, or a sweep file whose parameters are to be
// screened (a sweep file has a design, or parameters as a mapping: see detectType).
func loadScreening(path string, trajectories, levels int) (*analysis.ScreenFile, error) {
	if detectType(path) == "sweep" {
		sw, err := sweep.Load(path)
		if err != nil {
			return nil, err
		}
		return analysis.ScreenSweep(sw, trajectories, levels)
	}
	return analysis.LoadScreen(path)
}

// params formats parameter values as path=value pairs.
func params(tf *analysis.TuneFile, xs []float64) string {
	var b strings.Builder
	for i, p := range tf.Params {
		fmt.Fprintf(&b, "%s=%.6g ", p.Name, xs[i])
	}
	return b.String()
}

func screenCmd(stdout io.Writer) *cobra.Command {
	var (
		out          string
		workers      int
		quiet        bool
		trajectories int
		levels       int
		bootstrap    int
	)
	c := &cobra.Command{
		Use:   "screen FILE",
		Short: "Morris elementary-effects screening: which scenario parameters move which summary metrics",
		Long: `screen reads a screen file (YAML, see scenarios/tune/screen.yaml): a base scenario
and fixed overrides, parameters with bounds, summary metrics, replicates, a seed, and the
Morris design's trajectories and (even) levels. It runs every design point for the
replicates with the same seeds (common random numbers) and writes into --out: runs.csv
(one row per run, as copex sweep writes it), for each metric morris_METRIC.csv (mu, mu*
and sigma per parameter, with 95% bootstrap intervals of mu* and sigma) and a chart of
mu* and sigma with their intervals, and report.html. The intervals resample the
trajectories --bootstrap times (seeded by the file's seed): where two parameters' mu*
intervals overlap, more trajectories are needed to rank them.

FILE may also be a sweep file (copex sweep): its parameters are then screened over
their lhs bounds or the span of their grid values, with --trajectories and --levels.`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.ExactArgs(1), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			sf, err := loadScreening(args[0], trajectories, levels)
			if err != nil {
				return badInput(err)
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if bootstrap < 1 || bootstrap > maxBootstrap {
				return badInput(fmt.Errorf("--bootstrap must be between 1 and %d, got %d", maxBootstrap, bootstrap))
			}
			sf.Bootstrap = bootstrap
			if out == "" {
				out = filepath.Join("out", "screen-"+strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0])))
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			res, err := analysis.Screen(sf, workers)
			if err != nil {
				return err
			}
			files, err := res.Write(out)
			if err != nil {
				return err
			}
			if quiet {
				return nil
			}
			for i, m := range sf.Metrics {
				fmt.Fprintf(stdout, "%s:\n", m.Name)
				for _, e := range res.Effect[i] {
					fmt.Fprintf(stdout, "  %-36s mu %11.4g  mu* %11.4g %-23s  sigma %11.4g %s\n", e.Param, e.Mu,
						e.MuStar, ci(e.MuStarCI), e.Sigma, ci(e.SigmaCI))
				}
			}
			fmt.Fprintf(stdout, "95%% intervals: bootstrap percentiles over %d resamples of the trajectories\n", bootstrap)
			fmt.Fprintf(stdout, "%d runs; wrote %s (%d files; open %s)\n", len(res.Runs.Rows), out, len(files), filepath.Join(out, "report.html"))
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&out, "out", "", "output folder (default out/screen-FILE)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "runs at a time (default all cores; results do not depend on it)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	c.Flags().IntVar(&trajectories, "trajectories", 10, "Morris trajectories, for a sweep file")
	c.Flags().IntVar(&levels, "levels", 4, "Morris levels (even), for a sweep file")
	c.Flags().IntVar(&bootstrap, "bootstrap", analysis.DefaultBootstrap, "bootstrap resamples of the trajectories for the 95% intervals of mu* and sigma")
	return c
}

// maxBootstrap bounds --bootstrap: the resamples' statistics are kept in memory.
const maxBootstrap = 100_000

// ci formats a 95% interval for the screen's table.
func ci(v [2]float64) string { return fmt.Sprintf("[%.4g, %.4g]", v[0], v[1]) }

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/copex/copex/analysis"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/sweep"
)

func sweepCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		out, shard   string
		shards       int
		workers      int
		asCSV, quiet bool
		plainNames   bool
	)
	c := &cobra.Command{
		Use:   "sweep FILE",
		Short: "Run a parameter sweep: many runs of a scenario, in parallel, resumable and shardable",
		Long: `sweep runs every point and replicate of a sweep file (see scenarios/sweeps/) on
--workers cores at once, one run per core, and writes DIR/runs.csv (one row per run:
its parameters and summary metrics), DIR/ticks.parquet (or ticks.csv with --csv: every
run's per-tick metrics) and DIR/manifest.json. Each finished run is kept in DIR/runs/,
so the same command started again runs only the missing runs.

--shard i/N runs the runs whose index mod N is i-1. --shard auto takes i and N from a
scheduler: JOB_COMPLETION_INDEX of JOB_COMPLETIONS (Kubernetes Indexed Job; the Job
sets JOB_COMPLETIONS to its completions) or, in a Slurm job array, task
(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP of
SLURM_ARRAY_TASK_COUNT, so --array=0-7, 1-8 and 0-15:2 all run shards 1..8 of 8.
--shards N takes only the index from there (and checks N against the count if set).
copex merge joins the shards' folders (see deploy/README.md).

A sweep has at most 10,000,000 runs (points × replicates), as has every batch (screen,
compare, tune): a larger one is refused before anything runs.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sw, err := sweep.Load(args[0])
			if err != nil {
				return badInput(err)
			}
			opts := sweep.Options{Workers: workers, CSV: asCSV, PlainNames: plainNames, Version: runs.Version()}
			switch {
			case shard != "" && cmd.Flags().Changed("shards"):
				return badInput(errors.New("--shard and --shards: give one (--shards N takes the index from the environment, --shard auto the index and N)"))
			case shard == "auto":
				opts.Shard, opts.Shards, err = sweep.EnvShard(os.LookupEnv, 0)
				if err != nil {
					return badInput(fmt.Errorf("--shard auto: %w", err))
				}
			case shard != "":
				opts.Shard, opts.Shards, err = sweep.ParseShard(shard)
				if err != nil {
					return badInput(fmt.Errorf("--shard: %w", err))
				}
			case cmd.Flags().Changed("shards"):
				if shards < 1 {
					return badInput(fmt.Errorf("--shards %d: want at least 1", shards))
				}
				opts.Shard, opts.Shards, err = sweep.EnvShard(os.LookupEnv, shards)
				if err != nil {
					return badInput(fmt.Errorf("--shards: %w", err))
				}
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if out == "" {
				out = runs.DefaultDir(sw.Name)
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(err)
			}
			if !quiet {
				opts.Progress = runProgress(stderr)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			sum, err := sweep.Execute(ctx, sw, out, opts)
			var pe *fs.PathError
			if errors.Is(err, sweep.ErrOtherSweep) || errors.As(err, &pe) {
				// Another sweep's folder, or one that cannot be written (full, read-only):
				// the runs completed so far are kept, and the same command resumes.
				return badInput(err)
			}
			if err != nil {
				return err
			}
			if !quiet {
				rate := 0.0
				if sum.Seconds > 0 {
					rate = float64(sum.Ran) / sum.Seconds
				}
				fmt.Fprintf(stdout, "%s: %d runs done (%d run now) in %.1f s, %.1f runs/s; results in %s\n",
					sw.Name, sum.Done, sum.Ran, sum.Seconds, rate, out)
			}
			if opts.Shards > 1 || sum.Done < sum.Total {
				return nil // a shard's report comes with the merge
			}
			return sweepReport(stdout, out, quiet)
		},
	}
	f := c.Flags()
	f.StringVar(&out, "out", "", "output folder (default out/NAME)")
	f.StringVar(&shard, "shard", "", "run only the i-th of N slices of the runs: i/N, 1-based, or auto (i and N from JOB_COMPLETION_INDEX/JOB_COMPLETIONS or SLURM_ARRAY_TASK_*)")
	f.IntVar(&shards, "shards", 0, "number of slices, the index taken from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "runs at once (each on one core)")
	f.BoolVar(&asCSV, "csv", false, "write ticks.csv instead of ticks.parquet")
	f.BoolVar(&plainNames, "plain-names", false, "column names R and pandas take unquoted (last_price_index for last(price_index)); manifest.json maps them back")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	return c
}

func mergeCmd(stdout io.Writer) *cobra.Command {
	var (
		out   string
		asCSV bool
		quiet bool
	)
	c := &cobra.Command{
		Use:   "merge DIR... --out DIR",
		Short: "Join the output folders of a sweep's shards into one, as one local sweep writes it",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return badInput(errors.New("merge: --out is required"))
			}
			m, err := sweep.Merge(args, out, asCSV)
			if err != nil {
				return badInput(err)
			}
			if !quiet {
				fmt.Fprintf(stdout, "%s: %d runs merged from %d folders into %s\n", m.Sweep, m.Done, len(args), out)
			}
			return sweepReport(stdout, out, quiet)
		},
	}
	c.Flags().StringVar(&out, "out", "", "merged output folder")
	c.Flags().BoolVar(&asCSV, "csv", false, "write ticks.csv instead of ticks.parquet")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	return c
}

// sweepReport writes a finished sweep's statistics, charts and report.html.
func sweepReport(stdout io.Writer, dir string, quiet bool) error {
	if _, err := analysis.ReportFile(filepath.Join(dir, "runs.csv"), dir); err != nil {
		return fmt.Errorf("sweep report: %w", err)
	}
	if !quiet {
		fmt.Fprintf(stdout, "report: %s\n", filepath.Join(dir, "report.html"))
	}
	return nil
}

// runProgress returns a progress callback with a bar of runs done, with ETA, on a
// terminal.
func runProgress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("runs"),
				progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
				progressbar.OptionShowIts(), progressbar.OptionSetItsString("runs"), progressbar.OptionThrottle(100*time.Millisecond))
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}

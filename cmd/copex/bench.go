package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/bench"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
)

func benchCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		workers, names  string
		ticks, repeat   int
		markdown, quiet bool
	)
	c := &cobra.Command{
		Use:   "bench",
		Short: "Measure the engine on the reference scenarios, each case in its own process",
		Long: `bench runs the reference set (economy-100k, economy-1m, and random-exchange at 100,000
members for 100 ticks, unit rule) on 1 and all cores, each case in a child process, and
prints the tick loop's time, member-ticks per second, allocations per tick and the peak
memory of each. No metrics, charts or reports are written.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws := bench.DefaultWorkers()
			if cmd.Flags().Changed("workers") {
				var err error
				if ws, err = bench.ParseWorkers(workers); err != nil {
					return badInput(fmt.Errorf("--workers: %w", err))
				}
			}
			list := bench.Reference
			if cmd.Flags().Changed("scenarios") {
				if list = bench.ParseList(names); len(list) == 0 {
					return badInput(errors.New("--scenarios: no scenario given"))
				}
			}
			if ticks < 0 {
				return badInput(fmt.Errorf("--ticks must not be negative, got %d", ticks))
			}
			if repeat < 1 {
				return badInput(fmt.Errorf("--repeat must be at least 1, got %d", repeat))
			}
			cases := bench.Cases(list, ws, ticks)
			for _, c := range cases {
				if err := c.Check(); err != nil {
					return badInput(err)
				}
			}
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("finding the copex binary to run each case: %w", err)
			}
			n := 0
			figs, err := bench.Measure(cases, repeat, bench.Child(exe), func(c bench.Case, i int, f bench.Figures) {
				n++
				if !quiet {
					fmt.Fprintf(stderr, "bench %d/%d: %s: tick loop %.2fs, peak %.0f MiB\n", n, len(cases)*repeat, c, f.StepSeconds, f.PeakMiB())
				}
			})
			if err != nil {
				return err
			}
			if markdown {
				return bench.WriteMarkdown(stdout, figs, bench.ThisMachine())
			}
			return bench.WriteTable(stdout, figs, bench.ThisMachine())
		},
	}
	f := c.Flags()
	f.StringVar(&workers, "workers", "", `numbers of workers to measure, comma-separated (default "1,N", N all cores)`)
	f.StringVar(&names, "scenarios", strings.Join(bench.Reference, ","), "scenarios to measure, comma-separated (embedded names or files)")
	f.IntVar(&ticks, "ticks", 0, "ticks to run each case (default: each scenario's)")
	f.IntVar(&repeat, "repeat", 1, "runs of each case; the fastest is reported")
	f.BoolVar(&markdown, "markdown", false, "print the table as Markdown")
	f.BoolVarP(&quiet, "quiet", "q", false, "print no progress on standard error")
	return c
}

// benchCaseCmd is the hidden subcommand copex bench runs in a child process for each
// case (bench.CaseCommand).
func benchCaseCmd(stdout io.Writer) *cobra.Command {
	var (
		c      bench.Case
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:    bench.CaseCommand,
		Short:  "Run one benchmark case and print its figures (used by copex bench)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if c.Workers < 1 {
				return badInput(fmt.Errorf("--workers must be at least 1, got %d", c.Workers))
			}
			f, err := bench.RunCase(c)
			if err != nil {
				var se *scenarios.Error
				var me *runs.MemoryError
				if errors.As(err, &se) || errors.As(err, &me) {
					return badInput(err)
				}
				return err
			}
			if asJSON {
				return bench.WriteJSON(stdout, f)
			}
			return bench.WriteTable(stdout, []bench.Figures{f}, bench.ThisMachine())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&c.Scenario, "scenario", "", "scenario (embedded name or file)")
	fl.IntVar(&c.Workers, "workers", 1, "goroutines the model may use")
	fl.IntVar(&c.Ticks, "ticks", 0, "ticks to run (default: the scenario's)")
	fl.StringArrayVar(&c.Sets, "set", nil, "override a scenario field: path=value (repeatable)")
	fl.BoolVar(&asJSON, "json", false, "print the figures as one JSON line")
	cmd.MarkFlagRequired("scenario")
	return cmd
}

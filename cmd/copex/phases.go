package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

func phasesCmd(stdout io.Writer) *cobra.Command {
	var sets []string
	c := &cobra.Command{
		Use:   "phases [SCENARIO]",
		Short: "List a scenario's tick: its phases in order, metric columns and mid-run parameters",
		Long: `phases lists what a run of the scenario registers: the phases of a tick in the order
they run (stage, cadence, owner), every column of metrics.csv with its meaning, and the
parameters that may change between ticks of a running economy (the live view's sliders).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := "baseline"
			if len(args) == 1 {
				name = args[0]
			}
			sc, err := scenarios.Load(name, sets)
			if err != nil {
				return badInput(err)
			}
			r, err := agents.Describe(sc.Config)
			if err != nil {
				return badInput(fmt.Errorf("%s: %w", sc.Source, err))
			}
			writePhases(stdout, sc.Name, r)
			return nil
		},
	}
	c.Flags().StringArrayVar(&sets, "set", nil, "override a scenario field: path=value (repeatable)")
	return c
}

func writePhases(w io.Writer, name string, r *sim.Registry) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "A tick of %s, in order:\n", name)
	for i, p := range r.Phases() {
		cadence := "every tick"
		if p.Cadence == sim.MonthStart {
			cadence = "first tick of a month"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", i+1, p.Stage, cadence, p.Name)
	}
	tab := r.Table()
	fmt.Fprintf(tw, "\nColumns of metrics.csv (%d):\n", len(tab.Columns()))
	kinds := map[sim.ColumnKind]string{sim.KindCount: "count", sim.KindAmount: "tokens", sim.KindRatio: "ratio"}
	for _, c := range tab.Columns() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, kinds[c.Kind], c.Doc)
	}
	if ps := r.Params(); len(ps) > 0 {
		fmt.Fprintf(tw, "\nParameters that may change between ticks:\n")
		for _, p := range ps {
			fmt.Fprintf(tw, "  %s\t[%g, %g]\t%s\n", p.Name, p.Min, p.Max, p.Doc)
		}
	}
	tw.Flush()
}

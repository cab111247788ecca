package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/analysis"
	"github.com/copex/copex/game"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sweep"
)

// fileType is a kind of file copex reads: how to check one, and its JSON Schema. Every
// one is decoded by scenarios.Decode.
type fileType struct {
	name string
	// check loads the file at path (with the validate command's options) and returns
	// a few words on what it holds.
	check  func(path string, o validateOptions) (string, error)
	schema func() ([]byte, error)
}

// validateOptions are copex validate's flags that apply to some file types.
type validateOptions struct {
	sets     []string // overrides of a scenario
	scenario string   // the scenario a figures file's co-op lives in
}

// fileTypes are the kinds of file, in the order the help lists them.
var fileTypes = []fileType{
	{"scenario", func(path string, o validateOptions) (string, error) {
		sc, err := scenarios.Load(path, o.sets)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s, %d members, %d ticks", sc.Name, sc.Config.Members, sc.Config.Ticks), nil
	}, scenarios.Schema},
	{"sweep", func(path string, _ validateOptions) (string, error) {
		sw, err := sweep.Load(path)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("sweep %s, %d runs of %s", sw.Name, sw.Total(), sw.Scenario), nil
	}, sweep.Schema},
	{"tune", func(path string, _ validateOptions) (string, error) {
		tf, err := analysis.LoadTune(path)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("tune file, %d parameters of %s", len(tf.Params), tf.Scenario), nil
	}, analysis.TuneSchema},
	{"screen", func(path string, _ validateOptions) (string, error) {
		sf, err := analysis.LoadScreen(path)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("screen file, %d parameters of %s, %d metrics", len(sf.Params), sf.Scenario, len(sf.Metrics)), nil
	}, analysis.ScreenSchema},
	{"compare", func(path string, _ validateOptions) (string, error) {
		cf, err := analysis.LoadCompareFile(path)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("comparison file, %s against %s", cf.B, cf.A), nil
	}, analysis.CompareSchema},
	{"figures", func(path string, o validateOptions) (string, error) {
		g, err := game.LoadFigures(path, o.scenario, 1)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("figures of %s, %d members", g.Existing.Name, g.Existing.Members), nil
	}, game.FiguresSchema},
}

// typeNames lists the file types' names.
func typeNames() string {
	var names []string
	for _, t := range fileTypes {
		names = append(names, t.name)
	}
	return strings.Join(names, ", ")
}

func lookupType(name string) (fileType, error) {
	for _, t := range fileTypes {
		if t.name == name {
			return t, nil
		}
	}
	return fileType{}, fmt.Errorf("--type %q: want one of %s", name, typeNames())
}

// detectType tells the type of the file at path from its top-level keys (see
// validate's help). An embedded scenario's name, a file that cannot be read and a
// file that is not a YAML mapping are taken as scenarios, whose loader says what is
// wrong.
func detectType(path string) string {
	if _, ok := scenarios.Embedded(path); ok {
		return "scenario"
	}
	data, err := scenarios.ReadFile(path)
	if err != nil {
		return "scenario"
	}
	return typeOf(scenarios.TopKeys(data))
}

// typeOf tells a file's type from its top-level keys and the kinds of their values.
func typeOf(keys map[string]string) string {
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := keys[n]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("pay", "price", "customers", "revenue", "treasury", "marketing", "online", "innovation", "innovation_customers"):
		return "figures"
	case has("a", "b", "set_a", "set_b", "series"):
		return "compare"
	case has("objective", "budget"):
		return "tune"
	case has("trajectories", "levels"):
		return "screen"
	case has("design", "samples") || keys["parameters"] == "mapping":
		return "sweep"
	case keys["parameters"] == "list":
		if has("metrics") {
			return "screen"
		}
		return "tune"
	}
	return "scenario"
}

const validateHelp = `validate checks files without running anything: each is decoded by the same
strict loader the commands use, and the first problem is printed on one line as
FILE:LINE: FIELD: MESSAGE, with exit status 2.

The file type is --type, or else told from the file's top-level keys:
  figures   any of pay, price, customers, revenue, treasury, marketing, online,
            innovation (a GetGo co-op's own figures; checked against --scenario)
  compare   any of a, b, set_a, set_b, series
  tune      objective or budget, or else a list of parameters without metrics
  screen    trajectories or levels, or else a list of parameters with metrics
  sweep     design or samples, or parameters as a mapping
  scenario  anything else, and the embedded scenarios' names (copex list)

copex schema --type TYPE prints each type's JSON Schema.`

func validateCmd(stdout io.Writer) *cobra.Command {
	var (
		o        validateOptions
		typeName string
	)
	c := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenarios, sweep, tune, screen, comparison and figures files without running them",
		Long:  validateHelp,
		Args:  func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.MinimumNArgs(1), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, a := range args {
				name := typeName
				if name == "" {
					name = detectType(a)
				}
				t, err := lookupType(name)
				if err != nil {
					return badInput(err)
				}
				if len(o.sets) > 0 && t.name != "scenario" {
					return badInput(fmt.Errorf("%s: --set applies to scenarios, and this is a %s file", a, t.name))
				}
				what, err := t.check(a, o)
				if err != nil {
					return badInput(err)
				}
				fmt.Fprintf(stdout, "%s: ok (%s)\n", a, what)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.sets, "set", nil, "override a scenario field: path=value (repeatable; scenarios only)")
	f.StringVar(&typeName, "type", "", "the files' type: "+typeNames()+" (default: told from each file)")
	f.StringVar(&o.scenario, "scenario", "", "the scenario a figures file's co-op lives in (default: GetGo's)")
	return c
}

func schemaCmd(stdout io.Writer) *cobra.Command {
	var typeName string
	c := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of a file type (default: scenarios), for editors",
		Long: `schema prints the JSON Schema (draft 2020-12) of a file type: ` + typeNames() + `.
It is generated from the same Go types and struct tags the loader decodes into, so a
file the schema refuses, copex validate refuses too. Comparisons between two fields
are stated in an x-copex-order keyword, which other validators ignore; what no schema
can check (a grant expression compiles, a named file or metric exists) only copex
validate checks.`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.NoArgs, cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := lookupType(typeName)
			if err != nil {
				return badInput(err)
			}
			s, err := t.schema()
			if err != nil {
				return err
			}
			_, err = stdout.Write(s)
			return err
		},
	}
	c.Flags().StringVar(&typeName, "type", "scenario", "file type: "+typeNames())
	return c
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/runs"
)

// Exit statuses.
const (
	exitFailure  = 1 // the run itself failed
	exitBadInput = 2 // a bad scenario, flag, file or output folder
)

// inputError marks an error caused by what the user gave (exit status 2).
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func badInput(err error) error { return inputError{err} }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "copex: "+oneLine(err.Error()))
	var ie inputError
	if errors.As(err, &ie) {
		return exitBadInput
	}
	return exitFailure
}

// oneLine folds a multi-line error onto one line.
func oneLine(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\n' || c == '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "copex",
		Short: "Simulate a co-operative economy under the Co-operative Exchange Token rules",
		Long: `copex runs agent-based simulations of a co-operative economy: members, co-ops and the
Foundation trading on one ledger whose tokens are issued when co-ops offer goods.

Scenarios are YAML files or the embedded ones (copex list).`,
		SilenceUsage:               true,
		SilenceErrors:              true,
		Version:                    runs.Version(),
		SuggestionsMinimumDistance: 2,
		// An argument that names no command is the user's to fix (exit status 2); with
		// none, copex prints its help.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q (copex --help lists them)", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg = fmt.Sprintf("unknown command %q; did you mean %s?", args[0], strings.Join(s, " or "))
			}
			return badInput(errors.New(msg))
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInput(prefixed(c, err))
	})
	root.SetHelpCommand(helpCmd(root))
	root.AddCommand(runCmd(stdout, stderr), validateCmd(stdout), schemaCmd(stdout), auditCmd(stdout), keygenCmd(stdout), listCmd(stdout),
		benchCmd(stdout, stderr), benchCaseCmd(stdout), sweepCmd(stdout, stderr), mergeCmd(stdout))
	root.AddCommand(compareCmd(stdout), tuneCmd(stdout, stderr), screenCmd(stdout), analyzeCmd(stdout))
	root.AddCommand(serveCmd(stdout, stderr), phasesCmd(stdout), clearCmd(stdout))
	root.AddCommand(workshopCmd(stdout, stderr))
	for _, c := range root.Commands() {
		c.SilenceUsage = true
		if c.Args != nil {
			c.Args = usageArgs(c.Args)
		}
	}
	return root
}

// checkWorkers refuses a --workers below 1 with the same message in every command
// (each defaults to all cores).
func checkWorkers(n int) error {
	if n < 1 {
		return badInput(fmt.Errorf("--workers must be at least 1, got %d", n))
	}
	return nil
}

// prefixed puts the command's name (without copex's, which run prints) before err.
func prefixed(c *cobra.Command, err error) error {
	name := strings.TrimPrefix(strings.TrimPrefix(c.CommandPath(), c.Root().Name()), " ")
	if name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// usageArgs makes a wrong number of arguments the user's to fix (exit status 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		var ie inputError
		if err == nil || errors.As(err, &ie) {
			return err
		}
		return badInput(prefixed(cmd, err))
	}
}

// helpCmd is copex help [COMMAND]: a command that does not exist is an error (exit
// status 2), not a usage page.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err != nil || c == nil || c == root && len(rest) > 0 {
				return badInput(fmt.Errorf("help: no command %q (copex --help lists them)", strings.Join(args, " ")))
			}
			return c.Help()
		},
	}
}

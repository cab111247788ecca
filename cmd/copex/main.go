package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
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
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInput(fmt.Errorf("%s: %w", c.CommandPath(), err))
	})
	root.AddCommand(runCmd(stdout, stderr), validateCmd(stdout), schemaCmd(stdout), auditCmd(stdout), listCmd(stdout),
		benchCmd(stdout, stderr), benchCaseCmd(stdout), sweepCmd(stdout, stderr), mergeCmd(stdout))
	root.AddCommand(compareCmd(stdout), tuneCmd(stdout, stderr), screenCmd(stdout), analyzeCmd(stdout))
	root.AddCommand(serveCmd(stdout, stderr), phasesCmd(stdout))
	for _, c := range root.Commands() {
		c.SilenceUsage = true
	}
	return root
}

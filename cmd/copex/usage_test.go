package main

import (
	"strings"
	"testing"

	"github.com/copex/copex/runs"
)

// TestUsageErrors checks that what the user typed wrong exits 2 with one line that
// names copex once, as the README promises.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // the whole message
	}{
		{"unknown command", []string{"nosuch"}, `copex: unknown command "nosuch" (copex --help lists them)`},
		{"misspelt command", []string{"rnu"}, `copex: unknown command "rnu"; did you mean run?`},
		{"too many arguments", []string{"run", "a", "b"}, "copex: run: accepts at most 1 arg(s), received 2"},
		{"too few arguments", []string{"audit"}, "copex: audit: accepts 1 arg(s), received 0"},
		{"argument to list", []string{"list", "extra"}, `copex: list: unknown command "extra" for "copex list"`},
		{"unknown flag", []string{"run", "--bogus"}, "copex: run: unknown flag: --bogus"},
		{"unknown root flag", []string{"--bogus"}, "copex: unknown flag: --bogus"},
		{"help on no command", []string{"help", "nosuch"}, `copex: help: no command "nosuch" (copex --help lists them)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := copex(t, tt.args...)
			if code != exitBadInput || stderr != tt.want+"\n" || stdout != "" {
				t.Errorf("copex %s: exit %d, stdout %q, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stdout, stderr, exitBadInput, tt.want)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, stdout, stderr := copex(t, "--version")
	if code != 0 || stdout != runs.Version()+"\n" || stderr != "" {
		t.Errorf("copex --version: exit %d, %q %q; want 0 and %q", code, stdout, stderr, runs.Version())
	}
	for _, args := range [][]string{{}, {"help"}, {"--help"}} {
		code, stdout, stderr := copex(t, args...)
		if code != 0 || !strings.Contains(stdout, "Available Commands:") || stderr != "" {
			t.Errorf("copex %v: exit %d, stderr %q; want 0 and the command list", args, code, stderr)
		}
	}
	code, stdout, _ = copex(t, "help", "sweep")
	if code != 0 || !strings.Contains(stdout, "copex sweep FILE") {
		t.Errorf("copex help sweep: exit %d, %q", code, stdout)
	}
}

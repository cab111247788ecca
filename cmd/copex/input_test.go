package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInputFilesAreBounded: a device, a folder and a file over the size bound are
// refused before anything is read, with one line and exit status 2, wherever a command
// takes a file (issue: copex validate /dev/zero and a sweep naming it ran out of
// memory).
func TestInputFilesAreBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("k", 60) + ": 1\n"
	for n := 0; n < (5<<20)/len(line); n++ {
		f.WriteString(line)
	}
	f.Close()
	long := write(t, dir, "long.csv", strings.Repeat("a", 100_000)+"\n")
	sweepZero := write(t, dir, "sweep.yaml", "scenario: /dev/zero\nparameters:\n  seed: {values: [\"1\", \"2\"]}\nmetrics: [last(supply)]\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "/dev/zero"}, "not a regular file"},
		{[]string{"run", "/dev/zero", "-q"}, "not a regular file"},
		{[]string{"validate", dir}, "not a regular file (a folder)"},
		{[]string{"validate", big}, "larger than the 4 MiB"},
		{[]string{"run", big, "-q"}, "larger than the 4 MiB"},
		{[]string{"validate", sweepZero}, "not a regular file"},
		{[]string{"audit", "/dev/zero"}, "not a regular file"},
		{[]string{"audit", long}, "longer than 64 KiB"},
	} {
		code, _, stderr := copex(t, c.args...)
		if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("copex %s: exit %d, stderr %q; want exit 2 and one line saying %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}

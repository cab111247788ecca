//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputModesFollowUmask checks that a run's files are 0666 less the umask and its
// folder 0777 less the umask, as os.Create and os.Mkdir make them, not 0600/0700.
// The umask is the process's, which internal/atomicfile read once at start.
func TestOutputModesFollowUmask(t *testing.T) {
	u := syscall.Umask(0)
	syscall.Umask(u)
	if u&0o066 == 0o066 {
		t.Skipf("umask %03o: 0600 is then the right mode", u)
	}
	out := filepath.Join(t.TempDir(), "run")
	journal := filepath.Join(out, "journal.csv")
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out, "--agents", "--journal", journal, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.FileMode(0o777 &^ u); fi.Mode().Perm() != want {
		t.Errorf("%s: mode %o, want %o", out, fi.Mode().Perm(), want)
	}
	n := 0
	for _, name := range entries(t, out) {
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		n++
		if want := os.FileMode(0o666 &^ u); fi.Mode().Perm() != want {
			t.Errorf("%s: mode %o, want %o (umask %03o)", name, fi.Mode().Perm(), want, u)
		}
	}
	if n < 5 {
		t.Errorf("only %d files in %s", n, out)
	}
}

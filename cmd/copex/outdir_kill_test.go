//go:build unix

package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestKillChild is the process TestKillDuringRerun kills: it runs copex with the
// arguments in COPEX_KILL_CHILD.
func TestKillChild(t *testing.T) {
	args := os.Getenv("COPEX_KILL_CHILD")
	if args == "" {
		t.Skip("the process TestKillDuringRerun starts and kills")
	}
	os.Exit(run(strings.Split(args, "\x1f"), io.Discard, os.Stderr))
}

// TestKillDuringRerun kills (SIGKILL) reruns into a folder at times spread over a run:
// after each kill the folder holds one whole run, the earlier or the new one, exactly
// the files its manifest lists, or nothing; the next run removes what the kill left.
func TestKillDuringRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("kills runs of the baseline")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "run")
	journal := filepath.Join(out, "journal.csv")
	first := []string{"run", "baseline", "--out", out, "--agents", "--journal", journal, "--seed", "1", "-q"}
	again := []string{"run", "baseline", "--out", out, "--seed", "2", "-q"}
	if code, _, stderr := copex(t, first...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	check := func(when string) uint64 {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
		if os.IsNotExist(err) {
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s: %s holds %v and no manifest", when, out, entries(t, out))
			}
			return 0
		}
		if err != nil {
			t.Fatal(err)
		}
		var man struct {
			Seed  uint64
			Files []string
		}
		if err := json.Unmarshal(data, &man); err != nil {
			t.Fatalf("%s: manifest: %v", when, err)
		}
		var want []string
		for _, f := range man.Files {
			want = append(want, filepath.Base(f))
		}
		slices.Sort(want)
		if got := entries(t, out); !slices.Equal(got, want) {
			t.Errorf("%s: %s holds %v; its manifest (seed %d) lists %v", when, out, got, man.Seed, want)
		}
		return man.Seed
	}
	seen := map[uint64]int{}
	for i, delay := range []time.Duration{100, 250, 400, 550, 700, 900} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
		cmd.Env = append(os.Environ(), "COPEX_KILL_CHILD="+strings.Join(slices.Concat(again, []string{"--agents=" + []string{"false", "true"}[i%2]}), "\x1f"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		seen[check("kill after "+(delay*time.Millisecond).String())]++
	}
	t.Logf("seeds found after the kills (0: no folder): %v", seen)
	if code, _, stderr := copex(t, again...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if check("after a whole rerun") != 2 {
		t.Error("the rerun's manifest is not seed 2")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"run"}) {
		t.Errorf("beside the output folder after a whole rerun: %v", got)
	}
}

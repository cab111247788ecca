package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sweepText is a sweep of 2 × 2 points and 6 replicates of a small baseline: 24 runs
// that take long enough on one worker to be killed partway.
const sweepText = `name: cli
scenario: baseline
set: [members=1000, coops.count=40, ticks=60]
parameters:
  issuance.foundation_share: {values: [0.1, 0.3]}
  issuance.grant_expiry_months: {values: [6, 18]}
replicates: 6
seed: 2
metrics: [last(price_index), sd(inflation), mean(unmet_wants_value), last(gini)]
`

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSweepKilledResumes kills a sweep (SIGKILL, a child process) partway, starts it
// again, and checks that runs.csv then has every run once and equals the runs.csv of
// a sweep never interrupted, byte for byte.
func TestSweepKilledResumes(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "cli.yaml", sweepText)
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := copex(t, "sweep", file, "--out", whole, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := readFile(t, filepath.Join(whole, "runs.csv"))

	killed := filepath.Join(dir, "killed")
	cmd := exec.Command(os.Args[0], "sweep", file, "--out", killed, "--workers", "1", "-q")
	cmd.Env = append(os.Environ(), asCopex+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		runs, _ := filepath.Glob(filepath.Join(killed, "runs", "p*.csv"))
		if len(runs) >= 4 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no runs done after 20 s: %s", stderr.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	done, _ := filepath.Glob(filepath.Join(killed, "runs", "p*.csv"))
	if _, err := os.Stat(filepath.Join(killed, "runs.csv")); err == nil || len(done) >= 24 {
		t.Fatalf("the sweep finished (%d runs) before it was killed; the test needs a longer sweep", len(done))
	}
	code, stdout, errs := copex(t, "sweep", file, "--out", killed)
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "24 runs done") || strings.Contains(stdout, "(24 run now)") {
		t.Errorf("resume printed %q; want 24 done, fewer run now", stdout)
	}
	got := readFile(t, filepath.Join(killed, "runs.csv"))
	seen := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(got)), "\n")[1:] {
		seen[strings.SplitN(line, ",", 2)[0]]++
	}
	if len(seen) != 24 {
		t.Errorf("runs.csv has %d distinct runs; want 24", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("run %s appears %d times", id, n)
		}
	}
	if !bytes.Equal(got, want) {
		t.Error("runs.csv of the killed and resumed sweep differs from the uninterrupted sweep's")
	}
	if !bytes.Equal(readFile(t, filepath.Join(killed, "ticks.parquet")), readFile(t, filepath.Join(whole, "ticks.parquet"))) {
		t.Error("ticks.parquet of the killed and resumed sweep differs from the uninterrupted sweep's")
	}
}

const smallSweep = `name: tiny
scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  issuance.foundation_share: {values: [0.1, 0.2, 0.3]}
replicates: 2
metrics: [last(price_index)]
`

func TestSweepShardsFromEnvMerge(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "tiny.yaml", smallSweep)
	local := filepath.Join(dir, "local")
	if code, _, stderr := copex(t, "sweep", file, "--out", local, "--csv", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var shards []string
	for i, env := range [][2]string{{"JOB_COMPLETION_INDEX", "0"}, {"SLURM_ARRAY_TASK_ID", "2"}} {
		// The second is task 2 of an array counted from 1: shard 2 of 2.
		t.Setenv(env[0], env[1])
		if env[0] == "SLURM_ARRAY_TASK_ID" {
			os.Unsetenv("JOB_COMPLETION_INDEX")
			t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
		}
		d := filepath.Join(dir, "shard", env[1])
		if code, _, stderr := copex(t, "sweep", file, "--out", d, "--shards", "2", "--csv", "-q"); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		var m struct {
			Shard     string `json:"shard"`
			ShardRuns int    `json:"shard_runs"`
		}
		if err := json.Unmarshal(readFile(t, filepath.Join(d, "manifest.json")), &m); err != nil || m.Shard != []string{"1/2", "2/2"}[i] || m.ShardRuns != 3 {
			t.Errorf("%s=%s: manifest shard %q, %d runs, %v; want %d/2 and 3 runs", env[0], env[1], m.Shard, m.ShardRuns, err, i+1)
		}
		shards = append(shards, d)
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := copex(t, append(append([]string{"merge"}, shards...), "--out", merged, "--csv", "-q")...); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"runs.csv", "ticks.csv"} {
		if !bytes.Equal(readFile(t, filepath.Join(merged, f)), readFile(t, filepath.Join(local, f))) {
			t.Errorf("merged %s differs from one local sweep's", f)
		}
	}
}

func TestSweepBadInput(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "tiny.yaml", smallSweep)
	bad := write(t, dir, "bad.yaml", "scenario: baseline\nparameters:\n  coops.nonsense: {values: [1]}\n")
	t.Setenv("JOB_COMPLETION_INDEX", "")
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"sweep", file, "--shard", "3/2"}, `--shard: bad shard "3/2"`},
		{[]string{"sweep", file, "--shard", "x"}, `--shard: bad shard "x"`},
		{[]string{"sweep", file, "--shards", "2"}, "neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID"},
		{[]string{"sweep", file, "--workers", "0"}, "--workers must be at least 1, got 0"},
		{[]string{"sweep", bad}, "bad.yaml:3: parameters.coops.nonsense:"},
		{[]string{"sweep", filepath.Join(dir, "none.yaml")}, "none.yaml"},
		{[]string{"merge", dir, "--out", filepath.Join(dir, "m")}, "not a sweep output folder"},
		{[]string{"merge", dir}, "--out is required"},
	}
	for _, c := range cases {
		args := c.args
		if args[0] == "sweep" {
			args = append(args, "--out", filepath.Join(dir, "o"))
		}
		code, _, stderr := copex(t, args...)
		if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("copex %v: exit %d, %q; want %d and one line with %q", c.args, code, stderr, exitBadInput, c.want)
		}
	}
	t.Setenv("JOB_COMPLETION_INDEX", "5")
	if code, _, stderr := copex(t, "sweep", file, "--shards", "2", "--out", filepath.Join(dir, "o")); code != exitBadInput || !strings.Contains(stderr, "outside 0..1") {
		t.Errorf("index 5 of 2 shards: exit %d, %q", code, stderr)
	}
}

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepShardAuto runs copex sweep --shard auto under each scheduler's variables:
// the shard it records, and the one-line refusals of inconsistent values.
func TestSweepShardAuto(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "tiny.yaml", smallSweep)
	vars := []string{"JOB_COMPLETION_INDEX", "JOB_COMPLETIONS", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN",
		"SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"}
	cases := []struct {
		env  string
		args []string // after the file
		want string   // the manifest's shard, or a part of the error
	}{
		{"JOB_COMPLETION_INDEX=2 JOB_COMPLETIONS=3", nil, "3/3"},
		// --array=0-5:2 (MAX 4): task 4 is the last of 3 shards, task 2 the second.
		{"SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3", nil, "3/3"},
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3", nil, "2/3"},
		{"SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3", nil,
			"--shard auto: SLURM_ARRAY_TASK_ID=3 is not SLURM_ARRAY_TASK_MIN=0 plus a multiple of SLURM_ARRAY_TASK_STEP=2"},
		{"SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3", []string{"--shards", "2"},
			"--shard and --shards: give one"},
		{"JOB_COMPLETION_INDEX=2", nil, "--shard auto: JOB_COMPLETION_INDEX=2 is set but JOB_COMPLETIONS is not"},
		{"JOB_COMPLETION_INDEX=3 JOB_COMPLETIONS=3", nil, "index 3 is outside 0..2 of 3 shards"},
		{"JOB_COMPLETION_INDEX=1 SLURM_ARRAY_TASK_ID=1", nil, "are both set"},
		{"", nil, "--shard auto: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set"},
	}
	for i, c := range cases {
		for _, v := range vars {
			t.Setenv(v, "")
		}
		for _, kv := range strings.Fields(c.env) {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		out := filepath.Join(dir, "o", string(rune('a'+i)))
		args := append([]string{"sweep", file, "--out", out, "--shard", "auto", "--csv", "-q"}, c.args...)
		code, _, stderr := copex(t, args...)
		if !strings.Contains(c.want, "/") || strings.Contains(c.want, " ") {
			if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("%s copex %v: exit %d, %q; want %d and one line with %q", c.env, args, code, stderr, exitBadInput, c.want)
			}
			continue
		}
		if code != 0 {
			t.Errorf("%s copex %v: exit %d: %s", c.env, args, code, stderr)
			continue
		}
		var m struct {
			Shard string `json:"shard"`
		}
		if err := json.Unmarshal(readFile(t, filepath.Join(out, "manifest.json")), &m); err != nil || m.Shard != c.want {
			t.Errorf("%s: manifest shard %q, %v; want %s", c.env, m.Shard, err, c.want)
		}
	}
}

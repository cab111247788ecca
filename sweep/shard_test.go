package sweep

import (
	"fmt"
	"strings"
	"testing"
)

// env parses "A=1 B=2" into a lookup function like os.LookupEnv.
func env(s string) func(string) (string, bool) {
	m := map[string]string{}
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// slurmEnv is what Slurm sets in task id of --array=lo-hi:step (count tasks).
func slurmEnv(id, lo, hi, step int) string {
	return fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d SLURM_ARRAY_TASK_MIN=%d SLURM_ARRAY_TASK_MAX=%d SLURM_ARRAY_TASK_STEP=%d SLURM_ARRAY_TASK_COUNT=%d",
		id, lo, hi, step, (hi-lo)/step+1)
}

func TestEnvShard(t *testing.T) {
	cases := []struct {
		env    string
		shards int // --shards N, 0 for --shard auto
		want   string
	}{
		// Kubernetes: the index is 0-based, JOB_COMPLETIONS is the Job's completions.
		{"JOB_COMPLETION_INDEX=0 JOB_COMPLETIONS=8", 0, "1/8"},
		{"JOB_COMPLETION_INDEX=7 JOB_COMPLETIONS=8", 0, "8/8"},
		{"JOB_COMPLETION_INDEX=7", 8, "8/8"},
		{"JOB_COMPLETION_INDEX=7 JOB_COMPLETIONS=8", 8, "8/8"},
		{"JOB_COMPLETION_INDEX=3 SLURM_ARRAY_TASK_ID=", 0, "JOB_COMPLETIONS is not"}, // empty counts as unset
		{"JOB_COMPLETION_INDEX=8 JOB_COMPLETIONS=8", 0, "index 8 is outside 0..7 of 8 shards"},
		{"JOB_COMPLETION_INDEX=-1 JOB_COMPLETIONS=8", 0, "index -1 is outside"},
		{"JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=8", 4, "--shards 4 but JOB_COMPLETIONS=8"},
		{"JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=0", 0, "JOB_COMPLETIONS=0: want at least 1"},
		{"JOB_COMPLETION_INDEX=x JOB_COMPLETIONS=8", 0, `JOB_COMPLETION_INDEX="x": want a whole number`},
		{"JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=8x", 0, `JOB_COMPLETIONS="8x"`},
		// Slurm --array=0-7: task k runs shard k+1.
		{slurmEnv(0, 0, 7, 1), 0, "1/8"},
		{slurmEnv(7, 0, 7, 1), 0, "8/8"},
		// --array=1-8: counted from MIN.
		{slurmEnv(1, 1, 8, 1), 0, "1/8"},
		{slurmEnv(8, 1, 8, 1), 8, "8/8"},
		// --array=0-15:2 (MAX 14): the task 14 is the last shard, task 2 the second.
		{slurmEnv(14, 0, 14, 2), 0, "8/8"},
		{slurmEnv(2, 0, 14, 2), 0, "2/8"},
		{slurmEnv(2, 0, 14, 2), 8, "2/8"},
		// --array=3-24:3: tasks 3, 6, ..., 24.
		{slurmEnv(12, 3, 24, 3), 0, "4/8"},
		{slurmEnv(3, 0, 14, 2), 0, "SLURM_ARRAY_TASK_ID=3 is not SLURM_ARRAY_TASK_MIN=0 plus a multiple of SLURM_ARRAY_TASK_STEP=2"},
		{slurmEnv(2, 0, 14, 2), 4, "--shards 4 but SLURM_ARRAY_TASK_COUNT=8"},
		{"SLURM_ARRAY_TASK_ID=16 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=8", 0, "index 8 is outside 0..7"},
		// --array=1,3,7 with a step of 1: not evenly spaced.
		{"SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=7 SLURM_ARRAY_TASK_STEP=1 SLURM_ARRAY_TASK_COUNT=3", 0, "do not fit an evenly spaced array"},
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=0 SLURM_ARRAY_TASK_COUNT=8", 0, "SLURM_ARRAY_TASK_STEP=0: want at least 1"},
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=0", 0, "SLURM_ARRAY_TASK_COUNT=0: want at least 1"},
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=1", 0, "SLURM_ARRAY_TASK_COUNT is not"},
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=1", 2, "2/2"}, // STEP unset: 1
		{"SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=x", 2, `SLURM_ARRAY_TASK_MIN="x"`},
		// Neither, or both.
		{"", 0, "neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set"},
		{"JOB_COMPLETION_INDEX= SLURM_ARRAY_TASK_ID=", 8, "neither"},
		{"JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=8 " + slurmEnv(1, 0, 7, 1), 0, "both set"},
	}
	for _, c := range cases {
		i, n, err := EnvShard(env(c.env), c.shards)
		got := fmt.Sprintf("%d/%d", i, n)
		if err != nil {
			got = err.Error()
			if strings.Contains(got, "\n") {
				t.Errorf("EnvShard(%q, %d) error has more than one line: %q", c.env, c.shards, got)
			}
		}
		if !strings.Contains(got, c.want) || (err == nil) != strings.Contains(c.want, "/") || (err == nil && got != c.want) {
			t.Errorf("EnvShard(%q, %d) = %s; want %s", c.env, c.shards, got, c.want)
		}
	}
}

// TestEnvShardStepArraysCoverEveryShard checks that the tasks of arrays with any MIN
// and STEP run each of COUNT shards exactly once.
func TestEnvShardStepArraysCoverEveryShard(t *testing.T) {
	for _, a := range [][3]int{{0, 7, 1}, {1, 8, 1}, {0, 14, 2}, {5, 33, 4}, {0, 0, 1}} {
		lo, hi, step := a[0], a[1], a[2]
		seen := map[int]int{}
		count := (hi-lo)/step + 1
		for id := lo; id <= hi; id += step {
			i, n, err := EnvShard(env(slurmEnv(id, lo, hi, step)), 0)
			if err != nil || n != count {
				t.Fatalf("--array=%d-%d:%d task %d: %d/%d, %v", lo, hi, step, id, i, n, err)
			}
			seen[i]++
		}
		for i := 1; i <= count; i++ {
			if seen[i] != 1 {
				t.Errorf("--array=%d-%d:%d: shard %d/%d run by %d tasks; want 1", lo, hi, step, i, count, seen[i])
			}
		}
	}
}

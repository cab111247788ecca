package sweep

import (
	"fmt"
	"strconv"
)

// The variables a scheduler sets in each task's environment. Kubernetes sets only
// JOB_COMPLETION_INDEX; the Job copies its completions into JOB_COMPLETIONS itself
// (deploy/k8s/sweep-job.yaml). Slurm sets all five of a job array's.
const (
	envK8sIndex   = "JOB_COMPLETION_INDEX"
	envK8sCount   = "JOB_COMPLETIONS"
	envSlurmID    = "SLURM_ARRAY_TASK_ID"
	envSlurmMin   = "SLURM_ARRAY_TASK_MIN"
	envSlurmMax   = "SLURM_ARRAY_TASK_MAX"
	envSlurmStep  = "SLURM_ARRAY_TASK_STEP"
	envSlurmCount = "SLURM_ARRAY_TASK_COUNT"
)

// EnvShard returns the shard i of n (1-based) that a scheduler's task runs, read
// through lookup (os.LookupEnv) from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of
// JOB_COMPLETIONS) or a Slurm job array (SLURM_ARRAY_TASK_ID, counted from
// SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP, of SLURM_ARRAY_TASK_COUNT):
// task ID runs shard (ID−MIN)/STEP + 1, so --array=0-7, --array=1-8 and
// --array=0-15:2 each run shards 1..8 of 8.
//
// shards is the N the caller gives (--shards N), or 0 to take it from the environment
// (--shard auto), where it is then required. A count in the environment that differs
// from shards, an index outside the array, an ID off the array's step, a MAX that does
// not fit MIN, STEP and COUNT, and both schedulers' variables at once are refused with
// one line naming the variables. An empty variable counts as unset.
func EnvShard(lookup func(string) (string, bool), shards int) (i, n int, err error) {
	get := func(name string) (int, bool, error) {
		v, ok := lookup(name)
		if !ok || v == "" {
			return 0, false, nil
		}
		x, err := strconv.Atoi(v)
		if err != nil {
			return 0, true, fmt.Errorf("%s=%q: want a whole number", name, v)
		}
		return x, true, nil
	}
	k8s, hasK8s, err := get(envK8sIndex)
	if err != nil {
		return 0, 0, err
	}
	id, hasSlurm, err := get(envSlurmID)
	if err != nil {
		return 0, 0, err
	}
	var (
		index   int    // 0-based
		count   int    // from the environment (at least 1), 0 if not there
		counted string // the variable count came from
		source  string // what index is, for errors
	)
	switch {
	case hasK8s && hasSlurm:
		return 0, 0, fmt.Errorf("%s=%d and %s=%d are both set: run under one scheduler", envK8sIndex, k8s, envSlurmID, id)
	case hasK8s:
		index, source, counted = k8s, fmt.Sprintf("%s=%d", envK8sIndex, k8s), envK8sCount
		var hasCount bool
		if count, hasCount, err = get(envK8sCount); err != nil {
			return 0, 0, err
		}
		if hasCount && count < 1 {
			return 0, 0, fmt.Errorf("%s=%d: want at least 1", envK8sCount, count)
		}
	case hasSlurm:
		index, count, err = slurmIndex(get, id)
		if err != nil {
			return 0, 0, err
		}
		source, counted = fmt.Sprintf("%s=%d", envSlurmID, id), envSlurmCount
	default:
		return 0, 0, fmt.Errorf("neither %s nor %s is set (use --shard i/N)", envK8sIndex, envSlurmID)
	}
	switch {
	case shards == 0 && count == 0:
		return 0, 0, fmt.Errorf("%s is set but %s is not: give --shards N, or set %s", source, counted, counted)
	case shards > 0 && count > 0 && count != shards:
		return 0, 0, fmt.Errorf("--shards %d but %s=%d: make them equal, or give --shard auto", shards, counted, count)
	case shards == 0:
		shards = count
	}
	if index < 0 || index >= shards {
		return 0, 0, fmt.Errorf("%s: index %d is outside 0..%d of %d shards", source, index, shards-1, shards)
	}
	return index + 1, shards, nil
}

// slurmIndex returns the 0-based position of task id in its array, (id−MIN)/STEP, and
// the array's COUNT (0 if unset). MIN defaults to 0 and STEP to 1 when unset.
func slurmIndex(get func(string) (int, bool, error), id int) (index, count int, err error) {
	lo, _, err := get(envSlurmMin)
	if err != nil {
		return 0, 0, err
	}
	step, hasStep, err := get(envSlurmStep)
	if err != nil {
		return 0, 0, err
	}
	if !hasStep {
		step = 1
	}
	if step < 1 {
		return 0, 0, fmt.Errorf("%s=%d: want at least 1", envSlurmStep, step)
	}
	count, hasCount, err := get(envSlurmCount)
	if err != nil {
		return 0, 0, err
	}
	if hasCount && count < 1 {
		return 0, 0, fmt.Errorf("%s=%d: want at least 1", envSlurmCount, count)
	}
	hi, hasMax, err := get(envSlurmMax)
	if err != nil {
		return 0, 0, err
	}
	if hasMax && hasCount && hi != lo+(count-1)*step {
		return 0, 0, fmt.Errorf("%s=%d, %s=%d, %s=%d and %s=%d do not fit an evenly spaced array (MIN + (COUNT−1)×STEP = %d): give --array=A-B or A-B:S",
			envSlurmMin, lo, envSlurmMax, hi, envSlurmStep, step, envSlurmCount, count, lo+(count-1)*step)
	}
	if id < lo || (id-lo)%step != 0 {
		return 0, 0, fmt.Errorf("%s=%d is not %s=%d plus a multiple of %s=%d", envSlurmID, id, envSlurmMin, lo, envSlurmStep, step)
	}
	return (id - lo) / step, count, nil
}

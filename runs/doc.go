// Package runs runs one scenario to a folder of outputs: the per-tick metrics as tidy
// CSV, a manifest, optional per-member balances and journal, the charts and a one-page
// HTML report. Every file is written atomically. It is what `copex run` does, and what
// batch commands build on.
//
// Before building a model, Run compares its memory estimate (agents.EstimateMemory)
// with the memory available to the process (SystemMemory: /proc/meminfo and the
// memory cgroup's limit) and refuses a scenario too large with a *MemoryError, rather
// than crashing out of memory part way.
package runs

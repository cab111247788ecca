// Package runs runs one scenario to a folder of outputs: the per-tick metrics as tidy
// CSV, a manifest, optional per-member balances and journal, the charts and a one-page
// HTML report. It is what `copex run` does, and what batch commands build on.
//
// A run writes its folder whole: into a fresh temporary folder beside it (.NAME.tmp-*)
// that replaces the folder when every file is in it, so the folder holds one run at
// every moment (the earlier one, the new one, or none after a kill) and never an
// earlier run's file beside a new one's; the next run removes what a kill left. A
// folder holding files no run wrote is refused rather than replaced. Files get the
// mode os.Create would give them (0666 less the umask). Default folders
// ([DefaultDir]) are out/NAME with the name made safe ([SafeName]), so a scenario's,
// sweep's or comparison's name cannot lead out of out/.
//
// Before building a model, Run compares its memory estimate (agents.EstimateMemory)
// with the memory available to the process (SystemMemory: /proc/meminfo and the
// memory cgroup's limit) and refuses a scenario too large with a *MemoryError, rather
// than crashing out of memory part way.
package runs

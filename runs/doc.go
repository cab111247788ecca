// Package runs runs one scenario to a folder of outputs: the per-tick metrics as tidy
// CSV, a manifest, optional per-member balances and journal, the charts and a one-page
// HTML report. Every file is written atomically. It is what `copex run` does, and what
// batch commands build on.
package runs

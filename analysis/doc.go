// Package analysis turns many runs into findings: statistics of each point of a sweep
// across its replicates (mean, standard deviation, 95% confidence interval), charts of
// each summary metric against each varied parameter with a confidence band, a heat
// map for two-parameter sweeps and a self-contained report.html; Morris
// elementary-effects screening (design and effects); comparisons of two scenarios
// with common random numbers (Compare); and tuning of scenario parameters against a
// weighted objective of summary metrics with Nelder-Mead (Tune).
//
// It reads a sweep's runs.csv (columns run, point, replicate, seed, then each varied
// parameter by its scenario path, then each summary metric such as
// "last(price_index)") and does not depend on the package that writes it.
package analysis

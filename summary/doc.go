// Package summary reduces a run's per-tick metrics to named summary figures, such as
// "last(price_index)" or "sd(inflation)", and summarises replicates with a mean,
// standard deviation and 95% confidence interval. Sweeps, tuning and comparisons
// name their metrics this way.
package summary

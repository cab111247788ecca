// Package sweep runs parameter sweeps: many independent runs of one scenario, varied
// over a grid or a Latin hypercube of parameter values and replicated with different
// seeds.
//
// A sweep file (YAML, loaded strictly like a scenario: errors name the file, line and
// field) names a base scenario, fixed overrides, the varied parameters, the design,
// the number of replicates, a seed and the summary metrics to compute. Expansion is
// deterministic: run i is point i/replicates and replicate i%replicates, has the id
// "p0003-r02", and its seed depends on the sweep seed and the replicate only, so every
// point sees the same random numbers (common random numbers).
//
// Execute runs the runs on a pool of workers, one run per worker. Each finished run is
// written atomically to its own file under DIR/runs/; runs.csv and ticks.parquet (or
// ticks.csv) are built from those files in run order at the end, so the outputs do not
// depend on the order in which runs finish, a killed sweep resumes by running only
// the missing runs, and shards of a sweep (Options.Shard) merge (Merge) into exactly
// the files one local sweep writes.
package sweep

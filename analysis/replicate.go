package analysis

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/summary"
)

// runAll runs each of jobs (a configuration and a seed) and returns their metrics
// tables in order. Runs go in parallel, up to parallel at a time (0: GOMAXPROCS), each
// on one worker, so the results do not depend on parallel.
func runAll(jobs []job, parallel int) ([]*sim.Table, error) {
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	out := make([]*sim.Table, len(jobs))
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			m, err := agents.Build(j.cfg, j.seed)
			if err != nil {
				errs[i] = fmt.Errorf("build (seed %d): %w", j.seed, err)
				return
			}
			res, err := sim.Run(m, &sim.Options{Workers: 1})
			if err != nil {
				errs[i] = fmt.Errorf("run (seed %d): %w", j.seed, err)
				return
			}
			out[i] = res.Table
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// job is one run: a configuration and a seed.
type job struct {
	cfg  agents.Config
	seed uint64
}

// columnsOf returns the metrics columns a run of cfg writes.
func columnsOf(cfg agents.Config) []string {
	cols, err := agents.Columns(cfg)
	if err != nil {
		return nil
	}
	return summary.Columns(sim.NewTable(cols))
}

// parseMetrics parses metric names against the columns a run of sc writes.
func parseMetrics(names []string, sc *scenarios.Scenario) ([]summary.Metric, error) {
	return parseMetricsOf(names, columnsOf(sc.Config))
}

// parseMetricsOf parses metrics over the columns cols.
func parseMetricsOf(names []string, cols []string) ([]summary.Metric, error) {
	var out []summary.Metric
	for _, n := range names {
		m, err := summary.Parse(n, cols)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out, func(o summary.Metric) bool { return o.Func == m.Func && o.Column == m.Column }) {
			return nil, fmt.Errorf("metric %q is listed twice", n)
		}
		out = append(out, m)
	}
	return out, nil
}

// seeds returns the seeds of n replicates from a first seed: seed, seed+1, ...
func seeds(first uint64, n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = first + uint64(i)
	}
	return out
}

package analysis

import (
	"fmt"

	"github.com/copex/copex/sweep"
)

// ScreenSweep turns a sweep file into a Morris screening of its parameters: the same
// base scenario, fixed overrides, replicates, seed and metrics, each parameter ranging
// over its lhs bounds or between its least and greatest grid value.
func ScreenSweep(sw *sweep.Sweep, trajectories, levels int) (*ScreenFile, error) {
	if levels < 2 || levels%2 != 0 {
		return nil, fmt.Errorf("levels must be even and at least 2, got %d", levels)
	}
	if trajectories < 2 {
		return nil, fmt.Errorf("trajectories must be at least 2, got %d", trajectories)
	}
	st := Study{File: sw.Source, Scenario: sw.Scenario, Sets: sw.Set, Replicates: sw.Replicates, Seed: sw.Seed, base: sw.Base}
	for i, p := range sw.Params {
		lo, hi, integer, ok := sw.Bounds(i)
		if !ok || hi <= lo {
			return nil, fmt.Errorf("%s: parameter %s: a screening needs a numeric range, not %v", sw.Source, p.Path, p.Values)
		}
		st.Params = append(st.Params, TuneParam{Param: Param{Name: p.Path, Min: lo, Max: hi, Integer: integer}, Start: (lo + hi) / 2})
	}
	sf := &ScreenFile{Study: st, Metrics: sw.Metrics, Trajectories: trajectories, Levels: levels, DesignSeed: sw.Seed}
	if err := sf.checkRuns(); err != nil {
		return nil, fmt.Errorf("%s: %w", sw.Source, err)
	}
	return sf, nil
}

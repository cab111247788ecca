package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/copex/copex/summary"
)

// ScreenFile is a Morris screening of scenario parameters, as read from YAML by
// LoadScreen:
//
//	scenario: baseline
//	set: [members=300, coops.count=12, ticks=12]
//	parameters:
//	  - {path: issuance.smoothing, min: 0, max: 1}
//	  - {path: issuance.foundation_share, min: 0.05, max: 0.5}
//	replicates: 2        # runs per design point, seeds seed..seed+replicates-1
//	seed: 1
//	metrics: [sd(inflation), mean(unmet_wants_value)]
//	trajectories: 10     # r
//	levels: 4            # p, even
type ScreenFile struct {
	Study
	Metrics      []summary.Metric
	Trajectories int
	Levels       int
	DesignSeed   uint64 // seeds the design (the seed of the file) and the bootstrap
	Bootstrap    int    // resamples of the effects' intervals (0: DefaultBootstrap)
}

// Screening is the result of Screen.
type Screening struct {
	File   *ScreenFile
	Design *MorrisDesign
	Runs   *Runs      // every run: point, replicate, seed, parameters and metrics
	Effect [][]Effect // per metric, per parameter
}

// Screen runs the Morris design of the screen file, each point for the file's
// replicates with the same seeds (common random numbers), and computes each metric's
// elementary effects from its mean over the replicates at each point.
func Screen(s *ScreenFile, parallel int) (*Screening, error) {
	var params []Param
	for _, p := range s.Params {
		params = append(params, p.Param)
	}
	d, err := Morris(params, s.Trajectories, s.Levels, s.DesignSeed)
	if err != nil {
		return nil, err
	}
	d.Bootstrap = s.Bootstrap
	seedList := seeds(s.Seed, s.Replicates)
	var jobs []job
	for _, x := range d.Points {
		sc, err := s.scenario(x)
		if err != nil {
			return nil, err
		}
		for _, seed := range seedList {
			jobs = append(jobs, job{cfg: sc.Config, seed: seed})
		}
	}
	tabs, err := runAll(jobs, parallel)
	if err != nil {
		return nil, err
	}
	res := &Screening{File: s, Design: d, Runs: &Runs{}}
	for _, p := range params {
		res.Runs.Params = append(res.Runs.Params, p.Name)
	}
	for _, m := range s.Metrics {
		res.Runs.Metrics = append(res.Runs.Metrics, m.Name)
	}
	means := make([][]float64, len(s.Metrics))
	for i := range means {
		means[i] = make([]float64, len(d.Points))
	}
	for j, tab := range tabs {
		pt, r := j/len(seedList), j%len(seedList)
		row := Run{Run: strconv.Itoa(j), Point: pt, Replicate: r, Seed: seedList[r], Params: d.Points[pt]}
		for i, m := range s.Metrics {
			v := m.Value(tab)
			row.Metrics = append(row.Metrics, v)
			means[i][pt] += v / float64(len(seedList))
		}
		res.Runs.Rows = append(res.Runs.Rows, row)
	}
	for i := range s.Metrics {
		e, err := d.Effects(means[i])
		if err != nil {
			return nil, err
		}
		res.Effect = append(res.Effect, e)
	}
	return res, nil
}

// Write writes runs.csv (every run, in the layout of a sweep), morris_METRIC.csv and
// .png/.svg for each metric (see WriteEffects) and report.html into dir, and returns
// the files' names.
func (r *Screening) Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := r.Runs.WriteRuns(&b); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "runs.csv"), b.String()); err != nil {
		return nil, err
	}
	files := []string{"runs.csv"}
	var charts []Chart
	t := table{Header: []string{"metric", "parameter", "n", "μ", "μ*", "μ* 95% CI", "σ", "σ 95% CI", "μ* × range", "σ × range"}}
	for i, m := range r.File.Metrics {
		ch, err := WriteEffects(r.Effect[i], m.Name, dir)
		if err != nil {
			return nil, err
		}
		charts = append(charts, ch)
		files = append(files, "morris_"+stem(m.Name)+".csv", ch.PNG, ch.SVG)
		for _, e := range r.Effect[i] {
			t.Rows = append(t.Rows, []string{m.Name, e.Param, strconv.Itoa(e.N), num(e.Mu), num(e.MuStar), interval(e.MuStarCI),
				num(e.Sigma), interval(e.SigmaCI), num(e.MuStarRange), num(e.SigmaRange)})
		}
	}
	lead := fmt.Sprintf("Morris elementary effects of %d parameters on %s: %d trajectories on %d levels (Δ = %.3g of each range), %d replicates per point with common seeds from %d; %d runs. μ, μ* and σ are in metric units per parameter unit; times the parameter's range they compare parameters of different units (the charts): μ* ranks importance, σ shows non-linearity or interaction. "+
		"The 95%% intervals are bootstrap percentiles over %d resamples of the trajectories (seeded by the design's seed): overlapping intervals of μ* mean the ranking needs more trajectories.",
		len(r.Design.Params), r.File.Scenario, r.File.Trajectories, r.File.Levels, r.Design.Delta, r.File.Replicates, r.File.Seed, len(r.Runs.Rows), r.resamples())
	if err := writeHTML(filepath.Join(dir, "report.html"), "Morris screening", lead, t, charts); err != nil {
		return nil, err
	}
	return append(files, "report.html"), nil
}

// resamples returns the bootstrap's resamples of the effects' intervals.
func (r *Screening) resamples() int {
	if r.Design.Bootstrap > 0 {
		return r.Design.Bootstrap
	}
	return DefaultBootstrap
}

// interval formats a confidence interval as [lower, upper].
func interval(ci [2]float64) string { return "[" + num(ci[0]) + ", " + num(ci[1]) + "]" }

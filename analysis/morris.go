package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
)

// Param is a parameter screened or tuned, by scenario path, within bounds.
type Param struct {
	Name     string
	Min, Max float64
	Integer  bool // the scenario field takes whole numbers: values are rounded when set
}

// MorrisDesign is a Morris elementary-effects design: R trajectories of K+1 points
// each, K the number of parameters; consecutive points of a trajectory differ in one
// parameter, by Delta of its range.
type MorrisDesign struct {
	Params []Param
	Levels int     // p, the levels of the grid over each parameter's range
	Delta  float64 // the step, as a share of each range: p / (2 (p-1))
	// Points are the R*(K+1) points, trajectory by trajectory, in parameter units.
	Points [][]float64
	// Seed is the design's seed; it seeds the bootstrap of the effects' intervals too.
	Seed uint64
	// Bootstrap is how many times Effects resamples the trajectories for its
	// intervals (0: DefaultBootstrap).
	Bootstrap int
}

// DefaultBootstrap is the number of bootstrap resamples behind the intervals of
// Effects, B: with B = 1000 the 2.5% and 97.5% percentiles are the 25th and 975th of
// the sorted resampled statistics.
const DefaultBootstrap = 1000

// Morris generates r trajectories over params on a grid of levels (an even number,
// at least 2) levels, seeded: the same arguments give the same design. Each trajectory
// starts at a random grid point and moves each parameter once, in a random order, up
// or down by Delta = levels/(2(levels-1)) of its range (Morris 1991; Saltelli et al.
// 2004, ch. 3).
func Morris(params []Param, r, levels int, seed uint64) (*MorrisDesign, error) {
	if len(params) == 0 {
		return nil, fmt.Errorf("morris: no parameters")
	}
	if r < 2 {
		return nil, fmt.Errorf("morris: at least 2 trajectories, got %d", r)
	}
	if levels < 2 || levels%2 != 0 {
		return nil, fmt.Errorf("morris: levels must be even and at least 2, got %d", levels)
	}
	for _, p := range params {
		if !(p.Max > p.Min) {
			return nil, fmt.Errorf("morris: %s: max %g must exceed min %g", p.Name, p.Max, p.Min)
		}
	}
	k := len(params)
	d := &MorrisDesign{Params: params, Levels: levels, Delta: float64(levels) / (2 * float64(levels-1)), Seed: seed}
	rng := rand.New(rand.NewPCG(seed, 0x6d6f72726973))
	step := 1 / float64(levels-1)
	starts := levels / 2 // base levels 0 .. 1-Delta
	for range r {
		x := make([]float64, k)
		for i := range x {
			x[i] = float64(rng.IntN(starts)) * step
			if rng.IntN(2) == 1 { // start high, move down
				x[i] += d.Delta
			}
		}
		d.Points = append(d.Points, d.scale(x))
		for _, i := range rng.Perm(k) {
			if x[i]+d.Delta <= 1+1e-12 {
				x[i] += d.Delta
			} else {
				x[i] -= d.Delta
			}
			d.Points = append(d.Points, d.scale(x))
		}
	}
	return d, nil
}

// scale maps a point in the unit cube to parameter units.
func (d *MorrisDesign) scale(u []float64) []float64 {
	out := make([]float64, len(u))
	for i, p := range d.Params {
		out[i] = p.Min + math.Min(1, math.Max(0, u[i]))*(p.Max-p.Min)
	}
	return out
}

// Effect is the Morris screening of one parameter: the mean of its elementary effects
// Mu, the mean of their absolute values MuStar (its importance) and their standard
// deviation Sigma (non-linearity or interaction), over N trajectories. Elementary
// effects are in the metric's units per parameter unit: the change of the output over
// the change of the parameter. MuStarRange and SigmaRange are MuStar and Sigma times
// the parameter's range (max - min): the effect of moving across the whole range, in
// the metric's units, which ranks parameters of different units against each other.
//
// MuStarCI and SigmaCI are 95% bootstrap percentile intervals of MuStar and Sigma
// (lower, upper): the trajectories resampled with replacement, each resample's
// trajectories giving one MuStar and one Sigma; the intervals are the 2.5% and 97.5%
// percentiles of those. They show how far the screening's ranking can be trusted with
// this many trajectories. MuStarRangeCI and SigmaRangeCI are the same times the range.
type Effect struct {
	Param                       string
	N                           int
	Mu, MuStar, Sigma           float64
	MuStarRange, SigmaRange     float64
	MuStarCI, SigmaCI           [2]float64
	MuStarRangeCI, SigmaRangeCI [2]float64
}

// Effects computes the elementary effects of each parameter from ys, the output at
// each point of the design, in order, and their bootstrap intervals: d.Bootstrap
// resamples of the trajectories (0: DefaultBootstrap), drawn by a PCG seeded from the
// design's seed, so the same design and outputs give the same intervals.
func (d *MorrisDesign) Effects(ys []float64) ([]Effect, error) {
	k := len(d.Params)
	if len(ys) != len(d.Points) {
		return nil, fmt.Errorf("morris: %d outputs for %d points", len(ys), len(d.Points))
	}
	ee := make([][]float64, k)
	for t := 0; t+k < len(d.Points); t += k + 1 {
		for j := t; j < t+k; j++ {
			a, b := d.Points[j], d.Points[j+1]
			changed := -1
			for i := range a {
				if a[i] != b[i] {
					changed = i
				}
			}
			if changed < 0 {
				return nil, fmt.Errorf("morris: points %d and %d do not differ", j, j+1)
			}
			ee[changed] = append(ee[changed], (ys[j+1]-ys[j])/(b[changed]-a[changed]))
		}
	}
	out := make([]Effect, k)
	for i, xs := range ee {
		e := Effect{Param: d.Params[i].Name, N: len(xs)}
		e.Mu, e.MuStar, e.Sigma = moments(xs)
		r := d.Params[i].Max - d.Params[i].Min
		e.MuStarRange, e.SigmaRange = e.MuStar*r, e.Sigma*r
		out[i] = e
	}
	d.bootstrap(ee, out)
	return out, nil
}

// moments returns the mean, the mean absolute value and the standard deviation (n-1;
// 0 for one value) of xs.
func moments(xs []float64) (mu, muStar, sigma float64) {
	for _, x := range xs {
		mu += x
		muStar += math.Abs(x)
	}
	n := float64(len(xs))
	mu /= n
	muStar /= n
	for _, x := range xs {
		sigma += (x - mu) * (x - mu)
	}
	if len(xs) > 1 {
		sigma = math.Sqrt(sigma / (n - 1))
	}
	return mu, muStar, sigma
}

// bootstrap sets the effects' 95% percentile intervals. ee[i][t] is parameter i's
// elementary effect in trajectory t: each trajectory moves every parameter once, so a
// resample of trajectories takes the same trajectories' effects for every parameter,
// keeping what they share.
func (d *MorrisDesign) bootstrap(ee [][]float64, out []Effect) {
	b := d.Bootstrap
	if b <= 0 {
		b = DefaultBootstrap
	}
	r := len(ee[0])
	for i := range ee {
		if len(ee[i]) != r { // not a design of Morris: a trajectory moved a parameter twice
			for i := range out {
				out[i].MuStarCI, out[i].SigmaCI = [2]float64{math.NaN(), math.NaN()}, [2]float64{math.NaN(), math.NaN()}
				out[i].MuStarRangeCI, out[i].SigmaRangeCI = out[i].MuStarCI, out[i].SigmaCI
			}
			return
		}
	}
	rng := rand.New(rand.NewPCG(d.Seed, 0x626f6f74)) // "boot"
	idx := make([]int, r)
	xs := make([]float64, r)
	muStar := make([][]float64, len(ee))
	sigma := make([][]float64, len(ee))
	for range b {
		for t := range idx {
			idx[t] = rng.IntN(r)
		}
		for i := range ee {
			for t, j := range idx {
				xs[t] = ee[i][j]
			}
			_, m, s := moments(xs)
			muStar[i] = append(muStar[i], m)
			sigma[i] = append(sigma[i], s)
		}
	}
	for i := range out {
		e := &out[i]
		e.MuStarCI, e.SigmaCI = percentiles95(muStar[i]), percentiles95(sigma[i])
		rg := d.Params[i].Max - d.Params[i].Min
		e.MuStarRangeCI = [2]float64{e.MuStarCI[0] * rg, e.MuStarCI[1] * rg}
		e.SigmaRangeCI = [2]float64{e.SigmaCI[0] * rg, e.SigmaCI[1] * rg}
	}
}

// percentiles95 returns the 2.5% and 97.5% empirical quantiles of xs, sorting xs.
func percentiles95(xs []float64) [2]float64 {
	slices.Sort(xs)
	return [2]float64{stat.Quantile(0.025, stat.Empirical, xs, nil), stat.Quantile(0.975, stat.Empirical, xs, nil)}
}

// WriteEffects writes the effects on metric as dir/morris_METRIC.csv (param, n, mu,
// mu_star, sigma, mu_star_range, sigma_range, then the 95% bootstrap intervals
// mu_star_lower, mu_star_upper, sigma_lower, sigma_upper; METRIC as in
// "morris_sd_inflation") and a chart of mu* and sigma per parameter, each over the
// parameter's whole range and with its interval, as dir/morris_METRIC.png and .svg.
func WriteEffects(effects []Effect, metric, dir string) (Chart, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"param", "n", "mu", "mu_star", "sigma", "mu_star_range", "sigma_range",
		"mu_star_lower", "mu_star_upper", "sigma_lower", "sigma_upper"})
	for _, e := range effects {
		w.Write([]string{e.Param, fmt.Sprint(e.N), formatFloat(e.Mu), formatFloat(e.MuStar), formatFloat(e.Sigma),
			formatFloat(e.MuStarRange), formatFloat(e.SigmaRange),
			formatFloat(e.MuStarCI[0]), formatFloat(e.MuStarCI[1]), formatFloat(e.SigmaCI[0]), formatFloat(e.SigmaCI[1])})
	}
	w.Flush()
	if err := atomicfile.WriteFile(filepath.Join(dir, "morris_"+stem(metric)+".csv"), buf.Bytes()); err != nil {
		return Chart{}, err
	}
	title := "Morris screening of " + metric + ": μ* and σ of the elementary effects (95% bootstrap intervals)"
	mu := render.Series{Label: "μ* (mean |effect|)"}
	sd := render.Series{Label: "σ (sd of effects)"}
	lc := render.LineChart{Title: title, XLabel: "parameter", YLabel: "effect across the parameter's range", YFrom0: true}
	for j, e := range effects {
		lc.Categories = append(lc.Categories, e.Param)
		x := float64(j)
		mu.X, mu.Y = append(mu.X, x), append(mu.Y, e.MuStarRange)
		mu.Lower, mu.Upper = append(mu.Lower, e.MuStarRangeCI[0]), append(mu.Upper, e.MuStarRangeCI[1])
		sd.X, sd.Y = append(sd.X, x), append(sd.Y, e.SigmaRange)
		sd.Lower, sd.Upper = append(sd.Lower, e.SigmaRangeCI[0]), append(sd.Upper, e.SigmaRangeCI[1])
	}
	lc.Series = []render.Series{mu, sd}
	return render.Write(dir, "morris_"+stem(metric), lc)
}

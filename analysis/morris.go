package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"

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
}

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
	d := &MorrisDesign{Params: params, Levels: levels, Delta: float64(levels) / (2 * float64(levels-1))}
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
type Effect struct {
	Param                   string
	N                       int
	Mu, MuStar, Sigma       float64
	MuStarRange, SigmaRange float64
}

// Effects computes the elementary effects of each parameter from ys, the output at
// each point of the design, in order.
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
		for _, x := range xs {
			e.Mu += x
			e.MuStar += math.Abs(x)
		}
		n := float64(len(xs))
		e.Mu /= n
		e.MuStar /= n
		for _, x := range xs {
			e.Sigma += (x - e.Mu) * (x - e.Mu)
		}
		if len(xs) > 1 {
			e.Sigma = math.Sqrt(e.Sigma / (n - 1))
		}
		r := d.Params[i].Max - d.Params[i].Min
		e.MuStarRange, e.SigmaRange = e.MuStar*r, e.Sigma*r
		out[i] = e
	}
	return out, nil
}

// WriteEffects writes the effects on metric as dir/morris_METRIC.csv (param, n, mu,
// mu_star, sigma, mu_star_range, sigma_range; METRIC as in "morris_sd_inflation") and
// a bar chart of mu* and sigma per parameter, each over the parameter's whole range,
// as dir/morris_METRIC.png and .svg.
func WriteEffects(effects []Effect, metric, dir string) (Chart, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"param", "n", "mu", "mu_star", "sigma", "mu_star_range", "sigma_range"})
	for _, e := range effects {
		w.Write([]string{e.Param, fmt.Sprint(e.N), formatFloat(e.Mu), formatFloat(e.MuStar), formatFloat(e.Sigma),
			formatFloat(e.MuStarRange), formatFloat(e.SigmaRange)})
	}
	w.Flush()
	if err := atomicfile.WriteFile(filepath.Join(dir, "morris_"+stem(metric)+".csv"), buf.Bytes()); err != nil {
		return Chart{}, err
	}
	title := "Morris screening of " + metric + ": μ* and σ of the elementary effects"
	bc := render.BarChart{Title: title, YLabel: "effect across the parameter's range",
		Bars: []render.Bars{{Label: "μ* (mean |effect|)"}, {Label: "σ (sd of effects)"}}}
	for _, e := range effects {
		bc.Categories = append(bc.Categories, e.Param)
		bc.Bars[0].Values = append(bc.Bars[0].Values, e.MuStarRange)
		bc.Bars[1].Values = append(bc.Bars[1].Values, e.SigmaRange)
	}
	return render.Write(dir, "morris_"+stem(metric), bc)
}

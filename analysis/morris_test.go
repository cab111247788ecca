package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMorrisDesign(t *testing.T) {
	params := []Param{{Name: "a", Min: 0, Max: 1}, {Name: "b", Min: 10, Max: 20}, {Name: "c", Min: -1, Max: 1}}
	d, err := Morris(params, 10, 4, 42)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Points) != 10*4 || math.Abs(d.Delta-2.0/3) > 1e-12 {
		t.Fatalf("%d points, delta %g", len(d.Points), d.Delta)
	}
	for tr := 0; tr < 10; tr++ {
		moved := map[int]bool{}
		for j := tr * 4; j < tr*4+3; j++ {
			var diff []int
			for i := range params {
				if d.Points[j][i] != d.Points[j+1][i] {
					diff = append(diff, i)
					step := math.Abs(d.Points[j+1][i]-d.Points[j][i]) / (params[i].Max - params[i].Min)
					if math.Abs(step-d.Delta) > 1e-9 {
						t.Errorf("trajectory %d: step %g, want %g", tr, step, d.Delta)
					}
				}
			}
			if len(diff) != 1 || moved[diff[0]] {
				t.Fatalf("trajectory %d step %d changes %v", tr, j, diff)
			}
			moved[diff[0]] = true
		}
		for j := tr * 4; j < tr*4+4; j++ {
			for i, p := range params {
				if x := d.Points[j][i]; x < p.Min-1e-12 || x > p.Max+1e-12 {
					t.Errorf("point %d out of bounds: %v", j, d.Points[j])
				}
			}
		}
	}
	again, _ := Morris(params, 10, 4, 42)
	other, _ := Morris(params, 10, 4, 43)
	if !slices.EqualFunc(d.Points, again.Points, slices.Equal) {
		t.Error("same seed, different design")
	}
	if slices.EqualFunc(d.Points, other.Points, slices.Equal) {
		t.Error("other seed, same design")
	}
	for _, bad := range []func() error{
		func() error { _, err := Morris(nil, 10, 4, 1); return err },
		func() error { _, err := Morris(params, 1, 4, 1); return err },
		func() error { _, err := Morris(params, 10, 3, 1); return err },
		func() error { _, err := Morris([]Param{{Name: "x", Min: 1, Max: 1}}, 10, 4, 1); return err },
	} {
		if bad() == nil {
			t.Error("bad design accepted")
		}
	}
}

// For a linear function every elementary effect is the coefficient, in parameter
// units: mu = coefficient, mu* = |coefficient|, sigma = 0.
func TestMorrisLinear(t *testing.T) {
	params := []Param{{Name: "a", Min: 0, Max: 1}, {Name: "b", Min: 10, Max: 20}, {Name: "c", Min: -1, Max: 1}, {Name: "d", Min: 0, Max: 100}}
	coef := []float64{3, -2, 0.5, 0}
	d, err := Morris(params, 8, 6, 7)
	if err != nil {
		t.Fatal(err)
	}
	ys := make([]float64, len(d.Points))
	for j, x := range d.Points {
		ys[j] = 1
		for i := range x {
			ys[j] += coef[i] * x[i]
		}
	}
	eff, err := d.Effects(ys)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range eff {
		r := params[i].Max - params[i].Min
		if e.N != 8 || math.Abs(e.Mu-coef[i]) > 1e-9 || math.Abs(e.MuStar-math.Abs(coef[i])) > 1e-9 || e.Sigma > 1e-9 ||
			math.Abs(e.MuStarRange-math.Abs(coef[i])*r) > 1e-9 {
			t.Errorf("%s: %+v, want mu %g, sigma 0", e.Param, e, coef[i])
		}
		// Every resample of trajectories has the same effects: the intervals are points.
		a := math.Abs(coef[i])
		if math.Abs(e.MuStarCI[0]-a) > 1e-9 || math.Abs(e.MuStarCI[1]-a) > 1e-9 || e.SigmaCI[0] > 1e-9 || e.SigmaCI[1] > 1e-9 ||
			math.Abs(e.MuStarRangeCI[1]-a*r) > 1e-9 {
			t.Errorf("%s: intervals mu* %v sigma %v, want [%g, %g] and [0, 0]", e.Param, e.MuStarCI, e.SigmaCI, a, a)
		}
	}
	if _, err := d.Effects(ys[1:]); err == nil {
		t.Error("short outputs accepted")
	}
	ch, err := WriteEffects(eff, "y", t.TempDir())
	if err != nil || ch.PNG != "morris_y.png" {
		t.Errorf("WriteEffects: %+v %v", ch, err)
	}
}

// The Sobol g-function, g(x) = prod (|4x_i - 2| + a_i)/(1 + a_i) on [0,1]^k: the
// smaller a_i, the more x_i matters; with a = 0, 1, 4.5, 9, 99, 99 screening ranks
// the parameters in that order, and x_1..x_4 interact (sigma > 0).
func TestMorrisSobolG(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99}
	var params []Param
	for i := range a {
		params = append(params, Param{Name: string(rune('a' + i)), Min: 0, Max: 1})
	}
	d, err := Morris(params, 50, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	ys := make([]float64, len(d.Points))
	for j, x := range d.Points {
		g := 1.0
		for i := range x {
			g *= (math.Abs(4*x[i]-2) + a[i]) / (1 + a[i])
		}
		ys[j] = g
	}
	eff, err := d.Effects(ys)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if !(eff[i].MuStar > eff[i+1].MuStar) {
			t.Errorf("mu* of %s (%g) not above %s (%g)", eff[i].Param, eff[i].MuStar, eff[i+1].Param, eff[i+1].MuStar)
		}
	}
	if eff[0].MuStar < 10*eff[4].MuStar || eff[0].Sigma <= 0 {
		t.Errorf("effects %+v", eff)
	}
}

// noisyLinear returns the outputs of y = 1 + coef·x + e at the design's points, e
// normal with sd noise (seeded): each elementary effect of x_i is coef_i plus the
// difference of two noises over the step, so mu = coef_i exactly and mu* = |coef_i|
// when the step's noise, sd noise*sqrt(2)/(delta*range), is small beside coef_i.
func noisyLinear(d *MorrisDesign, coef []float64, noise float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 2))
	ys := make([]float64, len(d.Points))
	for j, x := range d.Points {
		ys[j] = 1 + noise*rng.NormFloat64()
		for i := range x {
			ys[j] += coef[i] * x[i]
		}
	}
	return ys
}

// The bootstrap intervals of mu* and sigma contain their estimates, contain the known
// mu* of a noisy linear function, shrink as trajectories are added (as 1/sqrt(r): 16
// times the trajectories, a quarter of the width), and are the same for the same design.
func TestMorrisBootstrap(t *testing.T) {
	params := []Param{{Name: "a", Min: 0, Max: 1}, {Name: "b", Min: 10, Max: 20}, {Name: "c", Min: -1, Max: 1}}
	coef := []float64{3, -2, 0.5}
	// Steps are delta = 2/3 of each range; with noise 0.05 a step's noise has sd
	// 0.05*sqrt(2)/(2/3*range) = 0.106, 0.0106, 0.053: well below |coef|, so no
	// effect changes sign and mu* = |coef| is what the intervals estimate.
	const noise = 0.05
	width := func(ci [2]float64) float64 { return ci[1] - ci[0] }
	var few, many []Effect
	for _, c := range []struct {
		r   int
		out *[]Effect
	}{{10, &few}, {160, &many}} {
		d, err := Morris(params, c.r, 4, 11)
		if err != nil {
			t.Fatal(err)
		}
		eff, err := d.Effects(noisyLinear(d, coef, noise, 5))
		if err != nil {
			t.Fatal(err)
		}
		*c.out = eff
		for i, e := range eff {
			if !(e.MuStarCI[0] <= e.MuStar && e.MuStar <= e.MuStarCI[1]) || !(e.SigmaCI[0] <= e.Sigma && e.Sigma <= e.SigmaCI[1]) {
				t.Errorf("r %d, %s: mu* %g in %v, sigma %g in %v: an estimate outside its interval", c.r, e.Param, e.MuStar, e.MuStarCI, e.Sigma, e.SigmaCI)
			}
			if !(width(e.MuStarCI) > 0 && width(e.SigmaCI) > 0) {
				t.Errorf("r %d, %s: empty intervals %v %v from noisy outputs", c.r, e.Param, e.MuStarCI, e.SigmaCI)
			}
			if a := math.Abs(coef[i]); c.r == 160 && !(e.MuStarCI[0] <= a && a <= e.MuStarCI[1]) {
				t.Errorf("r 160, %s: mu* interval %v misses the true %g", e.Param, e.MuStarCI, a)
			}
		}
		again, _ := d.Effects(noisyLinear(d, coef, noise, 5))
		if !slices.Equal(eff, again) {
			t.Errorf("r %d: the same design and outputs gave other intervals", c.r)
		}
	}
	for i := range params {
		// 1/sqrt(16) = 0.25; the bound 0.5 leaves room for the intervals' own noise.
		if rm, rs := width(many[i].MuStarCI)/width(few[i].MuStarCI), width(many[i].SigmaCI)/width(few[i].SigmaCI); rm > 0.5 || rs > 0.5 {
			t.Errorf("%s: 16 times the trajectories narrowed mu*'s interval by %.2f and sigma's by %.2f, want at most 0.5", params[i].Name, rm, rs)
		}
	}
}

package analysis

import (
	"math"
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

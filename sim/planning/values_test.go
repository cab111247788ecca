package planning_test

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// fourSector is a hand-worked example. Sectors 0 grain, 1 iron, 2 tools, 3 bread;
// direct labour l = (1, 2, 1, 1/2) hours per unit; per unit, grain uses 1/4 iron,
// iron uses 1/2 grain, tools use 1/4 grain and 1/2 iron, bread uses 1 grain and 1/4
// tools. v_j = l_j + sum_i v_i A[i][j]:
//
//	v0 = 1 + v1/4, v1 = 2 + v0/2  =>  v0 = 3/2 + v0/8, so v0 = 12/7 and v1 = 20/7
//	v2 = 1 + v0/4 + v1/2 = 1 + 3/7 + 10/7 = 20/7
//	v3 = 1/2 + v0 + v2/4 = 1/2 + 12/7 + 5/7 = 41/14
//
// rho(A) is that of the grain-iron loop: sqrt(1/4 x 1/2) = 0.35355.
func fourSector(t testing.TB) (*planning.IO, []float64, []float64) {
	a, err := planning.NewIO(4, []planning.Entry{
		{Sector: 0, Input: 1, Coef: 0.25},
		{Sector: 1, Input: 0, Coef: 0.5},
		{Sector: 2, Input: 0, Coef: 0.25}, {Sector: 2, Input: 1, Coef: 0.5},
		{Sector: 3, Input: 0, Coef: 1}, {Sector: 3, Input: 2, Coef: 0.25},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, []float64{1, 2, 1, 0.5}, []float64{12.0 / 7, 20.0 / 7, 20.0 / 7, 41.0 / 14}
}

func TestLabourValuesHandWorked(t *testing.T) {
	a, l, want := fourSector(t)
	it, st, err := planning.LabourValues(a, l, 0)
	if err != nil {
		t.Fatal(err)
	}
	dense, err := planning.LabourValuesDense(a, l)
	if err != nil {
		t.Fatal(err)
	}
	for j := range want {
		// 1e-12 relative: the iterative stop bound; the dense LU of a 4x4 is exact to
		// a few ulps.
		if math.Abs(it[j]-want[j]) > 1e-11*want[j] || math.Abs(dense[j]-want[j]) > 1e-13*want[j] {
			t.Errorf("v[%d]: iterative %v, dense %v, want %v", j, it[j], dense[j], want[j])
		}
	}
	// Productive at once: every column sums below 1.
	if r := planning.SpectralRadius(a, 0); r.High >= 1 || r.Low > math.Sqrt(0.125) {
		t.Errorf("radius %+v, want bounds about %v", r, math.Sqrt(0.125))
	}
	// Run to convergence (by scaling A up past 1, which needs the iteration to go
	// on), the bounds close on sqrt(1/8) x 4.
	big := *a
	big.Coef = append([]float64(nil), a.Coef...)
	for k := range big.Coef {
		big.Coef[k] *= 4
	}
	if r := planning.SpectralRadius(&big, 0); math.Abs(r.High-4*math.Sqrt(0.125)) > 1e-9 {
		t.Errorf("radius of 4A %+v, want %v", r, 4*math.Sqrt(0.125))
	}
	t.Logf("Gauss-Seidel: %d sweeps, error bound %.2g", st.Iterations, st.Bound)
}

// randomIO draws an n-sector matrix with about density x n^2 entries, rescaled so
// that its spectral radius (from gonum's dense eigen-decomposition, an independent
// computation) is rho.
func randomIO(t testing.TB, rng *rand.Rand, n int, density, rho float64) *planning.IO {
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		for j := range a[i] {
			if rng.Float64() < density {
				a[i][j] = rng.Float64()
			}
		}
	}
	r := denseRadius(a)
	if r == 0 {
		a[0][n-1], r = 1, 0 // a nilpotent pattern: keep it, radius 0
	}
	for i := range a {
		for j := range a[i] {
			if r > 0 {
				a[i][j] *= rho / r
			}
		}
	}
	m, err := planning.IOFromDense(a)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func denseRadius(a [][]float64) float64 {
	n := len(a)
	m := mat.NewDense(n, n, nil)
	for i := range a {
		for j := range a[i] {
			m.Set(i, j, a[i][j])
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(m, mat.EigenNone) {
		panic("eigen failed")
	}
	r := 0.0
	for _, v := range eig.Values(nil) {
		r = max(r, cmplx.Abs(v))
	}
	return r
}

func TestLabourValuesIterativeMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 60 {
		n := 2 + rng.IntN(40)
		rho := 0.05 + 0.9*rng.Float64()
		a := randomIO(t, rng, n, 0.05+0.5*rng.Float64(), rho)
		l := make([]float64, n)
		for j := range l {
			l[j] = 0.1 + rng.Float64()
		}
		it, _, err := planning.LabourValues(a, l, 1e-13)
		if err != nil {
			t.Fatalf("trial %d (n %d, rho %.3f): %v", trial, n, rho, err)
		}
		dense, err := planning.LabourValuesDense(a, l)
		if err != nil {
			t.Fatal(err)
		}
		for j := range it {
			// The stop bound is 1e-13 relative; the LU solve of I-A loses about
			// cond(I-A) ~ 1/(1-rho) <= 20 ulps, so 1e-9 is far above both.
			if d := math.Abs(it[j]-dense[j]) / dense[j]; d > 1e-9 {
				t.Errorf("trial %d (n %d, rho %.3f): v[%d] iterative %v, dense %v (rel %g)", trial, n, rho, j, it[j], dense[j], d)
			}
		}
		// The radius bounds bracket gonum's eigenvalues.
		r := planning.SpectralRadius(a, 0)
		want := denseRadius(a.Dense())
		if r.High < 1 && want >= 1 || r.Low > want+1e-9 || r.High < want-1e-9 {
			t.Errorf("trial %d: radius %+v, eigen %v", trial, r, want)
		}
	}
}

// With half of every good's value direct labour (every column of A sums to 1/2, so
// v = 2l), four significant digits take about log(1e-4)/log(1/2) = 13 Neumann terms;
// Gauss-Seidel needs no more.
func TestLabourValuesIterations(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	n := 500
	var es []planning.Entry
	for j := range n {
		for range 20 {
			es = append(es, planning.Entry{Sector: j, Input: rng.IntN(n), Coef: 0.5 / 20})
		}
	}
	a, err := planning.NewIO(n, es)
	if err != nil {
		t.Fatal(err)
	}
	l := make([]float64, n)
	for j := range l {
		l[j] = 1
	}
	v, st, err := planning.LabourValues(a, l, 1e-4)
	if err != nil {
		t.Fatal(err)
	}
	for j := range v {
		if math.Abs(v[j]-2) > 2e-4*2 {
			t.Fatalf("v[%d] = %v, want 2 to 4 digits", j, v[j])
		}
	}
	if st.Iterations > 25 {
		t.Errorf("%d sweeps for 4 digits, want at most 25", st.Iterations)
	}
	t.Logf("%d sweeps for 4 significant digits", st.Iterations)
}

func TestUnproductiveRefused(t *testing.T) {
	for _, tc := range []struct {
		a      [][]float64
		radius string // in the message
	}{
		{[][]float64{{0, 2}, {0.6, 0}}, "1.09545"},                                     // rho = sqrt(2 x 0.6) = 1.095445
		{[][]float64{{1}}, "spectral radius 1 "},                                       // a good that takes one of itself per unit
		{[][]float64{{0.5, 0.5, 0}, {0.5, 0.5, 0}, {0, 0, 0.2}}, "spectral radius 1 "}, // a closed block
	} {
		a, err := planning.IOFromDense(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		l := make([]float64, len(tc.a))
		_, _, err = planning.LabourValues(a, l, 0)
		if !errors.Is(err, planning.ErrUnproductive) || !strings.Contains(err.Error(), tc.radius) {
			t.Errorf("LabourValues(%v) error %v, want ErrUnproductive naming %q", tc.a, err, tc.radius)
		}
		if _, err := planning.LabourValuesDense(a, l); !errors.Is(err, planning.ErrUnproductive) {
			t.Errorf("LabourValuesDense(%v) error %v, want ErrUnproductive", tc.a, err)
		}
	}
	// Productive though a column sums above 1: rho = sqrt(2 x 0.1) = 0.447.
	a, _ := planning.IOFromDense([][]float64{{0, 2}, {0.1, 0}})
	if err := planning.CheckProductive(a); err != nil {
		t.Errorf("CheckProductive(rho 0.447) = %v", err)
	}
}

func TestPrice(t *testing.T) {
	for _, tc := range []struct {
		hours   float64
		perHour ledger.Amount
		want    ledger.Amount
		bad     bool
	}{
		{2.5, 4 * ledger.Unit, 10 * ledger.Unit, false},
		{12.0 / 7, 7 * ledger.Unit, 12 * ledger.Unit, false}, // the hand example's grain at 7 tokens an hour
		{1.0 / 3, 1, 0, false},                               // a third of a micro-token rounds to 0
		{2.0 / 3, 1, 1, false},
		{1e13, 1e6 * ledger.Unit, 0, true}, // 1e25 micro-tokens: beyond int64
		{-1, ledger.Unit, 0, true},
		{math.NaN(), ledger.Unit, 0, true},
	} {
		got, err := planning.Price(tc.hours, tc.perHour)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("Price(%v, %d) = %d, %v; want %d, error %v", tc.hours, tc.perHour, got, err, tc.want, tc.bad)
		}
	}
}

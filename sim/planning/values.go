package planning

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/copex/copex/sim/ledger"
)

// Radius describes the spectral radius (Perron root) rho of a non-negative matrix A.
type Radius struct {
	Low, High  float64 // Low <= rho(A) <= High
	Power      float64 // the power iteration's estimate
	Iterations int
}

// SpectralRadius bounds the Perron root of A by the Collatz-Wielandt inequalities:
// for a non-negative B and any positive row vector x,
// min_j (xB)_j/x_j <= rho(B) <= max_j (xB)_j/x_j. It applies them to B = A + I (whose
// Perron root is rho(A)+1 and whose power iteration cannot oscillate, since the shift
// makes B aperiodic) along the power iteration x <- xB/max(xB) from x = 1, keeping
// every x_j at least 1e-200 so that x stays positive. The growth of max(x) estimates
// rho(A)+1 too. The iteration stops as soon as High < 1 (productive: the first
// iteration's High is the largest column sum of A, so a matrix whose columns all sum
// below 1 is decided at once), or when the bounds meet, or High and the estimate agree and the estimate
// stops moving, within 1e-12 relative, or after maxIter iterations (maxIter <= 0: 10,000). For an irreducible A
// the bounds meet; for a reducible one Low may stay loose while High and the
// estimate converge to rho.
func SpectralRadius(a *IO, maxIter int) Radius {
	if maxIter <= 0 {
		maxIter = 10_000
	}
	x := make([]float64, a.N)
	y := make([]float64, a.N)
	for i := range x {
		x[i] = 1
	}
	var r Radius
	prev := math.Inf(1)
	for r.Iterations = 1; ; r.Iterations++ {
		a.mulLeft(y, x)
		lo, hi, top := math.Inf(1), 0.0, 0.0
		for j := range y {
			y[j] += x[j]
			q := y[j] / x[j]
			lo, hi, top = min(lo, q), max(hi, q), max(top, y[j])
		}
		// max(x) is 1 after the first normalisation, so top is its growth.
		r.Low, r.High, r.Power = lo-1, hi-1, top-1
		tol := 1e-12 * (1 + r.High)
		if r.High < 1 || r.High-r.Low <= tol || (r.High-r.Power <= tol && math.Abs(r.Power-prev) <= tol) || r.Iterations >= maxIter {
			return r
		}
		prev = r.Power
		for j := range y {
			x[j] = max(y[j]/top, 1e-200)
		}
	}
}

// CheckProductive returns nil if A is productive (rho(A) < 1, so that (I-A)^-1
// exists and is non-negative and every positive final demand can be met), and an
// error wrapping ErrUnproductive that gives the radius found otherwise.
func CheckProductive(a *IO) error {
	for k, c := range a.Coef {
		if err := checkCoef(c); err != nil {
			return fieldf(err, "io[%d].coefficient", k)
		}
	}
	r := SpectralRadius(a, 0)
	if r.High < 1 {
		return nil
	}
	if r.High-r.Power <= 1e-9*(1+r.High) {
		return fmt.Errorf("spectral radius %.6g is not below 1: %w", r.High, ErrUnproductive)
	}
	return fmt.Errorf("spectral radius at most %.6g and about %.6g after %d iterations, not shown below 1: %w", r.High, r.Power, r.Iterations, ErrUnproductive)
}

// ValueStats reports how an iterative solve went.
type ValueStats struct {
	Iterations int
	Bound      float64 // estimated largest relative error left when it stopped
}

// LabourValues returns the embodied labour per unit of each good, v = l (I - A)^-1,
// the solution of v_j = l_j + sum_i v_i A[i][j]: the direct labour of a unit of j plus
// the embodied labour of the inputs it uses. l[j] is hours of direct labour per unit
// of good j.
//
// It solves by Gauss-Seidel sweeps from v = l, v_j <- (l_j + sum_{i != j} v_i
// A[i][j]) / (1 - A[j][j]), which for a non-negative A with rho(A) < 1 converge
// monotonically upward, at least as fast as the Neumann series v <- l + vA
// (Stein-Rosenberg). A sweep costs one pass over the non-zeros. It stops when the
// estimated error left, d_k q/(1-q) with d_k the largest relative change of the sweep
// and q = d_k/d_{k-1} the observed contraction, is at most tol (tol <= 0: 1e-12), or
// after 100,000 sweeps. A matrix that is not productive is refused first
// (CheckProductive).
func LabourValues(a *IO, l []float64, tol float64) ([]float64, ValueStats, error) {
	if err := checkLabour(a, l); err != nil {
		return nil, ValueStats{}, err
	}
	if err := CheckProductive(a); err != nil {
		return nil, ValueStats{}, err
	}
	if tol <= 0 {
		tol = 1e-12
	}
	v := make([]float64, a.N)
	copy(v, l)
	var st ValueStats
	prev := math.Inf(1)
	for st.Iterations = 1; st.Iterations <= 100_000; st.Iterations++ {
		d := 0.0
		for j := range a.N {
			s, diag := l[j], 0.0
			for k := a.Start[j]; k < a.Start[j+1]; k++ {
				if i := a.Input[k]; int(i) != j {
					s += v[i] * a.Coef[k]
				} else {
					diag = a.Coef[k]
				}
			}
			s /= 1 - diag
			if s > 0 {
				d = max(d, (s-v[j])/s)
			}
			v[j] = s
		}
		q := d / prev
		prev = d
		if d == 0 || (st.Iterations > 1 && q < 1 && d*q/(1-q) <= tol) {
			st.Bound = 0
			if d > 0 {
				st.Bound = d * q / (1 - q)
			}
			return v, st, nil
		}
	}
	return v, st, fmt.Errorf("labour values: no convergence in %d sweeps (last change %.3g)", st.Iterations-1, prev)
}

// LabourValuesDense returns v = l (I - A)^-1 by an LU factorisation of I - A
// (gonum/mat), solving (I - A)^T v^T = l^T. It costs O(n^3) time and O(n^2) memory:
// for small matrices and as the reference the iterative solve is checked against.
func LabourValuesDense(a *IO, l []float64) ([]float64, error) {
	if err := checkLabour(a, l); err != nil {
		return nil, err
	}
	if err := CheckProductive(a); err != nil {
		return nil, err
	}
	n := a.N
	m := mat.NewDense(n, n, nil)
	for i := range n {
		m.Set(i, i, 1)
	}
	for j := range n {
		for k := a.Start[j]; k < a.Start[j+1]; k++ {
			i := int(a.Input[k])
			m.Set(i, j, m.At(i, j)-a.Coef[k])
		}
	}
	var lu mat.LU
	lu.Factorize(m)
	var v mat.VecDense
	if err := lu.SolveVecTo(&v, true, mat.NewVecDense(n, append([]float64(nil), l...))); err != nil {
		return nil, fmt.Errorf("labour values: %w", err)
	}
	out := make([]float64, n)
	for j := range out {
		out[j] = v.AtVec(j)
	}
	return out, nil
}

func checkLabour(a *IO, l []float64) error {
	if len(l) != a.N {
		return fieldf(fmt.Errorf("%d values for %d sectors: %w", len(l), a.N, ErrRange), "labour")
	}
	for j, x := range l {
		if err := checkCoef(x); err != nil {
			return fieldf(err, "labour[%d]", j)
		}
	}
	return nil
}

// Price returns the price of something that embodies hours of labour at perHour
// micro-tokens per embodied hour, rounded once to the nearest micro-token. A price
// beyond the int64 range, or hours that are negative or not finite, is an error
// (never a saturated or wrapped amount).
func Price(hours float64, perHour ledger.Amount) (ledger.Amount, error) {
	if err := checkCoef(hours); err != nil {
		return 0, fmt.Errorf("price of %v hours: %w", hours, err)
	}
	if perHour < 0 {
		return 0, fmt.Errorf("price at %d per hour: %w", perHour, ErrNegative)
	}
	// float64(MaxInt64) rounds up to 2^63, so anything at or above it overflows.
	if f := hours * float64(perHour); f >= math.MaxInt64 {
		return 0, fmt.Errorf("price of %v hours at %d per hour: beyond %d micro-tokens: %w", hours, perHour, int64(math.MaxInt64), ErrRange)
	}
	return ledger.Scale(perHour, hours), nil
}

// Prices returns Price(v[j], perHour) for every good j.
func Prices(v []float64, perHour ledger.Amount) ([]ledger.Amount, error) {
	out := make([]ledger.Amount, len(v))
	for j, h := range v {
		p, err := Price(h, perHour)
		if err != nil {
			return nil, fieldf(err, "values[%d]", j)
		}
		out[j] = p
	}
	return out, nil
}

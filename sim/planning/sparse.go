package planning

import (
	"fmt"
	"math"
)

// IO is a sparse input-output matrix A held by columns (compressed sparse columns):
// A[i][j] is the number of units of good i used to make one unit of good j, so
// column j is the recipe of sector j. Sector j's inputs are Input[Start[j]:Start[j+1]]
// with coefficients Coef at the same positions.
//
// The column orientation is the one both users of the matrix read: embodied labour
// v_j = l_j + sum_i v_i A[i][j] and a sector's unit input cost sum_i p_i A[i][j] each
// walk one column.
type IO struct {
	N     int       // sectors (goods)
	Start []int32   // len N+1; column j is [Start[j], Start[j+1])
	Input []int32   // row (input good) of each entry
	Coef  []float64 // coefficient of each entry
}

// Entry is one coefficient of an input-output matrix: Sector uses Coef units of Input
// per unit of its output.
type Entry struct {
	Sector, Input int
	Coef          float64
}

// NewIO builds an n-sector matrix from entries in any order. Entries for the same
// (sector, input) pair are added together. It refuses indices out of range and
// coefficients that are negative or not finite.
func NewIO(n int, entries []Entry) (*IO, error) {
	if n <= 0 {
		return nil, fmt.Errorf("io: %d sectors: %w", n, ErrRange)
	}
	if n > math.MaxInt32 || len(entries) > math.MaxInt32 {
		return nil, fmt.Errorf("io: %d sectors, %d entries: too large: %w", n, len(entries), ErrRange)
	}
	m := &IO{N: n, Start: make([]int32, n+1)}
	for k, e := range entries {
		if e.Sector < 0 || e.Sector >= n {
			return nil, &FieldError{Path: fmt.Sprintf("io[%d].sector", k), Err: fmt.Errorf("%d not in [0, %d): %w", e.Sector, n, ErrRange)}
		}
		if e.Input < 0 || e.Input >= n {
			return nil, &FieldError{Path: fmt.Sprintf("io[%d].input", k), Err: fmt.Errorf("%d not in [0, %d): %w", e.Input, n, ErrRange)}
		}
		if err := checkCoef(e.Coef); err != nil {
			return nil, &FieldError{Path: fmt.Sprintf("io[%d].coefficient", k), Err: err}
		}
		m.Start[e.Sector+1]++
	}
	for j := range n {
		m.Start[j+1] += m.Start[j]
	}
	m.Input = make([]int32, len(entries))
	m.Coef = make([]float64, len(entries))
	next := make([]int32, n)
	copy(next, m.Start[:n])
	for _, e := range entries {
		k := next[e.Sector]
		next[e.Sector]++
		m.Input[k], m.Coef[k] = int32(e.Input), e.Coef
	}
	// Sort each column by input (insertion sort: columns are short) and merge
	// duplicates, so that the matrix, and every sum over a column, has one form.
	w := int32(0)
	for j := range n {
		lo, hi := m.Start[j], m.Start[j+1]
		for a := lo + 1; a < hi; a++ {
			for b := a; b > lo && m.Input[b-1] > m.Input[b]; b-- {
				m.Input[b-1], m.Input[b] = m.Input[b], m.Input[b-1]
				m.Coef[b-1], m.Coef[b] = m.Coef[b], m.Coef[b-1]
			}
		}
		m.Start[j] = w
		for a := lo; a < hi; a++ {
			if w > m.Start[j] && m.Input[w-1] == m.Input[a] {
				m.Coef[w-1] += m.Coef[a]
				continue
			}
			m.Input[w], m.Coef[w] = m.Input[a], m.Coef[a]
			w++
		}
	}
	m.Start[n] = w
	m.Input, m.Coef = m.Input[:w], m.Coef[:w]
	return m, nil
}

// IOFromDense builds the sparse form of a dense n×n matrix a, a[i][j] = units of
// good i per unit of good j, keeping the non-zero entries.
func IOFromDense(a [][]float64) (*IO, error) {
	var es []Entry
	for i, row := range a {
		if len(row) != len(a) {
			return nil, &FieldError{Path: fmt.Sprintf("io[%d]", i), Err: fmt.Errorf("%d columns, want %d: %w", len(row), len(a), ErrRange)}
		}
		for j, c := range row {
			if c != 0 || math.IsNaN(c) {
				es = append(es, Entry{Sector: j, Input: i, Coef: c})
			}
		}
	}
	return NewIO(len(a), es)
}

// At returns A[i][j].
func (m *IO) At(i, j int) float64 {
	for k := m.Start[j]; k < m.Start[j+1]; k++ {
		if int(m.Input[k]) == i {
			return m.Coef[k]
		}
	}
	return 0
}

// Dense returns A as a dense matrix, a[i][j].
func (m *IO) Dense() [][]float64 {
	a := make([][]float64, m.N)
	for i := range a {
		a[i] = make([]float64, m.N)
	}
	for j := range m.N {
		for k := m.Start[j]; k < m.Start[j+1]; k++ {
			a[m.Input[k]][j] += m.Coef[k]
		}
	}
	return a
}

// mulLeft sets out = x A (out_j = sum_i x_i A[i][j]); out and x must not overlap.
func (m *IO) mulLeft(out, x []float64) {
	for j := range m.N {
		s := 0.0
		for k := m.Start[j]; k < m.Start[j+1]; k++ {
			s += x[m.Input[k]] * m.Coef[k]
		}
		out[j] = s
	}
}

// mulRightAdd adds A z to out (out_i += sum_j A[i][j] z_j).
func (m *IO) mulRightAdd(out, z []float64) {
	for j := range m.N {
		zj := z[j]
		if zj == 0 {
			continue
		}
		for k := m.Start[j]; k < m.Start[j+1]; k++ {
			out[m.Input[k]] += m.Coef[k] * zj
		}
	}
}

package planning

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// Consumers are consumers' councils held as arrays, one entry per council.
//
// A council has Cobb-Douglas utility sum_g w_g ln x_g (+ w_0 ln leisure) and spends
// its income in fixed shares: it demands x_g = (w_g/W) income / p_g, W the sum of its
// weights. Without Config.WageIncome the income is Budget and the council offers its
// Hours of work whatever the wage (Pequod's consumers: income fixed by effort
// ratings, labour supply fixed). With WageIncome the income is Budget + wage x hours
// worked: the council values leisure with weight Leisure, keeps leisure
// w_0/W (Budget + wage Hours)/wage of its Hours (at most all of them) and works the
// rest.
type Consumers struct {
	Budget  []ledger.Amount // income for the year (non-labour income with WageIncome), micro-tokens
	Weights []float64       // len = councils x goods, row-major: weight of each good
	Leisure []float64       // weight of leisure (nil: none); read only with WageIncome
	Hours   []float64       // hours of work offered (the endowment, with WageIncome)
	Parent  []int32         // federation of each council, -1 for none (nil: all flat)
	Scale   []float64       // factor a council applies to its own and its members' proposals (nil: 1)
}

// Len returns the number of consumers' councils.
func (c *Consumers) Len() int { return len(c.Budget) }

// Workers are workers' councils held as arrays, one entry per council.
//
// Council j makes good Good[j]. To make q units it uses a bundle
// z(q) = Base (q/Base)^Returns of Labour hours and of the inputs its sector's column of
// the input-output matrix lists, per unit of bundle: Labour z hours and A[i][g] z
// units of each input i. Returns > 1 is diminishing returns in labour and inputs
// together (a Cobb-Douglas production q = Base (z/Base)^(1/Returns) with Leontief
// inputs); Returns = 1 is constant returns, where z = q and Labour and A are per unit.
//
// The council's rule is benefit over cost at the posted prices, with unit bundle cost
// c = wage Labour + sum_i p_i A[i][g]:
//   - Returns > 1: it proposes the output that maximises p q - c z(q), where price
//     equals marginal cost: q = Base (p/(Returns c))^(1/(Returns-1)), at most Capacity.
//   - Returns = 1: profit is linear in q, so there is no best output; as in Hahnel's
//     procedure, a council whose social benefit exceeds its social cost (p/c > 1) is
//     asked to expand and one below to contract: q <- min(Capacity, q (p/c)^k) with k
//     Config.Responsiveness. At rest p = c: zero profit.
type Workers struct {
	Good     []int32   // good produced
	Capacity []float64 // most units the council can make in the year
	Labour   []float64 // hours per unit of bundle
	Base     []float64 // reference output (units): z(Base) = Base; > 0
	Returns  []float64 // >= 1; 1 is constant returns
	Parent   []int32   // federation of each council, -1 for none (nil: all flat)
	Scale    []float64 // factor a council applies to its own and its members' proposals (nil: 1)
}

// Len returns the number of workers' councils.
func (w *Workers) Len() int { return len(w.Good) }

// Economy is what a plan is made for: goods, the input-output matrix and the
// councils. The planner reads it and never writes to it.
//
// Councils may nest: Parent[i] is the federation council i belongs to (a council of
// the same side, or -1). A federation's proposal is its own plus its members'
// proposals, all multiplied by its Scale (a neighbourhood federation that trims its
// members' demands to 95% has Scale 0.95). The aggregate of a side is the sum over
// the top-level federations, so each council's proposal counts multiplied by the
// product of the Scales from it up to its top-level federation; with no Parent and
// no Scale the councils are flat (Pequod).
type Economy struct {
	Goods     int
	IO        *IO // N == Goods; nil: no intermediate inputs
	Consumers Consumers
	Workers   Workers
}

// Validate checks the economy and returns a *FieldError naming the first bad field:
// lengths, negative or non-finite numbers, indices out of range, nesting that leaves
// a council out (a parent out of range or a cycle), a good no council makes, and a
// matrix that is not productive.
func (e *Economy) Validate() error {
	if e.Goods <= 0 || e.Goods > math.MaxInt32 {
		return fieldf(fmt.Errorf("%d: %w", e.Goods, ErrRange), "goods")
	}
	if e.IO != nil {
		if e.IO.N != e.Goods {
			return fieldf(fmt.Errorf("%d sectors for %d goods: %w", e.IO.N, e.Goods, ErrRange), "io")
		}
		if err := CheckProductive(e.IO); err != nil {
			if _, named := err.(*FieldError); named {
				return err // a bad coefficient, named by its entry
			}
			return fieldf(err, "io")
		}
	}
	if err := e.Consumers.validate(e.Goods); err != nil {
		return err
	}
	return e.Workers.validate(e.Goods)
}

func (c *Consumers) validate(goods int) error {
	n := c.Len()
	if err := lengths("consumers", n, column{"hours", len(c.Hours)}); err != nil {
		return err
	}
	if len(c.Weights) != n*goods {
		return fieldf(fmt.Errorf("%d values for %d councils x %d goods: %w", len(c.Weights), n, goods, ErrRange), "consumers.weights")
	}
	if c.Leisure != nil && len(c.Leisure) != n {
		return fieldf(fmt.Errorf("%d values for %d councils: %w", len(c.Leisure), n, ErrRange), "consumers.leisure")
	}
	for i := range n {
		if c.Budget[i] < 0 {
			return fieldf(fmt.Errorf("%d: %w", c.Budget[i], ErrNegative), "consumers[%d].budget", i)
		}
		if err := checkCoef(c.Hours[i]); err != nil {
			return fieldf(err, "consumers[%d].hours", i)
		}
		sum := 0.0
		for g, w := range c.Weights[i*goods : (i+1)*goods] {
			if err := checkCoef(w); err != nil {
				return fieldf(err, "consumers[%d].weights[%d]", i, g)
			}
			sum += w
		}
		if c.Leisure != nil {
			if err := checkCoef(c.Leisure[i]); err != nil {
				return fieldf(err, "consumers[%d].leisure", i)
			}
		}
		if !(sum > 0) || math.IsInf(sum, 0) {
			return fieldf(fmt.Errorf("weights sum to %v, want a positive finite sum: %w", sum, ErrRange), "consumers[%d].weights", i)
		}
	}
	return checkNesting("consumers", c.Parent, c.Scale, n)
}

func (w *Workers) validate(goods int) error {
	n := w.Len()
	if err := lengths("workers", n, column{"capacity", len(w.Capacity)}, column{"labour", len(w.Labour)},
		column{"base", len(w.Base)}, column{"returns", len(w.Returns)}); err != nil {
		return err
	}
	made := make([]bool, goods)
	for j := range n {
		if g := w.Good[j]; g < 0 || int(g) >= goods {
			return fieldf(fmt.Errorf("%d not in [0, %d): %w", g, goods, ErrRange), "workers[%d].good", j)
		}
		made[w.Good[j]] = true
		if err := checkCoef(w.Capacity[j]); err != nil {
			return fieldf(err, "workers[%d].capacity", j)
		}
		if err := checkCoef(w.Labour[j]); err != nil {
			return fieldf(err, "workers[%d].labour", j)
		}
		if err := checkCoef(w.Base[j]); err != nil || w.Base[j] == 0 {
			return fieldf(fmt.Errorf("%v: want a positive finite number: %w", w.Base[j], ErrRange), "workers[%d].base", j)
		}
		if r := w.Returns[j]; !(r >= 1) || math.IsInf(r, 0) {
			return fieldf(fmt.Errorf("%v: want at least 1 (1 is constant returns): %w", r, ErrRange), "workers[%d].returns", j)
		}
	}
	for g, ok := range made {
		if !ok {
			return fieldf(ErrNoProducer, "goods[%d]", g)
		}
	}
	return checkNesting("workers", w.Parent, w.Scale, n)
}

// column is the name and length of one of a side's arrays.
type column struct {
	name string
	len  int
}

// lengths checks that every array of a side has n entries.
func lengths(side string, n int, cols ...column) error {
	for _, c := range cols {
		if c.len != n {
			return fieldf(fmt.Errorf("%d values for %d councils: %w", c.len, n, ErrRange), "%s.%s", side, c.name)
		}
	}
	return nil
}

// ValidateNesting checks a nesting given as parent indices (-1: top level) over n
// councils: every parent in range and no cycle, so that every council's proposal
// reaches the top. It returns a *FieldError naming side[i].parent for the first
// council left out.
func ValidateNesting(side string, parent []int32, n int) error {
	if parent == nil {
		return nil
	}
	if len(parent) != n {
		return fieldf(fmt.Errorf("%d values for %d councils: %w", len(parent), n, ErrRange), "%s.parent", side)
	}
	state := make([]uint8, n) // 0 not seen, 1 on the current chain, 2 reaches the top
	for i := range n {
		j := int32(i)
		for j >= 0 && state[j] == 0 {
			state[j] = 1
			p := parent[j]
			if p < -1 || int(p) >= n {
				return fieldf(fmt.Errorf("%d not in [-1, %d): %w", p, n, ErrRange), "%s[%d].parent", side, j)
			}
			j = p
		}
		if j >= 0 && state[j] == 1 {
			return fieldf(fmt.Errorf("council %d is its own federation's member: %w", j, ErrCycle), "%s[%d].parent", side, j)
		}
		for j := int32(i); j >= 0 && state[j] == 1; j = parent[j] {
			state[j] = 2
		}
	}
	return nil
}

func checkNesting(side string, parent []int32, scale []float64, n int) error {
	if err := ValidateNesting(side, parent, n); err != nil {
		return err
	}
	if scale == nil {
		return nil
	}
	if len(scale) != n {
		return fieldf(fmt.Errorf("%d values for %d councils: %w", len(scale), n, ErrRange), "%s.scale", side)
	}
	for i, s := range scale {
		if err := checkCoef(s); err != nil {
			return fieldf(err, "%s[%d].scale", side, i)
		}
	}
	return nil
}

// effectiveScales sets eff[i] to the product of the Scales from council i up to its
// top-level federation, using stack as scratch (len >= n). The nesting must be valid.
func effectiveScales(eff []float64, parent []int32, scale []float64, stack []int32) {
	for i := range eff {
		eff[i] = -1 // not yet known
	}
	own := func(i int32) float64 {
		if scale == nil {
			return 1
		}
		return scale[i]
	}
	for i := range eff {
		if eff[i] >= 0 {
			continue
		}
		if parent == nil {
			eff[i] = own(int32(i))
			continue
		}
		// Walk up to a council whose factor is known (or the top), then back down.
		top := 0
		j := int32(i)
		for j >= 0 && eff[j] < 0 {
			stack[top] = j
			top++
			j = parent[j]
		}
		above := 1.0
		if j >= 0 {
			above = eff[j]
		}
		for top > 0 {
			top--
			k := stack[top]
			above *= own(k)
			eff[k] = above
		}
	}
}

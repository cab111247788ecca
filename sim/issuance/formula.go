package issuance

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// Formula is a grant rule (MODEL §3), chosen once from the scenario by NewFormula, as
// gonum's optimize.Method is: the month's loop calls it without switching on names.
// A formula re-estimates a line's projection after its first month (the first is the
// declared estimate E) and decides the line's grant from it. It may keep state in the
// line's arrays (Carry); the issuer keeps the high-water mark.
type Formula interface {
	// Project returns line i's projection P_t this month, from the value on offer and
	// the line's state (last month's sales ls.Sales[i], last projection).
	Project(ls *Lines, i int, offered ledger.Amount) ledger.Amount
	// Grant returns line i's grant this month (before the release factor, unless the
	// formula applies it itself).
	Grant(ls *Lines, i int, s Step, v *Vars) (ledger.Amount, error)
	// AppliesReleaseFactor reports whether Grant already includes k.
	AppliesReleaseFactor() bool
}

// Step is what a formula is told of a line's month.
type Step struct {
	Projected     ledger.Amount // P_t, this month's projection
	LastProjected ledger.Amount // P_{t-1}
	Offered       ledger.Amount // value on offer this month
	First         bool          // the line's first month
}

// NewFormula returns the formula cfg names.
func NewFormula(cfg Config) (Formula, error) {
	proj := projectOffered
	if cfg.Projection == "sales" {
		proj = projectSales
	}
	switch cfg.Formula {
	case "increase_only":
		return increaseOnly{proj}, nil
	case "smoothed":
		return smoothed{cfg.Smoothing}, nil
	case "monthly_projection":
		switch cfg.ProjectionReading {
		case "increase":
			return projectionIncrease{}, nil
		}
		return monthlyProjection{}, nil // every_month, and advance (repaid by the caller)
	case "expression":
		e, err := Compile(cfg.Expression)
		if err != nil {
			return nil, err
		}
		return &expression{proj, e}, nil
	case "none":
		return noGrant{proj}, nil
	}
	return nil, fmt.Errorf("%w: unknown formula %q", ErrBadConfig, cfg.Formula)
}

// projector re-estimates a projection: from the value on offer, or from last month's
// sales (the projection option).
type projector func(ls *Lines, i int, offered ledger.Amount) ledger.Amount

func projectOffered(_ *Lines, _ int, offered ledger.Amount) ledger.Amount { return offered }
func projectSales(ls *Lines, i int, _ ledger.Amount) ledger.Amount        { return ls.Sales[i] }

// increaseOnly is Appendix 1's rule: G_t = max(0, P_t - H_{t-1}).
type increaseOnly struct{ project projector }

func (f increaseOnly) Project(ls *Lines, i int, o ledger.Amount) ledger.Amount {
	return f.project(ls, i, o)
}
func (increaseOnly) AppliesReleaseFactor() bool { return false }
func (increaseOnly) Grant(ls *Lines, i int, s Step, _ *Vars) (ledger.Amount, error) {
	return max(0, s.Projected-ls.HighWater[i]), nil
}

// smoothed projects P_{t+1} = a*S_t + (1-a)*P_t and grants on the increase.
type smoothed struct{ a float64 }

func (f smoothed) Project(ls *Lines, i int, _ ledger.Amount) ledger.Amount {
	return ledger.Tokens(f.a*ledger.Float(ls.Sales[i]) + (1-f.a)*ledger.Float(ls.Projected[i]))
}
func (smoothed) AppliesReleaseFactor() bool { return false }
func (smoothed) Grant(ls *Lines, i int, s Step, _ *Vars) (ledger.Amount, error) {
	return max(0, s.Projected-ls.HighWater[i]), nil
}

// monthlyProjection grants the projection (last month's sales) every month, plus last
// month's excess sales, less last month's shortfall; a negative remainder carries
// forward.
type monthlyProjection struct{}

func (monthlyProjection) Project(ls *Lines, i int, _ ledger.Amount) ledger.Amount { return ls.Sales[i] }
func (monthlyProjection) AppliesReleaseFactor() bool                              { return false }
func (monthlyProjection) Grant(ls *Lines, i int, s Step, _ *Vars) (ledger.Amount, error) {
	g := s.Projected + ls.Carry[i]
	if !s.First {
		g += ls.Sales[i] - s.LastProjected
	}
	ls.Carry[i] = min(g, 0)
	return max(g, 0), nil
}

// expression is a grant written in the scenario over Vars; it applies the release
// factor itself, if it wants it.
type expression struct {
	project projector
	e       *Expr
}

func (f *expression) Project(ls *Lines, i int, o ledger.Amount) ledger.Amount {
	return f.project(ls, i, o)
}
func (*expression) AppliesReleaseFactor() bool { return true }
func (f *expression) Grant(ls *Lines, i int, s Step, v *Vars) (ledger.Amount, error) {
	v.Projected, v.LastProjected, v.Sales = ledger.Float(s.Projected), ledger.Float(s.LastProjected), ledger.Float(ls.Sales[i])
	v.HighWater, v.Offered, v.Estimate = ledger.Float(ls.HighWater[i]), ledger.Float(s.Offered), ledger.Float(ls.Estimate[i])
	v.Age, v.Carry = float64(ls.Months[i]), ledger.Float(ls.Carry[i])
	g, err := f.e.Eval(v)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(g) || math.IsInf(g, 0) {
		return 0, fmt.Errorf("grant expression gave %v for line %d", g, i)
	}
	return max(0, ledger.Tokens(g)), nil
}

// noGrant issues nothing (the giveaway counterfactual and worked examples).
type noGrant struct{ project projector }

func (f noGrant) Project(ls *Lines, i int, o ledger.Amount) ledger.Amount { return f.project(ls, i, o) }
func (noGrant) AppliesReleaseFactor() bool                                { return false }
func (noGrant) Grant(*Lines, int, Step, *Vars) (ledger.Amount, error)     { return 0, nil }

// projectionIncrease is monthly_projection read as grants on the projection's
// increase: the first month the projection, then each month P_t − P_{t−1} with
// P_t = S_{t−1}, so that last month's excess or shortfall of sales over the projection
// is corrected; a fall is carried forward against later increases. The tokens a line
// has been granted add up to its latest projection: money follows the level of sales,
// not their sum.
type projectionIncrease struct{}

func (projectionIncrease) Project(ls *Lines, i int, _ ledger.Amount) ledger.Amount {
	return ls.Sales[i]
}
func (projectionIncrease) AppliesReleaseFactor() bool { return false }
func (projectionIncrease) Grant(ls *Lines, i int, s Step, _ *Vars) (ledger.Amount, error) {
	if s.First {
		return max(s.Projected, 0), nil
	}
	g := s.Projected - s.LastProjected + ls.Carry[i]
	ls.Carry[i] = min(g, 0)
	return max(g, 0), nil
}

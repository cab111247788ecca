package planning

import (
	"fmt"
	"math"
)

// PriceRule is how the facilitation board moves a price between rounds, from the
// price posted and the supply and demand proposed at it. It is chosen once, at set-up.
type PriceRule interface {
	Next(price, supply, demand float64) float64
}

// Proportional moves a price in proportion to its excess demand:
// p <- p (1 + Speed (D - S)/S), the step clamped to [-MaxStep, MaxStep] so that a
// price stays positive (MaxStep 0: 0.5). With zero supply and positive demand the
// step is +MaxStep.
//
// Speed is the knob: for a good with demand elasticity 1 (Cobb-Douglas) and supply
// elasticity e, a small log-price error x becomes x (1 - Speed (1+e)) in one round, so
// Speed near 1/(1+e) converges fastest and Speed above 2/(1+e) oscillates.
type Proportional struct {
	Speed   float64
	MaxStep float64
}

// Next implements PriceRule.
func (r Proportional) Next(p, s, d float64) float64 {
	lim := r.MaxStep
	if lim == 0 {
		lim = 0.5
	}
	step := lim
	if s > 0 {
		step = min(lim, max(-lim, r.Speed*(d-s)/s))
	} else if d <= 0 {
		step = 0
	}
	return p * (1 + step)
}

// Validate refuses a speed or step that is not positive or at least 1.
func (r Proportional) Validate() error {
	if !(r.Speed > 0) || math.IsInf(r.Speed, 0) {
		return fieldf(fmt.Errorf("%v: want a positive speed: %w", r.Speed, ErrRange), "rule.speed")
	}
	if !(r.MaxStep >= 0 && r.MaxStep < 1) {
		return fieldf(fmt.Errorf("%v: want a step in [0, 1) (0: 0.5): %w", r.MaxStep, ErrRange), "rule.max_step")
	}
	return nil
}

// Pequod is the price rule of Hahnel and Szczepanczyk's Pequod simulation
// (pequod-cljs, update-surpluses-prices and get-deltas): with the surplus measured
// against the mean of supply and demand, e = (S - D)/((S + D)/2), the price moves by
// the factor 1 - d for a surplus and 1 + d for a shortage, where
// d = max(Floor, min(Delta, Delta |e|)) (Delta 0: Pequod's 0.1; Floor 0: its 0.001).
// Pequod also lowers Delta step by step as the total surplus falls; that schedule is
// left out here.
type Pequod struct {
	Delta float64
	Floor float64
}

// Next implements PriceRule.
func (r Pequod) Next(p, s, d float64) float64 {
	delta, floor := r.Delta, r.Floor
	if delta == 0 {
		delta = 0.1
	}
	if floor == 0 {
		floor = 0.001
	}
	if s == d {
		return p
	}
	e := math.Abs((s - d) / ((s + d) / 2))
	step := max(floor, min(delta, delta*e))
	if s > d {
		return p * (1 - step)
	}
	return p * (1 + step)
}

// Validate refuses a delta outside (0, 1) and a floor above the delta.
func (r Pequod) Validate() error {
	if !(r.Delta >= 0 && r.Delta < 1) {
		return fieldf(fmt.Errorf("%v: want a delta in [0, 1) (0: 0.1): %w", r.Delta, ErrRange), "rule.delta")
	}
	if !(r.Floor >= 0 && r.Floor < 1) || (r.Delta > 0 && r.Floor > r.Delta) {
		return fieldf(fmt.Errorf("%v: want a floor in [0, delta]: %w", r.Floor, ErrRange), "rule.floor")
	}
	return nil
}

package tokenmarket

import (
	"math"
	"math/rand/v2"
)

// revise runs a step's rounds of strategy switching after Lux & Marchesi (1999). With
// n+ optimists, n- pessimists, nc = n+ + n- chartists, nf fundamentalists of N
// traders, opinion index x = (n+ - n-)/nc, the trend pdot/p (last step's return, a
// step being the unit of time) and the mispricing |v - p|/p, the forces are
//
//	U1   = a1 x + (a2/v1) pdot/p
//	U2,1 = a3 ((r + pdot/v2)/p - R - s |v - p|/p)   optimists against fundamentalists
//	U2,2 = a3 (R - (r + pdot/v2)/p - s |v - p|/p)   pessimists against fundamentalists
//
// (r = R v, the yield that earns the outside rate at p = v) and the transition rates
// per unit of time
//
//	pessimist -> optimist  v1 (nc/N) exp(U1)     optimist -> pessimist  v1 (nc/N) exp(-U1)
//	fundamentalist -> opt. v2 (n+/N) exp(U2,1)   optimist -> fund.      v2 (nf/N) exp(-U2,1)
//	fundamentalist -> pes. v2 (n-/N) exp(U2,2)   pessimist -> fund.     v2 (nf/N) exp(-U2,2)
//
// In each of Substeps rounds (dt = 1/Substeps) a trader leaves its group with
// probability 1 - exp(-(rate_a + rate_b) dt) for one of the other two in proportion to
// the rates (one uniform draw a trader), the rates fixed at the round's start. A move
// that would leave its group with fewer than MinGroup traders is refused.
func (m *Market) revise(v, p float64, r *rand.Rand) {
	c := &m.cfg
	n := float64(len(m.kind))
	if n == 0 {
		return
	}
	trend := m.ret
	mis := math.Abs(v-p) / p
	yield := (c.Rate*v + trend/c.V2) / p
	if c.V2 == 0 {
		yield = c.Rate * v / p
	}
	u21 := clampU(c.A3 * (yield - c.Rate - c.S*mis))
	u22 := clampU(c.A3 * (c.Rate - yield - c.S*mis))
	dt := 1 / float64(c.Substeps)
	for range c.Substeps {
		np, nm, nf := float64(m.counts[Optimist]), float64(m.counts[Pessimist]), float64(m.counts[Fundamentalist])
		nc := np + nm
		x := 0.0
		if nc > 0 {
			x = (np - nm) / nc
		}
		u1 := c.A1 * x
		if c.V1 > 0 {
			u1 += c.A2 / c.V1 * trend
		}
		u1 = clampU(u1)
		// rates out of each group: [to the first other kind, to the second]
		var out [numKinds][2]float64
		out[Pessimist][0] = c.V1 * nc / n * math.Exp(u1)   // to optimist
		out[Pessimist][1] = c.V2 * nf / n * math.Exp(-u22) // to fundamentalist
		out[Optimist][0] = c.V1 * nc / n * math.Exp(-u1)   // to pessimist
		out[Optimist][1] = c.V2 * nf / n * math.Exp(-u21)  // to fundamentalist
		out[Fundamentalist][0] = c.V2 * np / n * math.Exp(u21)
		out[Fundamentalist][1] = c.V2 * nm / n * math.Exp(u22)
		dest := [numKinds][2]Kind{
			Fundamentalist: {Optimist, Pessimist},
			Optimist:       {Pessimist, Fundamentalist},
			Pessimist:      {Optimist, Fundamentalist},
		}
		var leave, first [numKinds]float64 // P(leave), P(leave for the first)
		for k := range numKinds {
			tot := out[k][0] + out[k][1]
			if tot > 0 {
				leave[k] = -math.Expm1(-tot * dt)
				first[k] = leave[k] * out[k][0] / tot
			}
		}
		for i, k := range m.kind {
			u := r.Float64()
			if u >= leave[k] || m.counts[k] <= c.MinGroup {
				continue
			}
			to := dest[k][1]
			if u < first[k] {
				to = dest[k][0]
			}
			m.kind[i] = to
			m.counts[k]--
			m.counts[to]++
		}
	}
}

// clampU keeps an exponent where exp stays finite and rates stay below 1e21.
func clampU(u float64) float64 { return min(max(u, -50), 50) }

package councils

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// apply makes a feasible plan what the economy does in its year: each workplace's
// co-op gets its planned output as its target (units a month: the plan's yearly
// output over 12; it caps what the co-op makes and the co-op hires towards it), and
// members' spending shares become the plan's consumption in value at plan prices,
// p_g (D_g - sum_j A[g][j] Z_j), D_g all the demand for g and Z_j the bundles the
// workplaces of good j use (Z = q for constant returns, Base (q/Base)^Returns else).
// Co-ops outside the plan (started during the year, or without workers at its start)
// have no target and trade on the market. A plan that is not feasible (or that has no
// final consumption at all) is not applied:
// targets are cleared, the scenario's spending shares restored, and the economy runs
// on the market that year (councils_plan_unapplied counts such years).
func (c *Councils) apply(feasible bool) error {
	h := c.h
	for k := range h.Coops() {
		h.SetCoopTarget(k, 0)
	}
	if !feasible {
		c.unapplied++
		return h.SetSectorShares(c.share)
	}
	p, ws, g := c.planner, &c.econ.Workers, c.goods
	q := p.Outputs()
	z := c.scratchZ[:g]
	clear(z)
	for k := range c.n.councils(levelWorkplace) {
		// A planned output of 0 would read as "no target": the smallest positive target
		// stands for it (the co-op makes nothing).
		h.SetCoopTarget(int(c.n.coop[k]), max(q[k]/12, math.SmallestNonzeroFloat64))
		zk := q[k]
		if r := ws.Returns[k]; r != 1 && ws.Base[k] > 0 {
			zk = ws.Base[k] * math.Pow(q[k]/ws.Base[k], r)
		}
		z[ws.Good[k]] += zk
	}
	shares := c.scratchS[:g]
	copy(shares, p.Demand()[:g])
	io := c.io
	for j := range io.N {
		for e := io.Start[j]; e < io.Start[j+1]; e++ {
			shares[io.Input[e]] -= io.Coef[e] * z[j]
		}
	}
	total := 0.0
	for s := range shares {
		shares[s] = max(shares[s], 0) * p.Prices()[s]
		total += shares[s]
	}
	if !(total > 0) {
		// No final consumption at all (no consumers' budgets): nothing to spend by.
		return c.apply(false)
	}
	if err := h.SetSectorShares(shares); err != nil {
		return fmt.Errorf("councils: year %d plan's consumption: %w", c.year, err)
	}
	copy(c.planShares, shares)
	return nil
}

// labourPrices sets every trading co-op's price to its sector's labour value times
// perHour, the sectors' mean monthly wage over plan.hours (tokens per embodied hour;
// the platform keeps it within its floor and ceiling).
func (c *Councils) labourPrices() error {
	h := c.h
	for s, v := range c.values {
		x, err := planning.Price(v, c.perHour)
		if err != nil {
			return fmt.Errorf("councils: labour price of %s: %w", c.names[s], err)
		}
		c.lvPrice[s] = x
	}
	for k := range h.Coops() {
		if h.CoopAlive(k) {
			h.SetCoopPrice(k, c.lvPrice[h.CoopSectorIndex(k)])
		}
	}
	return nil
}

// priceGaps returns the mean over sectors with trading co-ops of |ln(x_s / m_s)|, m_s
// the mean price of sector s's co-ops, for x the labour-value prices (values times
// perHour) and for the plan's prices in the same unit (p_s / wage x perHour: the plan's
// price of s in hours of its wage, at the economy's mean wage).
func (c *Councils) priceGaps() (labour, plan float64) {
	h := c.h
	sum, n := c.mSum, c.mN
	clear(sum)
	clear(n)
	for k := range h.Coops() {
		if h.CoopAlive(k) {
			s := h.CoopSectorIndex(k)
			sum[s] += float64(h.CoopPrice(k))
			n[s]++
		}
	}
	sectors := 0
	per := float64(c.perHour)
	for s, v := range c.values {
		if n[s] == 0 || !(sum[s] > 0) {
			continue
		}
		m := sum[s] / float64(n[s])
		sectors++
		labour += math.Abs(math.Log(v * per / m))
		plan += math.Abs(math.Log(c.prices[s] / c.wage * per / m))
	}
	if sectors == 0 {
		return 0, 0
	}
	return labour / float64(sectors), plan / float64(sectors)
}

// perHourRate is the labour-price rate: the sectors' mean monthly wage over the hours
// a member offers in a month, in micro-tokens per hour.
func perHourRate(wages []float64, hours float64) ledger.Amount {
	mean := 0.0
	for _, w := range wages {
		mean += w / float64(len(wages))
	}
	return ledger.Tokens(mean / hours)
}

package councils

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// maxBudget bounds a consumers' council's yearly budget, in tokens, so that its
// conversion to micro-tokens stays far inside int64 (9.2e12 tokens).
const maxBudget = 1e12

// plan makes the year's plan: the councils as sim/planning's arrays (households and
// workplaces propose; neighbourhoods, cities, industries and regions are federations
// above them), iterated from last year's prices (or the base prices when cold).
func (c *Councils) plan() error {
	if err := c.economy(); err != nil {
		return err
	}
	prices, wage := c.prices, c.wage
	if c.cfg.Plan.Cold {
		prices, wage = c.start, c.startWage
	}
	if c.planner == nil || len(c.planner.Outputs()) != c.econ.Workers.Len() || c.sizeC != c.econ.Consumers.Len() {
		// New sizes (a year of growth or failures): a planner for them, starting from
		// the prices it would have started from.
		p, err := planning.NewPlanner(&c.econ, c.pcfg, c.h.Pool())
		if err != nil {
			return fmt.Errorf("councils: year %d plan: %w", c.year, err)
		}
		c.planner, c.sizeC = p, c.econ.Consumers.Len()
		if err := p.Reset(prices, wage); err != nil {
			return err
		}
	} else if c.cfg.Plan.Cold {
		if err := c.planner.Reset(prices, wage); err != nil {
			return err
		}
	}
	p := c.planner
	var observe func(int) error
	if c.enc != nil {
		observe = func(round int) error { return c.enc.WriteRound(c.year, round, p) }
	}
	res, err := p.Plan(observe)
	if err != nil {
		return err
	}
	copy(c.prices, p.Prices())
	c.wage = p.Wage()
	c.record(res)
	if c.cfg.Plan.Apply {
		if err := c.apply(res.Converged); err != nil {
			return err
		}
	}
	if c.cfg.LabourPrices {
		if err := c.labourPrices(); err != nil {
			return err
		}
	}
	return c.writePlanFiles()
}

// record measures the plan: satisfaction is the utility of what can be had against
// the wish, for Cobb-Douglas consumers prod_g min(1, S_g/D_g)^share_g (each good's
// demand filled in proportion); effort is the hours worked per active member-month.
func (c *Councils) record(res planning.Result) {
	p := c.planner
	s, d := p.Supply(), p.Demand()
	sat := 0.0
	for g := range c.goods {
		if d[g] > 0 {
			sat += c.share[g] * math.Log(min(1, s[g]/d[g]))
		}
	}
	gap := 0.0
	for g, x := range p.Prices() {
		gap = max(gap, math.Abs(x/p.Wage()/c.values[g]-1))
	}
	active := len(c.n.cOrder)
	effort := 0.0
	if active > 0 {
		effort = min(s[c.goods], d[c.goods]) / float64(active) / 12
	}
	c.last = planStats{rounds: res.Rounds, feasible: res.Converged, excess: res.MaxExcess,
		satisfaction: math.Exp(sat), effort: effort, valGap: gap}
}

// economy fills the planning economy from this year's nest.
func (c *Councils) economy() error {
	cfg, n, h, g := &c.cfg.Plan, &c.n, c.h, c.goods
	e := &c.econ
	e.Goods, e.IO = g, c.io
	// Each member's budget for the year, in tokens.
	mean := 0.0
	for s, w := range c.wageS {
		mean += c.share[s] * w
	}
	for _, i := range n.cOrder {
		x := 0.0
		switch cfg.Budget {
		case "effort":
			x = 12 * mean * (1 - cfg.EffortSpread + 2*cfg.EffortSpread*c.rng.Float64())
		default:
			if k := h.MemberEmployer(int(i)); k >= 0 && h.CoopAlive(k) {
				x = 12 * c.wageS[h.CoopSectorIndex(k)]
			}
		}
		if cfg.WageIncome {
			x = 0 // income is the plan's wage for hours worked
		}
		c.income[i] = x
	}
	nh, nn, nci, nr := n.councils(levelHousehold), n.councils(levelNeighbourhood), n.councils(levelCity), n.councils(levelRegion)
	nc := nh + nn + nci + nr
	cs := &e.Consumers
	cs.Budget, cs.Weights, cs.Hours, cs.Parent = resize(cs.Budget, nc), resize(cs.Weights, nc*g), resize(cs.Hours, nc), resize(cs.Parent, nc)
	if cfg.WageIncome {
		cs.Leisure = resize(cs.Leisure, nc)
	}
	hours := 12 * cfg.Hours
	for k := range nc {
		w := cs.Weights[k*g : (k+1)*g]
		sum := 0.0
		for s := range w {
			f := 1.0
			if k < nh && cfg.Taste > 0 {
				f = 1 - cfg.Taste + 2*cfg.Taste*c.rng.Float64()
			}
			w[s] = c.share[s] * f
			sum += w[s]
		}
		if cfg.WageIncome {
			cs.Leisure[k] = cfg.Leisure * sum
		}
		cs.Budget[k], cs.Hours[k] = 0, 0
		switch {
		case k < nh:
			budget := 0.0
			ms := n.members(levelHousehold, k)
			for _, i := range ms {
				budget += c.income[i]
			}
			if budget > maxBudget {
				return fmt.Errorf("councils: household %d's budget %g tokens passes %g", k, budget, maxBudget)
			}
			cs.Budget[k] = ledger.Tokens(budget)
			cs.Hours[k] = hours * float64(len(ms))
			cs.Parent[k] = int32(nh) + n.parent[levelHousehold][k]
		case k < nh+nn:
			cs.Parent[k] = int32(nh+nn) + n.parent[levelNeighbourhood][k-nh]
		case k < nh+nn+nci:
			cs.Parent[k] = int32(nh+nn+nci) + n.parent[levelCity][k-nh-nn]
		default:
			cs.Parent[k] = -1
		}
	}
	nwp, ni, nwr := n.councils(levelWorkplace), n.councils(levelIndustry), n.councils(levelWorkRegion)
	nw := nwp + ni + nwr
	ws := &e.Workers
	ws.Good, ws.Capacity, ws.Labour, ws.Base, ws.Returns, ws.Parent = resize(ws.Good, nw), resize(ws.Capacity, nw),
		resize(ws.Labour, nw), resize(ws.Base, nw), resize(ws.Returns, nw), resize(ws.Parent, nw)
	returns, capacity, base := or(cfg.Returns, 1.5), or(cfg.Capacity, 2), or(cfg.Base, 1)
	for k := range nw {
		ws.Labour[k], ws.Base[k], ws.Capacity[k], ws.Returns[k] = 0, 1, 0, 1
		switch {
		case k < nwp:
			s := h.CoopSectorIndex(int(n.coop[k]))
			ws.Good[k] = int32(s)
			ws.Returns[k] = returns
			ws.Labour[k] = c.labour[s]
			if workers := len(n.members(levelWorkplace, k)); workers > 0 {
				ws.Base[k] = float64(workers) * 12 * c.productivity[s] * base
				ws.Capacity[k] = capacity * ws.Base[k]
			}
			ws.Parent[k] = int32(nwp) + n.parent[levelWorkplace][k]
		case k < nwp+ni:
			ws.Good[k] = n.sector[k-nwp]
			ws.Parent[k] = int32(nwp+ni) + n.parent[levelIndustry][k-nwp]
		default:
			ws.Good[k] = 0
			ws.Parent[k] = -1
		}
	}
	return nil
}

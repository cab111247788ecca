package planning

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// Runner runs task(s) for every shard s in [0, shards) and returns when all are
// done, in any order and on any goroutines (sim.Pool is one). The planner's shards
// write only their own accumulators, so the order does not change the result.
type Runner interface {
	Run(shards int, task func(shard int))
}

// Config is how a plan is iterated.
type Config struct {
	MaxRounds int       // round limit, >= 1
	Tolerance float64   // every |excess| (and every constant-returns council's |p/c - 1|) at most this; > 0
	Rule      PriceRule // nil: Proportional{Speed: 0.3}
	// WageRule is how the wage moves with labour's excess (nil: Rule if that is set,
	// else Proportional{Speed: 0.6}).
	WageRule PriceRule
	// WageIncome: consumers' income is Budget plus wages (see Consumers); otherwise
	// Budget alone, with Hours offered whatever the wage.
	WageIncome bool
	// Responsiveness is the exponent k of the constant-returns councils' rule
	// q <- q (p/c)^k (0: 0.15).
	Responsiveness float64
}

// DefaultConfig is Pequod's stopping rule (every excess within 3%) with a round
// limit of 100 and the proportional price rule, speed 0.3 for goods and 0.6 for the
// wage. The speeds were chosen on Pequod-sized economies (see the package tests):
// 0.3 is about 1/(1+e) for the supply elasticities e = 1/(Returns-1) in [1, 4] there;
// the wage moves faster because goods prices follow it through costs, damping its
// effect on labour's excess; a wage speed of 1 oscillates.
func DefaultConfig() Config {
	return Config{MaxRounds: 100, Tolerance: 0.03, Rule: Proportional{Speed: 0.3}, WageRule: Proportional{Speed: 0.6}}
}

// Validate returns a *FieldError for a round limit below 1, a tolerance that is not
// positive, a negative responsiveness or a bad rule.
func (c Config) Validate() error {
	if c.MaxRounds < 1 {
		return fieldf(fmt.Errorf("%d: want at least 1 round: %w", c.MaxRounds, ErrRange), "max_rounds")
	}
	if !(c.Tolerance > 0) || math.IsInf(c.Tolerance, 0) {
		return fieldf(fmt.Errorf("%v: want a positive tolerance: %w", c.Tolerance, ErrRange), "tolerance")
	}
	if !(c.Responsiveness >= 0) || math.IsInf(c.Responsiveness, 0) {
		return fieldf(fmt.Errorf("%v: want a non-negative exponent: %w", c.Responsiveness, ErrRange), "responsiveness")
	}
	for _, r := range [...]PriceRule{c.Rule, c.WageRule} {
		if v, ok := r.(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// chunk is the number of councils in one shard. It is fixed, not derived from the
// number of workers, so that every sum is formed in the same order however many
// goroutines run the shards: results are bit-identical for any Runner.
const chunk = 1024

// Planner iterates a plan over an economy: each round the consumers' and workers'
// councils propose at the posted prices, the proposals are aggregated (up the
// nests), the excess demand of every good and of labour is measured and, unless all
// are within tolerance, the facilitation board moves the prices. Prices persist
// between plans, so a second plan (next year's) starts warm from the first one's.
//
// A Planner keeps all its scratch: after NewPlanner a round allocates nothing.
type Planner struct {
	e    *Economy
	cfg  Config
	rule PriceRule
	run  Runner
	g    int // goods

	prices []float64 // posted price of each good
	wage   float64   // posted price of an hour of work
	q      []float64 // each workers' council's output proposal (before federation scales)

	effC, effW   []float64 // product of federation scales above each council
	normC, normG []float64 // 1/(sum of weights incl. leisure), 1/(sum of goods weights)
	stack        []int32

	invP      []float64 // 1/prices
	unit      []float64 // input cost per unit of bundle of each good: sum_i p_i A[i][g]
	bundleSum []float64 // bundles per good, summed over the shards

	nc, nw int       // consumer and worker shards
	spend  []float64 // nc x g: sum of scale x weight share x income per good
	hoursC []float64 // nc: hours offered
	out    []float64 // nw x g: output per good
	bundle []float64 // nw x g: bundles z per good (inputs needed = A bundle)
	hoursW []float64 // nw: hours needed
	gapW   []float64 // nw: largest |p/c - 1| of an unsettled constant-returns council

	supply, demand, excess []float64 // g+1: the goods, then labour
	maxExcess, maxGap      float64
	task                   func(int)
}

// NewPlanner validates e and cfg and returns a planner posting price 1 for every
// good and a wage of 1 (Reset sets other starting prices). run may be nil (one
// goroutine). The planner reads e at every round: a caller may change council
// parameters between plans (a new year), keeping e valid, but not during one.
func NewPlanner(e *Economy, cfg Config, run Runner) (*Planner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	switch {
	case cfg.Rule == nil && cfg.WageRule == nil:
		cfg.Rule, cfg.WageRule = Proportional{Speed: 0.3}, Proportional{Speed: 0.6}
	case cfg.Rule == nil:
		cfg.Rule = Proportional{Speed: 0.3}
	case cfg.WageRule == nil:
		cfg.WageRule = cfg.Rule
	}
	if cfg.Responsiveness == 0 {
		cfg.Responsiveness = 0.15
	}
	g, nC, nW := e.Goods, e.Consumers.Len(), e.Workers.Len()
	p := &Planner{e: e, cfg: cfg, rule: cfg.Rule, run: run, g: g,
		prices: make([]float64, g), q: make([]float64, nW),
		effC: make([]float64, nC), effW: make([]float64, nW),
		normC: make([]float64, nC), normG: make([]float64, nC),
		stack: make([]int32, max(nC, nW)),
		invP:  make([]float64, g), unit: make([]float64, g), bundleSum: make([]float64, g),
		nc: (nC + chunk - 1) / chunk, nw: (nW + chunk - 1) / chunk,
		supply: make([]float64, g+1), demand: make([]float64, g+1), excess: make([]float64, g+1),
	}
	p.spend, p.hoursC = make([]float64, p.nc*g), make([]float64, p.nc)
	p.out, p.bundle = make([]float64, p.nw*g), make([]float64, p.nw*g)
	p.hoursW, p.gapW = make([]float64, p.nw), make([]float64, p.nw)
	p.task = p.shard
	p.refresh()
	if err := p.Reset(nil, 1); err != nil {
		return nil, err
	}
	return p, nil
}

// Reset starts cold: it posts prices (nil: 1 for every good) and the wage, and sets
// every constant-returns council's proposal back to min(Capacity, Base).
func (p *Planner) Reset(prices []float64, wage float64) error {
	if prices != nil && len(prices) != p.g {
		return fieldf(fmt.Errorf("%d prices for %d goods: %w", len(prices), p.g, ErrRange), "prices")
	}
	for g := range p.prices {
		x := 1.0
		if prices != nil {
			x = prices[g]
		}
		if !(x > 0) || math.IsInf(x, 0) {
			return fieldf(fmt.Errorf("%v: want a positive price: %w", x, ErrRange), "prices[%d]", g)
		}
		p.prices[g] = x
	}
	if !(wage > 0) || math.IsInf(wage, 0) {
		return fieldf(fmt.Errorf("%v: want a positive wage: %w", wage, ErrRange), "wage")
	}
	p.wage = wage
	w := &p.e.Workers
	for j := range p.q {
		p.q[j] = min(w.Capacity[j], w.Base[j])
	}
	return nil
}

// Result is the outcome of a plan.
type Result struct {
	Rounds    int     // rounds of proposals made
	Converged bool    // every excess (and profit gap) within tolerance at the last round
	MaxExcess float64 // largest |excess| of the last round, goods and labour
	MaxGap    float64 // largest |p/c - 1| of an unsettled constant-returns council
}

// Plan iterates rounds until every excess is within tolerance or the round limit,
// starting from the prices posted now (warm, after an earlier plan). observe, if not
// nil, is called after each round's proposals are aggregated and before prices move
// (Prices, Supply, Demand and Excess then describe the round); an error from it
// stops the plan and is returned.
func (p *Planner) Plan(observe func(round int) error) (Result, error) {
	p.refresh()
	var r Result
	for r.Rounds = 1; ; r.Rounds++ {
		r.Converged = p.propose()
		r.MaxExcess, r.MaxGap = p.maxExcess, p.maxGap
		if observe != nil {
			if err := observe(r.Rounds); err != nil {
				return r, err
			}
		}
		if r.Converged || r.Rounds >= p.cfg.MaxRounds {
			return r, nil
		}
		p.move()
	}
}

// Step runs one round: proposals at the posted prices, aggregation, and (unless all
// are within tolerance) new prices. It reports whether the round converged. It reads
// the economy's federation scales and weight sums as of NewPlanner or the last Plan.
func (p *Planner) Step() bool {
	ok := p.propose()
	if !ok {
		p.move()
	}
	return ok
}

// Prices returns the posted price of each good (the planner's own slice: read only).
func (p *Planner) Prices() []float64 { return p.prices }

// Wage returns the posted price of an hour of work.
func (p *Planner) Wage() float64 { return p.wage }

// Supply, Demand and Excess return the last round's aggregates for each good and, at
// index Goods, for labour (hours offered, hours needed); excess is (D - S)/S (+Inf
// for demand with no supply, 0 for neither). Demand includes the inputs workers'
// councils need. The slices are the planner's own: read only.
func (p *Planner) Supply() []float64 { return p.supply }
func (p *Planner) Demand() []float64 { return p.demand }
func (p *Planner) Excess() []float64 { return p.excess }

// Outputs returns each workers' council's output proposal of the last round, before
// federation scales (read only).
func (p *Planner) Outputs() []float64 { return p.q }

// refresh recomputes what depends only on the economy: federation factors and weight
// sums. It runs at the start of each plan, so a year's changes are taken up.
func (p *Planner) refresh() {
	c, g := &p.e.Consumers, p.g
	effectiveScales(p.effC, c.Parent, c.Scale, p.stack)
	effectiveScales(p.effW, p.e.Workers.Parent, p.e.Workers.Scale, p.stack)
	for i := range p.normC {
		s := 0.0
		for _, w := range c.Weights[i*g : (i+1)*g] {
			s += w
		}
		p.normG[i] = 1 / s
		if p.cfg.WageIncome && c.Leisure != nil {
			s += c.Leisure[i]
		}
		p.normC[i] = 1 / s
	}
}

// propose computes every council's proposal at the posted prices and the aggregates
// and excesses, and reports whether all are within tolerance.
func (p *Planner) propose() bool {
	for g, x := range p.prices {
		p.invP[g] = 1 / x
	}
	if p.e.IO != nil {
		p.e.IO.mulLeft(p.unit, p.prices)
	}
	if p.run == nil {
		for s := range p.nc + p.nw {
			p.shard(s)
		}
	} else {
		p.run.Run(p.nc+p.nw, p.task)
	}
	// Reduce the shards in shard order.
	g := p.g
	clear(p.supply)
	clear(p.demand)
	p.maxGap = 0
	for s := range p.nc {
		row := p.spend[s*g : (s+1)*g]
		for k, x := range row {
			p.demand[k] += x
		}
		p.supply[g] += p.hoursC[s]
	}
	for k := range g {
		p.demand[k] *= p.invP[k]
	}
	bundle := p.bundleSum
	clear(bundle)
	for s := range p.nw {
		o, z := p.out[s*g:(s+1)*g], p.bundle[s*g:(s+1)*g]
		for k := range g {
			p.supply[k] += o[k]
			bundle[k] += z[k]
		}
		p.demand[g] += p.hoursW[s]
		p.maxGap = max(p.maxGap, p.gapW[s])
	}
	if p.e.IO != nil {
		p.e.IO.mulRightAdd(p.demand[:g], bundle)
	}
	p.maxExcess = 0
	for k := range p.excess {
		s, d := p.supply[k], p.demand[k]
		switch {
		case s > 0:
			p.excess[k] = (d - s) / s
		case d > 0:
			p.excess[k] = math.Inf(1)
		default:
			p.excess[k] = 0
		}
		p.maxExcess = max(p.maxExcess, math.Abs(p.excess[k]))
	}
	return p.maxExcess <= p.cfg.Tolerance && p.maxGap <= p.cfg.Tolerance
}

// move posts the next round's prices.
func (p *Planner) move() {
	for k := range p.prices {
		p.prices[k] = p.rule.Next(p.prices[k], p.supply[k], p.demand[k])
	}
	p.wage = p.cfg.WageRule.Next(p.wage, p.supply[p.g], p.demand[p.g])
}

// shard runs consumer shard s (s < nc) or worker shard s-nc.
func (p *Planner) shard(s int) {
	if s < p.nc {
		p.consumers(s)
	} else {
		p.workers(s - p.nc)
	}
}

func (p *Planner) consumers(s int) {
	c, g := &p.e.Consumers, p.g
	acc := p.spend[s*g : (s+1)*g]
	clear(acc)
	hours := 0.0
	lo, hi := s*chunk, min((s+1)*chunk, c.Len())
	w := p.wage
	// Money enters the plan only here, each budget converted to float64 tokens on its
	// own: the planner forms no int64 sum of amounts, so none can overflow.
	for i := lo; i < hi; i++ {
		budget := float64(c.Budget[i]) / float64(ledger.Unit)
		h, k := c.Hours[i], budget*p.normG[i]
		if p.cfg.WageIncome {
			full := budget + w*h
			leisure := 0.0
			if c.Leisure != nil {
				leisure = c.Leisure[i] * p.normC[i] * full / w
			}
			if leisure < h {
				k = full * p.normC[i]
				h -= leisure
			} else {
				h = 0 // all hours kept as leisure: spends the budget alone
			}
		}
		e := p.effC[i]
		k *= e
		hours += e * h
		for j, x := range c.Weights[i*g : (i+1)*g] {
			acc[j] += k * x
		}
	}
	p.hoursC[s] = hours
}

func (p *Planner) workers(s int) {
	w, g := &p.e.Workers, p.g
	out, bundle := p.out[s*g:(s+1)*g], p.bundle[s*g:(s+1)*g]
	clear(out)
	clear(bundle)
	hours, gap := 0.0, 0.0
	lo, hi := s*chunk, min((s+1)*chunk, w.Len())
	k, tol := p.cfg.Responsiveness, p.cfg.Tolerance
	for j := lo; j < hi; j++ {
		good := w.Good[j]
		price := p.prices[good]
		cost := p.wage*w.Labour[j] + p.unit[good]
		r, base, capacity := w.Returns[j], w.Base[j], w.Capacity[j]
		var q, z float64
		if r == 1 {
			ratio := math.Inf(1)
			q = capacity
			if cost > 0 {
				ratio = price / cost
				q = min(capacity, p.q[j]*math.Pow(ratio, k))
			}
			z = q
			// Settled: benefit equals cost, or it gains at full capacity, or it
			// loses on a negligible output.
			if d := math.Abs(ratio - 1); d > tol && !(ratio > 1 && q >= capacity) && !(ratio < 1 && q < tol*base) {
				gap = max(gap, d)
			}
		} else {
			if cost > 0 {
				q = min(capacity, base*math.Pow(price/(r*cost), 1/(r-1)))
			} else {
				q = capacity
			}
			z = base * math.Pow(q/base, r)
		}
		p.q[j] = q
		e := p.effW[j]
		out[good] += e * q
		bundle[good] += e * z
		hours += e * w.Labour[j] * z
	}
	p.hoursW[s], p.gapW[s] = hours, gap
}

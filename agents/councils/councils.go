package councils

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// The random streams' shard numbers (sim.Seed with PurposeCouncils).
const (
	streamYear     = iota // delegates, peer recognition
	streamTaste           // consumers' weights and effort ratings
	streamStake           // who stakes, lock-ups, misbehaviour
	streamDecision        // proposals, votes, juries
)

// Councils is the subsystem: the nested councils, their yearly plan, decision nodes,
// participation tokens and staking over one economy.
type Councils struct {
	cfg Config
	h   sim.Host
	geo geography
	n   nest

	// The plan's technique (fixed for the run): goods are the economy's sectors.
	goods              int
	io                 *planning.IO
	labour             []float64 // direct hours per unit
	values             []float64 // embodied hours per unit
	share, base, wageS []float64 // spending share, base price, monthly wage by sector
	productivity       []float64
	names              []string

	econ      planning.Economy
	planner   *planning.Planner
	pcfg      planning.Config
	prices    []float64 // last plan's prices (the next year's warm start)
	wage      float64
	start     []float64 // the cold start's prices and wage (plan.start)
	startWage float64
	sizeC     int       // consumers' councils the planner was made for
	income    []float64 // scratch: each member's budget for the year, tokens

	planDir string
	planCSV bytes.Buffer
	enc     *planning.PlanCSV
	year    int // plan year, from 1

	src rand.PCG
	rng *rand.Rand

	last     planStats
	dec      decisionStats
	tok      tokens
	stk      stakes
	voters   []int32                                // scratch: this decision's voters, yes votes with the sign bit
	onVote   func(level, council int, member int32) // tests: called for every proposal (member -1) and vote cast
	reserved int

	// What the plan does to the economy (apply.go).
	unapplied          int             // years whose plan was not feasible, so not applied
	scratchZ, scratchS []float64       // goods: bundles used, consumption value
	planShares         []float64       // the spending shares of the plan in force
	perHour            ledger.Amount   // tokens per embodied hour of labour-value prices
	lvPrice            []ledger.Amount // labour-value price of each sector
	mSum               []float64       // scratch: sum of a sector's co-ops' prices
	mN                 []int           // scratch: its trading co-ops
}

// planStats is what the last plan came to.
type planStats struct {
	rounds                               int
	feasible                             bool
	excess, satisfaction, effort, valGap float64
}

// New builds the subsystem over host h (nil: only to list what it registers).
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	c := &Councils{cfg: cfg, h: h}
	c.rng = rand.New(&c.src)
	if h == nil {
		return c, nil
	}
	geo, err := newGeography(cfg.Nesting, h.Localities())
	if err != nil {
		return nil, err
	}
	c.geo = geo
	if err := c.technique(); err != nil {
		return nil, err
	}
	c.pcfg = planning.Config{MaxRounds: cfg.Plan.MaxRounds, Tolerance: cfg.Plan.Tolerance, WageIncome: cfg.Plan.WageIncome}
	switch cfg.Plan.Rule {
	case "pequod":
		c.pcfg.Rule, c.pcfg.WageRule = planning.Pequod{}, planning.Pequod{}
	default:
		c.pcfg.Rule = planning.Proportional{Speed: or(cfg.Plan.Speed, 0.3)}
		c.pcfg.WageRule = planning.Proportional{Speed: or(cfg.Plan.WageSpeed, 0.6)}
	}
	if err := c.pcfg.Validate(); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	c.start = append([]float64(nil), c.base...)
	for _, w := range c.wageS {
		c.startWage += w / cfg.Plan.Hours / float64(len(c.wageS))
	}
	if !(c.startWage > 0) || cfg.Plan.Start == "one" {
		c.startWage = 1
	}
	if cfg.Plan.Start == "one" {
		for g := range c.start {
			c.start[g] = 1
		}
	}
	c.prices, c.wage = append([]float64(nil), c.start...), c.startWage
	g := c.goods
	c.scratchZ, c.scratchS, c.planShares = make([]float64, g), make([]float64, g), append([]float64(nil), c.share...)
	c.perHour, c.lvPrice = perHourRate(c.wageS, cfg.Plan.Hours), make([]ledger.Amount, g)
	c.mSum, c.mN = make([]float64, g), make([]int, g)
	if err := c.tok.init(cfg.Tokens); err != nil {
		return nil, err
	}
	l := h.Ledger()
	c.stk.pool, c.stk.solidarity = l.Open(ledger.KindCouncilFund), l.Open(ledger.KindCouncilFund)
	return c, nil
}

func or(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}

// technique builds the plan's input-output matrix in physical units from the sectors
// (or plan.io) and the labour values. A sector's coefficient a_v is value of input i
// per value of output j; at base prices b that is A[i][j] = a_v b_j / b_i units of i
// per unit of j, a similarity transform of the value matrix, so both have the same
// spectral radius. Direct labour is hours a month over units a worker makes in one.
func (c *Councils) technique() error {
	h := c.h
	c.names = h.Sectors()
	c.goods = len(c.names)
	g := c.goods
	c.share, c.base, c.wageS, c.productivity = make([]float64, g), make([]float64, g), make([]float64, g), make([]float64, g)
	c.labour = make([]float64, g)
	for s := range g {
		c.share[s], c.base[s], c.wageS[s], c.productivity[s] = h.SectorTechnique(s)
		if !(c.productivity[s] > 0) {
			return fmt.Errorf("sectors[%d].productivity is 0: the plan needs hours per unit of every good", s)
		}
		c.labour[s] = c.cfg.Plan.Hours / c.productivity[s]
	}
	var es []planning.Entry
	if len(c.cfg.Plan.IO) > 0 {
		for k, x := range c.cfg.Plan.IO {
			if x.Sector >= g || x.Input >= g {
				return fmt.Errorf("plan.io[%d]: sector %d or input %d, but there are %d sectors", k, x.Sector, x.Input, g)
			}
			es = append(es, planning.Entry{Sector: x.Sector, Input: x.Input, Coef: x.Coefficient * c.base[x.Sector] / c.base[x.Input]})
		}
	} else {
		for s := range g {
			for k := range h.SectorInputs(s) {
				i, a := h.SectorInput(s, k)
				es = append(es, planning.Entry{Sector: s, Input: i, Coef: a * c.base[s] / c.base[i]})
			}
		}
	}
	io, err := planning.NewIO(g, es)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	c.io = io
	v, _, err := planning.LabourValues(io, c.labour, 0)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	c.values = v
	return nil
}

// Register adds the councils' phase and columns.
func (c *Councils) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "councils/plan_and_decide", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: c.month})
	col := struct {
		year, rounds, feasible, nc, nw                    sim.Col
		excess, satisfaction, effort, gap                 sim.Col
		turnout                                           [numLevels]sim.Col
		proposals, decided, passed, noQuorum, rev, revers sim.Col
		issued, vested, locked                            sim.Col
		stakers, stake, slashed, rStaker, rWel, rSol, rPr sim.Col
		unapplied, lvGap, planGap                         sim.Col
	}{
		year:         r.Count("councils_plan_year", "year of the plan in force, from 1"),
		rounds:       r.Count("councils_plan_rounds", "rounds the year's plan took"),
		feasible:     r.Count("councils_plan_feasible", "1 if the year's plan ended with every excess within tolerance"),
		excess:       r.Ratio("councils_plan_excess", "largest |excess demand| of the plan's last round, goods and labour"),
		satisfaction: r.Ratio("councils_plan_satisfaction", "utility of the plan against the unconstrained wish: prod_g min(1, S/D)^share_g"),
		effort:       r.Ratio("councils_plan_effort", "hours worked per active member a month under the plan"),
		gap:          r.Ratio("councils_plan_value_gap", "largest |(price/wage)/labour value - 1| over goods"),
		nc:           r.Count("councils_consumer_councils", "consumers' councils above the individual (households, neighbourhoods, cities, regions)"),
		nw:           r.Count("councils_worker_councils", "workers' councils above the individual (workplaces, industries, regions)"),
		proposals:    r.Count("councils_proposals", "proposals put to a vote this tick"),
		decided:      r.Count("councils_decisions", "proposals decided this tick (quorum met)"),
		passed:       r.Count("councils_passed", "decisions taken for the proposal this tick"),
		noQuorum:     r.Count("councils_no_quorum", "proposals that failed for want of a quorum this tick"),
		rev:          r.Count("councils_reviewed", "decisions a random-sample jury reviewed this tick"),
		revers:       r.Count("councils_reversed", "reviewed decisions whose jury's majority differed"),
		issued:       r.Amount("councils_tokens_issued", "participation tokens earned so far (locked and unlocked)"),
		vested:       r.Amount("councils_tokens_vested", "participation tokens unlocked so far"),
		locked:       r.Amount("councils_tokens_locked", "participation tokens still locked"),
		stakers:      r.Count("councils_stakers", "members with a stake"),
		stake:        r.Amount("councils_stake", "exchange tokens staked (held in the stake account)"),
		slashed:      r.Amount("councils_slashed", "stake moved to the solidarity fund for misbehaviour, so far"),
		rStaker:      r.Amount("councils_rewards_staker", "contribution rewards to stakers so far"),
		rWel:         r.Amount("councils_rewards_welfare", "contribution rewards to social welfare so far"),
		rSol:         r.Amount("councils_rewards_solidarity", "contribution rewards to the solidarity fund so far"),
		rPr:          r.Amount("councils_rewards_protocol", "contribution rewards to protocol development so far"),
		unapplied:    r.Count("councils_plan_unapplied", "plan years so far whose plan was not feasible, so the economy ran on the market (with plan.apply)"),
		lvGap:        r.Ratio("councils_labour_price_gap", "mean over sectors of |ln(labour-value price / mean market price of its co-ops)|, labour-value prices at the mean wage per hour"),
		planGap:      r.Ratio("councils_plan_price_gap", "mean over sectors of |ln(plan price / mean market price of its co-ops)|, plan prices in hours of the plan's wage at the mean wage per hour"),
	}
	for l := range numLevels {
		col.turnout[l] = r.Ratio("councils_turnout_"+levelNames[l], "votes cast over those entitled, "+levelNames[l]+" proposals, this plan year")
	}
	r.Measure(func(m *sim.Metrics) {
		s := &c.last
		m.Set(col.year, int64(c.year))
		m.Set(col.rounds, int64(s.rounds))
		m.Set(col.feasible, b2i(s.feasible))
		m.SetFloat(col.excess, s.excess)
		m.SetFloat(col.satisfaction, s.satisfaction)
		m.SetFloat(col.effort, s.effort)
		m.SetFloat(col.gap, s.valGap)
		m.Set(col.nc, int64(c.n.councils(levelHousehold)+c.n.councils(levelNeighbourhood)+c.n.councils(levelCity)+c.n.councils(levelRegion)))
		m.Set(col.nw, int64(c.n.councils(levelWorkplace)+c.n.councils(levelIndustry)+c.n.councils(levelWorkRegion)))
		d := &c.dec
		m.Set(col.proposals, d.proposals)
		m.Set(col.decided, d.decided)
		m.Set(col.passed, d.passed)
		m.Set(col.noQuorum, d.noQuorum)
		m.Set(col.rev, d.reviewed)
		m.Set(col.revers, d.reversed)
		for l := range numLevels {
			t := 0.0
			if d.eligible[l] > 0 {
				t = float64(d.cast[l]) / float64(d.eligible[l])
			}
			m.SetFloat(col.turnout[l], t)
		}
		m.Set(col.issued, c.tok.issued)
		m.Set(col.vested, c.tok.vested)
		m.Set(col.locked, c.tok.issued-c.tok.vested)
		k := &c.stk
		m.Set(col.stakers, k.stakers)
		m.Set(col.stake, k.total)
		m.Set(col.slashed, k.slashed)
		m.Set(col.rStaker, k.rewards[0])
		m.Set(col.rWel, k.rewards[1])
		m.Set(col.rSol, k.rewards[2])
		m.Set(col.rPr, k.rewards[3])
		m.Set(col.unapplied, int64(c.unapplied))
		lv, pg := c.priceGaps()
		m.SetFloat(col.lvGap, lv)
		m.SetFloat(col.planGap, pg)
		d.proposals, d.decided, d.passed, d.noQuorum, d.reviewed, d.reversed = 0, 0, 0, 0, 0, 0
	})
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// UseDir takes the folder of copex run --plan DIR: plan.csv, labour_values.csv and
// io.csv are written there (and rewritten after each year's plan).
func (c *Councils) UseDir(name, dir string) bool {
	if name != "plan" {
		return false
	}
	c.planDir = dir
	c.enc = planning.NewPlanCSV(&c.planCSV, c.names)
	return true
}

// month runs at the start of each month: at a year's start the stakes, the councils
// and the plan; every month the decision nodes.
func (c *Councils) month(t sim.Tick) error {
	h := c.h
	c.grow(h.Members())
	if (t.Month-1)%12 == 0 {
		c.year = (t.Month-1)/12 + 1
		if err := c.tok.vest(c.year); err != nil {
			return err
		}
		sim.Seed(&c.src, h.Seed(), streamStake, t.N, sim.PurposeCouncils)
		if err := c.stk.year(c, c.year); err != nil {
			return err
		}
		c.n.build(h, &c.geo, c.cfg.Nesting.Household, c.cfg.Nesting.Neighbourhood, c.goods)
		sim.Seed(&c.src, h.Seed(), streamYear, t.N, sim.PurposeCouncils)
		if err := c.elect(); err != nil {
			return err
		}
		sim.Seed(&c.src, h.Seed(), streamTaste, t.N, sim.PurposeCouncils)
		if err := c.plan(); err != nil {
			return err
		}
		c.dec.newYear()
	}
	sim.Seed(&c.src, h.Seed(), streamDecision, t.N, sim.PurposeCouncils)
	return c.decide()
}

// grow sizes the per-member arrays for n members.
func (c *Councils) grow(n int) {
	if n <= c.reserved {
		return
	}
	c.tok.grow(n)
	c.stk.grow(n)
	c.income = resize(c.income, n)
	if cap(c.voters) < n {
		c.voters = make([]int32, 0, n) // a council's voters are at most all members
	}
	c.reserved = n
}

// elect draws each council's delegate (a member of it, uniformly) and has every
// household and workplace name one member for peer recognition.
func (c *Councils) elect() error {
	n := &c.n
	for l := range numLevels {
		n.delegate[l] = resize(n.delegate[l], n.councils(l))
		for k := range n.councils(l) {
			ms := n.members(l, k)
			d := int32(-1)
			if len(ms) > 0 {
				d = ms[c.rng.IntN(len(ms))]
			}
			n.delegate[l][k] = d
			if lowest(l) && d >= 0 {
				if err := c.tok.grant(d, c.tok.peer); err != nil {
					return err
				}
			}
		}
	}
	// The first child of each council (children are contiguous in their level).
	for l := 1; l < numLevels; l++ {
		if l == levelWorkplace {
			continue
		}
		n.child[l] = resize(n.child[l], n.councils(l)+1)
		for k := range n.child[l] {
			n.child[l][k] = -1
		}
		for k := n.councils(l - 1); k > 0; k-- {
			n.child[l][n.parent[l-1][k-1]] = int32(k - 1)
		}
		n.child[l][n.councils(l)] = int32(n.councils(l - 1))
		for k := n.councils(l) - 1; k >= 0; k-- { // a council with no children
			if n.child[l][k] < 0 {
				n.child[l][k] = n.child[l][k+1]
			}
		}
	}
	return nil
}

// writePlanFiles writes plan.csv (every round so far), labour_values.csv and io.csv
// into the --plan folder, each atomically.
func (c *Councils) writePlanFiles() error {
	if c.planDir == "" {
		return nil
	}
	if err := atomicfile.WriteFile(filepath.Join(c.planDir, "plan.csv"), c.planCSV.Bytes()); err != nil {
		return fmt.Errorf("councils: %w", err)
	}
	var b bytes.Buffer
	if err := planning.WriteValues(&b, c.values, c.names); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(c.planDir, "labour_values.csv"), b.Bytes()); err != nil {
		return fmt.Errorf("councils: %w", err)
	}
	b.Reset()
	if err := planning.WriteIO(&b, c.io, c.labour, c.names); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(c.planDir, "io.csv"), b.Bytes()); err != nil {
		return fmt.Errorf("councils: %w", err)
	}
	return nil
}

// errOverflow is returned when a running total of tokens would pass int64.
var errOverflow = errors.New("councils: a running total of tokens would pass the int64 range")

// add returns a + b, or errOverflow (both are non-negative).
func add(a, b ledger.Amount) (ledger.Amount, error) {
	if b > math.MaxInt64-a {
		return a, errOverflow
	}
	return a + b, nil
}

package workshop

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// engine is a workshop's run: the scenario's model stepped one tick at a time, the
// actions applied between ticks, and its metrics.csv as copex run writes it (the
// header, then sim.Table.AppendRow of each tick). The live room and Replay both drive
// it with the same records, which is why replay reproduces the metrics.
type engine struct {
	sc      *scenarios.Scenario
	seed    uint64
	workers int
	model   sim.Model
	run     *sim.Stepper
	coops   Coops // nil when the model has no co-ops participants can run
	csv     []byte
	marks   []Mark
	people  map[int]*seat
	ended   bool
}

// seat is what the run holds of a participant: their co-op and their last settings,
// restored when they come back after the default rule ran their co-op.
type seat struct {
	coop                 int
	price, wage, target  float64
	hasPrice, hasWage    bool
	hasTarget, away      bool
	decided              bool   // they have set its price, pay, output or hiring: the co-op is theirs to run
	use                  string // grant use chosen ("": none yet, the scenario's)
	sector, locality, nw int
}

// Mark is a mid-run change shown on the charts: from tick Tick, Name was Value; or,
// for a giveaway (Name "giveaway"), Value tokens were given to Share of the members
// before tick Tick.
type Mark struct {
	Tick  int     `json:"tick"`
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Share float64 `json:"share,omitempty"`
}

// coopsOf returns the participants' side of a model, or nil when it has none.
var coopsOf = func(m sim.Model) Coops {
	if e, ok := m.(*agents.Economy); ok {
		return economyCoops(e)
	}
	return nil
}

func newEngine(sc *scenarios.Scenario, seed uint64, workers int) (*engine, error) {
	e := &engine{sc: sc, seed: seed, workers: workers}
	if err := e.reset(); err != nil {
		return nil, err
	}
	return e, nil
}

// reset builds the model afresh: tick 0, no participants' co-ops.
func (e *engine) reset() error {
	model, err := agents.Build(e.sc.Config, e.seed)
	if err != nil {
		return fmt.Errorf("%s: %w", e.sc.Source, err)
	}
	// As runs.Run starts a run for copex run: the default conservation checks, the
	// workers given (results do not depend on them), and the memory the model may grow
	// to as the economy grows (it stops with a *sim.MemoryError past it).
	budget, err := runs.MemoryBudget(e.sc.Config, nil)
	if err != nil {
		return err
	}
	run, err := sim.Start(model, &sim.Options{Workers: e.workers, MemoryBudget: budget})
	if err != nil {
		return err
	}
	e.model, e.run, e.coops = model, run, coopsOf(model)
	e.csv = run.Table().AppendHeader(e.csv[:0])
	e.marks = e.marks[:0]
	e.people = map[int]*seat{}
	e.ended = false
	return nil
}

func (e *engine) ticks() int { return e.run.Tick() }

func (e *engine) done() bool { return e.ended || e.run.Done() }

// next steps one tick.
func (e *engine) next() (*sim.Metrics, error) {
	if e.ended {
		return nil, sim.ErrDone
	}
	return e.run.Next()
}

// appendRow adds a stepped tick's row to the metrics and returns the line.
func (e *engine) appendRow(m *sim.Metrics) []byte {
	n := len(e.csv)
	e.csv = e.run.Table().AppendRow(e.csv, m)
	return e.csv[n:]
}

// errNoCoops refuses a join in an economy without co-ops a participant can run.
var errNoCoops = errors.New("this scenario's model has no co-ops a participant can run")

// apply applies one action between ticks. An action the economy refuses (a co-op
// that cannot be founded, a value out of a parameter's bounds) changes nothing and
// is returned; replay meets the same refusal at the same place.
func (e *engine) apply(r *Record) error {
	switch r.Kind {
	case KindSet:
		if err := e.run.Set(r.Name, r.Value); err != nil {
			return err
		}
		e.marks = append(e.marks, Mark{Tick: e.ticks() + 1, Name: r.Name, Value: r.Value})
		return nil
	case KindReset:
		if r.Name != "" {
			// a setting fixed when the economy is built: the run starts again with it
			sc, err := rescenario(e.sc, r.Name)
			if err != nil {
				return err
			}
			e.sc = sc
		}
		return e.reset()
	case KindGiveaway:
		if err := checkGiveaway(r.Value, r.Share); err != nil {
			return err
		}
		if err := giveAway(e.model, r.Value, r.Share); err != nil {
			return err
		}
		e.marks = append(e.marks, Mark{Tick: e.ticks() + 1, Name: KindGiveaway, Value: r.Value, Share: r.Share})
		return nil
	case KindEnd:
		e.ended = true
		return nil
	case KindPlay, KindPause, KindSpeed:
		return nil
	case KindJoin:
		if e.coops == nil {
			return errNoCoops
		}
		c, err := e.coops.Found(r.Sector, r.Locality, r.N)
		if err != nil {
			return err
		}
		// until its participant decides its price, pay, output or hiring, the co-op is
		// run by the economy's own rules (its default decisions), as while they are away
		e.coops.SetControlled(c, false)
		e.people[r.Who] = &seat{coop: c, sector: r.Sector, locality: r.Locality, nw: r.N}
		r.Coop = c
		// the start-up funding an economy's start-up gets (agents' startups), so
		// that the co-op can pay its founders while it finds its customers
		paid, err := e.coops.FundStartup(c, e.sc.Config.Foundation.StartupMonths, r.N)
		r.Funded = paid
		return err
	}
	s := e.people[r.Who]
	if s == nil || e.coops == nil {
		return fmt.Errorf("participant %d has no co-op", r.Who)
	}
	c := s.coop
	switch r.Kind {
	case KindPrice, KindWage, KindTarget, KindHire, KindRelease:
		// the participant's first decision takes the co-op from the default rule
		s.decided = true
		if !s.away {
			e.coops.SetControlled(c, true)
		}
	}
	switch r.Kind {
	case KindPrice:
		s.price, s.hasPrice = r.Value, true
		return e.coops.SetPrice(c, r.Value)
	case KindWage:
		s.wage, s.hasWage = r.Value, true
		return e.coops.SetWage(c, r.Value)
	case KindTarget:
		s.target, s.hasTarget = r.Value, true
		return e.coops.SetTarget(c, r.Value)
	case KindHire:
		e.coops.Hire(c, r.N)
		return nil
	case KindRelease:
		e.coops.Release(c, r.N)
		return nil
	case KindGrantUse:
		u, err := grantUse(r.Use)
		if err != nil {
			return err
		}
		s.use = u.Name
		return e.coops.SetGrantUse(c, e.mix(u))
	case KindBuy:
		return e.buy(r, s)
	case KindAway:
		// the default rule: the economy's own rules run the co-op (its price follows
		// whether it sold out, as the simulated co-ops' do; its grants are spent as the
		// scenario's co-ops spend theirs)
		s.away = true
		e.coops.SetControlled(c, false)
		if s.use != "" {
			return e.coops.SetGrantUse(c, e.sc.Config.Coops.GrantUse)
		}
		return nil
	case KindBack:
		s.away = false
		e.coops.SetControlled(c, s.decided)
		var err error
		if s.hasPrice {
			err = errors.Join(err, e.coops.SetPrice(c, s.price))
		}
		if s.hasWage {
			err = errors.Join(err, e.coops.SetWage(c, s.wage))
		}
		if s.hasTarget {
			err = errors.Join(err, e.coops.SetTarget(c, s.target))
		}
		if s.use != "" {
			u, _ := grantUse(s.use) // s.use was checked when it was chosen
			err = errors.Join(err, e.coops.SetGrantUse(c, e.mix(u)))
		}
		return err
	}
	return fmt.Errorf("kind: unknown action %q", r.Kind)
}

// buy applies participant r.Who's purchase: up to r.Value tokens from participant
// r.Seller's co-op, or, with r.Seller 0, from the cheapest open simulated co-op of
// sector r.Sector at the buyer's locality (anywhere when none is there; the lowest
// numbered among equal prices). It records the seller's co-op and the tokens bought;
// a purchase that buys nothing is refused with the reason.
func (e *engine) buy(r *Record, s *seat) error {
	if !e.coops.Coop(s.coop).Alive {
		return errors.New("your co-op has closed")
	}
	seller := -1
	if r.Seller > 0 {
		t := e.people[r.Seller]
		switch {
		case t == nil:
			return fmt.Errorf("seller: participant %d has no co-op", r.Seller)
		case t == s:
			return errors.New("seller: a co-op cannot buy from itself")
		case !e.coops.Coop(t.coop).Alive:
			return fmt.Errorf("seller: participant %d's co-op has closed", r.Seller)
		}
		seller = t.coop
	} else {
		if r.Sector < 0 || r.Sector >= len(e.coops.Sectors()) {
			return fmt.Errorf("sector: %d, there are %d", r.Sector, len(e.coops.Sectors()))
		}
		theirs := map[int]bool{}
		for _, p := range e.people {
			theirs[p.coop] = true
		}
		skip := func(c int) bool { return theirs[c] }
		offers := e.coops.Trading(r.Sector, s.locality, skip)
		if len(offers) == 0 {
			offers = e.coops.Trading(r.Sector, -1, skip)
		}
		for i, o := range offers {
			if seller < 0 || o.Price < offers[seller].Price {
				seller = i
			}
		}
		if seller < 0 {
			return fmt.Errorf("sector: no simulated co-op of %s is open", e.coops.Sectors()[r.Sector])
		}
		seller = offers[seller].Coop
	}
	r.Coop = seller
	got, err := e.coops.Buy(s.coop, seller, r.Value)
	if err != nil {
		return err
	}
	if got <= 0 {
		return errors.New("nothing bought: the seller has nothing left to sell this tick, or your co-op cannot pay for it and the levy")
	}
	r.Bought = got
	return nil
}

// mix returns the agents.GrantUse grant use u stands for in this run.
func (e *engine) mix(u GrantUse) agents.GrantUse {
	if u.Mix == nil {
		return e.sc.Config.Coops.GrantUse
	}
	return *u.Mix
}

// sectorNames returns the scenario's sectors' names, in order.
func sectorNames(sc *scenarios.Scenario) []string {
	out := make([]string, len(sc.Config.Sectors))
	for i, s := range sc.Config.Sectors {
		out[i] = s.Name
	}
	return out
}

// Restartable are the settings fixed when the economy is built that the facilitator
// may change by starting the run again (a reset with PATH=VALUE): the grant formula.
// (An expression formula needs its expression, which the facilitator's page does not
// write; a scenario that has one can switch to it and back.)
var Restartable = map[string][]string{
	"issuance.formula": {"increase_only", "monthly_projection", "smoothed", "none", "expression"},
}

// rescenario returns sc with one override applied (PATH=VALUE, PATH in Restartable),
// as scenarios.Parse applies copex run's --set to the resolved scenario.
func rescenario(sc *scenarios.Scenario, set string) (*scenarios.Scenario, error) {
	path, value, ok := strings.Cut(set, "=")
	allowed := Restartable[path]
	if !ok || !slices.Contains(allowed, value) {
		return nil, fmt.Errorf("name: %q is not a setting the run may restart with (%s)", set, restartables())
	}
	y, err := sc.YAML()
	if err != nil {
		return nil, err
	}
	out, err := scenarios.Parse(sc.Source, y, []string{set})
	if err != nil {
		return nil, err
	}
	out.Sets = append(append([]string(nil), sc.Sets...), set)
	return out, nil
}

func restartables() string {
	var out []string
	for p, vs := range Restartable {
		out = append(out, p+"="+strings.Join(vs, "|"))
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

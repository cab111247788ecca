package game

import (
	"fmt"
	"strconv"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// DefaultScenario is the economy a game places the player's co-op in unless told
// otherwise: the baseline's rules at a quarter of its size (scenarios/getgo.yaml).
const DefaultScenario = "getgo"

// World is the simulated co-operative economy the player's co-op is part of: the Copex
// engine (agents.Economy) stepped tick by tick by the engine's own run (sim.Stepper),
// as a batch run is, with every phase, measurement and conservation check. The
// player's co-op is one of its co-ops (agents.Economy.Found), run from outside
// (SetControlled): it offers on the same Exchange Platform, is granted by the same
// issuance rules and pays and is paid on the same ledger.
type World struct {
	sc    *scenarios.Scenario
	econ  *agents.Economy
	run   *sim.Stepper
	clock sim.Clock
	homes []int // by sector: the locality a player's co-op of the sector sets up in
	cards []horizon.Card
}

// NewWorld builds the economy of scenario (an embedded name or a file; "" for
// DefaultScenario) with seed, ticking monthly as the scenario says.
func NewWorld(scenario string, seed uint64) (*World, error) {
	return newWorld(scenario, seed, "month")
}

// newWorld builds the economy for turns of length turn: for weekly turns the
// scenario's clock is set to a week (and its length in ticks to the same months), so
// that a weekly turn is one tick of the engine.
func newWorld(scenario string, seed uint64, turn string) (*World, error) {
	if scenario == "" {
		scenario = DefaultScenario
	}
	sc, err := scenarios.Load(scenario, nil)
	if err != nil {
		return nil, err
	}
	if sc.Config.Model != "economy" {
		return nil, fmt.Errorf("scenario %s: GetGo needs model economy, not %s", scenario, sc.Config.Model)
	}
	if turn == "week" && sc.Config.Clock != "week" {
		months := sc.Config.Ticks
		sc, err = scenarios.Load(scenario, []string{"clock=week", "ticks=" + strconv.Itoa(months*52/12)})
		if err != nil {
			return nil, err
		}
	}
	econ, err := agents.NewEconomy(sc.Config, seed)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", scenario, err)
	}
	run, err := sim.Start(econ, &sim.Options{Workers: 1})
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", scenario, err)
	}
	return &World{sc: sc, econ: econ, run: run, clock: econ.Clock(), homes: homes(econ)}, nil
}

// homes returns, for each sector, the locality where the sector's demand is least
// served when the economy starts: the most members for each co-op of the sector
// there, counting the newcomer (members / (1 + co-ops)); every member spends the same
// shares, so a sector's demand lies where its members live. Ties go to the lowest
// locality.
func homes(e *agents.Economy) []int {
	nl, ns := e.Localities(), len(e.Sectors())
	members := make([]int, nl)
	for i := range e.Members() {
		if e.MemberActive(i) {
			members[e.MemberLocality(i)]++
		}
	}
	coops := make([]int, ns*nl)
	for c := range e.Coops() {
		if e.CoopAlive(c) {
			coops[e.CoopSectorIndex(c)*nl+e.CoopLocality(c)]++
		}
	}
	out := make([]int, ns)
	for s := range ns {
		best := 0
		for l := 1; l < nl; l++ {
			// members[l]/(1+coops[l]) > members[best]/(1+coops[best]), in integers.
			if members[l]*(1+coops[s*nl+best]) > members[best]*(1+coops[s*nl+l]) {
				best = l
			}
		}
		out[s] = best
	}
	return out
}

// Home returns the locality where a player's co-op of sector sets up (see homes).
func (w *World) Home(sector string) (int, error) {
	s, ok := w.econ.SectorIndex(sector)
	if !ok {
		return 0, fmt.Errorf("no sector %q in scenario %s", sector, w.sc.Name)
	}
	return w.homes[s], nil
}

// Scenario returns the world's scenario.
func (w *World) Scenario() *scenarios.Scenario { return w.sc }

// Economy returns the engine's economy the player's co-op is part of.
func (w *World) Economy() *agents.Economy { return w.econ }

// Month returns the month of the last tick stepped (0 before the first).
func (w *World) Month() int {
	if w.run.Tick() == 0 {
		return 0
	}
	return w.clock.Month(w.run.Tick())
}

// Sectors returns the economy's sector names.
func (w *World) Sectors() []string { return w.econ.Sectors() }

// Sector returns the scenario's definition of the sector called name.
func (w *World) Sector(name string) (agents.Sector, bool) {
	for _, s := range w.sc.Config.Sectors {
		if s.Name == name {
			return s, true
		}
	}
	return agents.Sector{}, false
}

// nextMonthStart reports whether the next tick is the first of its month.
func (w *World) nextMonthStart() bool { return w.clock.MonthStart(w.run.Tick() + 1) }

// nextMonth returns the month of the next tick.
func (w *World) nextMonth() int { return w.clock.Month(w.run.Tick() + 1) }

// nextTickShare is the share of its month the next tick makes up, over which the
// engine applies every monthly rate (pay, production, customers): a week of a
// four-week month is a quarter of it, of a five-week month a fifth.
func (w *World) nextTickShare() float64 { return w.clock.TickShare(w.run.Tick() + 1) }

// step runs one tick of the engine (its conservation check included).
func (w *World) step() error {
	if w.run.Done() {
		return fmt.Errorf("the simulated economy ends after month %d", w.clock.Month(w.run.Ticks()))
	}
	if _, err := w.run.Next(); err != nil {
		return fmt.Errorf("simulated economy, month %d: %w", w.clock.Month(w.run.Tick()+1), err)
	}
	return nil
}

// Advance steps the economy to the end of month. A month past the scenario's end is
// an error.
func (w *World) Advance(month int) error {
	for w.nextMonth() <= month {
		if err := w.step(); err != nil {
			return err
		}
	}
	return nil
}

// ended reports whether the economy has run all its ticks.
func (w *World) ended() bool { return w.run.Done() }

// Market returns the named sector's market over the last month stepped.
func (w *World) Market(sector string) (agents.SectorMarket, error) {
	s, ok := w.econ.SectorIndex(sector)
	if !ok {
		return agents.SectorMarket{}, fmt.Errorf("no sector %q in scenario %s", sector, w.sc.Name)
	}
	return w.econ.Market(s), nil
}

// partner is a simulated co-op the player can trade with.
type partner struct {
	coop   int
	sector string
	price  ledger.Amount
}

// partners returns up to k live co-ops of sector other than except, picked by pick
// (an index into the candidates, in co-op order).
func (w *World) partners(sector string, k, except int, pick func(n int) int) []partner {
	var all []int
	for c := range w.econ.Coops() {
		if c != except && w.econ.CoopAlive(c) && w.econ.CoopSector(c) == sector {
			all = append(all, c)
		}
	}
	var out []partner
	for len(all) > 0 && len(out) < k {
		i := pick(len(all))
		c := all[i]
		all = append(all[:i], all[i+1:]...)
		out = append(out, partner{coop: c, sector: sector, price: w.econ.CoopPrice(c)})
	}
	return out
}

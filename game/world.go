package game

import (
	"fmt"
	"math/rand/v2"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// DefaultScenario is the economy a game places the player's co-op in unless told
// otherwise: the baseline's rules at a quarter of its size (scenarios/getgo.yaml).
const DefaultScenario = "getgo"

// World is the simulated co-operative economy around the player's co-op: the Copex
// engine stepped month by month. The player's co-op trades with it through the market
// of its sector (what members order there, at what price, against how many co-ops)
// and through offers from named simulated co-ops.
type World struct {
	sc    *scenarios.Scenario
	econ  *agents.Economy
	run   *sim.Stepper
	month int
	homes []int // by sector: the locality a player's co-op of the sector sets up in
}

// NewWorld builds the economy of scenario (an embedded name or a file; "" for
// DefaultScenario) with seed.
func NewWorld(scenario string, seed uint64) (*World, error) {
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
	econ, err := agents.NewEconomy(sc.Config, seed)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", scenario, err)
	}
	// The economy is stepped by the engine's run, as a batch run is: every phase,
	// measurement and conservation check each month.
	run, err := sim.Start(econ, &sim.Options{Workers: 1})
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", scenario, err)
	}
	return &World{sc: sc, econ: econ, run: run, homes: homes(econ)}, nil
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

// supplierShard is the random stream of the co-op's choice of suppliers, apart from
// the trial's (1), the proposals' (2) and the turns' (3 on).
const supplierShard = 1 << 30

// suppliers picks the co-ops a player's co-op at home in sector buys from in month,
// as the economy's co-ops pick theirs (agents.Economy.Supplier): one for each of its
// input lines, and one from a sector other than its own, drawn evenly among those on
// offer, for marketing, equipment and development. It returns their localities.
func (w *World) suppliers(seed uint64, month int, sector string, inputs []inputLine, home int) suppliers {
	var src rand.PCG
	sim.Seed(&src, seed, supplierShard, month, sim.PurposeGame)
	r := rand.New(&src)
	at := func(sector int) int {
		if o := w.econ.Supplier(r, sector, home); o >= 0 {
			return w.econ.CoopLocality(o)
		}
		return -1
	}
	out := suppliers{inputs: make([]int, len(inputs)), other: -1}
	for i, in := range inputs {
		out.inputs[i] = -1
		if s, ok := w.econ.SectorIndex(in.sector); ok {
			out.inputs[i] = at(s)
		}
	}
	own, _ := w.econ.SectorIndex(sector)
	var others []int
	for s := range w.econ.Sectors() {
		if s != own && w.econ.Platform().OffersIn(s) > 0 {
			others = append(others, s)
		}
	}
	if len(others) > 0 {
		out.other = at(others[r.IntN(len(others))])
	}
	return out
}

// Scenario returns the world's scenario.
func (w *World) Scenario() *scenarios.Scenario { return w.sc }

// Month returns the last month stepped (0 before the first).
func (w *World) Month() int { return w.month }

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

// Advance steps the economy to the end of month, checking the ledger's conservation
// after each month. A month past the scenario's end is an error.
func (w *World) Advance(month int) error {
	for w.month < month {
		if w.month >= w.sc.Config.Ticks {
			return fmt.Errorf("the simulated economy ends after month %d", w.sc.Config.Ticks)
		}
		if _, err := w.run.Next(); err != nil {
			return fmt.Errorf("simulated economy, month %d: %w", w.month+1, err)
		}
		w.month++
	}
	return nil
}

// Market returns the named sector's market over the last month stepped.
func (w *World) Market(sector string) (agents.SectorMarket, error) {
	s, ok := w.econ.SectorIndex(sector)
	if !ok {
		return agents.SectorMarket{}, fmt.Errorf("no sector %q in scenario %s", sector, w.sc.Name)
	}
	return w.econ.Market(s), nil
}

// env is what the issuance rules see of the economy this month, as the engine's own
// issuance sees it (the player's co-op adds its offer to the value on offer).
func (w *World) env(month int) issuance.Env { return w.econ.IssuanceEnv(month) }

// partner is a simulated co-op the player can trade with.
type partner struct {
	coop   int
	sector string
	price  ledger.Amount
}

// partners returns up to k trading co-ops of sector, picked by pick (an index into the
// candidates, in co-op order).
func (w *World) partners(sector string, k int, pick func(n int) int) []partner {
	var all []int
	for c := range w.econ.Coops() {
		if w.econ.CoopAlive(c) && w.econ.CoopSector(c) == sector {
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

package horizon

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// purpose names the subsystem's random streams (sim.Seed); it offsets it per stream.
const purpose = sim.PurposeHorizon

// The streams' shard numbers.
const (
	streamMonitor = iota // who monitors: one draw per co-op, from its number
	streamAdopt          // which co-ops adopt a technique this month
)

// Horizon is the subsystem: the scenario's events, applied to the economy when they
// hit, and the monitoring co-ops' earlier reactions.
type Horizon struct {
	cfg Config
	h   sim.Host
	ev  []event

	watch []string // the sectors the events name, in the order first named (their columns)
	wIdx  []int    // their indices in the economy (with a host)

	src rand.PCG
	rng *rand.Rand

	// Per co-op, grown as co-ops register.
	drawn   int    // co-ops whose monitoring was drawn
	monitor []bool // watches the Lookout Platform
	paid    []bool // monitored this month (paid its cost, if any)
	alive   []bool // trading at the last month's start (to count failures)

	month     int
	fired     int
	signalled int
	failed    [2]int64   // failures so far, others [0] and monitors [1]
	failedIn  [][2]int64 // the same by watched sector
	costPaid  ledger.Amount
	shares    []float64 // scratch: spending shares by sector
	watchStat []sectorStat
	stat      [2]groupStat
}

// event is an Event resolved against the economy, with its reactions' state.
type event struct {
	Event
	sector  int           // -1: every sector (legislation)
	floor   ledger.Amount // legislation: the minimum monthly wage
	ratioA  float64       // input_cost: the coefficients after the shock over before
	hit     bool
	coops   int     // co-ops registered when it hit (technology: later ones start with it)
	target  []int32 // per co-op: the workforce a monitor moves towards (0: no plan)
	adopted []bool  // technology: per co-op, uses the new technique
}

// groupStat and sectorStat are a tick's measurements, kept so that measuring
// allocates nothing.
type groupStat struct {
	n     int64
	sales ledger.Amount
}

type sectorStat struct {
	sales, treasury ledger.Amount
	n               int64
	by              [2]groupStat
	priceW, cap     float64 // capacity-weighted price, over base price
	units, workers  float64
	adopted         [64]int64
}

// New builds the subsystem over host h (nil: only to list what it registers).
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	z := &Horizon{cfg: cfg, h: h}
	z.rng = rand.New(&z.src)
	z.ev = make([]event, len(cfg.Events))
	for k, e := range cfg.Events {
		z.ev[k] = event{Event: e, sector: -1}
		if e.Sector != "" && indexOf(z.watch, e.Sector) < 0 {
			z.watch = append(z.watch, e.Sector)
		}
	}
	if h == nil {
		return z, nil
	}
	names := h.Sectors()
	for _, w := range z.watch {
		i := indexOf(names, w)
		if i < 0 {
			return nil, fmt.Errorf("no sector is named %q", w)
		}
		z.wIdx = append(z.wIdx, i)
	}
	z.shares = make([]float64, len(names))
	z.failedIn = make([][2]int64, len(z.watch))
	z.watchStat = make([]sectorStat, len(z.watch))
	// the coefficients each sector's input-cost shocks lead to, checked now: one
	// reaching 1 would leave nothing for wages
	rise := make([]float64, len(names))
	for s := range rise {
		rise[s] = 1
	}
	for k := range z.ev {
		e := &z.ev[k]
		if e.Sector != "" {
			e.sector = indexOf(names, e.Sector)
		}
		switch e.Kind {
		case InputCost:
			var a float64
			for j := range h.SectorInputs(e.sector) {
				_, c := h.SectorInput(e.sector, j)
				a += c
			}
			before := a * rise[e.sector]
			rise[e.sector] *= 1 + e.Size
			after := a * rise[e.sector]
			if after >= 1 {
				return nil, sim.Fieldf(fmt.Sprintf("events[%d].size", k), "is %g: %s's input coefficients (%.3g in all) would come to %.3g, and they must stay below 1", e.Size, e.Sector, before, after)
			}
			if a == 0 {
				return nil, sim.Fieldf(fmt.Sprintf("events[%d].sector", k), "%s buys no inputs: an input-cost shock leaves it as it is", e.Sector)
			}
			e.ratioA = 1 + e.Size
		case Legislation:
			low := math.Inf(1)
			for s := range names {
				if e.sector < 0 || s == e.sector {
					_, _, w, _ := h.SectorTechnique(s)
					low = min(low, w)
				}
			}
			e.floor = ledger.Amount(math.Round(low * (1 + e.Size) * float64(ledger.Unit)))
		}
	}
	return z, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Register adds the subsystem's phase and columns.
func (z *Horizon) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "horizon/events", Stage: sim.StageOpen, Cadence: sim.MonthStart, Run: z.monthStart})
	z.register(r)
}

// grow extends the per-co-op arrays to the co-ops registered now, drawing whether each
// new one monitors (from its number, so that the draw does not depend on when it is
// made).
func (z *Horizon) grow() {
	n := z.h.Coops()
	for c := z.drawn; c < n; c++ {
		sim.Seed(&z.src, z.h.Seed(), c, 0, purpose+streamMonitor)
		z.monitor = append(z.monitor, z.rng.Float64() < z.cfg.Monitor)
		z.paid = append(z.paid, false)
		z.alive = append(z.alive, z.h.CoopAlive(c))
	}
	for k := range z.ev {
		e := &z.ev[k]
		for len(e.target) < n {
			e.target = append(e.target, 0)
		}
		if e.Kind == Technology {
			for c := len(e.adopted); c < n; c++ {
				// a co-op founded after the technique arrived starts with it
				e.adopted = append(e.adopted, e.hit && c >= e.coops)
			}
		}
	}
	z.drawn = n
}

// monthStart runs after the economy closed the month: it counts the month's failures,
// collects the monitoring cost, and lets each event signal, hit and be reacted to.
func (z *Horizon) monthStart(t sim.Tick) error {
	h := z.h
	z.month = t.Month
	z.grow()
	for c, was := range z.alive {
		now := h.CoopAlive(c)
		if was && !now {
			g := b2i(z.monitor[c])
			z.failed[g]++
			for w, s := range z.wIdx {
				if h.CoopSectorIndex(c) == s {
					z.failedIn[w][g]++
				}
			}
		}
		z.alive[c] = now
	}
	if err := z.collect(); err != nil {
		return err
	}
	for k := range z.ev {
		if err := z.step(k, t); err != nil {
			return fmt.Errorf("horizon: event %d (%s): %w", k+1, z.ev[k].Kind, err)
		}
	}
	return nil
}

// collect has each monitoring co-op pay the month's cost to the Foundation; one that
// cannot does not monitor this month.
func (z *Horizon) collect() error {
	h := z.h
	cost := ledger.Amount(math.Round(z.cfg.Cost * float64(ledger.Unit)))
	l := h.Ledger()
	for c, m := range z.monitor {
		// a co-op run from outside (a player's, a firm) decides for itself
		z.paid[c] = m && z.alive[c] && !h.Controlled(c)
		if !z.paid[c] || cost == 0 {
			continue
		}
		acct := h.CoopAccount(c)
		if l.Balance(acct) < cost {
			z.paid[c] = false
			continue
		}
		if err := l.Transfer(acct, h.Foundation(), cost, ledger.TxOther, int64(c)); err != nil {
			return fmt.Errorf("horizon: co-op %d's monitoring cost: %w", c, err)
		}
		z.costPaid += cost // at most the supply: every payment is tokens that exist
	}
	return nil
}

// step is event k's month: its signal reaches the monitoring co-ops from month − lead,
// it hits in its month, and reactions follow.
func (z *Horizon) step(k int, t sim.Tick) error {
	e := &z.ev[k]
	m := t.Month
	seen := e.Month - e.Lead
	if m == seen {
		z.signalled++
	}
	if m == e.Month {
		if err := z.hit(e); err != nil {
			return err
		}
		z.fired++
	}
	if m < seen {
		return nil
	}
	switch e.Kind {
	case DemandShift, InputCost, Legislation:
		z.resize(e, m)
	case Technology:
		if e.hit {
			z.adopt(k, t)
		}
	}
	if e.Kind == Legislation && e.hit {
		z.enforce(e)
	}
	return nil
}

// covers reports whether event e hits co-op c's sector.
func (z *Horizon) covers(e *event, c int) bool {
	return e.sector < 0 || z.h.CoopSectorIndex(c) == e.sector
}

// hit applies event e to the economy, for every co-op.
func (z *Horizon) hit(e *event) error {
	h := z.h
	e.hit = true
	e.coops = h.Coops()
	switch e.Kind {
	case DemandShift:
		for s := range z.shares {
			z.shares[s], _, _, _ = h.SectorTechnique(s)
		}
		z.shares[e.sector] *= 1 + e.Size
		return h.SetSectorShares(z.shares)
	case InputCost:
		for j := range h.SectorInputs(e.sector) {
			_, c := h.SectorInput(e.sector, j)
			if err := h.SetSectorInput(e.sector, j, c*(1+e.Size)); err != nil {
				return err
			}
		}
	case Technology:
		_, _, _, units := h.SectorTechnique(e.sector)
		return h.SetSectorProductivity(e.sector, units*(1+e.Size))
	}
	return nil
}

// resize is a monitoring co-op's reaction to a change in demand or costs: from the
// month it sees the signal it plans the workforce the change calls for and moves
// towards it in even steps, reaching it when the event hits, and holds it for two
// months more (against the economy's own hiring and shedding, which answer only what
// has already happened). A demand shift of size r calls for the workers it has times
// 1 + r; a co-op that is to grow takes them on from the month before the demand
// comes, not earlier (it would pay them for months to make what nobody buys yet: a
// run of the baseline with six months' warning shows monitors that hired from the
// signal selling less afterwards than the others, and more when they wait). A cost shock calls for no more workers than it can pay from what it sells:
// its last month's sales times the value added share after the shock (1 − the
// sector's input coefficients), over a worker's pay after it (its own, or the minimum
// wage); a co-op that can pay them all plans nothing. Each step is at most a quarter
// of its workers and one.
func (z *Horizon) resize(e *event, m int) {
	h := z.h
	if m > e.Month+2 {
		return
	}
	for c, paid := range z.paid {
		if !paid || !z.alive[c] || !z.covers(e, c) {
			continue
		}
		w := h.CoopWorkers(c)
		if e.target[c] == 0 && m <= e.Month {
			want := float64(w)
			switch e.Kind {
			case DemandShift:
				want = float64(w) * (1 + e.Size)
			case InputCost:
				a := z.inputShare(e.sector) * e.ratioA // the coefficients once it hits
				if e.hit {
					a = z.inputShare(e.sector)
				}
				want = min(want, affordable(h.CoopMonthSales(c), a, h.CoopWage(c)))
			case Legislation:
				if h.CoopWage(c) >= e.floor {
					continue // pays the minimum already
				}
				want = min(want, affordable(h.CoopMonthSales(c), z.inputShare(h.CoopSectorIndex(c)), e.floor))
			}
			if int(math.Round(want)) == w {
				e.target[c] = -1 // nothing to change: planned
				continue
			}
			e.target[c] = int32(max(1, min(math.Round(want), 1<<20)))
		}
		goal := int(e.target[c])
		if goal <= 0 || goal == w || goal > w && m < e.Month-1 {
			continue // growing waits for the month before the demand comes
		}
		left := max(e.Month-m, 0) + 1 // steps left until it hits, this one included
		d := goal - w
		n := (abs(d) + left - 1) / left
		n = min(n, w/4+1)
		if d > 0 {
			h.Hire(c, n)
		} else {
			h.Release(c, n)
		}
	}
}

// adopt spreads a technique that has arrived: a monitoring co-op takes it up at once
// (it has been following it since the signal), the others each month with chance
// 1/adopt. Adopting multiplies the co-op's units per worker by 1 + size.
func (z *Horizon) adopt(k int, t sim.Tick) {
	h := z.h
	e := &z.ev[k]
	p := 1 / float64(cmp0(e.Adopt, 12))
	sim.Seed(&z.src, h.Seed(), k, t.N, purpose+streamAdopt)
	for c, done := range e.adopted {
		if done || !z.alive[c] || h.CoopSectorIndex(c) != e.sector || h.Controlled(c) {
			continue
		}
		u := z.rng.Float64() // drawn for every candidate, monitors too
		if z.paid[c] || u < p {
			e.adopted[c] = true
			h.SetCoopProductivity(c, h.CoopProductivity(c)*(1+e.Size))
		}
	}
}

// enforce applies a minimum wage from the month it comes in: every covered co-op
// paying less pays the minimum (each month, as co-ops are founded and pay changes).
func (z *Horizon) enforce(e *event) {
	h := z.h
	for c, a := range z.alive {
		if a && z.covers(e, c) && h.CoopWage(c) < e.floor {
			h.SetCoopWage(c, e.floor)
		}
	}
}

// affordable returns the workers a co-op can pay at pay a month from sales, once
// inputs take share a of them.
func affordable(sales ledger.Amount, a float64, pay ledger.Amount) float64 {
	return math.Floor(float64(sales) * max(0, 1-a) / float64(max(pay, 1)))
}

// inputShare returns sector s's input coefficients together.
func (z *Horizon) inputShare(s int) float64 {
	var a float64
	for j := range z.h.SectorInputs(s) {
		_, x := z.h.SectorInput(s, j)
		a += x
	}
	return a
}

func cmp0(x, d int) int {
	if x == 0 {
		return d
	}
	return x
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

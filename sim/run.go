package sim

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/copex/copex/sim/ledger"
)

// Model is a simulated economy that Run can step. Agents packages implement it.
type Model interface {
	// Ledger returns the model's ledger.
	Ledger() *ledger.Ledger
	// Clock returns the model's clock.
	Clock() Clock
	// Sectors names the categories of goods, for the per-sector metrics.
	Sectors() []string
	// Step runs all phases of one tick (ticks count from 1).
	Step(tick int) error
	// Measure fills m with the state at the end of the tick just stepped.
	Measure(m *Metrics)
}

// Options tune a run. The zero value runs every tick with every check.
type Options struct {
	// Ticks overrides the number of ticks (0: the clock's).
	Ticks int
	// Workers is the number of goroutines a model that runs its phases in parallel
	// may use (0: GOMAXPROCS). Results do not depend on it.
	Workers int
	// Journal, when set, receives every ledger change; Run closes it.
	Journal *ledger.Journal
	// CheckEvery checks conservation every this many ticks (0: every tick; the last tick
	// is always checked).
	CheckEvery int
	// OnTick is called after each tick with its metrics (for progress and streaming).
	OnTick func(m *Metrics) error
}

// Result is what a run produced.
type Result struct {
	Table       *Table
	StepSeconds float64 // the tick loop alone: Step and Measure
	Mallocs     uint64  // heap allocations during the tick loop (checks and callbacks included)
}

// Parallel is implemented by models that run their phases over several goroutines.
type Parallel interface {
	SetWorkers(n int)
}

// Run steps m through its ticks, measuring each and checking the ledger's conservation
// (rule 4). It stops at the first error.
func Run(m Model, opts *Options) (*Result, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	ticks := o.Ticks
	if ticks <= 0 {
		ticks = m.Clock().Ticks
	}
	l := m.Ledger()
	if o.Journal != nil {
		if err := l.SetJournal(o.Journal); err != nil {
			o.Journal.Abort()
			return nil, err
		}
	}
	fail := func(err error) (*Result, error) {
		if o.Journal != nil {
			l.SetJournal(nil)
			o.Journal.Abort()
		}
		return nil, err
	}
	if p, ok := m.(Parallel); ok {
		p.SetWorkers(o.Workers)
	}
	t := NewTable(m.Sectors())
	t.Rows = make([]Metrics, 0, ticks)
	// One backing array for every row's per-sector figures, so that measuring a tick
	// allocates nothing.
	nS := len(t.Sectors)
	perSector := make([]ledger.Amount, ticks*nS)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	var step time.Duration
	clock := m.Clock()
	for tick := 1; tick <= ticks; tick++ {
		start := time.Now()
		l.SetTime(tick, clock.Month(tick))
		if err := m.Step(tick); err != nil {
			return fail(fmt.Errorf("tick %d: %w", tick, err))
		}
		i := len(t.Rows)
		t.Rows = append(t.Rows, Metrics{Tick: tick, Month: clock.Month(tick),
			UnmetBySector: perSector[i*nS : i*nS : (i+1)*nS]})
		row := &t.Rows[i]
		m.Measure(row)
		step += time.Since(start)
		if o.CheckEvery <= 0 || tick%o.CheckEvery == 0 || tick == ticks {
			if err := l.CheckConservation(); err != nil {
				return fail(fmt.Errorf("tick %d: %w", tick, err))
			}
			if row.Supply != row.Issued-row.Expired-row.Burned {
				return fail(fmt.Errorf("tick %d: supply %s != issued - expired - burned", tick, ledger.Format(row.Supply)))
			}
		}
		if o.Journal != nil {
			if err := o.Journal.Err(); err != nil {
				return fail(err)
			}
		}
		if o.OnTick != nil {
			if err := o.OnTick(row); err != nil {
				return fail(err)
			}
		}
	}
	runtime.ReadMemStats(&ms)
	mallocs = ms.Mallocs - mallocs
	if o.Journal != nil {
		err := o.Journal.Close(l)
		l.SetJournal(nil)
		if err != nil {
			return nil, err
		}
	}
	return &Result{Table: t, StepSeconds: step.Seconds(), Mallocs: mallocs}, nil
}

// Clock maps ticks to months. A tick is a month or a week; issuance and budgets run
// monthly, on the first tick of each month.
type Clock struct {
	TicksPerYear int // 12 (monthly) or 52 (weekly)
	Ticks        int // length of the run
}

// NewClock returns the clock for a scenario's "month" or "week" tick.
func NewClock(unit string, ticks int) (Clock, error) {
	switch unit {
	case "", "month":
		return Clock{12, ticks}, nil
	case "week":
		return Clock{52, ticks}, nil
	}
	return Clock{}, errors.New(`clock must be "month" or "week"`)
}

// Month returns the month (from 1) that tick (from 1) falls in.
func (c Clock) Month(tick int) int {
	if c.TicksPerYear <= 12 {
		return tick
	}
	return (tick-1)*12/c.TicksPerYear + 1
}

// MonthStart reports whether tick is the first tick of its month.
func (c Clock) MonthStart(tick int) bool { return tick == 1 || c.Month(tick) != c.Month(tick-1) }

// PerMonth converts a monthly quantity to a per-tick one.
func (c Clock) PerMonth() float64 {
	if c.TicksPerYear <= 12 {
		return 1
	}
	return 12 / float64(c.TicksPerYear)
}

package sim

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/copex/copex/sim/ledger"
)

// Model is a simulated economy a Run can step: a ledger, a clock and what its core
// and subsystems register (phases, metric columns, measurements, mid-run parameters).
// Agents packages implement it.
type Model interface {
	// Ledger returns the model's ledger.
	Ledger() *ledger.Ledger
	// Clock returns the model's clock.
	Clock() Clock
	// Register registers the model's phases, columns, measurements and parameters.
	Register(r *Registry)
}

// Parallel is implemented by models that run their phases over several goroutines.
type Parallel interface {
	SetWorkers(n int)
}

// Options tune a run. The zero value runs every tick with the default checks.
type Options struct {
	// Ticks overrides the number of ticks (0: the clock's).
	Ticks int
	// Workers is the number of goroutines a model that runs its phases in parallel
	// may use (0: GOMAXPROCS). Results do not depend on it.
	Workers int
	// Journal, when set, receives every ledger change; the run closes it.
	Journal *ledger.Journal
	// CheckEvery runs the full conservation scan (every account, ledger.CheckConservation)
	// every this many ticks (0: DefaultCheckEvery); the last tick is always scanned.
	// Every other tick the ledger's running totals are checked against the supply
	// (ledger.CheckTotals, O(1)), so conservation is checked on every tick.
	CheckEvery int
	// OnTick is called after each tick with its metrics (for progress and streaming).
	OnTick func(m *Metrics) error
	// MemoryBudget, when set, is the most memory (bytes) a model that reports its size
	// (Sizer) may grow to: a tick after which it holds more stops the run with a
	// *MemoryError, the rows stepped so far kept.
	MemoryBudget uint64
	// PhaseTimes, when set, times each phase, and the measurements and checks, at
	// every tick (Stepper.PhaseTimes, Result.Phases): where a run's time goes, phase
	// by phase. Off, nothing is timed but the tick loop as a whole.
	PhaseTimes bool
}

// PhaseTime is the time a run spent in one of its phases, or in its measurements
// ("measure") or conservation checks ("check"), over the ticks stepped.
type PhaseTime struct {
	Name    string
	Seconds float64
	Runs    int // ticks the phase ran (a monthly phase: its months)
}

// Sizer is implemented by models that can estimate the memory they hold, as they grow.
type Sizer interface {
	MemoryInUse() uint64
}

// MemoryError stops a run whose model grew past its memory budget.
type MemoryError struct {
	Tick         int
	Need, Budget uint64 // bytes
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("the model grew to about %d MiB by tick %d, more than the %d MiB available when the run started; the run stopped there",
		e.Need>>20, e.Tick, e.Budget>>20)
}

// Result is what a run produced.
type Result struct {
	Table       *Table
	StepSeconds float64     // the tick loop alone: phases and measurements
	Mallocs     uint64      // heap allocations during the tick loop (checks and callbacks included)
	Phases      []PhaseTime // with Options.PhaseTimes: the time of each phase, in tick order
}

// DefaultCheckEvery is the full conservation scan's period when Options.CheckEvery is 0:
// a year of a monthly run.
const DefaultCheckEvery = 12

// ErrDone is returned by Next after the run's last tick.
var ErrDone = errors.New("sim: the run has ended")

// Stepper is a run in progress: a model stepped one tick at a time. Batch runs (Run),
// the game and the live view all step the same way. Between ticks it may be paused for as long as its user
// likes, and a registered parameter changed (Set).
type Stepper struct {
	model    Model
	opts     Options
	ledger   *ledger.Ledger
	clock    Clock
	ticks    int
	tick     int
	phases   []Phase
	measures []func(*Metrics)
	params   []Param
	table    *Table
	step     time.Duration
	times    []time.Duration // with Options.PhaseTimes: by phase, then measure and check
	runs     []int
	err      error
	closed   bool
}

// Start prepares a run of m: it collects what m registers, attaches the journal and
// sets the number of workers. Nothing is stepped until Next.
func Start(m Model, opts *Options) (*Stepper, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	ticks := o.Ticks
	if ticks <= 0 {
		ticks = m.Clock().Ticks
	}
	r := &Stepper{model: m, opts: o, ledger: m.Ledger(), clock: m.Clock(), ticks: ticks}
	if o.Journal != nil {
		if err := r.ledger.SetJournal(o.Journal); err != nil {
			o.Journal.Abort()
			return nil, err
		}
	}
	if p, ok := m.(Parallel); ok {
		p.SetWorkers(o.Workers)
	}
	var reg Registry
	m.Register(&reg)
	r.phases, r.measures, r.params = reg.Phases(), reg.measures, reg.params
	r.table = reg.Table()
	r.table.Reserve(ticks)
	if o.PhaseTimes {
		r.times, r.runs = make([]time.Duration, len(r.phases)+2), make([]int, len(r.phases)+2)
	}
	return r, nil
}

// Table returns the rows stepped so far.
func (r *Stepper) Table() *Table { return r.table }

// Tick returns the last tick stepped (0 before the first).
func (r *Stepper) Tick() int { return r.tick }

// Ticks returns the run's length.
func (r *Stepper) Ticks() int { return r.ticks }

// Done reports whether every tick has been stepped.
func (r *Stepper) Done() bool { return r.tick >= r.ticks }

// Phases returns the tick's phases in the order they run.
func (r *Stepper) Phases() []Phase { return r.phases }

// Params returns the parameters that may change between ticks.
func (r *Stepper) Params() []Param { return r.params }

// Set changes a registered parameter; it applies from the next tick. A name that was
// not registered, or a value outside its bounds, is refused and changes nothing.
func (r *Stepper) Set(name string, v float64) error {
	for _, p := range r.params {
		if p.Name != name {
			continue
		}
		if !(v >= p.Min && v <= p.Max) {
			return fmt.Errorf("%s: %g is out of range [%g, %g]", name, v, p.Min, p.Max)
		}
		return p.Set(v)
	}
	return fmt.Errorf("%s: not a parameter that may change during a run", name)
}

// Next steps one tick: its phases in order, then its measurements, then (at the
// check cadence) the ledger's conservation. It returns the tick's row, or ErrDone
// after the last tick. After an error the run is stopped and its journal discarded.
func (r *Stepper) Next() (*Metrics, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.closed || r.tick >= r.ticks {
		return nil, ErrDone
	}
	start := time.Now()
	tick := r.tick + 1
	month := r.clock.Month(tick)
	t := Tick{N: tick, Month: month, MonthStart: r.clock.MonthStart(tick)}
	r.ledger.SetTime(tick, month)
	for i := range r.phases {
		p := &r.phases[i]
		if p.Cadence == MonthStart && !t.MonthStart {
			continue
		}
		t0 := r.lap()
		if err := p.Run(t); err != nil {
			return nil, r.fail(fmt.Errorf("tick %d: %w", tick, err))
		}
		r.addTime(i, t0)
	}
	t0 := r.lap()
	row := r.table.AddRow(tick, month)
	for _, f := range r.measures {
		f(row)
	}
	r.addTime(len(r.phases), t0)
	r.tick = tick
	r.step += time.Since(start)
	t0 = r.lap()
	o := &r.opts
	every := o.CheckEvery
	if every <= 0 {
		every = DefaultCheckEvery
	}
	var err error
	if tick%every == 0 || tick == r.ticks {
		err = r.ledger.CheckConservation()
	} else {
		err = r.ledger.CheckTotals()
	}
	r.addTime(len(r.phases)+1, t0)
	if err != nil {
		return nil, r.fail(fmt.Errorf("tick %d: %w", tick, err))
	}
	if o.Journal != nil {
		if err := o.Journal.Err(); err != nil {
			return nil, r.fail(err)
		}
	}
	if o.OnTick != nil {
		if err := o.OnTick(row); err != nil {
			return nil, r.fail(err)
		}
	}
	// After the tick's row is out (OnTick), so that a run stopped for memory keeps it.
	if o.MemoryBudget > 0 {
		if sz, ok := r.model.(Sizer); ok {
			if need := sz.MemoryInUse(); need > o.MemoryBudget {
				return row, r.fail(&MemoryError{Tick: tick, Need: need, Budget: o.MemoryBudget})
			}
		}
	}
	return row, nil
}

func (r *Stepper) fail(err error) error {
	r.err = err
	if r.opts.Journal != nil && !r.closed {
		r.ledger.SetJournal(nil)
		r.opts.Journal.Abort()
		r.closed = true
	}
	return err
}

// lap returns the time now if phases are timed (the zero time if not: no clock read).
func (r *Stepper) lap() time.Time {
	if r.times == nil {
		return time.Time{}
	}
	return time.Now()
}

// addTime adds the time since t0 to slot i of the phase times, if they are kept.
func (r *Stepper) addTime(i int, t0 time.Time) {
	if r.times != nil {
		r.times[i] += time.Since(t0)
		r.runs[i]++
	}
}

// PhaseTimes returns the time spent in each phase so far, in the order the phases
// run, then in the measurements ("measure") and the conservation checks ("check");
// nil unless Options.PhaseTimes was set.
func (r *Stepper) PhaseTimes() []PhaseTime {
	if r.times == nil {
		return nil
	}
	out := make([]PhaseTime, 0, len(r.times))
	for i, d := range r.times {
		name := "measure"
		switch {
		case i < len(r.phases):
			name = r.phases[i].Name
		case i > len(r.phases):
			name = "check"
		}
		out = append(out, PhaseTime{Name: name, Seconds: d.Seconds(), Runs: r.runs[i]})
	}
	return out
}

// StepSeconds returns the time spent stepping (phases and measurements).
func (r *Stepper) StepSeconds() float64 { return r.step.Seconds() }

// Close ends the run. With a journal, a run that stopped on an error discards it;
// otherwise the journal's closing record is written for the ticks stepped.
func (r *Stepper) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	if r.opts.Journal == nil {
		return nil
	}
	err := r.opts.Journal.Close(r.ledger)
	r.ledger.SetJournal(nil)
	return err
}

// Run steps m through its ticks, measuring each and checking the ledger's
// conservation (rule 4). It stops at the first error. It is Start, then Steps.
func Run(m Model, opts *Options) (*Result, error) {
	r, err := Start(m, opts)
	if err != nil {
		return nil, err
	}
	return Steps(r)
}

// Steps steps a started run through its remaining ticks with Next, then closes it.
func Steps(r *Stepper) (*Result, error) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	for {
		if _, err := r.Next(); err != nil {
			if errors.Is(err, ErrDone) {
				break
			}
			return nil, err
		}
	}
	runtime.ReadMemStats(&ms)
	mallocs = ms.Mallocs - mallocs
	if err := r.Close(); err != nil {
		return nil, err
	}
	return &Result{Table: r.table, StepSeconds: r.StepSeconds(), Mallocs: mallocs, Phases: r.PhaseTimes()}, nil
}

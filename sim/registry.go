package sim

import (
	"fmt"
	"slices"
)

// Stage is a phase's place in the tick. Phases run stage by stage, in this order;
// within a stage, in the order they were registered.
type Stage uint8

// The stages of a tick.
const (
	// StageOpen opens the tick: on the first tick of a month the month just ended is
	// closed (grant lots expire, co-ops settle the month, hire, shed or fail).
	StageOpen Stage = iota
	// StageProduce sets what is made and put on offer this tick.
	StageProduce
	// StageIssue creates tokens: grants for offers, launches.
	StageIssue
	// StageGovern runs collective decisions and their spending (the Foundation's
	// programmes, votes).
	StageGovern
	// StageTrade pays, orders, rations and settles.
	StageTrade
	// StagePrice moves prices.
	StagePrice
	// StageJoin admits and removes members (newcomers, frauds).
	StageJoin
	numStages
)

var stageNames = [numStages]string{"open", "produce", "issue", "govern", "trade", "price", "join"}

func (s Stage) String() string {
	if s < numStages {
		return stageNames[s]
	}
	return fmt.Sprintf("stage(%d)", uint8(s))
}

// Cadence says on which ticks a phase runs.
type Cadence uint8

// Cadences.
const (
	EveryTick  Cadence = iota
	MonthStart         // the first tick of each month
)

// Tick is what a phase is told of the tick it runs in.
type Tick struct {
	N          int  // tick number, from 1
	Month      int  // month of the tick, from 1
	MonthStart bool // the first tick of its month
}

// Phase is one step of a tick, registered by the code that owns it.
type Phase struct {
	Name    string // owner/what, for errors and the phase listing
	Stage   Stage
	Cadence Cadence
	Run     func(t Tick) error
}

// Param is a setting that may change between ticks of a running model (the live
// view's sliders). Set receives the new value and applies it from the next tick.
type Param struct {
	Name string  // its path in the scenario, e.g. "issuance.foundation_share"
	Doc  string  // what changing it mid-run does
	Min  float64 // bounds of the value
	Max  float64
	Get  func() float64
	Set  func(v float64) error
}

// Registry collects what a model and its subsystems contribute to a run: their
// phases, metric columns, measurements and mid-run parameters. A subsystem that is
// switched off registers nothing.
type Registry struct {
	phases   []Phase
	cols     []Column
	measures []func(m *Metrics)
	params   []Param
	names    map[string]bool
}

// Phase registers a phase.
func (r *Registry) Phase(p Phase) {
	if p.Run == nil || p.Stage >= numStages {
		panic(fmt.Sprintf("sim: phase %q has no function or an unknown stage", p.Name))
	}
	r.phases = append(r.phases, p)
}

func (r *Registry) column(name string, kind ColumnKind, doc string) Col {
	if r.names == nil {
		r.names = map[string]bool{}
		for _, c := range runColumns {
			r.names[c.Name] = true
		}
	}
	if r.names[name] {
		panic(fmt.Sprintf("sim: column %q registered twice", name))
	}
	r.names[name] = true
	r.cols = append(r.cols, Column{Name: name, Kind: kind, Doc: doc})
	return Col(len(r.cols)-1) + numRunColumns
}

// Count registers a whole-number column and returns its handle.
func (r *Registry) Count(name, doc string) Col { return r.column(name, KindCount, doc) }

// Amount registers a token column (exact decimal) and returns its handle.
func (r *Registry) Amount(name, doc string) Col { return r.column(name, KindAmount, doc) }

// Ratio registers a float column and returns its handle.
func (r *Registry) Ratio(name, doc string) Col { return r.column(name, KindRatio, doc) }

// Measure registers a function that fills its columns of a tick's row, at the end of
// the tick. Measurements run in registration order.
func (r *Registry) Measure(f func(m *Metrics)) { r.measures = append(r.measures, f) }

// Param registers a parameter that may change between ticks.
func (r *Registry) Param(p Param) { r.params = append(r.params, p) }

// Columns returns the registered columns, in order (the run's own tick and month
// columns come before them in a table).
func (r *Registry) Columns() []Column { return r.cols }

// Table returns an empty table with the run's and the registered columns.
func (r *Registry) Table() *Table { return NewTable(r.cols) }

// Params returns the registered mid-run parameters.
func (r *Registry) Params() []Param { return r.params }

// Phases returns the registered phases in the order a tick runs them: by stage, then
// by registration.
func (r *Registry) Phases() []Phase {
	out := slices.Clone(r.phases)
	slices.SortStableFunc(out, func(a, b Phase) int { return int(a.Stage) - int(b.Stage) })
	return out
}

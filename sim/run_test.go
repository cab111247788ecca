package sim

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/sim/ledger"
)

// toy is a model with one member account that registers phases in several stages and
// cadences, logging which ran, and a column counting its ticks.
type toy struct {
	l      *ledger.Ledger
	clock  Clock
	log    []string
	failAt int
	rate   float64
	member ledger.AccountID
}

func newToy(clock Clock) *toy {
	t := &toy{l: ledger.New(ledger.Options{}), clock: clock, rate: 1}
	t.member = t.l.Open(ledger.KindMember)
	return t
}

func (t *toy) Ledger() *ledger.Ledger { return t.l }
func (t *toy) Clock() Clock           { return t.clock }

func (t *toy) Register(r *Registry) {
	phase := func(name string, s Stage, c Cadence) {
		r.Phase(Phase{Name: name, Stage: s, Cadence: c, Run: func(tk Tick) error {
			if tk.N == t.failAt {
				return errors.New("boom")
			}
			t.log = append(t.log, name)
			return nil
		}})
	}
	// Registered out of order: the run orders them by stage.
	phase("trade", StageTrade, EveryTick)
	phase("issue", StageIssue, MonthStart)
	phase("open", StageOpen, EveryTick)
	phase("trade2", StageTrade, EveryTick)
	r.Phase(Phase{Name: "mint", Stage: StageIssue, Cadence: EveryTick, Run: func(Tick) error {
		return t.l.Issue(t.member, ledger.Amount(t.rate*float64(ledger.Unit)), 0, ledger.TxGift, 0)
	}})
	ticks := r.Count("ticks_seen", "ticks stepped")
	rate := r.Ratio("rate", "the mid-run parameter")
	n := int64(0)
	r.Measure(func(m *Metrics) { n++; m.Set(ticks, n); m.SetFloat(rate, t.rate) })
	RegisterSupply(r, t.l)
	r.Param(Param{Name: "rate", Min: 0, Max: 10, Get: func() float64 { return t.rate },
		Set: func(v float64) error { t.rate = v; return nil }})
}

func TestPhasesRunByStageAndCadence(t *testing.T) {
	m := newToy(Clock{52, 6}) // weekly: ticks 1 and 6 start a month
	res, err := Run(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for tick := 1; tick <= 6; tick++ {
		want = append(want, "open")
		if tick == 1 || tick == 6 {
			want = append(want, "issue")
		}
		want = append(want, "trade", "trade2")
	}
	if !reflect.DeepEqual(m.log, want) {
		t.Errorf("phases ran %v, want %v", m.log, want)
	}
	var names []string
	for _, c := range res.Table.Columns() {
		names = append(names, c.Name)
	}
	wantCols := []string{"tick", "month", "ticks_seen", "rate", "issued", "expired", "burned", "supply", "circulating", "savings", "grant_tokens"}
	if !reflect.DeepEqual(names, wantCols) {
		t.Errorf("columns %v, want the registration order %v", names, wantCols)
	}
	if got := res.Table.Int(res.Table.Last(), "supply"); got != 6*ledger.Unit {
		t.Errorf("supply %d, want 6 tokens", got)
	}
}

func TestStepperPauseSetAndEnd(t *testing.T) {
	m := newToy(Clock{12, 4})
	run, err := Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run.Next(); err != nil {
		t.Fatal(err)
	}
	if err := run.Set("rate", 11); err == nil {
		t.Error("Set(rate, 11) beyond the bound of 10 succeeded")
	}
	if err := run.Set("seed", 1); err == nil || !strings.Contains(err.Error(), "not a parameter") {
		t.Errorf("Set(seed) = %v, want a refusal: it was not registered", err)
	}
	if err := run.Set("rate", 3); err != nil {
		t.Fatal(err)
	}
	for !run.Done() {
		if _, err := run.Next(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := run.Next(); !errors.Is(err, ErrDone) {
		t.Errorf("Next after the last tick = %v, want ErrDone", err)
	}
	tab := run.Table()
	if got := tab.Int(tab.Last(), "supply"); got != (1+3+3+3)*ledger.Unit {
		t.Errorf("supply %s, want 10 tokens: the new rate applies from the tick after Set", ledger.Format(got))
	}
	if got := tab.Float(&tab.Rows[0], "rate"); got != 1 {
		t.Errorf("rate at tick 1 = %g, want 1", got)
	}
}

func TestRunStopsAtAPhaseError(t *testing.T) {
	m := newToy(Clock{12, 5})
	m.failAt = 2
	_, err := Run(m, nil)
	if err == nil || !strings.Contains(err.Error(), "tick 2: boom") {
		t.Errorf("Run = %v, want the error of tick 2", err)
	}
}

func TestRegistryRefusesADuplicateColumn(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("registering the column tick again did not panic")
		}
	}()
	var r Registry
	r.Count("tick", "again")
}

func TestSteppingAllocatesNothing(t *testing.T) {
	m := newToy(Clock{12, 1000})
	run, err := Start(m, &Options{CheckEvery: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// The toy's log grows; switch it off by failing never and logging into a fixed slice.
	m.log = make([]string, 0, 5000)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := run.Next(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a tick allocates %v times, want 0", allocs)
	}
}

// sized is a toy that reports a size growing by 1 MiB a tick.
type sized struct{ *toy }

func (s sized) MemoryInUse() uint64 { return uint64(len(s.log)) << 20 }

func TestRunStopsPastItsMemoryBudget(t *testing.T) {
	m := sized{newToy(Clock{12, 20})}
	var rows int
	_, err := Run(m, &Options{MemoryBudget: 9 << 20, OnTick: func(*Metrics) error { rows++; return nil }})
	var me *MemoryError
	if !errors.As(err, &me) {
		t.Fatalf("Run = %v, want a *MemoryError", err)
	}
	// The toy logs three phases a tick (and a fourth on month starts): 9 MiB is passed
	// at tick 3, whose row is out before the run stops.
	if me.Tick != 3 || rows != 3 {
		t.Errorf("stopped at tick %d with %d rows out, want tick 3 and its row", me.Tick, rows)
	}
}

// TestPhaseTimes checks Options.PhaseTimes: one entry per phase in the order they
// run, then the measurements and checks, each counting the ticks it ran on (a
// monthly phase its months); a phase made to wait gets at least its wait, and the
// times add up to no more than the tick loop. Without the option nothing is timed.
func TestPhaseTimes(t *testing.T) {
	m := newToy(Clock{52, 6}) // weekly: ticks 1 and 6 start a month
	slow := func(r *Registry) {
		m.Register(r)
		r.Phase(Phase{Name: "slow", Stage: StageJoin, Cadence: EveryTick, Run: func(Tick) error {
			time.Sleep(2 * time.Millisecond)
			return nil
		}})
	}
	res, err := Run(registerFunc{m, slow}, &Options{PhaseTimes: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	runs := map[string]int{}
	var total float64
	for _, p := range res.Phases {
		names = append(names, p.Name)
		runs[p.Name] = p.Runs
		total += p.Seconds
		if p.Name == "slow" && p.Seconds < 6*0.002 {
			t.Errorf("slow phase timed %gs, less than its six waits of 2 ms", p.Seconds)
		}
	}
	want := []string{"open", "issue", "mint", "trade", "trade2", "slow", "measure", "check"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("phase times for %v, want %v", names, want)
	}
	if runs["issue"] != 2 || runs["trade"] != 6 || runs["measure"] != 6 || runs["check"] != 6 {
		t.Errorf("runs %v: want issue on its 2 months, the rest on all 6 ticks", runs)
	}
	if total > res.StepSeconds+1e-3 {
		t.Errorf("phase times add to %gs, more than the tick loop's %gs", total, res.StepSeconds)
	}
	res, err = Run(newToy(Clock{52, 6}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Phases != nil {
		t.Errorf("phases timed without Options.PhaseTimes: %v", res.Phases)
	}
}

// registerFunc is a model whose Register is replaced.
type registerFunc struct {
	*toy
	register func(*Registry)
}

func (r registerFunc) Register(reg *Registry) { r.register(reg) }

package agentstest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Contract describes a model to check.
type Contract struct {
	// New builds the model with a seed. Each call must return a fresh model.
	New func(seed uint64) (sim.Model, error)
	// Ticks is the run's length for the checks (0: 12).
	Ticks int
	// Steady builds a variant held in a steady state (no growth: no newcomers, no
	// start-ups, no failures), whose ticks after warm-up must allocate nothing; nil
	// uses New.
	Steady func(seed uint64) (sim.Model, error)
	// Warm is the number of ticks stepped before the allocation check (0: 12).
	Warm int
	// Seedless says the model draws no random numbers (a worked example), so every
	// seed gives the same run.
	Seedless bool
	// NoJournal skips the journal check (for models whose ledger changes are not all
	// journalled; none today).
	NoJournal bool
}

func (c Contract) ticks() int {
	if c.Ticks > 0 {
		return c.Ticks
	}
	return 12
}

// Run runs every check of the contract as a subtest.
func Run(t *testing.T, c Contract) {
	t.Run("Conservation", func(t *testing.T) { Conservation(t, c) })
	t.Run("Workers", func(t *testing.T) { Workers(t, c) })
	t.Run("Determinism", func(t *testing.T) { Determinism(t, c) })
	if !c.NoJournal {
		t.Run("Journal", func(t *testing.T) { Journal(t, c) })
	}
	t.Run("SteadyAllocs", func(t *testing.T) { SteadyAllocs(t, c) })
}

// output is what a run leaves: its metrics as CSV and every account's holdings.
type output struct {
	metrics  []byte
	holdings []ledger.Amount
}

func run(t *testing.T, c Contract, seed uint64, opts sim.Options) (output, sim.Model) {
	t.Helper()
	m, err := c.New(seed)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Ticks == 0 {
		opts.Ticks = c.ticks()
	}
	res, err := sim.Run(m, &opts)
	if err != nil {
		t.Fatal(err)
	}
	var out output
	tab := res.Table
	out.metrics = tab.AppendHeader(nil)
	for i := range tab.Rows {
		out.metrics = tab.AppendRow(out.metrics, &tab.Rows[i])
	}
	l := m.Ledger()
	for a := range l.Len() {
		out.holdings = append(out.holdings, l.Holdings(ledger.AccountID(a)))
	}
	return out, m
}

// Conservation steps the model with the full conservation scan after every tick
// (sim.Run's CheckEvery 1): the sum of all balances equals issued minus expired minus
// burned, to the unit, and no balance is negative.
func Conservation(t *testing.T, c Contract) {
	m, err := c.New(1)
	if err != nil {
		t.Fatal(err)
	}
	l := m.Ledger()
	_, err = sim.Run(m, &sim.Options{Ticks: c.ticks(), CheckEvery: 1, OnTick: func(row *sim.Metrics) error {
		if s := l.Supply(); s != l.Issued()-l.Expired()-l.Burned() {
			return fmt.Errorf("tick %d: supply %s != issued - expired - burned", row.Tick, ledger.Format(s))
		}
		return l.CheckConservation()
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// Workers checks that 1, 2 and 8 workers give byte-identical metrics and balances.
func Workers(t *testing.T, c Contract) {
	one, _ := run(t, c, 1, sim.Options{Workers: 1})
	for _, w := range []int{2, 8} {
		got, _ := run(t, c, 1, sim.Options{Workers: w})
		if !bytes.Equal(got.metrics, one.metrics) {
			t.Errorf("%d workers: metrics differ from 1 worker's", w)
		}
		if !slices.Equal(got.holdings, one.holdings) {
			t.Errorf("%d workers: final balances differ from 1 worker's", w)
		}
	}
}

// Determinism checks that a seed gives the same run twice, and another seed another.
func Determinism(t *testing.T, c Contract) {
	a, _ := run(t, c, 7, sim.Options{})
	b, _ := run(t, c, 7, sim.Options{})
	if !bytes.Equal(a.metrics, b.metrics) || !slices.Equal(a.holdings, b.holdings) {
		t.Error("the same seed gave two different runs")
	}
	if c.Seedless {
		return
	}
	other, _ := run(t, c, 8, sim.Options{})
	if bytes.Equal(a.metrics, other.metrics) && slices.Equal(a.holdings, other.holdings) {
		t.Error("seeds 7 and 8 gave identical runs: the seed is not used")
	}
}

// Journal writes the run's hash-chained journal, audits it, and checks that the
// balances rebuilt from the journal alone equal the model's final balances.
func Journal(t *testing.T, c Contract) {
	var buf bytes.Buffer
	j := ledger.NewJournal(&buf)
	out, _ := run(t, c, 1, sim.Options{Journal: j})
	rep, err := ledger.Audit(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rebuilt := make([]ledger.Amount, rep.Ledger.Len())
	for a := range rebuilt {
		rebuilt[a] = rep.Ledger.Holdings(ledger.AccountID(a))
	}
	if !slices.Equal(rebuilt, out.holdings) {
		t.Errorf("balances rebuilt from the journal (%d accounts) differ from the run's (%d)", len(rebuilt), len(out.holdings))
	}
}

// SteadyAllocs checks that a tick of the steady variant, after warm-up, allocates
// nothing: stepping through sim.Start's run with the conservation scan at the end.
func SteadyAllocs(t *testing.T, c Contract) {
	if testing.Short() {
		t.Skip("allocation check skipped in -short mode")
	}
	build := c.Steady
	if build == nil {
		build = c.New
	}
	m, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	warm := c.Warm
	if warm <= 0 {
		warm = 12
	}
	const measured = 20
	run, err := sim.Start(m, &sim.Options{Ticks: warm + measured + 1, CheckEvery: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	for range warm {
		if _, err := run.Next(); err != nil {
			t.Fatal(err)
		}
	}
	var stepErr error
	allocs := testing.AllocsPerRun(measured, func() {
		if _, err := run.Next(); err != nil && !errors.Is(err, sim.ErrDone) {
			stepErr = err
		}
	})
	if stepErr != nil {
		t.Fatal(stepErr)
	}
	if allocs != 0 {
		t.Errorf("a steady-state tick allocates %v times, want 0", allocs)
	}
}

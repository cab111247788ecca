package sim_test

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// mint is a tiny model: one member, a phase that issues it rate tokens every tick, a
// column of the tokens issued that tick, and rate as a parameter that may change
// between ticks.
type mint struct {
	l      *ledger.Ledger
	member ledger.AccountID
	rate   float64
	last   ledger.Amount
}

func (m *mint) Ledger() *ledger.Ledger { return m.l }
func (m *mint) Clock() sim.Clock       { return sim.Clock{TicksPerYear: 12, Ticks: 4} }

func (m *mint) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "mint", Stage: sim.StageIssue, Cadence: sim.EveryTick, Run: func(sim.Tick) error {
		m.last = ledger.Tokens(m.rate)
		return m.l.Issue(m.member, m.last, 0, ledger.TxGift, 0)
	}})
	minted := r.Amount("minted", "tokens issued this tick")
	r.Measure(func(row *sim.Metrics) { row.Set(minted, m.last) })
	sim.RegisterSupply(r, m.l)
	r.Param(sim.Param{Name: "rate", Doc: "tokens issued a tick", Min: 0, Max: 100,
		Get: func() float64 { return m.rate }, Set: func(v float64) error { m.rate = v; return nil }})
}

// Step a run tick by tick, changing a parameter between two ticks.
func ExampleStart() {
	m := &mint{l: ledger.New(ledger.Options{}), rate: 10}
	m.member = m.l.Open(ledger.KindMember)
	run, err := sim.Start(m, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer run.Close()
	tab := run.Table()
	for !run.Done() {
		if run.Tick() == 2 {
			if err := run.Set("rate", 25); err != nil {
				fmt.Println(err)
				return
			}
		}
		row, err := run.Next()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("tick %d: minted %s, supply %s\n", row.Tick,
			ledger.Format(tab.Int(row, "minted")), ledger.Format(tab.Int(row, "supply")))
	}
	// Output:
	// tick 1: minted 10, supply 10
	// tick 2: minted 10, supply 20
	// tick 3: minted 25, supply 45
	// tick 4: minted 25, supply 70
}

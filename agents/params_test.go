package agents_test

import (
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestParamsTakeEffectNextTick changes each mid-run parameter at the start of month 7
// of a small baseline and checks that the figure it governs moves as it should from
// that month on, against the same run left alone.
func TestParamsTakeEffectNextTick(t *testing.T) {
	sc, err := scenarios.Load("baseline", small)
	if err != nil {
		t.Fatal(err)
	}
	// run steps 12 months, setting name to v before month 7, and returns the table.
	run := func(name string, v float64, more ...string) *sim.Table {
		cfg := sc.Config
		if len(more) > 0 {
			s2, err := scenarios.Load("baseline", append(append([]string{}, small...), more...))
			if err != nil {
				t.Fatal(err)
			}
			cfg = s2.Config
		}
		m, err := agents.Build(cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Start(m, &sim.Options{Ticks: 12})
		if err != nil {
			t.Fatal(err)
		}
		for r.Tick() < 12 {
			if r.Tick() == 6 && name != "" {
				for _, n := range strings.Split(name, "+") {
					if err := r.Set(n, v); err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, err := r.Next(); err != nil {
				t.Fatal(err)
			}
		}
		return r.Table()
	}
	base := run("", 0)
	// at returns column col of month (a monthly clock: one row a month).
	at := func(tab *sim.Table, col string, month int) float64 {
		v, _ := tab.Value(&tab.Rows[month-1], col)
		return v
	}
	noGrants := func(t *testing.T, got *sim.Table) {
		// Grants are what is issued beyond the Foundation's investment issuance.
		grants := func(tab *sim.Table, m int) float64 { return at(tab, "issued", m) - at(tab, "investment_issued", m) }
		if d := grants(got, 12) - grants(got, 6); d != 0 {
			t.Errorf("%g grant tokens issued in months 7-12 with a release factor of 0", d)
		}
		if grants(base, 12) == grants(base, 6) {
			t.Error("the baseline issues nothing in months 7-12: the check cannot tell")
		}
	}
	for _, c := range []struct {
		param string
		v     float64
		sets  []string
		check func(t *testing.T, got *sim.Table)
	}{
		{"exchange.levy_rate", 0, nil, func(t *testing.T, got *sim.Table) {
			for m := 7; m <= 12; m++ {
				if l := at(got, "levy", m); l != 0 {
					t.Errorf("month %d: levy %g after the rate was set to 0", m, l)
				}
			}
			if at(base, "levy", 8) == 0 {
				t.Error("the baseline pays no levy: the check cannot tell")
			}
		}},
		{"foundation.spend_rate", 0, nil, func(t *testing.T, got *sim.Table) {
			for m := 7; m <= 12; m++ {
				if s := at(got, "foundation_spend", m); s != 0 {
					t.Errorf("month %d: the Foundation spent %g at a spending rate of 0", m, s)
				}
			}
		}},
		// The baseline's k is savings-adjusted: its bounds are the parameters.
		{"issuance.release_factor.min+issuance.release_factor.max", 0, nil, noGrants},
		{"issuance.release_factor.value", 0, []string{"issuance.release_factor.mode=fixed"}, noGrants},
		{"issuance.foundation_share", 1, nil, func(t *testing.T, got *sim.Table) {
			if g, b := at(got, "foundation_income", 8), at(base, "foundation_income", 8); g <= b {
				t.Errorf("month 8: the Foundation received %g with all new tokens, not more than %g with its share", g, b)
			}
		}},
		{"member.spend", 0, nil, func(t *testing.T, got *sim.Table) {
			if s := at(got, "sales_value", 8); s >= 0.5*at(base, "sales_value", 8) {
				t.Errorf("month 8: sales %g with members spending nothing, against %g", s, at(base, "sales_value", 8))
			}
		}},
		{"member.save", 0.5, nil, func(t *testing.T, got *sim.Table) {
			if g, b := at(got, "savings", 12), at(base, "savings", 12); g <= b {
				t.Errorf("month 12: savings %g with members saving half their income, not more than %g", g, b)
			}
		}},
	} {
		t.Run(c.param, func(t *testing.T) {
			got := run(c.param, c.v, c.sets...)
			ref := base
			if c.sets != nil {
				ref = run("", 0, c.sets...)
			}
			for m := 1; m <= 6; m++ {
				for _, col := range []string{"supply", "sales_value", "levy"} {
					if at(got, col, m) != at(ref, col, m) {
						t.Fatalf("month %d: %s differs before the change", m, col)
					}
				}
			}
			c.check(t, got)
		})
	}
}

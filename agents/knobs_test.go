package agents_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// Knob tests: each tunable mechanism changes the outcome it should, in the direction
// an economist predicts, over replicates. A knob is run at a low and a high setting on
// the small baseline for seeds 1..knobSeeds; the test asks that the mean outcomes
// differ in the predicted direction by more than knobZ standard errors of the
// difference (Welch). With 5 replicates a side, a difference of 2.5 standard errors is
// beyond what seed noise gives by chance in about 1 run in 30 for a knob that does
// nothing (t with about 8 degrees of freedom), so a knob that becomes inert fails.

const (
	knobSeeds = 5
	knobZ     = 2.5
)

type knob struct {
	name      string
	low, high []string            // overrides on top of the small baseline
	outcome   string              // what is measured
	measure   func(*figs) float64 // the outcome of a run
	rises     bool                // the outcome is higher at the high setting
}

// column returns a function summing a metric column over the run's months (the last
// tick of each), or, with last, its value at the end.
func column(name string, last bool) func(*figs) float64 {
	return func(f *figs) float64 {
		series := f.T.Series(name)
		if series == nil {
			panic("no column " + name)
		}
		if last {
			return series[len(series)-1]
		}
		var s float64
		for i, v := range series {
			if i+1 < len(f.T.Rows) && f.T.Rows[i+1].Month == f.T.Rows[i].Month {
				continue // not the month's last tick
			}
			s += v
		}
		return s
	}
}

// meanOf returns a function averaging a column over a run's ticks.
func meanOf(name string) func(*figs) float64 {
	return func(f *figs) float64 { return mean(f.T.Series(name)) }
}

// priceVolatility is the mean absolute monthly change of ln price index after the
// first year.
func priceVolatility(f *figs) float64 {
	var s float64
	var n int
	for i := 12; i < len(f.Rows); i++ {
		s += math.Abs(math.Log(f.Rows[i].PriceIndex / f.Rows[i-1].PriceIndex))
		n++
	}
	return s / float64(n)
}

func TestKnobsMatter(t *testing.T) {
	if testing.Short() {
		t.Skip("replicated runs")
	}
	knobs := []knob{
		{name: "price speed", low: []string{"exchange.prices.speed=0.05"}, high: []string{"exchange.prices.speed=0.8"},
			outcome: "mean |monthly change of ln price index|", measure: priceVolatility, rises: true},
		{name: "pay within means", low: []string{"coops.pay=fixed"}, high: []string{"coops.pay=within_means"},
			outcome: "co-ops failed (a co-op cuts pay before it cannot pay: Ward's labour-managed firm)", measure: column("coops_failed", true), rises: false},
		{name: "pay floor", low: []string{"coops.pay=within_means", "coops.pay_floor=0.2"}, high: []string{"coops.pay=within_means", "coops.pay_floor=1"},
			outcome: "co-ops failed (a floor at the sector's wage is fixed pay for the co-ops that cannot pay more)", measure: column("coops_failed", true), rises: true},
		{name: "grants spent last", low: []string{"issuance.spend_grants=first"}, high: []string{"issuance.spend_grants=last"},
			outcome: "grant tokens expired (treasuries hold their grants, which expire unneeded)", measure: column("expired", true), rises: true},
		{name: "grant expiry, grants spent last", low: []string{"issuance.spend_grants=last", "issuance.grant_expiry_months=24"},
			high:    []string{"issuance.spend_grants=last", "issuance.grant_expiry_months=3"},
			outcome: "grant tokens expired", measure: column("expired", true), rises: true},
		{name: "grant taint", low: []string{"issuance.grant_taint=first_spend"}, high: []string{"issuance.grant_taint=survives"},
			outcome: "members' savings at the end (grant tokens passed on stay grant tokens, which cannot be saved)", measure: column("member_savings", true), rises: false},
		{name: "re-routing", low: []string{"exchange.matching.reroute=false"}, high: []string{"exchange.matching.reroute=true"},
			outcome: "unmet wants, total", measure: column("unmet_wants_value", false), rises: false},
		{name: "re-routing markup", low: []string{"exchange.matching.reroute_markup=0"}, high: []string{"exchange.matching.reroute_markup=2"},
			outcome: "unmet wants, total", measure: column("unmet_wants_value", false), rises: false},
		{name: "release factor", low: []string{"issuance.release_factor.mode=fixed", "issuance.release_factor.value=0.5"},
			high:    []string{"issuance.release_factor.mode=fixed", "issuance.release_factor.value=2"},
			outcome: "tokens issued", measure: column("issued", true), rises: true},
		{name: "Foundation share", low: []string{"issuance.foundation_share=0.05"}, high: []string{"issuance.foundation_share=0.5"},
			outcome: "Foundation income, total", measure: column("foundation_income", false), rises: true},
		{name: "netting", low: []string{"issuance.netting=decreases"}, high: []string{"issuance.netting=none"},
			outcome: "tokens issued", measure: column("issued", true), rises: true},
		{name: "members' saving", low: []string{"member.save=0.3"}, high: []string{"member.save=0"},
			outcome: "balance ratio at purchase, mean", measure: meanOf("balance_ratio_purchase"), rises: true},
		{name: "commons", low: []string{"foundation.commons_gain=0", "foundation.programmes.commons=0.8", "foundation.vote_every_months=0"},
			high:    []string{"foundation.commons_gain=1", "foundation.programmes.commons=0.8", "foundation.vote_every_months=0"},
			outcome: "price index at the end (more goods for the same money)", measure: column("price_index", true), rises: false},
		{name: "awareness's potential population", low: []string{"foundation.population=1500", "foundation.awareness_cost=100"}, high: []string{"foundation.population=0", "foundation.awareness_cost=100"},
			outcome: "members who joined", measure: column("members_joined", true), rises: true},
		{name: "grants spent on capacity", low: []string{"coops.grant_use.capacity=0", "coops.grant_use.bonus=0.7", "coops.capacity_gain=1"},
			high:    []string{"coops.grant_use.capacity=0.7", "coops.grant_use.bonus=0", "coops.capacity_gain=1"},
			outcome: "price index at the end (more capacity for the same money)", measure: column("price_index", true), rises: false},
		{name: "depreciation", low: []string{"coops.depreciation=0", "coops.grant_use.capacity=0.7", "coops.grant_use.bonus=0", "coops.capacity_gain=1"},
			high:    []string{"coops.depreciation=0.2", "coops.grant_use.capacity=0.7", "coops.grant_use.bonus=0", "coops.capacity_gain=1"},
			outcome: "price index at the end (capacity wears out)", measure: column("price_index", true), rises: true},
		{name: "input substitution", low: []string{"coops.input_substitution=0"}, high: []string{"coops.input_substitution=1"},
			outcome: "price index at the end (inputs bind less)", measure: column("price_index", true), rises: false},
		{name: "quitting", low: []string{"member.quit=0"}, high: []string{"member.quit=0.2"},
			outcome: "members employed at the end (frictional unemployment)", measure: column("employed", true), rises: false},
		{name: "leaving", low: []string{"member.leave=0"}, high: []string{"member.leave=0.5", "member.leave_after=1"},
			outcome: "members at the end", measure: column("members", true), rises: false},
		{name: "apprentices' training", low: []string{"foundation.training_gain=0", "foundation.programmes.apprenticeships=0.8", "foundation.vote_every_months=0", "coops.depreciation=0"},
			high:    []string{"foundation.training_gain=10", "foundation.programmes.apprenticeships=0.8", "foundation.vote_every_months=0", "coops.depreciation=0"},
			outcome: "price index at the end (more productive co-ops)", measure: column("price_index", true), rises: false},
		{name: "cost indexing (with inflation: k = 2)", low: []string{"coops.index_costs=false", "issuance.release_factor.mode=fixed", "issuance.release_factor.value=2"},
			high:    []string{"coops.index_costs=true", "issuance.release_factor.mode=fixed", "issuance.release_factor.value=2"},
			outcome: "wages paid, total (nominal costs follow prices)", measure: column("wages", false), rises: true},
		{name: "monthly issuance cap", low: []string{"issuance.growth_cap.monthly_issuance=20000"}, high: []string{"issuance.growth_cap.monthly_issuance=0"},
			outcome: "tokens issued", measure: column("issued", true), rises: true},
	}
	for _, k := range knobs {
		t.Run(strings.ReplaceAll(k.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			lo, hi := replicate(t, k, k.low), replicate(t, k, k.high)
			d, se := meanDiff(hi, lo)
			z := d / se
			if !k.rises {
				z = -z
			}
			msg := fmt.Sprintf("%s: %s low %.4g, high %.4g (difference %.3g standard errors)", k.name, k.outcome, mean(lo), mean(hi), z)
			if !(z > knobZ) {
				t.Errorf("%s; want the outcome to %s by more than %g", msg, map[bool]string{true: "rise", false: "fall"}[k.rises], knobZ)
			}
			t.Log(msg)
		})
	}
}

func replicate(t *testing.T, k knob, sets []string) []float64 {
	var out []float64
	for seed := uint64(1); seed <= knobSeeds; seed++ {
		_, f, _ := runScenario(t, "baseline", seed, append(append([]string{}, small...), sets...)...)
		out = append(out, k.measure(f))
	}
	return out
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// meanDiff returns mean(a) − mean(b) and its standard error (Welch); a zero spread
// counts as a tiny one, so that identical constant outcomes give no difference.
func meanDiff(a, b []float64) (d, se float64) {
	v := func(x []float64) float64 {
		m := mean(x)
		var s float64
		for _, y := range x {
			s += (y - m) * (y - m)
		}
		return s / float64(len(x)-1)
	}
	se = math.Sqrt(v(a)/float64(len(a)) + v(b)/float64(len(b)))
	d = mean(a) - mean(b)
	if se == 0 {
		se = 1e-12 * (math.Abs(d) + 1)
	}
	return d, se
}

package planning_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// planTwoYears plans an economy of more councils than one shard holds, cold and then
// warm after a year's change, over run, and returns plan.csv's bytes.
func planTwoYears(t *testing.T, run planning.Runner) []byte {
	e := pequodEconomy(5, 5000, 4500, 30)
	p, err := planning.NewPlanner(e, planning.DefaultConfig(), run)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := planning.NewPlanCSV(&buf, nil)
	for year := 1; year <= 2; year++ {
		if _, err := p.Plan(func(r int) error { return enc.WriteRound(year, r, p) }); err != nil {
			t.Fatal(err)
		}
		nextYear(e, 5)
	}
	return buf.Bytes()
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	want := planTwoYears(t, nil)
	for _, n := range []int{1, 2, 8} {
		if got := planTwoYears(t, sim.NewPool(n)); !bytes.Equal(got, want) {
			t.Errorf("plan.csv with %d workers differs from one goroutine's (%d vs %d bytes)", n, len(got), len(want))
		}
	}
}

func TestNoAllocationPerRound(t *testing.T) {
	for _, run := range []planning.Runner{nil, sim.NewPool(2)} {
		e := pequodEconomy(2, 3000, 3000, 50)
		p, err := planning.NewPlanner(e, planning.DefaultConfig(), run)
		if err != nil {
			t.Fatal(err)
		}
		p.Step() // warm-up
		if a := testing.AllocsPerRun(20, func() { p.Step() }); a != 0 {
			t.Errorf("Step allocates %v times per round (runner %T)", a, run)
		}
	}
}

// TestNestedAggregation checks the aggregates of nested councils against a plain
// recursive aggregation written here: a federation's proposal is its Scale times its
// own proposal plus its members' proposals, and a side's total is the sum over its
// top-level federations.
func TestNestedAggregation(t *testing.T) {
	a, err := planning.IOFromDense([][]float64{{0, 0.2, 0}, {0.1, 0, 0.3}, {0, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	e := &planning.Economy{Goods: 3, IO: a}
	c := &e.Consumers
	c.Budget = []ledger.Amount{100 * ledger.Unit, 50 * ledger.Unit, 80 * ledger.Unit, 20 * ledger.Unit, 60 * ledger.Unit}
	c.Weights = []float64{1, 2, 3, 1, 1, 1, 0, 1, 4, 2, 2, 1, 5, 1, 1}
	c.Hours = []float64{10, 20, 30, 5, 15}
	c.Parent = []int32{-1, 0, 0, 1, -1} // 3 in 1 in 0; 2 in 0; 4 alone
	c.Scale = []float64{0.9, 1.1, 1, 0.5, 1}
	w := &e.Workers
	w.Good = []int32{0, 1, 2, 0, 2}
	w.Capacity = []float64{1000, 1000, 1000, 3, 1000}
	w.Labour = []float64{1, 2, 0.5, 1.5, 1}
	w.Base = []float64{10, 20, 30, 5, 15}
	w.Returns = []float64{1.5, 2, 1.25, 1.6, 1}
	w.Parent = []int32{-1, -1, 4, 0, -1}
	w.Scale = []float64{0.8, 1, 1, 1, 1.2}
	prices, wage := []float64{1.5, 2, 0.7}, 1.3
	p, err := planning.NewPlanner(e, planning.Config{MaxRounds: 1, Tolerance: 1e-9}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Reset(prices, wage); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Plan(nil); err != nil {
		t.Fatal(err)
	}

	// Own proposals, from the rules as documented.
	type prop struct {
		goods  [3]float64
		hours  float64
		supply [3]float64
		bundle [3]float64
	}
	ownC := func(i int) (q prop) {
		sum := 0.0
		for g := range 3 {
			sum += c.Weights[3*i+g]
		}
		for g := range 3 {
			q.goods[g] = c.Weights[3*i+g] / sum * float64(c.Budget[i]) / 1e6 / prices[g]
		}
		q.hours = c.Hours[i]
		return q
	}
	ownW := func(j int) (q prop) {
		g := w.Good[j]
		cost := wage * w.Labour[j]
		for i := range 3 {
			cost += prices[i] * a.At(i, int(g))
		}
		var out float64
		if w.Returns[j] == 1 {
			out = math.Min(w.Capacity[j], math.Min(w.Capacity[j], w.Base[j])*math.Pow(prices[g]/cost, 0.15))
		} else {
			out = math.Min(w.Capacity[j], w.Base[j]*math.Pow(prices[g]/(w.Returns[j]*cost), 1/(w.Returns[j]-1)))
		}
		z := w.Base[j] * math.Pow(out/w.Base[j], w.Returns[j])
		q.supply[g], q.bundle[g], q.hours = out, z, w.Labour[j]*z
		return q
	}
	var agg func(i int, parent []int32, scale []float64, own func(int) prop) prop
	agg = func(i int, parent []int32, scale []float64, own func(int) prop) prop {
		q := own(i)
		for k := range parent {
			if int(parent[k]) == i {
				m := agg(k, parent, scale, own)
				for g := range 3 {
					q.goods[g] += m.goods[g]
					q.supply[g] += m.supply[g]
					q.bundle[g] += m.bundle[g]
				}
				q.hours += m.hours
			}
		}
		for g := range 3 {
			q.goods[g] *= scale[i]
			q.supply[g] *= scale[i]
			q.bundle[g] *= scale[i]
		}
		q.hours *= scale[i]
		return q
	}
	var cons, work prop
	for i, par := range c.Parent {
		if par < 0 {
			q := agg(i, c.Parent, c.Scale, ownC)
			for g := range 3 {
				cons.goods[g] += q.goods[g]
			}
			cons.hours += q.hours
		}
	}
	for j, par := range w.Parent {
		if par < 0 {
			q := agg(j, w.Parent, w.Scale, ownW)
			for g := range 3 {
				work.supply[g] += q.supply[g]
				work.bundle[g] += q.bundle[g]
			}
			work.hours += q.hours
		}
	}
	wantD, wantS := make([]float64, 4), make([]float64, 4)
	for g := range 3 {
		wantD[g] = cons.goods[g]
		for k := range 3 {
			wantD[g] += a.At(g, k) * work.bundle[k]
		}
		wantS[g] = work.supply[g]
	}
	wantD[3], wantS[3] = work.hours, cons.hours
	for k := range 4 {
		// Both sides add the same terms in different orders: 1e-12 relative.
		if d, s := p.Demand()[k], p.Supply()[k]; math.Abs(d-wantD[k]) > 1e-12*wantD[k] || math.Abs(s-wantS[k]) > 1e-12*wantS[k] {
			t.Errorf("market %d: demand %v supply %v, want %v and %v", k, d, s, wantD[k], wantS[k])
		}
	}
}

func TestValidation(t *testing.T) {
	ok := func() *planning.Economy { return pequodEconomy(1, 10, 10, 3) }
	good := planning.DefaultConfig()
	for _, tc := range []struct {
		name string
		e    func() *planning.Economy
		cfg  planning.Config
		path string
		err  error
	}{
		{"round limit 0", ok, planning.Config{MaxRounds: 0, Tolerance: 0.03}, "max_rounds", planning.ErrRange},
		{"tolerance 0", ok, planning.Config{MaxRounds: 10, Tolerance: 0}, "tolerance", planning.ErrRange},
		{"tolerance negative", ok, planning.Config{MaxRounds: 10, Tolerance: -1}, "tolerance", planning.ErrRange},
		{"speed 0", ok, planning.Config{MaxRounds: 10, Tolerance: 0.03, Rule: planning.Proportional{}}, "rule.speed", planning.ErrRange},
		{"negative labour", func() *planning.Economy { e := ok(); e.Workers.Labour[2] = -1; return e }, good, "workers[2].labour", planning.ErrNegative},
		{"weight NaN", func() *planning.Economy { e := ok(); e.Consumers.Weights[1] = math.NaN(); return e }, good, "consumers[0].weights[1]", planning.ErrNotFinite},
		{"negative coefficient", func() *planning.Economy { e := ok(); e.IO.Coef[0] = -0.1; return e }, good, "io[0].coefficient", planning.ErrNegative},
		{"unproductive", func() *planning.Economy {
			e := ok()
			for k := range e.IO.Coef {
				e.IO.Coef[k] *= 10
			}
			return e
		}, good, "io", planning.ErrUnproductive},
		{"parent out of range", func() *planning.Economy {
			e := ok()
			e.Consumers.Parent = []int32{-1, 0, 0, 12, -1, -1, -1, -1, -1, -1}
			return e
		}, good, "consumers[3].parent", planning.ErrRange},
		{"cycle", func() *planning.Economy {
			e := ok()
			e.Workers.Parent = []int32{-1, 2, 3, 1, -1, -1, -1, -1, -1, -1}
			return e
		}, good, "workers[1].parent", planning.ErrCycle},
		{"own parent", func() *planning.Economy {
			e := ok()
			e.Workers.Parent = []int32{-1, -1, -1, -1, 4, -1, -1, -1, -1, -1}
			return e
		}, good, "workers[4].parent", planning.ErrCycle},
		{"no producer", func() *planning.Economy {
			e := ok()
			e.Workers.Good[1] = 0
			e.Workers.Good[4] = 0
			e.Workers.Good[7] = 0
			return e
		}, good, "goods[1]", planning.ErrNoProducer},
		{"returns below 1", func() *planning.Economy { e := ok(); e.Workers.Returns[0] = 0.9; return e }, good, "workers[0].returns", planning.ErrRange},
	} {
		_, err := planning.NewPlanner(tc.e(), tc.cfg, nil)
		var fe *planning.FieldError
		if !errors.As(err, &fe) || fe.Path != tc.path || !errors.Is(err, tc.err) {
			t.Errorf("%s: NewPlanner error %v, want a FieldError at %q wrapping %v", tc.name, err, tc.path, tc.err)
		}
	}
	// NewIO names the entry.
	_, err := planning.NewIO(2, []planning.Entry{{0, 1, 0.1}, {1, 0, -0.2}})
	var fe *planning.FieldError
	if !errors.As(err, &fe) || fe.Path != "io[1].coefficient" || !errors.Is(err, planning.ErrNegative) {
		t.Errorf("NewIO with a negative coefficient: %v", err)
	}
}

// TestOutputs decodes what the encoders write and compares it with what they were
// given.
func TestOutputs(t *testing.T) {
	e := pequodEconomy(3, 50, 40, 4)
	p, err := planning.NewPlanner(e, planning.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := planning.NewPlanCSV(&buf, []string{"bread", "iron, cast", "tools", `say "cheese"`})
	res, err := p.Plan(func(r int) error { return enc.WriteRound(2026, r, p) })
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rows[0]); got != "[year round good price supply demand excess]" {
		t.Errorf("header %s", got)
	}
	if len(rows) != 1+res.Rounds*5 {
		t.Fatalf("%d rows, want %d", len(rows), 1+res.Rounds*5)
	}
	last := rows[len(rows)-5:]
	for k, row := range last {
		name := []string{"bread", "iron, cast", "tools", `say "cheese"`, "labour"}[k]
		price := p.Wage()
		if k < 4 {
			price = p.Prices()[k]
		}
		want := []float64{price, p.Supply()[k], p.Demand()[k], p.Excess()[k]}
		if row[0] != "2026" || row[1] != strconv.Itoa(res.Rounds) || row[2] != name {
			t.Errorf("row %v", row)
		}
		for i, s := range row[3:] {
			if x, err := strconv.ParseFloat(s, 64); err != nil || x != want[i] {
				t.Errorf("row %v column %d: %q, want %v", row, 3+i, s, want[i])
			}
		}
	}

	a, l, v := fourSector(t)
	buf.Reset()
	if err := planning.WriteIO(&buf, a, l, nil); err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var es []planning.Entry
	gotL := make([]float64, 4)
	for _, row := range rows[1:] {
		j, _ := strconv.Atoi(row[0])
		c, _ := strconv.ParseFloat(row[2], 64)
		if row[1] == "labour" {
			gotL[j] = c
			continue
		}
		i, _ := strconv.Atoi(row[1])
		es = append(es, planning.Entry{Sector: j, Input: i, Coef: c})
	}
	back, err := planning.NewIO(4, es)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back.Dense(), gotL) != fmt.Sprint(a.Dense(), l) {
		t.Errorf("io.csv reads back as %v %v, want %v %v", back.Dense(), gotL, a.Dense(), l)
	}
	buf.Reset()
	if err := planning.WriteValues(&buf, v, nil); err != nil {
		t.Fatal(err)
	}
	rows, _ = csv.NewReader(&buf).ReadAll()
	for j, row := range rows[1:] {
		if x, _ := strconv.ParseFloat(row[1], 64); row[0] != strconv.Itoa(j) || x != v[j] {
			t.Errorf("labour_values.csv row %v, want %d,%v", row, j, v[j])
		}
	}
}

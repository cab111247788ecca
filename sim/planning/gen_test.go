package planning_test

import (
	"math/rand/v2"

	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/planning"
)

// pequodEconomy draws an economy of nc consumers' and nw workers' councils and g
// goods in the ranges of Pequod (Hahnel and Szczepanczyk's participatory planning
// simulation, pequod-cljs) where Pequod has them, and in stated ranges of ours where
// it does not:
//   - consumers: Cobb-Douglas weights uniform in [cz, 2cz], cz = 0.5/g (Pequod's
//     create-ccs-bulk); income uniform in [400, 600] tokens (Pequod: a fixed income of
//     the order of 500); hours offered uniform in [0.8, 1.2] x hMean, hMean set so that
//     the labour market clears near a wage of 1.
//   - workers: councils spread evenly over the goods; returns to scale 1/Returns
//     uniform in [0.5, 0.8] (Pequod's Cobb-Douglas production exponents of inputs,
//     nature and labour add up to between about 0.5 and 0.8); labour per bundle
//     uniform in [0.5, 1.5]; reference output Base uniform in [50, 150]; capacity
//     4 x Base (Pequod has none; ours binds rarely).
//   - inputs: each good uses 4 other goods (Pequod: a random subset of the
//     intermediate goods), coefficients drawn so that a column sums to between 0.1 and
//     0.4 (so rho(A) <= 0.4).
func pequodEconomy(seed uint64, nc, nw, g int) *planning.Economy {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	u := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	var es []planning.Entry
	for j := range g {
		total := u(0.1, 0.4)
		var ws [4]float64
		sum := 0.0
		for k := range ws {
			ws[k] = u(0.5, 1.5)
			sum += ws[k]
		}
		for k := range ws {
			i := rng.IntN(g - 1)
			if i >= j {
				i++
			}
			es = append(es, planning.Entry{Sector: j, Input: i, Coef: total * ws[k] / sum})
		}
	}
	a, err := planning.NewIO(g, es)
	if err != nil {
		panic(err)
	}
	e := &planning.Economy{Goods: g, IO: a}
	c := &e.Consumers
	cz := 0.5 / float64(g)
	for range nc {
		c.Budget = append(c.Budget, ledger.Tokens(u(400, 600)))
		for range g {
			c.Weights = append(c.Weights, u(cz, 2*cz))
		}
		c.Hours = append(c.Hours, u(0.8, 1.2)*hoursMean*float64(nw)/float64(nc))
	}
	w := &e.Workers
	for j := range nw {
		w.Good = append(w.Good, int32(j%g))
		base := u(50, 150)
		w.Base = append(w.Base, base)
		w.Capacity = append(w.Capacity, 4*base)
		w.Labour = append(w.Labour, u(0.5, 1.5))
		w.Returns = append(w.Returns, 1/u(0.5, 0.8))
	}
	return e
}

// hoursMean is the hours offered per workers' council. With it the equilibrium wage
// is about 2.5 and the prices of goods between about 4 and 8, while a cold start
// posts 1 for everything: a start far from the plan, as Pequod's (every good at 100).
const hoursMean = 100.0

// nextYear perturbs e as a year's change: tastes shift by good (every consumer's
// weight of good g times a factor uniform in [0.9, 1.1] drawn once per good) and by
// council (times [0.95, 1.05] per weight); budgets change by [0.95, 1.05]; each
// workers' council's Base and capacity by [0.9, 1.1] (a change of productivity).
func nextYear(e *planning.Economy, seed uint64) { change(e, seed, 0.1) }

// change is nextYear with the spread of the by-good and productivity changes given
// (nextYear's is 0.1; the council and budget noise stays 0.05).
func change(e *planning.Economy, seed uint64, spread float64) {
	rng := rand.New(rand.NewPCG(seed, 2026))
	f := func(spread float64) float64 { return 1 - spread + 2*spread*rng.Float64() }
	c := &e.Consumers
	for i := range c.Budget {
		c.Budget[i] = ledger.Scale(c.Budget[i], f(0.05))
	}
	byGood := make([]float64, e.Goods)
	for g := range byGood {
		byGood[g] = f(spread)
	}
	for k := range c.Weights {
		c.Weights[k] *= byGood[k%e.Goods] * f(0.05)
	}
	w := &e.Workers
	for j := range w.Base {
		x := f(spread)
		w.Base[j] *= x
		w.Capacity[j] *= x
	}
}

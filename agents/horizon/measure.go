package horizon

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The columns: the events and signals so far, each event's size in force, and the
// co-ops that monitor against the others (how many trade, how many failed, what each
// sold on average in the last month that closed), economy-wide and in each sector an
// event names, with the sector's share of sales, price, input share, output per worker
// and mean treasury (where a shock shows).

// register adds the columns and their measurement (from the configuration alone).
func (z *Horizon) register(r *sim.Registry) {
	fired := r.Count("horizon_events_fired", "events that have hit the economy so far")
	signals := r.Count("horizon_signals", "events whose signal monitoring co-ops have seen so far")
	var alive, failed, sales [2]sim.Col
	verb := [2]string{"do not monitor", "monitor"}
	for g, who := range [2]string{"others", "monitors"} {
		alive[g] = r.Count("horizon_"+who, "co-ops trading that "+verb[g]+" the horizon")
		failed[g] = r.Count("horizon_"+who+"_failed", "of them, co-ops failed so far")
		sales[g] = r.Amount("horizon_"+who+"_sales", "of them, mean sales of a co-op in the last month that closed")
	}
	paid := r.Amount("horizon_monitoring_paid", "monitoring costs paid to the Foundation so far")
	size := make([]sim.Col, len(z.cfg.Events))
	adopted := make([]sim.Col, len(z.cfg.Events))
	for k, e := range z.cfg.Events {
		name := fmt.Sprintf("horizon_event%d", k+1)
		on := e.Sector
		if on == "" {
			on = "every sector"
		}
		size[k] = r.Ratio(name, fmt.Sprintf("size of event %d (%s, %s, month %d) once it has hit, 0 before", k+1, e.Kind, on, e.Month))
		if e.Kind == Technology {
			adopted[k] = r.Ratio(name+"_adopted", fmt.Sprintf("share of %s's co-ops trading that use event %d's technique", e.Sector, k+1))
		}
	}
	type sectorCols struct {
		share, price, inputs, units, treasury sim.Col
		alive, failed, sales                  [2]sim.Col
	}
	sc := make([]sectorCols, len(z.watch))
	for w, s := range z.watch {
		p := "horizon_" + s
		sc[w] = sectorCols{
			share:    r.Ratio(p+"_sales_share", s+"'s share of all co-ops' sales in the last month that closed"),
			price:    r.Ratio(p+"_price", "capacity-weighted mean price of "+s+"'s co-ops over its base price"),
			inputs:   r.Ratio(p+"_input_share", "value of inputs "+s+" buys per unit of value made (its input coefficients together)"),
			units:    r.Ratio(p+"_units_per_worker", "units a worker of "+s+" makes in a month, mean over its workers"),
			treasury: r.Amount(p+"_treasury", "mean tokens on account of "+s+"'s co-ops"),
		}
		for g, who := range [2]string{"others", "monitors"} {
			sc[w].alive[g] = r.Count(p+"_"+who, s+"'s co-ops trading that "+verb[g])
			sc[w].failed[g] = r.Count(p+"_"+who+"_failed", "of them, co-ops failed so far")
			sc[w].sales[g] = r.Amount(p+"_"+who+"_sales", "of them, mean sales of a co-op in the last month that closed")
		}
	}
	r.Measure(func(m *sim.Metrics) {
		if z.h == nil {
			return
		}
		z.measure()
		m.Set(fired, int64(z.fired))
		m.Set(signals, int64(z.signalled))
		for g := range 2 {
			st := z.stat[g]
			m.Set(alive[g], st.n)
			m.Set(failed[g], z.failed[g])
			m.Set(sales[g], mean(st.sales, st.n))
		}
		m.Set(paid, z.costPaid)
		for k := range z.ev {
			e := &z.ev[k]
			if e.hit {
				m.SetFloat(size[k], e.Size)
			}
			if e.Kind == Technology {
				if w := indexOf(z.watch, e.Sector); z.watchStat[w].n > 0 {
					m.SetFloat(adopted[k], float64(z.watchStat[w].adopted[k])/float64(z.watchStat[w].n))
				}
			}
		}
		var total ledger.Amount
		for g := range 2 {
			total += z.stat[g].sales
		}
		for w := range z.watch {
			st := &z.watchStat[w]
			c := &sc[w]
			if total > 0 {
				m.SetFloat(c.share, float64(st.sales)/float64(total))
			}
			if st.cap > 0 {
				m.SetFloat(c.price, st.priceW/st.cap)
			}
			var a float64
			for j := range z.h.SectorInputs(z.wIdx[w]) {
				_, x := z.h.SectorInput(z.wIdx[w], j)
				a += x
			}
			m.SetFloat(c.inputs, a)
			if st.workers > 0 {
				m.SetFloat(c.units, st.units/st.workers)
			}
			m.Set(c.treasury, mean(st.treasury, st.n))
			for g := range 2 {
				m.Set(c.alive[g], st.by[g].n)
				m.Set(c.failed[g], z.failedIn[w][g])
				m.Set(c.sales[g], mean(st.by[g].sales, st.by[g].n))
			}
		}
	})
}

// measure takes the tick's figures over the co-ops trading now. The sums of sales and
// treasuries are of tokens that exist, so they stay within the ledger's supply (an
// int64 of micro-tokens, ledger.MaxSupply) and cannot overflow.
func (z *Horizon) measure() {
	h := z.h
	z.stat = [2]groupStat{}
	for w := range z.watchStat {
		z.watchStat[w] = sectorStat{}
	}
	n := min(h.Coops(), len(z.monitor))
	l := h.Ledger()
	for c := range n {
		if !h.CoopAlive(c) {
			continue
		}
		g := b2i(z.monitor[c])
		sales := h.CoopMonthSales(c)
		z.stat[g].n++
		z.stat[g].sales += sales
		s := h.CoopSectorIndex(c)
		for w, ws := range z.wIdx {
			if s != ws {
				continue
			}
			st := &z.watchStat[w]
			st.n++
			st.sales += sales
			st.treasury += l.Balance(h.CoopAccount(c))
			st.by[g].n++
			st.by[g].sales += sales
			workers := float64(h.CoopWorkers(c))
			units := h.CoopProductivity(c)
			_, base, _, _ := h.SectorTechnique(s)
			capacity := workers * units
			st.priceW += capacity * float64(h.CoopPrice(c)) / (base * float64(ledger.Unit))
			st.cap += capacity
			st.units += capacity
			st.workers += workers
			for k := range z.ev {
				if e := &z.ev[k]; e.Kind == Technology && e.sector == s && c < len(e.adopted) && e.adopted[c] {
					st.adopted[k]++
				}
			}
		}
	}
}

func mean(sum ledger.Amount, n int64) ledger.Amount {
	if n == 0 {
		return 0
	}
	return sum / ledger.Amount(n)
}

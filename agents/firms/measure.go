package firms

import (
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// measure takes the figures at the end of a tick: firms' shares of the last closed
// month's sales and of employment now, mean pay in firms and in co-ops (by worker),
// each sector's concentration of the last closed month's sales, and the firms' mean
// markup and last month's profit.
func (f *Firms) measure() {
	h := f.h
	clear(f.sum)
	clear(f.sq)
	var firmSales, allSales float64
	var firmWorkers, allWorkers int
	var firmPay, coopPay float64
	for c := range h.Coops() {
		if !h.CoopAlive(c) {
			continue
		}
		v := ledger.Float(h.CoopMonthSales(c))
		s := h.CoopSectorIndex(c)
		f.sum[s] += v
		f.sq[s] += v * v
		allSales += v
		w := h.CoopWorkers(c)
		allWorkers += w
		pay := float64(w) * ledger.Float(h.CoopWage(c))
		if f.isFirm[c] {
			firmSales += v
			firmWorkers += w
			firmPay += pay
		} else {
			coopPay += pay
		}
	}
	m := &f.m
	m.salesShare = ratio(firmSales, allSales)
	m.employShare = ratio(float64(firmWorkers), float64(allWorkers))
	m.firmWage = ratio(firmPay, float64(firmWorkers))
	m.coopWage = ratio(coopPay, float64(allWorkers-firmWorkers))
	// HHI of a sector = Σ s_i² / (Σ s_i)²: the same as HHI over its sellers' sales
	m.hhiMean, m.hhiMax = 0, 0
	sectors := 0
	for s, sum := range f.sum {
		if sum <= 0 {
			continue
		}
		hhi := f.sq[s] / (sum * sum)
		m.hhiMean += hhi
		m.hhiMax = max(m.hhiMax, hhi)
		sectors++
	}
	m.hhiMean = ratio(m.hhiMean, float64(sectors))
	m.alive, m.markup, m.profit = 0, 0, 0
	for k := range f.firm {
		if fm := &f.firm[k]; fm.alive {
			m.alive++
			m.markup += fm.markup
			m.profit += ledger.Tokens(fm.profit)
		}
	}
	m.markup = ratio(m.markup, float64(m.alive))
}

// ratio returns a/b, 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// registerColumns registers the per-tick columns and their measurement.
func (f *Firms) registerColumns(r *sim.Registry) {
	alive := r.Count("firms_alive", "for-profit firms trading")
	founded := r.Count("firms_founded", "firms founded (cumulative)")
	failed := r.Count("firms_failed", "firms failed (cumulative)")
	coopFailed := r.Count("firms_coop_failures", "co-ops failed, firms excluded (cumulative)")
	sales := r.Ratio("firms_sales_share", "firms' share of last month's sales")
	employ := r.Ratio("firms_employment_share", "firms' share of the workers in co-ops and firms")
	firmWage := r.Ratio("firms_wage", "mean monthly pay of a worker in a firm, tokens")
	coopWage := r.Ratio("firms_coop_wage", "mean monthly pay of a worker in a co-op (firms excluded), tokens")
	hhiMean := r.Ratio("firms_hhi_mean", "Herfindahl-Hirschman index of last month's sales shares within a sector, mean over sectors")
	hhiMax := r.Ratio("firms_hhi_max", "the largest sector's Herfindahl-Hirschman index of last month's sales shares")
	markup := r.Ratio("firms_markup", "firms' mean markup over unit cost")
	unemp := r.Ratio("firms_unemployment", "share of active members out of work, as the wage curve reads it")
	profit := r.Amount("firms_profit", "firms' profit last month (balance gained plus surplus taken out), tokens")
	extracted := r.Amount("firms_extracted", "surplus taken out of the economy by outside owners (burned, cumulative), tokens")
	owners := r.Amount("firms_to_owners", "surplus paid to owner members (cumulative), tokens")
	r.Measure(func(mt *sim.Metrics) {
		f.grow()
		f.measure()
		m := &f.m
		mt.Set(alive, m.alive)
		mt.Set(founded, m.founded)
		mt.Set(failed, m.failed)
		mt.Set(coopFailed, m.coopFailures)
		mt.SetFloat(sales, m.salesShare)
		mt.SetFloat(employ, m.employShare)
		mt.SetFloat(firmWage, m.firmWage)
		mt.SetFloat(coopWage, m.coopWage)
		mt.SetFloat(hhiMean, m.hhiMean)
		mt.SetFloat(hhiMax, m.hhiMax)
		mt.SetFloat(markup, m.markup)
		mt.SetFloat(unemp, m.unemployment)
		mt.Set(profit, m.profit)
		mt.Set(extracted, m.extracted)
		mt.Set(owners, m.toOwners)
	})
}

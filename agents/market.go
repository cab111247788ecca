package agents

import "github.com/copex/copex/sim/ledger"

// SectorMarket is one sector of the economy over the month just stepped, as a co-op
// starting up in it would see it: what is ordered, sold and offered, at what price, by
// how many co-ops and workers. GetGo reads it to throw simulated but realistic data at
// a player's co-op.
type SectorMarket struct {
	Sector       string
	Price        ledger.Amount // mean price per unit of the open offers
	BasePrice    ledger.Amount // price per unit at the start
	Demand       ledger.Amount // value ordered from the sector's co-ops this month
	Sales        ledger.Amount // value sold this month
	Offered      ledger.Amount // value on offer this month
	Unmet        ledger.Amount // wants listed and not met this month
	Coops        int           // co-ops trading
	Workers      int           // their workers
	Wage         ledger.Amount // a worker's pay a month
	Productivity float64       // mean units per worker-month of the trading co-ops
	Grants       ledger.Amount // grant tokens the sector's co-ops received this month
	Reputation   float64       // mean reputation of the sector's offers, 0..1
}

// SectorIndex returns the index of the sector called name.
func (e *Economy) SectorIndex(name string) (int, bool) {
	for i, s := range e.sectors {
		if s == name {
			return i, true
		}
	}
	return 0, false
}

// Market returns sector s's market over the month just stepped. It is read only and
// allocates nothing beyond its result.
func (e *Economy) Market(s int) SectorMarket {
	m := SectorMarket{Sector: e.sectors[s], Price: e.sectorPrice(s), BasePrice: e.platform.BasePrice[s],
		Wage: e.wage[s]}
	var prod, rep float64
	for c, alive := range e.c.alive {
		if !alive || int(e.c.sector[c]) != s {
			continue
		}
		m.Coops++
		m.Workers += int(e.c.workers[c])
		m.Demand += e.c.monthDemand[c]
		m.Sales += e.c.monthSales[c]
		m.Offered += e.c.monthOffered[c]
		m.Grants += e.c.grant[c]
		prod += e.c.productivity[c]
		rep += e.platform.Reputation[c]
	}
	if m.Coops > 0 {
		m.Productivity = prod / float64(m.Coops)
		m.Reputation = rep / float64(m.Coops)
	}
	for l := range e.platform.Localities() {
		m.Unmet += e.platform.Unmet[s*e.platform.Localities()+l]
	}
	return m
}

// ActiveMembers returns the number of members registered now.
func (e *Economy) ActiveMembers() int { return e.m.count }

// CoopSector returns the name of co-op c's sector.
func (e *Economy) CoopSector(c int) string { return e.sectors[e.c.sector[c]] }

// CoopPrice returns co-op c's price per unit on the Exchange Platform.
func (e *Economy) CoopPrice(c int) ledger.Amount { return e.platform.Price[c] }

// CoopWorkers returns co-op c's number of workers.
func (e *Economy) CoopWorkers(c int) int { return int(e.c.workers[c]) }

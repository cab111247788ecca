package agents

import (
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// registerColumns registers the economy's metric columns, each part's beside the
// measurement that fills it, in the order of metrics.csv: the population, the
// ledger's supply, the market, the Foundation, the distribution of holdings, the
// ledger's rejections, the Foundation's programmes and the unmet wants by sector.
func (e *Economy) registerColumns(r *sim.Registry) {
	e.registerPopulation(r)
	supply := sim.RegisterSupply(r, e.ledger)
	e.registerMarket(r, supply)
	e.registerMoney(r)
	if e.cfg.Coops.Pay == "within_means" {
		e.registerPay(r)
	}
	e.registerIssuance(r)
	e.registerFoundation(r)
	sim.RegisterHoldings(r, &e.dist, e)
	sim.RegisterRules(r, e.ledger)
	e.registerProgrammes(r)
	e.registerUnmet(r)
}

// registerPopulation: members and co-ops.
func (e *Economy) registerPopulation(r *sim.Registry) {
	members := r.Count("members", "registered members")
	joined := r.Count("members_joined", "members who joined (cumulative)")
	left := r.Count("members_left", "members who left or were barred (cumulative)")
	employed := r.Count("employed", "members working in a co-op")
	quits := r.Count("quits", "workers who quit their co-op to work elsewhere (cumulative)")
	done := r.Count("apprenticeships_done", "apprenticeships finished (cumulative)")
	founders := r.Count("apprentice_founders", "finished apprentices who left to found a start-up (one in three; cumulative)")
	leavers := r.Count("members_left_idle", "members who left the economy after long out of work (cumulative; counted in members_left)")
	alive := r.Count("coops_alive", "co-ops trading")
	started := r.Count("coops_started", "co-ops started (cumulative, founding co-ops excluded)")
	failed := r.Count("coops_failed", "co-ops failed (cumulative)")
	r.Measure(func(m *sim.Metrics) {
		m.Set(members, int64(e.m.count))
		m.Set(joined, e.joined)
		m.Set(left, e.left)
		m.Set(employed, e.employed)
		m.Set(quits, e.quits)
		m.Set(done, e.apprenticesDone)
		m.Set(founders, e.founders)
		m.Set(leavers, e.leavers)
		m.Set(alive, int64(e.c.alive_))
		m.Set(started, e.started)
		m.Set(failed, e.failed)
	})
}

// registerMarket: the Exchange Platform's month, the balance ratio and prices.
func (e *Economy) registerMarket(r *sim.Registry, supply sim.SupplyCols) {
	offeredCol := r.Amount("offered_value", "value of goods and services on offer this month")
	sales := r.Amount("sales_value", "value sold this month")
	wages := r.Amount("wages", "wages and bonuses paid this month")
	balance := r.Ratio("balance_ratio", "circulating / offered value")
	price := r.Ratio("price_index", "price index, 1 at the start")
	inflation := r.Ratio("inflation", "change of the price index this tick")
	velocity := r.Ratio("velocity", "sales this tick / circulating tokens at its end: turnover of the money stock per tick")
	unmet := r.Amount("unmet_wants_value", "value of wants left unmet this month")
	r.Measure(func(m *sim.Metrics) {
		var offered ledger.Amount
		for c := range e.c.alive {
			offered += e.monthlyOffered(c)
		}
		circulating := m.Amount(supply.Circulating)
		m.Set(offeredCol, offered)
		m.Set(sales, e.tickSales)
		m.Set(wages, e.tickWages)
		if offered > 0 {
			m.SetFloat(balance, float64(circulating)/float64(offered))
		}
		m.SetFloat(price, e.priceIndex)
		if e.lastPriceIndex > 0 {
			m.SetFloat(inflation, e.priceIndex/e.lastPriceIndex-1)
		}
		if circulating > 0 {
			m.SetFloat(velocity, float64(e.tickSales)/float64(circulating))
		}
		e.platform.UnmetBySector(e.unmet)
		var total ledger.Amount
		for _, u := range e.unmet {
			total += u
		}
		m.Set(unmet, total)
	})
}

// registerMoney: where the money is, and the balance ratio the seed's principle is
// about — money in buyers' hands when they buy, against what is on offer then. The
// older balance_ratio (circulating / the month's offered value) is taken at the end of
// the tick, while co-ops hold the month's takings, so the tick's order pins it.
func (e *Economy) registerMoney(r *sim.Registry) {
	atPurchase := r.Ratio("balance_ratio_purchase", "members' spendable tokens when they shopped / value on offer this tick")
	cash := r.Amount("member_cash", "members' spendable tokens (ordinary and grant)")
	saved := r.Amount("member_savings", "members' savings")
	treasury := r.Amount("coop_treasuries", "co-ops' tokens")
	r.Measure(func(m *sim.Metrics) {
		if e.tickOffered > 0 {
			m.SetFloat(atPurchase, float64(e.buyerMoney)/float64(e.tickOffered))
		}
		l := e.ledger
		c, s := e.memberMoney()
		var t ledger.Amount
		for k, a := range e.c.acct {
			if e.c.alive[k] {
				t += l.Holdings(a)
			}
		}
		m.Set(cash, c)
		m.Set(saved, s)
		m.Set(treasury, t)
	})
}

// registerPay: what co-ops that set their own pay (coops.pay within_means) pay a
// worker a month, on average and how unequally (the coefficient of variation across
// workers; apprentices, on the Foundation's stipend, are left out).
func (e *Economy) registerPay(r *sim.Registry) {
	mean := r.Amount("pay_mean", "a worker's pay a month, mean over workers (apprentices left out)")
	cv := r.Ratio("pay_dispersion", "coefficient of variation of workers' monthly pay across workers")
	r.Measure(func(m *sim.Metrics) {
		var n, sum, sq float64
		for c, alive := range e.c.alive {
			w := float64(e.c.workers[c] - e.c.apprentices[c])
			if !alive || w <= 0 {
				continue
			}
			p := float64(e.CoopWage(c))
			n += w
			sum += w * p
			sq += w * p * p
		}
		if n > 0 {
			mu := sum / n
			m.Set(mean, ledger.Amount(math.Round(mu)))
			if mu > 0 {
				m.SetFloat(cv, math.Sqrt(max(0, sq/n-mu*mu))/mu)
			}
		}
	})
}

// registerIssuance: how the month's grants came about — the part churn brings (grants
// to co-ops in their first month), the part netting withheld, the falls still to be
// netted, and closing co-ops' grant tokens burned.
func (e *Economy) registerIssuance(r *sim.Registry) {
	first := r.Amount("grants_first_month", "grants to co-ops in their first month this month, before the release factor: issuance churn brings")
	netted := r.Amount("grants_netted", "grants withheld this month by netting falls and closures against them, before the release factor")
	debit := r.Amount("netting_debit", "falls and closures of offers not yet netted against grants")
	burned := r.Amount("closed_grants_burned", "closing co-ops' unspent grant tokens burned (cumulative)")
	repaid := r.Amount("advances_repaid", "advances repaid from receipts and burned (monthly_projection read as advance; cumulative)")
	r.Measure(func(m *sim.Metrics) {
		m.Set(first, e.issuer.FirstMonth())
		m.Set(netted, e.issuer.Netted())
		m.Set(debit, e.issuer.Debit())
		m.Set(burned, e.closeBurned)
		m.Set(repaid, e.advanceRepaid)
	})
}

// registerFoundation: the Foundation's balance, income and spending, and the
// investment issuance it oversees.
func (e *Economy) registerFoundation(r *sim.Registry) {
	balance := r.Amount("foundation_balance", "the Foundation's tokens")
	income := r.Amount("foundation_income", "grant share and levy received this month")
	spend := r.Amount("foundation_spend", "paid to co-ops by programmes this month")
	levy := r.Amount("levy", "transport levy paid this month")
	taken := r.Amount("fraud_taken", "value of goods taken from co-ops by fraud (cumulative)")
	own := r.Amount("fraud_repaid_own", "of it, repaid from the fraudsters' frozen holdings (cumulative)")
	guar := r.Amount("fraud_repaid_guarantor", "of it, paid by their guarantors: only what the fraudsters' holdings could not (cumulative)")
	lost := r.Amount("fraud_lost", "of it, lost by the co-ops defrauded (cumulative)")
	invest := r.Amount("investment_issued", "Foundation investment issuance (cumulative)")
	met := r.Count("obligations_met", "start-ups that offered the value they were funded for (cumulative)")
	missed := r.Count("obligations_missed", "start-ups that did not, in time: a lesson, never repaid (cumulative)")
	r.Measure(func(m *sim.Metrics) {
		m.Set(balance, e.ledger.Holdings(e.foundation))
		m.Set(income, e.foundIncome)
		m.Set(spend, e.foundSpend)
		m.Set(levy, e.tickLevy)
		m.Set(taken, e.fraudTaken)
		m.Set(own, e.fraudOwn)
		m.Set(guar, e.fraudGuarantor)
		m.Set(lost, e.fraudLoss)
		m.Set(invest, e.investment)
		m.Set(met, e.obligationsMet)
		m.Set(missed, e.obligationsLost)
	})
}

// registerProgrammes: the Foundation's spending by programme.
func (e *Economy) registerProgrammes(r *sim.Registry) {
	var cols [NumProgrammes]sim.Col
	for p, name := range ProgrammeNames {
		cols[p] = r.Amount("spend_"+name, "Foundation spending on "+name+" this month")
	}
	r.Measure(func(m *sim.Metrics) {
		for p, c := range cols {
			m.Set(c, e.progSpend[p])
		}
	})
}

// registerUnmet: the month's unmet wants by sector (filled by the market's
// measurement, which runs first), the capacity left idle beside them, and the unmet
// wants that idle capacity could not have met.
func (e *Economy) registerUnmet(r *sim.Registry) {
	cols := make([]sim.Col, len(e.sectors))
	for i, s := range e.sectors {
		cols[i] = r.Amount("unmet_"+s, "unmet wants for "+s+" this month")
	}
	idle := make([]sim.Col, len(e.sectors))
	for i, s := range e.sectors {
		idle[i] = r.Amount("idle_"+s, "value of "+s+" capacity left unsold this month")
	}
	idleTotal := r.Amount("idle_value", "value of capacity left unsold this month, all sectors")
	net := r.Amount("net_unmet_value", "unmet wants beyond the idle capacity of their sector this month: wants no offer had room for")
	r.Measure(func(m *sim.Metrics) {
		var it, nt ledger.Amount
		for i, c := range cols {
			m.Set(c, e.unmet[i])
			v := e.platform.Idle[i]
			m.Set(idle[i], v)
			it += v
			nt += max(0, e.unmet[i]-v)
		}
		m.Set(idleTotal, it)
		m.Set(net, nt)
	})
}

// memberMoney returns the registered members' spendable tokens and savings, summed
// shard by shard over the pool (integer sums: the same whatever the split).
func (e *Economy) memberMoney() (cash, saved ledger.Amount) {
	n := shardsFor(len(e.m.acct), shardBits)
	if cap(e.moneyParts) < n {
		e.moneyParts = make([][2]ledger.Amount, n)
	}
	e.moneyParts = e.moneyParts[:n]
	if e.moneyFn == nil {
		e.moneyFn = e.memberMoneyShard
	}
	e.pool.Run(n, e.moneyFn)
	for _, p := range e.moneyParts {
		cash += p[0]
		saved += p[1]
	}
	return cash, saved
}

// memberMoneyShard sums shard k's part of memberMoney.
func (e *Economy) memberMoneyShard(k int) {
	lo, hi := span(k, len(e.m.acct), shardBits)
	l := e.ledger
	var c, s ledger.Amount
	for i := lo; i < hi; i++ {
		if e.m.active[i] {
			a := e.m.acct[i]
			c += l.Balance(a)
			s += l.Savings(a)
		}
	}
	e.moneyParts[k] = [2]ledger.Amount{c, s}
}

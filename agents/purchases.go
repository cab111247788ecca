package agents

import "github.com/copex/copex/sim/ledger"

// Co-ops' purchases: inputs from supplier co-ops by the sector's input-output coefficients, and grant-funded supplies, capacity and innovation.

// inputNeed returns the value of inputs co-op c needs for a tick's production.
func (e *Economy) inputNeed(c int) ledger.Amount {
	var need ledger.Amount
	y := e.platform.Offered(c)
	for _, in := range e.inputs[e.c.sector[c]] {
		need += ledger.Scale(y, in.coef)
	}
	return need
}

// coopOrders places co-op c's orders: inputs from supplier co-ops by the sector's
// input-output coefficients (scaled down to what the co-op can pay), and the
// grant-funded purchases (supplies, capacity, innovation), the month's in equal parts
// over its ticks (all at the start of the month on a monthly clock: grantLeft), so that
// a weekly clock does not bring a month's purchases to a week's capacity.
func (e *Economy) coopOrders(w *work, c int) {
	e.c.inputWant[c], e.c.inputGot[c] = 0, 0
	if !e.c.alive[c] {
		return
	}
	use := e.grantUse(c)
	useTotal := use.Bonus + use.Capacity + use.Supplies + use.Innovation
	s := int(e.c.sector[c])
	avail := max(0, w.batch.Balance(e.c.acct[c])-e.dueLater(c)) // the month's later pay and inputs set aside
	need := e.inputNeed(c)
	r := 1.0
	if need > avail {
		r = float64(avail) / float64(need)
	}
	y := e.platform.Offered(c)
	held := e.c.buyFrom[c]
	nIn := len(e.inputs[s])
	for k, in := range e.inputs[s] {
		want := ledger.Scale(y, in.coef)
		e.c.inputWant[c] += want
		avail -= e.heldOrder(w, c, &held[k], in.sector, ledger.Scale(want, r), orderInput)
	}
	g := e.c.grant[c]
	left := e.grantLeft(c, use, avail) // a month of several ticks: the month's budgets, fixed at its start
	if g <= 0 || useTotal == 0 || avail <= 0 || (!e.monthBeg && e.perTick >= 1) {
		return
	}
	spend := func(k int, share float64, kind uint8, sector int) {
		b := min(ledger.Scale(g, share/useTotal), avail)
		if left != nil {
			b = min(e.spread(left[k]), avail)
		}
		if b > 0 && sector >= 0 {
			avail -= e.heldOrder(w, c, &held[nIn+k], sector, b, kind)
			if left != nil {
				left[k] -= b
			}
		}
	}
	// The sector each purchase is bought from, drawn at the month's start and held
	// over its ticks, as its offer is (heldOrder).
	sectors := held[nIn+grantBuys:]
	sectorOf := func(k int, from func() int) int {
		if e.monthBeg || sectors[k] == none {
			sectors[k] = int32(from())
		}
		return int(sectors[k])
	}
	supplier := sectorOf(0, func() int {
		if nIn == 0 {
			return -1
		}
		return e.inputs[s][w.rng.IntN(nIn)].sector
	})
	spend(0, use.Supplies, orderSupplies, supplier)
	spend(1, use.Capacity, orderCapacity, sectorOf(1, func() int { return e.investIn[w.rng.IntN(len(e.investIn))] }))
	spend(2, use.Innovation, orderInnovation, sectorOf(2, func() int { return e.investIn[w.rng.IntN(len(e.investIn))] }))
}

// grantBuys is the number of grant-funded purchases (supplies, capacity, innovation).
const grantBuys = 3

// heldOrder has co-op c order up to budget in sector from the offer it buys from this
// month (*held), and returns the value ordered (0 when the sector has no offer: the
// want is listed as unmet). At the month's start it chooses the best of the offers it
// looks at and holds it; on the month's later ticks it orders from the offer held,
// choosing again only if it has none or that one closed. So a co-op chooses where it
// buys once a month whatever the clock: choosing again every week, a weekly co-op's
// suppliers saw the average of four or five draws a month where a monthly one's saw
// one, and their demand moved half as much from month to month (see clockGaps).
func (e *Economy) heldOrder(w *work, c int, held *int32, sector int, budget ledger.Amount, kind uint8) ledger.Amount {
	if budget <= 0 {
		return 0
	}
	p := e.platform
	loc := e.c.locality[c]
	o := int(*held)
	if e.monthBeg || o < 0 || !p.Open[o] {
		o = p.ChooseFrom(w.rng, &w.src, sector, int(loc), c)
		*held = int32(o)
	}
	if o < 0 {
		w.unmet[sector*p.Localities()+int(loc)] += budget
		return 0
	}
	v := e.orderValue(budget, loc, o)
	if v <= 0 {
		return 0
	}
	w.orders.add(int32(c), o, v, kind)
	return v
}

// afterCoopPurchase applies what a co-op's purchase buys: inputs for production, or
// capacity and innovation that raise its productivity.
func (e *Economy) afterCoopPurchase(c int, kind uint8, paid ledger.Amount) {
	switch kind {
	case orderInput:
		e.c.inputGot[c] += paid
	case orderCapacity, orderInnovation:
		e.improve(c, paid)
	}
}

// improve raises co-op c's productivity for an investment of amount: by capacity_gain
// per month's offer value invested, at most 10% at once.
func (e *Economy) improve(c int, amount ledger.Amount) {
	y := e.monthlyOffered(c)
	if y <= 0 || amount <= 0 {
		return
	}
	// diminishing returns: the gain falls with productivity above the sector's base
	base := e.cfg.Sectors[e.c.sector[c]].Productivity
	gain := min(e.cfg.Coops.CapacityGain*float64(amount)/float64(y), 0.1) * min(1, base/e.c.productivity[c])
	e.c.productivity[c] *= 1 + gain
}

// afterSettle records what share of their inputs the co-ops could buy.
func (e *Economy) afterSettle() {
	for c, want := range e.c.inputWant {
		if want > 0 {
			e.c.inputFill[c] = min(1, float64(e.c.inputGot[c])/float64(want))
		} else {
			e.c.inputFill[c] = 1
		}
	}
}

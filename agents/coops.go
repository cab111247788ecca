package agents

import (
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

// Co-op behaviour (MODEL §5): pay members, buy inputs from supplier co-ops, spend
// grant tokens by the scenario's mix, hire and shed, fail after K months unable to pay.

// workerWage returns member i's pay for one tick in co-op c.
func (e *Economy) workerWage(c int, i int32) ledger.Amount {
	s := e.c.sector[c]
	if e.m.role[i] == roleApprentice {
		return e.apprenticeTick[s]
	}
	return e.wageTick[s]
}

// wageBill returns co-op c's pay for one tick.
func (e *Economy) wageBill(c int) ledger.Amount { return e.c.bill[c] }

// payMembers has a live co-op pay its members: wages every tick (pro rata when it cannot
// pay in full, which counts against it), then at the start of a month the bonus share
// of its grant, and any surplus above its buffer and what it needs for inputs and
// grant-funded purchases.
func (e *Economy) payMembers(w *work, c int) error {
	if !e.c.alive[c] {
		return nil
	}
	use := e.cfg.Coops.GrantUse
	useTotal := use.Bonus + use.Capacity + use.Supplies + use.Innovation
	acct := e.c.acct[c]
	bill := e.wageBill(c)
	bal := w.batch.Balance(acct)
	if bill > 0 {
		r := 1.0
		if bal < bill {
			r = float64(bal) / float64(bill)
			e.c.short[c] = true
		}
		left := bal
		for i := e.c.head[c]; i != none; i = e.m.next[i] {
			pay := e.workerWage(c, i)
			if r < 1 {
				pay = min(ledger.Scale(pay, r), left)
			}
			left -= pay
			if err := e.payMember(w, acct, i, pay, ledger.TxWage, true); err != nil {
				return err
			}
		}
	}
	if !e.monthBeg {
		return nil
	}
	// The bonus share of this month's grant goes to the members at once, as far as
	// the wages left it.
	if g := e.c.grant[c]; g > 0 && useTotal > 0 {
		if err := e.distribute(w, c, min(ledger.Scale(g, use.Bonus/useTotal), w.batch.Balance(acct))); err != nil {
			return err
		}
	}
	// Surplus above the buffer, inputs and grant-funded purchases is paid out.
	keep := ledger.Scale(bill, e.cfg.Coops.BufferMonths/e.perTick) + e.inputNeed(c)
	if g := e.c.grant[c]; g > 0 && useTotal > 0 {
		keep += ledger.Scale(g, (use.Capacity+use.Supplies+use.Innovation)/useTotal)
	}
	if surplus := w.batch.Balance(acct) - keep; surplus > 0 {
		return e.distribute(w, c, surplus)
	}
	return nil
}

// payMember pays member i from a co-op's account. A co-op's own workers are paid by
// its shard alone, so they are credited at once; anyone else when the shards merge.
func (e *Economy) payMember(w *work, from ledger.AccountID, i int32, amount ledger.Amount, kind ledger.TxKind, own bool) error {
	if amount <= 0 {
		return nil
	}
	pay := w.batch.Transfer
	if own {
		pay = w.batch.Pay
	}
	if err := pay(from, e.m.acct[i], amount, kind, 0); err != nil {
		return err
	}
	w.wages += amount
	return nil
}

// distribute pays a co-op's surplus to its members by its type: worker and producer
// co-ops to their workers, consumer co-ops to consumer members nearby, and
// multi-stakeholder co-ops half and half.
func (e *Economy) distribute(w *work, c int, amount ledger.Amount) error {
	if amount <= 0 {
		return nil
	}
	toWorkers := amount
	switch e.c.kind[c] {
	case TypeConsumer:
		toWorkers = 0
	case TypeMultiStakeholder:
		toWorkers = amount / 2
	}
	if e.c.workers[c] == 0 {
		toWorkers = 0
	}
	if toWorkers > 0 {
		n := ledger.Amount(e.c.workers[c])
		each, rest := toWorkers/n, toWorkers%n
		for i := e.c.head[c]; i != none; i = e.m.next[i] {
			a := each
			if rest > 0 {
				a++
				rest--
			}
			if err := e.payMember(w, e.c.acct[c], i, a, ledger.TxBonus, true); err != nil {
				return err
			}
		}
	}
	if toConsumers := amount - toWorkers; toConsumers > 0 {
		// A dividend to up to ten consumer members in the co-op's locality.
		const k = 10
		var picked [k]int32
		n := 0
		for try := 0; try < 4*k && n < k; try++ {
			i := int32(w.rng.IntN(len(e.m.acct)))
			if e.m.active[i] && (e.m.locality[i] == e.c.locality[c] || try >= 2*k) {
				picked[n] = i
				n++
			}
		}
		if n == 0 {
			return nil
		}
		each, rest := toConsumers/ledger.Amount(n), toConsumers%ledger.Amount(n)
		for j := range n {
			a := each
			if ledger.Amount(j) < rest {
				a++
			}
			if err := e.payMember(w, e.c.acct[c], picked[j], a, ledger.TxBonus, false); err != nil {
				return err
			}
		}
	}
	return nil
}

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
// input-output coefficients (scaled down to what the co-op can pay), and at the start
// of a month the grant-funded purchases (supplies, capacity, innovation).
func (e *Economy) coopOrders(w *work, c int) {
	e.c.inputWant[c], e.c.inputGot[c] = 0, 0
	if !e.c.alive[c] {
		return
	}
	use := e.cfg.Coops.GrantUse
	useTotal := use.Bonus + use.Capacity + use.Supplies + use.Innovation
	s := int(e.c.sector[c])
	avail := w.batch.Balance(e.c.acct[c])
	need := e.inputNeed(c)
	r := 1.0
	if need > avail {
		r = float64(avail) / float64(need)
	}
	y := e.platform.Offered(c)
	for _, in := range e.inputs[s] {
		want := ledger.Scale(y, in.coef)
		e.c.inputWant[c] += want
		avail -= e.order(w, c, in.sector, ledger.Scale(want, r), orderInput)
	}
	g := e.c.grant[c]
	if !e.monthBeg || g <= 0 || useTotal == 0 || avail <= 0 {
		return
	}
	spend := func(share float64, kind uint8, sector int) {
		b := min(ledger.Scale(g, share/useTotal), avail)
		if b > 0 && sector >= 0 {
			avail -= e.order(w, c, sector, b, kind)
		}
	}
	supplier := -1
	if len(e.inputs[s]) > 0 {
		supplier = e.inputs[s][w.rng.IntN(len(e.inputs[s]))].sector
	}
	spend(use.Supplies, orderSupplies, supplier)
	spend(use.Capacity, orderCapacity, e.investIn[w.rng.IntN(len(e.investIn))])
	spend(use.Innovation, orderInnovation, e.investIn[w.rng.IntN(len(e.investIn))])
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
	gain := min(e.cfg.Coops.CapacityGain*float64(amount)/float64(y), 0.1)
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

// endOfMonth closes the month just ended: records each line's sales for issuance,
// counts months unable to pay, settles investment obligations, and (unless labour is
// fixed) lets co-ops hire, shed or fail.
func (e *Economy) endOfMonth() {
	for c, alive := range e.c.alive {
		if !alive {
			continue
		}
		sales, demand, offered := e.c.monthSales[c], e.c.monthDemand[c], e.c.monthOffered[c]
		e.lines.RecordSales(c, sales)
		e.c.monthSales[c], e.c.monthDemand[c], e.c.monthOffered[c] = 0, 0, 0
		if e.c.short[c] {
			e.c.unpaid[c]++
		} else {
			e.c.unpaid[c] = 0
		}
		e.c.short[c] = false
		if e.c.owedBy[c] > 0 {
			e.c.owed[c] -= offered
			switch {
			case e.c.owed[c] <= 0:
				e.obligationsMet++
				e.c.owedBy[c], e.c.owed[c] = 0, 0
			case int32(e.month) > e.c.owedBy[c]:
				// The start-up did not offer the value it was funded for: a lesson, never repaid.
				e.obligationsLost++
				e.c.owedBy[c], e.c.owed[c] = 0, 0
			}
		}
		if e.cfg.Fixed.Labour {
			continue
		}
		if int(e.c.unpaid[c]) >= e.cfg.Coops.FailAfterMonths {
			e.fail(c)
			continue
		}
		bill := ledger.Scale(e.wageBill(c), 1/e.perTick)
		switch {
		case e.cfg.Coops.HireWhenSoldOut && demand > offered && offered > 0 && e.m.unemployed != none:
			// Take on the workers the unmet demand calls for, as many as the treasury
			// can pay a month beyond the current wage bill, and at most a quarter more.
			w := e.wage[e.c.sector[c]]
			perWorker := float64(offered) / float64(max(e.c.workers[c], 1))
			need := int(float64(demand-offered)/perWorker) + 1
			afford := int((e.ledger.Balance(e.c.acct[c]) - bill) / max(w, 1))
			for k := min(need, afford, int(e.c.workers[c])/4+1); k > 0 && e.m.unemployed != none; k-- {
				i := e.m.unemployed
				e.hire(c, i, roleWorker)
				e.m.locality[i] = e.c.locality[c]
			}
		case e.cfg.Coops.ShedWhenUnsold && sales*2 < offered && e.c.workers[c] > 1:
			e.release(e.c.head[c])
		}
	}
	e.apprenticesAge()
}

// fail closes co-op c: its offer is withdrawn, what it holds is paid out to its
// members, they move on, and its account is deregistered.
func (e *Economy) fail(c int) {
	acct := e.c.acct[c]
	if bal := e.ledger.Balance(acct); bal > 0 && e.c.workers[c] > 0 {
		kind := e.c.kind[c]
		e.c.kind[c] = TypeWorker
		w := e.seqw
		w.wages = 0
		if err := e.distribute(w, c, bal); err != nil {
			panic(fmt.Sprintf("agents: paying out failed co-op %d: %v", c, err)) // its own balance: cannot fail
		}
		e.ledger.Apply(w.batch)
		e.tickWages += w.wages
		e.c.kind[c] = kind
	}
	for e.c.head[c] != none {
		e.release(e.c.head[c])
	}
	e.c.alive[c] = false
	e.c.alive_--
	e.failed++
	e.platform.Close(c)
	e.ledger.Deregister(acct)
}

package agents

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The labour market (MODEL §5): who works where, hiring and letting go, pay, and the co-ops' month-end: hire when sold out, shed when unsold, fail after K months unable to pay.

func (e *Economy) listHead(c int32) *int32 {
	if c == none {
		return &e.m.unemployed
	}
	return &e.c.head[c]
}

func (e *Economy) link(c, i int32) {
	h := e.listHead(c)
	e.m.prev[i], e.m.next[i] = none, *h
	if *h != none {
		e.m.prev[*h] = i
	}
	*h = i
	if c != none {
		e.c.crew[c] = append(e.c.crew[c], crewMember{e.m.acct[i], e.m.role[i] == roleApprentice})
	}
}

func (e *Economy) unlink(c, i int32) {
	m := &e.m
	if m.prev[i] != none {
		m.next[m.prev[i]] = m.next[i]
	} else {
		*e.listHead(c) = m.next[i]
	}
	if m.next[i] != none {
		m.prev[m.next[i]] = m.prev[i]
	}
	m.next[i], m.prev[i] = none, none
	if c != none {
		// The same worker out of the crew, the others kept in order; searched from
		// the latest, which is who a failing co-op lets go first.
		crew, a := e.c.crew[c], e.m.acct[i]
		for k := len(crew) - 1; k >= 0; k-- {
			if crew[k].acct == a {
				e.c.crew[c] = append(crew[:k], crew[k+1:]...)
				break
			}
		}
	}
}

func (e *Economy) pushUnemployed(i int32) { e.link(none, i) }

// hire moves member i from the unemployed to co-op c.
func (e *Economy) hire(c int, i int32, role uint8) {
	if e.m.employer[i] != none {
		return
	}
	e.unlink(none, i)
	e.m.idle[i] = 0
	e.m.employer[i] = int32(c)
	e.m.role[i] = role
	e.link(int32(c), i)
	e.c.workers[c]++
	e.c.bill[c] += e.workerWage(c, i)
	e.employed++
	if role == roleApprentice {
		e.c.apprentices[c]++
		e.m.apprentice[i] = apprenticeshipMonths
		e.apprentices = append(e.apprentices, i)
	}
}

// release moves member i from its co-op to the unemployed (or out, when barred).
func (e *Economy) release(i int32) {
	c := e.m.employer[i]
	if c == none {
		return
	}
	e.unlink(c, i)
	e.c.workers[c]--
	if e.m.role[i] == roleApprentice {
		e.c.apprentices[c]--
	}
	e.c.bill[c] -= e.workerWage(int(c), i)
	e.employed--
	e.m.employer[i], e.m.role[i] = none, roleNone
	e.m.apprentice[i] = 0
	if e.m.active[i] {
		e.pushUnemployed(i)
	}
}

// crewWage is workerWage for a member of c's crew, reading its role from the crew.
func (e *Economy) crewWage(c int, m crewMember) ledger.Amount {
	s := e.c.sector[c]
	if m.apprentice {
		return e.apprenticeTick[s]
	}
	if mul := e.c.wageMul[c]; mul != 1 {
		return ledger.Scale(e.wageTick[s], mul)
	}
	return e.wageTick[s]
}

// finishApprentice notes in c's crew that member i is an apprentice no more.
func (e *Economy) finishApprentice(c int, i int32) {
	crew, a := e.c.crew[c], e.m.acct[i]
	for k := len(crew) - 1; k >= 0; k-- {
		if crew[k].acct == a {
			crew[k].apprentice = false
			return
		}
	}
}

// workerWage returns member i's pay for one tick in co-op c.
func (e *Economy) workerWage(c int, i int32) ledger.Amount {
	s := e.c.sector[c]
	if e.m.role[i] == roleApprentice {
		return e.apprenticeTick[s]
	}
	if m := e.c.wageMul[c]; m != 1 {
		return ledger.Scale(e.wageTick[s], m)
	}
	return e.wageTick[s]
}

// wageBill returns co-op c's pay for one tick.
func (e *Economy) wageBill(c int) ledger.Amount { return e.c.bill[c] }

// endOfMonth closes the month just ended: records each line's sales for issuance,
// counts months unable to pay, settles investment obligations, and (unless labour is
// fixed) lets co-ops hire, shed or fail.
func (e *Economy) endOfMonth() {
	for c, alive := range e.c.alive {
		if !alive {
			continue
		}
		if d := e.cfg.Coops.Depreciation; d > 0 {
			// capacity built by investment wears out
			if base := e.cfg.Sectors[e.c.sector[c]].Productivity; e.c.productivity[c] > base {
				e.c.productivity[c] = base + (e.c.productivity[c]-base)*(1-d)
			}
		}
		sales, demand, offered := e.c.monthSales[c], e.c.monthDemand[c], e.c.monthOffered[c]
		e.lines.RecordSales(c, e.grantBasis(c, sales))
		e.c.lastSales[c], e.c.lastDemand[c], e.c.lastOffered[c] = sales, demand, offered
		e.releaseEarmark(c)
		if e.advancing() {
			e.repayAdvance(c, sales)
		}
		e.c.monthSales[c], e.c.monthDemand[c], e.c.monthOffered[c] = 0, 0, 0
		e.c.unpaid[c] = int16(MonthsUnpaid(int(e.c.unpaid[c]), e.c.short[c]))
		e.c.short[c] = false
		switch met, missed := e.c.obligation[c].Settle(offered, e.month-1); {
		case met:
			e.obligationsMet++
		case missed:
			// The start-up did not offer the value it was funded for: a lesson, never repaid.
			e.obligationsLost++
		}
		if e.cfg.Fixed.Labour {
			continue
		}
		if e.cfg.Coops.Fails(int(e.c.unpaid[c])) {
			e.fail(c)
			continue
		}
		if e.c.controlled[c] {
			continue // its pay and hiring are decided from outside (SetCoopWage, Hire, Release)
		}
		if e.cfg.Coops.Pay == "within_means" {
			e.setPay(c, sales)
		}
		bill := ledger.Scale(e.wageBill(c), 1/e.perTick)
		if t := e.c.target[c]; t > 0 && e.m.unemployed != none {
			// the plan asks for more than the workers can make: hire towards it
			perWorker := e.c.productivity[c]
			if need := int((t - float64(e.c.workers[c])*perWorker) / max(perWorker, 1e-9)); need > 0 {
				w := e.CoopWage(c)
				afford := int((e.ledger.Balance(e.c.acct[c]) - bill) / max(w, 1))
				for k := min(need, afford, int(e.c.workers[c])/4+1); k > 0 && e.m.unemployed != none; k-- {
					i := e.m.unemployed
					e.hire(c, i, roleWorker)
					e.m.locality[i] = e.c.locality[c]
				}
				continue
			}
		}
		switch {
		case e.cfg.Coops.HireWhenSoldOut && demand > offered && offered > 0 && e.m.unemployed != none:
			// Take on the workers the unmet demand calls for, as many as the treasury
			// can pay a month beyond the current wage bill, and at most a quarter more.
			w := e.CoopWage(c)
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
	e.issuer.Close(&e.lines, c)
	if g := e.ledger.Grant(acct); g > 0 && e.cfg.Issuance.OnClose == "burn" {
		if err := e.ledger.Burn(acct, g, int64(c)); err != nil {
			panic(fmt.Sprintf("agents: burning failed co-op %d's grant tokens: %v", c, err)) // its own grant tokens: cannot fail
		}
		e.closeBurned += g
	}
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

// turnover is the labour market's month (MODEL §5: members can quit, move between
// co-ops and leave): workers quit at member.quit a month and join those looking for
// work, whom any co-op hires next; members out of work for member.leave_after months
// leave the economy at member.leave a month, taking their tokens with them.
func (e *Economy) turnover(t sim.Tick) error {
	sim.Seed(&e.src, e.seed, 1, t.N, sim.PurposeMembers)
	mb := e.cfg.Member
	for i := range e.m.acct {
		if !e.m.active[i] {
			continue
		}
		m := int32(i)
		switch {
		case e.m.employer[i] == none:
			if e.m.idle[i] < 1<<14 {
				e.m.idle[i]++
			}
			if mb.Leave > 0 && int(e.m.idle[i]) > mb.LeaveAfter && sim.Float64(&e.src) < mb.Leave {
				e.unlinkIfUnemployed(m)
				e.m.active[i] = false
				e.m.count--
				e.left++
				e.leavers++
				e.ledger.Deregister(e.m.acct[i])
			}
		case e.m.role[i] == roleWorker && mb.Quit > 0 && sim.Float64(&e.src) < mb.Quit: // e.rng's draw, read directly
			e.quitters = append(e.quitters, m)
		}
	}
	// Each co-op a worker leaves hires in its place whoever was looking for work
	// already; the quitters look from next month (a month of search: frictional
	// unemployment), when any co-op may hire them.
	for _, q := range e.quitters {
		if i, c := e.m.unemployed, e.m.employer[q]; i != none {
			e.hire(int(c), i, roleWorker)
			e.m.locality[i] = e.c.locality[c]
		}
	}
	for _, q := range e.quitters {
		e.release(q)
		e.quits++
	}
	e.quitters = e.quitters[:0]
	return nil
}

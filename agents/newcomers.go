package agents

import (
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Newcomers (MODEL §5): members join by invitation, a guarantor bearing subsidiary liability; now and then a newcomer defrauds a co-op and is barred.

// membersMonth brings in newcomers by invitation, and lets a newcomer now and then
// defraud a co-op: the fraud is detected, the offender barred from every co-op (rule 1
// then rejects its payments), and the guarantor compensates the co-op.
func (e *Economy) membersMonth(t sim.Tick) error {
	tick := t.N
	sim.Seed(&e.src, e.seed, 0, tick, sim.PurposeMembers)
	mb := e.cfg.Member
	expected := float64(e.m.count) * mb.Invitations / 12
	k := int(expected)
	if e.rng.Float64() < expected-float64(k) {
		k++
	}
	for range k {
		if err := e.invite(); err != nil {
			return err
		}
	}
	sim.Seed(&e.src, e.seed, 0, tick, sim.PurposeFraud)
	for _, i := range e.barred {
		// A barred member may still try to buy: the ledger refuses (rule 1).
		if e.rng.Float64() < 0.25 && len(e.c.acct) > 0 {
			c := e.rng.IntN(len(e.c.acct))
			if bal := e.ledger.Balance(e.m.acct[i]); bal > 0 {
				_ = e.ledger.Transfer(e.m.acct[i], e.c.acct[c], bal, ledger.TxPurchase, int64(c))
			}
		}
	}
	// Newcomers are newcomers for two years: the only members who may defraud a co-op.
	for len(e.recent) > 0 && int(e.m.joinedAt[e.recent[0]]) < e.month-newcomerMonths {
		e.recent = e.recent[1:]
	}
	if mb.FraudRate == 0 {
		return nil
	}
	for _, i := range e.recent {
		if !e.m.active[i] || e.rng.Float64() >= mb.FraudRate {
			continue
		}
		if err := e.fraud(i); err != nil {
			return err
		}
	}
	return nil
}

// newcomerMonths is how long an invited member counts as a newcomer.
const newcomerMonths = 24

// invite brings in a newcomer invited by a random active member, who guarantees it.
func (e *Economy) invite() error {
	for range 20 {
		g := int32(e.rng.IntN(len(e.m.acct)))
		if e.m.active[g] {
			e.addMember(e.m.locality[g], g)
			return nil
		}
	}
	return nil
}

// fraud: member i takes fraud_value of goods from a random live co-op without paying
// (the co-op's next offer is short by them); it is found out and barred, its holdings
// are frozen and repay the co-op first, and its guarantor pays only what they cannot
// (subsidiary liability, Liability); the rest is the co-op's loss.
func (e *Economy) fraud(i int32) error {
	c := e.randomCoop()
	if c < 0 {
		return nil
	}
	taken := ledger.Tokens(e.cfg.Member.FraudValue)
	e.c.stolen[c] += taken
	acct := e.m.acct[i]
	var gBal ledger.Amount
	g := e.m.guarantor[i]
	if g != none && e.m.active[g] {
		gBal = e.ledger.Balance(e.m.acct[g])
	}
	fromOwn, fromG, loss := Liability(taken, e.ledger.Holdings(acct), gBal)
	if short := fromOwn - e.ledger.Balance(acct); short > 0 {
		if err := e.ledger.Withdraw(acct, short); err != nil {
			return err
		}
	}
	if fromOwn > 0 {
		if err := e.ledger.Transfer(acct, e.c.acct[c], fromOwn, ledger.TxCompensation, int64(i)); err != nil {
			return err
		}
	}
	if fromG > 0 {
		if err := e.ledger.Transfer(e.m.acct[g], e.c.acct[c], fromG, ledger.TxCompensation, int64(i)); err != nil {
			return err
		}
	}
	e.fraudTaken += taken
	e.fraudOwn += fromOwn
	e.fraudGuarantor += fromG
	e.fraudLoss += loss
	e.release(i)
	e.m.active[i] = false
	e.unlinkIfUnemployed(i)
	e.m.count--
	e.left++
	e.barred = append(e.barred, i)
	e.ledger.Deregister(e.m.acct[i])
	return nil
}

// unlinkIfUnemployed takes a member who is leaving off the unemployed list.
func (e *Economy) unlinkIfUnemployed(i int32) {
	if e.m.employer[i] != none {
		return
	}
	if e.m.prev[i] != none || e.m.unemployed == i {
		e.unlink(none, i)
	}
}

// randomCoop returns a random live co-op, or -1.
func (e *Economy) randomCoop() int {
	n := len(e.c.acct)
	if e.c.alive_ == 0 || n == 0 {
		return -1
	}
	for range 32 {
		if c := e.rng.IntN(n); e.c.alive[c] {
			return c
		}
	}
	for c, a := range e.c.alive {
		if a {
			return c
		}
	}
	return -1
}

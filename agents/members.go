package agents

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Member behaviour (MODEL §5): save part of income, draw on savings when out of work,
// spend a share of what they hold across the categories by preference, buying from
// the offers they know (looking again now and then); newcomers join by invitation
// with a guarantor who is liable for them.

// memberOrders has the active members lo..hi-1 save what their income allows, draw
// on savings, and order with a share of what they hold, spread over the categories.
func (e *Economy) memberOrders(w *work, lo, hi int) error {
	spend := 1 - math.Pow(1-e.cfg.Member.Spend, e.perTick)
	save, withdraw := e.cfg.Member.Save, e.cfg.Member.Withdraw
	if e.cfg.Fixed.Members {
		save, withdraw = 0, 0
	}
	lookAgain := e.cfg.Member.Switch * e.perTick
	nS, nL := len(e.sectors), e.platform.Localities()
	b, l, p := w.batch, e.ledger, e.platform
	for i := lo; i < hi; i++ {
		e.m.budget[i] = 0
		if !e.m.active[i] {
			clear(e.m.orderVal[i*nS : i*nS+nS])
			continue
		}
		acct := e.m.acct[i]
		// Income is what arrived since the member last shopped.
		if inc := b.Balance(acct) - e.m.prevBal[i]; inc > 0 && save > 0 {
			if s := ledger.Scale(inc, save); s > 0 && s <= l.Ordinary(acct) {
				if err := b.Save(acct, s); err != nil {
					return err
				}
			}
		}
		if withdraw > 0 {
			r := withdraw * e.perTick
			if e.m.employer[i] == none {
				r = min(1, 3*r) // out of work: draw on savings faster
			}
			if s := ledger.Scale(l.Savings(acct), r); s > 0 {
				if err := b.Withdraw(acct, s); err != nil {
					return err
				}
			}
		}
		budget := ledger.Scale(b.Balance(acct), spend)
		if budget <= 0 {
			continue
		}
		e.m.budget[i] = budget
		loc := e.m.locality[i]
		// Now and then a member looks again for a better offer in one category.
		again := -1
		if lookAgain > 0 && w.rng.Float64() < lookAgain {
			again = w.rng.IntN(nS)
		}
		prefs := e.m.pref[i*nS : i*nS+nS]
		vals := e.m.orderVal[i*nS : i*nS+nS]
		for s, share := range e.shareQ {
			vals[s] = 0
			bs := share.Of(budget)
			if bs <= 0 {
				continue
			}
			o := int(prefs[s])
			if s == again || o == none || !p.Open[o] {
				o = p.Choose(w.rng, s, int(loc), -1)
				prefs[s] = int32(o)
			}
			if o == none {
				w.unmet[s*nL+int(loc)] += bs
				continue
			}
			v := e.orderValue(bs, loc, o)
			vals[s] = v
			w.demand[o] += v
		}
	}
	return nil
}

// settleMembers has the members lo..hi-1 pay for what their orders got, and the
// transport levy on it.
//
// A member's purchases are paid as one basket: each payment checked against the
// rules, the member debited once.
func (e *Economy) settleMembers(w *work, lo, hi int) error {
	nS, nL := len(e.sectors), e.platform.Localities()
	p, b := e.platform, w.batch
	for i := lo; i < hi; i++ {
		acct := e.m.acct[i]
		if e.m.budget[i] > 0 {
			loc := int(e.m.locality[i])
			prefs := e.m.pref[i*nS : i*nS+nS]
			ks, amounts := w.ks[:0], w.amounts[:0]
			var total, levy ledger.Amount
			for s, v := range e.m.orderVal[i*nS : i*nS+nS] {
				if v <= 0 {
					continue
				}
				o := int(prefs[s])
				paid, at := p.FillAt(o, v)
				if rest := v - paid; rest > 0 {
					w.unmet[s*nL+loc] += rest
				}
				if paid <= 0 {
					continue
				}
				levy += p.Levy(paid, loc, at)
				total += paid
				ks, amounts = append(ks, int32(o)), append(amounts, paid)
			}
			if have := b.Balance(acct); total+levy > have {
				// Rounding can leave a member a unit short; buy what the balance allows.
				r := float64(have) / float64(total+levy)
				total, levy = 0, ledger.Amount(float64(levy)*r)
				for j, a := range amounts {
					amounts[j] = ledger.Amount(float64(a) * r)
					total += amounts[j]
				}
			}
			paid, err := b.TransferToAll(acct, ks, amounts, ledger.TxPurchase, 0)
			if err != nil {
				return fmt.Errorf("member %d's purchases: %w", i, err)
			}
			w.sales += paid
			w.ks, w.amounts = ks, amounts
			if err := e.payLevy(w, acct, levy); err != nil {
				return err
			}
		}
		if e.m.active[i] {
			e.m.prevBal[i] = b.Balance(acct)
		}
	}
	return nil
}

// membersMonth brings in newcomers by invitation, and lets a newcomer now and then
// defraud a co-op: the fraud is detected, the offender barred from every co-op (rule 1
// then rejects its payments), and the guarantor compensates the co-op.
func (e *Economy) membersMonth(tick int) error {
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

// fraud: member i takes fraud_value from a random live co-op; it is barred, and its
// guarantor makes good what it can (subsidiary liability).
func (e *Economy) fraud(i int32) error {
	c := e.randomCoop()
	if c < 0 {
		return nil
	}
	e.release(i)
	e.m.active[i] = false
	e.unlinkIfUnemployed(i)
	e.m.count--
	e.left++
	e.barred = append(e.barred, i)
	e.ledger.Deregister(e.m.acct[i])
	g := e.m.guarantor[i]
	if g == none || !e.m.active[g] {
		return nil
	}
	owed := min(ledger.Tokens(e.cfg.Member.FraudValue), e.ledger.Balance(e.m.acct[g]))
	if owed <= 0 {
		return nil
	}
	return e.ledger.Transfer(e.m.acct[g], e.c.acct[c], owed, ledger.TxCompensation, int64(i))
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

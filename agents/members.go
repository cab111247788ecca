package agents

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/exchange"
	"github.com/copex/copex/sim/ledger"
)

// Member behaviour (MODEL §5): save part of income, draw on savings when out of work,
// spend a share of what they hold across the categories by preference, buying from
// the offers they know (looking again now and then); newcomers join by invitation
// with a guarantor who is liable for them.

// memberOrders has the active members lo..hi-1 save what their income allows, draw
// on savings, and order with a share of what they hold, spread over the categories.
//
// A member spends member.spend of what it holds in a month: of what it held at the
// month's start and of what it receives during it. On a monthly clock that is the
// share of its balance when it shops, its month's pay and payout just received. On a
// weekly clock the month's spending is the same, spread over the month as its income
// is: each tick it spends the share of what came in since it last shopped (its pay and
// its part of the payout), and an equal part, over the month's ticks, of the share of
// what it held at the month's start. (Spending a share of the balance each week
// instead, compounded to the month's share, spends that share of the month's first
// holdings but less of what arrives later: a weekly member held more and spent less of
// its income within the month, and the weekly economy ran on less money.) What
// rationing leaves unspent stays in hand and counts in the next month's holdings, as on
// a monthly clock.
func (e *Economy) memberOrders(w *work, lo, hi int) error {
	spend := e.cfg.Member.Spend
	save, withdraw := e.cfg.Member.Save, e.cfg.Member.Withdraw
	if e.cfg.Fixed.Members {
		save, withdraw = 0, 0
	}
	// Savings are drawn at withdraw a month (three times as fast out of work), compounded
	// over the tick's share of a month.
	drawWorking, drawIdle := withdraw, min(1, 3*withdraw)
	if e.perTick < 1 {
		drawWorking, drawIdle = 1-math.Pow(1-drawWorking, e.perTick), 1-math.Pow(1-drawIdle, e.perTick)
	}
	ticksLeft := ledger.Amount(max(e.ticksLeft, 1))
	lookAgain := e.cfg.Member.Switch * e.perTick
	nS := len(e.sectors)
	b, l, p := w.batch, e.ledger, e.platform
	for i := lo; i < hi; i++ {
		e.m.budget[i] = 0
		if !e.m.active[i] {
			for s := range e.m.lines[i*nS : i*nS+nS] {
				e.m.lines[i*nS+s].val = 0
			}
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
			r := drawWorking
			if e.m.employer[i] == none {
				r = drawIdle // out of work: draw on savings faster
			}
			if s := ledger.Scale(l.Savings(acct), r); s > 0 {
				if err := b.Withdraw(acct, s); err != nil {
					return err
				}
			}
		}
		bal := b.Balance(acct)
		w.buyerMoney += bal
		budget := ledger.Scale(bal, spend)
		if ticksLeft > 1 || !e.monthBeg {
			// A month of several ticks: the share of what came in since it last shopped,
			// and a part of the share of what it held at the month's start.
			got := max(0, bal-e.m.prevBal[i])
			if e.monthBeg {
				e.m.monthLeft[i] = ledger.Scale(bal-got, spend)
			}
			part := e.m.monthLeft[i] / ticksLeft
			e.m.monthLeft[i] -= part
			budget = min(ledger.Scale(got, spend)+part, bal)
		}
		if budget <= 0 {
			continue
		}
		e.m.budget[i] = budget
		loc := e.m.locality[i]
		// Now and then a member looks again for a better offer in one category.
		again := -1
		if lookAgain > 0 && sim.Float64(&w.src) < lookAgain { // w.rng's draws, read directly
			again = sim.IntN(&w.src, nS)
		}
		lines := e.m.lines[i*nS : i*nS+nS]
		e.orderBasket(w, p.RoomFrom(int(loc)), budget, again, loc, lines)
	}
	return nil
}

// orderBasket has a member with budget order in every category s from its offer
// there (lines[s].pref, looking again in category again, or where its offer closed),
// lines[s].val; room is the share of a budget at the member's locality left for goods
// from each locality, after the levy (nil on a platform with too many localities for
// a table: orderValue works it out).
func (e *Economy) orderBasket(w *work, room []ledger.Rate, budget ledger.Amount, again int, loc int16, lines []line) {
	p := e.platform
	open, locality, demand := p.Open, p.Locality, w.demand
	for s, share := range e.shareQ[:len(lines)] {
		ln := &lines[s]
		ln.val = 0
		bs := share.Of(budget)
		if bs <= 0 {
			continue
		}
		o := int(ln.pref)
		if s == again || o == none || !open[o] {
			o = e.chooseFor(w, s, loc, bs)
			if ln.pref = int32(o); o == none {
				continue
			}
		}
		var v ledger.Amount
		if room != nil {
			v = room[locality[o]].Of(bs)
		} else {
			v = e.orderValue(bs, loc, o)
		}
		ln.val = v
		demand[o] += v
	}
}

// chooseFor has a member at loc choose an offer in sector s, listing a want of bs as
// unmet when there is none (none).
func (e *Economy) chooseFor(w *work, s int, loc int16, bs ledger.Amount) int {
	p := e.platform
	o := p.ChooseFrom(w.rng, &w.src, s, int(loc), -1)
	if o == none {
		w.unmet[s*p.Localities()+int(loc)] += bs
	}
	return o
}

// settleMembers has the members lo..hi-1 pay for what their orders got, and the
// transport levy on it.
//
// A member's purchases are paid as one basket: each payment checked against the
// rules, the member debited once.
func (e *Economy) settleMembers(w *work, lo, hi int) error {
	nS := len(e.sectors)
	p, b := e.platform, w.batch
	first, second := p.FillTables()
	for i := lo; i < hi; i++ {
		acct := e.m.acct[i]
		if e.m.budget[i] > 0 {
			loc := int(e.m.locality[i])
			lines := e.m.lines[i*nS : i*nS+nS]
			ks, amounts := w.ks[:2*nS], w.amounts[:2*nS]
			var total, levy ledger.Amount
			if row := p.LevyFrom(loc); row != nil {
				var n int
				total, levy, n = settleBasket(first, second, row, lines, ks, amounts, w.unmet[loc:], p.Localities())
				ks, amounts = ks[:n], amounts[:n]
			} else {
				total, levy = e.settleBasketFar(loc, lines, ks, amounts, w.unmet)
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

// settleBasket works out a member's basket: per sector s, what its first offer filled
// of the order (lines[s].val), what the second offer filled of the rest, and the
// unmet rest, added to unmet[s*stride] (the member's locality's column of the shard's
// unmet wants). It writes the payees and amounts to ks and amounts, per sector the
// second offer's where it filled some, then the first offer's (zero when nothing was
// ordered: the payment leaves it out), and returns the basket's total, the levy on it
// at the levy rates of row (the member's locality's to each locality) and the number
// of payments written. Written without a branch on the data (whether an offer
// rationed the order, whether its rest found a second offer): a sector nothing was
// ordered from, or a rest with no second offer, reads the tables' Fill of nothing and
// adds zeros.
func settleBasket(first, second []exchange.Fill, row []ledger.Rate, lines []line, ks []int32, amounts []ledger.Amount, unmet []ledger.Amount, stride int) (total, levy ledger.Amount, n int) {
	u := 0
	for s := range lines {
		ln := &lines[s]
		f, f2 := first[ln.pref+1], second[ln.alt+1]
		paid := f.Of(ln.val)  // what the first offer filled; val >= 0, 0 when nothing was ordered
		rest := ln.val - paid // went to the second offer
		got := f2.Of(rest)    // which filled what it could
		unmet[u] += rest - got
		u += stride
		levy += row[f2.Locality()].Of(got) + row[f.Locality()].Of(paid)
		total += got + paid
		// the second offer's part only where it filled some (about half the time)
		ks[n], amounts[n] = ln.alt, got
		n += positive(got)
		ks[n], amounts[n] = ln.pref, paid
		n++
	}
	return total, levy, n
}

// settleBasketFar is settleBasket for a platform with too many localities for a table
// of levy rates.
func (e *Economy) settleBasketFar(loc int, lines []line, ks []int32, amounts, unmet []ledger.Amount) (total, levy ledger.Amount) {
	p := e.platform
	nL := p.Localities()
	for s, ln := range lines {
		paid, fl := p.FillAt(int(ln.pref), ln.val)
		got, fl2 := p.FillAt2(int(ln.alt), ln.val-paid)
		unmet[s*nL+loc] += ln.val - paid - got
		if got > 0 {
			levy += p.Levy(got, loc, fl2)
		}
		if paid > 0 {
			levy += p.Levy(paid, loc, fl)
		}
		total += got + paid
		ks[2*s], amounts[2*s] = ln.alt, got
		ks[2*s+1], amounts[2*s+1] = ln.pref, paid
	}
	return total, levy
}

// positive returns 1 when a > 0, else 0, without a branch.
func positive(a ledger.Amount) int { return int(uint64(-a) >> 63) }

// MemberBehaviour is members' default behaviour.
type MemberBehaviour struct {
	Spend          float64 `yaml:"spend" json:"spend" min:"0" max:"1" doc:"share of spendable tokens spent each month"`
	Save           float64 `yaml:"save" json:"save" min:"0" max:"1" doc:"share of income moved to savings"`
	Withdraw       float64 `yaml:"withdraw" json:"withdraw" min:"0" max:"1" doc:"share of savings drawn each month (three times as much when out of work)"`
	InitialBalance float64 `yaml:"initial_balance" json:"initial_balance" min:"0" max:"1e12" doc:"tokens each member starts with (0 in the exchange-token economy)"`
	Invitations    float64 `yaml:"invitations" json:"invitations" min:"0" max:"1" doc:"newcomers invited per member per year"`
	FraudRate      float64 `yaml:"fraud_rate" json:"fraud_rate" min:"0" max:"1" doc:"chance a month that a newcomer defrauds a co-op"`
	FraudValue     float64 `yaml:"fraud_value" json:"fraud_value" min:"0" max:"1e12" doc:"value of goods a fraud takes from a co-op, tokens: the fraudster's holdings repay first, its guarantor only the rest"`
	Switch         float64 `yaml:"switch" json:"switch" min:"0" max:"1" doc:"chance a month that a member looks again for a better offer in one category"`
	Unemployed     float64 `yaml:"unemployed" json:"unemployed" min:"0" max:"1" doc:"share of members not working in a co-op at the start"`
	// Quit is the chance a month that a worker leaves its co-op to look for work
	// elsewhere (it is hired again from the members out of work, by any co-op).
	Quit float64 `yaml:"quit" json:"quit" min:"0" max:"1" doc:"chance a month that a worker quits its co-op to work elsewhere"`
	// Leave is the chance a month that a member out of work for LeaveAfter months or
	// more leaves the economy, with its tokens.
	Leave      float64 `yaml:"leave" json:"leave" min:"0" max:"1" doc:"chance a month that a member long out of work leaves the economy"`
	LeaveAfter int     `yaml:"leave_after" json:"leave_after" min:"0" max:"1200" doc:"months out of work before a member may leave"`
}

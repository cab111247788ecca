package agents

import (
	"fmt"
	"math"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// Co-ops run from outside the economy's own rules: GetGo's player, a workshop
// participant, a subsystem's for-profit firms. They trade on the same platform, are
// granted by the same issuance rules, pay and buy on the same ledger, and can fail as
// any co-op does; what changes is who decides their price, pay, output and hiring.
// Each of these is called between ticks (never from a phase running in parallel).

// Found registers a new worker co-op now, in sector at locality, and hires up to
// workers founders from the members looking for work (new members join for the rest,
// with nothing on account). It returns the co-op's number.
func (e *Economy) Found(sector, locality, workers int) (int, error) {
	switch {
	case sector < 0 || sector >= len(e.sectors):
		return 0, fmt.Errorf("agents: no sector %d (there are %d)", sector, len(e.sectors))
	case locality < 0 || locality >= max(e.cfg.Localities, 1):
		return 0, fmt.Errorf("agents: no locality %d (there are %d)", locality, max(e.cfg.Localities, 1))
	case workers < 1 || workers > 1<<16:
		return 0, fmt.Errorf("agents: a co-op founded by %d members", workers)
	}
	c := e.addCoop(sector, locality, TypeWorker, -1)
	for hired := e.Hire(c, workers); hired < workers; hired++ {
		i := e.addMember(int16(locality), none)
		e.hire(c, int32(i), roleWorker)
		e.m.locality[i] = int16(locality)
	}
	return c, nil
}

// Fund has the Foundation pay co-op c up to amount from its own balance, as its
// start-up programme funds the economy's start-ups, and returns what it paid (less
// when the Foundation holds less). The funding is kept back from the surplus the co-op
// pays its members, a smaller part each month over foundation.startup_months, so that
// it funds the start-up rather than a bonus.
func (e *Economy) Fund(c int, amount ledger.Amount) (ledger.Amount, error) {
	if !e.c.alive[c] {
		return 0, fmt.Errorf("agents: co-op %d has closed", c)
	}
	return e.fundStartup(c, amount)
}

// fundStartup pays co-op c up to amount from the Foundation's start-up programme (less
// when the Foundation holds less) and earmarks it: the earmark is kept back from the
// surplus the co-op pays its members (payout's keep), and a part of what is left of it
// is released each month over foundation.startup_months (releaseEarmark), so that the
// funding pays the start-up's wages and inputs rather than a bonus. It is the one rule
// for every start-up the Foundation funds: the economy's own (startups) and those a
// facilitator or player founds (Fund). It returns what it paid.
func (e *Economy) fundStartup(c int, amount ledger.Amount) (ledger.Amount, error) {
	pay := min(max(amount, 0), e.ledger.Balance(e.foundation))
	if pay <= 0 {
		return 0, nil
	}
	if err := e.payCoop(ProgStartups, c, pay); err != nil {
		return 0, err
	}
	e.earmark(c, pay)
	return pay, nil
}

// earmark keeps amount of co-op c's treasury back from the surplus it pays its members,
// released over foundation.startup_months: a start-up's funding, whether paid by the
// Foundation's programme or issued as investment.
func (e *Economy) earmark(c int, amount ledger.Amount) {
	e.c.earmark[c] += max(amount, 0)
}

// releaseEarmark lets a month's part of co-op c's funding go into what it may pay out.
func (e *Economy) releaseEarmark(c int) {
	if m := e.cfg.Foundation.StartupMonths; e.c.earmark[c] > 0 {
		e.c.earmark[c] -= ledger.Scale(e.c.earmark[c], 1/max(m, 1))
	}
}

// SetControlled sets whether co-op c is run from outside: when on, the economy's own
// rules do not hire or shed for it at the month's end (Hire and Release do) and its
// price stays where SetCoopPrice put it (the platform's price rule leaves it).
func (e *Economy) SetControlled(c int, on bool) {
	e.c.controlled[c] = on
	e.platform.Held[c] = on
}

// Controlled reports whether co-op c is run from outside (SetControlled).
func (e *Economy) Controlled(c int) bool { return e.c.controlled[c] }

// SetCoopWage sets co-op c's monthly pay of a worker (apprentices keep the
// Foundation's stipend), at least one micro-token; its wage bill follows at once.
func (e *Economy) SetCoopWage(c int, monthly ledger.Amount) {
	s := e.c.sector[c]
	base := e.wage[s]
	if base <= 0 {
		return
	}
	e.c.wageMul[c] = max(float64(monthly), 1) / float64(base)
	e.rebill(c)
}

// CoopWage returns co-op c's monthly pay of a worker now (its sector's wage, indexed
// to costs where the scenario says so, times its own multiple).
func (e *Economy) CoopWage(c int) ledger.Amount {
	return ledger.Scale(ledger.Scale(e.wage[e.c.sector[c]], e.costIndex), e.c.wageMul[c])
}

// rebill recomputes co-op c's wage bill from its workers.
func (e *Economy) rebill(c int) {
	var bill ledger.Amount
	for i := e.c.head[c]; i != none; i = e.m.next[i] {
		bill += e.workerWage(c, i)
	}
	e.c.bill[c] = bill
}

// SetCoopGranted sets whether co-op c is granted tokens for its offers (a for-profit
// firm on an open platform may not be).
func (e *Economy) SetCoopGranted(c int, on bool) {
	if e.c.noGrant[c] == !on {
		return
	}
	e.c.noGrant[c] = !on
	if on {
		e.notGranted--
	} else {
		e.notGranted++
	}
}

// grantable returns the co-ops the month's grants may go to: the alive ones, less any
// set not to be granted.
func (e *Economy) grantable() []bool {
	if e.notGranted == 0 {
		return e.c.alive
	}
	e.eligible = slices.Grow(e.eligible[:0], len(e.c.alive))[:len(e.c.alive)]
	for c, a := range e.c.alive {
		e.eligible[c] = a && !e.c.noGrant[c]
	}
	return e.eligible
}

// SetCoopGrantUse sets how co-op c spends its grant tokens (shares of a bonus to its
// members, capacity, supplies and innovation, normalised; all 0: not earmarked, spent
// as any other token), in place of the scenario's mix.
func (e *Economy) SetCoopGrantUse(c int, use GrantUse) error {
	for _, v := range []float64{use.Bonus, use.Capacity, use.Supplies, use.Innovation} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("agents: a grant-use share of %g", v)
		}
	}
	if e.grantUses == nil {
		e.grantUses = map[int32]GrantUse{}
	}
	e.grantUses[int32(c)] = use
	return nil
}

// Hire takes on up to n members looking for work into co-op c and returns how many it
// hired (fewer when fewer are looking).
func (e *Economy) Hire(c, n int) int {
	if !e.c.alive[c] {
		return 0
	}
	k := 0
	for ; k < n && e.m.unemployed != none; k++ {
		i := e.m.unemployed
		e.hire(c, i, roleWorker)
		e.m.locality[i] = e.c.locality[c]
	}
	return k
}

// Release lets up to n of co-op c's workers go (the most recently hired first), keeping
// at least one, and returns how many left.
func (e *Economy) Release(c, n int) int {
	k := 0
	for ; k < n && e.c.workers[c] > 1; k++ {
		e.release(e.c.head[c])
	}
	return k
}

// CoopProductivity returns co-op c's units made per worker-month.
func (e *Economy) CoopProductivity(c int) float64 { return e.c.productivity[c] }

// SetCoopProductivity sets co-op c's units per worker-month (equipment bought, scale
// economies), at least 0.
func (e *Economy) SetCoopProductivity(c int, units float64) {
	if units >= 0 && !math.IsInf(units, 0) {
		e.c.productivity[c] = units
	}
}

// Buy has co-op buyer buy up to value of co-op seller's goods now, between ticks, at
// seller's price: a trade agreed off the platform's matching (a workshop participant's,
// a GetGo player's). It is a purchase on the ledger, with the transport levy on top
// across localities as on the platform; the goods come out of the seller's next offer
// (as goods taken by fraud do) and the sale counts in its month's sales, and so in its
// grants. At most a tick's goods of the seller not already promised, and what the
// buyer holds less the levy; it returns the value bought.
func (e *Economy) Buy(buyer, seller int, value ledger.Amount) (ledger.Amount, error) {
	switch {
	case buyer == seller:
		return 0, fmt.Errorf("agents: co-op %d buying from itself", buyer)
	case buyer < 0 || buyer >= len(e.c.acct) || !e.c.alive[buyer]:
		return 0, fmt.Errorf("agents: no co-op %d trading to buy", buyer)
	case seller < 0 || seller >= len(e.c.acct) || !e.c.alive[seller]:
		return 0, fmt.Errorf("agents: no co-op %d trading to sell", seller)
	}
	price := e.platform.Price[seller]
	room := ledger.Trunc(e.platform.Capacity[seller]*float64(price)) - e.c.stolen[seller]
	from, to := int(e.c.locality[buyer]), int(e.c.locality[seller])
	afford := e.platform.BeforeLevy(e.ledger.Balance(e.c.acct[buyer]), from, to)
	v := min(value, room, afford)
	if v <= 0 {
		return 0, nil
	}
	if err := e.ledger.Transfer(e.c.acct[buyer], e.c.acct[seller], v, ledger.TxPurchase, int64(seller)); err != nil {
		return 0, err
	}
	if levy := e.platform.Levy(v, from, to); levy > 0 {
		if err := e.ledger.Transfer(e.c.acct[buyer], e.foundation, levy, ledger.TxLevy, int64(seller)); err != nil {
			return 0, err
		}
		e.foundIncome += levy
	}
	e.c.stolen[seller] += v
	e.c.monthSales[seller] += v
	return v, nil
}

// SellTo has member i buy up to value of co-op c's goods the last tick left unsold,
// between ticks, at c's price, with the transport levy on top across localities: a
// co-op's own regular customers (GetGo's customer base) buying off the platform. The sale
// counts in c's month's sales, and so in its grants. At most what the tick left unsold
// (less what such sales took already) and what the member holds less the levy; it
// returns the value bought.
func (e *Economy) SellTo(c, i int, value ledger.Amount) (ledger.Amount, error) {
	switch {
	case c < 0 || c >= len(e.c.acct) || !e.c.alive[c]:
		return 0, fmt.Errorf("agents: no co-op %d trading to sell", c)
	case i < 0 || i >= len(e.m.acct) || !e.m.active[i]:
		return 0, fmt.Errorf("agents: no member %d to buy", i)
	}
	p := e.platform
	unsold := p.Offered(c) - p.Sold[c] - e.c.soldOff[c]
	from, to := int(e.m.locality[i]), int(e.c.locality[c])
	v := min(value, unsold, p.BeforeLevy(e.ledger.Balance(e.m.acct[i]), from, to))
	if v <= 0 {
		return 0, nil
	}
	if err := e.ledger.Transfer(e.m.acct[i], e.c.acct[c], v, ledger.TxPurchase, int64(c)); err != nil {
		return 0, err
	}
	if levy := p.Levy(v, from, to); levy > 0 {
		if err := e.ledger.Transfer(e.m.acct[i], e.foundation, levy, ledger.TxLevy, int64(c)); err != nil {
			return 0, err
		}
		e.foundIncome += levy
	}
	e.c.soldOff[c] += v
	e.c.monthSales[c] += v
	return v, nil
}

// CoopStatus is what a co-op's decision-maker sees of it: its people and capacity, its
// price and last month's trade, its money. (CoopView is a summary expression's view.)
type CoopStatus struct {
	Alive            bool
	Sector, Locality int
	Workers          int
	Apprentices      int
	Productivity     float64       // units per worker-month
	Capacity         float64       // units a month it can make now
	Target           float64       // units a month it was set to make (0: as many as it can)
	Price            ledger.Amount // per unit on the platform
	Wage             ledger.Amount // a worker's monthly pay
	WageBill         ledger.Amount // a month's pay of all its workers
	Offered, Sold    ledger.Amount // value on offer and sold in the last closed month
	Ordered          ledger.Amount // value ordered from it in the last closed month
	Treasury         ledger.Amount // tokens on account
	GrantTokens      ledger.Amount // of which granted tokens not yet spent
	GrantThisMonth   ledger.Amount // grant received this month
	UnpaidMonths     int           // months in a row it could not pay in full
	Reputation       float64       // 0..1 on the platform
	InputFill        float64       // share of the inputs it needed that it bought last tick
	Controlled       bool          // run from outside (SetControlled)
	Grantable        bool          // granted tokens for its offers (SetCoopGranted)
}

// CoopStatus returns co-op c's status now.
func (e *Economy) CoopStatus(c int) CoopStatus {
	acct := e.c.acct[c]
	v := CoopStatus{
		Alive: e.c.alive[c], Sector: int(e.c.sector[c]), Locality: int(e.c.locality[c]),
		Workers: int(e.c.workers[c]), Apprentices: int(e.c.apprentices[c]),
		Productivity: e.c.productivity[c], Target: e.c.target[c],
		Price: e.platform.Price[c], Wage: e.CoopWage(c),
		WageBill: ledger.Scale(e.c.bill[c], 1/e.perTick),
		Offered:  e.c.lastOffered[c], Sold: e.c.lastSales[c], Ordered: e.c.lastDemand[c],
		GrantThisMonth: e.c.grant[c], UnpaidMonths: int(e.c.unpaid[c]),
		Reputation: e.platform.Reputation[c], InputFill: e.c.inputFill[c],
		Controlled: e.c.controlled[c], Grantable: !e.c.noGrant[c],
	}
	v.Capacity = float64(v.Workers) * v.Productivity
	if e.c.alive[c] {
		v.Treasury, v.GrantTokens = e.ledger.Balance(acct), e.ledger.Grant(acct)
	}
	return v
}

// SectorView is what a co-op sees of its market: the going price and its spread over
// the sector's open offers, how many compete (in all, and in one locality), and what
// inputs cost per unit of value made.
type SectorView struct {
	Price          ledger.Amount // capacity-weighted mean price per unit
	Low, High      ledger.Amount // the 10th and 90th percentiles of the offers' prices
	Offers, Local  int           // open offers in the sector, and at the locality
	Capacity       float64       // units a month the sector can make
	InputShare     float64       // value of inputs bought per unit of value made
	Wage           ledger.Amount // the sector's monthly wage now
	UnitsPerWorker float64       // the sector's units per worker-month
}

// SectorView returns sector s's view from locality loc. It allocates (a sort of the
// sector's prices): call it for a screen, not from a phase.
func (e *Economy) SectorView(s, loc int) SectorView {
	p := e.platform
	v := SectorView{Wage: ledger.Scale(e.wage[s], e.costIndex), UnitsPerWorker: e.cfg.Sectors[s].Productivity}
	var prices []ledger.Amount
	var sum float64
	for o, open := range p.Open {
		if !open || int(p.Sector[o]) != s {
			continue
		}
		v.Offers++
		if int(p.Locality[o]) == loc {
			v.Local++
		}
		prices = append(prices, p.Price[o])
		v.Capacity += p.Capacity[o]
		sum += p.Capacity[o] * float64(p.Price[o])
	}
	for _, in := range e.inputs[s] {
		v.InputShare += in.coef
	}
	if v.Offers == 0 {
		v.Price, v.Low, v.High = p.BasePrice[s], p.BasePrice[s], p.BasePrice[s]
		return v
	}
	slices.Sort(prices)
	v.Low, v.High = prices[(len(prices)-1)/10], prices[len(prices)-1-(len(prices)-1)/10]
	if v.Capacity > 0 {
		v.Price = ledger.Amount(math.Round(sum / v.Capacity))
	} else {
		v.Price = prices[len(prices)/2]
	}
	return v
}

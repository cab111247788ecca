package agents

import (
	"fmt"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The parallel phases of a tick. Co-ops are split into shards of 1<<coopBits and
// members into shards of 1<<shardBits, fixed by their numbers. In each phase every
// shard decides and pays from its own accounts only, with its own random stream
// (seeded by seed, shard, tick and purpose) and its own ledger batch; credits to other
// accounts, demand, sales and unmet wants are gathered per shard and merged in shard
// order afterwards. So a run gives the same bytes whatever the number of workers.

const coopBits = 8

// member shards' stream numbers start here, apart from the co-op shards'.
const memberStreams = 1 << 24

// work is a shard's private state for the parallel phases.
type work struct {
	shard
	id                 int
	orders             orders          // co-op shards: the co-ops' orders this tick
	demand             []ledger.Amount // member shards, per offer: value ordered this tick
	unmet              []ledger.Amount // per sector*locality: wants unmet this tick
	sales, wages, levy ledger.Amount
	buyerMoney         ledger.Amount // member shards: what members could spend when they shopped
	touched            ledger.Amount // co-op shards: Batch.Touch's values, kept so the reads are made
	ks                 []int32       // scratch: a basket's payees
	amounts            []ledger.Amount
	// The shards' states are written by different goroutines at once: padding keeps two
	// of them off one cache line (false sharing slowed the random exchange's two workers
	// below one).
	_ [128]byte
}

// orders are a shard's purchase orders, in the order they were placed.
type orders struct {
	coop  []int32 // buying co-op
	offer []int32
	value []ledger.Amount
	paid  []ledger.Amount // what the order got, once settled
	kind  []uint8         // what the purchase is for (orderInput, ...)
	alt   []int32         // the offer its rationed rest is re-routed to, or none
}

const (
	orderConsume uint8 = iota
	orderInput
	orderSupplies
	orderCapacity
	orderInnovation
)

func (o *orders) reset() {
	o.coop, o.offer, o.value, o.paid, o.kind, o.alt = o.coop[:0], o.offer[:0], o.value[:0], o.paid[:0], o.kind[:0], o.alt[:0]
}

func (o *orders) add(coop int32, offer int, value ledger.Amount, kind uint8) {
	o.coop = append(o.coop, coop)
	o.offer = append(o.offer, int32(offer))
	o.value = append(o.value, value)
	o.paid = append(o.paid, 0)
	o.kind = append(o.kind, kind)
	o.alt = append(o.alt, none)
}

func (e *Economy) newWork(id int) *work {
	w := &work{id: id}
	w.batch = e.ledger.NewBatch()
	w.rng = rand.New(&w.src)
	w.unmet = make([]ledger.Amount, len(e.platform.Unmet))
	// a member's basket: an offer a sector, and a second for a re-routed rest
	w.ks, w.amounts = make([]int32, 0, 2*len(e.sectors)), make([]ledger.Amount, 0, 2*len(e.sectors))
	return w
}

// ensureShards grows the shard lists, and each shard's per-offer arrays, to the
// current numbers of co-ops and members.
func (e *Economy) ensureShards() {
	nc, nm := shardsFor(len(e.c.acct), coopBits), shardsFor(len(e.m.acct), shardBits)
	changed := false
	for len(e.cw) < nc {
		e.cw = append(e.cw, e.newWork(len(e.cw)))
		changed = true
	}
	for len(e.mw) < nm {
		e.mw = append(e.mw, e.newWork(memberStreams+len(e.mw)))
		changed = true
	}
	if changed {
		e.all = append(append(e.all[:0], e.cw...), e.mw...)
		e.batches = e.batches[:0]
		for _, w := range e.all {
			e.batches = append(e.batches, w.batch)
		}
	}
	n := len(e.c.acct)
	if len(e.payees) != n+1 {
		// The co-ops by number, then the Foundation: every shard pays through this list.
		e.payees = append(append(e.payees[:0], e.c.acct...), e.foundation)
	}
	for _, w := range e.all {
		w.batch.SetPayees(e.payees)
	}
	for _, w := range e.mw {
		if len(w.demand) < n {
			w.demand = append(w.demand, make([]ledger.Amount, n-len(w.demand))...)
		}
	}
}

// The trade stage is four phases, each parallel over the shards, the merges between
// them in shard order:
//
//   - tradeWages: co-ops pay their members;
//   - tradeOrders: co-ops and members order, and the orders are summed by offer;
//   - tradeRation: orders are rationed, and (with rerouting) rationed buyers choose
//     where the rest goes;
//   - tradeSettle: everyone pays for what it got; the shards' sales and unmet wants
//     are merged.

// tradeWages refreshes the platform's offers and has every co-op shard pay its wages.
func (e *Economy) tradeWages(sim.Tick) error {
	e.platform.Refresh()
	e.ensureShards()
	e.tickOffered = 0
	for c, alive := range e.c.alive {
		if alive {
			e.tickOffered += e.platform.Offered(c)
		}
	}
	nc := len(e.cw)
	e.pool.Run(nc, e.payFn)
	e.ledger.Apply(e.batches[:nc]...)
	return e.shardErr()
}

// tradeOrders has every shard order, and sums the orders by offer.
func (e *Economy) tradeOrders(sim.Tick) error {
	e.pool.Run(len(e.all), e.orderFn)
	if err := e.shardErr(); err != nil {
		return err
	}
	e.pool.Run(shardsFor(len(e.platform.Demand), reduceBits), e.demandFn)
	e.addCoopOrders()
	return nil
}

// tradeRation rations the orders, and reroutes what rationing left unfilled.
func (e *Economy) tradeRation(sim.Tick) error {
	p := e.platform
	p.Ration()
	if p.Rerouting() {
		e.reroute()
	}
	return nil
}

// tradeSettle has every shard pay for what it got, and merges the shards' sales,
// wages, levies and unmet wants.
func (e *Economy) tradeSettle(sim.Tick) error {
	p := e.platform
	e.pool.Run(len(e.all), e.settleFn)
	if err := e.shardErr(); err != nil {
		return err
	}
	// What each shard paid each co-op, before the merge empties the batches.
	e.pool.Run(shardsFor(len(p.Sold), reduceBits), e.soldFn)
	e.addCoopSales()
	p.TallyIdle()
	e.ledger.Apply(e.batches...)
	for _, w := range e.all {
		for i, u := range w.unmet {
			p.Unmet[i] += u
			e.yearUnmet += float64(u)
		}
		e.tickSales += w.sales
		e.buyerMoney += w.buyerMoney
		e.tickWages += w.wages
		e.tickLevy += w.levy
		e.foundIncome += w.levy
	}
	e.yearSales += float64(e.tickSales)
	e.afterSettle()
	return nil
}

func (e *Economy) shardErr() error {
	for _, w := range e.all {
		if w.err != nil {
			err := w.err
			w.err = nil
			return fmt.Errorf("shard %d: %w", w.id, err)
		}
	}
	return nil
}

// reduceBits sizes the ranges of offers whose per-shard figures are summed in parallel.
const reduceBits = 10

// sumDemand sums the shards' orders for the offers of range k.
//
// Member shards order from nearly every offer, so their demand is summed from arrays;
// co-op shards order little, so theirs is added from their order lists (addCoopOrders).
func (e *Economy) sumDemand(k int) {
	lo, hi := span(k, len(e.platform.Demand), reduceBits)
	for o := lo; o < hi; o++ {
		var d ledger.Amount
		for _, w := range e.mw {
			d += w.demand[o]
		}
		e.platform.Demand[o] = d
	}
}

// addCoopOrders adds the co-op shards' orders to the demand, then the tick's demand
// to each offer's month.
func (e *Economy) addCoopOrders() {
	e.addCoopOrderSums(e.platform.Demand, e.c.monthDemand, func(o *orders) []ledger.Amount { return o.value })
}

// addCoopOrderSums adds, per offer, the co-op shards' order figures (what picks from
// their order lists) to tick, then tick to month.
func (e *Economy) addCoopOrderSums(tick, month []ledger.Amount, pick func(*orders) []ledger.Amount) {
	for _, w := range e.cw {
		vals := pick(&w.orders)
		for k, o := range w.orders.offer {
			tick[o] += vals[k]
		}
	}
	for o, v := range tick {
		month[o] += v
	}
}

// sumSold sums what the shards paid the offers of range k.
func (e *Economy) sumSold(k int) {
	lo, hi := span(k, len(e.platform.Sold), reduceBits)
	for o := lo; o < hi; o++ {
		var s ledger.Amount
		for _, w := range e.mw {
			s += w.batch.PaidTo(o)
		}
		e.platform.Sold[o] = s
	}
}

// addCoopSales adds what the co-op shards paid to the sales, then the tick's sales to
// each offer's month.
func (e *Economy) addCoopSales() {
	e.addCoopOrderSums(e.platform.Sold, e.c.monthSales, func(o *orders) []ledger.Amount { return o.paid })
}

// payShard: the co-ops of shard k pay their members.
func (e *Economy) payShard(k int) {
	w := e.cw[k]
	w.seed(e.seed, w.id, e.tick, sim.PurposeLabour)
	w.wages = 0
	lo, hi := span(k, len(e.c.acct), coopBits)
	for c := lo; c < hi; c++ {
		if err := e.payMembers(w, c); err != nil {
			w.err = err
			return
		}
	}
}

// orderShard: shard k's co-ops or members place their orders.
func (e *Economy) orderShard(k int) {
	w := e.all[k]
	w.seed(e.seed, w.id, e.tick, sim.PurposeTrade)
	clear(w.demand) // empty for co-op shards
	clear(w.unmet)
	w.orders.reset()
	w.buyerMoney = 0
	if k < len(e.cw) {
		lo, hi := span(k, len(e.c.acct), coopBits)
		for c := lo; c < hi; c++ {
			e.coopOrders(w, c)
		}
		return
	}
	lo, hi := span(k-len(e.cw), len(e.m.acct), shardBits)
	if err := e.memberOrders(w, lo, hi); err != nil {
		w.err = err
	}
}

// settleShard: shard k's buyers pay for what their orders got.
func (e *Economy) settleShard(k int) {
	w := e.all[k]
	w.sales, w.levy = 0, 0
	if w.id >= memberStreams {
		w.wages = 0
	}
	var err error
	if k < len(e.cw) {
		err = e.settleCoops(w)
	} else {
		lo, hi := span(k-len(e.cw), len(e.m.acct), shardBits)
		err = e.settleMembers(w, lo, hi)
	}
	if err != nil {
		w.err = err
	}
}

// orderValue is what a budget buys from offer o for a buyer at locality, leaving
// room for the transport levy.
func (e *Economy) orderValue(budget ledger.Amount, locality int16, o int) ledger.Amount {
	return e.platform.BeforeLevy(budget, int(locality), int(e.platform.Locality[o]))
}

// pay has a buyer pay for an order of value from offer o (its filled part) and the
// levy on it, within what the buyer holds; the levy is added to *levy for the buyer to
// pay at the end. It returns what was paid.
func (e *Economy) payOrder(w *work, buyer ledger.AccountID, locality int16, o int, value ledger.Amount, levy *ledger.Amount) (ledger.Amount, error) {
	return e.payOrderAt(w, buyer, locality, o, value, levy, false)
}

// payOrderAt is payOrder for an order's first round, or (second) for its re-routed
// rest.
func (e *Economy) payOrderAt(w *work, buyer ledger.AccountID, locality int16, o int, value ledger.Amount, levy *ledger.Amount, second bool) (ledger.Amount, error) {
	p := e.platform
	paid, _ := p.FillAt(o, value)
	if second {
		paid, _ = p.FillAt2(o, value)
	}
	l := p.Levy(paid, int(locality), int(p.Locality[o]))
	paid, l = Afford(paid, l, w.batch.Balance(buyer)-*levy)
	if paid > 0 {
		if err := w.batch.TransferTo(buyer, o, paid, ledger.TxPurchase, int64(o)); err != nil {
			return 0, fmt.Errorf("purchase from co-op %d: %w", o, err)
		}
		w.sales += paid
	}
	*levy += l
	if rest := value - paid; rest > 0 {
		w.unmet[int(p.Sector[o])*p.Localities()+int(locality)] += rest
	}
	return paid, nil
}

// payLevy pays a buyer's transport levy for the tick to the Foundation.
func (e *Economy) payLevy(w *work, buyer ledger.AccountID, levy ledger.Amount) error {
	if levy <= 0 {
		return nil
	}
	if err := w.batch.TransferTo(buyer, len(e.c.acct), levy, ledger.TxLevy, 0); err != nil {
		return fmt.Errorf("levy: %w", err)
	}
	w.levy += levy
	return nil
}

// settleCoops pays for the shard's co-op orders and applies what they bought.
func (e *Economy) settleCoops(w *work) error {
	o := &w.orders
	for k := 0; k < len(o.coop); {
		c := int(o.coop[k])
		buyer, loc := e.c.acct[c], e.c.locality[c]
		var levy ledger.Amount
		for ; k < len(o.coop) && int(o.coop[k]) == c; k++ {
			first, _ := e.platform.FillAt(int(o.offer[k]), o.value[k])
			value, alt := o.value[k], int(o.alt[k])
			if alt != none {
				value = first // the rest was re-routed: it is paid, or unmet, there
			}
			paid, err := e.payOrder(w, buyer, loc, int(o.offer[k]), value, &levy)
			if err != nil {
				return err
			}
			if alt != none {
				got, err := e.payOrderAt(w, buyer, loc, alt, o.value[k]-first, &levy, true)
				if err != nil {
					return err
				}
				e.afterCoopPurchase(c, o.kind[k], got)
			}
			o.paid[k] = paid
			e.afterCoopPurchase(c, o.kind[k], paid)
		}
		if err := e.payLevy(w, buyer, levy); err != nil {
			return err
		}
	}
	return nil
}

package agents

import (
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/exchange"
	"github.com/copex/copex/sim/ledger"
)

// Re-routing (exchange matching.reroute): after the first round's rationing, each
// buyer whose order an offer could fill only in part takes the rest to another offer of
// the sector with spare capacity, chosen by the matching policy among those priced at
// most reroute_markup above the first. The second round is rationed against the spare
// capacity alone, so no offer sells more than it has; what it cannot fill is unmet.
// The shards choose in parallel, each with its own stream, and their orders are summed
// in shard order, as in the first round.

// reroute runs the re-routing round.
func (e *Economy) reroute() {
	p := e.platform
	p.BeginReroute()
	e.pool.Run(len(e.all), e.rerouteFn)
	e.pool.Run(shardsFor(len(p.Demand2), reduceBits), e.demand2Fn)
	for _, w := range e.cw {
		o := &w.orders
		for k, alt := range o.alt {
			if alt != none {
				first, _ := p.FillAt(int(o.offer[k]), o.value[k])
				p.Reroute(int(alt), o.value[k]-first)
			}
		}
	}
	p.Ration2()
	for o, d := range p.Demand2 {
		e.c.monthDemand[o] += d
	}
}

// rerouteShard: shard k's rationed buyers choose where the rest of their orders goes.
// A member shard's per-offer demand array, summed already, holds the round's orders.
func (e *Economy) rerouteShard(k int) {
	w := e.all[k]
	w.seed(e.seed, w.id, e.tick, sim.PurposeReroute)
	p := e.platform
	if k < len(e.cw) {
		o := &w.orders
		for j := range o.coop {
			rest := o.value[j] - p.Fill(int(o.offer[j]), o.value[j])
			if rest > 0 {
				c := int(o.coop[j])
				o.alt[j] = int32(p.ChooseSpare(w.rng, int(p.Sector[o.offer[j]]), int(e.c.locality[c]), int(o.offer[j]), c))
			}
		}
		return
	}
	clear(w.demand)
	lo, hi := span(k-len(e.cw), len(e.m.acct), shardBits)
	if lists, from, ok := p.SpareTables(); ok {
		e.rerouteOne(w, lo, hi, lists, from)
		return
	}
	nS := len(e.sectors)
	first, _ := p.FillTables()
	rests := w.amounts[:nS] // the basket's scratch, free in this phase
	for i := lo; i < hi; i++ {
		if e.m.budget[i] <= 0 {
			continue
		}
		loc := int(e.m.locality[i])
		lines := e.m.lines[i*nS : i*nS+nS]
		// What each order's first offer leaves, in a loop that calls nothing, so that
		// the reads of the offers' fill words (cache misses in a large economy)
		// overlap; then a second offer for each rest, in category order.
		for s := range lines {
			ln := &lines[s]
			ln.alt = none
			v := max(ln.val, 0) // nothing ordered: no rest
			rests[s] = v - first[ln.pref+1].Of(v)
		}
		for s, rest := range rests {
			if rest > 0 {
				if o2 := p.ChooseSpare(w.rng, s, loc, int(lines[s].pref), -1); o2 >= 0 {
					lines[s].alt = int32(o2)
					w.demand[o2] += rest
				}
			}
		}
	}
}

// rerouteOne is rerouteShard's member loop for the policy best_of comparing one offer
// (Platform.SpareTables): for every order of the members lo..hi-1 with a budget it
// draws an offer of the order's sector with capacity left, and takes it for the rest
// of the order when the first offer rationed it and the draw's price is one the buyer
// accepts. It draws for every order, rationed or not, so that nothing in the loop
// branches on the data: in a large economy about half the orders are rationed and
// about half the draws accepted, and branching on either was mispredicted about as
// often as not.
func (e *Economy) rerouteOne(w *work, lo, hi int, lists [][]exchange.SpareOffer, from []exchange.RerouteFrom) {
	nS := len(e.sectors)
	lists = lists[:nS]
	demand := w.demand
	// draw32's draws, written out in the loop (as drawPayees does): a call to below for
	// each order spilled every register the loop holds, and cost a third of the loop.
	src := &w.src
	var buf uint64
	half := false
	for i := lo; i < hi; i++ {
		if e.m.budget[i] <= 0 {
			continue
		}
		lines := e.m.lines[i*nS : i*nS+nS]
		for s := range lines {
			ln := &lines[s]
			v := max(ln.val, 0) // nothing ordered: no rest
			f := &from[ln.pref+1]
			rest := v - f.Fill.Of(v)
			list := lists[s]
			var x uint32
			if half {
				x, half = uint32(buf>>32), false
			} else {
				buf, half = src.Uint64(), true
				x = uint32(buf)
			}
			n := uint32(len(list))
			m := uint64(x) * uint64(n)
			if uint32(m) < n {
				m, buf, half = reject(src, m, n, buf, half)
			}
			c := list[m>>32]
			// all ones when there is a rest and the buyer accepts c's price, else zero
			take := -rest >> 63 & ^((f.Dearest - c.Price) >> 63)
			alt := c.Offer | int32(^take) // −1 when not taken
			ln.alt = alt
			// added to the offer drawn (nothing when not taken): adding the nothings all
			// to one place chained every order's addition to the last one's
			demand[c.Offer&^(c.Offer>>31)] += rest & take
		}
	}
}

// sumDemand2 sums the member shards' re-routed orders for the offers of range k.
func (e *Economy) sumDemand2(k int) {
	lo, hi := span(k, len(e.platform.Demand2), reduceBits)
	for o := lo; o < hi; o++ {
		var d ledger.Amount
		for _, w := range e.mw {
			d += w.demand[o]
		}
		e.platform.Demand2[o] = d
	}
}

package clearing

// A link is what the flow problem sees of a chain of obligations: u→v1→…→vk→w where
// every v has exactly one debt and one claim in play (one obligation in, one out). A
// circulation sets off the same amount f of every obligation of the chain, at most the
// smallest, and f counts once per obligation; so the chain is one arc u→w of capacity
// the smallest amount and cost k+1 (series reduction). A chain that returns to its
// start (u = w) is a cycle and is set off whole. Without chains to contract, a link is
// one obligation of cost 1. Chains are what makes rings slow to clear otherwise: the
// flow from net debtors to net creditors would travel far round them, phase by phase.
type link struct {
	tail, head int32
	cap        int64
	cost       int32 // the number of obligations in the chain
	arc        int32 // its arc in the residual graph; -1 for a cycle (set off whole)
}

// links groups the obligations that take part into links: s.linkOf[i] is obligation
// i's link (-1 if it takes no part). With contract, chains of participants with one
// obligation in and one out are contracted (never with the fund: it gives every
// participant more).
func (s *Solver) links(net *Network, contract bool) {
	obs := net.Obligations
	linkOf := grow(s.linkOf, len(obs))
	ls := s.link[:0]
	if !contract {
		for i, o := range obs {
			linkOf[i] = -1
			if s.takesPart(o) {
				linkOf[i] = int32(len(ls))
				ls = append(ls, link{tail: o.Debtor, head: o.Creditor, cap: o.Amount, cost: 1})
			}
		}
		s.linkOf, s.link = linkOf, ls
		return
	}
	n := net.Participants
	in, out := grow(s.inDeg, n), grow(s.outDeg, n)
	clear(in)
	clear(out)
	next := grow(s.nextOb, n) // the one obligation a pass-through participant owes
	for i, o := range obs {
		linkOf[i] = -1
		if s.takesPart(o) {
			out[o.Debtor]++
			in[o.Creditor]++
			next[o.Debtor] = int32(i)
		}
	}
	pass := func(v int32) bool { return in[v] == 1 && out[v] == 1 }
	// follow extends a chain from obligation i as long as its creditor passes through,
	// marking every obligation with the link's id; it stops at a participant that does
	// not pass through, or back at obligation i (a ring of pass-through participants).
	follow := func(i int, id int32) link {
		l := link{tail: obs[i].Debtor, cap: obs[i].Amount, cost: 1}
		linkOf[i] = id
		v := obs[i].Creditor
		for pass(v) {
			e := next[v]
			if linkOf[e] == id {
				break // round the ring
			}
			linkOf[e] = id
			l.cap = min(l.cap, obs[e].Amount)
			l.cost++ // at most the number of obligations, an int32
			v = obs[e].Creditor
		}
		l.head = v
		return l
	}
	// Chains start at an obligation whose debtor does not pass through. A pass-through
	// participant has one obligation in, so a chain never meets itself but at its
	// start, and every obligation is in at most one chain.
	for i, o := range obs {
		if linkOf[i] < 0 && s.takesPart(o) && !pass(o.Debtor) {
			ls = append(ls, follow(i, int32(len(ls))))
		}
	}
	// What is left takes part but no chain reached it: rings of pass-through
	// participants alone.
	for i, o := range obs {
		if linkOf[i] < 0 && s.takesPart(o) {
			ls = append(ls, follow(i, int32(len(ls))))
		}
	}
	s.linkOf, s.link = linkOf, ls
	s.inDeg, s.outDeg, s.nextOb = in, out, next
}

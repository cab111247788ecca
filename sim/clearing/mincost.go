package clearing

import (
	"math"

	"github.com/copex/copex/sim/ledger"
)

// Solver clears obligation networks exactly. Its scratch (the residual graph, the
// potentials, the queues) is kept between calls, so repeated clearing allocates nothing
// once it has grown. The zero value is ready to use; a Solver is not safe for
// concurrent use.
//
// It solves the remaining-network form (see doc.go): a flow r from net debtors to net
// creditors over the existing obligations, r_e <= a_e, of least total, by the
// primal-dual method: Dijkstra on reduced costs sets the potentials, then a max flow
// over the arcs of zero reduced cost saturates every shortest path of that length.
type Solver struct {
	nodes int32 // participants + source, sink, fund in, fund out
	src   int32
	sink  int32
	fin   int32 // the fund's side that receives obligations (v owes the fund)
	fout  int32 // the fund's side that issues them (the fund owes v)

	// The residual graph in forward-star form: the arcs leaving node u are
	// first[u]..first[u+1]-1; arc a goes to head[a], has residual capacity res[a] and
	// cost cost[a]; rev[a] is its paired arc.
	first []int32
	head  []int32
	rev   []int32
	res   []int64
	cost  []int8

	arcOf    []int32 // obligation -> its forward arc (-1 for a zero amount)
	fundArc  int32   // the arc fin -> fout (-1 without liquidity)
	borrowAt []int32 // participant -> its arc v -> fin
	depoAt   []int32 // participant -> its arc fout -> v
	fill     []int32
	netPos   []int64 // owed to minus owes, per participant, over the flow problem's obligations
	fullPos  []int64 // the same over all obligations

	// Strongly connected components (scc.go).
	pruned                                   bool // obligations between components are left out
	comp                                     []int32
	sccOff, sccAdj, sccPos, sccIndex, sccLow []int32
	sccStack, sccCall                        []int32

	pot   []int64 // node potentials: reduced cost of a is cost + pot[tail] - pot[head]
	dist  []int64
	heap  []int32 // binary heap of nodes keyed by dist
	hpos  []int32 // node -> index in heap, -1 if absent
	level []int32 // distance labels to the sink over admissible arcs
	cur   []int32 // current arc per node
	queue []int32
	path  []int32 // the arcs of the DFS path
	tail  []int32 // arc -> its tail (for retreating along path)

	cnt    []int32 // nodes per distance label
	phases int
}

// Phases returns the number of primal-dual phases (shortest-path rounds) of the last
// Clear: one more than the number of distinct lengths of the augmenting paths.
func (s *Solver) Phases() int { return s.phases }

// grow returns s with length n, reusing its storage when large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

const infDist = math.MaxInt64 / 4

// build makes the residual graph of net with zero flow.
func (s *Solver) build(net *Network, liq ledger.Amount) {
	np := int32(net.Participants)
	s.src, s.sink, s.fin, s.fout = np, np+1, np+2, np+3
	s.nodes = np + 4
	n := int(s.nodes)

	// Without the fund, only obligations inside a strongly connected component can be
	// set off; the fund joins every participant to every other, so with it all take part.
	s.pruned = liq == 0
	if s.pruned {
		s.components(net)
	}
	s.netPos = grow(s.netPos, int(np))
	clear(s.netPos)
	for _, o := range net.Obligations {
		if s.takesPart(o) {
			s.netPos[o.Creditor] += o.Amount // no overflow: |sum| <= total <= MaxInt64
			s.netPos[o.Debtor] -= o.Amount
		}
	}
	var nid int64
	for _, p := range s.netPos {
		if p > 0 {
			nid += p
		}
	}
	// The fund never lends more than the net internal debt: a flow of NID is the most
	// that can leave the source. Clamping bounds its arcs' capacities by the total.
	liq = min(liq, nid)

	// Count the arcs leaving each node (a logical arc gives one arc at each end).
	deg := grow(s.fill, n+1)
	clear(deg)
	for _, o := range net.Obligations {
		if s.takesPart(o) {
			deg[o.Debtor]++
			deg[o.Creditor]++
		}
	}
	for v, p := range s.netPos {
		if p != 0 {
			deg[v]++
			if p < 0 {
				deg[s.src]++
			} else {
				deg[s.sink]++
			}
		}
	}
	if liq > 0 {
		for v := range np {
			deg[v] += 2
		}
		deg[s.fin] += int32(np) + 1
		deg[s.fout] += int32(np) + 1
	}
	s.first = grow(s.first, n+1)
	var sum int32
	for v := range n {
		s.first[v] = sum
		sum += deg[v]
		deg[v] = s.first[v] // deg becomes the fill pointer
	}
	s.first[n] = sum
	s.fill = deg
	m := int(sum)
	s.head = grow(s.head, m)
	s.rev = grow(s.rev, m)
	s.res = grow(s.res, m)
	s.cost = grow(s.cost, m)
	s.tail = grow(s.tail, m)

	s.arcOf = grow(s.arcOf, len(net.Obligations))
	for i, o := range net.Obligations {
		s.arcOf[i] = -1
		if s.takesPart(o) {
			s.arcOf[i] = s.addArc(o.Debtor, o.Creditor, o.Amount, 1)
		}
	}
	for v, p := range s.netPos {
		switch {
		case p < 0:
			s.addArc(s.src, int32(v), -p, 0)
		case p > 0:
			s.addArc(int32(v), s.sink, p, 0)
		}
	}
	s.fundArc = -1
	if liq > 0 {
		s.borrowAt = grow(s.borrowAt, int(np))
		s.depoAt = grow(s.depoAt, int(np))
		for v := range np {
			s.borrowAt[v] = s.addArc(v, s.fin, liq, 1)
			s.depoAt[v] = s.addArc(s.fout, v, liq, 1)
		}
		s.fundArc = s.addArc(s.fin, s.fout, liq, 0)
	}

	s.pot = grow(s.pot, n)
	clear(s.pot)
	s.dist = grow(s.dist, n)
	s.heap = grow(s.heap, 0)
	if cap(s.heap) < n {
		s.heap = make([]int32, 0, n)
	}
	s.hpos = grow(s.hpos, n)
	s.level = grow(s.level, n)
	s.cur = grow(s.cur, n)
	s.queue = grow(s.queue, n)
	if cap(s.path) < n {
		s.path = make([]int32, 0, n)
	}
}

// takesPart reports whether o can be set off at all (it is in the flow problem).
func (s *Solver) takesPart(o Obligation) bool {
	return o.Amount > 0 && (!s.pruned || s.comp[o.Debtor] == s.comp[o.Creditor])
}

// addArc adds u->v with capacity c and cost k, and its reverse, returning the forward
// arc.
func (s *Solver) addArc(u, v int32, c int64, k int8) int32 {
	a, b := s.fill[u], s.fill[v]
	s.fill[u]++
	s.fill[v]++
	s.head[a], s.rev[a], s.res[a], s.cost[a], s.tail[a] = v, b, c, k, u
	s.head[b], s.rev[b], s.res[b], s.cost[b], s.tail[b] = u, a, 0, -k, v
	return a
}

// solve finds a least-cost flow of value NID from the source to the sink.
func (s *Solver) solve(net *Network, liq ledger.Amount) {
	s.build(net, liq)
	s.phases = 0
	for s.dijkstra() {
		s.phases++
		s.augment()
	}
}

// dijkstra computes shortest distances from the source by reduced cost, stopping once
// the sink is settled at distance dT, and adds min(dist, dT) to every potential: all
// residual arcs keep non-negative reduced costs and every shortest source-sink path
// gets reduced cost zero. It reports whether the sink is reachable.
func (s *Solver) dijkstra() bool {
	dist, pot := s.dist, s.pot
	for i := range dist {
		dist[i] = infDist
		s.hpos[i] = -1
	}
	s.heap = s.heap[:0]
	dist[s.src] = 0
	s.push(s.src)
	dT := int64(-1)
	for len(s.heap) > 0 {
		u := s.pop()
		du := dist[u]
		if u == s.sink {
			dT = du
			break
		}
		pu := pot[u]
		for a := s.first[u]; a < s.first[u+1]; a++ {
			if s.res[a] == 0 {
				continue
			}
			v := s.head[a]
			nd := du + int64(s.cost[a]) + pu - pot[v]
			if nd < dist[v] {
				dist[v] = nd
				if s.hpos[v] < 0 {
					s.push(v)
				} else {
					s.up(int(s.hpos[v]))
				}
			}
		}
	}
	if dT < 0 {
		return false
	}
	for v, d := range dist {
		pot[v] += min(d, dT)
	}
	return true
}

func (s *Solver) push(v int32) {
	s.hpos[v] = int32(len(s.heap))
	s.heap = append(s.heap, v)
	s.up(len(s.heap) - 1)
}

func (s *Solver) pop() int32 {
	h := s.heap
	v := h[0]
	last := h[len(h)-1]
	s.heap = h[:len(h)-1]
	s.hpos[v] = -2 // settled
	if len(s.heap) > 0 {
		s.heap[0] = last
		s.hpos[last] = 0
		s.down(0)
	}
	return v
}

func (s *Solver) up(i int) {
	h, d := s.heap, s.dist
	v := h[i]
	for i > 0 {
		p := (i - 1) / 2
		if d[h[p]] <= d[v] {
			break
		}
		h[i] = h[p]
		s.hpos[h[i]] = int32(i)
		i = p
	}
	h[i] = v
	s.hpos[v] = int32(i)
}

func (s *Solver) down(i int) {
	h, d := s.heap, s.dist
	n := len(h)
	v := h[i]
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && d[h[c+1]] < d[h[c]] {
			c++
		}
		if d[h[c]] >= d[v] {
			break
		}
		h[i] = h[c]
		s.hpos[h[i]] = int32(i)
		i = c
	}
	h[i] = v
	s.hpos[v] = int32(i)
}

// admissible reports whether arc a (leaving u) has residual capacity and zero reduced
// cost.
func (s *Solver) admissible(a, u int32) bool {
	return s.res[a] > 0 && int64(s.cost[a])+s.pot[u]-s.pot[s.head[a]] == 0
}

// result writes the clearing into res.
func (s *Solver) result(net *Network, withFund bool, res *Result) {
	m := len(net.Obligations)
	res.Remaining = grow(res.Remaining, m)
	res.Participants, res.Obligations = net.Participants, m
	var total, left ledger.Amount
	for i, o := range net.Obligations {
		r := o.Amount // an obligation between components stays whole
		if a := s.arcOf[i]; a >= 0 {
			r = s.res[s.rev[a]] // the flow on the arc is what remains
		}
		res.Remaining[i] = r
		total += o.Amount
		left += r
	}
	full := grow(s.fullPos, net.Participants)
	clear(full)
	for _, o := range net.Obligations {
		full[o.Creditor] += o.Amount
		full[o.Debtor] -= o.Amount
	}
	var nid ledger.Amount
	for _, p := range full {
		if p > 0 {
			nid += p
		}
	}
	s.fullPos = full
	res.TotalDebt, res.Cleared, res.NetInternalDebt = total, total-left, nid
	res.FundLent = 0
	if withFund && s.fundArc >= 0 {
		res.Borrowed = grow(res.Borrowed, net.Participants)
		res.Deposited = grow(res.Deposited, net.Participants)
		for v := range net.Participants {
			res.Borrowed[v] = s.res[s.rev[s.borrowAt[v]]]
			res.Deposited[v] = s.res[s.rev[s.depoAt[v]]]
		}
		res.FundLent = s.res[s.rev[s.fundArc]]
	} else if withFund {
		res.Borrowed = grow(res.Borrowed, net.Participants)
		res.Deposited = grow(res.Deposited, net.Participants)
		clear(res.Borrowed)
		clear(res.Deposited)
	} else {
		res.Borrowed, res.Deposited = nil, nil
	}
	// sum(Borrowed) = sum(Deposited) = FundLent <= NID <= total, and the optimum is no
	// worse than clearing without the fund, so this sum is at most TotalDebt.
	res.RemainingDebt = left + 2*res.FundLent
}

// augment is the shortest-augmenting-path max flow of Ahuja and Orlin (1987) over the
// admissible arcs, with exact distance labels to the sink from one backward
// breadth-first search, current arcs, and the gap heuristic: it sends as much as the
// arcs of zero reduced cost carry, so the next phase's shortest path is longer.
func (s *Solver) augment() {
	n := s.nodes
	d := s.level
	for i := range d {
		d[i] = n
	}
	cnt := grow(s.cnt, int(n)+1)
	clear(cnt)
	d[s.sink] = 0
	q := s.queue[:0]
	q = append(q, s.sink)
	for i := 0; i < len(q); i++ {
		v := q[i]
		for b := s.first[v]; b < s.first[v+1]; b++ {
			u := s.head[b]
			a := s.rev[b] // u -> v
			if d[u] == n && s.admissible(a, u) {
				d[u] = d[v] + 1
				q = append(q, u)
			}
		}
	}
	if d[s.src] == n {
		s.cnt = cnt
		return
	}
	for _, v := range d {
		cnt[v]++
	}
	copy(s.cur, s.first[:n])
	path := s.path[:0]
	u := s.src
	for d[s.src] < n {
		if u == s.sink {
			f := int64(math.MaxInt64)
			for _, a := range path {
				f = min(f, s.res[a])
			}
			cut := -1
			for i, a := range path {
				s.res[a] -= f
				s.res[s.rev[a]] += f
				if cut < 0 && s.res[a] == 0 {
					cut = i
				}
			}
			u = s.tail[path[cut]]
			path = path[:cut]
			continue
		}
		end := s.first[u+1]
		a := s.cur[u]
		du := d[u] - 1
		for ; a < end; a++ {
			if s.res[a] > 0 && d[s.head[a]] == du && s.admissible(a, u) {
				break
			}
		}
		s.cur[u] = a
		if a < end {
			path = append(path, a)
			u = s.head[a]
			continue
		}
		// Relabel u to one more than its lowest admissible neighbour.
		nd := n
		for a := s.first[u]; a < end; a++ {
			if s.res[a] > 0 && d[s.head[a]]+1 < nd && s.admissible(a, u) {
				nd = d[s.head[a]] + 1
			}
		}
		old := d[u]
		cnt[old]--
		if cnt[old] == 0 && old < n {
			break // a gap: no node above it reaches the sink, the source included
		}
		d[u] = nd
		cnt[nd]++
		s.cur[u] = s.first[u]
		if u != s.src {
			last := path[len(path)-1]
			path = path[:len(path)-1]
			u = s.tail[last]
		}
	}
	s.path = path[:0]
	s.cnt = cnt
}

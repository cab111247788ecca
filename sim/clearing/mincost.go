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
// Memory: about 140 bytes per obligation at most (its link, two arcs, their copies in
// a phase, the component search) and 100 per participant; copex clear on 1,000,000
// obligations peaks at 183 MB, its names and file buffers included.
type Solver struct {
	nodes int32 // participants + source, sink, fund in, fund out
	src   int32
	sink  int32
	fin   int32 // the fund's side that receives obligations (v owes the fund)
	fout  int32 // the fund's side that issues them (the fund owes v)

	// The residual graph in forward-star form: the arcs leaving node u are
	// arcs[first[u]:first[u+1]]; rev[a] is arc a's paired arc and tail[a] its tail.
	first []int32
	arcs  []arc
	rev   []int32
	tail  []int32

	link     []link  // chains of obligations, each one arc (chains.go)
	linkOf   []int32 // obligation -> its link (-1 if it takes no part)
	inDeg    []int32
	outDeg   []int32
	nextOb   []int32
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

	node  []node
	heap  []int32 // binary heap of nodes keyed by dist
	cnt   []int32 // nodes per label
	label []int32 // distance labels to the sink over admissible arcs

	// The admissible graph of a phase (admissibleGraph).
	zfirst []int32
	zarcs  []zeroArc
	zorig  []int32 // its arc -> the residual graph's
	ztail  []int32
	zof    []int32 // the residual graph's arc -> its copy
	cur    []int32 // current arc per node
	queue  []int32
	path   []int32 // the arcs of the augmenting path being built
	phases int
}

// Phases returns the number of primal-dual phases of the last Clear: the number of
// distinct lengths (in cost) of the shortest augmenting paths it used.
func (s *Solver) Phases() int { return s.phases }

// arc is a residual arc: what it can still carry, where it goes and its cost (a link's
// number of obligations, 1 for the fund's arcs to and from participants, 0 for the
// source's, the sink's and the fund's own; a reverse arc has the opposite cost).
// The fields read together while scanning a node's arcs sit together.
type arc struct {
	res  int64
	head int32
	cost int32
}

// node is what Dijkstra reads of an arc's head: its potential (the reduced cost of arc
// a from u is cost + pot[u] - pot[head]), its distance and heap position.
type node struct {
	pot  int64
	dist int64
	hpos int32 // index in the heap; -1 absent, -2 settled
}

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
	s.links(net, liq == 0)
	s.netPos = grow(s.netPos, int(np))
	clear(s.netPos)
	for _, l := range s.link {
		if l.tail != l.head {
			s.netPos[l.head] += l.cap // no overflow: |sum| <= total <= MaxInt64
			s.netPos[l.tail] -= l.cap
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
	for _, l := range s.link {
		if l.tail != l.head {
			deg[l.tail]++
			deg[l.head]++
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
	s.arcs = grow(s.arcs, m)
	s.rev = grow(s.rev, m)
	s.tail = grow(s.tail, m)
	s.zof = grow(s.zof, m)

	for i := range s.link {
		l := &s.link[i]
		l.arc = -1
		if l.tail != l.head {
			l.arc = s.addArc(l.tail, l.head, l.cap, l.cost)
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

	s.node = grow(s.node, n)
	clear(s.node)
	if cap(s.heap) < n {
		s.heap = make([]int32, 0, n)
	}
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
func (s *Solver) addArc(u, v int32, c int64, k int32) int32 {
	a, b := s.fill[u], s.fill[v]
	s.fill[u]++
	s.fill[v]++
	s.arcs[a] = arc{res: c, head: v, cost: k}
	s.arcs[b] = arc{res: 0, head: u, cost: -k}
	s.rev[a], s.rev[b] = b, a
	s.tail[a], s.tail[b] = u, v
	return a
}

// solve finds a least-cost flow of value NID (over the links) from the source to the
// sink.
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
	nodes := s.node
	for i := range nodes {
		nodes[i].dist = infDist
		nodes[i].hpos = -1
	}
	s.heap = s.heap[:0]
	nodes[s.src].dist = 0
	s.push(s.src)
	dT := int64(-1)
	for len(s.heap) > 0 {
		u := s.pop()
		du := nodes[u].dist
		if u == s.sink {
			dT = du
			break
		}
		base := du + nodes[u].pot
		for _, e := range s.arcs[s.first[u]:s.first[u+1]] {
			if e.res == 0 {
				continue
			}
			v := &nodes[e.head]
			if nd := base + int64(e.cost) - v.pot; nd < v.dist {
				v.dist = nd
				if v.hpos < 0 {
					s.push(e.head)
				} else {
					s.up(int(v.hpos))
				}
			}
		}
	}
	if dT < 0 {
		return false
	}
	for i := range nodes {
		nodes[i].pot += min(nodes[i].dist, dT)
	}
	return true
}

func (s *Solver) push(v int32) {
	s.node[v].hpos = int32(len(s.heap))
	s.heap = append(s.heap, v)
	s.up(len(s.heap) - 1)
}

func (s *Solver) pop() int32 {
	h := s.heap
	v := h[0]
	last := h[len(h)-1]
	s.heap = h[:len(h)-1]
	s.node[v].hpos = -2 // settled
	if len(s.heap) > 0 {
		s.heap[0] = last
		s.node[last].hpos = 0
		s.down(0)
	}
	return v
}

func (s *Solver) up(i int) {
	h, nodes := s.heap, s.node
	v := h[i]
	dv := nodes[v].dist
	for i > 0 {
		p := (i - 1) / 2
		if nodes[h[p]].dist <= dv {
			break
		}
		h[i] = h[p]
		nodes[h[i]].hpos = int32(i)
		i = p
	}
	h[i] = v
	nodes[v].hpos = int32(i)
}

func (s *Solver) down(i int) {
	h, nodes := s.heap, s.node
	n := len(h)
	v := h[i]
	dv := nodes[v].dist
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && nodes[h[c+1]].dist < nodes[h[c]].dist {
			c++
		}
		if nodes[h[c]].dist >= dv {
			break
		}
		h[i] = h[c]
		nodes[h[i]].hpos = int32(i)
		i = c
	}
	h[i] = v
	nodes[v].hpos = int32(i)
}

// result writes the clearing into res.
func (s *Solver) result(net *Network, withFund bool, res *Result) {
	m := len(net.Obligations)
	res.Remaining = grow(res.Remaining, m)
	res.Participants, res.Obligations = net.Participants, m
	var total, left ledger.Amount
	for i, o := range net.Obligations {
		r := o.Amount // an obligation between components stays whole
		if k := s.linkOf[i]; k >= 0 {
			// The flow on a link's arc is what remains of its capacity; the rest is set
			// off from every obligation of the link. A cycle is set off whole.
			l := s.link[k]
			setOff := l.cap
			if l.arc >= 0 {
				setOff -= s.arcs[s.rev[l.arc]].res
			}
			r -= setOff
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
			res.Borrowed[v] = s.arcs[s.rev[s.borrowAt[v]]].res
			res.Deposited[v] = s.arcs[s.rev[s.depoAt[v]]].res
		}
		res.FundLent = s.arcs[s.rev[s.fundArc]].res
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

// zeroArc is an arc of the admissible graph of a phase: a copy of a residual arc of
// zero reduced cost, with its paired arc's and its original's index.
type zeroArc struct {
	res  int64
	head int32
	rev  int32
}

// admissibleGraph copies the arcs of zero reduced cost into s.zarcs, forward-star by
// tail. An arc's reverse has the negated reduced cost, so the copies come in pairs, and
// within a phase (potentials fixed) flow moves only between such pairs: the set of
// arcs that may become usable is fixed, and the max flow runs on this smaller graph.
func (s *Solver) admissibleGraph() {
	n := int(s.nodes)
	nodes, arcs := s.node, s.arcs
	zf := grow(s.zfirst, n+1)
	var k int32
	for u := range n {
		zf[u] = k
		pu := nodes[u].pot
		for a := s.first[u]; a < s.first[u+1]; a++ {
			e := &arcs[a]
			if int64(e.cost)+pu == nodes[e.head].pot {
				s.zof[a] = k
				k++
			}
		}
	}
	zf[n] = k
	s.zfirst = zf
	z := grow(s.zarcs, int(k))
	zorig := grow(s.zorig, int(k))
	zt := grow(s.ztail, int(k))
	k = 0
	for u := range n {
		pu := nodes[u].pot
		for a := s.first[u]; a < s.first[u+1]; a++ {
			e := &arcs[a]
			if int64(e.cost)+pu == nodes[e.head].pot {
				z[k] = zeroArc{res: e.res, head: e.head, rev: s.zof[s.rev[a]]}
				zorig[k], zt[k] = a, int32(u)
				k++
			}
		}
	}
	s.zarcs, s.zorig, s.ztail = z, zorig, zt
}

// augment is a max flow over the admissible graph (arcs of zero reduced cost) by
// shortest augmenting paths (Ahuja and Orlin 1987): distance labels to the sink,
// current arcs, relabelling and the gap heuristic, with global relabelling (exact
// labels again by a backward breadth-first search) whenever the relabels have scanned
// as many arcs as the graph has, so that labels never climb one step at a time along
// long paths. It sends as much as the admissible arcs carry, so that the next phase's
// shortest path is longer. The residual capacities are copied back at the end.
func (s *Solver) augment() {
	s.admissibleGraph()
	if s.exactLabels() {
		s.maxflow()
	}
	for k, e := range s.zarcs {
		s.arcs[s.zorig[k]].res = e.res
	}
}

// exactLabels sets every node's label to its distance to the sink over admissible arcs
// with capacity (n if it has none), counts the nodes per label, resets the current
// arcs, and reports whether the source reaches the sink.
func (s *Solver) exactLabels() bool {
	n := s.nodes
	first, arcs := s.zfirst, s.zarcs
	label := grow(s.label, int(n))
	cnt := grow(s.cnt, int(n)+1)
	s.label, s.cnt = label, cnt
	for i := range label {
		label[i] = n
	}
	clear(cnt)
	label[s.sink] = 0
	q := s.queue[:0]
	q = append(q, s.sink)
	for i := 0; i < len(q); i++ {
		v := q[i]
		lv := label[v] + 1
		for b := first[v]; b < first[v+1]; b++ {
			u := arcs[b].head
			if label[u] == n && arcs[arcs[b].rev].res > 0 {
				label[u] = lv
				q = append(q, u)
			}
		}
	}
	for _, l := range label {
		cnt[l]++
	}
	copy(s.cur, first[:n])
	return label[s.src] < n
}

func (s *Solver) maxflow() {
	n := s.nodes
	first, arcs, tail := s.zfirst, s.zarcs, s.ztail
	label, cnt, cur := s.label, s.cnt, s.cur
	budget := len(arcs) + int(n) // relabel work before labels are made exact again
	work := 0
	path := s.path[:0]
	u := s.src
	for label[s.src] < n {
		if u == s.sink {
			f := int64(math.MaxInt64)
			for _, a := range path {
				f = min(f, arcs[a].res)
			}
			cut := -1
			for i, a := range path {
				arcs[a].res -= f
				arcs[arcs[a].rev].res += f
				if cut < 0 && arcs[a].res == 0 {
					cut = i
				}
			}
			u = tail[path[cut]]
			path = path[:cut]
			continue
		}
		end := first[u+1]
		b := cur[u]
		want := label[u] - 1
		for ; b < end; b++ {
			if e := &arcs[b]; e.res > 0 && label[e.head] == want {
				break
			}
		}
		cur[u] = b
		if b < end {
			path = append(path, b)
			u = arcs[b].head
			continue
		}
		// Relabel u to one more than its lowest admissible neighbour; the current arc
		// becomes the one that gives it (the arcs before it cannot become admissible
		// while u keeps the new label: labels never fall).
		nl, at := n, first[u]
		for b := first[u]; b < end; b++ {
			if e := &arcs[b]; e.res > 0 && label[e.head]+1 < nl {
				nl, at = label[e.head]+1, b
			}
		}
		old := label[u]
		cnt[old]--
		if cnt[old] == 0 {
			break // a gap: no node above it reaches the sink, the source included
		}
		label[u] = nl
		cnt[nl]++
		cur[u] = at
		if work += int(end-first[u]) + 1; work > budget {
			work = 0
			path = path[:0]
			u = s.src
			if !s.exactLabels() {
				break
			}
			continue
		}
		if u != s.src {
			last := path[len(path)-1]
			path = path[:len(path)-1]
			u = tail[last]
		}
	}
	s.path = path[:0]
}

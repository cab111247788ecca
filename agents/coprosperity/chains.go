package coprosperity

import "github.com/copex/copex/sim/ledger"

// Swap chains (issue 13 §5a). A participant i that needs j's service, and holds
// others' IOUs but too few of j's, looks for a cycle of swaps: k1 holds j's IOUs and
// wants (has in its circle of providers) y1; k2 holds y1's IOUs and wants y2; ...;
// kL wants yL, and i holds yL's IOUs. Then, unit for unit, i gives yL to kL, each k_m
// gives y_{m-1} to k_{m-1} (k_0 = i, y_0 = j): everyone gives one IOU it holds and
// receives one it wants, and i has j's. L is the chain's length (1: a direct barter).
//
// "k holds y" is read from what the subsystem knows of y's holders: y's recent
// holders (4, noteHolder) that still hold some. The search is a breadth-first search
// backwards from j over assets, each asset visited once, to depth SwapDepth; the
// first chain found is a shortest one. Its scratch (a stamp, a parent and a queue per
// participant) is grown with the participants, so a warm search allocates nothing.

// chainScratch is the search's state, indexed by asset (issuer number).
type chainScratch struct {
	stamp  []uint32 // == gen: visited in this search
	gen    uint32
	parent []int32 // the asset this one was reached from
	holder []int32 // the holder of parent's IOUs who wants this asset
	depth  []uint8
	queue  []int32
	links  [maxSwapDepth + 1]chainLink
	count  [maxSwapDepth + 1]int64 // chains executed this month by length
}

// chainLink is one swap in a chain: from gives asset to to.
type chainLink struct{ from, to, asset int32 }

// maxSwapDepth bounds swap_depth (and so the columns registered).
const maxSwapDepth = 6

func (c *chainScratch) grow(n int) {
	if len(c.stamp) >= n {
		return
	}
	c.stamp = append(c.stamp, make([]uint32, n-len(c.stamp))...)
	c.parent = append(c.parent, make([]int32, n-len(c.parent))...)
	c.holder = append(c.holder, make([]int32, n-len(c.holder))...)
	c.depth = append(c.depth, make([]uint8, n-len(c.depth))...)
	c.queue = make([]int32, 0, n)
}

// knownHolder reports whether k is among y's recent holders and still holds some.
func (s *Subsystem) knownHolder(k, y int32) bool {
	for _, h := range s.recent[int(y)*4 : int(y)*4+4] {
		if h == k {
			return s.hd.get(k, y) > 0
		}
	}
	return false
}

// findChain searches for a shortest swap chain giving i IOUs of j, up to depth
// links; it returns the chain's links (in s.chain.links, first the one that gives i
// j's IOUs) and their number, 0 when there is none.
func (s *Subsystem) findChain(i, j int32, depth int) []chainLink {
	c := &s.chain
	c.grow(len(s.iou))
	c.gen++
	if c.gen == 0 { // wrapped: clear the stamps once every 4 billion searches
		clear(c.stamp)
		c.gen = 1
	}
	q := c.queue[:0]
	c.stamp[j], c.depth[j] = c.gen, 0
	q = append(q, j)
	cs := s.cfg.Circle
	for head := 0; head < len(q); head++ {
		y := q[head]
		d := int(c.depth[y])
		if d >= depth {
			break // breadth first: every later asset is as deep
		}
		for _, k := range s.recent[int(y)*4 : int(y)*4+4] {
			if k < 0 || k == i || !s.knownHolder(k, y) {
				continue
			}
			for _, a := range s.circle[int(k)*cs : int(k)*cs+int(s.ncircle[k])] {
				if a == i || a == y || c.stamp[a] == c.gen || s.isCoop[a] != s.isCoop[j] { // one unit a chain
					continue
				}
				c.stamp[a], c.parent[a], c.holder[a], c.depth[a] = c.gen, y, k, uint8(d+1)
				if s.hd.get(i, a) > 0 {
					c.queue = q
					return s.chainFrom(i, a)
				}
				q = append(q, a)
			}
		}
	}
	c.queue = q
	return nil
}

// chainFrom lists the chain ending at asset last (which i holds), walking parents
// back to j: links[0] gives i j's IOUs, the last link is i giving last.
func (s *Subsystem) chainFrom(i, last int32) []chainLink {
	c := &s.chain
	n := int(c.depth[last])
	// Walk from last back to j: asset a was reached from parent p through holder k
	// (k holds p, wants a), so k gives p to whoever gave k a's... the link order is
	// rebuilt below.
	// Walk from last back to j: asset a was reached from p through k, who holds p's
	// IOUs and wants a's: k_m gives y_{m-1}.
	a := last
	for m := n; m >= 1; m-- {
		k, p := c.holder[a], c.parent[a]
		c.links[m] = chainLink{from: k, asset: p}
		a = p
	}
	// links[1..n] now hold k_m giving y_{m-1}; k_m receives y_m from k_{m+1}, and
	// k_n receives y_n = last from i.
	c.links[0] = chainLink{from: i, to: c.links[n].from, asset: last}
	for m := 1; m <= n; m++ {
		if m == 1 {
			c.links[m].to = i
		} else {
			c.links[m].to = c.links[m-1].from
		}
	}
	return c.links[:n+1]
}

// swapChain has i obtain up to x of j's IOUs through a chain of swaps, unit for unit;
// it returns what it obtained.
func (s *Subsystem) swapChain(i, j int32, x ledger.Amount) ledger.Amount {
	links := s.findChain(i, j, s.cfg.SwapDepth)
	if len(links) == 0 {
		return 0
	}
	for _, l := range links {
		x = min(x, s.hd.get(l.from, l.asset))
	}
	if x <= 0 {
		return 0
	}
	for _, l := range links {
		s.hd.add(l.from, l.asset, -x)
		s.hd.add(l.to, l.asset, x)
		s.noteHolder(l.asset, l.to)
		s.vintage.move(x, s.month)
	}
	// Everyone in the chain gave x and received x: heldIn is unchanged.
	s.chain.count[len(links)-1]++
	s.cum.chains++
	s.stats.swapped += x
	s.cum.swapped += x
	return x
}

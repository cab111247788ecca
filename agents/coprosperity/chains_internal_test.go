package coprosperity

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// chainInstance builds a random small economy of holdings: n participants, each with
// a circle of 3 providers, each holding IOUs of up to 3 issuers (noted as a recent
// holder; some holdings then spent, leaving stale notes).
func chainInstance(t testing.TB, r *rand.Rand, n int) *Subsystem {
	t.Helper()
	cfg := quiet()
	cfg.Circle = 3
	s := build(t, cfg, newTestHost(t, n, 0))
	s.grow(n) // participants 0..n-1 without a month: members' numbers
	for k := range n {
		s.active[k] = true
		for s.ncircle[k] < 3 {
			a := int32(r.IntN(n))
			if a != int32(k) && !s.inCircle(int32(k), a) {
				s.circle[k*3+int(s.ncircle[k])] = a
				s.ncircle[k]++
			}
		}
		for range r.IntN(4) {
			y := int32(r.IntN(n))
			if y == int32(k) {
				continue
			}
			v := ledger.Amount(1 + r.IntN(5))
			s.hd.add(int32(k), y, v)
			s.heldIn[k] += v
			s.iou[y].out += v
			s.iou[y].issued += v
			s.noteHolder(y, int32(k))
			if r.IntN(5) == 0 { // spent again: a stale note
				x := s.hd.get(int32(k), y)
				s.hd.add(int32(k), y, -x)
				s.heldIn[k] -= x
				s.iou[y].out -= x
				s.iou[y].redeemed += x
			}
		}
	}
	if err := s.check(); err != nil {
		t.Fatal(err)
	}
	return s
}

// bruteChain is the shortest chain length by plain enumeration of every sequence of
// assets y0 = j, y1..yL and holders k1..kL (any participant but i) with k_m a known
// holder of y_{m-1} (among its 4 recent holders and holding some), y_m in k_m's
// circle, y_m neither i nor j, and i holding y_L; 0 when none is within depth.
func bruteChain(s *Subsystem, i, j int32, depth int) int {
	n := int32(len(s.active))
	known := func(k, y int32) bool {
		return slices.Contains(s.recent[y*4:y*4+4], k) && s.hd.get(k, y) > 0
	}
	var walk func(y int32, l int) bool
	walk = func(y int32, l int) bool { // y is y_{l-1}; try a holder k_l
		for k := range n {
			if k == i || !known(k, y) {
				continue
			}
			for _, a := range s.circle[k*3 : k*3+int32(s.ncircle[k])] {
				if a == i || a == j {
					continue
				}
				if s.hd.get(i, a) > 0 {
					return true
				}
				if l < depth && walk(a, l+1) {
					return true
				}
			}
		}
		return false
	}
	for l := 1; l <= depth; l++ {
		// walk with a depth bound of l finds chains of at most l links.
		d := depth
		depth = l
		found := walk(j, 1)
		depth = d
		if found {
			return l
		}
	}
	return 0
}

// TestSwapChainsAgainstBruteForce: on 3,000 random small instances the search finds a
// chain exactly when the brute force finds one within the depth, of the same
// (shortest) length; every chain found is valid (each gives an IOU it is known to
// hold, every counterparty receives one it wants, i receives j's, each takes part
// once as giver and once as receiver), and carrying it out keeps the books.
func TestSwapChainsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 5))
	found := [maxSwapDepth + 1]int{}
	for trial := range 3000 {
		n := 6 + r.IntN(10)
		s := chainInstance(t, r, n)
		i := int32(r.IntN(n))
		j := int32(r.IntN(n - 1))
		if j >= i {
			j++
		}
		depth := 1 + r.IntN(4)
		want := bruteChain(s, i, j, depth)
		links := s.findChain(i, j, depth)
		got := 0
		if len(links) > 0 {
			got = len(links) - 1
		}
		if got != want {
			t.Fatalf("trial %d: i=%d j=%d depth %d: chain of %d, brute force %d", trial, i, j, depth, got, want)
		}
		if got == 0 {
			continue
		}
		found[got]++
		if links[1].asset != j || links[1].to != i || links[0].from != i {
			t.Fatalf("trial %d: chain %v does not give %d's IOUs to %d", trial, links, j, i)
		}
		for m, l := range links {
			if !s.knownHolder(l.from, l.asset) && !(m == 0 && s.hd.get(i, l.asset) > 0) {
				t.Fatalf("trial %d: link %v: the giver does not hold it", trial, l)
			}
			if l.to != i && !s.inCircle(l.to, l.asset) {
				t.Fatalf("trial %d: link %v: the receiver does not want it", trial, l)
			}
			if m >= 1 && m < len(links)-1 && links[m+1].to != l.from {
				t.Fatalf("trial %d: chain %v is not a cycle", trial, links)
			}
		}
		if links[0].to != links[len(links)-1].from {
			t.Fatalf("trial %d: chain %v is not a cycle", trial, links)
		}
		before := s.hd.get(i, j)
		s.cfg.SwapDepth = depth
		x := s.swapChain(i, j, 3)
		if x <= 0 || s.hd.get(i, j) != before+x {
			t.Fatalf("trial %d: swapped %d, i holds %d of j's (had %d)", trial, x, s.hd.get(i, j), before)
		}
		if s.chain.count[got] != 1 {
			t.Fatalf("trial %d: chains of %d counted %d, want 1", trial, got, s.chain.count[got])
		}
		if err := s.check(); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
	}
	// The instances must exercise every length the search can find.
	for l := 1; l <= 4; l++ {
		if found[l] == 0 {
			t.Errorf("no chain of length %d among the instances (found %v)", l, found)
		}
	}
}

// TestSwapChainNoAlloc: a warm search allocates nothing.
func TestSwapChainNoAlloc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := chainInstance(t, r, 40)
	s.findChain(0, 1, 4)
	if a := testing.AllocsPerRun(100, func() {
		for j := int32(1); j < 40; j++ {
			s.findChain(0, j, 4)
		}
	}); a != 0 {
		t.Errorf("findChain allocates %v times a run, want 0", a)
	}
}

// BenchmarkFindChain: one search to depth 4 among 10,000 participants with random
// holdings (about 1.5 issuers held each), the search finding a chain or exhausting
// the reachable assets.
func BenchmarkFindChain(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	s := chainInstance(b, r, 10_000)
	b.ReportAllocs()
	var found int
	k := int32(0)
	for b.Loop() {
		i, j := k%10_000, (k*7919+1)%10_000
		if i != j && len(s.findChain(i, j, 4)) > 0 {
			found++
		}
		k++
	}
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

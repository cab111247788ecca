package clearing_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// check verifies what every clearing must satisfy, whatever the optimum: each
// participant's net position (the fund's obligations included) is unchanged, no
// obligation grows or turns negative, the fund lends within its limit and stays at net
// zero, and the totals add up. The remaining network has one entry per obligation, so
// no new obligation can appear but the fund's, which exist only with liquidity.
func check(t *testing.T, net *clearing.Network, liq ledger.Amount, res *clearing.Result) {
	t.Helper()
	if len(res.Remaining) != len(net.Obligations) || res.Obligations != len(net.Obligations) || res.Participants != net.Participants {
		t.Fatalf("result sizes %d/%d obligations, %d participants; want %d, %d",
			len(res.Remaining), res.Obligations, res.Participants, len(net.Obligations), net.Participants)
	}
	before := make([]int64, net.Participants)
	after := make([]int64, net.Participants)
	var total, left, nid ledger.Amount
	for i, o := range net.Obligations {
		r := res.Remaining[i]
		if r < 0 || r > o.Amount {
			t.Fatalf("obligation %d (%d owes %d %d): remaining %d", i, o.Debtor, o.Creditor, o.Amount, r)
		}
		before[o.Creditor] += o.Amount
		before[o.Debtor] -= o.Amount
		after[o.Creditor] += r
		after[o.Debtor] -= r
		total += o.Amount
		left += r
	}
	var lent, owed ledger.Amount
	if liq == 0 {
		if res.Borrowed != nil || res.Deposited != nil || res.FundLent != 0 {
			t.Fatalf("without liquidity the fund holds obligations: %v %v %d", res.Borrowed, res.Deposited, res.FundLent)
		}
	} else {
		for v := range net.Participants {
			b, d := res.Borrowed[v], res.Deposited[v]
			if b < 0 || d < 0 {
				t.Fatalf("participant %d: borrowed %d, deposited %d", v, b, d)
			}
			after[v] += d - b
			lent += b
			owed += d
		}
	}
	for v := range before {
		if before[v] != after[v] {
			t.Fatalf("participant %d: net position %d before, %d after", v, before[v], after[v])
		}
		if before[v] > 0 {
			nid += before[v]
		}
	}
	if lent != owed || lent != res.FundLent || lent > liq {
		t.Fatalf("fund lent %d, owes %d, FundLent %d, limit %d", lent, owed, res.FundLent, liq)
	}
	type totals struct{ total, cleared, left, nid, lent ledger.Amount }
	got := totals{res.TotalDebt, res.Cleared, res.RemainingDebt, res.NetInternalDebt, res.FundLent}
	if want := (totals{total, total - left, left + lent + owed, nid, lent}); got != want {
		t.Fatalf("totals %+v, want %+v", got, want)
	}
	if res.RemainingDebt < nid {
		t.Fatalf("remaining %d below the net internal debt %d", res.RemainingDebt, nid)
	}
}

func mustClear(t *testing.T, net *clearing.Network, liq ledger.Amount) *clearing.Result {
	t.Helper()
	res, err := clearing.Clear(net, &clearing.Options{Liquidity: liq})
	if err != nil {
		t.Fatalf("Clear: %v", err)
	}
	check(t, net, liq, res)
	return res
}

// TestHandWorked: a 3-cycle A->B 5, B->C 3, C->A 4 with a chord A->C 2 (A=0, B=1, C=2).
// Net positions: A 4-5-2 = -3, B 5-3 = +2, C 3+2-4 = +1, so the net internal debt is 3
// and no clearing leaves less than 3. A must still pay B 2 and C 1; the only ways that
// cost 3 send each unit over one obligation: A->B keeps 2 and the chord A->C keeps 1
// (through B it would cost 2). So the remaining network is A->B 2, A->C 1, and 14-3 =
// 11 is cleared.
func TestHandWorked(t *testing.T) {
	net := &clearing.Network{Participants: 3, Obligations: []clearing.Obligation{
		{0, 1, 5}, {1, 2, 3}, {2, 0, 4}, {0, 2, 2},
	}}
	res := mustClear(t, net, 0)
	if want := []ledger.Amount{2, 0, 0, 1}; !slices.Equal(res.Remaining, want) {
		t.Errorf("Remaining = %v, want %v", res.Remaining, want)
	}
	if res.TotalDebt != 14 || res.Cleared != 11 || res.RemainingDebt != 3 || res.NetInternalDebt != 3 {
		t.Errorf("totals %+v, want 14 total, 11 cleared, 3 remaining, 3 net internal debt", res)
	}
}

// TestLiquidityChain: a chain 0->1->2->3 of 10 each has no cycle, so nothing clears
// without the fund. With a limit of 4 the fund takes 4 of the chain: 0 owes it 4, it
// owes 3 4, and each link keeps 6; gross 3*6 + 4 + 4 = 26 instead of 30. With a limit
// of 100 it takes all 10 (the net internal debt): gross 20. A chain of two links gains
// nothing from the fund (2x either way), so the fund is not used.
func TestLiquidityChain(t *testing.T) {
	chain := &clearing.Network{Participants: 4, Obligations: []clearing.Obligation{{0, 1, 10}, {1, 2, 10}, {2, 3, 10}}}
	if res := mustClear(t, chain, 0); res.Cleared != 0 || res.RemainingDebt != 30 {
		t.Errorf("without the fund: cleared %d, remaining %d; want 0 and 30", res.Cleared, res.RemainingDebt)
	}
	res := mustClear(t, chain, 4)
	if !slices.Equal(res.Remaining, []ledger.Amount{6, 6, 6}) || !slices.Equal(res.Borrowed, []ledger.Amount{4, 0, 0, 0}) ||
		!slices.Equal(res.Deposited, []ledger.Amount{0, 0, 0, 4}) || res.FundLent != 4 || res.RemainingDebt != 26 {
		t.Errorf("limit 4: %+v; want links 6, 0 borrows 4, 3 deposits 4, gross 26", res)
	}
	if res := mustClear(t, chain, 100); res.FundLent != 10 || res.RemainingDebt != 20 || res.Cleared != 30 {
		t.Errorf("limit 100: lent %d, gross %d, cleared %d; want 10, 20, 30", res.FundLent, res.RemainingDebt, res.Cleared)
	}
	short := &clearing.Network{Participants: 3, Obligations: []clearing.Obligation{{0, 1, 10}, {1, 2, 10}}}
	if res := mustClear(t, short, 100); res.RemainingDebt != 20 {
		t.Errorf("two links: gross %d, want 20", res.RemainingDebt)
	}
}

// randomNetwork draws n participants and m obligations with amounts in [0, maxAmount]
// (zero one time in eight), parallel obligations allowed.
func randomNetwork(r *rand.Rand, n, m int, maxAmount int64) *clearing.Network {
	net := &clearing.Network{Participants: n}
	for range m {
		d := r.IntN(n)
		c := r.IntN(n - 1)
		if c >= d {
			c++
		}
		a := 1 + r.Int64N(maxAmount)
		if r.IntN(8) == 0 {
			a = 0
		}
		net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: int32(d), Creditor: int32(c), Amount: a})
	}
	return net
}

// bruteCleared is the most that any integer circulation f (0 <= f_e <= a_e, flow in
// equal to flow out at every participant) sets off, by trying every one.
func bruteCleared(net *clearing.Network) int64 {
	m := len(net.Obligations)
	f := make([]int64, m)
	bal := make([]int64, net.Participants)
	best := int64(0)
	var rec func(i int, sum int64)
	rec = func(i int, sum int64) {
		if i == m {
			for _, b := range bal {
				if b != 0 {
					return
				}
			}
			best = max(best, sum)
			return
		}
		o := net.Obligations[i]
		for x := int64(0); x <= o.Amount; x++ {
			f[i] = x
			bal[o.Debtor] += x
			bal[o.Creditor] -= x
			rec(i+1, sum+x)
			bal[o.Debtor] -= x
			bal[o.Creditor] += x
		}
	}
	rec(0, 0)
	return best
}

// TestBruteForce compares the cleared total with an exhaustive search over every
// integer circulation on 400 tiny networks (up to 5 participants, 7 obligations of at
// most 3): the integer optimum, so equality is exact.
func TestBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 1))
	for i := range 400 {
		net := randomNetwork(r, 2+r.IntN(4), r.IntN(8), 3)
		res := mustClear(t, net, 0)
		if want := bruteCleared(net); res.Cleared != want {
			t.Fatalf("network %d %v: cleared %d, brute force %d", i, net.Obligations, res.Cleared, want)
		}
	}
}

// lpRemaining is the least gross total after clearing with a fund limit liq, by gonum's
// simplex on the circulation form, written independently of the solver's form:
// variables f_e (set off), s_e (slack, f_e + s_e = a_e) and, with liquidity, b_v (v owes
// the fund), d_v (the fund owes v) and a slack on sum(b) <= liq; minimise
// total - sum(f) + sum(b) + sum(d) subject to, at every participant v,
// sum(f out of v) - sum(f into v) + d_v - b_v = 0 (its net position unchanged) and
// sum(b) = sum(d) at the fund. One row per weakly connected component is dropped (the
// rows of a component add up to zero; simplex wants full row rank), with the fund
// joining everything into one component whose dropped row is the fund's.
func lpRemaining(t *testing.T, net *clearing.Network, liq int64) float64 {
	t.Helper()
	n, m := net.Participants, len(net.Obligations)
	fund := liq > 0
	// Weak components by union-find, to pick the rows to keep.
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	touched := make([]bool, n)
	for _, o := range net.Obligations {
		parent[find(int(o.Debtor))] = find(int(o.Creditor))
		touched[o.Debtor], touched[o.Creditor] = true, true
	}
	var rows []int // participants whose conservation row is kept
	dropped := map[int]bool{}
	for v := range n {
		switch {
		case fund:
			rows = append(rows, v) // the fund's row is the one dropped
		case !touched[v]:
		case !dropped[find(v)]:
			dropped[find(v)] = true
		default:
			rows = append(rows, v)
		}
	}
	rowOf := map[int]int{}
	for i, v := range rows {
		rowOf[v] = i
	}
	nvar := 2 * m
	nrow := len(rows) + m
	if fund {
		nvar += 2*n + 1
		nrow++
	}
	if nrow == 0 {
		return 0 // no obligation, no fund
	}
	A := mat.NewDense(nrow, nvar, nil)
	b := make([]float64, nrow)
	c := make([]float64, nvar)
	var total float64
	for e, o := range net.Obligations {
		c[e] = -1
		if i, ok := rowOf[int(o.Debtor)]; ok {
			A.Set(i, e, A.At(i, e)+1)
		}
		if i, ok := rowOf[int(o.Creditor)]; ok {
			A.Set(i, e, A.At(i, e)-1)
		}
		A.Set(len(rows)+e, e, 1)
		A.Set(len(rows)+e, m+e, 1)
		b[len(rows)+e] = float64(o.Amount)
		total += float64(o.Amount)
	}
	if fund {
		lim := nrow - 1
		for v := range n {
			bv, dv := 2*m+v, 2*m+n+v
			c[bv], c[dv] = 1, 1
			A.Set(rowOf[v], bv, -1)
			A.Set(rowOf[v], dv, 1)
			A.Set(lim, bv, 1)
		}
		A.Set(lim, nvar-1, 1)
		b[lim] = float64(liq)
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		t.Fatalf("simplex on %v (liquidity %d): %v", net.Obligations, liq, err)
	}
	return total + opt
}

// TestAgainstLP compares the gross total after clearing with the simplex optimum on 300
// random networks of up to 9 participants and 24 obligations of up to 1000, a third of
// them with a fund limit. The network LP's bases are totally unimodular, so its optimum
// is an integer and the simplex's error is rounding only: at most about
// pivots * 1e-16 * 3e4 < 1e-9 here, well inside the 1e-6 allowed.
func TestAgainstLP(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 300 {
		net := randomNetwork(r, 2+r.IntN(8), r.IntN(25), 1000)
		var liq int64
		if i%3 == 0 {
			liq = r.Int64N(3000)
		}
		res := mustClear(t, net, liq)
		if want := lpRemaining(t, net, liq); math.Abs(float64(res.RemainingDebt)-want) > 1e-6 {
			t.Fatalf("network %d %v liquidity %d: remaining %d, LP %.9g", i, net.Obligations, liq, res.RemainingDebt, want)
		}
	}
}

// TestChainsAgainstLP: sparse networks (about one obligation per participant, so many
// participants have one debt and one claim and their chains are contracted) and rings
// with tails, against the simplex optimum, with the tolerance of TestAgainstLP. A ring
// alone clears its smallest amount from every link.
func TestChainsAgainstLP(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	for i := range 300 {
		n := 3 + r.IntN(12)
		net := randomNetwork(r, n, n-2+r.IntN(5), 1000)
		if i%2 == 0 {
			// A ring through the first k participants, the rest hanging off it.
			k := 2 + r.IntN(n-2)
			net.Obligations = net.Obligations[:0]
			for v := range k {
				net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: int32(v), Creditor: int32((v + 1) % k), Amount: 1 + r.Int64N(1000)})
			}
			for v := k; v < n; v++ {
				d, c := int32(v), int32(r.IntN(v))
				if r.IntN(2) == 0 {
					d, c = c, d
				}
				net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: d, Creditor: c, Amount: 1 + r.Int64N(1000)})
			}
		}
		res := mustClear(t, net, 0)
		if want := lpRemaining(t, net, 0); math.Abs(float64(res.RemainingDebt)-want) > 1e-6 {
			t.Fatalf("network %d %v: remaining %d, LP %.9g", i, net.Obligations, res.RemainingDebt, want)
		}
	}
	ring := &clearing.Network{Participants: 5, Obligations: []clearing.Obligation{{0, 1, 7}, {1, 2, 3}, {2, 3, 9}, {3, 4, 4}, {4, 0, 5}}}
	if res := mustClear(t, ring, 0); !slices.Equal(res.Remaining, []ledger.Amount{4, 0, 6, 1, 2}) {
		t.Errorf("ring 7,3,9,4,5: remaining %v, want each less 3", res.Remaining)
	}
}

// TestLPCanFail: the LP comparison tells a greedy clearing from the optimum. On the
// hand-worked network, cancelling the 3-cycle first by its smallest link (3) leaves
// A->B 2, C->A 1, A->C 2: gross 5, not the optimum 3.
func TestLPCanFail(t *testing.T) {
	net := &clearing.Network{Participants: 3, Obligations: []clearing.Obligation{{0, 1, 5}, {1, 2, 3}, {2, 0, 4}, {0, 2, 2}}}
	if got := lpRemaining(t, net, 0); math.Abs(got-3) > 1e-6 {
		t.Fatalf("LP optimum %g, want 3", got)
	}
	if greedy := 2.0 + 1 + 2; math.Abs(greedy-lpRemaining(t, net, 0)) < 1e-6 {
		t.Fatal("the LP cannot tell the greedy clearing from the optimum")
	}
}

// TestAcyclic: a network with no cycle (obligations only from a lower to a higher rank
// of a random order) clears nothing.
func TestAcyclic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		n := 2 + r.IntN(30)
		rank := r.Perm(n)
		net := randomNetwork(r, n, r.IntN(80), 1e6)
		for i, o := range net.Obligations {
			if rank[o.Debtor] > rank[o.Creditor] {
				net.Obligations[i].Debtor, net.Obligations[i].Creditor = o.Creditor, o.Debtor
			}
		}
		if res := mustClear(t, net, 0); res.Cleared != 0 {
			t.Fatalf("acyclic %v: cleared %d", net.Obligations, res.Cleared)
		}
	}
}

// TestLarger checks the invariants and the lower bound on bigger random networks, and
// that a cycle-only network (every net position zero) clears completely.
func TestLarger(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 20 {
		net := clearing.RandomNetwork(r, 50+r.IntN(500), 100+r.IntN(3000))
		mustClear(t, net, ledger.Amount(i)*100*ledger.Unit)
	}
	// Each obligation with its exact opposite: all nets zero.
	net := clearing.RandomNetwork(r, 300, 2000)
	for _, o := range slices.Clone(net.Obligations) {
		net.Obligations = append(net.Obligations, clearing.Obligation{Debtor: o.Creditor, Creditor: o.Debtor, Amount: o.Amount})
	}
	if res := mustClear(t, net, 0); res.RemainingDebt != 0 || res.NetInternalDebt != 0 {
		t.Errorf("balanced network: %d remaining, net internal debt %d; want 0", res.RemainingDebt, res.NetInternalDebt)
	}
}

// TestReuse: a Solver reused on different networks gives what a fresh one gives, the
// same input gives the same result, and a warm Solver allocates nothing.
func TestReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	big := clearing.RandomNetwork(r, 2000, 15000)
	small := clearing.RandomNetwork(r, 200, 1000)
	var s clearing.Solver
	var res clearing.Result
	for _, tc := range []struct {
		net *clearing.Network
		liq ledger.Amount
	}{{big, 0}, {small, 0}, {big, 5000 * ledger.Unit}, {small, 0}, {big, 0}} {
		if err := s.Clear(tc.net, &clearing.Options{Liquidity: tc.liq}, &res); err != nil {
			t.Fatal(err)
		}
		fresh := mustClear(t, tc.net, tc.liq)
		if !slices.Equal(res.Remaining, fresh.Remaining) || res.RemainingDebt != fresh.RemainingDebt {
			t.Fatalf("reused solver: remaining %d, fresh %d (or the obligations differ)", res.RemainingDebt, fresh.RemainingDebt)
		}
	}
	for _, liq := range []ledger.Amount{0, 5000 * ledger.Unit} {
		opts := &clearing.Options{Liquidity: liq}
		allocs := testing.AllocsPerRun(3, func() {
			if err := s.Clear(big, opts, &res); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("liquidity %d: a warm Clear allocates %.0f times, want 0", liq, allocs)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		net  clearing.Network
		want error
	}{
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 2, 1}}}, clearing.ErrParticipant},
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{-1, 1, 1}}}, clearing.ErrParticipant},
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{1, 1, 1}}}, clearing.ErrSelf},
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 1, -1}}}, clearing.ErrNegative},
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 1, math.MaxInt64}, {1, 0, 1}}}, clearing.ErrOverflow},
		{clearing.Network{Participants: -1}, clearing.ErrParticipant},
		{clearing.Network{Participants: 400_000_000}, clearing.ErrSize}, // 6 arcs each pass 2^31
		{clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 1, math.MaxInt64}}}, nil},
	} {
		_, err := clearing.Clear(&tc.net, nil)
		if !errors.Is(err, tc.want) {
			t.Errorf("Clear(%v) = %v, want %v", tc.net, err, tc.want)
		}
	}
	net := &clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 1, 1}}}
	if _, err := clearing.Clear(net, &clearing.Options{Liquidity: -1}); !errors.Is(err, clearing.ErrLiquidity) {
		t.Errorf("negative liquidity: %v, want %v", err, clearing.ErrLiquidity)
	}
}

// TestExtremeAmounts: amounts near the int64 limit clear exactly (a 2-cycle of the
// largest amount and 1, and a 3-cycle whose total is the largest amount).
func TestExtremeAmounts(t *testing.T) {
	third := int64(math.MaxInt64 / 3)
	net := &clearing.Network{Participants: 3, Obligations: []clearing.Obligation{{0, 1, third}, {1, 2, third}, {2, 0, math.MaxInt64 - 2*third}}}
	res := mustClear(t, net, math.MaxInt64)
	if res.Cleared != 3*third {
		t.Errorf("cleared %d, want %d", res.Cleared, 3*third)
	}
	net = &clearing.Network{Participants: 2, Obligations: []clearing.Obligation{{0, 1, math.MaxInt64 - 1}, {1, 0, 1}}}
	if res := mustClear(t, net, 0); res.Cleared != 2 || res.RemainingDebt != math.MaxInt64-2 {
		t.Errorf("2-cycle: cleared %d, remaining %d", res.Cleared, res.RemainingDebt)
	}
}

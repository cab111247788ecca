package coprosperity

import (
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// testHost is a small economy of members with token balances and nothing else: the
// subsystem sees only what sim.Host offers, so the table tests drive it directly.
type testHost struct {
	sim.Host // methods the subsystem does not use (calling one panics)
	l        *ledger.Ledger
	first    ledger.AccountID
	active   []bool
	ticks    int
	seed     uint64
	pool     *sim.Pool // nil: the subsystem runs its parallel parts in turn

	// For unit value: each member's co-op (nil: none employed), each co-op's sector,
	// each sector's monthly wage.
	employer   []int
	coopSector []int
	wages      []float64

	// Co-ops as participants (coops.go): accounts from firstCoop, alive, workers, price
	// (micro-tokens a unit) and units a worker makes a month; each sector's inputs.
	firstCoop ledger.AccountID
	coopAlive []bool
	workers   []int
	price     []ledger.Amount
	prod      []float64
	inputs    [][]testInput
}

type testInput struct {
	sector int
	coef   float64
}

// addCoops opens n co-ops in sector sec with w workers each, at price tokens a unit
// and units a worker a month, each with balance tokens.
func (h *testHost) addCoops(t testing.TB, n, sec, w int, price, units float64, balance ledger.Amount) {
	t.Helper()
	first := h.l.OpenN(ledger.KindCoop, n)
	if len(h.coopAlive) == 0 {
		h.firstCoop = first
	} else if first != h.firstCoop+ledger.AccountID(len(h.coopAlive)) {
		t.Fatal("testHost: co-ops' accounts not consecutive")
	}
	if balance > 0 {
		if err := h.l.IssueN(first, n, balance, ledger.TxOther, 0); err != nil {
			t.Fatal(err)
		}
	}
	for range n {
		h.coopAlive = append(h.coopAlive, true)
		h.workers = append(h.workers, w)
		h.price = append(h.price, ledger.Tokens(price))
		h.prod = append(h.prod, units)
		h.coopSector = append(h.coopSector, sec)
	}
	for len(h.wages) <= sec {
		h.wages = append(h.wages, 1600)
	}
	for len(h.inputs) < len(h.wages) {
		h.inputs = append(h.inputs, nil)
	}
}

func newTestHost(t testing.TB, members int, balance ledger.Amount) *testHost {
	t.Helper()
	l := ledger.New(ledger.Options{Capacity: members + 1})
	l.Open(ledger.KindFoundation)
	first := l.OpenN(ledger.KindMember, members)
	if balance > 0 {
		if err := l.IssueN(first, members, balance, ledger.TxOther, 0); err != nil {
			t.Fatal(err)
		}
	}
	h := &testHost{l: l, first: first, active: make([]bool, members), ticks: 120, seed: 1}
	for i := range h.active {
		h.active[i] = true
	}
	return h
}

func (h *testHost) Ledger() *ledger.Ledger               { return h.l }
func (h *testHost) Clock() sim.Clock                     { return sim.Clock{TicksPerYear: 12, Ticks: h.ticks} }
func (h *testHost) Pool() *sim.Pool                      { return nil }
func (h *testHost) Seed() uint64                         { return h.seed }
func (h *testHost) Members() int                         { return len(h.active) }
func (h *testHost) MemberAccount(i int) ledger.AccountID { return h.first + ledger.AccountID(i) }
func (h *testHost) MemberActive(i int) bool              { return h.active[i] }
func (h *testHost) MemberEmployer(i int) int {
	if h.employer == nil {
		return -1
	}
	return h.employer[i]
}
func (h *testHost) MemberLocality(int) int             { return 0 }
func (h *testHost) Coops() int                         { return len(h.coopAlive) }
func (h *testHost) CoopAccount(c int) ledger.AccountID { return h.firstCoop + ledger.AccountID(c) }
func (h *testHost) CoopAlive(c int) bool               { return h.coopAlive[c] }
func (h *testHost) CoopSectorIndex(c int) int          { return h.coopSector[c] }
func (h *testHost) CoopWorkers(c int) int              { return h.workers[c] }
func (h *testHost) CoopPrice(c int) ledger.Amount      { return h.price[c] }
func (h *testHost) CoopProductivity(c int) float64     { return h.prod[c] }
func (h *testHost) SectorInputs(s int) int {
	if s >= len(h.inputs) {
		return 0
	}
	return len(h.inputs[s])
}
func (h *testHost) SectorInput(s, k int) (int, float64) {
	return h.inputs[s][k].sector, h.inputs[s][k].coef
}
func (h *testHost) CoopLocality(int) int { return 0 }
func (h *testHost) Sectors() []string    { return make([]string, len(h.wages)) }
func (h *testHost) SectorTechnique(s int) (share, basePrice, wage, productivity float64) {
	return 0, 0, h.wages[s], 0
}
func (h *testHost) Localities() int              { return 1 }
func (h *testHost) Foundation() ledger.AccountID { return 0 }
func (h *testHost) balance(i int) ledger.Amount  { return h.l.Balance(h.MemberAccount(i)) }
func (h *testHost) addMembers(n int)             { h.grow(n) }
func (h *testHost) grow(n int) {
	h.l.OpenN(ledger.KindMember, n)
	for range n {
		h.active = append(h.active, true)
		if h.employer != nil {
			h.employer = append(h.employer, -1)
		}
	}
}

// build returns the subsystem over h with cfg (Enabled set), checked and registered.
func build(t testing.TB, cfg Config, h sim.Host) *Subsystem {
	t.Helper()
	cfg.Enabled = true
	sub, err := New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	s := sub.(*Subsystem)
	var r sim.Registry
	s.Register(&r)
	return s
}

// month runs month m of s, failing the test on an error (the books' check included).
func month(t *testing.T, s *Subsystem, m int) {
	t.Helper()
	if err := s.runMonth(tickOf(m)); err != nil {
		t.Fatal(err)
	}
}

func tickOf(m int) sim.Tick { return sim.Tick{N: m, Month: m, MonthStart: true} }

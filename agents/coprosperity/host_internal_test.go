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
func (h *testHost) MemberLocality(int) int           { return 0 }
func (h *testHost) Coops() int                       { return 0 }
func (h *testHost) CoopAccount(int) ledger.AccountID { return ledger.NoAccount }
func (h *testHost) CoopAlive(int) bool               { return false }
func (h *testHost) CoopSectorIndex(c int) int        { return h.coopSector[c] }
func (h *testHost) CoopLocality(int) int             { return 0 }
func (h *testHost) Sectors() []string                { return make([]string, len(h.wages)) }
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

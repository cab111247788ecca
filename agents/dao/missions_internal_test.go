package dao

import (
	"slices"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// fakeHost is a tiny economy for the missions' plumbing: n members and one co-op, all
// in locality 0, members 0..3 working in it.
type fakeHost struct {
	sim.Host   // nil: the methods the platform does not call
	l          *ledger.Ledger
	members    ledger.AccountID
	coop, fund ledger.AccountID
	n          int
}

func newFakeHost(t *testing.T, n int) *fakeHost {
	t.Helper()
	l := ledger.New(ledger.Options{})
	h := &fakeHost{l: l, n: n}
	h.fund = l.Open(ledger.KindFoundation)
	h.members = l.OpenN(ledger.KindMember, n)
	h.coop = l.Open(ledger.KindCoop)
	if err := l.IssueN(h.members, n, ledger.Tokens(1000), ledger.TxGift, 0); err != nil {
		t.Fatal(err)
	}
	if err := l.Issue(h.coop, ledger.Tokens(100000), 0, ledger.TxGift, 0); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *fakeHost) Ledger() *ledger.Ledger               { return h.l }
func (h *fakeHost) Clock() sim.Clock                     { return sim.Clock{TicksPerYear: 12, Ticks: 120} }
func (h *fakeHost) Pool() *sim.Pool                      { return nil }
func (h *fakeHost) Seed() uint64                         { return 1 }
func (h *fakeHost) Members() int                         { return h.n }
func (h *fakeHost) MemberAccount(i int) ledger.AccountID { return h.members + ledger.AccountID(i) }
func (h *fakeHost) MemberActive(i int) bool              { return h.l.Registered(h.MemberAccount(i)) }
func (h *fakeHost) MemberLocality(int) int               { return 0 }
func (h *fakeHost) Coops() int                           { return 1 }
func (h *fakeHost) CoopMonthSales(int) ledger.Amount     { return ledger.Tokens(5000) }
func (h *fakeHost) CoopAccount(int) ledger.AccountID     { return h.coop }
func (h *fakeHost) CoopAlive(int) bool                   { return true }
func (h *fakeHost) CoopSectorIndex(int) int              { return 0 }
func (h *fakeHost) CoopLocality(int) int                 { return 0 }
func (h *fakeHost) Sectors() []string                    { return []string{"food"} }
func (h *fakeHost) Localities() int                      { return 1 }
func (h *fakeHost) Foundation() ledger.AccountID         { return h.fund }
func (h *fakeHost) MemberEmployer(i int) int {
	if i < 4 {
		return 0
	}
	return -1
}

var _ sim.Host = (*fakeHost)(nil)

// TestMissionLifecycle follows missions through the escrow by hand on a small ledger:
// a failed mission refunds every pledge as pledged (a pledger who left is refunded to
// the Foundation); a won mission pays the prize and issues its achievement tokens to
// the winning team by contribution, each part equal to the exact rational split
// (refSplit); royalties go to the holders pro rata to the unit, also after the tokens
// change hands, and not to a holder who left. Tokens are conserved throughout.
func TestMissionLifecycle(t *testing.T) {
	h := newFakeHost(t, 12)
	cfg := Default()
	cfg.Enabled = true
	cfg.Participation = Participation{Direct: 1}
	cfg.Missions = []Mission{{Name: "m", Rate: 1, Good: 1, Months: 1, Teams: 2, TeamSize: 3, Winner: "output",
		Shares: 1000, Royalty: 0.01, SellMonths: 12,
		Prize: Prize{Rule: "both", Pledgers: 6, Pledge: 7.5, Treasury: 0.001}}}
	sub, err := New(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	d := sub.(*DAO)
	d.now = sim.Tick{N: 1, Month: 1, MonthStart: true}
	d.rebuildOwners()
	supply := h.l.Supply()
	for range 2 {
		if err := d.openMission(0, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.missions) != 2 {
		t.Fatalf("%d missions opened, want 2", len(d.missions))
	}
	held := func() []ledger.Amount {
		var b []ledger.Amount
		for i := range h.l.Len() {
			b = append(b, h.l.Holdings(ledger.AccountID(i)))
		}
		return b
	}

	// Mission 0 fails: every pledge comes back; one pledger has left first.
	before := held()
	esc0 := h.l.Holdings(d.escrow)
	m0 := &d.missions[0]
	left := d.pledges[m0.pledge0+1].from // a member who pledged (the first is the treasury)
	h.l.Deregister(left)
	want := slices.Clone(before)
	var fund ledger.Amount
	for _, p := range d.pledges[m0.pledge0:m0.pledge1] {
		if p.from == left {
			fund += p.amount
			continue
		}
		want[p.from] += p.amount
	}
	want[h.fund] += fund
	want[d.escrow] -= m0.prize
	if err := d.refund(m0); err != nil {
		t.Fatal(err)
	}
	if got := held(); !slices.Equal(got, want) {
		t.Fatalf("after the refund, holdings %v, want %v", got, want)
	}
	if h.l.Holdings(d.escrow) != esc0-(want[h.fund]-before[h.fund])-sumRefunds(d, m0, left) {
		t.Fatal("escrow did not give back exactly the pledges")
	}

	// Mission 1 is won by the team with the higher output.
	m1 := &d.missions[1]
	mk := &d.cfg.Missions[0]
	w := d.bestTeam(m1, mk)
	slots := d.teams(m1)[w*mk.TeamSize : (w+1)*mk.TeamSize]
	var contrib []int64
	for _, s := range slots {
		c := s.contrib
		if !h.l.Registered(h.MemberAccount(int(s.member))) {
			c = 0
		}
		contrib = append(contrib, c)
	}
	prize := m1.prize
	before = held()
	if err := d.award(1, m1, mk, w); err != nil {
		t.Fatal(err)
	}
	wantPrize := refSplit(prize, contrib)
	wantTokens := refSplit(ledger.Amount(mk.Shares), contrib)
	gotPrize := map[ledger.AccountID]ledger.Amount{}
	gotTok := map[ledger.AccountID]ledger.Amount{}
	for j, s := range slots {
		a := h.MemberAccount(int(s.member))
		gotPrize[a] += wantPrize[j]
		gotTok[a] += wantTokens[j]
	}
	after := held()
	for a, p := range gotPrize {
		if after[a]-before[a] != p {
			t.Errorf("member account %d: prize %d, want %d", a, after[a]-before[a], p)
		}
		if b := h.l.BalanceOf(m1.asset, a); b != gotTok[a] {
			t.Errorf("member account %d: %d achievement tokens, want %d", a, b, gotTok[a])
		}
	}
	if h.l.SupplyOf(m1.asset) != ledger.Amount(mk.Shares) {
		t.Errorf("%d achievement tokens issued, want %d", h.l.SupplyOf(m1.asset), mk.Shares)
	}

	// A holder sells part of its tokens to a member outside the team; another leaves.
	seller := m1.holders[0]
	buyer := h.MemberAccount(11)
	var a auction
	q := int64(h.l.BalanceOf(m1.asset, seller) / 3)
	if err := a.Ask(h.l, m1.asset, seller, q, ledger.Tokens(1)); err != nil {
		t.Fatal(err)
	}
	if err := a.Bid(h.l, buyer, q, ledger.Tokens(2)); err != nil {
		t.Fatal(err)
	}
	trades, err := a.Clear(h.l, m1.asset)
	if err != nil || len(trades) != 1 || trades[0].Qty != q {
		t.Fatalf("trades %v, %v: want one of %d", trades, err, q)
	}
	m1.holders = addHolder(m1.holders, buyer)
	gone := m1.holders[len(m1.holders)-2]
	if gone != seller {
		h.l.Deregister(gone)
	}
	var hw []int64
	for _, x := range m1.holders {
		b := h.l.BalanceOf(m1.asset, x)
		if !h.l.Registered(x) {
			b = 0
		}
		hw = append(hw, int64(b))
	}
	before = held()
	// the royalty is its share of the co-op's month's sales (5,000 tokens here)
	roy := min(ledger.Scale(h.CoopMonthSales(0), mk.Royalty), h.l.Balance(h.coop))
	if err := d.payRoyalty(m1); err != nil {
		t.Fatal(err)
	}
	after = held()
	for j, x := range m1.holders {
		if got, want := after[x]-before[x], refSplit(roy, hw)[j]; got != want {
			t.Errorf("holder %d: royalty %d, want %d of %d", x, got, want, roy)
		}
	}
	if before[h.coop]-after[h.coop] != roy {
		t.Errorf("the co-op paid %d, the royalty is %d", before[h.coop]-after[h.coop], roy)
	}
	if h.l.Supply() != supply {
		t.Errorf("supply %d, was %d", h.l.Supply(), supply)
	}
	if err := h.l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
}

func sumRefunds(d *DAO, m *mission, left ledger.AccountID) ledger.Amount {
	var s ledger.Amount
	for _, p := range d.pledges[m.pledge0:m.pledge1] {
		if p.from != left {
			s += p.amount
		}
	}
	return s
}

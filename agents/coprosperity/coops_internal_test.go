package coprosperity

import (
	"math"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// coopEconomy is members members (hour unit: an hour is ledger.Unit) and coops
// co-ops of 10 workers in sector 0, which buys its inputs from itself, at 20 tokens
// a unit and 16 units a worker a month: a co-op's hour is worth 20 × 16 / 160 = 2
// tokens, 2e6 value units. Co-op participants are numbered after the members.
func coopEconomy(t *testing.T, cfg Config, members, coops int) (*Subsystem, *testHost) {
	t.Helper()
	h := newTestHost(t, members, 0)
	h.addCoops(t, coops, 0, 10, 20, 16, ledger.Tokens(1000))
	h.inputs[0] = []testInput{{0, 0.3}}
	s := build(t, cfg, h)
	month(t, s, 1)
	return s, h
}

const coopHour = 2 * ledger.Unit // a co-op's hour in value units (coopEconomy)

// TestCoopPledge checks a co-op's month of IOUs and the airdrop of members' and
// co-ops' IOUs, worked by hand. 4 members and 3 co-ops: 7 participants, so each
// issuer's airdrop goes to 6. A co-op of 10 workers pledges 40 h a worker at 2 tokens
// an hour: 800 tokens' worth; a quarter (200) to the DAO fund, 600 airdropped, 100
// to each of the 6 others. A member pledges 40 h: 10 to the fund, 30 airdropped, 5 h
// to each. A member's claims: 3 co-ops × 100 tokens' worth, 3 other members × 5 h; a
// co-op's: 2 other co-ops × 100, 4 members × 5 h. A co-op with no workers pledges
// nothing and still receives.
func TestCoopPledge(t *testing.T) {
	for _, tc := range []struct {
		name                         string
		workers                      int // of co-op 0
		wantPledge0                  ledger.Amount
		wantMemberCClaim, wantCoop1C ledger.Amount // claims on the co-ops' pool
		wantMemberClaim, wantCoopC   ledger.Amount // claims on the members' pool
	}{
		{"ten workers", 10, 400 * coopHour, 300 * ledger.Unit, 200 * ledger.Unit, 15 * hour, 20 * hour},
		// Co-op 0 pledges 0: members get 2 × 100, co-op 1 gets co-op 2's 100 only.
		{"no workers", 0, 0, 200 * ledger.Unit, 100 * ledger.Unit, 15 * hour, 20 * hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestHost(t, 4, 0)
			h.addCoops(t, 3, 0, 10, 20, 16, 0)
			h.workers[0] = tc.workers
			s := build(t, quiet(), h)
			month(t, s, 1)
			c0, c1 := s.pOfCoop[0], s.pOfCoop[1]
			if c0 != 4 || !s.isCoop[c0] || s.val[c0] != coopHour {
				t.Fatalf("co-op 0 is participant %d (co-op %v) at %d an hour, want 4, true, %d", c0, s.isCoop[c0], s.val[c0], coopHour)
			}
			if got := s.iou[c0].issued; got != tc.wantPledge0 {
				t.Errorf("co-op 0 issued %d, want %d", got, tc.wantPledge0)
			}
			if got, want := s.iou[c1].dao, 100*coopHour; got != want {
				t.Errorf("co-op 1's IOUs with the DAO fund %d, want %d", got, want)
			}
			for i := range int32(4) {
				if s.cclaim[i] != tc.wantMemberCClaim || s.claim[i] != tc.wantMemberClaim {
					t.Errorf("member %d claims %d (co-ops') and %d (members'), want %d and %d", i, s.cclaim[i], s.claim[i], tc.wantMemberCClaim, tc.wantMemberClaim)
				}
			}
			if s.cclaim[c1] != tc.wantCoop1C || s.claim[c1] != tc.wantCoopC {
				t.Errorf("co-op 1 claims %d and %d, want %d and %d", s.cclaim[c1], s.claim[c1], tc.wantCoop1C, tc.wantCoopC)
			}
			if s.stats.cIssued != tc.wantPledge0+800*ledger.Unit*2 || s.stats.issued != 4*40*hour {
				t.Errorf("month's issue: co-ops %d, members %d", s.stats.cIssued, s.stats.issued)
			}
		})
	}
}

// TestCoopRedemption: a co-op redeems its supplier's IOUs, fulfilled within the
// supplier's capacity (40 h a worker × 10 workers × 2 tokens = 800 tokens' worth a
// month) and reliability; each outcome moves the supplier's rating (weight 0.1 from
// 1: 1 fulfilled at quality 1, 0.9 not); with compensate all an unfulfilled
// redemption is made good by the co-op's own tokens, a micro-token a unit (co-ops'
// IOUs are in value units whatever the scenario's unit).
func TestCoopRedemption(t *testing.T) {
	const x = 100 * ledger.Unit // 100 tokens' worth: 50 of the supplier's hours
	for _, tc := range []struct {
		name       string
		used       ledger.Amount
		rel        float64
		closed     bool
		compensate string
		fulfilled  bool
		wantPaid   ledger.Amount
	}{
		{"within capacity", 0, 1, false, "none", true, 0},
		{"capacity left exactly", 700 * ledger.Unit, 1, false, "none", true, 0},
		{"over capacity", 700*ledger.Unit + 1, 1, false, "none", false, 0},
		{"unreliable", 0, 0, false, "none", false, 0},
		{"inactive supplier", 0, 1, true, "none", false, 0},
		{"made good in tokens", 0, 0, false, "all", false, x},
		{"no guarantor: not made good", 0, 0, false, "guaranteed", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.Compensate = tc.compensate
			s, h := coopEconomy(t, cfg, 3, 3)
			sup, buyer := s.pOfCoop[0], s.pOfCoop[1]
			if got := s.withdraw(buyer, sup, x); got != x {
				t.Fatalf("withdrew %d, want %d", got, x)
			}
			s.used[sup], s.rel[sup], s.active[sup] = tc.used, tc.rel, !tc.closed
			before := h.l.Balance(h.CoopAccount(1))
			s.redeem(buyer, sup, x)
			held := s.hd.get(buyer, sup)
			if tc.fulfilled {
				if held != 0 || s.iou[sup].redeemed != x || s.used[sup] != tc.used+x || s.stats.cMet != x || s.stats.cRedeemed != x {
					t.Errorf("fulfilled: held %d, redeemed %d, used %d, met %d", held, s.iou[sup].redeemed, s.used[sup], s.stats.cMet)
				}
			} else if s.iou[sup].redeemed != 0 || s.stats.cUnfulfilled != x || held != x-s.iou[sup].compensated {
				t.Errorf("unfulfilled: held %d, redeemed %d, unfulfilled %d, made good %d", held, s.iou[sup].redeemed, s.stats.cUnfulfilled, s.iou[sup].compensated)
			}
			want := 1.0
			if !tc.fulfilled {
				want = 0.9
			}
			if math.Abs(s.rating[sup]-want) > 1e-12 {
				t.Errorf("rating %v, want %v", s.rating[sup], want)
			}
			if got := h.l.Balance(h.CoopAccount(1)) - before; got != tc.wantPaid {
				t.Errorf("buyer co-op was paid %d, want %d", got, tc.wantPaid)
			}
			if s.stats.redeemed != 0 || s.stats.unfulfilled != 0 || s.stats.met != 0 {
				t.Errorf("members' columns moved: %+v", s.stats)
			}
			if err := s.check(); err != nil {
				t.Error(err)
			}
			if err := h.l.CheckConservation(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestCoopExclusion: a co-op rated below the threshold is excluded by 5 distinct
// dissatisfied co-op consumers still active, not by 4; it is counted among the
// co-ops' exclusions, not the members', and pledges no more.
func TestCoopExclusion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		voters int
		want   bool
	}{
		{"four cannot exclude", 4, false},
		{"five exclude", 5, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := coopEconomy(t, quiet(), 3, 8)
			j := s.pOfCoop[0]
			for v := 1; v <= tc.voters; v++ {
				s.dissatisfied(j, s.pOfCoop[v])
			}
			s.rating[j] = 0.2
			s.vote()
			if s.excluded[j] != tc.want || s.cum.cExclusions != map[bool]int64{true: 1}[tc.want] || s.cum.exclusions != 0 {
				t.Errorf("excluded %v (co-ops %d, members %d), want %v", s.excluded[j], s.cum.cExclusions, s.cum.exclusions, tc.want)
			}
			issued := s.iou[j].issued
			month(t, s, 2)
			if grew := s.iou[j].issued > issued; grew == tc.want {
				t.Errorf("pledged in month 2: %v, want %v", grew, !tc.want)
			}
		})
	}
}

// TestCoopCloses: a co-op that closes with IOUs outstanding has them written off at
// the next month's start: those held (by a co-op that withdrew them), the DAO fund's,
// and those in the pool, with the claims on the co-ops' pool cut by exactly the pool's
// part, each claim by its proportional share give or take one unit, none below zero.
// The books balance to the unit and the write-off is counted.
func TestCoopCloses(t *testing.T) {
	cfg := quiet()
	cfg.Endowment = 0.3 // 800 × 0.7 / 7 recipients leaves remainders
	s, h := coopEconomy(t, cfg, 5, 3)
	j, holder := s.pOfCoop[0], s.pOfCoop[1]
	const x = 30 * ledger.Unit
	if got := s.withdraw(holder, j, x); got != x {
		t.Fatalf("withdrew %d", got)
	}
	b := s.iou[j]
	outstanding := b.pool + b.dao + b.out
	claims := append([]ledger.Amount(nil), s.cclaim...)
	var total ledger.Amount
	for _, c := range claims {
		total += c
	}
	h.coopAlive[0] = false
	s.join()
	s.writeOff()
	a := s.iou[j]
	if a.pool != 0 || a.dao != 0 || a.out != 0 || a.writtenOff != outstanding || s.hd.get(holder, j) != 0 {
		t.Errorf("after closing: %+v, held %d; want all %d written off", a, s.hd.get(holder, j), outstanding)
	}
	if s.cum.cWrittenOff != outstanding || s.cum.cClosed != 1 || !s.closed[j] || s.active[j] {
		t.Errorf("counted %d written off, %d closed; want %d, 1", s.cum.cWrittenOff, s.cum.cClosed, outstanding)
	}
	var cut ledger.Amount
	for i, c := range claims {
		d := c - s.cclaim[i]
		cut += d
		exact := float64(b.pool) * float64(c) / float64(total)
		if s.cclaim[i] < 0 || float64(d) < math.Floor(exact)-1e-6 || float64(d) > math.Floor(exact)+1+1e-6 {
			t.Errorf("claim %d: %d -> %d, proportional cut %.3f", i, c, s.cclaim[i], exact)
		}
	}
	if cut != b.pool {
		t.Errorf("claims cut by %d, the pool held %d", cut, b.pool)
	}
	if err := s.check(); err != nil {
		t.Error(err)
	}
	month(t, s, 2) // the closed co-op pledges no more, and the books still balance
	if s.iou[j].issued != b.issued {
		t.Errorf("closed co-op issued %d -> %d", b.issued, s.iou[j].issued)
	}
}

// TestPerIssuerAirdrop checks the per-issuer reading against a brute force: 30
// members in communities of 10, each airdropping to 4 of its own community. A pledge
// of 40 h: 10 to the fund, 30 airdropped to 4 recipients and 2 projects, 5 h each. So
// every issuer's IOUs are held by exactly 4 distinct others of its community, 5 h
// each; the projects' claims are 30 × 5 h; members hold no claim on the pool; and the
// same recipients receive again the next month.
func TestPerIssuerAirdrop(t *testing.T) {
	cfg := quiet()
	cfg.Airdrop, cfg.AirdropTo, cfg.Neighbourhood, cfg.Circle = "per_issuer", 4, 10, 4
	cfg.Coops, cfg.Clearing = false, "none" // clearing would set off the airdrops' cycles
	h := newTestHost(t, 30, 0)
	s := build(t, cfg, h)
	s.projects = append(s.projects, project{receiving: true}, project{receiving: true})
	for m := 1; m <= 2; m++ {
		month(t, s, m)
		holders := make([]map[int32]ledger.Amount, 30)
		for j := range holders {
			holders[j] = map[int32]ledger.Amount{}
		}
		s.hd.each(func(holder, issuer int32, v ledger.Amount) { holders[issuer][holder] = v })
		for j := range int32(30) {
			if len(holders[j]) != 4 {
				t.Errorf("month %d: %d's IOUs held by %d, want 4", m, j, len(holders[j]))
			}
			for k, v := range holders[j] {
				if k == j || s.community[k] != s.community[j] || v != ledger.Amount(m)*5*hour {
					t.Errorf("month %d: %d holds %d of %d's IOUs (communities %d, %d), want %d", m, k, v, j, s.community[k], s.community[j], ledger.Amount(m)*5*hour)
				}
			}
			if s.claim[j] != 0 || s.iou[j].dao != ledger.Amount(m)*10*hour {
				t.Errorf("month %d: %d's claim %d, DAO %d", m, j, s.claim[j], s.iou[j].dao)
			}
		}
		for p := range s.projects {
			if got, want := s.projects[p].claim, ledger.Amount(m)*30*5*hour; got != want {
				t.Errorf("month %d: project %d's claim %d, want %d", m, p, got, want)
			}
		}
	}
}

// TestPerIssuerConsumers: with airdrop_subset consumers an issuer gives to its
// consumers (those with it among their providers) before anyone else. Brute force:
// read every circle, and check that each issuer's IOUs are held by 4 distinct others,
// among them every one of its consumers when it has at most 4, and only consumers
// when it has 4 or more.
func TestPerIssuerConsumers(t *testing.T) {
	cfg := quiet()
	cfg.Airdrop, cfg.AirdropSubset, cfg.AirdropTo, cfg.Neighbourhood, cfg.Circle = "per_issuer", "consumers", 4, 10, 3
	cfg.Coops, cfg.Clearing = false, "none"
	s := build(t, cfg, newTestHost(t, 30, 0))
	month(t, s, 1)
	consumers := make([]map[int32]bool, 30)
	for j := range consumers {
		consumers[j] = map[int32]bool{}
	}
	for i := range int32(30) {
		for _, j := range s.circle[int(i)*3 : int(i)*3+int(s.ncircle[i])] {
			consumers[j][i] = true
		}
	}
	holders := make([]map[int32]bool, 30)
	for j := range holders {
		holders[j] = map[int32]bool{}
	}
	s.hd.each(func(holder, issuer int32, _ ledger.Amount) { holders[issuer][holder] = true })
	for j := range 30 {
		if len(holders[j]) != 4 {
			t.Errorf("%d's IOUs held by %d, want 4", j, len(holders[j]))
		}
		for k := range holders[j] {
			if len(consumers[j]) >= 4 && !consumers[j][k] {
				t.Errorf("%d gave to %d, not a consumer, with %d consumers", j, k, len(consumers[j]))
			}
		}
		for k := range consumers[j] {
			if len(consumers[j]) <= 4 && !holders[j][k] {
				t.Errorf("%d did not give to its consumer %d (%d consumers)", j, k, len(consumers[j]))
			}
		}
	}
}

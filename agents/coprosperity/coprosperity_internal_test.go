package coprosperity

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

const hour = ledger.Unit // an IOU unit is an hour, in micro-hours

// quiet is the default section with no behaviour but pledging: no needs (members' or
// co-ops'), withdrawals,
// projects or unreliable participants, so a table test sets up what it checks.
func quiet() Config {
	c := Default()
	c.Needs, c.CoopNeeds, c.Withdraw, c.ProjectsPerYear, c.StopRate, c.Unreliable = 0, 0, 0, 0, 0, 0
	return c
}

// TestPledge checks the airdrop against a brute force that gives every recipient of
// every pledger its share one pair at a time (integer division, the remainder to the
// DAO fund), and the hand-worked rows below.
func TestPledge(t *testing.T) {
	for _, tc := range []struct {
		name              string
		members, projects int
		hours             int
		endowment         float64
		wantClaim         ledger.Amount // each participant's claim after a month
		wantDAO           ledger.Amount // the DAO fund's holding of each IOU
	}{
		// 40 h, a quarter endowed: 30 h airdropped to 2 others, 15 h each; each
		// participant receives from 2 pledgers: 30 h.
		{"three", 3, 0, 40, 0.25, 30 * hour, 10 * hour},
		// 1 h = 1e6: 750,000 to 6 others, 125,000 each, from 6 pledgers.
		{"seven", 7, 0, 1, 0.25, 6 * 125_000, 250_000},
		// 0.3 endowed: 700,000 / 6 = 116,666 rem 4, which goes to the DAO fund.
		{"remainder", 7, 0, 1, 0.3, 6 * 116_666, 300_004},
		// With 2 projects: 750,000 / (6 + 2) = 93,750 each.
		{"projects", 7, 2, 1, 0.25, 6 * 93_750, 250_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.PledgeHours, cfg.Endowment = tc.hours, tc.endowment
			h := newTestHost(t, tc.members, 0)
			s := build(t, cfg, h)
			for range tc.projects {
				s.projects = append(s.projects, project{receiving: true})
			}
			month(t, s, 1)
			// Brute force: every pair, one at a time.
			total := ledger.Amount(tc.hours) * hour
			endow := ledger.Scale(total, tc.endowment)
			recipients := tc.members - 1 + tc.projects
			claim := make([]ledger.Amount, tc.members+tc.projects)
			dao := make([]ledger.Amount, tc.members)
			for j := range tc.members {
				air := total - endow
				each := air / ledger.Amount(recipients)
				for k := range claim {
					if k != j {
						claim[k] += each
						air -= each
					}
				}
				dao[j] = endow + air
			}
			for i := range tc.members {
				if s.claim[i] != claim[i] || s.claim[i] != tc.wantClaim {
					t.Errorf("claim[%d] = %d, brute force %d, want %d", i, s.claim[i], claim[i], tc.wantClaim)
				}
				if s.iou[i].dao != dao[i] || dao[i] != tc.wantDAO {
					t.Errorf("dao[%d] = %d, brute force %d, want %d", i, s.iou[i].dao, dao[i], tc.wantDAO)
				}
			}
			for p := range tc.projects {
				if got := s.projects[p].claim; got != claim[tc.members+p] {
					t.Errorf("project %d claim = %d, brute force %d", p, got, claim[tc.members+p])
				}
			}
		})
	}
}

// served sets up 3 participants after a month of pledges, with participant 0 holding
// 2 h of participant 1's IOUs.
func served(t *testing.T, cfg Config) (*Subsystem, *testHost) {
	t.Helper()
	h := newTestHost(t, 3, 0)
	s := build(t, cfg, h)
	month(t, s, 1)
	if got := s.withdraw(0, 1, 2*hour); got != 2*hour {
		t.Fatalf("withdrew %d, want %d", got, 2*hour)
	}
	return s, h
}

func TestRedemption(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rel        float64
		used       ledger.Amount // capacity already used this month
		inactive   bool
		fulfilled  bool
		wantRating float64 // weight 0.1 from 1: 1 when fulfilled at quality 1, 0.9 when not
	}{
		{"fulfilled", 1, 0, false, true, 1},
		{"capacity left exactly", 1, 38 * hour, false, true, 1},
		{"over capacity", 1, 39 * hour, false, false, 0.9},
		{"excluded issuer", 1, 0, true, false, 0.9},
		{"unreliable", 0, 0, false, false, 0.9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.Compensate = "none"
			s, _ := served(t, cfg)
			s.rel[1], s.used[1], s.active[1] = tc.rel, tc.used, !tc.inactive
			s.redeem(0, 1, 2*hour)
			held, redeemed := s.hd.get(0, 1), s.iou[1].redeemed
			if tc.fulfilled {
				if held != 0 || redeemed != 2*hour || s.used[1] != tc.used+2*hour || s.stats.unfulfilled != 0 {
					t.Errorf("fulfilled: held %d, redeemed %d, used %d, unfulfilled %d; want 0, 2h, +2h, 0", held, redeemed, s.used[1], s.stats.unfulfilled)
				}
			} else if held != 2*hour || redeemed != 0 || s.stats.unfulfilled != 2*hour {
				t.Errorf("unfulfilled: held %d, redeemed %d, unfulfilled %d; want 2h, 0, 2h", held, redeemed, s.stats.unfulfilled)
			}
			if math.Abs(s.rating[1]-tc.wantRating) > 1e-12 {
				t.Errorf("rating = %v, want %v", s.rating[1], tc.wantRating)
			}
			if err := s.check(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestRating checks the moving average by hand: weight 0.5 from 1; a failure moves
// the rating halfway to 0, a fulfilment at quality 1 halfway to 1.
func TestRating(t *testing.T) {
	for _, tc := range []struct {
		name     string
		outcomes []bool
		want     float64
	}{
		{"none", nil, 1},
		{"one failure", []bool{false}, 0.5},
		{"two failures", []bool{false, false}, 0.25},
		{"failures then a fulfilment", []bool{false, false, true}, 0.625},
		{"fulfilments", []bool{true, true}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.RatingWeight, cfg.Compensate = 0.5, "none"
			cfg.WithdrawHrs = 1
			s, _ := served(t, cfg)
			for _, ok := range tc.outcomes {
				s.rel[1] = 0
				if ok {
					s.rel[1] = 1 // quality is uniform on [rel, 1]: exactly 1
				}
				s.withdraw(0, 1, hour)
				s.redeem(0, 1, hour)
			}
			if math.Abs(s.rating[1]-tc.want) > 1e-12 {
				t.Errorf("rating after %v = %v, want %v", tc.outcomes, s.rating[1], tc.want)
			}
		})
	}
}

func TestExclusion(t *testing.T) {
	for _, tc := range []struct {
		name     string
		voters   []int32 // dissatisfied consumers of participant 0, in order
		inactive int32   // a voter who has left (-1: none)
		rating   float64
		want     bool
	}{
		{"four cannot exclude", []int32{1, 2, 3, 4}, -1, 0.2, false},
		{"five exclude", []int32{1, 2, 3, 4, 5}, -1, 0.2, true},
		{"one consumer five times", []int32{1, 1, 1, 1, 1}, -1, 0.2, false},
		{"five of whom one left", []int32{1, 2, 3, 4, 5}, 3, 0.2, false},
		{"five, rating at the threshold", []int32{1, 2, 3, 4, 5}, -1, 0.5, false},
		{"six, the last five count", []int32{1, 1, 2, 3, 4, 5}, -1, 0.2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestHost(t, 8, 0)
			s := build(t, quiet(), h)
			month(t, s, 1)
			for _, v := range tc.voters {
				s.dissatisfied(0, v)
			}
			if tc.inactive >= 0 {
				s.active[tc.inactive] = false
			}
			s.rating[0] = tc.rating
			s.vote()
			if s.excluded[0] != tc.want || s.active[0] == tc.want {
				t.Errorf("excluded = %v, active = %v; want excluded %v", s.excluded[0], s.active[0], tc.want)
			}
			// An excluded participant pledges no more and receives no more.
			if tc.want {
				issued, claim := s.iou[0].issued, s.claim[0]
				month(t, s, 2)
				if s.iou[0].issued != issued || s.claim[0] != claim {
					t.Errorf("after exclusion: issued %d -> %d, claim %d -> %d; want unchanged", issued, s.iou[0].issued, claim, s.claim[0])
				}
			}
		})
	}
}

// TestGuarantor checks subsidiary liability: an unfulfilled 2 h at 20 tokens an hour
// is 40 tokens due to the holder; the issuer pays what its balance allows and the
// guarantor only the rest, as far as its own balance goes; the IOUs made good are
// destroyed in proportion to what was paid.
func TestGuarantor(t *testing.T) {
	tok := ledger.Unit
	for _, tc := range []struct {
		name                string
		compensate          string
		guaranteed          bool
		own, guarantor      ledger.Amount // balances
		wantOwn, wantG      ledger.Amount
		wantShort, wantBurn ledger.Amount
	}{
		{"own pays all", "guaranteed", true, 50 * tok, 50 * tok, 40 * tok, 0, 0, 2 * hour},
		{"guarantor pays the shortfall", "guaranteed", true, 30 * tok, 50 * tok, 30 * tok, 10 * tok, 0, 2 * hour},
		{"guarantor pays what it has", "guaranteed", true, 0, 15 * tok, 0, 15 * tok, 25 * tok, 2 * hour * 15 / 40},
		{"nobody can pay", "guaranteed", true, 0, 0, 0, 0, 40 * tok, 0},
		{"a founder is not compensated", "guaranteed", false, 50 * tok, 50 * tok, 0, 0, 0, 0},
		{"all: a founder pays its own", "all", false, 30 * tok, 50 * tok, 30 * tok, 0, 10 * tok, 2 * hour * 30 / 40},
		{"none", "none", true, 50 * tok, 50 * tok, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.Compensate, cfg.HourPrice = tc.compensate, 20
			s, h := served(t, cfg)
			const issuer, guarantor, holder = 1, 2, 0
			if tc.guaranteed {
				s.guarantor[issuer] = guarantor
			}
			l := h.l
			for _, b := range []struct {
				m   int
				amt ledger.Amount
			}{{issuer, tc.own}, {guarantor, tc.guarantor}} {
				if b.amt > 0 {
					if err := l.Issue(h.MemberAccount(b.m), b.amt, 0, ledger.TxOther, 0); err != nil {
						t.Fatal(err)
					}
				}
			}
			s.rel[issuer] = 0
			s.redeem(holder, issuer, 2*hour)
			if got := h.balance(holder); got != tc.wantOwn+tc.wantG {
				t.Errorf("holder received %d, want %d", got, tc.wantOwn+tc.wantG)
			}
			if got := tc.own - h.balance(issuer); got != tc.wantOwn {
				t.Errorf("issuer paid %d, want %d", got, tc.wantOwn)
			}
			if got := tc.guarantor - h.balance(guarantor); got != tc.wantG {
				t.Errorf("guarantor paid %d, want %d", got, tc.wantG)
			}
			if s.cum.compShort != tc.wantShort {
				t.Errorf("short %d, want %d", s.cum.compShort, tc.wantShort)
			}
			if got := s.iou[issuer].compensated; got != tc.wantBurn {
				t.Errorf("IOUs made good %d, want %d", got, tc.wantBurn)
			}
			if err := s.check(); err != nil {
				t.Error(err)
			}
			if err := l.CheckConservation(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestAirdropEnforcement: projects airdrop equally to the eligible participants; a
// team that stops giving keeps what it had not given, its project gets no more IOUs and
// its members no more of any project's tokens; a project that gives for its whole
// period passes to the community having given everything but the team's and the DAO
// fund's shares.
func TestAirdropEnforcement(t *testing.T) {
	cfg := quiet()
	cfg.TeamSize, cfg.AirdropMonths, cfg.ProjectTokens = 3, 24, 1000
	cfg.TeamKeep, cfg.DAOShare = 0.5, 0.25
	h := newTestHost(t, 20, 0)
	s := build(t, cfg, h)
	month(t, s, 1)
	for range 2 {
		if err := s.startProject(); err != nil {
			t.Fatal(err)
		}
	}
	stopper, giver := &s.projects[0], &s.projects[1]
	team := map[int32]bool{}
	for _, m := range s.team[stopper.lo:stopper.hi] {
		team[m] = true
	}
	month(t, s, 2)
	before := append([]ledger.Amount(nil), s.ptClaim...)
	iouBefore := stopper.claim
	s.stop(stopper)
	month(t, s, 3)
	for i := range s.ptClaim {
		got := s.ptClaim[i] - before[i]
		if team[int32(i)] && got != 0 {
			t.Errorf("member %d of the stopped team received %d project tokens, want 0", i, got)
		}
		if !team[int32(i)] && got <= 0 {
			t.Errorf("member %d received %d project tokens, want some", i, got)
		}
	}
	if stopper.claim != iouBefore {
		t.Errorf("stopped project's IOU claim %d -> %d, want unchanged", iouBefore, stopper.claim)
	}
	if stopper.team+stopper.dao+stopper.airdropped != stopper.supply || stopper.undistributed != 0 {
		t.Errorf("stopped project's books: %+v", *stopper)
	}
	for m := 4; !giver.passed; m++ {
		if m > 40 {
			t.Fatal("the giving project never passed to the community")
		}
		month(t, s, m)
	}
	// 1000 tokens: the team keeps 500, the DAO fund 250, 250 are airdropped, all but
	// the last month's remainder (fewer units than recipients), which goes to the fund.
	supply := ledger.Tokens(1000)
	if giver.team != supply/2 {
		t.Errorf("team kept %d, want %d", giver.team, supply/2)
	}
	if gave := giver.airdropped; gave > supply/4 || supply/4-gave >= 20 {
		t.Errorf("airdropped %d, want %d less under 20 (the recipients)", gave, supply/4)
	}
	if s.cum.passed != 1 || s.cum.stopped != 1 {
		t.Errorf("passed %d, stopped %d; want 1, 1", s.cum.passed, s.cum.stopped)
	}
}

// TestDAOShares: every participant holds one unit of the DAO fund; a new project gets
// DAOGrant of the units there were, so each holder's share shrinks by the same factor.
func TestDAOShares(t *testing.T) {
	for _, tc := range []struct {
		name      string
		members   int
		grant     float64
		projects  int
		wantShare float64 // participants' share of the fund: 1/(1+grant)^projects
	}{
		{"no projects", 10, 0.05, 0, 1},
		{"one", 10, 0.05, 1, 1 / 1.05},
		{"three", 10, 0.1, 3, 1 / (1.1 * 1.1 * 1.1)},
		{"no grant", 10, 0, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.DAOGrant = tc.grant
			s := build(t, cfg, newTestHost(t, tc.members, 0))
			month(t, s, 1)
			for range tc.projects {
				if err := s.startProject(); err != nil {
					t.Fatal(err)
				}
			}
			month(t, s, 2)
			for i := range tc.members {
				if s.units[i] != ledger.Unit {
					t.Errorf("participant %d holds %d units, want %d (equal shares)", i, s.units[i], ledger.Unit)
				}
			}
			// Units are rounded once per project, to a micro-unit of 10e6: 1e-12 is
			// ample.
			if math.Abs(s.stats.participantsShare-tc.wantShare) > 1e-9 {
				t.Errorf("participants' share = %v, want %v", s.stats.participantsShare, tc.wantShare)
			}
		})
	}
}

// TestBooksEveryMonth runs every behaviour for three years among 300 participants,
// with newcomers joining and members leaving, and checks every IOU asset's books to the
// unit after every month (runMonth's check), and, independently, that the IOUs issued
// are the pledges of the participants active each month.
func TestBooksEveryMonth(t *testing.T) {
	cfg := Default()
	cfg.ProjectsPerYear, cfg.StopRate, cfg.Liquidity = 12, 0.05, 50
	cfg.Unreliable = 0.2
	h := newTestHost(t, 300, ledger.Tokens(100))
	s := build(t, cfg, h)
	r := rand.New(rand.NewPCG(3, 4))
	var want ledger.Amount
	for m := 1; m <= 36; m++ {
		if m%5 == 0 {
			h.grow(10)
		}
		if m%7 == 0 {
			h.active[r.IntN(len(h.active))] = false
		}
		month(t, s, m)
		active := 0
		for i := range h.active {
			if s.active[i] {
				active++
			}
		}
		// Those who pledged: active now, or excluded at this month's vote.
		want += ledger.Amount(cfg.PledgeHours) * hour * ledger.Amount(active+int(s.stats.exclusions))
		var issued ledger.Amount
		for j := range s.iou {
			issued += s.iou[j].issued
		}
		// The liquidity the fund lent is new IOUs of the borrowers.
		if issued-s.cum.lent != want {
			t.Fatalf("month %d: IOUs issued %d, pledges %d", m, issued, want)
		}
	}
	if s.cum.redeemed == 0 || s.cum.unfulfilled == 0 || s.cum.withdrawn == 0 || s.cum.cleared == 0 || s.cum.started == 0 ||
		s.cum.grantHours == 0 || s.cum.grantTokens == 0 {
		t.Errorf("a behaviour never ran: %+v", s.cum)
	}
}

// TestSwap: when the pool holds none of a provider's IOUs, a participant swaps its
// claim on the pool, hour for hour, with a recent holder of them. Three participants
// pledging 40 h: each has a 30 h claim and each issuer 30 h in the pool; participant
// 2 withdraws all 30 h of participant 1's, then participant 0 obtains 2 h of them from
// participant 2, paying 2 h of its claim.
func TestSwap(t *testing.T) {
	s, _ := served(t, quiet()) // participant 0 already holds 2 h of 1's
	if got := s.withdraw(2, 1, 30*hour); got != 28*hour {
		t.Fatalf("participant 2 withdrew %d, want the 28 h left in the pool", got)
	}
	if got := s.withdraw(0, 1, 2*hour); got != 0 {
		t.Fatalf("withdrew %d from an empty pool", got)
	}
	var got ledger.Amount
	for try := 0; got == 0 && try < 64; try++ { // the holder is one of 4 recent slots
		got = s.swap(0, 1, 2*hour)
	}
	if got != 2*hour {
		t.Fatalf("swap obtained %d, want %d", got, 2*hour)
	}
	if s.hd.get(0, 1) != 4*hour || s.hd.get(2, 1) != 26*hour || s.claim[0] != 26*hour || s.claim[2] != 2*hour+2*hour {
		t.Errorf("after the swap: held %d and %d, claims %d and %d; want 4 h, 26 h, 26 h, 4 h",
			s.hd.get(0, 1), s.hd.get(2, 1), s.claim[0], s.claim[2])
	}
	if err := s.check(); err != nil {
		t.Error(err)
	}
}

// TestBooksVariants runs two years of every behaviour under the section's other
// readings and options, checking the books every month (runMonth's check) and that
// every participant's claim and holdings stay non-negative.
func TestBooksVariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*Config)
	}{
		{"compensate all", func(c *Config) { c.Compensate = "all" }},
		{"compensate none", func(c *Config) { c.Compensate = "none" }},
		{"no clearing", func(c *Config) { c.Clearing = "none" }},
		{"one community", func(c *Config) { c.Neighbourhood = 0 }},
		{"no swaps, heavy needs", func(c *Config) { c.Swap, c.Needs, c.NeedHours = false, 8, 6 }},
		{"scarce pool, swaps", func(c *Config) { c.PledgeHours, c.Needs, c.Withdraw, c.WithdrawHrs = 4, 4, 1, 20 }},
		{"all endowed, projects", func(c *Config) { c.Endowment, c.ProjectsPerYear = 1, 24 }},
		{"unlimited liquidity", func(c *Config) { c.Liquidity = 1e9; c.Withdraw = 0.8 }},
		{"value unit", func(c *Config) { c.Unit = "value"; c.Liquidity = 100 }},
		{"per issuer", func(c *Config) { c.Airdrop = "per_issuer" }},
		{"per issuer to consumers", func(c *Config) { c.Airdrop, c.AirdropSubset = "per_issuer", "consumers" }},
		{"members need co-ops, buy", func(c *Config) { c.MemberCoopNeeds, c.Buy = 1, true }},
		{"members only", func(c *Config) { c.Coops = false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			cfg.Neighbourhood = 50
			cfg.Unreliable = 0.2
			tc.set(&cfg)
			h := newTestHost(t, 200, ledger.Tokens(50))
			h.wages = []float64{1600, 2400, 3100}
			// Co-ops 0 to 3 (sectors 0, 1, 2, 2) employ members; 6 more in sector 1;
			// sector 1 buys from 0 and 2, sector 2 from 1.
			for _, sec := range []int{0, 1, 2, 2} {
				h.addCoops(t, 1, sec, 10, 20, 16, ledger.Tokens(100))
			}
			h.addCoops(t, 6, 1, 5, 30, 10, ledger.Tokens(100))
			h.inputs[1], h.inputs[2] = []testInput{{0, 0.2}, {2, 0.1}}, []testInput{{1, 0.3}}
			h.employer = make([]int, 200, 400)
			for i := range h.employer {
				h.employer[i] = i%5 - 1 // -1 (unemployed) to 3
			}
			s := build(t, cfg, h)
			for m := 1; m <= 24; m++ {
				if m%6 == 0 {
					h.grow(5)
				}
				if m%8 == 0 {
					h.coopAlive[m/8+3] = false // co-ops 4, 5 and 6 close with IOUs out
				}
				month(t, s, m)
			}
			for i := range s.claim {
				if s.claim[i] < 0 || s.heldIn[i] < 0 || s.ptClaim[i] < 0 || s.cclaim[i] < 0 || s.cheld[i] < 0 {
					t.Errorf("participant %d: claims %d and %d, held %d and %d, project tokens %d", i, s.claim[i], s.cclaim[i], s.heldIn[i], s.cheld[i], s.ptClaim[i])
				}
			}
			if cfg.Coops && (s.cum.cClosed != 3 || s.cum.cWrittenOff == 0) {
				t.Errorf("co-ops closed %d, written off %d; want 3 and some", s.cum.cClosed, s.cum.cWrittenOff)
			}
			if err := h.l.CheckConservation(); err != nil {
				t.Error(err)
			}
			if tc.name == "scarce pool, swaps" && s.cum.swapped == 0 {
				t.Error("the pool ran dry of providers' IOUs and nobody swapped")
			}
			if tc.name == "scarce pool, swaps" && s.cum.chains == 0 {
				t.Error("the pool ran dry of providers' IOUs and no swap chain was found")
			}
		})
	}
}

package coprosperity

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// TestFundGrants: the projects started in a month receive FundGrant of the DAO fund's
// holdings of every asset (each IOU, each older project's tokens), in proportion to
// their teams. Each row's parts are worked by hand in its comment (g = share ×
// holding; part = floor(g × team / teams), the floors' remainder staying with the
// fund); the books are checked before and after (s.check: every IOU asset, the pool
// against the claims, every project token against its holders).
func TestFundGrants(t *testing.T) {
	for _, tc := range []struct {
		name    string
		share   float64
		dao     ledger.Amount   // the fund's holding of issuer 0's IOUs
		pt      ledger.Amount   // the fund's holding of an old project's tokens
		teams   []int32         // sizes of the month's new projects
		wantIOU []ledger.Amount // each new project's IOU grant
		wantPT  []ledger.Amount
	}{
		// 10% of 100 h = 10 h, one project takes all of it; 10% of 1,000 tokens.
		{"one", 0.1, 100 * hour, ledger.Tokens(1000), []int32{5}, []ledger.Amount{10 * hour}, []ledger.Amount{ledger.Tokens(100)}},
		// 10 h among teams of 1 and 3: 2.5 h and 7.5 h.
		{"in proportion", 0.1, 100 * hour, ledger.Tokens(1000), []int32{1, 3}, []ledger.Amount{2_500_000, 7_500_000}, []ledger.Amount{ledger.Tokens(25), ledger.Tokens(75)}},
		// g = 10 units among 3 equal teams: 3 each, 1 stays with the fund.
		{"floors", 0.5, 20, 20, []int32{2, 2, 2}, []ledger.Amount{3, 3, 3}, []ledger.Amount{3, 3, 3}},
		// No grant share: the fund keeps everything.
		{"off", 0, 100 * hour, ledger.Tokens(1000), []int32{5}, []ledger.Amount{0}, []ledger.Amount{0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quiet()
			cfg.FundGrant = tc.share
			s := build(t, cfg, newTestHost(t, 20, 0))
			month(t, s, 1)
			// Set the fund's holdings: tc.dao of issuer 0's IOUs, none of the others'
			// (the issue adjusted with them, so the books still balance).
			for j := range s.iou {
				want := ledger.Amount(0)
				if j == 0 {
					want = tc.dao
				}
				s.iou[j].issued += want - s.iou[j].dao
				s.iou[j].dao = want
			}
			b := &s.iou[0]
			// An old project whose fund holding is tc.pt.
			s.projects = append(s.projects, project{supply: tc.pt, dao: tc.pt, passed: true})
			first := len(s.projects)
			for _, n := range tc.teams {
				lo := int32(len(s.team))
				for k := range n {
					s.team = append(s.team, k)
				}
				s.projects = append(s.projects, project{lo: lo, hi: lo + n, passed: true})
			}
			if err := s.check(); err != nil {
				t.Fatalf("before: %v", err)
			}
			dao0, pool0 := b.dao, b.pool
			s.fundProjects(first)
			var gotIOU, gotPT ledger.Amount
			for p, want := range tc.wantIOU {
				if got := s.projects[first+p].gotHours; got != want {
					t.Errorf("project %d granted %d of issuer 0's IOUs, want %d", p, got, want)
				}
				gotIOU += s.projects[first+p].gotHours
			}
			for p, want := range tc.wantPT {
				var got ledger.Amount
				for _, h := range s.ptHeld {
					if h.holder == int32(first+p) && h.asset == int32(first-1) {
						got += h.amt
					}
				}
				if got != want {
					t.Errorf("project %d granted %d of the old project's tokens, want %d", p, got, want)
				}
				gotPT += got
			}
			if b.dao != dao0-gotIOU || b.pool != pool0+gotIOU {
				t.Errorf("fund %d, pool %d; want %d, %d", b.dao, b.pool, dao0-gotIOU, pool0+gotIOU)
			}
			if old := &s.projects[first-1]; old.dao != tc.pt-gotPT || old.granted != gotPT {
				t.Errorf("old project: fund holds %d, granted %d; want %d, %d", old.dao, old.granted, tc.pt-gotPT, gotPT)
			}
			if s.stats.grantHours != gotIOU || s.stats.grantTokens != gotPT {
				t.Errorf("columns: %d hours, %d tokens; want %d, %d", s.stats.grantHours, s.stats.grantTokens, gotIOU, gotPT)
			}
			if err := s.check(); err != nil {
				t.Errorf("after: %v", err)
			}
		})
	}
}

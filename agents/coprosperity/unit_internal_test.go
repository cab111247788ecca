package coprosperity

import (
	"strings"
	"testing"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// valueHost is 3 members: member 0 works in a co-op of a sector paying 1,600 tokens a
// month (10 tokens an hour over 160 h), member 1 in one paying 3,200 (20 an hour),
// member 2 unemployed (the mean of the sectors: 15 an hour).
func valueHost(t *testing.T) *testHost {
	h := newTestHost(t, 3, ledger.Tokens(1000))
	h.employer = []int{0, 1, -1}
	h.coopSector = []int{0, 1}
	h.wages = []float64{1600, 3200}
	return h
}

// TestValueUnit: with unit value every IOU asset's books are in tokens' worth of the
// issuer's hour. Worked by hand for pledges of 40 h, a quarter endowed: member 0
// issues 400 tokens' worth (dao 100, 150 airdropped to each of the 2 others), member
// 1 800 (dao 200, 300 each), member 2 600 (dao 150, 225 each); so claims are 0: 300 +
// 225 = 525, 1: 150 + 225 = 375, 2: 150 + 300 = 450. A need of 2 h of member 1's
// service is 40 tokens' worth, redeemed as such; an unfulfilled unit is made good
// with a micro-token. With unit hour the same economy's books are in hours, whatever
// the wages.
func TestValueUnit(t *testing.T) {
	tok := ledger.Tokens
	for _, tc := range []struct {
		unit       string
		issued     [3]ledger.Amount
		dao        [3]ledger.Amount
		claim      [3]ledger.Amount
		need1      ledger.Amount // 2 h of member 1's service
		word       string        // in the columns' descriptions
		compensate ledger.Amount // tokens for 1 unfulfilled unit of need1
	}{
		{"value", [3]ledger.Amount{tok(400), tok(800), tok(600)}, [3]ledger.Amount{tok(100), tok(200), tok(150)},
			[3]ledger.Amount{tok(525), tok(375), tok(450)}, tok(40), "tokens' worth", tok(40)},
		// Hours: 40 h each, dao 10 h, 15 h to each other: claims 30 h; HourPrice 30, so 2 h are made good with 60 tokens.
		{"hour", [3]ledger.Amount{40 * hour, 40 * hour, 40 * hour}, [3]ledger.Amount{10 * hour, 10 * hour, 10 * hour},
			[3]ledger.Amount{30 * hour, 30 * hour, 30 * hour}, 2 * hour, "IOU hours", tok(60)},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			cfg := quiet()
			cfg.Unit, cfg.Compensate, cfg.HourPrice = tc.unit, "all", 30
			h := valueHost(t)
			cfg.Enabled = true
			sub, err := New(cfg, h)
			if err != nil {
				t.Fatal(err)
			}
			s := sub.(*Subsystem)
			var r sim.Registry
			s.Register(&r)
			month(t, s, 1)
			var sum ledger.Amount
			for j := range 3 {
				if s.iou[j].issued != tc.issued[j] || s.iou[j].dao != tc.dao[j] || s.claim[j] != tc.claim[j] {
					t.Errorf("member %d: issued %d, dao %d, claim %d; want %d, %d, %d", j,
						s.iou[j].issued, s.iou[j].dao, s.claim[j], tc.issued[j], tc.dao[j], tc.claim[j])
				}
				sum += tc.issued[j]
			}
			if s.stats.issued != sum {
				t.Errorf("iou_issued = %d, want %d", s.stats.issued, sum)
			}
			if got := ledger.Amount(cfg.NeedHours) * s.val[1]; got != tc.need1 {
				t.Errorf("a need of member 1's service = %d, want %d", got, tc.need1)
			}
			// Redeem: member 0 withdraws the need and presents it; member 1 fulfils.
			if got := s.withdraw(0, 1, tc.need1); got != tc.need1 {
				t.Fatalf("withdrew %d, want %d", got, tc.need1)
			}
			s.rel[1] = 1
			s.redeem(0, 1, tc.need1)
			if s.iou[1].redeemed != tc.need1 {
				t.Errorf("redeemed %d, want %d", s.iou[1].redeemed, tc.need1)
			}
			// Unfulfilled: member 1 has no reliability; member 0 is made good in tokens.
			s.withdraw(0, 1, tc.need1)
			s.rel[1] = 0
			before := h.balance(0)
			s.redeem(0, 1, tc.need1)
			if got := h.balance(0) - before; got != tc.compensate {
				t.Errorf("made good with %d micro-tokens, want %d", got, tc.compensate)
			}
			if err := s.check(); err != nil {
				t.Error(err)
			}
			found := false
			for _, c := range r.Columns() {
				if c.Name == "iou_issued" {
					found = strings.Contains(c.Doc, tc.word)
				}
			}
			if !found {
				t.Errorf("iou_issued's description does not say %q", tc.word)
			}
		})
	}
}

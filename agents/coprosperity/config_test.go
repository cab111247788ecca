package coprosperity_test

import (
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
)

// TestBadSection checks that bad settings are refused where users meet them, loading
// the scenario with overrides as copex run --set does, with the field's path in the
// message.
func TestBadSection(t *testing.T) {
	for _, tc := range []struct {
		set, want string
	}{
		{"coprosperity.min_voters=4", "coprosperity.min_voters: is 4, want 5 to 64"},
		{"coprosperity.team_keep=0.6", "coprosperity.team_keep"},
		{"coprosperity.airdrop_months=12", "coprosperity.airdrop_months: is 12, want 24 to 60"},
		{"coprosperity.clearing=weekly", "coprosperity.clearing"},
		{"coprosperity.endowment=-0.1", "coprosperity.endowment"},
		{"coprosperity.neighbourhood=4", "coprosperity.neighbourhood: is 4, fewer than the circle's 8 providers"},
		{"coprosperity.compensate=always", "coprosperity.compensate"},
		{"coprosperity.unit=minute", "coprosperity.unit"},
		{"coprosperity.swap_depth=7", "coprosperity.swap_depth"},
		{"coprosperity.fund_grant=1.5", "coprosperity.fund_grant"},
		{"coprosperity.airdrop=random", "coprosperity.airdrop"},
		{"coprosperity.airdrop_subset=all", "coprosperity.airdrop_subset"},
		{"coprosperity.airdrop_recipients=65", "coprosperity.airdrop_recipients"},
		{"coprosperity.coop_needs=-1", "coprosperity.coop_needs"},
		{"coprosperity.coop_pledge_hours=800", "coprosperity.coop_pledge_hours"},
		{"coprosperity.coops=maybe", "coprosperity.coops"},
		{"coprosperity.member_coop_needs=101", "coprosperity.member_coop_needs"},
	} {
		t.Run(tc.set, func(t *testing.T) {
			sc, err := scenarios.Load("coprosperity", []string{tc.set})
			if err == nil {
				_, err = agents.Build(sc.Config, 1)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load with %s: error %v, want one containing %q", tc.set, err, tc.want)
			}
		})
	}
	// Members' needs of co-ops' services with no co-ops taking part.
	sc, err := scenarios.Load("coprosperity", []string{"coprosperity.coops=false", "coprosperity.member_coop_needs=1"})
	if err == nil {
		_, err = agents.Build(sc.Config, 1)
	}
	if err == nil || !strings.Contains(err.Error(), "coprosperity.member_coop_needs") {
		t.Errorf("member_coop_needs without coops: error %v", err)
	}
	// Liquidity with no clearing round to lend to.
	sc, err = scenarios.Load("coprosperity", []string{"coprosperity.clearing=none", "coprosperity.liquidity_hours=10"})
	if err == nil {
		_, err = agents.Build(sc.Config, 1)
	}
	if err == nil || !strings.Contains(err.Error(), "coprosperity.liquidity_hours") {
		t.Errorf("liquidity without clearing: error %v", err)
	}
}

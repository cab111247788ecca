package coprosperity_test

import (
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// TestAirdropReadings runs the two readings of the seed's airdrop through the
// scenario (as copex run --set coprosperity.airdrop=... does) and checks that the
// option changes what it should, over the first year's months:
//
//   - Gini of members' IOU claims. Pooled, every active member receives the same sum
//     each month, so claims differ only by what each has used: the Gini stays small
//     (under 0.1). Per issuer, a member receives from the issuers that drew it among
//     their 8 recipients in a community of 1,200: about Poisson(8) of them, whose
//     Gini is about σ/(μ√π) = 1/√(8π) ≈ 0.2 (normal approximation), and what the
//     recipients hold accumulates: above 0.15 tells the readings apart.
//   - Members' access. Per issuer, a member holds IOUs of about 8 of its community's
//     1,200 issuers; its 8 providers have airdropped to it with chance about 8/1,200
//     each, so it meets needs only through swap chains, while pooled it withdraws any
//     provider's IOUs from the pool: access falls by more than 0.1 (0.93 against 0.66
//     in the runs this was written from).
func TestAirdropReadings(t *testing.T) {
	run := func(airdrop string) *sim.Table {
		sc, err := scenarios.Load("coprosperity", append(append([]string{}, small...), "ticks=12", "coprosperity.airdrop="+airdrop))
		if err != nil {
			t.Fatal(err)
		}
		m, err := agents.Build(sc.Config, 1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Table
	}
	pooled, per := run("pooled"), run("per_issuer")
	mean := func(tab *sim.Table, col string) float64 {
		var sum float64
		s := tab.Series(col)
		for _, v := range s {
			sum += v
		}
		return sum / float64(len(s))
	}
	pooledGini, perGini := mean(pooled, "iou_claims_gini"), mean(per, "iou_claims_gini")
	if pooledGini >= 0.1 || perGini <= 0.15 {
		t.Errorf("mean Gini of claims: pooled %.3f (want < 0.1), per issuer %.3f (want > 0.15)", pooledGini, perGini)
	}
	pooledAccess, perAccess := mean(pooled, "access"), mean(per, "access")
	if pooledAccess-perAccess <= 0.1 {
		t.Errorf("mean access: pooled %.3f, per issuer %.3f; want pooled higher by more than 0.1", pooledAccess, perAccess)
	}
	t.Logf("Gini pooled %.3f, per issuer %.3f; access %.3f, %.3f; co-ops' access %.3f, %.3f", pooledGini, perGini, pooledAccess, perAccess,
		mean(pooled, "coop_access"), mean(per, "coop_access"))
}

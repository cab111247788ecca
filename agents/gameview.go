package agents

import (
	"math/rand/v2"

	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// What GetGo reads of the economy to run the player's co-op beside it, and the rules
// its co-op follows as the economy's own co-ops do. Nothing here changes the economy.

// Localities returns the number of localities.
func (e *Economy) Localities() int { return e.platform.Localities() }

// CoopLocality returns co-op c's locality.
func (e *Economy) CoopLocality(c int) int { return int(e.c.locality[c]) }

// CoopSectorIndex returns co-op c's sector, by index.
func (e *Economy) CoopSectorIndex(c int) int { return int(e.c.sector[c]) }

// MemberLocality returns member i's locality.
func (e *Economy) MemberLocality(i int) int { return int(e.m.locality[i]) }

// Supplier returns the co-op a buyer at locality buys from in sector, chosen as the
// economy's co-ops choose theirs: by the Exchange Platform's matching (price, distance
// and reputation over the scenario's candidates, drawn with r). It is -1 when the
// sector has no open offer.
func (e *Economy) Supplier(r *rand.Rand, sector, locality int) int {
	return e.platform.Choose(r, sector, locality, -1)
}

// Levy returns the transport levy (MODEL §4) on value bought by a buyer at locality
// from from a co-op at locality to: levy_rate × distance × value, paid by the buyer
// to the Foundation on top of the price (exchange.Platform.Levy).
func (e *Economy) Levy(value ledger.Amount, from, to int) ledger.Amount {
	return e.platform.Levy(value, from, to)
}

// BeforeLevy returns what a budget buys from locality to for a buyer at from, leaving
// room for the levy on it (exchange.Platform.BeforeLevy): how the economy's co-ops
// spend a budget.
func (e *Economy) BeforeLevy(budget ledger.Amount, from, to int) ledger.Amount {
	return e.platform.BeforeLevy(budget, from, to)
}

// IssuanceEnv returns what the grant rules see of the economy now: the month, the
// savings ratio (ledger.SavingsRatio), the balance ratio, the price index and the
// value on offer this month, as the economy's issuance phase builds them.
func (e *Economy) IssuanceEnv(month int) issuance.Env {
	return issuance.Env{Month: month, SavingsRatio: e.ledger.SavingsRatio(), BalanceRatio: e.balanceRatio(),
		PriceIndex: e.priceIndex, TotalOffered: e.monthOffered}
}

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

// Rules of a co-op's purchases and of the Foundation's programmes that the economy
// applies inline today (trade.go's payOrder, foundation.go's startups and
// apprenticeships), written here so that GetGo's player co-op follows the same ones.

// Afford returns what a buyer holding have pays for a purchase of value and the levy
// on it: both when it holds enough; else what its balance allows, split between the
// two in the same proportion, the levy taking at most what is left (trade.go's
// payOrder, where rounding can leave a buyer a unit short).
func Afford(value, levy, have ledger.Amount) (paid, levyPaid ledger.Amount) {
	if value+levy <= have {
		return value, levy
	}
	if value+levy <= 0 {
		return 0, 0
	}
	paid = ledger.Amount(float64(max(have, 0)) * float64(value) / float64(value+levy))
	return paid, min(levy, max(have-paid, 0))
}

// Stipend returns an apprentice's pay a month in a sector whose wage is wage: the
// scenario's foundation.apprenticeship share of it, which the Foundation pays the host
// co-op.
func (f Foundation) Stipend(wage ledger.Amount) ledger.Amount {
	return ledger.Scale(wage, f.Apprenticeship)
}

// StartupInvestment returns the tokens investment issuance creates for a start-up
// founded in month, when made were created so already that month, and the obligation
// they carry (MODEL §3): offers of equal value by the end of month +
// obligation_months. It is none when the scenario does not enable investment or the
// month's cap is used up.
func StartupInvestment(inv issuance.Investment, month int, made ledger.Amount) (ledger.Amount, Obligation) {
	if !inv.Enabled {
		return 0, Obligation{}
	}
	invest := ledger.Tokens(inv.PerStartup)
	if inv.MaxPerMonth > 0 {
		invest = min(invest, ledger.Tokens(inv.MaxPerMonth)-made)
	}
	if invest <= 0 {
		return 0, Obligation{}
	}
	return invest, Obligation{Owed: invest, DueBy: int32(month + inv.ObligationMonths)}
}

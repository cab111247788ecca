package agents

import (
	"github.com/copex/copex/sim/issuance"
	"github.com/copex/copex/sim/ledger"
)

// Rules of a co-op's month that the economy and GetGo's player co-op both follow,
// written once here.

// IssueGrant issues a grant for an offer (MODEL §3): of grant, the share f goes to the
// Foundation as ordinary tokens and the rest to the co-op as a grant lot that expires
// at the end of month expiry (0: never), both journalled as TxGrant with ref. It
// returns what each received.
func IssueGrant(l *ledger.Ledger, coop, foundation ledger.AccountID, grant ledger.Amount, f float64, expiry int, ref int64) (toCoop, toFoundation ledger.Amount, err error) {
	if grant <= 0 {
		return 0, 0, nil
	}
	toFoundation, toCoop = ledger.Split(grant, f)
	if toCoop > 0 {
		if err := l.Issue(coop, toCoop, expiry, ledger.TxGrant, ref); err != nil {
			return 0, 0, err
		}
	}
	if toFoundation > 0 {
		if err := l.Issue(foundation, toFoundation, 0, ledger.TxGrant, ref); err != nil {
			return toCoop, 0, err
		}
	}
	return toCoop, toFoundation, nil
}

// Obligation is a start-up's investment obligation (MODEL §3): value still to offer,
// due by the end of a month.
type Obligation struct {
	Owed  ledger.Amount
	DueBy int32 // month it falls due (0: none)
}

// Settle counts a closed month's offered value against the obligation. It reports
// whether the obligation was met this month, or missed (its month passed with value
// still owed: a lesson, never repaid); either way it is then cleared.
func (o *Obligation) Settle(offered ledger.Amount, closedMonth int) (met, missed bool) {
	if o.DueBy <= 0 {
		return false, false
	}
	o.Owed -= offered
	switch {
	case o.Owed <= 0:
		met = true
	case int32(closedMonth) >= o.DueBy:
		missed = true
	default:
		return false, false
	}
	*o = Obligation{}
	return met, missed
}

// MonthsUnpaid returns a co-op's months in a row unable to pay its members in full,
// after a month in which it was (short) or was not; it fails once this reaches the
// scenario's coops.fail_after_months (Fails).
func MonthsUnpaid(before int, short bool) int {
	if short {
		return before + 1
	}
	return 0
}

// Fails reports whether a co-op unable to pay for unpaid months in a row fails.
func (c Coops) Fails(unpaid int) bool { return unpaid >= max(c.FailAfterMonths, 1) }

// Afford returns what a buyer holding have pays for a purchase of value and the levy
// on it: both when it holds enough; else what its balance allows, split between the
// two in the same proportion, the levy taking at most what is left (rounding can leave
// a buyer a unit short).
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

// Liability splits a debt of owed between the debtor's own holdings own and its
// guarantor's guarantor (seed 000: the guarantor's liability is subsidiary): the
// debtor's holdings pay first, the guarantor only what they cannot, and what neither
// can is the creditor's loss.
func Liability(owed, own, guarantor ledger.Amount) (fromOwn, fromGuarantor, loss ledger.Amount) {
	owed = max(owed, 0)
	fromOwn = min(owed, max(own, 0))
	fromGuarantor = min(owed-fromOwn, max(guarantor, 0))
	return fromOwn, fromGuarantor, owed - fromOwn - fromGuarantor
}

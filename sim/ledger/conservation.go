package ledger

import "fmt"

// Rule 4, conservation: for every asset, the sum of all holdings equals issued minus
// expired minus burned. The ledger checks it two ways:
//
//   - CheckTotals, in O(1): every operation that changes a balance also changes a
//     running total of holdings by part (ordinary, grant, savings), and the check
//     compares that total with the supply counters. It catches an operation whose
//     effects do not add up: a debit without its credit (a lost credit), a credit
//     twice, an issue or expiry not counted in the supply. Cheap enough for every tick.
//   - CheckConservation, a full scan: it sums every account, checks that no balance
//     is negative and that grant balances equal their lots, and compares the sums with
//     the supply and with the running totals. It also catches a balance changed
//     behind the operations' back (a corrupted balance), which the running totals
//     cannot see. Run it every few ticks and at the end.

// Totals sums asset 0 over all accounts.
type Totals struct {
	Ordinary, Grant, Savings Amount
}

// Held returns the sum of the three parts.
func (t Totals) Held() Amount { return t.Ordinary + t.Grant + t.Savings }

// Sum returns the three parts of all holdings of asset 0, in O(1): the running
// totals that every operation keeps. Between parallel phases (outside a batch's
// Transfer ... Apply) they equal a sum over the accounts, which CheckConservation
// verifies.
func (l *Ledger) Sum() Totals { return l.held }

// HoldingsInto sets dst[k] to Holdings(first+k) for every k: the holdings of a run
// of contiguous accounts, in one pass.
func (l *Ledger) HoldingsInto(first AccountID, dst []Amount) {
	lo := int(first)
	hi := lo + len(dst)
	if l.held.Grant == 0 && l.held.Savings == 0 {
		// No account holds grant tokens or savings (no part is ever negative).
		copy(dst, l.ordinary[lo:hi])
		return
	}
	ord, gr, sv := l.ordinary[lo:hi], l.grant[lo:hi], l.savings[lo:hi]
	for k := range dst {
		dst[k] = ord[k] + gr[k] + sv[k]
	}
}

// scan sums the parts of every account's holdings, and reports whether any part of
// any balance is negative. With a runner (SetRunner) a large ledger is scanned range
// by range in parallel.
func (l *Ledger) scan() (Totals, bool) {
	n := len(l.ordinary)
	chunks := (n + 1<<denseChunkBits - 1) >> denseChunkBits
	if l.runner == nil || chunks < 4 {
		p := l.sumRange(0, n)
		return p.Totals, p.neg
	}
	if len(l.parts) < chunks {
		l.parts = make([]part, chunks)
	}
	if l.sumFn == nil {
		l.sumFn = func(k int) { l.parts[k] = l.sumRange(k<<denseChunkBits, min((k+1)<<denseChunkBits, len(l.ordinary))) }
	}
	l.runner.Run(chunks, l.sumFn)
	var t Totals
	neg := false
	for _, p := range l.parts[:chunks] {
		t.Ordinary += p.Ordinary
		t.Grant += p.Grant
		t.Savings += p.Savings
		neg = neg || p.neg
	}
	return t, neg
}

// part is a range's share of a scan.
type part struct {
	Totals
	neg bool // some part of some balance is negative
}

// sumRange sums the parts of accounts [lo, hi).
func (l *Ledger) sumRange(lo, hi int) part {
	var t Totals
	var signs Amount // every part of every balance or-ed: negative if any is
	ord, gr, sv := l.ordinary[lo:hi], l.grant[lo:hi], l.savings[lo:hi]
	for i, o := range ord {
		g, s := gr[i], sv[i]
		t.Ordinary += o
		t.Grant += g
		t.Savings += s
		signs |= o | g | s
	}
	return part{t, signs < 0}
}

// ConservationError reports a breach of rule 4.
type ConservationError struct {
	Asset   AssetID
	Held    Amount
	Supply  Amount
	Account AccountID // the first account found in a bad state, or NoAccount
	Reason  string
}

func (e *ConservationError) Error() string {
	if e.Account != NoAccount {
		return fmt.Sprintf("conservation (rule 4): account %d: %s", e.Account, e.Reason)
	}
	if e.Reason != "" {
		return fmt.Sprintf("conservation (rule 4): asset %d: %s", e.Asset, e.Reason)
	}
	return fmt.Sprintf("conservation (rule 4): asset %d: holdings %s != supply %s",
		e.Asset, Format(e.Held), Format(e.Supply))
}

// CheckTotals verifies rule 4 for asset 0 in O(1): the running totals of holdings,
// which every operation keeps, are not negative and add up to issued minus expired
// minus burned. Call it between parallel phases (after Apply).
func (l *Ledger) CheckTotals() error {
	t, s := l.held, l.Supply()
	if t.Ordinary < 0 || t.Grant < 0 || t.Savings < 0 {
		return &ConservationError{Asset: Token, Held: t.Held(), Supply: s, Account: NoAccount, Reason: fmt.Sprintf(
			"a running total is negative (ordinary %s, grant %s, savings %s)", Format(t.Ordinary), Format(t.Grant), Format(t.Savings))}
	}
	if h := t.Held(); h != s {
		return &ConservationError{Asset: Token, Held: h, Supply: s, Account: NoAccount, Reason: fmt.Sprintf(
			"running total of holdings %s != supply %s", Format(h), Format(s))}
	}
	return nil
}

// CheckConservation verifies rule 4 to the unit by a full scan: for every asset the
// sum of all holdings equals issued minus expired minus burned; no part of any balance
// is negative; every account's grant total equals its lots; and the running totals
// that CheckTotals and Sum read equal the sums over the accounts.
func (l *Ledger) CheckConservation() error {
	t, neg := l.scan()
	if neg { // find the first such account
		for i, o := range l.ordinary {
			if g, s := l.grant[i], l.savings[i]; o < 0 || g < 0 || s < 0 {
				return &ConservationError{Account: AccountID(i), Reason: fmt.Sprintf(
					"negative balance (ordinary %s, grant %s, savings %s)", Format(o), Format(g), Format(s))}
			}
		}
	}
	for qi := range l.queues {
		qu := &l.queues[qi]
		var sum Amount
		for _, lot := range qu.lots[qu.head:] {
			sum += lot.Amount
		}
		if a := l.owners[qi]; sum != l.grant[a] {
			return &ConservationError{Account: a, Reason: fmt.Sprintf(
				"grant lots add up to %s but the grant balance is %s", Format(sum), Format(l.grant[a]))}
		}
	}
	if h, s := t.Held(), l.Supply(); h != s {
		return &ConservationError{Asset: Token, Held: h, Supply: s, Account: NoAccount}
	}
	if t != l.held {
		return &ConservationError{Asset: Token, Held: t.Held(), Supply: l.Supply(), Account: NoAccount, Reason: fmt.Sprintf(
			"the accounts hold ordinary %s, grant %s, savings %s but the running totals say %s, %s, %s",
			Format(t.Ordinary), Format(t.Grant), Format(t.Savings), Format(l.held.Ordinary), Format(l.held.Grant), Format(l.held.Savings))}
	}
	if len(l.assets) == 1 {
		return nil
	}
	sums := make([]Amount, len(l.assets))
	for k, v := range l.sparse {
		sums[k>>32] += v
	}
	for a := 1; a < len(l.assets); a++ {
		if s := l.SupplyOf(AssetID(a)); sums[a] != s {
			return &ConservationError{Asset: AssetID(a), Held: sums[a], Supply: s, Account: NoAccount}
		}
	}
	return nil
}

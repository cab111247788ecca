package ledger

// SavingsRatio returns the share of the token supply held in savings (0 when there is
// no supply): the s of the savings-adjusted release factor k = 1/(1-s), and what the
// issuance rules see as savings_ratio. It reads the running totals (Sum), in O(1).
func (l *Ledger) SavingsRatio() float64 {
	s := l.Supply()
	if s <= 0 {
		return 0
	}
	return float64(l.Sum().Savings) / float64(s)
}

package councils

import (
	"github.com/copex/copex/sim/ledger"
)

// tokens are the participation incentives: a locked balance the councils keep for
// every member, in micro-units (not exchange tokens: they buy nothing, so the ledger,
// whose operating rules create tokens only as grants for offers, does not hold them).
//
// Tokens earned in plan year y are held in cohort y until year y + V + 1 begins (V
// the vesting years): a ring of V+1 cohorts per member, where cohort y's slot is
// y mod (V+1). At year y's start the slot of cohort y - V - 1 (the same slot) is
// unlocked, before anything is earned into it for year y, so no token unlocks before
// V full years have passed, and every token unlocks when its time comes.
type tokens struct {
	v      int             // vesting years
	locked []ledger.Amount // member i's cohort slot s at i*(v+1)+s
	free   []ledger.Amount // unlocked tokens by member
	year   int

	issued, vested ledger.Amount // running totals; every per-member value is at most issued

	participation, quality, consensus, sample, peer ledger.Amount
	base, gain, half                                float64
}

func (t *tokens) init(cfg Tokens) error {
	t.v = cfg.VestYears
	t.participation, t.quality, t.consensus = ledger.Tokens(cfg.Participation), ledger.Tokens(cfg.Quality), ledger.Tokens(cfg.Consensus)
	t.sample, t.peer = ledger.Tokens(cfg.RandomSample), ledger.Tokens(cfg.Peer)
	t.base, t.gain, t.half = cfg.Base, cfg.Gain, cfg.Half
	return nil
}

func (t *tokens) grow(n int) {
	t.locked = append(t.locked, make([]ledger.Amount, n*(t.v+1)-len(t.locked))...)
	t.free = append(t.free, make([]ledger.Amount, n-len(t.free))...)
}

// vest starts plan year y: it unlocks cohort y - V - 1.
func (t *tokens) vest(y int) error {
	t.year = y
	if y <= t.v {
		return nil
	}
	s, w := y%(t.v+1), t.v+1
	for i := range t.free {
		if x := t.locked[i*w+s]; x > 0 {
			t.free[i] += x
			t.locked[i*w+s] = 0
			t.vested += x // at most issued, which is checked
		}
	}
	return nil
}

// grant earns amount for member i into this year's cohort. Only the running total is
// checked against overflow: every balance is part of it.
func (t *tokens) grant(i int32, amount ledger.Amount) error {
	if amount <= 0 {
		return nil
	}
	total, err := add(t.issued, amount)
	if err != nil {
		return err
	}
	t.issued = total
	t.locked[int(i)*(t.v+1)+t.year%(t.v+1)] += amount
	return nil
}

// turnout is member i's chance of voting: min(1, base + gain u/(u + half)), u its
// unlocked tokens. With no tokens it is base; it rises with them towards base + gain
// (at most 1, checked), half of the rise at half tokens.
func (t *tokens) turnout(i int32) float64 {
	if t.gain == 0 {
		return t.base
	}
	u := ledger.Float(t.free[i])
	return min(1, t.base+t.gain*u/(u+t.half))
}

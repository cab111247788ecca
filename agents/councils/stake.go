package councils

import (
	"github.com/copex/copex/sim/ledger"
)

// stakes is Proof of Contribution staking. A stake is exchange tokens moved on the
// ledger from a member to the stake account (a council fund) for a lock-up of 1 to
// max_lock years, drawn uniformly; it comes back when the lock-up ends (to the
// solidarity fund if the member has left). Only ordinary tokens are staked, and only
// by a member holding no grant tokens, so that staking never turns expiring grant
// tokens into ordinary ones.
//
// Each year a stake earns contribution rewards rate x stake x (1 + bonus (lock - 1)),
// split by the scenario's shares between the staker, social welfare, the solidarity
// fund and protocol development; rewards are contribution points (micro-units) kept
// here, not exchange tokens (the ledger creates tokens only as grants). A staker
// misbehaves in a year with chance slash_rate and then loses slash of its stake to
// the solidarity fund, on the ledger.
type stakes struct {
	pool, solidarity ledger.AccountID
	stake            []ledger.Amount
	until            []int32 // plan year the stake comes back
	lock             []int8
	points           []ledger.Amount // each staker's reward points

	stakers        int64
	total, slashed ledger.Amount
	rewards        [4]ledger.Amount // staker, welfare, solidarity, protocol
}

func (s *stakes) grow(n int) {
	s.stake = append(s.stake, make([]ledger.Amount, n-len(s.stake))...)
	s.until = append(s.until, make([]int32, n-len(s.until))...)
	s.lock = append(s.lock, make([]int8, n-len(s.lock))...)
	s.points = append(s.points, make([]ledger.Amount, n-len(s.points))...)
}

// year starts plan year y: last year's rewards and slashing, stakes whose lock-up
// ends, then new stakes.
func (s *stakes) year(c *Councils, y int) error {
	cfg, h := &c.cfg.Stake, c.h
	l := h.Ledger()
	shares := [4]float64{cfg.Staker, cfg.Welfare, cfg.Solidarity, cfg.Protocol}
	for i := range s.stake {
		st := s.stake[i]
		if st == 0 {
			continue
		}
		// Rewards for the year just ended: rate <= 0.2 and weight <= 2 (bonus <= 0.25,
		// lock <= 5), so a year's reward is at most 0.4 of the stake, itself at most
		// the token supply; the running totals are checked.
		r := ledger.Scale(st, cfg.Rate*(1+cfg.Bonus*float64(s.lock[i]-1)))
		rest := r
		for k := range shares {
			part := ledger.Scale(r, shares[k])
			if k == len(shares)-1 {
				part = rest // the last share takes the rounding, so the parts sum to r
			}
			rest -= part
			var err error
			if s.rewards[k], err = add(s.rewards[k], part); err != nil {
				return err
			}
			if k == 0 {
				s.points[i] += part
			}
		}
		if cfg.SlashRate > 0 && c.rng.Float64() < cfg.SlashRate {
			if cut := ledger.Scale(st, cfg.Slash); cut > 0 {
				if err := l.Transfer(s.pool, s.solidarity, cut, ledger.TxOther, int64(i)); err != nil {
					return err
				}
				s.stake[i] -= cut
				s.total -= cut
				s.slashed += cut // at most the stakes ever made, within the supply
			}
		}
		if int(s.until[i]) <= y {
			to := s.solidarity
			if h.MemberActive(i) {
				to = h.MemberAccount(i)
			}
			if back := s.stake[i]; back > 0 {
				if err := l.Transfer(s.pool, to, back, ledger.TxOther, int64(i)); err != nil {
					return err
				}
			}
			s.total -= s.stake[i]
			s.stake[i] = 0
			s.stakers--
		}
	}
	if cfg.Share <= 0 || cfg.Fraction <= 0 {
		return nil
	}
	for i := range s.stake {
		if s.stake[i] > 0 || !h.MemberActive(i) || c.rng.Float64() >= cfg.Share {
			continue
		}
		a := h.MemberAccount(i)
		if l.Grant(a) > 0 {
			continue
		}
		amount := ledger.Trunc(float64(l.Ordinary(a)) * cfg.Fraction)
		if amount <= 0 {
			continue
		}
		if err := l.Transfer(a, s.pool, amount, ledger.TxOther, int64(i)); err != nil {
			return err
		}
		lock := 1 + c.rng.IntN(cfg.MaxLock)
		s.stake[i], s.lock[i], s.until[i] = amount, int8(lock), int32(y+lock)
		s.total += amount // the pool's balance: within the supply
		s.stakers++
	}
	return nil
}

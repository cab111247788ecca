package coprosperity

import (
	"math/bits"

	"github.com/copex/copex/sim/ledger"
)

// Co-ops as participants (issue 13: "the same members and co-ops hold IOUs"). A co-op
// issues IOUs of its service in value units: a unit is a micro-token's worth of its
// offer, and an hour of its service is worth what a worker makes in an hour at its
// price (CoopPrice × CoopProductivity / HoursPerMonth, fixed when it joins: a co-op's
// hour is not a member's hour). It pledges CoopPledgeHrs an hour a worker, can fulfil
// CapacityHrs a worker, and needs Poisson(CoopNeeds) inputs a month, each CoopNeedHrs a
// worker of a supplier's hours, from a circle of suppliers in its sector's input
// sectors (drawn in proportion to the input-output coefficients). Because an hour and a
// token's worth are not commensurable without a price (and a conversion would round),
// co-ops' IOUs have a pool, claims and a clearing network of their own: no claim,
// swap, chain or set-off ever trades a member's hour against a co-op's unit.

// coopValue is what an hour of co-op c's service is worth in value units now.
func (s *Subsystem) coopValue(c int) ledger.Amount {
	v := float64(s.h.CoopPrice(c)) * s.h.CoopProductivity(c) / HoursPerMonth
	if !(v >= 1) { // also NaN
		return 1
	}
	return clampValue(ledger.Amount(min(v, float64(MaxHourValue))))
}

// placeCoop lists co-op participant i with the co-ops and its sector's.
func (s *Subsystem) placeCoop(i int32) {
	s.community[i] = -1 // in no members' community
	s.coopList = append(s.coopList, i)
	sec := s.h.CoopSectorIndex(int(s.ref[i]))
	for len(s.bySector) <= sec {
		s.bySector = append(s.bySector, nil)
	}
	s.bySector[sec] = append(s.bySector[sec], i)
}

// randomSupplier draws an active co-op of one of co-op i's input sectors (drawn in
// proportion to the coefficients), any active co-op when its sector buys no inputs or
// that sector has none (-1 after a few misses).
func (s *Subsystem) randomSupplier(i int32) int32 {
	sec := s.h.CoopSectorIndex(int(s.ref[i]))
	n := s.h.SectorInputs(sec)
	var total float64
	for k := range n {
		_, c := s.h.SectorInput(sec, k)
		total += max(c, 0)
	}
	for range 32 {
		list := s.coopList
		if total > 0 {
			u := s.rng.Float64() * total
			for k := range n {
				in, c := s.h.SectorInput(sec, k)
				if u -= max(c, 0); u < 0 || k == n-1 {
					if in < len(s.bySector) && len(s.bySector[in]) > 0 {
						list = s.bySector[in]
					}
					break
				}
			}
		}
		j := list[s.rng.IntN(len(list))]
		if j != i && s.active[j] {
			return j
		}
	}
	return -1
}

// randomCoop draws an active co-op participant other than i (-1 after a few misses).
func (s *Subsystem) randomCoop(i int32) int32 {
	if len(s.coopList) == 0 {
		return -1
	}
	for range 32 {
		j := s.coopList[s.rng.IntN(len(s.coopList))]
		if j != i && s.active[j] {
			return j
		}
	}
	return -1
}

// writeOff writes off the IOUs outstanding of the co-ops that closed this month: a
// closed co-op can fulfil nothing, so its IOUs are worth nothing to anyone (the
// seed's reputation, not a guarantor, stood behind them). Held ones are taken from
// their holders, the DAO fund's holding is taken, and its IOUs in the pool are taken
// with an equal cut of the claims on the co-ops' pool, shared in proportion to each
// claim (reduceClaims). Everything written off is booked (writtenOff) and counted.
func (s *Subsystem) writeOff() {
	if len(s.closing) == 0 {
		return
	}
	s.woKeys = s.woKeys[:0]
	s.hd.each(func(holder, issuer int32, v ledger.Amount) {
		if issuer != fund && s.isCoop[issuer] && s.closed[issuer] {
			s.woKeys = append(s.woKeys, slot{pair(holder, issuer), v})
		}
	})
	for _, k := range s.woKeys {
		holder, issuer := unpair(k.key)
		s.addHeld(holder, issuer, -k.val)
		b := &s.iou[issuer]
		b.out -= k.val
		b.writtenOff += k.val
		s.stats.cWrittenOff += k.val
	}
	for _, j := range s.closing {
		b := &s.iou[j]
		s.reduceClaims(b.pool)
		x := b.pool + b.dao
		b.writtenOff += x
		b.pool, b.dao = 0, 0
		s.stats.cWrittenOff += x
		s.cum.cClosed++
	}
	s.cum.cWrittenOff += s.stats.cWrittenOff
	s.closing = s.closing[:0]
}

// reduceClaims takes x from the claims on the co-ops' pool (participants' and
// projects'), claim c giving floor(x × c / C) of the total C, and the units the floors
// leave (L = x - their sum, fewer than the claims) one each from the first claims
// still positive. There are at least L of them: the L fractions sum to L, each under
// 1, so at least L claims had one, and such a claim's floor is below c × x / C ≤ c, so
// it keeps a unit. The cut is then exactly x. The products are 128-bit (math/bits): x and c are each
// under 2^63, and x × c < C × 2^64 as x ≤ C, so the division fits.
func (s *Subsystem) reduceClaims(x ledger.Amount) {
	if x <= 0 {
		return
	}
	var total ledger.Amount
	for _, c := range s.cclaim {
		total += c
	}
	for p := range s.projects {
		total += s.projects[p].cclaim
	}
	// total = the co-ops' pool (check), and x is part of it: x ≤ total.
	part := func(c ledger.Amount) ledger.Amount {
		hi, lo := bits.Mul64(uint64(x), uint64(c))
		q, _ := bits.Div64(hi, lo, uint64(total))
		return ledger.Amount(q)
	}
	left := x
	for i, c := range s.cclaim {
		if c > 0 {
			q := part(c)
			s.cclaim[i] -= q
			left -= q
		}
	}
	for p := range s.projects {
		if c := s.projects[p].cclaim; c > 0 {
			q := part(c)
			s.projects[p].cclaim -= q
			left -= q
		}
	}
	// The leftover units, one each, in a fixed order (participants, then projects).
	for i := range s.cclaim {
		if left == 0 {
			return
		}
		if s.cclaim[i] > 0 {
			s.cclaim[i]--
			left--
		}
	}
	for p := range s.projects {
		if left == 0 {
			return
		}
		if s.projects[p].cclaim > 0 {
			s.projects[p].cclaim--
			left--
		}
	}
}

package coprosperity

import (
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

// The IOUs' unit (issue 13 §1: "one unit an hour of its service, or a value unit, by
// scenario"). With unit hour an IOU unit is an hour (kept in micro-hours); with unit
// value it is a token's worth of the issuer's service at its price (kept in
// micro-tokens). Participants are members, and a member's hour is priced at the wage
// of its sector: the monthly wage of its employer's sector (the host's
// SectorTechnique) over HoursPerMonth working hours, the wage of the co-op it works in
// when it joins (an unemployed member's: the mean over the sectors). The value is
// fixed when the member joins: an IOU is a promise of the hours it was issued for.
// Pledges, needs, capacity and withdrawals are hours times the issuer's value; a claim
// on the pool and every swap are then value for value; an unfulfilled unit is made
// good with a micro-token (HourPrice is for hours); liquidity_hours are hours at the
// mean value.

// HoursPerMonth is a month's working time: 40 pledged hours are a quarter of it (seed
// 000), so it is 160.
const HoursPerMonth = 160

// MaxHourValue bounds an hour's value (micro-tokens): 1e9 tokens a month's wage / 160.
// With pledge_hours ≤ 744 a pledge is under 5e15, and maxTotal bounds their sum.
const MaxHourValue = ledger.Amount(1e9 * float64(ledger.Unit) / HoursPerMonth)

// initUnit sets the mean hour's value (value) or the hour (hour).
func (s *Subsystem) initUnit() error {
	s.meanVal = ledger.Unit
	if s.cfg.Unit != "value" {
		return nil
	}
	n := len(s.h.Sectors())
	if n == 0 {
		return fmt.Errorf("coprosperity: unit value needs the economy's sectors (their wages price an hour)")
	}
	var sum float64
	for k := range n {
		_, _, wage, _ := s.h.SectorTechnique(k)
		sum += wage
	}
	s.meanVal = clampValue(ledger.Tokens(sum / float64(n) / HoursPerMonth))
	return nil
}

// hourValue is what an hour of member i's service is worth in IOU units now.
func (s *Subsystem) hourValue(i int32) ledger.Amount {
	if s.cfg.Unit != "value" {
		return ledger.Unit
	}
	c := s.h.MemberEmployer(int(i))
	if c < 0 {
		return s.meanVal
	}
	_, _, wage, _ := s.h.SectorTechnique(s.h.CoopSectorIndex(c))
	return clampValue(ledger.Tokens(wage / HoursPerMonth))
}

// clampValue keeps an hour's value between a micro-token and MaxHourValue.
func clampValue(v ledger.Amount) ledger.Amount { return min(max(v, 1), MaxHourValue) }

// unitWord names the IOU unit in the columns' descriptions.
func (c *Config) unitWord() string {
	if c.Unit == "value" {
		return "IOU value (tokens' worth of service at the issuer's wage an hour)"
	}
	return "IOU hours"
}

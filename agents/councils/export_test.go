package councils

import "github.com/copex/copex/sim"

// Test hooks for the external tests (package councils_test).

// Vote is one vote cast: the council's level and number, and the voter.
type Vote struct {
	Level, Council int
	Member         int32
}

// Watch records every vote the subsystem's decisions cast into *votes.
func Watch(s sim.Subsystem, votes *[]Vote) {
	s.(*Councils).onVote = func(l, k int, i int32) { *votes = append(*votes, Vote{l, k, i}) }
}

// Month runs the subsystem's phase for tick t.
func Month(s sim.Subsystem, t sim.Tick) error { return s.(*Councils).month(t) }

// CheckNest checks the year's nesting against the host.
func CheckNest(s sim.Subsystem) error {
	c := s.(*Councils)
	return checkNest(&c.n, c.h)
}

// Members returns the members of council k of level l, and Count the number of
// councils of level l.
func Members(s sim.Subsystem, l, k int) []int32 { return s.(*Councils).n.members(l, k) }
func Count(s sim.Subsystem, l int) int          { return s.(*Councils).n.councils(l) }

// Delegates returns the delegates of the councils of level l.
func Delegates(s sim.Subsystem, l int) []int32 { return s.(*Councils).n.delegate[l] }

// Parents returns each council of level l's parent in level l+1.
func Parents(s sim.Subsystem, l int) []int32 { return s.(*Councils).n.parent[l] }

// Counts returns the decision counters since the last measurement: proposals,
// decided, no quorum, reviewed.
func Counts(s sim.Subsystem) (proposals, decided, noQuorum, reviewed int64) {
	d := &s.(*Councils).dec
	return d.proposals, d.decided, d.noQuorum, d.reviewed
}

// Levels.
const (
	Household     = levelHousehold
	Neighbourhood = levelNeighbourhood
	City          = levelCity
	Region        = levelRegion
	Workplace     = levelWorkplace
	Industry      = levelIndustry
	WorkRegion    = levelWorkRegion
	NumLevels     = numLevels
)

// ResetCounts zeroes the decision counters, as a measurement does.
func ResetCounts(s sim.Subsystem) {
	d := &s.(*Councils).dec
	d.proposals, d.decided, d.passed, d.noQuorum, d.reviewed, d.reversed = 0, 0, 0, 0, 0, 0
}

// LastPlan returns the last plan's rounds and whether it converged.
func LastPlan(s sim.Subsystem) (rounds int, converged bool) {
	c := s.(*Councils)
	return c.last.rounds, c.last.feasible
}

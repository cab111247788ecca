package dao

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// Platform votes: a question put to every active member of the economy (the
// Foundation's programmes, say), on the same machinery as a co-op's vote. Each member
// votes in person for what it prefers, delegates to the most reputed of a few members
// it knows, or to a program (a co-op majority is its employer's), or takes no part,
// by the section's participation shares; one member one vote. The economy's own code
// calls PlatformVote (it owns the question and applies the outcome); each vote is a
// row of votes.csv at level "platform".

// levelPlatform is the level of a platform vote in votes.csv.
const levelPlatform uint8 = 2

// PlatformVote puts a question with options options (2..127) to every active member:
// prefer(i) is the option member i votes for in person, cost what the question would
// spend (read by cost_under programs, which vote Yes (1) under their limit). It
// returns the option with the most weight, or governance.NoDecision on a tie, nothing
// cast or a quorum not met. It draws from the stream of (month, PurposeDAO, part
// platform + n) for the n-th platform vote of the month. It allocates only to grow
// its scratch to the electorate.
func (d *DAO) PlatformVote(t sim.Tick, options int, prefer func(member int) governance.Choice, cost ledger.Amount) (governance.Choice, error) {
	if d.h == nil {
		return governance.NoDecision, fmt.Errorf("dao: platform vote without an economy")
	}
	if t.Month != d.platformMonth {
		d.platformMonth, d.platformVotes = t.Month, 0
	}
	d.platformVotes++
	d.seed(t.Month, partPlatform+d.platformVotes)
	d.growMembers()
	n := 0
	d.plat = d.plat[:0]
	for i := range d.known {
		if d.h.MemberActive(i) {
			d.plat = append(d.plat, int32(i))
			n++
		}
	}
	e := &d.el
	e.Direct = grow(e.Direct, n)
	e.Delegate = grow(e.Delegate, n)
	e.Group = grow(e.Group, n)
	e.Area = grow(e.Area, n)
	e.Reputation = grow(e.Reputation, n)
	e.Fallback = nil
	if len(d.programs) > 0 {
		e.Program = grow(e.Program, n)
	} else {
		e.Program = nil
	}
	if d.cfg.Cap != nil {
		e.Fallback = grow(e.Fallback, n)
		d.resolver.Cap = *d.cfg.Cap
	}
	pt := d.cfg.Participation
	for j, i := range d.plat {
		own := prefer(int(i))
		if own < 0 || int(own) >= options {
			return governance.NoDecision, fmt.Errorf("dao: platform vote: member %d prefers option %d of %d", i, own, options)
		}
		emp := d.h.MemberEmployer(int(i))
		e.Group[j], e.Area[j] = int32(emp), -1
		if emp >= 0 {
			e.Area[j] = int32(d.h.CoopSectorIndex(emp))
		}
		e.Reputation[j] = d.reputation[i]
		e.Delegate[j] = -1
		if e.Program != nil {
			e.Program[j] = 0
		}
		if e.Fallback != nil {
			e.Fallback[j] = own
		}
		u := d.rng.Float64()
		switch {
		case u < pt.Direct:
			e.Direct[j] = own
		case u < pt.Direct+pt.Person && n > 1:
			e.Direct[j] = governance.NoVote
			e.Delegate[j] = d.pickDelegate(j, n)
		case u < pt.Direct+pt.Person+pt.Program && e.Program != nil:
			e.Direct[j] = governance.NoVote
			e.Program[j] = d.pickProgram()
		default:
			e.Direct[j] = governance.Abstain
		}
	}
	res, err := d.resolver.Resolve(e, governance.Proposal{Options: options, Cost: cost})
	if err != nil {
		return governance.NoDecision, fmt.Errorf("dao: platform vote: %w", err)
	}
	d.record(levelPlatform, res, d.plat)
	if float64(res.Cast) < d.cfg.Quorum*float64(res.Eligible) {
		return governance.NoDecision, nil
	}
	return res.Outcome, nil
}

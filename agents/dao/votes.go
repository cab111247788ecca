package dao

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// Votes: a co-op's owners decide its proposals (dividends, missions) and, for missions
// decided by vote, the winning team. In each vote every owner, by the shares of
// participation, votes in person (for the better option with its competence),
// delegates to the most reputed of a few fellow owners it knows (transitively: cycles
// are possible and their votes lost), delegates to a voting program, or takes no
// part. In a vote among a mission's teams the programs (which answer yes-or-no
// questions) have no say: their users take no part. The resolution is
// sim/governance's, with one Resolver for the run; by stake, each owner's own vote
// counts its stake wherever it is cast.

// Levels of the votes in votes.csv.
const (
	levelProposal uint8 = iota
	levelWinner
)

var levelNames = [...]string{"coop", "mission_winner", "platform"}

// voteRecord is one row of votes.csv.
type voteRecord struct {
	id    int64
	level uint8
	stats governance.Stats
}

// ballot is a question put to a co-op's owners.
type ballot struct {
	coop    int
	level   uint8
	options int           // 2 for a proposal (No, Yes); the teams for a winner
	cost    ledger.Amount // what a proposal would spend
	better  governance.Choice
}

// outcome is what a vote decided: the option with the most weight (or stake), and
// whether the quorum was met.
type outcome struct {
	choice governance.Choice // governance.NoDecision on a tie or nothing cast
	quorum bool
	direct governance.Choice // what the direct voters alone decided (one vote each)
}

// reputedInArea is the program "follow the most reputed member in my area": it hands
// the vote to the owner of the voter's area (its employer's sector) with the highest
// reputation, or abstains for a voter with no area.
type reputedInArea struct{}

func (reputedInArea) Delegate(r *governance.Round, i int32) int32 {
	return r.MostReputed(r.Area(i), i)
}
func (reputedInArea) Choose(*governance.Round, int32) governance.Choice { return governance.Abstain }
func (reputedInArea) Late() bool                                        { return false }

func newProgram(p Program) governance.Program {
	switch p.Rule {
	case "coop_majority":
		return governance.CoopMajority{}
	case "cost_under":
		return governance.CostUnder{Limit: ledger.Tokens(p.Limit)}
	case "most_reputed":
		return reputedInArea{}
	}
	return governance.Abstainer{}
}

// vote puts b to co-op b.coop's owners and returns the outcome.
func (d *DAO) vote(b ballot) (outcome, error) {
	voters, stakes := d.owners(b.coop)
	n := len(voters)
	e := &d.el
	e.Direct = grow(e.Direct, n)
	e.Delegate = grow(e.Delegate, n)
	e.Group = grow(e.Group, n)
	e.Area = grow(e.Area, n)
	e.Reputation = grow(e.Reputation, n)
	if len(d.programs) > 0 {
		e.Program = grow(e.Program, n)
	} else {
		e.Program = nil
	}
	capped := d.cfg.Cap != nil
	if capped {
		e.Fallback = grow(e.Fallback, n)
		d.resolver.Cap = *d.cfg.Cap
	} else {
		e.Fallback = nil
	}
	pt := d.cfg.Participation
	for j, i := range voters {
		e.Group[j] = 0 // one co-op: its majority is the electorate's
		e.Area[j] = -1
		if emp := d.h.MemberEmployer(int(i)); emp >= 0 {
			e.Area[j] = int32(d.h.CoopSectorIndex(emp))
		}
		e.Reputation[j] = d.reputation[i]
		e.Delegate[j] = -1
		if e.Program != nil {
			e.Program[j] = 0
		}
		own := d.choose(int(i), b)
		if capped {
			e.Fallback[j] = own // refused by the cap, a delegator votes itself
		}
		u := d.rng.Float64()
		switch {
		case u < pt.Direct:
			e.Direct[j] = own
		case u < pt.Direct+pt.Person && n > 1:
			e.Direct[j] = governance.NoVote
			e.Delegate[j] = d.pickDelegate(j, n)
		case u < pt.Direct+pt.Person+pt.Program && e.Program != nil && b.level == levelProposal:
			e.Direct[j] = governance.NoVote
			e.Program[j] = d.pickProgram()
		default:
			e.Direct[j] = governance.Abstain // takes no part
		}
	}
	res, err := d.resolver.Resolve(e, governance.Proposal{Options: b.options, Cost: b.cost})
	if err != nil {
		return outcome{}, fmt.Errorf("dao: vote %d: %w", d.nextVote, err)
	}
	out := outcome{choice: res.Outcome, direct: res.DirectOutcome}
	if d.cfg.Voting == "stake" {
		out.choice, out.quorum = d.stakeTally(res, stakes, b.options)
	} else {
		out.quorum = float64(res.Cast) >= d.cfg.Quorum*float64(res.Eligible)
	}
	d.record(b.level, res, voters)
	return out, nil
}

// stakeTally counts each owner's own vote with its stake, on the option it went to.
// Stakes are at most 1001 and owners at most a co-op's members, so the sums stay far
// inside an int64.
func (d *DAO) stakeTally(res *governance.Result, stakes []int64, options int) (governance.Choice, bool) {
	var tot [governance.MaxOptions]int64
	var eligible, cast int64
	for j, c := range res.Choice {
		eligible += stakes[j]
		if c >= 0 {
			tot[c] += stakes[j]
			cast += stakes[j]
		}
	}
	best, top, tie := governance.NoDecision, int64(0), false
	for c, w := range tot[:options] {
		switch {
		case w > top:
			best, top, tie = governance.Choice(c), w, false
		case w == top && w > 0:
			tie = true
		}
	}
	if tie {
		best = governance.NoDecision
	}
	return best, float64(cast) >= d.cfg.Quorum*float64(eligible)
}

// choose is what member i would vote in person: the better option with its
// competence, otherwise another option drawn uniformly.
func (d *DAO) choose(i int, b ballot) governance.Choice {
	if d.rng.Float64() < d.competence[i] {
		return b.better
	}
	o := governance.Choice(d.rng.IntN(b.options - 1))
	if o >= b.better {
		o++
	}
	return o
}

// pickDelegate returns the most reputed of Know fellow owners voter j knows (drawn
// uniformly, j excluded).
func (d *DAO) pickDelegate(j, n int) int32 {
	best := int32(-1)
	for range d.cfg.Participation.Know {
		k := int32(d.rng.IntN(n - 1))
		if k >= int32(j) {
			k++
		}
		if best < 0 || d.el.Reputation[k] > d.el.Reputation[best] {
			best = k
		}
	}
	return best
}

// pickProgram draws a program by the programs' shares (1-based, as Electorate.Program).
func (d *DAO) pickProgram() uint8 {
	u := d.rng.Float64()
	for p, c := range d.progCum {
		if u < c {
			return uint8(p + 1)
		}
	}
	return uint8(len(d.progCum))
}

// record keeps a vote's figures for votes.csv and writes its graph when asked.
func (d *DAO) record(level uint8, res *governance.Result, voters []int32) {
	d.nextVote++
	s := res.Stats
	s.Totals, s.DirectTotals = nil, nil
	d.votes = append(d.votes, voteRecord{id: d.nextVote, level: level, stats: s})
	c := &d.tick
	c.votes++
	c.lostCycles += res.LostCycles
	if res.Eligible > 0 {
		c.turnout += float64(res.Cast) / float64(res.Eligible)
	}
	if d.graphDir != "" && d.graphErr == nil {
		d.graphErr = d.writeGraph(res, voters)
	}
}

// writeGraph writes the vote's delegation graph, voters by member number.
func (d *DAO) writeGraph(res *governance.Result, voters []int32) error {
	path := filepath.Join(d.graphDir, fmt.Sprintf("vote-%05d.csv", d.nextVote))
	return writeAtomic(path, func(f *os.File) error {
		return governance.WriteGraphIDs(f, &d.el, res, voters)
	})
}

// writeVotes writes votes.csv.
func (d *DAO) writeVotes(f *os.File) error {
	w := bufio.NewWriterSize(f, 1<<16)
	enc := governance.NewVotesEncoder(w)
	if len(d.votes) == 0 {
		if _, err := w.WriteString(governance.VotesHeader + "\n"); err != nil {
			return err
		}
	}
	for i := range d.votes {
		v := &d.votes[i]
		if err := enc.Encode(v.id, levelNames[v.level], &v.stats); err != nil {
			return err
		}
	}
	return w.Flush()
}

package councils

// decisionStats counts the decision nodes' work: per tick (reset when measured) and,
// for turnout, per plan year by level.
type decisionStats struct {
	proposals, decided, passed, noQuorum, reviewed, reversed int64
	eligible, cast                                           [numLevels]int64
}

func (d *decisionStats) newYear() {
	d.eligible, d.cast = [numLevels]int64{}, [numLevels]int64{}
}

// decide runs a month of the decision nodes. Every council above the individual puts
// a proposal to a vote with chance rate/12 (rate <= 12). The proposal belongs to the
// council's level and affects its members only, so only they are entitled to vote:
// in direct mode each of them; with delegates, the delegate of each of its member
// councils (households and workplaces always vote in person). Each entitled voter
// votes with its turnout probability (tokens.turnout) and for the proposal with the
// proposal's support, drawn uniformly in [0, 1). The proposal is decided when the
// votes cast reach quorum x entitled (and at least one vote), and passes on a
// majority of them. A decision is reviewed, with chance jury, by jury_size members
// drawn uniformly from those affected, who vote by the same support; a review whose
// majority differs from the decision counts as reversed.
func (c *Councils) decide() error {
	cfg := &c.cfg.Decisions
	pr := cfg.Rate / 12
	if pr <= 0 {
		return nil
	}
	n := &c.n
	for l := range numLevels {
		for k := range n.councils(l) {
			if c.rng.Float64() >= pr {
				continue
			}
			if err := c.vote(l, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// yes marks a vote for the proposal in the voters list.
const yes = int32(-1 << 31)

// vote puts a proposal of council k of level l to the vote.
func (c *Councils) vote(l, k int) error {
	cfg, n, h, t := &c.cfg.Decisions, &c.n, c.h, &c.tok
	ms := n.members(l, k)
	if len(ms) == 0 {
		return nil
	}
	c.dec.proposals++
	if c.onVote != nil {
		c.onVote(l, k, -1) // a proposal starts
	}
	support := c.rng.Float64()
	c.voters = c.voters[:0]
	eligible := 0
	ballot := func(i int32) {
		if !h.MemberActive(int(i)) {
			return
		}
		eligible++
		if c.rng.Float64() >= t.turnout(i) {
			return
		}
		if c.onVote != nil {
			c.onVote(l, k, i)
		}
		if c.rng.Float64() < support {
			i |= yes
		}
		c.voters = append(c.voters, i)
	}
	if cfg.Mode == "delegates" && !lowest(l) {
		for ch := n.child[l][k]; ch < n.child[l][k+1]; ch++ {
			if d := n.delegate[l-1][ch]; d >= 0 {
				ballot(d)
			}
		}
	} else {
		for _, i := range ms {
			ballot(i)
		}
	}
	cast := len(c.voters)
	c.dec.eligible[l] += int64(eligible)
	c.dec.cast[l] += int64(cast)
	for _, v := range c.voters {
		if err := t.grant(v&^yes, t.participation); err != nil {
			return err
		}
	}
	if cast == 0 || float64(cast) < cfg.Quorum*float64(eligible) {
		c.dec.noQuorum++
		return nil
	}
	c.dec.decided++
	ayes := 0
	for _, v := range c.voters {
		if v&yes != 0 {
			ayes++
		}
	}
	passed := 2*ayes > cast
	if passed {
		c.dec.passed++
		if err := t.grant(ms[c.rng.IntN(len(ms))], t.quality); err != nil {
			return err
		}
		if float64(ayes) >= c.cfg.Tokens.ConsensusShare*float64(cast) {
			for _, v := range c.voters {
				if v&yes != 0 {
					if err := t.grant(v&^yes, t.consensus); err != nil {
						return err
					}
				}
			}
		}
	}
	if cfg.Jury > 0 && c.rng.Float64() < cfg.Jury {
		c.dec.reviewed++
		jy := 0
		for range cfg.JurySize {
			j := ms[c.rng.IntN(len(ms))]
			if c.rng.Float64() < support {
				jy++
			}
			if err := t.grant(j, t.sample); err != nil {
				return err
			}
		}
		if (2*jy > cfg.JurySize) != passed {
			c.dec.reversed++
		}
	}
	return nil
}

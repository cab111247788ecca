package dao

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// Meetings and missions. Each co-op meets every meet_every_months (co-ops staggered by
// number). On the agenda: a dividend (a budget split: pay a share of the co-op's
// balance to its owners by stake, or keep it) and, for each kind of mission, with its
// rate, a mission. A passed mission opens: its prize is pledged by owners and/or the
// co-op's treasury into the escrow account; teams of owners form and work. At the
// deadline a mission fails (every pledge refunded, exactly), is late (once: it gets
// late_months more), or is won: the winner (by the owners' vote, a panel of judges or
// the measured output) takes the prize, split among its members by contribution, and
// they receive the mission's achievement tokens (a ledger asset of its own) by
// contribution. While the mission's output sells, the co-op pays a royalty each month
// to the tokens' holders, pro rata.

type missionState uint8

const (
	stateOpen missionState = iota
	stateWon
	stateFailed
)

type mission struct {
	kind     int32
	coop     int32
	state    missionState
	late     bool
	deadline int   // month of the deadline
	pledge0  int32 // its pledges: pledges[pledge0:pledge1]
	pledge1  int32
	team0    int32 // its teams' members: team[team0:team1], team by team
	team1    int32
	prize    ledger.Amount // escrowed
	asset    ledger.AssetID
	holders  []ledger.AccountID // every account that may hold its tokens
	sellLeft int                // months its output still sells
	lastRoy  ledger.Amount      // last month's royalty
}

type pledge struct {
	from   ledger.AccountID
	amount ledger.Amount
}

type teamSlot struct {
	member  int32
	contrib int64 // units of work, 1..10
	quality float64
}

// meetings holds this month's meetings.
func (d *DAO) meetings(t sim.Tick) error {
	if d.graphErr != nil {
		return d.graphErr
	}
	d.rebuildOwners()
	d.seed(t.Month, partMeetings)
	every := d.cfg.MeetEvery
	for c := range d.h.Coops() {
		if (t.Month+c)%every != 0 || !d.h.CoopAlive(c) || d.start[c+1] == d.start[c] {
			continue
		}
		if err := d.meet(c); err != nil {
			return err
		}
	}
	return d.graphErr
}

// meet holds co-op c's meeting.
func (d *DAO) meet(c int) error {
	acct := d.h.CoopAccount(c)
	if s := d.cfg.Dividend.Share; s > 0 {
		amount := ledger.Scale(d.l.Balance(acct), s)
		good := d.rng.Float64() < d.cfg.Dividend.Good
		pass, err := d.decide(ballot{coop: c, options: 2, cost: amount, better: yesIf(good)}, good)
		if err != nil {
			return err
		}
		if pass && amount > 0 {
			if err := d.payDividend(c, acct, amount); err != nil {
				return err
			}
		}
	}
	if pr := d.cfg.Prices; pr.Rate > 0 && pr.Step > 0 && d.rng.Float64() < pr.Rate {
		// up when sold out, down when not: the better option is to move as proposed,
		// with a chance of being wrong (the signal is last tick's alone)
		up := d.h.CoopSoldOut(c)
		good := d.rng.Float64() < 0.8
		pass, err := d.decide(ballot{coop: c, options: 2, better: yesIf(good)}, good)
		if err != nil {
			return err
		}
		if pass {
			f := 1 - pr.Step
			if up {
				f = 1 + pr.Step
			}
			d.h.SetCoopPrice(c, ledger.Scale(d.h.CoopPrice(c), f))
			d.tick.priceChanges++
		}
	}
	for k := range d.cfg.Missions {
		m := &d.cfg.Missions[k]
		if d.rng.Float64() >= m.Rate {
			continue
		}
		good := d.rng.Float64() < m.Good
		cost := d.treasuryPledge(m, acct) + ledger.Tokens(m.Prize.Pledge)*ledger.Amount(m.Prize.Pledgers)
		pass, err := d.decide(ballot{coop: c, options: 2, cost: cost, better: yesIf(good)}, good)
		if err != nil {
			return err
		}
		if pass {
			if err := d.openMission(k, c); err != nil {
				return err
			}
		}
	}
	return nil
}

func yesIf(b bool) governance.Choice {
	if b {
		return governance.Yes
	}
	return governance.No
}

// decide votes on a proposal and counts whether it passed and whether the outcome
// (and direct voting's) was the better option.
func (d *DAO) decide(b ballot, good bool) (bool, error) {
	out, err := d.vote(b)
	if err != nil {
		return false, err
	}
	pass := out.quorum && out.choice == governance.Yes
	if pass {
		d.tick.passed++
	}
	if pass == good {
		d.tick.correct++
	}
	if (out.direct == governance.Yes) == good {
		d.tick.directCorrect++
	}
	return pass, nil
}

// treasuryPledge is what the co-op pledges to a mission of kind m.
func (d *DAO) treasuryPledge(m *Mission, acct ledger.AccountID) ledger.Amount {
	if m.Prize.Rule == "pledges" {
		return 0
	}
	return ledger.Scale(d.l.Balance(acct), m.Prize.Treasury)
}

// payDividend pays amount from the co-op to its owners by stake.
func (d *DAO) payDividend(c int, acct ledger.AccountID, amount ledger.Amount) error {
	voters, stakes := d.owners(c)
	d.weights = append(d.weights[:0], stakes...)
	d.parts = grow(d.parts, len(voters))
	if err := d.split.Split(amount, d.weights, d.parts); err != nil {
		return err
	}
	for j, i := range voters {
		if d.parts[j] == 0 {
			continue
		}
		if err := d.l.Transfer(acct, d.h.MemberAccount(int(i)), d.parts[j], ledger.TxBonus, int64(c)); err != nil {
			return fmt.Errorf("dao: dividend of co-op %d: %w", c, err)
		}
		d.tick.dividends += d.parts[j]
	}
	return nil
}

// openMission opens a mission of kind k for co-op c: pledges into escrow, teams.
func (d *DAO) openMission(k, c int) error {
	m := &d.cfg.Missions[k]
	voters, _ := d.owners(c)
	ms := mission{kind: int32(k), coop: int32(c), deadline: d.month() + m.Months,
		pledge0: int32(len(d.pledges)), team0: int32(len(d.team))}
	acct := d.h.CoopAccount(c)
	if a := d.treasuryPledge(m, acct); a > 0 {
		if err := d.escrowPledge(&ms, acct, a); err != nil {
			return err
		}
	}
	if m.Prize.Rule != "treasury" {
		each := ledger.Tokens(m.Prize.Pledge)
		for range m.Prize.Pledgers {
			from := d.h.MemberAccount(int(voters[d.rng.IntN(len(voters))]))
			if d.l.Balance(from) < each {
				continue // cannot afford it: no pledge
			}
			if err := d.escrowPledge(&ms, from, each); err != nil {
				return err
			}
		}
	}
	ms.pledge1 = int32(len(d.pledges))
	if ms.prize == 0 {
		d.tick.unfunded++
		return nil
	}
	for range m.Teams {
		q := d.rng.Float64()
		for range m.TeamSize {
			d.team = append(d.team, teamSlot{member: voters[d.rng.IntN(len(voters))], contrib: 1 + d.rng.Int64N(10), quality: q})
		}
	}
	ms.team1 = int32(len(d.team))
	d.missions = append(d.missions, ms)
	d.tick.opened++
	return nil
}

// escrowPledge moves a pledge into escrow and records it.
func (d *DAO) escrowPledge(ms *mission, from ledger.AccountID, a ledger.Amount) error {
	if err := d.l.Transfer(from, d.escrow, a, ledger.TxGift, int64(len(d.missions))); err != nil {
		return fmt.Errorf("dao: pledge: %w", err)
	}
	d.pledges = append(d.pledges, pledge{from: from, amount: a})
	ms.prize += a
	d.tick.pledged += a
	return nil
}

// openMissions counts the missions before their deadline.
func (d *DAO) openMissions() int64 {
	var n int64
	for i := range d.missions {
		if d.missions[i].state == stateOpen {
			n++
		}
	}
	return n
}

// settleMissions settles the missions whose deadline has come and pays the royalties
// of those whose output sells.
func (d *DAO) settleMissions(t sim.Tick) error {
	d.seed(t.Month, partMissions)
	for i := range d.missions {
		ms := &d.missions[i]
		switch {
		case ms.state == stateOpen && t.Month >= ms.deadline:
			if err := d.settle(i, ms); err != nil {
				return err
			}
		case ms.state == stateWon && ms.sellLeft > 0:
			if err := d.payRoyalty(ms); err != nil {
				return err
			}
		}
	}
	return nil
}

// settle decides a mission at its deadline.
func (d *DAO) settle(id int, ms *mission) error {
	m := &d.cfg.Missions[ms.kind]
	u := d.rng.Float64()
	switch {
	case u < m.Fail:
		return d.refund(ms)
	case !ms.late && u < m.Fail+m.Late:
		ms.late = true
		ms.deadline += m.LateMonths
		d.tick.late++
		return nil
	}
	w, err := d.winner(ms, m)
	if err != nil {
		return err
	}
	return d.award(id, ms, m, w)
}

// refund returns every pledge of a failed mission to its pledger; a pledger that has
// left (who can no longer be paid) has its pledge go to the Foundation.
func (d *DAO) refund(ms *mission) error {
	for _, p := range d.pledges[ms.pledge0:ms.pledge1] {
		to := p.from
		if !d.l.Registered(to) {
			to = d.h.Foundation()
		}
		if err := d.l.Transfer(d.escrow, to, p.amount, ledger.TxCompensation, 0); err != nil {
			return fmt.Errorf("dao: refund: %w", err)
		}
		d.tick.refunded += p.amount
	}
	ms.prize = 0
	ms.state = stateFailed
	d.tick.failed++
	return nil
}

// teams returns the mission's team slots, team by team.
func (d *DAO) teams(ms *mission) []teamSlot { return d.team[ms.team0:ms.team1] }

// output is team k's measured output: its work times its quality.
func (d *DAO) output(ms *mission, m *Mission, k int) float64 {
	s := d.teams(ms)[k*m.TeamSize : (k+1)*m.TeamSize]
	var work int64
	for _, t := range s {
		work += t.contrib
	}
	return float64(work) * s[0].quality
}

// bestTeam is the team with the highest measured output (ties: the lowest).
func (d *DAO) bestTeam(ms *mission, m *Mission) int {
	best, top := 0, -1.0
	for k := range m.Teams {
		if o := d.output(ms, m, k); o > top {
			best, top = k, o
		}
	}
	return best
}

// winner chooses the winning team by the mission's rule.
func (d *DAO) winner(ms *mission, m *Mission) (int, error) {
	best := d.bestTeam(ms, m)
	if m.Teams == 1 {
		return 0, nil
	}
	switch m.Winner {
	case "vote":
		// The owners vote among the teams; each recognises the best with its
		// competence. No decision (a tie, nothing cast): the measured output decides.
		c := int(ms.coop)
		if !d.h.CoopAlive(c) || d.start[c+1] == d.start[c] {
			return best, nil
		}
		out, err := d.vote(ballot{coop: c, level: levelWinner, options: m.Teams, better: governance.Choice(best)})
		if err != nil {
			return 0, err
		}
		if out.choice >= 0 {
			return int(out.choice), nil
		}
		return best, nil
	case "judges":
		if d.known == 0 {
			return best, nil
		}
		// A panel of owners (or members at large, for a co-op with none): each picks
		// the best team with its competence; plurality, ties to the lowest team.
		var tally [16]int
		c := int(ms.coop)
		voters, _ := d.owners(c)
		for range m.Judges {
			var j int
			if len(voters) > 0 {
				j = int(voters[d.rng.IntN(len(voters))])
			} else {
				j = d.rng.IntN(d.known)
			}
			tally[d.choose(j, ballot{options: m.Teams, better: governance.Choice(best)})]++
		}
		w := 0
		for k := 1; k < m.Teams; k++ {
			if tally[k] > tally[w] {
				w = k
			}
		}
		return w, nil
	}
	return best, nil
}

// award pays the prize to the winning team by contribution and issues the mission's
// achievement tokens to them, also by contribution. Team members who have left are
// passed over; with none left the prize goes to the Foundation.
func (d *DAO) award(id int, ms *mission, m *Mission, w int) error {
	slots := d.teams(ms)[w*m.TeamSize : (w+1)*m.TeamSize]
	d.weights = d.weights[:0]
	for _, s := range slots {
		c := s.contrib
		if !d.l.Registered(d.h.MemberAccount(int(s.member))) {
			c = 0
		}
		d.weights = append(d.weights, c)
	}
	ms.state = stateWon
	d.tick.won++
	if !anyPositive(d.weights) {
		if err := d.l.Transfer(d.escrow, d.h.Foundation(), ms.prize, ledger.TxCompensation, int64(id)); err != nil {
			return fmt.Errorf("dao: mission %d: %w", id, err)
		}
		d.tick.paid += ms.prize
		ms.prize = 0
		return nil
	}
	d.parts = grow(d.parts, len(slots))
	if err := d.split.Split(ms.prize, d.weights, d.parts); err != nil {
		return err
	}
	for j, s := range slots {
		if d.parts[j] == 0 {
			continue
		}
		if err := d.l.Transfer(d.escrow, d.h.MemberAccount(int(s.member)), d.parts[j], ledger.TxBonus, int64(id)); err != nil {
			return fmt.Errorf("dao: prize of mission %d: %w", id, err)
		}
		d.tick.paid += d.parts[j]
	}
	ms.prize = 0
	// Achievement tokens: the mission's own asset, by contribution.
	ms.asset = d.l.NewAsset(fmt.Sprintf("achievement/%s/%d", m.Name, id))
	if err := d.split.Split(ledger.Amount(m.Shares), d.weights, d.parts); err != nil {
		return err
	}
	for j, s := range slots {
		if d.parts[j] == 0 {
			continue
		}
		a := d.h.MemberAccount(int(s.member))
		if err := d.l.IssueAsset(ms.asset, a, d.parts[j], ledger.TxBonus, int64(id)); err != nil {
			return fmt.Errorf("dao: achievement tokens of mission %d: %w", id, err)
		}
		ms.holders = addHolder(ms.holders, a)
		d.tick.issued += int64(d.parts[j])
	}
	ms.sellLeft = m.SellMonths
	return nil
}

func anyPositive(w []int64) bool {
	for _, x := range w {
		if x > 0 {
			return true
		}
	}
	return false
}

// addHolder adds a to the holder list once.
func addHolder(hs []ledger.AccountID, a ledger.AccountID) []ledger.AccountID {
	for _, h := range hs {
		if h == a {
			return hs
		}
	}
	return append(hs, a)
}

// payRoyalty pays this month's royalty of a won mission: the royalty share of its
// co-op's sales in the month that closed (as far as its balance allows), to the
// holders of its tokens pro rata (holders who have left are passed over).
func (d *DAO) payRoyalty(ms *mission) error {
	ms.sellLeft--
	c := int(ms.coop)
	m := &d.cfg.Missions[ms.kind]
	ms.lastRoy = 0
	if !d.h.CoopAlive(c) || m.Royalty == 0 {
		return nil
	}
	acct := d.h.CoopAccount(c)
	r := min(ledger.Scale(d.h.CoopMonthSales(c), m.Royalty), d.l.Balance(acct))
	if r <= 0 {
		return nil
	}
	d.weights = d.weights[:0]
	for _, h := range ms.holders {
		var b ledger.Amount
		if d.l.Registered(h) {
			b = d.l.BalanceOf(ms.asset, h)
		}
		d.weights = append(d.weights, b)
	}
	if !anyPositive(d.weights) {
		return nil
	}
	d.parts = grow(d.parts, len(ms.holders))
	if err := d.split.Split(r, d.weights, d.parts); err != nil {
		return err
	}
	for j, h := range ms.holders {
		if d.parts[j] == 0 {
			continue
		}
		if err := d.l.Transfer(acct, h, d.parts[j], ledger.TxBonus, int64(c)); err != nil {
			return fmt.Errorf("dao: royalty: %w", err)
		}
		d.tick.royalties += d.parts[j]
	}
	ms.lastRoy = r
	return nil
}

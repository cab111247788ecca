package coprosperity

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// project is a team's pooled venture with its own token (seed 000): the team keeps up
// to half, a share goes to the DAO fund, and the rest must be airdropped to the
// community over AirdropMonths. A team that stops giving stops receiving: its project
// gets no more IOU airdrops and its members no more of other projects' tokens. A
// project that has airdropped everything passes to the community.
//
// Its token's books, micro-tokens: supply = team + dao + undistributed + airdropped,
// to the unit; what was airdropped is the community's claim on the project-token pool.
type project struct {
	lo, hi                                       int32 // its team in Subsystem.team
	start                                        int
	supply, team, dao, undistributed, airdropped ledger.Amount
	perMonth                                     ledger.Amount
	monthsLeft                                   int
	receiving, stopped, passed                   bool
	claim                                        ledger.Amount // claim on the pool of members' IOUs, micro-hours
	cclaim                                       ledger.Amount // claim on the pool of co-ops' IOUs, value units
	units                                        ledger.Amount // DAO fund units
	granted                                      ledger.Amount // its tokens the DAO fund granted to newer projects
	gotHours                                     ledger.Amount // IOU units the fund granted it (in claim)
	checkSum                                     ledger.Amount // scratch for checkProjects
}

// ptHolding is a project's holding of another project's tokens, granted by the DAO
// fund: the sum over holdings of an asset is that project's granted, to the unit.
type ptHolding struct {
	holder, asset int32 // project numbers
	amt           ledger.Amount
}

// runProjects runs the projects' month: each running project's team may stop giving;
// the others airdrop their month's tokens equally to the eligible participants
// (active, not in a team that stopped), the rounding remainder carried to the next
// month (and on the last month to the DAO fund); then new projects start.
func (s *Subsystem) runProjects() error {
	for p := range s.projects {
		pr := &s.projects[p]
		if !pr.stopped && !pr.passed && s.cfg.StopRate > 0 && s.rng.Float64() < s.cfg.StopRate {
			s.stop(pr)
		}
	}
	eligible := 0
	for i, a := range s.active {
		if a && !s.blocked[i] {
			eligible++
		}
	}
	var share ledger.Amount // per eligible participant, all projects together
	for p := range s.projects {
		pr := &s.projects[p]
		if pr.stopped || pr.passed || eligible == 0 {
			continue
		}
		amt := pr.perMonth
		if pr.monthsLeft <= 1 || amt > pr.undistributed {
			amt = pr.undistributed
		}
		each := amt / ledger.Amount(eligible)
		given := each * ledger.Amount(eligible)
		pr.undistributed -= given
		pr.airdropped += given
		share += each
		s.stats.ptAirdropped += given
		pr.monthsLeft--
		if pr.monthsLeft <= 0 {
			// The remainder of the last month's division (fewer units than recipients).
			pr.dao += pr.undistributed
			pr.undistributed = 0
			pr.passed = true
			s.cum.passed++
		}
	}
	if share > 0 {
		for i, a := range s.active {
			if a && !s.blocked[i] {
				s.ptClaim[i] += share
			}
		}
	}
	k := poisson(s.rng, s.cfg.ProjectsPerYear/12, math.Exp(-s.cfg.ProjectsPerYear/12))
	first := len(s.projects)
	for range k {
		if err := s.startProject(); err != nil {
			return err
		}
	}
	s.fundProjects(first)
	return nil
}

// fundProjects grants the projects started this month (s.projects[first:]) FundGrant
// of the DAO fund's holdings of every asset, shared in proportion to their teams'
// sizes. For each asset the grant is g = FundGrant × holding (rounded, at most the
// holding) and project p's part is floor(g × team_p / teams); what the floors leave
// stays with the fund, so every asset balances to the unit. IOUs granted go from the
// fund's holding into the pool, the project's claim on it rising by as much (the
// project holds hours, or value, of the community's service, not one issuer's);
// project tokens granted move from the fund's holding (dao) to the new project's
// holding of them (granted, and a ptHolding).
func (s *Subsystem) fundProjects(first int) {
	if first >= len(s.projects) || s.cfg.FundGrant <= 0 {
		return
	}
	newp := s.projects[first:]
	var teams ledger.Amount
	for p := range newp {
		teams += ledger.Amount(newp[p].hi - newp[p].lo)
	}
	if teams == 0 {
		return
	}
	// part is floor(g × w / teams) without overflow: g/teams×w + (g%teams)×w/teams,
	// where (g%teams)×w < teams² ≤ (1000 × projects a month)², far inside an int64.
	part := func(g ledger.Amount, w ledger.Amount) ledger.Amount {
		return g/teams*w + (g%teams)*w/teams
	}
	for j := range s.iou {
		b := &s.iou[j]
		g := min(ledger.Scale(b.dao, s.cfg.FundGrant), b.dao)
		if g <= 0 {
			continue
		}
		for p := range newp {
			x := part(g, ledger.Amount(newp[p].hi-newp[p].lo))
			b.dao -= x
			b.pool += x
			if s.isCoop[j] {
				newp[p].cclaim += x // a co-op's IOUs: a claim on the co-ops' pool
				continue
			}
			newp[p].claim += x
			newp[p].gotHours += x
			s.stats.grantHours += x
			s.cum.grantHours += x
		}
	}
	for q := range first {
		src := &s.projects[q]
		g := min(ledger.Scale(src.dao, s.cfg.FundGrant), src.dao)
		if g <= 0 {
			continue
		}
		for p := range newp {
			x := part(g, ledger.Amount(newp[p].hi-newp[p].lo))
			if x <= 0 {
				continue
			}
			src.dao -= x
			src.granted += x
			s.ptHeld = append(s.ptHeld, ptHolding{holder: int32(first + p), asset: int32(q), amt: x})
			s.stats.grantTokens += x
			s.cum.grantTokens += x
		}
	}
}

// stop applies the rule for a team that stops giving.
func (s *Subsystem) stop(pr *project) {
	pr.stopped = true
	pr.receiving = false
	pr.team += pr.undistributed
	pr.undistributed = 0
	for _, m := range s.team[pr.lo:pr.hi] {
		s.blocked[m] = true
	}
	s.cum.stopped++
}

// startProject starts a project with a team of distinct active participants, funded by
// the DAO fund with a stake of DAOGrant of its units (the fund's holdings passed on in
// proportion: every unit holder's share shrinks by the same factor).
func (s *Subsystem) startProject() error {
	supply := ledger.Tokens(s.cfg.ProjectTokens)
	if supply > maxTotal-s.ptIssued {
		return fmt.Errorf("coprosperity: month %d: project tokens issued would pass %d", s.month, maxTotal)
	}
	lo := int32(len(s.team))
	for tries := 0; int(int32(len(s.team))-lo) < s.cfg.TeamSize && tries < 8*s.cfg.TeamSize; tries++ {
		m := s.randomActive(-1)
		if m < 0 {
			continue
		}
		dup := false
		for _, x := range s.team[lo:] {
			dup = dup || x == m
		}
		if !dup {
			s.team = append(s.team, m)
		}
	}
	if int32(len(s.team)) == lo {
		return nil // no active participant to form a team
	}
	s.ptIssued += supply
	team := ledger.Scale(supply, s.cfg.TeamKeep)
	dao := ledger.Scale(supply, s.cfg.DAOShare)
	rest := supply - team - dao
	units := ledger.Scale(s.units0, s.cfg.DAOGrant)
	s.units0 += units
	s.projects = append(s.projects, project{
		lo: lo, hi: int32(len(s.team)), start: s.month,
		supply: supply, team: team, dao: dao, undistributed: rest,
		perMonth: rest / ledger.Amount(s.cfg.AirdropMonths), monthsLeft: s.cfg.AirdropMonths,
		receiving: true, units: units,
	})
	s.cum.started++
	return nil
}

// checkProjects verifies every project token's books and that the community's claims
// on the project-token pool add up to what was airdropped.
func (s *Subsystem) checkProjects() error {
	var air, claims ledger.Amount
	for p := range s.projects {
		pr := &s.projects[p]
		if d := pr.supply - pr.team - pr.dao - pr.undistributed - pr.airdropped - pr.granted; d != 0 {
			return fmt.Errorf("coprosperity: month %d: project %d's tokens are off by %d", s.month, p, d)
		}
		air += pr.airdropped
	}
	for _, c := range s.ptClaim {
		claims += c
	}
	if air != claims {
		return fmt.Errorf("coprosperity: month %d: project-token claims %d != airdropped %d", s.month, claims, air)
	}
	// Granted tokens: what projects hold of each project's tokens is what the fund
	// granted of them.
	for p := range s.projects {
		s.projects[p].checkSum = 0
	}
	for _, g := range s.ptHeld {
		if g.amt <= 0 || g.holder <= g.asset {
			return fmt.Errorf("coprosperity: month %d: project %d holds %d of project %d's tokens", s.month, g.holder, g.amt, g.asset)
		}
		s.projects[g.asset].checkSum += g.amt
	}
	for p := range s.projects {
		if pr := &s.projects[p]; pr.checkSum != pr.granted {
			return fmt.Errorf("coprosperity: month %d: project %d's tokens granted %d, held by projects %d", s.month, p, pr.granted, pr.checkSum)
		}
	}
	return nil
}

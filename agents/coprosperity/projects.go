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
	claim                                        ledger.Amount // IOU pool claim, micro-hours
	units                                        ledger.Amount // DAO fund units
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
	for range k {
		if err := s.startProject(); err != nil {
			return err
		}
	}
	return nil
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
		if d := pr.supply - pr.team - pr.dao - pr.undistributed - pr.airdropped; d != 0 {
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
	return nil
}

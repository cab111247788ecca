package coprosperity

import (
	"fmt"
	"slices"
	"strings"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// monthStats are the month's flows and, after measureMonth, its end-of-month state.
type monthStats struct {
	issued, withdrawn, swapped, redeemed, unfulfilled ledger.Amount
	needed, met                                       ledger.Amount
	gross, cleared, nid, lent                         ledger.Amount
	obligations                                       int64
	ptAirdropped                                      ledger.Amount
	grantHours, grantTokens                           ledger.Amount
	exclusions                                        int64

	// Co-ops' IOUs (value units) and co-ops as consumers of inputs.
	cIssued, cWithdrawn, cRedeemed, cUnfulfilled, cWrittenOff ledger.Amount
	cNeeded, cMet                                             ledger.Amount
	mcNeeded, mcMet                                           ledger.Amount // members' needs of co-ops' services
	cGross, cCleared, cNid                                    ledger.Amount
	cObligations, cExclusions, cParticipants                  int64
	cOutstanding, cHeld                                       ledger.Amount
	cRatingMean                                               float64

	participants                    int64
	outstanding, held, pool, dao    ledger.Amount
	velocity, static12              float64
	ratingMean, ratingP10, gini     float64
	daoTokens                       ledger.Amount
	participantsShare, airdropShare float64
	projectsActive                  int64
}

// vintages keeps how much of the outstanding IOUs has rested since each month, for the
// Sarafu measures (velocity, the share static for 12 months). Movements take from the
// oldest first: the books know amounts per issuer and holder, not per unit, so this is
// the first-in-first-out reading of which units moved.
type vintages struct {
	amt   []ledger.Amount // by month
	head  int
	total ledger.Amount
}

func (v *vintages) add(month int, x ledger.Amount) {
	if x <= 0 {
		return
	}
	month = min(month, len(v.amt)-1)
	v.amt[month] += x
	v.total += x
	v.head = min(v.head, month)
}

func (v *vintages) remove(x ledger.Amount) {
	x = min(x, v.total)
	v.total -= x
	for x > 0 && v.head < len(v.amt) {
		t := min(x, v.amt[v.head])
		v.amt[v.head] -= t
		x -= t
		if v.amt[v.head] == 0 {
			v.head++
		}
	}
}

func (v *vintages) move(x ledger.Amount, month int) {
	v.remove(x)
	v.add(month, x)
}

// restingSince returns what has rested since month m or before.
func (v *vintages) restingSince(m int) ledger.Amount {
	var t ledger.Amount
	for k := v.head; k <= m && k < len(v.amt); k++ {
		t += v.amt[k]
	}
	return t
}

// cols are the subsystem's column handles.
type cols struct {
	issued, outstanding, withdrawn, held, swapped, redeemed, unfulfilled sim.Col
	gross, cleared, clearedShare, nid, lent, obligations                 sim.Col
	velocity, static12, ratingMean, ratingP10, exclusions, participants  sim.Col
	started, active, stopped, passed, airdropShare                       sim.Col
	daoHours, daoTokens, daoShare, gini, access                          sim.Col
	compOwn, compGuarantor, compShort                                    sim.Col
	grantHours, grantTokens                                              sim.Col
	bought, boughtTokens                                                 sim.Col
	chains                                                               []sim.Col // by length, 1..SwapDepth
	coop                                                                 *coopCols
}

// coopCols are the columns of co-ops as participants (registered with coops only).
type coopCols struct {
	participants, issued, outstanding, held, withdrawn, redeemed, unfulfilled sim.Col
	writtenOff, closed, access, ratingMean, exclusions                        sim.Col
	gross, cleared, clearedShare, nid, obligations                            sim.Col
	memberAccess                                                              *sim.Col // with member_coop_needs
}

func (s *Subsystem) registerCoopColumns(r *sim.Registry) *coopCols {
	if !s.cfg.Coops {
		return nil
	}
	v := func(name, doc string) sim.Col {
		return r.Amount(name, doc+" (value units: tokens' worth of the issuing co-op's service)")
	}
	c := &coopCols{
		participants: r.Count("coop_participants", "active co-op participants"),
		issued:       v("coop_iou_issued", "co-ops' IOUs pledged this month"),
		outstanding:  v("coop_iou_outstanding", "co-ops' IOUs outstanding: in the pool, with the DAO fund and held"),
		held:         v("coop_iou_held", "co-ops' IOUs withdrawn (or airdropped per issuer) and held, after clearing"),
		withdrawn:    v("coop_iou_withdrawn", "co-ops' IOUs withdrawn from the pool this month"),
		redeemed:     v("coop_iou_redeemed", "co-ops' IOUs redeemed and fulfilled this month"),
		unfulfilled:  v("coop_iou_unfulfilled", "co-ops' IOUs presented for redemption and not fulfilled this month"),
		writtenOff:   v("coop_iou_written_off", "co-ops' IOUs written off when their issuers closed (cumulative)"),
		closed:       r.Count("coop_participants_closed", "co-op participants that closed with their IOUs written off (cumulative)"),
		access:       r.Ratio("coop_access", "share of co-ops' input needs (value) this month met by fulfilled redemptions of their suppliers' IOUs"),
		ratingMean:   r.Ratio("coop_rating_mean", "mean public rating of active co-ops' tokens"),
		exclusions:   r.Count("coop_exclusions", "co-ops excluded by their consumers' vote (cumulative)"),
		obligations:  r.Count("coop_clearing_obligations", "obligations in co-ops' IOUs in this month's clearing (a network of their own)"),
		gross:        v("coop_clearing_gross", "gross obligations in co-ops' IOUs before this month's clearing"),
		cleared:      v("coop_clearing_cleared", "gross obligations in co-ops' IOUs removed by this month's clearing"),
		clearedShare: r.Ratio("coop_clearing_cleared_share", "share of the gross obligations in co-ops' IOUs removed by this month's clearing"),
		nid:          v("coop_net_internal_debt", "net internal debt of the held co-ops' IOUs"),
	}
	if s.cfg.MemberCoopNeeds > 0 {
		col := r.Ratio("member_coop_access", "share of members' needs of co-ops' services (value) this month met by fulfilled redemptions of co-ops' IOUs")
		c.memberAccess = &col
	}
	return c
}

func (c *coopCols) measure(m *sim.Metrics, s *Subsystem) {
	st := &s.stats
	if m.Tick == s.tick {
		m.Set(c.issued, st.cIssued)
		m.Set(c.withdrawn, st.cWithdrawn)
		m.Set(c.redeemed, st.cRedeemed)
		m.Set(c.unfulfilled, st.cUnfulfilled)
		m.Set(c.cleared, st.cCleared)
	}
	m.Set(c.participants, st.cParticipants)
	m.Set(c.outstanding, st.cOutstanding)
	m.Set(c.held, st.cHeld)
	m.Set(c.writtenOff, s.cum.cWrittenOff)
	m.Set(c.closed, s.cum.cClosed)
	m.SetFloat(c.access, ratio(st.cMet, st.cNeeded))
	m.SetFloat(c.ratingMean, st.cRatingMean)
	m.Set(c.exclusions, s.cum.cExclusions)
	m.Set(c.obligations, st.cObligations)
	m.Set(c.gross, st.cGross)
	m.SetFloat(c.clearedShare, ratio(st.cCleared, st.cGross))
	m.Set(c.nid, st.cNid)
	if c.memberAccess != nil {
		m.SetFloat(*c.memberAccess, ratio(st.mcMet, st.mcNeeded))
	}
}

func (s *Subsystem) registerColumns(r *sim.Registry) {
	unit := s.cfg.unitWord()
	amount := func(name, doc string) sim.Col { return r.Amount(name, strings.ReplaceAll(doc, "IOU hours", unit)) }
	c := cols{
		issued:        amount("iou_issued", "IOU hours pledged this month"),
		outstanding:   amount("iou_outstanding", "IOU hours outstanding: in the pool, with the DAO fund and held (issued less redeemed, made good and cleared)"),
		withdrawn:     amount("iou_withdrawn", "IOU hours withdrawn from the pool this month"),
		held:          amount("iou_held", "IOU hours withdrawn and held as property (the obligations clearing works on), after clearing"),
		swapped:       amount("iou_swapped", "IOU hours obtained by swapping a claim on the pool with a holder this month"),
		redeemed:      amount("iou_redeemed", "IOU hours redeemed and fulfilled this month"),
		unfulfilled:   amount("iou_unfulfilled", "IOU hours presented for redemption and not fulfilled this month"),
		obligations:   r.Count("clearing_obligations", "obligations (holder, issuer pairs of held IOUs) in this month's clearing"),
		gross:         amount("clearing_gross", "gross obligations (held IOU hours) before this month's clearing"),
		cleared:       amount("clearing_cleared", "gross obligations removed by this month's clearing (the fund's new ones netted)"),
		clearedShare:  r.Ratio("clearing_cleared_share", "share of the gross obligations removed by this month's clearing"),
		nid:           amount("net_internal_debt", "net internal debt of the held IOUs: the sum of the positive net positions (Fleischman, Dini & Littera 2020)"),
		lent:          amount("clearing_lent", "IOU hours the DAO fund lent as liquidity this month"),
		velocity:      r.Ratio("iou_velocity", "IOU hours moved (withdrawn, swapped, redeemed, cleared) this month over those outstanding; its inverse is the holding period in months"),
		static12:      r.Ratio("iou_static12", "share of outstanding IOU hours that have not moved for 12 months (oldest-first reading)"),
		ratingMean:    r.Ratio("rating_mean", "mean public rating of active members' tokens"),
		ratingP10:     r.Ratio("rating_p10", "10th percentile of the members' ratings"),
		exclusions:    r.Count("exclusions", "participants excluded by their consumers' vote (cumulative)"),
		participants:  r.Count("cp_participants", "active member participants"),
		started:       r.Count("projects_started", "projects started (cumulative)"),
		active:        r.Count("projects_active", "projects airdropping"),
		stopped:       r.Count("projects_stopped", "projects whose teams stopped giving (cumulative)"),
		passed:        r.Count("projects_passed", "projects passed to the community (cumulative)"),
		airdropShare:  r.Ratio("projects_airdropped_share", "share of the tokens projects must give that they have airdropped"),
		daoHours:      amount("dao_fund_hours", "IOU hours the DAO fund holds (the endowment)"),
		daoTokens:     amount("dao_fund_project_tokens", "project tokens the DAO fund holds"),
		daoShare:      r.Ratio("dao_participants_share", "participants' share of the DAO fund's units (the rest is projects' stakes)"),
		gini:          r.Ratio("iou_claims_gini", "Gini of active members' claims on members' IOUs (on the pool and held)"),
		access:        r.Ratio("access", "share of the members' service needs this month met by fulfilled redemptions"),
		compOwn:       amount("compensation_own", "tokens paid by issuers for their unfulfilled redemptions (cumulative)"),
		compGuarantor: amount("compensation_guarantor", "tokens paid by guarantors for invited newcomers' unfulfilled redemptions (cumulative)"),
		compShort:     amount("compensation_short", "tokens due for unfulfilled redemptions that neither issuer nor guarantor could pay (cumulative)"),
		bought:        amount("iou_bought", "IOU hours bought from holders for exchange tokens (cumulative)"),
		boughtTokens:  r.Amount("iou_bought_tokens", "exchange tokens paid for IOUs bought from holders (cumulative)"),
		grantHours:    amount("dao_grants_iou", "IOUs the DAO fund granted to the projects started this month (their claims on the pool)"),
		grantTokens:   amount("dao_grants_project_tokens", "older projects' tokens the DAO fund granted to the projects started this month"),
	}
	c.coop = s.registerCoopColumns(r)
	for l := 1; l <= s.cfg.SwapDepth; l++ {
		c.chains = append(c.chains, r.Count(fmt.Sprintf("swap_chains_%d", l),
			fmt.Sprintf("swap chains of %d swaps (IOU for IOU) this month", l)))
	}
	r.Measure(func(m *sim.Metrics) {
		st := &s.stats
		// The month's flows are written on the tick it ran (the month's first); on a
		// weekly clock its other ticks write 0, so that a column sums to the run's total.
		// States and ratios are written on every tick.
		if m.Tick == s.tick {
			m.Set(c.issued, st.issued)
			m.Set(c.withdrawn, st.withdrawn)
			m.Set(c.swapped, st.swapped)
			m.Set(c.redeemed, st.redeemed)
			m.Set(c.unfulfilled, st.unfulfilled)
			m.Set(c.cleared, st.cleared)
			m.Set(c.lent, st.lent)
			m.Set(c.grantHours, st.grantHours)
			m.Set(c.grantTokens, st.grantTokens)
			for l, col := range c.chains {
				m.Set(col, s.chain.count[l+1])
			}
		}
		m.Set(c.outstanding, st.outstanding)
		m.Set(c.held, st.held)
		m.Set(c.obligations, st.obligations)
		m.Set(c.gross, st.gross)
		m.SetFloat(c.clearedShare, ratio(st.cleared, st.gross))
		m.Set(c.nid, st.nid)
		m.SetFloat(c.velocity, st.velocity)
		m.SetFloat(c.static12, st.static12)
		m.SetFloat(c.ratingMean, st.ratingMean)
		m.SetFloat(c.ratingP10, st.ratingP10)
		m.Set(c.exclusions, s.cum.exclusions)
		m.Set(c.participants, st.participants)
		m.Set(c.started, s.cum.started)
		m.Set(c.active, st.projectsActive)
		m.Set(c.stopped, s.cum.stopped)
		m.Set(c.passed, s.cum.passed)
		m.SetFloat(c.airdropShare, st.airdropShare)
		m.Set(c.daoHours, st.dao)
		m.Set(c.daoTokens, st.daoTokens)
		m.SetFloat(c.daoShare, st.participantsShare)
		m.SetFloat(c.gini, st.gini)
		m.SetFloat(c.access, ratio(st.met, st.needed))
		m.Set(c.compOwn, s.cum.compOwn)
		m.Set(c.compGuarantor, s.cum.compGuarantor)
		m.Set(c.compShort, s.cum.compShort)
		m.Set(c.bought, s.cum.bought)
		m.Set(c.boughtTokens, s.cum.boughtTokens)
		if c.coop != nil {
			c.coop.measure(m, s)
		}
	})
}

func ratio(a, b ledger.Amount) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// measureMonth computes the end-of-month state for the columns.
func (s *Subsystem) measureMonth() {
	st := &s.stats
	for j := range s.iou {
		b := &s.iou[j]
		if s.isCoop[j] {
			st.cOutstanding += b.pool + b.dao + b.out
			st.cHeld += b.out
			continue
		}
		st.pool += b.pool
		st.dao += b.dao
		st.held += b.out
	}
	st.held += s.fundIOU.out
	st.outstanding = st.pool + st.dao + st.held
	moved := st.withdrawn + st.swapped + st.redeemed + st.cleared
	st.velocity = ratio(moved, st.outstanding)
	st.static12 = ratio(s.vintage.restingSince(s.month-12), s.vintage.total)

	s.sortAmt = s.sortAmt[:0]
	s.sortRating = s.sortRating[:0]
	var sum, csum float64
	for i, a := range s.active {
		if !a {
			continue
		}
		if s.isCoop[i] {
			st.cParticipants++
			csum += s.rating[i]
			continue
		}
		s.sortAmt = append(s.sortAmt, s.claim[i]+s.heldIn[i])
		s.sortRating = append(s.sortRating, s.rating[i])
		sum += s.rating[i]
	}
	if st.cParticipants > 0 {
		st.cRatingMean = csum / float64(st.cParticipants)
	}
	st.participants = int64(len(s.sortAmt))
	if n := len(s.sortAmt); n > 0 {
		slices.Sort(s.sortAmt)
		slices.Sort(s.sortRating)
		st.gini = sim.Gini(s.sortAmt)
		st.ratingMean = sum / float64(n)
		st.ratingP10 = s.sortRating[int(0.1*float64(n-1)+0.5)]
	}
	var owed, given ledger.Amount
	for p := range s.projects {
		pr := &s.projects[p]
		st.daoTokens += pr.dao
		owed += pr.supply - pr.team - pr.dao - pr.granted
		if pr.stopped {
			owed += pr.team - ledger.Scale(pr.supply, s.cfg.TeamKeep) // what it kept back
		}
		given += pr.airdropped
		if !pr.stopped && !pr.passed {
			st.projectsActive++
		}
	}
	st.airdropShare = ratio(given, owed)
	var all ledger.Amount
	for _, u := range s.units {
		all += u
	}
	if s.units0 > 0 {
		st.participantsShare = float64(all) / float64(s.units0)
	}
}

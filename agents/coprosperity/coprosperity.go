package coprosperity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// fund is the DAO fund's number as a holder and an issuer in the held table and in
// the IOU books (participants are members' numbers, far below it).
const fund int32 = math.MaxInt32

// maxTotal bounds every cumulative amount the books keep: pledges stop with an error
// before the cumulative IOU issue, or project tokens' supply, would pass it, so that
// every sum of holdings (each at most the total issued) fits an int64 with room to
// spare.
const maxTotal = ledger.MaxSupply / 4

// Subsystem is the Co-prosperity subsystem over an economy: every member, and with
// coops every co-op, is a participant who issues IOUs of its own service.
type Subsystem struct {
	cfg Config
	h   sim.Host

	src rand.PCG
	rng *rand.Rand

	// Participants are numbered densely in the order they join (members first, then
	// co-ops, each in number order, every month): without co-ops a participant's
	// number is its member number.
	ref       []int32 // its member or co-op number
	isCoop    []bool
	pOfMember []int32 // member -> participant (-1: not yet)
	pOfCoop   []int32 // co-op -> participant (-1: not yet)
	coopList  []int32 // the co-op participants
	bySector  [][]int32
	scale     []ledger.Amount // workers this month (a co-op's pledge and capacity scale with them); 1 for a member
	closed    []bool          // a co-op that closed (its IOUs written off)
	closing   []int32         // co-ops closed this month
	cclaim    []ledger.Amount // claim on the pool of co-ops' IOUs (value units)
	cheld     []ledger.Amount // held IOUs of co-ops
	rcpt      []int32         // airdrop per_issuer: each issuer's AirdropTo recipients (-1: none)
	nrcpt     []uint8
	woKeys    []slot // scratch for writeOff

	// Per participant.
	joined    []int32 // month the participant joined
	active    []bool  // pledging and receiving
	excluded  []bool
	blocked   []bool  // in the team of a project that stopped giving: no project-token airdrops
	guarantor []int32 // -1: none (a founder)
	rel       []float64
	rating    []float64
	used      []ledger.Amount // capacity used this month
	claim     []ledger.Amount // claim on the pool of members' IOUs, micro-hours (the scenario's unit)
	ptClaim   []ledger.Amount // claim on the project-token pool, micro-tokens
	heldIn    []ledger.Amount // held IOUs of other members (the fund's included)
	units     []ledger.Amount // DAO fund units
	community []int32         // its community (Neighbourhood)
	circle    []int32         // Circle providers per participant
	ncircle   []uint8
	voters    []int32 // last MinVoters dissatisfied consumers per issuer (-1: none)
	vpos      []uint8
	recent    []int32 // recent holders of each issuer's withdrawn IOUs, 4 per issuer

	// Per issuer (participant): the IOU asset's books, micro-hours.
	iou []asset
	val []ledger.Amount // IOU units an hour of each issuer's service (unit: hour, ledger.Unit; value, micro-tokens)
	// meanVal is the mean hour's value over the sectors (value), or ledger.Unit (hour):
	// the unit of liquidity_hours, and of an unemployed member's hour.
	meanVal ledger.Amount

	fundIOU asset // the DAO fund's own IOUs (lent liquidity it owes)

	members  [][]int32 // the participants of each community
	hd       *held
	projects []project
	ptHeld   []ptHolding // projects' holdings of older projects' tokens (DAO fund grants)
	team     []int32     // team members of every project, each project's a range

	units0     ledger.Amount // total DAO fund units
	issuedAll  ledger.Amount // cumulative IOUs issued, all issuers
	ptIssued   ledger.Amount // cumulative project tokens issued
	vintage    vintages      // members' and the fund's IOUs (co-ops' are in another unit)
	stats      monthStats
	cum        cumulative
	month      int
	tick       int // the tick the month ran in
	clearer    clearer
	coopNet    coopNet
	chain      chainScratch
	obligDir   string
	names      []string
	sortAmt    []ledger.Amount
	sortRating []float64
}

// asset is one IOU asset's books: issued = pool + dao + out + redeemed + compensated +
// cleared + writtenOff, to the unit, at every moment.
type asset struct {
	issued, pool, dao, out, redeemed, compensated, cleared, writtenOff ledger.Amount
}

func (a *asset) balance() ledger.Amount {
	return a.issued - a.pool - a.dao - a.out - a.redeemed - a.compensated - a.cleared - a.writtenOff
}

// cumulative counts run totals for the columns.
type cumulative struct {
	issued, withdrawn, redeemed, unfulfilled, cleared, swapped, lent ledger.Amount
	compOwn, compGuarantor, compShort                                ledger.Amount
	exclusions, started, passed, stopped                             int64
	chains                                                           int64
	grantHours, grantTokens                                          ledger.Amount
	bought, boughtTokens                                             ledger.Amount
	cExclusions, cClosed                                             int64
	cWrittenOff                                                      ledger.Amount
}

// New builds the subsystem over host h (nil: only to list what it registers).
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Subsystem{cfg: cfg.withDefaults(), h: h}
	if h == nil {
		return s, nil
	}
	s.rng = rand.New(&s.src)
	if err := s.initUnit(); err != nil {
		return nil, err
	}
	n := h.Members()
	if s.cfg.Coops {
		n += h.Coops()
	}
	s.hd = newHeld(2 * n) // it grows (geometrically) with the holdings
	s.closing = make([]int32, 0, 64)
	s.woKeys = make([]slot, 0, 1024)
	months := h.Clock().Month(max(h.Clock().Ticks, 1)) + 1
	s.vintage.amt = make([]ledger.Amount, months+1)
	s.clearer.init(n)
	return s, nil
}

// Register adds the subsystem's phases, columns and parameters.
func (s *Subsystem) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "coprosperity/month", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: s.runMonth})
	s.registerColumns(r)
	r.Param(sim.Param{Name: "coprosperity.withdraw", Doc: "chance a month that a participant withdraws IOUs to hold", Min: 0, Max: 1,
		Get: func() float64 { return s.cfg.Withdraw },
		Set: func(v float64) error {
			if !(v >= 0 && v <= 1) {
				return errors.New("withdraw must be 0 to 1")
			}
			s.cfg.Withdraw = v
			return nil
		}})
}

// grow extends the per-participant arrays to n participants.
func (s *Subsystem) grow(n int) {
	old := len(s.joined)
	if n <= old {
		return
	}
	c, v := s.cfg.Circle, s.cfg.MinVoters
	s.ref = append(s.ref, make([]int32, n-old)...)
	s.isCoop = append(s.isCoop, make([]bool, n-old)...)
	s.scale = append(s.scale, make([]ledger.Amount, n-old)...)
	s.closed = append(s.closed, make([]bool, n-old)...)
	s.cclaim = append(s.cclaim, make([]ledger.Amount, n-old)...)
	s.cheld = append(s.cheld, make([]ledger.Amount, n-old)...)
	s.joined = append(s.joined, make([]int32, n-old)...)
	s.active = append(s.active, make([]bool, n-old)...)
	s.excluded = append(s.excluded, make([]bool, n-old)...)
	s.blocked = append(s.blocked, make([]bool, n-old)...)
	s.guarantor = append(s.guarantor, make([]int32, n-old)...)
	s.rel = append(s.rel, make([]float64, n-old)...)
	s.rating = append(s.rating, make([]float64, n-old)...)
	s.used = append(s.used, make([]ledger.Amount, n-old)...)
	s.claim = append(s.claim, make([]ledger.Amount, n-old)...)
	s.ptClaim = append(s.ptClaim, make([]ledger.Amount, n-old)...)
	s.heldIn = append(s.heldIn, make([]ledger.Amount, n-old)...)
	s.units = append(s.units, make([]ledger.Amount, n-old)...)
	s.community = append(s.community, make([]int32, n-old)...)
	s.circle = append(s.circle, make([]int32, (n-old)*c)...)
	s.ncircle = append(s.ncircle, make([]uint8, n-old)...)
	s.voters = append(s.voters, make([]int32, (n-old)*v)...)
	s.vpos = append(s.vpos, make([]uint8, n-old)...)
	s.recent = append(s.recent, make([]int32, (n-old)*4)...)
	s.iou = append(s.iou, make([]asset, n-old)...)
	s.val = append(s.val, make([]ledger.Amount, n-old)...)
	for i := old * v; i < n*v; i++ {
		s.voters[i] = -1
	}
	for i := old * 4; i < n*4; i++ {
		s.recent[i] = -1
	}
	for i := old; i < n; i++ {
		s.guarantor[i] = -1
	}
	if s.cfg.Airdrop == "per_issuer" {
		k := s.cfg.AirdropTo
		s.rcpt = append(s.rcpt, make([]int32, (n-old)*k)...)
		s.nrcpt = append(s.nrcpt, make([]uint8, n-old)...)
	}
}

// runMonth is the month of the Co-prosperity economy, in a fixed order: participants
// join and leave (closed co-ops' IOUs written off), pledges are airdropped, projects
// start, airdrop and stop, needs are met by redemption (withdrawing and swapping as
// needed), holders withdraw, the dissatisfied vote, and the month's obligations are
// cleared.
func (s *Subsystem) runMonth(t sim.Tick) error {
	s.month, s.tick = t.Month, t.N
	sim.Seed(&s.src, s.h.Seed(), 0, t.Month, sim.PurposeCoprosperity)
	s.stats = monthStats{}
	s.chain.count = [maxSwapDepth + 1]int64{}
	s.join()
	s.writeOff()
	if err := s.pledge(); err != nil {
		return err
	}
	if err := s.runProjects(); err != nil {
		return err
	}
	s.serve()
	s.vote()
	if err := s.clear(); err != nil {
		return err
	}
	if err := s.check(); err != nil {
		return err
	}
	s.measureMonth()
	return nil
}

// join makes new members participants (an invited newcomer with a guarantor drawn
// from the active members) and ends those who left the economy; with coops it does
// the same for the co-ops (founded ones join; closed ones are listed for writeOff),
// and reads each co-op's workers for the month.
func (s *Subsystem) join() {
	first := len(s.joined) == 0
	nm := s.h.Members()
	for len(s.pOfMember) < nm {
		s.pOfMember = append(s.pOfMember, -1)
	}
	for m := range nm {
		p := s.pOfMember[m]
		switch {
		case p < 0 && s.h.MemberActive(m):
			s.admit(int32(m), false, first)
		case p >= 0 && s.active[p] && !s.h.MemberActive(m):
			s.active[p] = false
		}
	}
	if s.cfg.Coops {
		nc := s.h.Coops()
		for len(s.pOfCoop) < nc {
			s.pOfCoop = append(s.pOfCoop, -1)
		}
		for c := range nc {
			p := s.pOfCoop[c]
			alive := s.h.CoopAlive(c)
			switch {
			case p < 0 && alive:
				s.admit(int32(c), true, first)
			case p >= 0 && !alive && !s.closed[p]:
				s.closed[p], s.active[p] = true, false
				s.closing = append(s.closing, p)
			}
		}
		for _, p := range s.coopList {
			if s.active[p] {
				s.scale[p] = ledger.Amount(max(0, s.h.CoopWorkers(int(s.ref[p]))))
			}
		}
	}
	if first {
		for i := range s.active {
			if s.active[i] {
				s.fillCircle(int32(i))
			}
		}
	}
}

// admit makes member (coop false) or co-op number ref a participant; founders are
// those of the first month.
func (s *Subsystem) admit(ref int32, coop, founder bool) {
	i := int32(len(s.joined))
	s.grow(int(i) + 1)
	s.ref[i], s.isCoop[i] = ref, coop
	s.scale[i] = 1
	s.joined[i] = int32(s.month)
	s.active[i] = true
	s.rating[i] = 1
	if coop {
		s.pOfCoop[ref] = i
		s.val[i] = s.coopValue(int(ref))
	} else {
		s.pOfMember[ref] = i
		s.val[i] = s.hourValue(ref)
	}
	s.rel[i] = s.cfg.Reliability
	if s.rng.Float64() < s.cfg.Unreliable {
		s.rel[i] = s.cfg.UnreliableR
	}
	s.units[i] = ledger.Unit // equal shares in the DAO fund
	s.units0 += ledger.Unit
	for len(s.names) <= int(i) {
		s.names = append(s.names, "")
	}
	if coop {
		s.names[i] = "coop" + strconv.Itoa(int(ref))
		s.scale[i] = ledger.Amount(max(0, s.h.CoopWorkers(int(ref))))
		s.placeCoop(i)
	} else {
		s.names[i] = "p" + strconv.Itoa(int(ref))
		if !founder {
			if g := s.randomActive(i); g >= 0 {
				s.guarantor[i] = g
			}
		}
		s.place(i, founder)
	}
	if !founder {
		s.fillCircle(i)
	}
}

// alive reports whether participant p's member or co-op is still in the economy.
func (s *Subsystem) alive(p int32) bool {
	if s.isCoop[p] {
		return s.h.CoopAlive(int(s.ref[p]))
	}
	return s.h.MemberActive(int(s.ref[p]))
}

// account is participant p's token account.
func (s *Subsystem) account(p int32) ledger.AccountID {
	if s.isCoop[p] {
		return s.h.CoopAccount(int(s.ref[p]))
	}
	return s.h.MemberAccount(int(s.ref[p]))
}

// coopIOU reports whether issuer j's IOUs are a co-op's (in value units, with claims
// and books of their own).
func (s *Subsystem) coopIOU(j int32) bool { return j != fund && s.isCoop[j] }

// claimOn is i's claim on the pool that issuer j's IOUs are in.
func (s *Subsystem) claimOn(i, j int32) *ledger.Amount {
	if s.coopIOU(j) {
		return &s.cclaim[i]
	}
	return &s.claim[i]
}

// addHeld adds x (which may be negative) to holder i's holding of j's IOUs, and to
// its total of that unit.
func (s *Subsystem) addHeld(i, j int32, x ledger.Amount) {
	s.hd.add(i, j, x)
	switch {
	case i == fund:
	case s.coopIOU(j):
		s.cheld[i] += x
	default:
		s.heldIn[i] += x
	}
}

// vadd, vmove and vremove keep the vintages of members' and the fund's IOUs (the
// Sarafu measures are of them; co-ops' IOUs are in another unit).
func (s *Subsystem) vadd(j int32, x ledger.Amount) {
	if !s.coopIOU(j) {
		s.vintage.add(s.month, x)
	}
}

func (s *Subsystem) vmove(j int32, x ledger.Amount) {
	if !s.coopIOU(j) {
		s.vintage.move(x, s.month)
	}
}

func (s *Subsystem) vremove(j int32, x ledger.Amount) {
	if !s.coopIOU(j) {
		s.vintage.remove(x)
	}
}

// randomActive draws an active member participant other than not (-1 after a few
// misses): guarantors and project teams are members.
func (s *Subsystem) randomActive(not int32) int32 {
	n := len(s.pOfMember)
	for range 32 {
		j := s.pOfMember[s.rng.IntN(n)]
		if j >= 0 && j != not && s.active[j] {
			return j
		}
	}
	return -1
}

// randomNear draws an active participant other than i from i's community (-1 after a
// few misses); for a co-op, one of its suppliers.
func (s *Subsystem) randomNear(i int32) int32 {
	if s.isCoop[i] {
		return s.randomSupplier(i)
	}
	if s.cfg.Neighbourhood == 0 {
		return s.randomActive(i)
	}
	list := s.members[s.community[i]]
	for range 32 {
		j := list[s.rng.IntN(len(list))]
		if j != i && s.active[j] {
			return j
		}
	}
	return -1
}

// place puts member participant i in a community: a founder in the one of its
// member number (the founders in blocks of Neighbourhood, the last block taking the
// remainder), a newcomer in its guarantor's.
func (s *Subsystem) place(i int32, founder bool) {
	w := s.cfg.Neighbourhood
	if w == 0 {
		return
	}
	var c int32
	switch {
	case founder:
		blocks := max(1, s.h.Members()/w)
		c = int32(min(int(s.ref[i])/w, blocks-1))
	case s.guarantor[i] >= 0:
		c = s.community[s.guarantor[i]]
	default:
		c = int32(s.rng.IntN(len(s.members)))
	}
	for int(c) >= len(s.members) {
		s.members = append(s.members, nil)
	}
	s.community[i] = c
	s.members[c] = append(s.members[c], i)
}

// fillCircle draws i's providers from its neighbourhood (a co-op's: its suppliers): a
// share Reciprocity of a member's slots with mutual partners (each joins the other's
// circle if it has room), the rest one-way.
func (s *Subsystem) fillCircle(i int32) {
	c := s.cfg.Circle
	mutual := int(math.Round(s.cfg.Reciprocity * float64(c)))
	if s.isCoop[i] {
		mutual = 0 // inputs flow one way
	}
	for tries := 0; int(s.ncircle[i]) < c && tries < 4*c; tries++ {
		j := s.randomNear(i)
		if j < 0 || s.inCircle(i, j) {
			continue
		}
		s.circle[int(i)*c+int(s.ncircle[i])] = j
		s.ncircle[i]++
		if int(s.ncircle[i]) <= mutual && int(s.ncircle[j]) < c && !s.inCircle(j, i) {
			s.circle[int(j)*c+int(s.ncircle[j])] = i
			s.ncircle[j]++
		}
	}
}

func (s *Subsystem) inCircle(i, j int32) bool {
	c := s.cfg.Circle
	for _, k := range s.circle[int(i)*c : int(i)*c+int(s.ncircle[i])] {
		if k == j {
			return true
		}
	}
	return false
}

// provider draws one of i's providers, replacing one that is no longer active.
func (s *Subsystem) provider(i int32) int32 {
	c := s.cfg.Circle
	if s.ncircle[i] == 0 {
		s.fillCircle(i)
		if s.ncircle[i] == 0 {
			return -1
		}
	}
	slot := int(i)*c + s.rng.IntN(int(s.ncircle[i]))
	if j := s.circle[slot]; s.active[j] {
		return j
	}
	j := s.randomNear(i)
	if j >= 0 {
		s.circle[slot] = j
	}
	return j
}

// recipients counts the active participants and the projects receiving airdrops.
func (s *Subsystem) recipients() (participants, projects int) {
	for _, a := range s.active {
		if a {
			participants++
		}
	}
	for p := range s.projects {
		if s.projects[p].receiving {
			projects++
		}
	}
	return participants, projects
}

// scaled is hours × workers × an hour's value (units), bounded by maxTotal: hours ≤
// 744 and value ≤ MaxHourValue make hours × value under 5e15; workers multiply it only
// while the product stays under maxTotal.
func scaled(hours int, workers, value ledger.Amount) ledger.Amount {
	hv := ledger.Amount(hours) * value
	if workers <= 0 || hv <= 0 {
		return 0
	}
	if workers > maxTotal/hv {
		return maxTotal
	}
	return hv * workers
}

// pledgeOf is participant j's month of IOUs: PledgeHours of a member's hour, or
// CoopPledgeHrs a worker of a co-op's.
func (s *Subsystem) pledgeOf(j int) ledger.Amount {
	if s.isCoop[j] {
		return scaled(s.cfg.CoopPledgeHrs, s.scale[j], s.val[j])
	}
	return ledger.Amount(s.cfg.PledgeHours) * s.val[j]
}

// capacityOf is what issuer j can fulfil in a month: CapacityHrs of its hours (a
// co-op's, a worker).
func (s *Subsystem) capacityOf(j int32) ledger.Amount {
	if s.isCoop[j] {
		return scaled(s.cfg.CapacityHrs, s.scale[j], s.val[j])
	}
	return ledger.Amount(s.cfg.CapacityHrs) * s.val[j]
}

// pledge issues every active participant's month of IOUs: Endowment of it to the DAO
// fund, the rest airdropped. Pooled (the default): equally to every other active
// participant and receiving project, as claims on the pool of that unit (members'
// IOUs, or co-ops'); each recipient's share is the airdrop divided by the
// recipients, rounded down, and the remainder (fewer units than recipients) goes to
// the DAO fund with the endowment, so every unit is accounted for. Per issuer: the
// same division among the issuer's AirdropTo recipients and the receiving projects,
// the recipients' shares materialised as their holdings, the projects' as claims.
func (s *Subsystem) pledge() error {
	pl, np := s.recipients()
	if pl == 0 {
		return nil
	}
	// Each pledge is bounded (scaled); the month's issue is bounded by maxTotal before
	// anything is applied, so no sum overflows.
	var month, cmonth ledger.Amount
	for j, a := range s.active {
		if !a {
			continue
		}
		t := s.pledgeOf(j)
		if t > maxTotal-s.issuedAll-month-cmonth {
			return fmt.Errorf("coprosperity: month %d: IOUs issued would pass %d units", s.month, maxTotal)
		}
		if s.isCoop[j] {
			cmonth += t
		} else {
			month += t
		}
	}
	perIssuer := s.cfg.Airdrop == "per_issuer"
	if perIssuer && s.cfg.AirdropSubset == "consumers" {
		s.chooseConsumers()
	}
	r := ledger.Amount(pl - 1 + np) // each pledger's recipients (pooled)
	// Pooled: each active participant receives every other pledger's share: all
	// shares (sum) less its own. Per issuer: the projects receive every pledger's.
	var sum, csum ledger.Amount
	for j, a := range s.active {
		if !a {
			continue
		}
		total := s.pledgeOf(j)
		endow := ledger.Scale(total, s.cfg.Endowment)
		air := total - endow
		b := &s.iou[j]
		b.issued += total
		s.vadd(int32(j), total)
		var share ledger.Amount
		if perIssuer {
			k := s.refreshRecipients(int32(j))
			if n := ledger.Amount(len(k) + np); n > 0 {
				share = air / n
			}
			b.dao += endow + air - share*ledger.Amount(len(k)+np)
			b.pool += share * ledger.Amount(np)
			if share > 0 {
				for _, q := range k {
					s.addHeld(q, int32(j), share)
					b.out += share
					s.noteHolder(int32(j), q)
				}
			}
		} else {
			if r > 0 {
				share = air / r
			}
			b.dao += endow + air - share*r
			b.pool += share * r
			*s.claimOn(int32(j), int32(j)) -= share // added back below with everyone's
		}
		if s.isCoop[j] {
			csum += share
		} else {
			sum += share
		}
	}
	s.issuedAll += month + cmonth
	s.stats.issued, s.stats.cIssued = month, cmonth
	s.cum.issued += month
	if !perIssuer {
		for i, a := range s.active {
			if a {
				s.claim[i] += sum
				s.cclaim[i] += csum
			}
		}
	}
	for p := range s.projects {
		if s.projects[p].receiving {
			s.projects[p].claim += sum
			s.projects[p].cclaim += csum
		}
	}
	return nil
}

// chooseConsumers sets every issuer's recipients (per issuer, consumers) to up to
// AirdropTo of its consumers: the active participants with it among their providers
// (of its kind: members' circles are members, co-ops' co-ops), taken from a random
// starting point so that no number is always first; refreshRecipients then fills the
// places left at random.
func (s *Subsystem) chooseConsumers() {
	k, c := s.cfg.AirdropTo, s.cfg.Circle
	clear(s.nrcpt)
	n := len(s.active)
	start := s.rng.IntN(n)
	for m := range n {
		i := int32((start + m) % n)
		if !s.active[i] {
			continue
		}
		for _, j := range s.circle[int(i)*c : int(i)*c+int(s.ncircle[i])] {
			if !s.active[j] || int(s.nrcpt[j]) >= k {
				continue
			}
			list := s.rcpt[int(j)*k : int(j)*k+int(s.nrcpt[j])]
			if !slices.Contains(list, i) {
				s.rcpt[int(j)*k+len(list)] = i
				s.nrcpt[j]++
			}
		}
	}
}

// refreshRecipients returns issuer j's airdrop recipients (per issuer), first
// replacing those no longer active and filling the empty places: AirdropTo distinct
// participants drawn once at random from its community (a co-op's: other co-ops), so
// that the same holders keep receiving and the holdings number at most AirdropTo an
// issuer, not N².
func (s *Subsystem) refreshRecipients(j int32) []int32 {
	k := s.cfg.AirdropTo
	list := s.rcpt[int(j)*k : int(j)*k+k]
	n := int(s.nrcpt[j])
	for m := 0; m < n; {
		if s.active[list[m]] {
			m++
			continue
		}
		n--
		list[m] = list[n]
	}
	for tries := 0; n < k && tries < 2*k; tries++ {
		var q int32
		if s.isCoop[j] {
			q = s.randomCoop(j)
		} else {
			q = s.randomNear(j)
		}
		if q < 0 || slices.Contains(list[:n], q) {
			continue
		}
		list[n] = q
		n++
	}
	s.nrcpt[j] = uint8(n)
	return list[:n]
}

// withdraw moves up to x of j's IOUs from the pool into i's holdings, paid from i's
// claim on the pool; it returns what it moved.
func (s *Subsystem) withdraw(i, j int32, x ledger.Amount) ledger.Amount {
	claim := s.claimOn(i, j)
	x = min(x, *claim, s.iou[j].pool)
	if x <= 0 {
		return 0
	}
	*claim -= x
	s.iou[j].pool -= x
	s.iou[j].out += x
	s.addHeld(i, j, x)
	s.noteHolder(j, i)
	s.vmove(j, x)
	if s.coopIOU(j) {
		s.stats.cWithdrawn += x
	} else {
		s.stats.withdrawn += x
		s.cum.withdrawn += x
	}
	return x
}

// buy has i buy up to x of j's IOUs from the first of j's recent holders that has
// some, for exchange tokens (issue §2: withdrawn IOUs are their holders' property, to
// swap for IOUs or for tokens): hour_price an hour in the hour unit, a micro-token a
// unit in the value unit (co-ops' IOUs always), as far as i's balance goes. It
// returns what i bought.
func (s *Subsystem) buy(i, j int32, x ledger.Amount) ledger.Amount {
	l := s.h.Ledger()
	for _, k := range s.recent[int(j)*4 : int(j)*4+4] {
		if k < 0 || k == i || !s.alive(k) {
			continue
		}
		n := min(x, s.hd.get(k, j))
		if n <= 0 {
			continue
		}
		price := n
		if s.cfg.Unit == "hour" && !s.coopIOU(j) {
			price = ledger.Scale(n, s.cfg.HourPrice)
		}
		if price <= 0 {
			return 0
		}
		paid := s.pay(l, i, s.account(k), price)
		if paid <= 0 {
			return 0
		}
		got := n
		if paid < price {
			got = ledger.Amount(float64(n) * float64(paid) / float64(price)) // what the money bought, rounded down
		}
		if got <= 0 {
			return 0
		}
		s.addHeld(k, j, -got)
		s.addHeld(i, j, got)
		s.noteHolder(j, i)
		s.vmove(j, got)
		if !s.coopIOU(j) {
			s.cum.bought += got
		}
		s.cum.boughtTokens += paid
		return got
	}
	return 0
}

// noteHolder remembers i as a recent holder of j's IOUs (for swaps).
func (s *Subsystem) noteHolder(j, i int32) {
	r := s.recent[int(j)*4 : int(j)*4+4]
	for _, k := range r {
		if k == i {
			return
		}
	}
	copy(r[1:], r[:3])
	r[0] = i
}

// swap has i obtain up to x of j's IOUs from a recent holder k, paying k as much of
// its claim on the pool (of that unit), unit for unit; it returns what it obtained.
func (s *Subsystem) swap(i, j int32, x ledger.Amount) ledger.Amount {
	r := s.recent[int(j)*4 : int(j)*4+4]
	k := r[s.rng.IntN(4)]
	if k < 0 || k == i {
		return 0
	}
	ci, ck := s.claimOn(i, j), s.claimOn(k, j)
	x = min(x, s.hd.get(k, j), *ci)
	if x <= 0 {
		return 0
	}
	s.addHeld(k, j, -x)
	s.addHeld(i, j, x)
	*ci -= x
	*ck += x
	s.noteHolder(j, i)
	s.vmove(j, x)
	if !s.coopIOU(j) {
		s.stats.swapped += x
		s.cum.swapped += x
	}
	return x
}

// needOf is what one of i's needs of j's service is: NeedHours of j's hour for a
// member, CoopNeedHrs a worker of i for a co-op's input.
func (s *Subsystem) needOf(i, j int32) ledger.Amount {
	if s.isCoop[i] {
		return scaled(s.cfg.CoopNeedHrs, s.scale[i], s.val[j])
	}
	return ledger.Amount(s.cfg.NeedHours) * s.val[j]
}

// serve meets the month's needs (meet): each active member needs Poisson(Needs)
// services of its providers, each NeedHours, and Poisson(MemberCoopNeeds) of co-ops
// drawn at random; each active co-op Poisson(CoopNeeds) inputs of its suppliers. Then some participants withdraw IOUs
// to hold. Participants are taken from a random starting point, so no number is
// always first to the providers' capacity.
func (s *Subsystem) serve() {
	n := len(s.active)
	if n == 0 {
		return
	}
	clear(s.used)
	expNeg, cExpNeg, mcExpNeg := math.Exp(-s.cfg.Needs), math.Exp(-s.cfg.CoopNeeds), math.Exp(-s.cfg.MemberCoopNeeds)
	start := s.rng.IntN(n)
	for k := range n {
		i := int32((start + k) % n)
		if !s.active[i] {
			continue
		}
		lambda, e := s.cfg.Needs, expNeg
		if s.isCoop[i] {
			lambda, e = s.cfg.CoopNeeds, cExpNeg
		}
		for range poisson(s.rng, lambda, e) {
			if j := s.provider(i); j >= 0 {
				s.meet(i, j)
			}
		}
		if !s.isCoop[i] && s.cfg.MemberCoopNeeds > 0 {
			for range poisson(s.rng, s.cfg.MemberCoopNeeds, mcExpNeg) {
				if j := s.randomCoop(i); j >= 0 {
					s.meet(i, j)
				}
			}
		}
		if s.cfg.Withdraw > 0 && s.rng.Float64() < s.cfg.Withdraw {
			if j := s.provider(i); j >= 0 {
				s.withdraw(i, j, scaled(s.cfg.WithdrawHrs, s.scale[i], s.val[j]))
			}
		}
	}
}

// meet meets one of i's needs of j's service: it uses j's IOUs i holds, withdraws
// more from the pool, swaps its claim for them, looks for a chain of swaps, buys them
// (buy), and redeems what it has.
func (s *Subsystem) meet(i, j int32) {
	need := s.needOf(i, j)
	switch {
	case s.isCoop[i]:
		s.stats.cNeeded += need
	case s.coopIOU(j):
		s.stats.mcNeeded += need
	default:
		s.stats.needed += need
	}
	have := s.hd.get(i, j)
	if have < need {
		have += s.withdraw(i, j, need-have)
	}
	if have < need && s.cfg.Swap {
		have += s.swap(i, j, need-have)
	}
	if have < need && s.cfg.Swap {
		have += s.swapChain(i, j, need-have)
	}
	if have < need && s.cfg.Buy {
		have += s.buy(i, j, need-have)
	}
	if x := min(have, need); x > 0 {
		s.redeem(i, j, x)
	}
}

// poisson draws a Poisson(lambda) count by Knuth's product of uniforms (lambda ≤ 100,
// so about lambda+1 uniforms), expNeg = exp(-lambda).
func poisson(r *rand.Rand, lambda, expNeg float64) int {
	if lambda <= 0 {
		return 0
	}
	k, p := 0, r.Float64()
	for p > expNeg {
		k++
		p *= r.Float64()
	}
	return k
}

// redeem has holder i redeem x of j's IOUs (which i holds). The issuer fulfils when
// it is active, has x of capacity left this month, and its reliability draw succeeds;
// the quality of a fulfilled service is uniform between its reliability and 1.
// Either outcome moves j's public rating; an unfulfilled or poor service makes i a
// dissatisfied consumer of j. A fulfilled redemption destroys the IOUs; an unfulfilled
// one leaves them with i, unless the rules make it good in tokens (compensate).
func (s *Subsystem) redeem(i, j int32, x ledger.Amount) {
	ok := s.active[j] && s.used[j]+x <= s.capacityOf(j) && s.rng.Float64() < s.rel[j]
	q := 0.0
	co := s.coopIOU(j)
	if ok {
		q = s.rel[j] + (1-s.rel[j])*s.rng.Float64()
		s.used[j] += x
		s.addHeld(i, j, -x)
		s.iou[j].out -= x
		s.iou[j].redeemed += x
		s.vremove(j, x)
		if co {
			s.stats.cRedeemed += x
		} else {
			s.stats.redeemed += x
			s.cum.redeemed += x
		}
		switch {
		case s.isCoop[i]:
			s.stats.cMet += x
		case co:
			s.stats.mcMet += x
		default:
			s.stats.met += x
		}
	} else if co {
		s.stats.cUnfulfilled += x
	} else {
		s.stats.unfulfilled += x
		s.cum.unfulfilled += x
	}
	w := s.cfg.RatingWeight
	s.rating[j] = (1-w)*s.rating[j] + w*q
	if !ok || q < s.cfg.ExcludeBelow {
		s.dissatisfied(j, i)
	}
	if !ok {
		s.compensate(i, j, x)
	}
}

// dissatisfied records i among the last MinVoters dissatisfied consumers of j.
func (s *Subsystem) dissatisfied(j, i int32) {
	v := s.cfg.MinVoters
	ring := s.voters[int(j)*v : int(j)*v+v]
	for _, k := range ring {
		if k == i {
			return
		}
	}
	ring[s.vpos[j]] = i
	s.vpos[j] = uint8((int(s.vpos[j]) + 1) % v)
}

// compensate makes good an unfulfilled redemption of x of j's IOUs held by i, when the
// rules say so: j pays i HourPrice an hour in tokens (a micro-token a unit of value)
// from its own balance, and what it cannot pay its guarantor pays (subsidiary
// liability: only the shortfall, and only as far as the guarantor's balance goes).
// Co-ops have no guarantor. The IOUs made good are destroyed; if nothing could be paid
// they stay with i.
func (s *Subsystem) compensate(i, j int32, x ledger.Amount) {
	switch s.cfg.Compensate {
	case "none":
		return
	case "guaranteed":
		if s.guarantor[j] < 0 {
			return
		}
	}
	due := x // value: a unit is a micro-token's worth
	if s.cfg.Unit == "hour" && !s.coopIOU(j) {
		due = ledger.Scale(x, s.cfg.HourPrice)
	}
	if due <= 0 {
		return
	}
	l := s.h.Ledger()
	if !s.alive(i) {
		return
	}
	to := s.account(i)
	own := s.pay(l, j, to, due)
	var byG ledger.Amount
	if g := s.guarantor[j]; g >= 0 && own < due {
		byG = s.pay(l, g, to, due-own)
	}
	s.cum.compOwn += own
	s.cum.compGuarantor += byG
	s.cum.compShort += due - own - byG
	if own+byG == 0 {
		return
	}
	// The IOUs made good, in proportion to what was paid, rounded down (the rest stays
	// with the holder as an obligation).
	burn := x
	if own+byG < due {
		burn = ledger.Amount(float64(x) * float64(own+byG) / float64(due))
	}
	if burn <= 0 {
		return
	}
	s.addHeld(i, j, -burn)
	s.iou[j].out -= burn
	s.iou[j].compensated += burn
	s.vremove(j, burn)
}

// pay transfers up to due tokens from participant p to account to; it returns what
// moved.
func (s *Subsystem) pay(l *ledger.Ledger, p int32, to ledger.AccountID, due ledger.Amount) ledger.Amount {
	if !s.alive(p) {
		return 0
	}
	from := s.account(p)
	amt := min(due, l.Balance(from))
	if amt <= 0 || from == to {
		return 0
	}
	if err := l.Transfer(from, to, amt, ledger.TxCompensation, int64(s.ref[p])); err != nil {
		return 0
	}
	return amt
}

// vote excludes each active participant whose rating is below ExcludeBelow when at
// least MinVoters distinct dissatisfied consumers (still active) vote it out. An
// excluded participant stops pledging and receiving; its IOUs outstanding remain
// obligations (and its guarantor's liability remains).
func (s *Subsystem) vote() {
	if s.cfg.ExcludeBelow <= 0 {
		return
	}
	v := s.cfg.MinVoters
	for j, a := range s.active {
		if !a || s.rating[j] >= s.cfg.ExcludeBelow {
			continue
		}
		votes := 0
		for _, k := range s.voters[j*v : j*v+v] {
			if k >= 0 && s.active[k] {
				votes++
			}
		}
		if votes >= v {
			s.active[j] = false
			s.excluded[j] = true
			if s.isCoop[j] {
				s.stats.cExclusions++
				s.cum.cExclusions++
			} else {
				s.stats.exclusions++
				s.cum.exclusions++
			}
		}
	}
}

// check verifies every IOU asset's books to the unit: issued = pool + dao + held +
// redeemed + compensated + cleared + written off for every issuer (the held part
// summed from the table itself), the claims on each pool (members' IOUs, co-ops')
// sum to what is in it, and the DAO fund's own IOUs are all held.
func (s *Subsystem) check() error {
	var heldTotal ledger.Amount
	var fundOut ledger.Amount
	var heldByIssuer = &s.clearer.scratchOut
	*heldByIssuer = grow(*heldByIssuer, len(s.iou))
	clear(*heldByIssuer)
	s.hd.each(func(_, issuer int32, v ledger.Amount) {
		heldTotal += v
		if issuer == fund {
			fundOut += v
		} else {
			(*heldByIssuer)[issuer] += v
		}
	})
	if heldTotal != s.hd.total {
		return fmt.Errorf("coprosperity: month %d: held IOUs sum to %d, the table's total is %d", s.month, heldTotal, s.hd.total)
	}
	var pool, claims, cpool, cclaims ledger.Amount
	for j := range s.iou {
		b := &s.iou[j]
		if b.out != (*heldByIssuer)[j] {
			return fmt.Errorf("coprosperity: month %d: IOUs of %d held %d, books say %d", s.month, j, (*heldByIssuer)[j], b.out)
		}
		if d := b.balance(); d != 0 {
			return fmt.Errorf("coprosperity: month %d: IOU asset %d is off by %d micro-hours", s.month, j, d)
		}
		if s.isCoop[j] {
			cpool += b.pool
		} else {
			pool += b.pool
		}
		claims += s.claim[j]
		cclaims += s.cclaim[j]
	}
	for p := range s.projects {
		claims += s.projects[p].claim
		cclaims += s.projects[p].cclaim
	}
	if pool != claims {
		return fmt.Errorf("coprosperity: month %d: claims on the pool %d != the pool %d", s.month, claims, pool)
	}
	if cpool != cclaims {
		return fmt.Errorf("coprosperity: month %d: claims on the co-ops' pool %d != the pool %d", s.month, cclaims, cpool)
	}
	if s.fundIOU.out != fundOut || s.fundIOU.balance() != 0 {
		return fmt.Errorf("coprosperity: month %d: the DAO fund's IOUs held %d, books say %d", s.month, fundOut, s.fundIOU.out)
	}
	return s.checkProjects()
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// clearer keeps the clearing round's scratch.
type clearer struct {
	solver     clearing.Solver
	net        clearing.Network
	res        clearing.Result
	scratchOut []ledger.Amount
	// warmed and warmedNodes are the size of the synthetic network the solver's
	// scratch was last grown with (warm).
	warmed, warmedNodes int

	// Clearing by groups of communities (clearGroups).
	groups *[numGroups]group
	local  []int32 // participant -> number in its group's network (-1: none)
	task   func(int)
}

func (c *clearer) init(n int) {
	c.net.Obligations = make([]clearing.Obligation, 0, 2*n)
	c.groups = new([numGroups]group)
}

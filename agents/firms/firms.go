package firms

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
	"gonum.org/v1/gonum/stat/distuv"
)

// Firms is the open platform's for-profit firms over one economy.
type Firms struct {
	cfg Config
	h   sim.Host
	l   *ledger.Ledger

	src rand.PCG
	rng *rand.Rand

	// The firms, by their number here; coop is the co-op each runs as.
	firm []firm
	// owners holds each firm's owner members, OwnerMembers a firm (owners: members).
	owners []int32
	// isFirm and wasAlive are by co-op number, grown as co-ops register.
	isFirm   []bool
	wasAlive []bool
	// Per-sector sums of the month's sales (the HHI's), reused.
	sum, sq []float64
	sales   []float64 // sales of the sector's sellers, by sector (for entry draws)
	active  []int32   // members drawn from for owners (scratch, reused)

	inputShare []float64 // by sector: value of inputs bought per unit of value made
	baseWage   []float64 // by sector: the scenario's monthly wage, tokens

	m month
}

// firm is one firm's state.
type firm struct {
	coop     int
	markup   float64
	dir      int
	scale    float64       // the scale factor now in its productivity
	opened   ledger.Amount // its balance at the last month's opening
	taken    ledger.Amount // surplus taken out in the last month
	profit   float64       // last month's profit, tokens
	months   int           // months it has traded
	alive    bool
	soldOut  bool // its orders exceeded its offer in the last tick that traded
	unitCost float64
}

// month holds the figures the columns report, measured at the month's opening (and
// the surplus taken out when it is) and repeated on a weekly clock's other ticks.
type month struct {
	alive, founded, failed, coopFailures int64
	salesShare, employShare              float64
	firmWage, coopWage                   float64
	hhiMean, hhiMax                      float64
	markup, unemployment                 float64
	profit                               ledger.Amount
	extracted, toOwners                  ledger.Amount // cumulative
	extractedMonth, toOwnersMonth        ledger.Amount
}

// purpose is the firms' random stream.
const purpose = sim.PurposeFirms

var _ sim.Subsystem = (*Firms)(nil)

// New builds the subsystem over host h (nil: only to list what it registers).
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	f := &Firms{cfg: cfg, h: h}
	if h == nil {
		return f, nil
	}
	f.l = h.Ledger()
	f.rng = rand.New(&f.src)
	n := len(h.Sectors())
	f.sum, f.sq, f.sales = make([]float64, n), make([]float64, n), make([]float64, n)
	f.inputShare, f.baseWage = make([]float64, n), make([]float64, n)
	return f, nil
}

// readSectors reads each sector's wage and input share (an input-cost shock may have
// changed them since last month).
func (f *Firms) readSectors() {
	for s := range f.inputShare {
		f.inputShare[s] = 0
		for k := range f.h.SectorInputs(s) {
			_, coef := f.h.SectorInput(s, k)
			f.inputShare[s] += coef
		}
		_, _, f.baseWage[s], _ = f.h.SectorTechnique(s)
	}
}

// Register adds the firms' phases and columns; it reads only the configuration.
func (f *Firms) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "firms/decide", Stage: sim.StageOpen, Cadence: sim.MonthStart, Run: f.decide})
	r.Phase(sim.Phase{Name: "firms/surplus", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: f.takeSurplus})
	r.Phase(sim.Phase{Name: "firms/orders", Stage: sim.StageJoin, Cadence: sim.EveryTick, Run: f.orders})
	f.registerColumns(r)
	r.Param(sim.Param{Name: "firms.pay.reservation", Doc: "lowest pay members accept at reference unemployment, from the next month",
		Min: 0.01, Max: 1.5, Get: func() float64 { return f.cfg.Pay.Reservation }, Set: func(v float64) error { f.cfg.Pay.Reservation = v; return nil }})
}

// decide is the month's opening, after the economy closed the month just ended:
// failures are counted, firms are founded or enter, and each firm sets its pay, scale,
// markup, price and workforce from last month's sales and profit; then the month's
// figures are measured.
func (f *Firms) decide(t sim.Tick) error {
	f.grow()
	f.readSectors()
	f.countFailures()
	u := f.unemployment()
	f.m.unemployment = u
	if t.Month == f.cfg.StartMonth {
		if err := f.foundAtStart(); err != nil {
			return err
		}
	}
	if t.Month >= f.cfg.StartMonth && f.cfg.EntryPerYear > 0 {
		if err := f.enter(t.Month); err != nil {
			return err
		}
	}
	h := f.h
	wageMul := WageCurve(f.cfg.Pay, u)
	for k := range f.firm {
		fm := &f.firm[k]
		if !fm.alive {
			continue
		}
		c := fm.coop
		s := h.CoopSectorIndex(c)
		bal := f.l.Balance(h.CoopAccount(c))
		if fm.months > 0 {
			// last month's profit: what its balance gained, with what its owners took
			profit := ledger.Float(bal - fm.opened + fm.taken)
			if fm.months > 1 {
				fm.markup, fm.dir = Climb(fm.markup, fm.dir, profit, fm.profit, f.cfg.Pricing)
			}
			fm.profit = profit
		}
		fm.opened, fm.taken = bal, 0
		fm.months++

		// pay: the lowest wage members accept now
		h.SetCoopWage(c, ledger.Tokens(wageMul*f.baseWage[s]))
		wage := ledger.Float(h.CoopWage(c))

		// price: the markup over the unit cost at the new pay
		fm.unitCost = UnitCost(wage, h.CoopProductivity(c), f.inputShare[s])
		if !math.IsInf(fm.unitCost, 0) {
			h.SetCoopPrice(c, max(ledger.Tokens((1+fm.markup)*fm.unitCost), 1))
		}
	}
	return nil
}

// staff has firm fm hire or shed by its profit rule (Workforce), with the cash it
// holds after the month's grant, by last month's sales at its price now; then sets the
// units a worker makes at its new size (capacity its investment built is kept: the old
// scale factor is divided out and the new one put in).
func (f *Firms) staff(fm *firm) {
	h := f.h
	c := fm.coop
	s := h.CoopSectorIndex(c)
	wage := ledger.Float(h.CoopWage(c))
	workers := h.CoopWorkers(c)
	units := h.CoopProductivity(c)
	price := ledger.Float(h.CoopPrice(c))
	marginal := units * (1 + f.cfg.Scale.Exponent) // d(L·u(L))/dL for u ∝ L^γ
	if fm.scale >= f.cfg.Scale.Max {
		marginal = units
	}
	value := price * marginal * (1 - min(f.inputShare[s], maxInputShare))
	cash := ledger.Float(f.l.Balance(h.CoopAccount(c)))
	switch n := Workforce(f.cfg.Hiring, workers, fm.soldOut, ledger.Float(h.CoopMonthSales(c)),
		price*units*float64(workers), value, wage, cash); {
	case n > 0:
		h.Hire(c, n)
	case n < 0:
		h.Release(c, -n)
	}
	sf := ScaleFactor(f.cfg.Scale, h.CoopWorkers(c), f.cfg.Workers)
	h.SetCoopProductivity(c, units/fm.scale*sf)
	fm.scale = sf
}

// orders records, after each tick's trade, whether each firm's orders exceeded its
// offer (the platform's orders are cleared when the next tick begins).
func (f *Firms) orders(sim.Tick) error {
	for k := range f.firm {
		if fm := &f.firm[k]; fm.alive {
			fm.soldOut = f.h.CoopSoldOut(fm.coop)
		}
	}
	return nil
}

// grow extends the per-co-op arrays to the co-ops registered now.
func (f *Firms) grow() {
	for c := len(f.isFirm); c < f.h.Coops(); c++ {
		f.isFirm = append(f.isFirm, false)
		f.wasAlive = append(f.wasAlive, f.h.CoopAlive(c))
	}
}

// countFailures counts the co-ops and firms that closed since last month.
func (f *Firms) countFailures() {
	for c, was := range f.wasAlive {
		alive := f.h.CoopAlive(c)
		if was && !alive {
			if f.isFirm[c] {
				f.m.failed++
			} else {
				f.m.coopFailures++
			}
		}
		f.wasAlive[c] = alive
	}
	for k := range f.firm {
		if f.firm[k].alive && !f.h.CoopAlive(f.firm[k].coop) {
			f.firm[k].alive = false
		}
	}
}

// unemployment returns the share of active members working nowhere.
func (f *Firms) unemployment() float64 {
	active, idle := 0, 0
	for i := range f.h.Members() {
		if !f.h.MemberActive(i) {
			continue
		}
		active++
		if f.h.MemberEmployer(i) < 0 {
			idle++
		}
	}
	if active == 0 {
		return 0
	}
	return float64(idle) / float64(active)
}

// foundAtStart founds the firms of count (over the sectors in turn) and share (in
// each sector, a share of its live co-ops).
func (f *Firms) foundAtStart() error {
	sim.Seed(&f.src, f.h.Seed(), 0, 0, purpose)
	n := len(f.h.Sectors())
	per := make([]int, n)
	for k := range f.cfg.Count {
		per[k%n]++
	}
	if f.cfg.Share > 0 {
		coops := make([]int, n)
		for c := range f.h.Coops() {
			if f.h.CoopAlive(c) && !f.isFirm[c] {
				coops[f.h.CoopSectorIndex(c)]++
			}
		}
		for s := range n {
			per[s] += int(math.Round(f.cfg.Share * float64(coops[s])))
		}
	}
	for s, k := range per {
		for range k {
			if err := f.found(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// enter founds this month's entrants: a Poisson number with mean entry_per_year/12,
// each in a sector drawn in proportion to last month's sales there.
func (f *Firms) enter(month int) error {
	sim.Seed(&f.src, f.h.Seed(), 1, month, purpose)
	k := int(distuv.Poisson{Lambda: f.cfg.EntryPerYear / 12, Src: &f.src}.Rand())
	if k == 0 {
		return nil
	}
	clear(f.sales)
	var total float64
	for c := range f.h.Coops() {
		if f.h.CoopAlive(c) {
			v := ledger.Float(f.h.CoopMonthSales(c))
			f.sales[f.h.CoopSectorIndex(c)] += v
			total += v
		}
	}
	for range k {
		s := f.rng.IntN(len(f.sales))
		if total > 0 {
			x := f.rng.Float64() * total
			for s = 0; s < len(f.sales)-1 && x >= f.sales[s]; s++ {
				x -= f.sales[s]
			}
		}
		if err := f.found(s); err != nil {
			return err
		}
	}
	return nil
}

// found founds one firm in sector s at a locality drawn uniformly, run from outside,
// granted or not as the section says, with its owners drawn.
func (f *Firms) found(s int) error {
	h := f.h
	c, err := h.Found(s, f.rng.IntN(max(h.Localities(), 1)), f.cfg.Workers)
	if err != nil {
		return fmt.Errorf("firms: %w", err)
	}
	h.SetControlled(c, true)
	h.SetCoopGranted(c, f.cfg.Granted)
	f.grow()
	f.isFirm[c] = true
	f.firm = append(f.firm, firm{coop: c, markup: f.cfg.Pricing.Markup, dir: 1, scale: 1, alive: true})
	f.m.founded++
	if f.cfg.Owners == "members" {
		k := len(f.firm) - 1
		for range f.cfg.OwnerMembers {
			f.owners = append(f.owners, -1)
		}
		f.drawOwners(k)
	}
	return nil
}

// drawOwners replaces firm k's owners who are no longer active by members drawn
// uniformly from the active ones.
func (f *Firms) drawOwners(k int) {
	own := f.owners[k*f.cfg.OwnerMembers : (k+1)*f.cfg.OwnerMembers]
	for j, i := range own {
		if i >= 0 && f.h.MemberActive(int(i)) {
			continue
		}
		for range 64 { // nearly every member is active: a few tries find one
			if i := f.rng.IntN(f.h.Members()); f.h.MemberActive(i) {
				own[j] = int32(i)
				break
			}
		}
	}
}

// takeSurplus pays out each firm's surplus, after the month's grants and the
// Foundation's programmes and before its pay: what the economy would otherwise pay
// its workers as a bonus above their wages, its buffer and its inputs. Outside owners
// take it out of the economy (burned through the ledger); owner members are paid it.
func (f *Firms) takeSurplus(t sim.Tick) error {
	f.m.extractedMonth, f.m.toOwnersMonth = 0, 0
	if f.cfg.Owners == "members" {
		sim.Seed(&f.src, f.h.Seed(), 2, t.Month, purpose)
	}
	for k := range f.firm {
		fm := &f.firm[k]
		if !fm.alive {
			continue
		}
		if fm.months > 1 {
			f.staff(fm)
		}
		x := f.h.CoopSurplus(fm.coop)
		if x <= 0 {
			continue
		}
		acct := f.h.CoopAccount(fm.coop)
		if f.cfg.Owners == "outside" {
			if err := f.l.Burn(acct, x, int64(fm.coop)); err != nil {
				return fmt.Errorf("firms: firm %d's surplus: %w", fm.coop, err)
			}
			fm.taken += x
			f.m.extractedMonth += x
			continue
		}
		f.drawOwners(k)
		own := f.owners[k*f.cfg.OwnerMembers : (k+1)*f.cfg.OwnerMembers]
		n := 0 // owners active now (a draw may have found none to replace one who left)
		for _, i := range own {
			if i >= 0 && f.h.MemberActive(int(i)) {
				n++
			}
		}
		if n == 0 {
			continue // no owner to pay: the surplus stays with the firm this month
		}
		// equal parts; the rounding remainder (fewer micro-tokens than owners) to the
		// first paid, so that the sum paid is exactly x
		part, first := x/ledger.Amount(n), true
		for _, i := range own {
			if i < 0 || !f.h.MemberActive(int(i)) {
				continue
			}
			pay := part
			if first {
				pay, first = pay+x-part*ledger.Amount(n), false
			}
			if pay <= 0 {
				continue
			}
			if err := f.l.Transfer(acct, f.h.MemberAccount(int(i)), pay, ledger.TxBonus, int64(fm.coop)); err != nil {
				return fmt.Errorf("firms: firm %d's surplus to owner %d: %w", fm.coop, i, err)
			}
			fm.taken += pay
			f.m.toOwnersMonth += pay
		}
	}
	f.m.extracted = addSat(f.m.extracted, f.m.extractedMonth)
	f.m.toOwners = addSat(f.m.toOwners, f.m.toOwnersMonth)
	return nil
}

// addSat returns a + b for b ≥ 0, at most the largest Amount: a month's payouts are
// parts of the supply (below ledger.MaxSupply), but a run's sum of them is not bounded
// by it, so the cumulative columns saturate rather than wrap.
func addSat(a, b ledger.Amount) ledger.Amount {
	if b > math.MaxInt64-a {
		return math.MaxInt64
	}
	return a + b
}

package agents

import (
	"fmt"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// The Foundation (MODEL §5): it receives its share of new tokens and the transport
// levy; its members vote its budget across programmes; it spends only by paying
// co-ops: start-ups aimed at the largest unmet wants (with investment issuance when
// the scenario allows it), apprenticeships, innovation, commons and awareness.

const apprenticeshipMonths = 12

// foundationMonth runs the Foundation's month: the vote, then each programme's budget.
func (e *Economy) foundationMonth(t sim.Tick) error {
	tick, month := t.N, t.Month
	sim.Seed(&e.src, e.seed, 0, tick, sim.PurposeFoundation)
	fc := e.cfg.Foundation
	if fc.VoteEveryMonths > 0 && month > 1 && (month-1)%fc.VoteEveryMonths == 0 {
		if err := e.vote(t); err != nil {
			return err
		}
	}
	budget := ledger.Scale(e.ledger.Balance(e.foundation), fc.SpendRate)
	var total float64
	for _, s := range e.programmes {
		total += s
	}
	if budget <= 0 || total <= 0 {
		return nil
	}
	var b [NumProgrammes]ledger.Amount
	for p, s := range e.programmes {
		b[p] = ledger.Scale(budget, s/total)
	}
	steps := [NumProgrammes]func(ledger.Amount, int) error{
		ProgStartups:        e.startups,
		ProgApprenticeships: e.apprenticeships,
		ProgInnovation:      e.innovation,
		ProgCommons:         e.commons,
		ProgAwareness:       e.awareness,
	}
	for p, step := range steps {
		if err := step(b[p], month); err != nil {
			return err
		}
	}
	return nil
}

// vote tallies the members' votes into the programme shares, each member voting from
// what it sees: out of work, it leans to apprenticeships; in work, to start-ups as
// far as wants go unmet (unmet wants against sales), to innovation as far as prices
// rise (a year's inflation), and otherwise keeps its vote.
//
// With the DAO platform on, the vote is one of the platform's (MODEL §7): each member
// votes its programme in person, through a delegate or a voting program, and the budget
// moves a fifth of the way toward the programme with the most weight.
func (e *Economy) vote(t sim.Tick) error {
	var tally [NumProgrammes]float64
	unmet := e.yearUnmet / max(e.yearSales, 1)
	inflation := e.priceIndex/max(e.yearPriceIndex, 1e-9) - 1
	e.yearUnmet, e.yearSales, e.yearPriceIndex = 0, 0, e.priceIndex
	for i, v := range e.m.vote {
		if !e.m.active[i] {
			continue
		}
		r := e.rng.Float64()
		switch {
		case e.m.employer[i] == none:
			if r < 0.5 {
				v = ProgApprenticeships
			}
		case r < min(1, 2*unmet):
			v = ProgStartups
		case r < min(1, 2*unmet)+min(1, 5*max(inflation, 0)):
			v = ProgInnovation
		}
		e.m.vote[i] = v
		tally[v]++
	}
	if pv := e.platformVoter(); pv != nil {
		won, err := pv.PlatformVote(t, NumProgrammes, func(i int) governance.Choice { return governance.Choice(e.m.vote[i]) }, 0)
		if err != nil {
			return fmt.Errorf("foundation's budget vote: %w", err)
		}
		if won >= 0 && int(won) < NumProgrammes {
			for p := range e.programmes {
				e.programmes[p] *= 0.8
			}
			e.programmes[won] += 0.2
		}
		return nil
	}
	var n float64
	for _, t := range tally {
		n += t
	}
	if n == 0 {
		return nil
	}
	for p := range tally {
		e.programmes[p] = tally[p] / n
	}
	return nil
}

// platformVoter is what the Foundation's budget vote needs of the DAO platform.
type platformVoter interface {
	PlatformVote(t sim.Tick, options int, prefer func(member int) governance.Choice, cost ledger.Amount) (governance.Choice, error)
}

// platformVoter returns the DAO platform when the scenario switched it on, or nil.
func (e *Economy) platformVoter() platformVoter {
	for _, s := range e.subs {
		if pv, ok := s.(platformVoter); ok {
			return pv
		}
	}
	return nil
}

// payCoop pays a programme's money to a co-op.
func (e *Economy) payCoop(p int, c int, amount ledger.Amount) error {
	if amount <= 0 {
		return nil
	}
	amount = min(amount, e.ledger.Balance(e.foundation))
	if amount <= 0 {
		return nil
	}
	if err := e.ledger.Transfer(e.foundation, e.c.acct[c], amount, ledger.TxProgramme, int64(p)); err != nil {
		return err
	}
	e.progSpend[p] += amount
	e.foundSpend += amount
	return nil
}

// startups funds new co-ops where the listed unmet wants are largest, staffed by
// members out of work (apprentices ready to found first).
func (e *Economy) startups(budget ledger.Amount, month int) error {
	fc := e.cfg.Foundation
	inv := e.cfg.Issuance.Investment
	for {
		s, loc, want := e.platform.LargestWant()
		if s < 0 || want <= 0 || e.m.unemployed == none {
			return nil
		}
		cost := ledger.Scale(e.wage[s], fc.StartupMonths*float64(fc.StartupWorkers)*e.costIndex)
		invest, obligation := StartupInvestment(inv, month, e.investThisMonth)
		if room := e.investmentRoom(); invest > room {
			invest, obligation = 0, Obligation{} // the growth caps bound investment issuance too
		}
		if budget < cost && invest <= 0 || cost <= 0 && invest <= 0 {
			return nil
		}
		pay := min(cost, budget)
		c := e.addCoop(s, loc, TypeWorker, -1)
		// Founded at the month's start, once its production is set, it makes its first
		// goods next month, whatever the clock: on a weekly one it does not start on
		// the month's second week with a week's customers and a month's offer to judge.
		e.c.producesFrom[c] = int32(month + 1)
		for k := 0; k < fc.StartupWorkers && e.m.unemployed != none; k++ {
			i := e.m.unemployed
			e.hire(c, i, roleWorker)
			e.m.locality[i] = int16(loc)
		}
		// The funding is earmarked for the start-up's wages and inputs (fundStartup), not
		// paid out as a surplus at its first month's payout.
		if _, err := e.fundStartup(c, pay); err != nil {
			return err
		}
		budget -= pay
		if invest > 0 {
			// Investment issuance: new tokens, owed back as offers of equal value.
			if err := e.ledger.Issue(e.c.acct[c], invest, 0, ledger.TxInvestment, int64(c)); err != nil {
				return err
			}
			e.investment += invest
			e.investThisMonth += invest
			e.earmark(c, invest) // it funds the offer, not a bonus
			e.c.obligation[c] = obligation
			// The offer the investment funds is not granted again: its line's grants
			// start above the value already issued for it.
			e.lines.HighWater[c] = invest
		}
		capValue := ledger.Trunc(float64(e.c.workers[c]) * e.c.productivity[c] * float64(e.platform.Price[c]))
		e.platform.TakeWant(s, loc, max(capValue, 1))
	}
}

// apprenticeships pays host co-ops for their apprentices, then places new apprentices
// from the members out of work while the budget lasts.
func (e *Economy) apprenticeships(budget ledger.Amount, month int) error {
	stipend := func(c int) ledger.Amount { return e.cfg.Foundation.Stipend(e.wage[e.c.sector[c]]) }
	for _, i := range e.apprentices {
		if e.m.apprentice[i] <= 0 || e.m.employer[i] == none {
			continue
		}
		c := int(e.m.employer[i])
		a := min(stipend(c), budget)
		if err := e.payCoop(ProgApprenticeships, c, a); err != nil {
			return err
		}
		budget -= a
	}
	for budget > 0 && e.m.unemployed != none {
		c := e.randomCoop()
		if c < 0 || stipend(c) > budget {
			return nil
		}
		i := e.m.unemployed
		e.hire(c, i, roleApprentice)
		e.m.locality[i] = e.c.locality[c]
		if err := e.payCoop(ProgApprenticeships, c, stipend(c)); err != nil {
			return err
		}
		budget -= stipend(c)
	}
	return nil
}

// apprenticesAge counts down apprenticeships; a finished apprentice stays on as a worker.
func (e *Economy) apprenticesAge() {
	keep := e.apprentices[:0]
	for _, i := range e.apprentices {
		if e.m.apprentice[i] <= 0 || e.m.role[i] != roleApprentice {
			continue // left the apprenticeship
		}
		e.m.apprentice[i]--
		if e.m.apprentice[i] > 0 {
			keep = append(keep, i)
			continue
		}
		c := int(e.m.employer[i])
		e.c.bill[c] -= e.workerWage(c, i)
		e.m.role[i] = roleWorker
		e.finishApprentice(c, i)
		e.c.apprentices[c]--
		e.c.bill[c] += e.workerWage(c, i)
		// The third of its time it trained makes it more productive: its co-op's
		// productivity rises by training_gain shared over its workers.
		if g := e.cfg.Foundation.TrainingGain; g > 0 && e.c.workers[c] > 0 {
			e.c.productivity[c] *= 1 + g/float64(e.c.workers[c])
		}
		// The third it spent developing a start-up with others: one apprentice in
		// three leaves to found one, first in line for the Foundation's start-ups.
		if e.apprenticesDone++; e.apprenticesDone%3 == 0 && !e.cfg.Fixed.Labour {
			e.release(i)
			e.founders++
		}
	}
	e.apprentices = keep
}

// spreadToCoops pays a programme's budget in equal parts to up to k random live co-ops,
// calling then for each payment.
func (e *Economy) spreadToCoops(p int, budget ledger.Amount, k int, then func(c int, paid ledger.Amount)) error {
	if budget <= 0 {
		return nil
	}
	part := budget / ledger.Amount(k)
	for range k {
		c := e.randomCoop()
		if c < 0 || part <= 0 {
			return nil
		}
		if err := e.payCoop(p, c, part); err != nil {
			return err
		}
		if then != nil {
			then(c, part)
		}
	}
	return nil
}

// innovation buys productivity improvements from co-ops.
func (e *Economy) innovation(budget ledger.Amount, month int) error {
	return e.spreadToCoops(ProgInnovation, budget, 5, e.improve)
}

// commons buys commons work from co-ops; it adds to the commons stock, which raises
// every co-op's productivity with diminishing returns (commonsFactor).
func (e *Economy) commons(budget ledger.Amount, month int) error {
	e.commonsStock *= 0.99
	return e.spreadToCoops(ProgCommons, budget, 5, func(_ int, paid ledger.Amount) {
		e.commonsStock += ledger.Float(paid)
	})
}

// commonsFactor is the productivity factor of the commons: 1 + gain × S/(S + Y), S the
// commons stock and Y a month's offered value.
func (e *Economy) commonsFactor() float64 {
	g := e.cfg.Foundation.CommonsGain
	if g <= 0 || e.commonsStock <= 0 {
		return 1
	}
	y := ledger.Float(e.monthOffered)
	return 1 + g*e.commonsStock/(e.commonsStock+max(y, 1))
}

// awareness buys awareness work from co-ops; it brings new members, each invited by
// a member who guarantees them.
func (e *Economy) awareness(budget ledger.Amount, month int) error {
	if err := e.spreadToCoops(ProgAwareness, budget, 3, nil); err != nil {
		return err
	}
	if e.cfg.Foundation.AwarenessCost <= 0 || e.cfg.Fixed.Members {
		return nil
	}
	pop := float64(e.cfg.Foundation.Population)
	if pop <= 0 {
		pop = 10 * float64(e.cfg.Members)
	}
	// the returns fall as members approach all who could join
	room := max(0, 1-float64(e.m.count)/pop)
	e.awarenessCarry += ledger.Float(budget) / (e.cfg.Foundation.AwarenessCost * e.costIndex) * room
	for e.awarenessCarry >= 1 {
		e.awarenessCarry--
		if err := e.invite(); err != nil {
			return err
		}
	}
	return nil
}

// openFoundationMonth clears the Foundation's figures for the month that starts.
func (e *Economy) openFoundationMonth(sim.Tick) error {
	e.foundIncome, e.foundSpend = 0, 0
	clear(e.progSpend[:])
	e.investThisMonth = 0
	return nil
}

// Foundation configures the Co-operative Economy Foundation.
type Foundation struct {
	// SpendRate is the share of its tokens the Foundation spends each month.
	SpendRate float64 `yaml:"spend_rate" json:"spend_rate" min:"0" max:"1" doc:"share of its tokens spent each month"`
	// Programmes are the budget shares before any vote.
	Programmes Programmes `yaml:"programmes" json:"programmes"`
	// VoteEveryMonths: members vote the budget split this often (0: no vote).
	VoteEveryMonths int     `yaml:"vote_every_months" json:"vote_every_months" min:"0" max:"1200" doc:"months between budget votes (0 none)"`
	StartupWorkers  int     `yaml:"startup_workers" json:"startup_workers" min:"1" max:"10000" doc:"founders of a start-up"`
	StartupMonths   float64 `yaml:"startup_months" json:"startup_months" min:"0" max:"120" doc:"months of wage bill a start-up is funded with"`
	Apprenticeship  float64 `yaml:"apprenticeship" json:"apprenticeship" min:"0" max:"1" doc:"an apprentice's pay, share of the host sector's wage"`
	AwarenessCost   float64 `yaml:"awareness_cost" json:"awareness_cost" min:"0" max:"1e12" doc:"tokens of awareness work per new member who joins, while few of those who could join have"`
	// Population is how many people could join in all: awareness brings newcomers
	// in proportion to those not yet members (1 − members/population), so its returns
	// diminish as the economy nears it.
	Population int `yaml:"population" json:"population" min:"0" max:"1000000000" doc:"people who could ever join (0: ten times the starting members); awareness's returns fall as members approach it"`
	// CommonsGain is the most that commons work raises every co-op's productivity, as
	// the commons stock (spending less 1% a month) grows past a month's offered value:
	// gain × stock/(stock + a month's offers).
	CommonsGain float64 `yaml:"commons_gain" json:"commons_gain" min:"0" max:"1" doc:"most that commons work raises every co-op's productivity (diminishing: half of it once the commons stock equals a month's offers)"`
	// TrainingGain is how much an apprentice's training (a third of its time) raises
	// its co-op's productivity when it finishes, shared over the co-op's workers.
	TrainingGain float64 `yaml:"training_gain" json:"training_gain" min:"0" max:"10" doc:"productivity an apprentice's training adds to its co-op when it finishes, over the co-op's workers (a worker's worth: 1 raises a co-op of n workers by 1/n)"`
}

// Programmes are the Foundation's budget shares by programme.
type Programmes struct {
	Startups        float64 `yaml:"startups" json:"startups" min:"0" max:"1" doc:"start-ups aimed at the largest unmet wants"`
	Apprenticeships float64 `yaml:"apprenticeships" json:"apprenticeships" min:"0" max:"1" doc:"apprentices placed in co-ops"`
	Innovation      float64 `yaml:"innovation" json:"innovation" min:"0" max:"1" doc:"productivity of existing co-ops"`
	Commons         float64 `yaml:"commons" json:"commons" min:"0" max:"1" doc:"commons work bought from co-ops"`
	Awareness       float64 `yaml:"awareness" json:"awareness" min:"0" max:"1" doc:"awareness work that brings new members"`
}

func (p Programmes) shares() [NumProgrammes]float64 {
	return [NumProgrammes]float64{p.Startups, p.Apprenticeships, p.Innovation, p.Commons, p.Awareness}
}

// Programmes of the Foundation (MODEL §5).
const (
	ProgStartups = iota
	ProgApprenticeships
	ProgInnovation
	ProgCommons
	ProgAwareness
	NumProgrammes
)

// ProgrammeNames are the Foundation programmes' names in scenarios and metrics.
var ProgrammeNames = [NumProgrammes]string{"startups", "apprenticeships", "innovation", "commons", "awareness"}

package agents

import (
	"github.com/copex/copex/sim/ledger"
)

// Co-op behaviour (MODEL §5): pay members, buy inputs from supplier co-ops, spend
// grant tokens by the scenario's mix, hire and shed, fail after K months unable to pay.

// payMembers has a live co-op pay its members: wages every tick (pro rata when it cannot
// pay in full, which counts against it), and the month's payout: the bonus share of its
// grant and any surplus above its buffer and what it needs for the month's pay, inputs
// and grant-funded purchases, both fixed at the start of the month and paid over the
// month's ticks (what is left of each over the ticks left), so that a weekly clock does
// not put a month's bonus in members' hands in its first week.
//
// The month's pay is fixed at its start the same way: a co-op pays its members the share
// of their pay that what it holds then covers of the month's wage bill (all of it, or
// pro rata: an unpaid month), on every tick of the month, and less on a tick it holds
// less. On a monthly clock that is the month's pay paid at once from the treasury; on a
// weekly one a co-op does not pay its month's wages from the sales of the month's first
// weeks, as a monthly co-op cannot. A co-op run from outside (SetControlled: GetGo's
// player, a workshop participant) pays each tick as far as its treasury goes: its pay
// is decided turn by turn.
func (e *Economy) payMembers(w *work, c int) error {
	if !e.c.alive[c] {
		return nil
	}
	acct := e.c.acct[c]
	bill := e.wageBill(c)
	bal := w.batch.Balance(acct)
	if e.monthBeg {
		e.c.payRate[c] = 1
		month := bill // the month's wage bill: ticks left × a tick's (saturating)
		if e.ticksLeft > 1 {
			month = ledger.Scale(bill, float64(e.ticksLeft))
		}
		if bal < month && !e.c.controlled[c] {
			e.c.payRate[c] = float64(bal) / float64(month)
		}
	}
	if bill > 0 {
		r := e.c.payRate[c]
		if bal < bill {
			r = min(r, float64(bal)/float64(bill))
		}
		if r < 1 {
			e.c.short[c] = true
		}
		left := bal
		crew := e.c.crew[c]
		// Read the crew's accounts first, in a loop of independent reads: in a large
		// economy they are far apart in the ledger, and the payments below would
		// otherwise wait for them one at a time (this took economy-1m's pay phase from
		// 9.5 to 6.0 s of CPU time in a profile).
		var touch ledger.Amount
		for _, m := range crew {
			touch ^= w.batch.Touch(m.acct) // xor: a long run's total of them cannot overflow
		}
		w.touched ^= touch
		for k := len(crew) - 1; k >= 0; k-- { // the list's order
			pay := e.crewWage(c, crew[k])
			if r < 1 {
				pay = min(ledger.Scale(pay, r), left)
			}
			left -= pay
			if err := e.payWorker(w, acct, crew[k].acct, pay, ledger.TxWage); err != nil {
				return err
			}
		}
	}
	if e.monthBeg {
		e.c.bonusLeft[c], e.c.surplusLeft[c] = e.payout(c, w.batch.Balance(acct))
	}
	for _, left := range [2]*ledger.Amount{&e.c.bonusLeft[c], &e.c.surplusLeft[c]} {
		pay := min(e.spread(*left), w.batch.Balance(acct))
		if pay <= 0 {
			continue
		}
		*left -= pay
		if err := e.distribute(w, c, pay); err != nil {
			return err
		}
	}
	return nil
}

// payout returns co-op c's month's payout to its members from bal, what it holds once
// the tick's wages are paid: the bonus share of this month's grant, as far as bal
// goes once the month's pay still to come is set aside, and the surplus above what it
// keeps: its buffer, the month's pay still to come
// (the month's other ticks' wages: none on a monthly clock, where the month's pay has
// just gone out), the month's inputs (this tick's and the others'), its earmarked
// start-up funding and its grant-funded purchases. So a weekly co-op keeps back, at the
// month's start, what a monthly one has already paid or still holds, and pays out the
// same surplus.
//
// The keep is a sum of amounts each at most the money supply (the wage bill of a few
// ticks, scaled with saturation): it is added with saturation, so it cannot wrap.
func (e *Economy) payout(c int, bal ledger.Amount) (bonus, surplus ledger.Amount) {
	use := e.grantUse(c)
	useTotal := use.Bonus + use.Capacity + use.Supplies + use.Innovation
	later := e.dueLater(c)
	keep := ledger.Scale(e.wageBill(c), e.cfg.Coops.BufferMonths/e.perTick)
	keep = addSat(keep, later)
	keep = addSat(keep, e.inputNeed(c))
	keep = addSat(keep, e.c.earmark[c])
	if g := e.c.grant[c]; g > 0 && useTotal > 0 {
		bonus = min(ledger.Scale(g, use.Bonus/useTotal), max(0, bal-later))
		keep = addSat(keep, ledger.Scale(g, (use.Capacity+use.Supplies+use.Innovation)/useTotal))
	}
	return bonus, max(0, bal-bonus-keep)
}

// grantLeft returns what is left of co-op c's month's budgets for its grant-funded
// purchases (supplies, capacity, innovation), or nil on a monthly clock, where the
// month's purchases are ordered at once. The budgets are fixed at the month's start as
// a monthly co-op fixes them: each purchase's share of the month's grant, as far as
// avail (what the co-op can spend once its inputs are ordered and the month's later
// pay and inputs set aside) goes, one after the other. They are spent in equal parts
// of what is left over the month's ticks left: a weekly co-op does not buy more with
// its grant because its sales came in during the month.
func (e *Economy) grantLeft(c int, use GrantUse, avail ledger.Amount) *[3]ledger.Amount {
	if e.monthTicks <= 1 {
		return nil
	}
	left := &e.c.grantLeft[c]
	if !e.monthBeg {
		return left
	}
	*left = [3]ledger.Amount{}
	total := use.Bonus + use.Capacity + use.Supplies + use.Innovation
	if g := e.c.grant[c]; g > 0 && total > 0 {
		for k, share := range [3]float64{use.Supplies, use.Capacity, use.Innovation} {
			left[k] = max(0, min(ledger.Scale(g, share/total), avail))
			avail -= left[k]
		}
	}
	return left
}

// dueLater returns what co-op c will need in the month's ticks after this one: their
// wages and inputs at this tick's wage bill and offer (nothing on a monthly clock, and
// in a month's last tick). A weekly co-op sets it aside from its payout and from its
// purchases, as a monthly one has paid its month's wages and bought its month's inputs
// before it pays out or buys with its grant. At most a few ticks' amounts, each
// saturating: it cannot wrap.
func (e *Economy) dueLater(c int) ledger.Amount {
	rest := e.ticksLeft - 1
	if rest <= 0 {
		return 0
	}
	return addSat(ledger.Scale(e.wageBill(c), float64(rest)), ledger.Scale(e.inputNeed(c), float64(rest)))
}

// addSat adds two non-negative amounts, at most ledger.MaxSupply.
func addSat(a, b ledger.Amount) ledger.Amount {
	if a > ledger.MaxSupply-b {
		return ledger.MaxSupply
	}
	return a + b
}

// grantUse returns how co-op c spends its grant tokens: the scenario's mix, or the
// co-op's own (SetCoopGrantUse).
func (e *Economy) grantUse(c int) GrantUse {
	if len(e.grantUses) > 0 {
		if u, ok := e.grantUses[int32(c)]; ok {
			return u
		}
	}
	return e.cfg.Coops.GrantUse
}

// spread returns this tick's part of what is left of a month's amount: left over the
// ticks left in the month (all of it on a monthly clock, and in a month's last tick).
func (e *Economy) spread(left ledger.Amount) ledger.Amount {
	if e.ticksLeft <= 1 {
		return left
	}
	return left / ledger.Amount(e.ticksLeft)
}

// payMember pays member i from a co-op's account. A co-op's own workers are paid by
// its shard alone, so they are credited at once; anyone else when the shards merge.
func (e *Economy) payMember(w *work, from ledger.AccountID, i int32, amount ledger.Amount, kind ledger.TxKind, own bool) error {
	if amount <= 0 {
		return nil
	}
	var err error
	if own {
		err = w.batch.Pay(from, e.m.acct[i], amount, kind, 0)
	} else {
		err = w.batch.Transfer(from, e.m.acct[i], amount, kind, 0)
	}
	if err != nil {
		return err
	}
	w.wages += amount
	return nil
}

// payWorker pays one of a co-op's own workers, by account: its shard alone pays them,
// so they are credited at once (payMember with own).
func (e *Economy) payWorker(w *work, from, to ledger.AccountID, amount ledger.Amount, kind ledger.TxKind) error {
	if amount <= 0 {
		return nil
	}
	if err := w.batch.Pay(from, to, amount, kind, 0); err != nil {
		return err
	}
	w.wages += amount
	return nil
}

// distribute pays a co-op's surplus to its members by its type: worker and producer
// co-ops to their workers, consumer co-ops to consumer members nearby, and
// multi-stakeholder co-ops half and half.
func (e *Economy) distribute(w *work, c int, amount ledger.Amount) error {
	if amount <= 0 {
		return nil
	}
	toWorkers := amount
	switch e.c.kind[c] {
	case TypeConsumer:
		toWorkers = 0
	case TypeMultiStakeholder:
		toWorkers = amount / 2
	}
	if e.c.workers[c] == 0 {
		toWorkers = 0
	}
	if toWorkers > 0 {
		n := ledger.Amount(e.c.workers[c])
		each, rest := toWorkers/n, toWorkers%n
		crew := e.c.crew[c]
		for k := len(crew) - 1; k >= 0; k-- { // the list's order
			a := each
			if rest > 0 {
				a++
				rest--
			}
			if err := e.payWorker(w, e.c.acct[c], crew[k].acct, a, ledger.TxBonus); err != nil {
				return err
			}
		}
	}
	if toConsumers := amount - toWorkers; toConsumers > 0 {
		// A dividend to up to ten consumer members in the co-op's locality.
		const k = 10
		var picked [k]int32
		n := 0
		for try := 0; try < 4*k && n < k; try++ {
			i := int32(w.rng.IntN(len(e.m.acct)))
			if e.m.active[i] && (e.m.locality[i] == e.c.locality[c] || try >= 2*k) {
				picked[n] = i
				n++
			}
		}
		if n == 0 {
			return nil
		}
		each, rest := toConsumers/ledger.Amount(n), toConsumers%ledger.Amount(n)
		for j := range n {
			a := each
			if ledger.Amount(j) < rest {
				a++
			}
			if err := e.payMember(w, e.c.acct[c], picked[j], a, ledger.TxBonus, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// Coops configures the co-ops.
type Coops struct {
	Count      int                `yaml:"count" json:"count" min:"0" max:"10000000" doc:"co-ops at the start"`
	Types      map[string]float64 `yaml:"types" json:"types" min:"0" max:"1" keys:"worker,producer,consumer,multi_stakeholder" doc:"shares of co-op types"`
	WorkersMin int                `yaml:"workers_min" json:"workers_min" min:"1" max:"100000" doc:"fewest founding workers"`
	WorkersMax int                `yaml:"workers_max" json:"workers_max" min:"1" max:"100000" doc:"most founding workers"`
	// Estimate is the first-month sales estimate E as a share of the value on offer.
	Estimate float64 `yaml:"estimate" json:"estimate" min:"0" max:"10" doc:"first-month sales estimate, share of value on offer"`
	// BufferMonths of wage bill a co-op keeps; it pays the rest out as a member bonus.
	BufferMonths float64 `yaml:"buffer_months" json:"buffer_months" min:"0" max:"120" doc:"months of wage bill kept in the treasury"`
	// FailAfterMonths K: a co-op unable to pay its members this many months in a row fails.
	FailAfterMonths int      `yaml:"fail_after_months" json:"fail_after_months" min:"1" max:"1200" doc:"months unable to pay before a co-op fails"`
	GrantUse        GrantUse `yaml:"grant_use" json:"grant_use"`
	// HireWhenSoldOut: a co-op whose offer sold out takes on the workers its unmet
	// demand calls for, as many as it can pay, at most a quarter more a month.
	HireWhenSoldOut bool `yaml:"hire_when_sold_out" json:"hire_when_sold_out" doc:"co-ops that sell out take on workers"`
	// ShedWhenUnsold: a co-op that sold under half its offer lets a worker go.
	ShedWhenUnsold bool `yaml:"shed_when_unsold" json:"shed_when_unsold" doc:"co-ops that sell under half their offer let a worker go"`
	// CapacityGain is the rise in productivity per token invested, relative to a
	// month's value on offer (capacity investment and innovation).
	CapacityGain float64 `yaml:"capacity_gain" json:"capacity_gain" min:"0" max:"10" doc:"productivity gain per month's offer value invested (falling as productivity rises above its sector's: diminishing returns)"`
	// Depreciation is the share of productivity above its sector's base that is lost
	// each month: capacity built by investment wears out unless renewed.
	Depreciation float64 `yaml:"depreciation" json:"depreciation" min:"0" max:"1" doc:"share a month of productivity above the sector's base that wears out"`
	// InputSubstitution is the share of a co-op's capacity that does not need its
	// inputs: 0 is Leontief (no inputs, no output), 1 ignores inputs.
	InputSubstitution float64 `yaml:"input_substitution" json:"input_substitution" min:"0" max:"1" doc:"share of capacity that needs no inputs (0: Leontief, no input no output; 1: inputs do not bind)"`
	// IndexCosts indexes nominal costs to the price index each month: wages and
	// stipends, start-ups' funding and the Foundation's awareness cost per member.
	IndexCosts bool `yaml:"index_costs" json:"index_costs" doc:"nominal costs (wages, stipends, start-up funding, awareness cost) follow the price index month by month"`
	// Pay is how a co-op sets its members' pay: fixed (its sector's wage) or
	// within_means (each month towards last month's value added per worker: sales less
	// the inputs they took, as a labour-managed firm pays its members, Ward 1958), at
	// most PaySpeed of the gap a month, between PayFloor and PayCap times the sector's
	// wage. Its type still decides who gets the surplus above the buffer.
	Pay      string  `yaml:"pay" json:"pay" enum:"fixed,within_means" doc:"how co-ops set pay: fixed (the sector's wage) or within_means (towards value added per worker)"`
	PayFloor float64 `yaml:"pay_floor" json:"pay_floor" min:"0.01" max:"1" doc:"within_means: lowest pay, times the sector's wage"`
	PayCap   float64 `yaml:"pay_cap" json:"pay_cap" min:"1" max:"100" doc:"within_means: highest pay, times the sector's wage"`
	PaySpeed float64 `yaml:"pay_speed" json:"pay_speed" min:"0" max:"1" doc:"within_means: share of the gap to value added per worker closed a month"`
}

// setPay moves co-op c's pay towards its value added per worker last month (Coops.Pay
// within_means).
func (e *Economy) setPay(c int, sales ledger.Amount) {
	cc := &e.cfg.Coops
	w := e.c.workers[c] - e.c.apprentices[c]
	base := ledger.Scale(e.wage[e.c.sector[c]], e.costIndex)
	if w <= 0 || base <= 0 {
		return
	}
	var inputs float64
	for _, in := range e.inputs[e.c.sector[c]] {
		inputs += in.coef
	}
	added := float64(sales) * max(0, 1-inputs) / float64(w)
	m := e.c.wageMul[c]
	m += cc.PaySpeed * (added/float64(base) - m)
	m = min(max(m, cc.PayFloor), cc.PayCap)
	if m != e.c.wageMul[c] {
		e.c.wageMul[c] = m
		e.rebill(c)
	}
}

// GrantUse is how co-ops spend grant tokens (shares, normalised to sum to 1).
type GrantUse struct {
	Bonus      float64 `yaml:"bonus" json:"bonus" min:"0" max:"1" doc:"paid to members as a bonus"`
	Capacity   float64 `yaml:"capacity" json:"capacity" min:"0" max:"1" doc:"capacity investment, bought from other co-ops"`
	Supplies   float64 `yaml:"supplies" json:"supplies" min:"0" max:"1" doc:"extra purchases from supplier co-ops"`
	Innovation float64 `yaml:"innovation" json:"innovation" min:"0" max:"1" doc:"innovation, bought from other co-ops"`
}

// validate checks the co-op section's relations, for an economy of members members and
// founding hand-placed co-ops.
func (c *Coops) validate(members, founding int) error {
	if c.WorkersMin > c.WorkersMax {
		return fieldErr("coops.workers_min", "is %d, more than coops.workers_max (%d)", c.WorkersMin, c.WorkersMax)
	}
	for _, k := range sortedKeys(c.Types) {
		switch k {
		case "worker", "producer", "consumer", "multi_stakeholder":
		default:
			return fieldErr("coops.types."+k, "unknown co-op type (worker, producer, consumer, multi_stakeholder)")
		}
	}
	need := c.Count*c.WorkersMin + founding
	if need > members {
		return fieldErr("members", "%d members cannot staff %d co-ops of at least %d workers", members, c.Count, c.WorkersMin)
	}
	return nil
}

package ledger

import "math"

// A Batch is one shard's view of the ledger during a parallel phase of a tick. Several
// batches may be used at once from different goroutines, on these terms:
//
//   - the accounts a batch debits (payers, savers) are debited by no other batch and
//     changed by nothing else during the phase;
//   - nothing opens, closes or issues to accounts during the phase;
//   - a batch reads no balance but those of the accounts it debits.
//
// A batch debits the payer at once and holds the payee's credit until Apply, which
// credits the payees, adds the batches' rejection counts and writes their journal
// entries, batch by batch in the order given. So the outcome, the journal included,
// depends only on what each batch did and the order of the batches, never on which
// goroutine ran which batch or when.
type Batch struct {
	l            *Ledger
	rejected     [NumRules]int64
	insufficient int64
	credits      creditTable
	dense        []Amount // credits by account, while this batch credits many accounts
	spare        []Amount // the dense array while the batch credits few (all zero), kept for when it credits many again
	inDense      bool     // a credit went into dense this phase (a store, not a count: no cost on the hot path)
	// counts: in dense mode, TransferEach's credits of one amount (unit) this phase,
	// counted by account modulo 256, an eighth of the memory of dense (each 256th
	// credit of an account goes to the table as 256 of them); counted is their
	// number, which bounds any account's credits times unit (see TransferEach).
	counts   []uint8
	unit     Amount
	counted  int64
	wraps    int64 // counts that wrapped to 0 (their 256 credits went to the table)
	inCounts bool
	touched  int    // accounts credited in dense mode last phase, or counted credits (Apply's guide to the mode)
	moved    Totals // what the batch changed at once (debits, Pay, Save): the running totals' share until Apply
	payees   []AccountID
	slots    []slot // by payee index: credits, and what the rules read of the payee
	pfresh   bool   // slots hold this phase's payees
	entries  []batchEntry
	tainted  []batchEntry // Options.GrantTaint: payments whose grant part turns into the payee's lot at Apply
	_        [64]byte     // the fields above are written by one goroutine: keep them off the next batch's cache line
}

// A batch holds its credits in a hash table by account, or, when it credits many of
// the accounts of a ledger of at most denseLimit accounts (one in denseShare or more),
// in a plain array by account: faster to add to, and cheap to apply then.
const (
	denseLimit = 1 << 18
	denseShare = 16
)

// slot is what a batch keeps per indexed payee, together so that paying one touches
// one cache line: the credits, the account and its rule flags.
type slot struct {
	amount Amount
	acct   AccountID
	flags  uint8
	buy    bool // a registered co-op: any registered participant but a co-op may buy from it
}

type batchEntry struct {
	op           Op
	payer, payee AccountID
	amount       Amount
	kind         TxKind
	ref          int64
	grant        Amount // the grant part of the debit
}

// NewBatch returns an empty batch on l.
func (l *Ledger) NewBatch() *Batch { return &Batch{l: l} }

func (b *Batch) credit(a AccountID, v Amount) {
	if uint(a) < uint(len(b.dense)) {
		b.dense[a] += v
		b.inDense = true
		return
	}
	b.credits.add(a, v)
}

// apply credits the payees held in the table, returns what it credited, and chooses
// the mode for the next phase.
func (b *Batch) apply(ordinary []Amount) Amount {
	if b.dense != nil {
		// The array itself was added in by applyDense, which counted the accounts.
		if b.touched*denseShare*2 < len(b.dense) {
			b.spare, b.dense = b.dense, nil // few payees now: back to the table
		}
		b.touched = 0
	}
	n := len(ordinary)
	many := len(b.credits.used)*denseShare >= n
	var sum Amount
	for _, i := range b.credits.used {
		a, v := AccountID(b.credits.keys[i]-1), b.credits.vals[i]
		ordinary[a] += v
		sum += v
	}
	b.credits.reset()
	if many {
		b.toDense()
	}
	return sum
}

// toDense has the batch hold its credits in an array by account from the next phase,
// if the ledger is small enough for one.
func (b *Batch) toDense() {
	n := len(b.l.ordinary)
	if b.dense != nil || n > denseLimit {
		return
	}
	// a batch that goes back and forth between few and many payees reuses its array
	if len(b.spare) == n {
		b.dense, b.spare = b.spare, nil
	} else {
		b.dense, b.spare = make([]Amount, n), nil
	}
}

// ExpectMany says that the batch will credit many of the ledger's accounts in each
// phase (every member, in a random exchange): it holds its credits in an array by
// account from its first phase, rather than in its table until one phase has shown
// it many payees (a first phase that, at 100,000 accounts, cost as much as ten
// others). Call it between phases. A batch that then credits few goes back to its
// table, as any does.
func (b *Batch) ExpectMany() { b.toDense() }

// Transfer checks the operating rules and the payer's funds, debits the payer (grant
// lots first) and holds the credit to the payee until Apply. Rejections are counted
// in the batch.
func (b *Batch) Transfer(payer, payee AccountID, amount Amount, kind TxKind, ref int64) error {
	// send and credit, written out so that the common case makes no further call.
	l := b.l
	if !l.plain(payer, payee, amount, kind) {
		if err := l.checkRulesCount(payer, payee, amount, kind, &b.rejected); err != nil {
			return err
		}
	}
	var g Amount
	if l.held.Grant != 0 {
		if l.ordinary[payer]+l.grant[payer] < amount {
			b.insufficient++
			return ErrInsufficientFunds
		}
		g = l.debit(payer, amount, &b.moved)
	} else {
		// No account holds grant tokens: nothing to read but the ordinary ones.
		o := l.ordinary[payer]
		if o < amount {
			b.insufficient++
			return ErrInsufficientFunds
		}
		l.ordinary[payer] = o - amount
		b.moved.Ordinary -= amount
	}
	if l.journal != nil || g > 0 && l.opts.GrantTaint {
		b.record(batchEntry{OpTransfer, payer, payee, amount, kind, ref, g})
	}
	if uint(payee) < uint(len(b.dense)) {
		b.dense[payee] += amount
		b.inDense = true
	} else {
		b.credits.add(payee, amount)
	}
	return nil
}

// TransferEach makes, for each k in order with payees[k] != NoAccount, the transfer
// Transfer(first+k, payees[k], amount, kind, ref): what a phase in which each of a run
// of contiguous accounts pays one payee comes to. It stops at the first transfer
// that fails and returns its error, as a loop of Transfer calls stopping there would.
// Laid out as one tight loop, it keeps many payees' credits in flight at once.
func (b *Batch) TransferEach(first AccountID, payees []AccountID, amount Amount, kind TxKind, ref int64) error {
	l := b.l
	n := AccountID(len(l.ordinary))
	if first < 0 || int(first)+len(payees) > len(l.ordinary) || amount <= 0 ||
		l.special != 0 || kind == TxPurchase || kind == TxConversion || l.held.Grant != 0 || l.journal != nil {
		// Not the plainest case: one by one.
		for k, q := range payees {
			if q == NoAccount {
				continue
			}
			if err := b.Transfer(first+AccountID(k), q, amount, kind, ref); err != nil {
				return err
			}
		}
		return nil
	}
	// Every account is a plain participant, none holds grant tokens, nothing is
	// journalled: a payment needs a payee in range other than the payer, and funds.
	ord := l.ordinary[first : first+AccountID(len(payees))]
	if c := b.counted + int64(len(payees)); b.dense != nil && (b.unit == 0 || b.unit == amount) && c <= math.MaxInt64/int64(amount) {
		return b.countEach(first, payees, ord, amount, kind, ref)
	}
	dense := b.dense
	b.inDense = b.inDense || len(dense) > 0
	var paid Amount
	for k, q := range payees {
		if q == NoAccount {
			continue
		}
		p := first + AccountID(k)
		o := ord[k]
		if uint(q) >= uint(n) || q == p || o < amount {
			// Transfer rejects it, and counts it, as it would have alone.
			b.moved.Ordinary -= paid
			paid = 0
			if err := b.Transfer(p, q, amount, kind, ref); err != nil {
				return err
			}
			continue
		}
		ord[k] = o - amount
		paid += amount
		if uint(q) < uint(len(dense)) {
			dense[q] += amount
		} else {
			b.credits.add(q, amount)
		}
	}
	b.moved.Ordinary -= paid
	return nil
}

// countEach is TransferEach's loop for a batch in dense mode whose credits of the
// phase by TransferEach are all of one amount: it counts them by payee, in a byte
// per account, rather than adding amounts to dense (a payee credited 256 times by
// the batch in one phase wraps its count to 0, and 256 credits go to the table: a
// branch taken so seldom that it costs nothing). The array is small enough to stay in
// a core's cache, and to be summed and cleared at Apply in an eighth of the reads
// and writes of dense. Counting at most MaxInt64/amount credits in a phase
// (TransferEach's condition) keeps any account's credits times amount within an
// Amount. It is a loop of its own beside TransferEach's, which it copies but for the
// credit, so that neither pays for a branch on the mode at every payment.
func (b *Batch) countEach(first AccountID, payees []AccountID, ord []Amount, amount Amount, kind TxKind, ref int64) error {
	n := AccountID(len(b.l.ordinary))
	if len(b.counts) != len(b.dense) {
		b.counts = make([]uint8, len(b.dense))
	}
	counts := b.counts
	b.unit, b.inCounts = amount, true
	var paid Amount
	var counted int64
	for k, q := range payees {
		if q == NoAccount {
			continue
		}
		p := first + AccountID(k)
		o := ord[k]
		if uint(q) >= uint(n) || q == p || o < amount {
			b.moved.Ordinary -= paid
			b.counted += counted
			paid, counted = 0, 0
			if err := b.Transfer(p, q, amount, kind, ref); err != nil {
				return err
			}
			continue
		}
		ord[k] = o - amount
		paid += amount
		if uint(q) < uint(len(counts)) {
			c := counts[q] + 1
			counts[q] = c
			if c == 0 {
				b.credits.add(q, 256*amount) // wrapped
				b.wraps++
			}
			counted++
		} else {
			b.credits.add(q, amount)
		}
	}
	b.moved.Ordinary -= paid
	b.counted += counted
	return nil
}

// send checks a payment against the rules and the payer's funds, debits the payer and
// records the journal entry; the caller credits the payee.
func (b *Batch) send(payer, payee AccountID, amount Amount, kind TxKind, ref int64) error {
	_, err := b.sendGrant(payer, payee, amount, kind, ref)
	return err
}

// record keeps a payment's journal entry, and under Options.GrantTaint the payment
// itself when its grant part is to become the payee's grant lot at Apply.
func (b *Batch) record(e batchEntry) {
	if e.grant > 0 && b.l.opts.GrantTaint {
		b.tainted = append(b.tainted, e)
		if b.l.journal == nil {
			return
		}
		e.op = opTainted // written at Apply, with the lot's expiry
	}
	b.entries = append(b.entries, e)
}

// sendGrant is send, returning the grant part of the debit.
func (b *Batch) sendGrant(payer, payee AccountID, amount Amount, kind TxKind, ref int64) (Amount, error) {
	l := b.l
	if !l.plain(payer, payee, amount, kind) {
		if err := l.checkRulesCount(payer, payee, amount, kind, &b.rejected); err != nil {
			return 0, err
		}
	}
	if l.ordinary[payer]+l.grant[payer] < amount {
		b.insufficient++
		return 0, ErrInsufficientFunds
	}
	g := l.debit(payer, amount, &b.moved)
	if l.journal != nil || g > 0 && l.opts.GrantTaint {
		b.record(batchEntry{OpTransfer, payer, payee, amount, kind, ref, g})
	}
	return g, nil
}

// Pay is Transfer that credits the payee at once, for a payee that no other batch
// credits, debits or reads during the phase (a co-op paying its own workers, say).
func (b *Batch) Pay(payer, payee AccountID, amount Amount, kind TxKind, ref int64) error {
	l := b.l
	if l.journal == nil && l.plain(payer, payee, amount, kind) && l.grant[payer] == 0 {
		// The plainest case, written out (a co-op's payroll): no rule to check, no
		// grant part, nothing journalled; the debit and the credit cancel in the
		// batch's running totals.
		if o := l.ordinary[payer]; o >= amount {
			l.ordinary[payer] = o - amount
			l.ordinary[payee] += amount
			return nil
		}
	}
	if err := b.send(payer, payee, amount, kind, ref); err != nil {
		return err
	}
	b.l.ordinary[payee] += amount
	b.moved.Ordinary += amount
	return nil
}

// SetPayees declares frequent payees that TransferTo names by index k: their credits
// are summed in a plain array by index. The slice is read at Apply, not copied; its
// accounts must be distinct. Batches that share one slice are merged faster.
func (b *Batch) SetPayees(accounts []AccountID) {
	b.payees = accounts
	b.pfresh = false
}

// refresh loads the payees' accounts and rule flags into the slots, once a phase
// (registrations do not change within one), and clears their credits (Apply read
// them, and left them: the goroutine that uses the batch next clears them here, in
// one pass over its own slots, rather than the goroutine that summed every batch's,
// whose cache then held them when their own goroutine credited them one at a time).
func (b *Batch) refresh() {
	n := len(b.payees)
	if cap(b.slots) < n {
		s := make([]slot, n, n+n/4)
		copy(s, b.slots)
		b.slots = s
	}
	b.slots = b.slots[:n]
	for k, a := range b.payees {
		f := b.l.flags[a]
		b.slots[k] = slot{acct: a, flags: f, buy: f&(flagOK|flagCoop) == flagOK|flagCoop}
	}
	b.pfresh = true
}

// TransferTo is Transfer to the k-th payee declared with SetPayees.
func (b *Batch) TransferTo(payer AccountID, k int, amount Amount, kind TxKind, ref int64) error {
	if !b.pfresh {
		b.refresh()
	}
	sl := &b.slots[k]
	if l := b.l; l.journal == nil && l.plain(payer, sl.acct, amount, kind) && l.grant[payer] == 0 {
		// The plainest case, written out (a member's levy): as send would, with no
		// rule to check, no grant part and nothing journalled.
		if o := l.ordinary[payer]; o >= amount {
			l.ordinary[payer] = o - amount
			b.moved.Ordinary -= amount
			sl.amount += amount
			return nil
		}
	}
	if err := b.send(payer, sl.acct, amount, kind, ref); err != nil {
		return err
	}
	sl.amount += amount
	return nil
}

// TransferToAll pays amounts[i] to the payee numbered ks[i] (see SetPayees), for
// every i, from one payer: each payment is checked against the operating rules (one
// that breaks a rule is counted and left out), the funds once for the total, and the
// payer is debited once. It returns the total paid. A zero amount is left out, and its
// payee number may then be anything, −1 for none: a caller can pass a fixed list of
// candidate payees and the amounts it has for them, without compacting it.
func (b *Batch) TransferToAll(payer AccountID, ks []int32, amounts []Amount, kind TxKind, ref int64) (Amount, error) {
	if !b.pfresh {
		b.refresh()
	}
	l := b.l
	pf := uint8(0)
	if uint(payer) < uint(len(l.flags)) {
		pf = l.flags[payer]
	}
	if l.journal == nil && !l.opts.GrantTaint {
		return b.transferToAllPlain(payer, pf, ks, amounts, kind)
	}
	var total Amount
	for i, k := range ks {
		a := amounts[i]
		if a == 0 {
			continue
		}
		sl := &b.slots[k]
		if !b.fastTo(payer, pf, sl, kind) || a < 0 {
			if err := l.checkRulesCount(payer, sl.acct, a, kind, &b.rejected); err != nil {
				amounts[i] = 0 // left out
				continue
			}
		}
		total += a
	}
	if total == 0 {
		return 0, nil
	}
	if l.ordinary[payer]+l.grant[payer] < total {
		b.insufficient++
		return 0, ErrInsufficientFunds
	}
	g := l.debit(payer, total, &b.moved)
	o := total - g // the ordinary part: the two are split among the payments
	for i, k := range ks {
		if a := amounts[i]; a > 0 {
			sl := &b.slots[k]
			sl.amount += a
			if l.journal != nil || g > 0 && l.opts.GrantTaint {
				b.record(batchEntry{OpTransfer, payer, sl.acct, a, kind, ref, l.split(a, &g, &o)})
			}
		}
	}
	return total, nil
}

// fastTo reports whether a payment from payer (its flags pf) to the payee of slot sl
// plainly keeps the rules: two registered participants, the Foundation paying a co-op
// only, a purchase from a co-op.
func (b *Batch) fastTo(payer AccountID, pf uint8, sl *slot, kind TxKind) bool {
	qf := sl.flags
	return pf&qf&flagOK != 0 && payer != sl.acct && (pf&flagFoundation == 0 || qf&flagCoop != 0) &&
		(kind != TxPurchase || qf&flagCoop != 0) && kind != TxConversion
}

// transferToAllPlain is TransferToAll when nothing is recorded of each payment (no
// journal, no grant taint): the payees are checked and credited in one pass over their
// slots, and the credits are taken back if the payer cannot pay the total.
func (b *Batch) transferToAllPlain(payer AccountID, pf uint8, ks []int32, amounts []Amount, kind TxKind) (Amount, error) {
	l := b.l
	var total Amount
	amounts = amounts[:len(ks)]
	start := 0
	if kind == TxPurchase && pf&(flagOK|flagCoop) == flagOK {
		// A purchase by a registered participant that is not a co-op (so never its
		// own payee): plain for every payee that is a registered co-op.
		total, start = b.creditPurchases(ks, amounts)
	}
	for i := start; i < len(ks); i++ {
		k, a := ks[i], amounts[i]
		sl := &b.slots[k&^(k>>31)] // a payee of −1 (its amount 0) reads slot 0 and adds nothing
		if !b.fastTo(payer, pf, sl, kind) || a < 0 {
			if a == 0 {
				continue
			}
			if err := l.checkRulesCount(payer, sl.acct, a, kind, &b.rejected); err != nil {
				amounts[i] = 0 // left out
				continue
			}
		}
		sl.amount += a
		total += a
	}
	return b.debitAll(payer, ks, amounts, total)
}

// creditPurchases credits the payees ks[i] with amounts[i], from the first on, while
// each is a registered co-op or the amount zero (a payee of −1 then reads slot 0 and
// adds nothing), and returns the sum credited and the index of the first payment that
// is neither (len(ks) when there is none), for the caller to check by the rules. It
// calls nothing, so that the Go compiler keeps its loop in registers.
func (b *Batch) creditPurchases(ks []int32, amounts []Amount) (Amount, int) {
	slots := b.slots
	amounts = amounts[:len(ks)]
	var total Amount
	for i, k := range ks {
		a := amounts[i]
		sl := &slots[k&^(k>>31)]
		if !(sl.buy || a == 0) || a < 0 {
			return total, i
		}
		sl.amount += a
		total += a
	}
	return total, len(ks)
}

// debitAll debits payer the total of the payments transferToAllPlain credited, or
// takes the credits back if the payer cannot pay it.
func (b *Batch) debitAll(payer AccountID, ks []int32, amounts []Amount, total Amount) (Amount, error) {
	l := b.l
	if total == 0 {
		return 0, nil
	}
	if l.ordinary[payer]+l.grant[payer] < total {
		for i, k := range ks {
			b.slots[k&^(k>>31)].amount -= amounts[i] // 0 for a payment left out
		}
		b.insufficient++
		return 0, ErrInsufficientFunds
	}
	l.debit(payer, total, &b.moved)
	return total, nil
}

// PaidTo returns what the batch has paid, so far in this phase, to the k-th payee
// declared with SetPayees.
func (b *Batch) PaidTo(k int) Amount {
	if b.pfresh && k < len(b.slots) {
		return b.slots[k].amount
	}
	return 0
}

// Save moves amount of an account's ordinary tokens into savings, at once.
func (b *Batch) Save(a AccountID, amount Amount) error {
	return b.l.move(a, amount, OpSave, &b.rejected, &b.insufficient, b, &b.moved)
}

// Withdraw moves amount from an account's savings back to its ordinary tokens, at once.
func (b *Batch) Withdraw(a AccountID, amount Amount) error {
	return b.l.move(a, amount, OpWithdraw, &b.rejected, &b.insufficient, b, &b.moved)
}

// Balance returns an account's spendable tokens. Within a phase, only the accounts
// the batch debits may be read.
func (b *Batch) Balance(a AccountID) Amount {
	if b.l.held.Grant == 0 {
		return b.l.ordinary[a] // no account holds grant tokens (and none can get any in a phase)
	}
	return b.l.ordinary[a] + b.l.grant[a]
}

// Touch reads account a's ordinary balance and rule flags and returns a value made of
// them that means nothing: a loop of Touch over the payees of a payroll, run before
// paying them, has the processor fetch their accounts together (their reads are
// independent), rather than one cache miss at a time as each payment waits for the
// last in a ledger of a million accounts. It changes nothing.
func (b *Batch) Touch(a AccountID) Amount {
	l := b.l
	if uint(a) >= uint(len(l.ordinary)) || uint(a) >= uint(len(l.flags)) {
		return 0
	}
	return l.ordinary[a] + Amount(l.flags[a])
}

// Apply ends a parallel phase: for each batch in order it credits the payees, adds the
// rejection counts and writes the journal entries, then empties the batch for reuse.
func (l *Ledger) Apply(batches ...*Batch) {
	var credited Amount // every credit made here, for the running totals
	l.dense = l.dense[:0]
	for _, b := range batches {
		if b.dense != nil && (b.inDense || b.inCounts) {
			l.dense = append(l.dense, b) // clearDense resets the flags
		}
	}
	if len(l.dense) > 0 {
		n := 0
		for _, b := range l.dense {
			n = max(n, len(b.dense))
			if b.inCounts {
				// What the counts hold, known from the counting: applyDense only adds.
				credited += Amount(b.counted-256*b.wraps) * b.unit
				b.touched += int(b.counted) // credits, not accounts: enough to choose the mode by
			}
		}
		l.denseLen = n
		chunks := (n + 1<<denseChunkBits - 1) >> denseChunkBits
		l.chunkSums(chunks)
		nb := len(l.dense)
		if cap(l.touched) < chunks*nb {
			l.touched = make([]int, chunks*nb)
		}
		l.touched = l.touched[:chunks*nb]
		if l.runner != nil && nb*n > 1<<16 {
			// Each batch's array is cleared by the goroutine that owns the batch (the
			// pool's tasks i land on the goroutine whose shards they are), not by the
			// one that added a chunk of it: that keeps the array's cache lines in the
			// core that writes them next tick.
			l.runner.Run(chunks, l.denseFn)
			l.runner.Run(nb, l.clearFn)
		} else {
			for k := range chunks {
				l.applyDense(k)
			}
			for i := range nb {
				l.clearDense(i)
			}
		}
		credited += l.sumChunks(chunks)
		for i, b := range l.dense {
			for k := range chunks {
				b.touched += l.touched[k*nb+i]
			}
		}
	}
	// Indexed payees: summed over the batches range by range, in parallel when there
	// are many. Batches of one phase share one payee list.
	l.slotBatches = batches
	l.slotLen = 0
	shared := true // one payee list (distinct accounts): ranges can go in parallel
	var first *AccountID
	for _, b := range batches {
		l.slotLen = max(l.slotLen, len(b.slots))
		if len(b.payees) > 0 {
			if first == nil {
				first = &b.payees[0]
			} else if &b.payees[0] != first {
				shared = false
			}
		}
	}
	if chunks := (l.slotLen + 1<<slotChunkBits - 1) >> slotChunkBits; chunks > 0 {
		l.chunkSums(chunks)
		if l.runner != nil && shared && len(batches)*l.slotLen > 1<<16 {
			l.runner.Run(chunks, l.slotFn)
		} else {
			for k := range chunks {
				l.applySlots(k)
			}
		}
		credited += l.sumChunks(chunks)
	}
	l.slotBatches = nil
	for _, b := range batches {
		b.pfresh = false
		credited += b.apply(l.ordinary)
		l.held.Ordinary += b.moved.Ordinary
		l.held.Grant += b.moved.Grant
		l.held.Savings += b.moved.Savings
		b.moved = Totals{}
		for r, n := range b.rejected {
			l.rejected[r] += n
		}
		l.insufficient += b.insufficient
		b.rejected, b.insufficient = [NumRules]int64{}, 0
	}
	l.held.Ordinary += credited
	// Every credit is in: the grant parts of tainted payments become their payees'
	// lots (each payee's lot of this month is the youngest it holds), and the journal
	// is written, batch by batch.
	for _, b := range batches {
		var exp int32
		for _, e := range b.tainted {
			exp = l.taint(e.payee, e.grant)
		}
		b.tainted = b.tainted[:0]
		if l.journal != nil {
			for _, e := range b.entries {
				x := int32(0)
				if e.op == opTainted {
					e.op, x = OpTransfer, exp
				}
				l.journal.debitEntry(l.tick, e.op, e.payer, e.payee, e.amount, e.kind, e.ref, e.grant, x)
			}
		}
		b.entries = b.entries[:0]
	}
}

// opTainted marks, in a batch's journal entries, a transfer whose grant part becomes
// the payee's grant lot at Apply.
const opTainted = OpEnd + 1

// chunkSums readies l.credited for n range tasks.
func (l *Ledger) chunkSums(n int) {
	if cap(l.credited) < n {
		l.credited = make([]Amount, n)
	}
	l.credited = l.credited[:n]
	clear(l.credited)
}

// sumChunks returns what the range tasks credited.
func (l *Ledger) sumChunks(n int) Amount {
	var t Amount
	for _, v := range l.credited[:n] {
		t += v
	}
	return t
}

// Runner runs n tasks, possibly at once (sim.Pool is one).
type Runner interface {
	Run(n int, task func(int))
}

// SetRunner lets Apply add the batches' credit arrays in parallel, range by range.
// The result is the same with or without it.
func (l *Ledger) SetRunner(r Runner) {
	l.runner = r
	if l.denseFn == nil {
		l.denseFn, l.slotFn, l.clearFn = l.applyDense, l.applySlots, l.clearDense
	}
}

const denseChunkBits = 14

// slotChunkBits sizes applySlots' ranges of payees: every batch has a slot for each
// payee (a hundred batches for the ten thousand co-ops of economy-1m), so a range is
// read from every batch, and ranges as long as denseChunkBits' made one range of
// those co-ops, summed on one core while the other waited.
const slotChunkBits = 10

// applySlots credits the indexed payees of range k with what every batch paid them.
func (l *Ledger) applySlots(k int) {
	lo := k << slotChunkBits
	hi := min(lo+1<<slotChunkBits, l.slotLen)
	var sum Amount
	for _, b := range l.slotBatches {
		if !b.pfresh {
			continue // not used this phase: what its slots hold was applied before
		}
		top := min(hi, len(b.slots))
		for j := lo; j < top; j++ {
			if sl := &b.slots[j]; sl.amount != 0 {
				l.ordinary[sl.acct] += sl.amount
				sum += sl.amount
			}
		}
	}
	l.credited[k] = sum
}

// applyDense adds the credit arrays of the batches in l.dense to chunk k of the
// accounts, and clears them there.
func (l *Ledger) applyDense(k int) {
	lo := k << denseChunkBits
	hi := min(lo+1<<denseChunkBits, l.denseLen)
	ord := l.ordinary[lo:hi]
	var sum Amount
	nb := len(l.dense)
	var pending *Batch // a batch whose counts wait for another's of the same unit
	for bi, b := range l.dense {
		touched := 0
		if b.inDense && lo < len(b.dense) {
			var s Amount
			s, touched = addDense(ord, b.dense[lo:min(hi, len(b.dense))])
			sum += s
		}
		l.touched[k*nb+bi] = touched
		if !b.inCounts || lo >= len(b.counts) {
			continue
		}
		// Counts are added two batches at a time where they can be: one pass over the
		// balances for both (a pass for each made Apply no faster on two goroutines
		// than on one, each adding twice the arrays over half the accounts).
		c := b.counts[lo:min(hi, len(b.counts))]
		switch {
		case pending == nil:
			pending = b
		case pending.unit == b.unit && len(pending.counts) == len(b.counts):
			addCounts2(ord, pending.counts[lo:lo+len(c)], c, b.unit)
			pending = nil
		default:
			addCounts(ord, pending.counts[lo:min(hi, len(pending.counts))], pending.unit)
			pending = b
		}
	}
	if pending != nil {
		addCounts(ord, pending.counts[lo:min(hi, len(pending.counts))], pending.unit)
	}
	l.credited[k] = sum
}

// addCounts2 is addCounts for two batches' counts of the same unit, in one pass.
//
//go:noinline
func addCounts2(o []Amount, c, d []uint8, unit Amount) {
	o, d = o[:len(c)], d[:len(c)]
	for i, n := range c {
		o[i] += Amount(uint(n)+uint(d[i])) * unit
	}
}

// addDense adds d to o (as long), and returns the sum of d and how many of its
// credits are not zero. It is a function of its own, not inlined, so that its loop
// has the registers: written in applyDense, it kept its running sums on the stack
// and took a third longer.
//
//go:noinline
func addDense(o, d []Amount) (sum Amount, touched int) {
	o = o[:len(d)]
	for i, v := range d {
		o[i] += v
		sum += v
		touched += int(uint64(v|-v) >> 63) // v != 0, without a branch to mispredict
	}
	return sum, touched
}

// addCounts adds c[i] credits of unit to o[i]: a load, a multiplication and an add
// an account (Apply knows their sum and number from the counting). Like addDense, not
// inlined.
//
//go:noinline
func addCounts(o []Amount, c []uint8, unit Amount) {
	o = o[:len(c)]
	for i, n := range c {
		o[i] += Amount(n) * unit
	}
}

// clearDense clears the credit array, and the counts, of the i'th batch of l.dense.
func (l *Ledger) clearDense(i int) {
	b := l.dense[i]
	if b.inDense {
		clear(b.dense)
		b.inDense = false
	}
	if b.inCounts {
		clear(b.counts)
		b.inCounts, b.unit, b.counted, b.wraps = false, 0, 0, 0
	}
}

// Pending returns the credits a batch holds for payees (for tests).
func (b *Batch) Pending() Amount {
	var t Amount
	for _, sl := range b.slots {
		if b.pfresh {
			t += sl.amount
		}
	}
	for _, v := range b.dense {
		t += v
	}
	for _, n := range b.counts {
		t += Amount(n) * b.unit
	}
	b.credits.each(func(_ AccountID, a Amount) { t += a })
	return t
}

// checkOwn checks a move within one account (save or withdraw) of amount from part.
func (l *Ledger) checkOwn(a AccountID, amount Amount, part []Amount, rejected *[NumRules]int64, insufficient *int64) error {
	if amount <= 0 {
		return ErrBadAmount
	}
	if !l.has(a) {
		return ErrNoSuchAccount
	}
	if !l.active[a] {
		rejected[RuleMembersOnly]++
		return ErrPayerNotRegistered
	}
	if part[a] < amount {
		*insufficient++
		return ErrInsufficientFunds
	}
	return nil
}

// creditTable sums credits by account: open addressing with linear probing, keys
// offset by one so that the zero value means empty. It keeps its memory between
// ticks, so that a steady state allocates nothing.
type creditTable struct {
	keys  []int32 // account+1, 0 for empty
	vals  []Amount
	used  []int32 // slots in use, in order of first use
	shift uint
}

func (t *creditTable) add(a AccountID, v Amount) {
	if len(t.used)*2 >= len(t.keys) {
		t.grow()
	}
	k := int32(a) + 1
	mask := len(t.keys) - 1
	i := int(uint32(k)*0x9E3779B1>>t.shift) & mask
	for {
		switch t.keys[i] {
		case k:
			t.vals[i] += v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.used = append(t.used, int32(i))
			return
		}
		i = (i + 1) & mask
	}
}

func (t *creditTable) grow() {
	n := max(len(t.keys)*2, 1024)
	old := *t
	bits := uint(0)
	for 1<<bits < n {
		bits++
	}
	*t = creditTable{keys: make([]int32, n), vals: make([]Amount, n), used: make([]int32, 0, n/2), shift: 32 - bits}
	for _, i := range old.used {
		t.add(AccountID(old.keys[i]-1), old.vals[i])
	}
}

func (t *creditTable) each(f func(AccountID, Amount)) {
	for _, i := range t.used {
		f(AccountID(t.keys[i]-1), t.vals[i])
	}
}

func (t *creditTable) reset() {
	for _, i := range t.used {
		t.keys[i], t.vals[i] = 0, 0
	}
	t.used = t.used[:0]
}

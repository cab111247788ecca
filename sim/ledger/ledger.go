package ledger

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// AccountID is a dense account number, from 0.
type AccountID int32

// NoAccount stands for "no account" (the issuer side of an issue, the sink of an expiry).
const NoAccount AccountID = -1

// AssetID names an asset. Asset 0 is the exchange token; later assets (IOU, project and
// achievement tokens) are created with NewAsset and held sparsely.
type AssetID int32

// Token is the Co-operative Exchange Token, asset 0.
const Token AssetID = 0

// Kind is the kind of an account.
type Kind uint8

// Account kinds (MODEL §1).
const (
	KindNone Kind = iota
	KindMember
	KindCoop
	KindFoundation
	KindDAOFund
	KindProject
	KindCouncilFund
	KindExternal
)

var kindNames = [...]string{"none", "member", "coop", "foundation", "dao_fund", "project", "council_fund", "external"}

func (k Kind) String() string { return name(kindNames[:], uint8(k), "kind") }

// ParseKind is the inverse of Kind.String.
func ParseKind(s string) (Kind, bool) {
	i, ok := parseName(kindNames[:], s)
	return Kind(i), ok
}

// name returns names[i], or prefix(i) for a number without a name.
func name(names []string, i uint8, prefix string) string {
	if int(i) < len(names) && names[i] != "" {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", prefix, i)
}

// parseName returns the index of s in names.
func parseName(names []string, s string) (uint8, bool) {
	for i, n := range names {
		if n == s && n != "" {
			return uint8(i), true
		}
	}
	return 0, false
}

// TxKind says what a transfer is for; it is written in the journal.
type TxKind uint8

// Transfer kinds.
const (
	TxOther TxKind = iota
	TxPurchase
	TxWage
	TxBonus
	TxInput
	TxLevy
	TxProgramme
	TxInvestment
	TxGift
	TxCompensation
	TxExchange
	TxConversion
	TxGrant // grant tokens issued for an offer (MODEL §3)
)

var txNames = [...]string{"other", "purchase", "wage", "bonus", "input", "levy", "programme", "investment", "gift", "compensation", "exchange", "conversion", "grant"}

func (k TxKind) String() string { return name(txNames[:], uint8(k), "tx") }

// ParseTxKind is the inverse of TxKind.String.
func ParseTxKind(s string) (TxKind, bool) {
	i, ok := parseName(txNames[:], s)
	return TxKind(i), ok
}

// Rule numbers the ledger's operating rules (MODEL §2).
type Rule uint8

// The operating rules enforced on every transfer.
const (
	// RuleMembersOnly: tokens are held by and paid to registered co-ops and co-op members.
	RuleMembersOnly Rule = 1
	// RuleProvenance: purchases only of what a registered co-op offers; the Foundation
	// spends only by paying co-ops.
	RuleProvenance Rule = 2
	// RuleNoConversion: no exchange with an outside currency (no external account).
	RuleNoConversion Rule = 3
	// NumRules is one more than the highest rule number.
	NumRules = 4
)

// RuleError is the typed error for a transfer that breaks an operating rule.
type RuleError struct {
	Rule   Rule
	Reason string
}

func (e *RuleError) Error() string { return fmt.Sprintf("operating rule %d: %s", e.Rule, e.Reason) }

// The rejections, as shared values so that rejecting allocates nothing.
var (
	ErrPayerNotRegistered = &RuleError{RuleMembersOnly, "payer is not a registered co-op or co-op member"}
	ErrPayeeNotRegistered = &RuleError{RuleMembersOnly, "payee is not a registered co-op or co-op member"}
	ErrNoProvenance       = &RuleError{RuleProvenance, "a purchase must be paid to the registered co-op that offers it"}
	ErrFoundationPaysCoop = &RuleError{RuleProvenance, "the Foundation can only pay co-ops"}
	ErrExternal           = &RuleError{RuleNoConversion, "tokens cannot be exchanged with an outside account"}
)

// Ordinary errors (not rule breaches).
var (
	ErrInsufficientFunds = errors.New("insufficient funds")
	ErrBadAmount         = errors.New("amount must be positive")
	ErrNoSuchAccount     = errors.New("no such account")
	ErrSameAccount       = errors.New("payer and payee are the same account")
	// ErrSupplyLimit refuses an issue that would take an asset's cumulative issuance
	// past MaxSupply. Every balance is non-negative and they add up to the supply, which
	// is at most what was issued, so no balance, transfer or running total can overflow
	// once issuance cannot.
	ErrSupplyLimit = errors.New("issuance would pass the largest supply an int64 of micro-tokens holds (" +
		"9,223,372,036,854.775807 tokens)")
)

// Lot is a grant lot: tokens that expire, unspent, at the end of month Expiry.
type Lot struct {
	Amount Amount
	Expiry int32
}

type lotQueue struct {
	lots []Lot // sorted by Expiry, oldest first, from head
	head int
}

// Options configure a ledger. The zero value is a ledger for the default rules.
type Options struct {
	// Capacity is the number of accounts to reserve room for.
	Capacity int
	// AllowExternal lifts rule 3, for counterfactual scenarios only.
	AllowExternal bool
	// GrantLast has accounts spend their ordinary tokens before their grant lots, so
	// that a co-op's treasury holds its grants (and they expire if it never needs
	// them), instead of grant lots first. How a debit splits then depends on credits a
	// batch still holds, so the journal records the grant part of each debit (a
	// journal of version 2, with a grant field).
	GrantLast bool
	// GrantTaint keeps grant tokens grant tokens when they change hands: the grant part
	// of a payment (what the payer's grant lots gave) reaches the payee as a grant lot
	// of its own, expiring TaintMonths months on (counted as an issue's expiry is, from
	// the month it arrives), so that grant tokens left unspent by whoever holds them
	// expire. Without it the payee gets ordinary tokens (grants become ordinary on
	// first spend). The journal records the split and the payee's lot (version 2).
	GrantTaint  bool
	TaintMonths int
}

// Ledger holds every account's balances and enforces the operating rules. Asset 0 is
// stored densely (struct of arrays indexed by AccountID); other assets sparsely.
// A Ledger is not safe for concurrent use.
type Ledger struct {
	opts Options
	// forcing: the next debit takes forced from the grant lots (Audit's replay of a
	// journal of version 2, which has checked that the account holds both parts).
	forcing bool
	forced  Amount

	kind     []Kind
	active   []bool
	flags    []uint8 // flagOK | flagCoop | flagFoundation: the rules' fast path
	special  int     // accounts whose flags are not plainly OK (see isSpecial)
	ordinary []Amount
	grant    []Amount // sum of the account's live grant lots
	savings  []Amount
	lotq     []int32 // index+1 into queues, 0 for none

	queues []lotQueue
	owners []AccountID // owner of each queue
	arena  []Lot       // Options.GrantTaint: room for the queues' lots, carved as they are made

	assets []string
	supply []supply // per asset
	sparse map[uint64]Amount

	rejected     [NumRules]int64
	insufficient int64

	// held is the running total of asset 0's holdings by part, kept by every operation
	// that changes a balance (batches add theirs at Apply): CheckTotals compares it with
	// the supply counters in O(1), CheckConservation with a scan of every account.
	held Totals

	month   int32
	tick    int32
	journal *Journal

	runner   Runner   // runs Apply's range tasks, when set
	dense    []*Batch // scratch for Apply: batches with credit arrays
	denseLen int
	denseFn  func(int)
	clearFn  func(int)

	parts []part // scratch for CheckConservation's scan
	sumFn func(int)

	slotBatches []*Batch // scratch for Apply
	slotLen     int
	slotFn      func(int)
	credited    []Amount // scratch for Apply: what each range task credited
	touched     []int    // scratch for Apply: accounts credited, by range task and batch
}

type supply struct{ issued, expired, burned Amount }

// New returns an empty ledger.
func New(opts Options) *Ledger {
	n := opts.Capacity
	return &Ledger{
		opts:     opts,
		kind:     make([]Kind, 0, n),
		active:   make([]bool, 0, n),
		flags:    make([]uint8, 0, n),
		ordinary: make([]Amount, 0, n),
		grant:    make([]Amount, 0, n),
		savings:  make([]Amount, 0, n),
		lotq:     make([]int32, 0, n),
		assets:   []string{"token"},
		supply:   make([]supply, 1),
		sparse:   map[uint64]Amount{},
	}
}

// SetJournal makes every later change of the ledger be written to j (nil stops it).
// The ledger as it stands is written first, so that the journal can rebuild it:
// accounts already open, assets, and balances already held (as opening issues:
// ordinary tokens, each live grant lot, savings, other assets), then the
// deregistrations. The journal's supply therefore starts at the current supply.
func (l *Ledger) SetJournal(j *Journal) error {
	l.journal = j
	if j == nil {
		return nil
	}
	if err := j.recordGrants(l.opts.GrantLast || l.opts.GrantTaint); err != nil {
		return err
	}
	for id := range l.kind {
		if err := j.open(l.tick, AccountID(id), l.kind[id]); err != nil {
			return err
		}
	}
	for id := 1; id < len(l.assets); id++ {
		j.asset(l.tick, AssetID(id), l.assets[id])
	}
	for id := range l.kind {
		a := AccountID(id)
		if o := l.ordinary[a] + l.savings[a]; o > 0 {
			j.issueLot(l.tick, a, o, TxOther, 0, 0)
		}
		for _, lot := range l.Lots(a) {
			j.issueLot(l.tick, a, lot.Amount, TxOther, 0, lot.Expiry)
		}
		if s := l.savings[a]; s > 0 {
			j.entry(l.tick, OpSave, Token, a, a, s, TxOther, 0)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(l.sparse)) {
		if v := l.sparse[k]; v > 0 {
			j.entry(l.tick, OpIssue, AssetID(k>>32), NoAccount, AccountID(uint32(k)), v, TxOther, 0)
		}
	}
	for id, active := range l.active {
		if !active {
			j.entry(l.tick, OpClose, Token, AccountID(id), NoAccount, 0, TxOther, 0)
		}
	}
	return j.err
}

// SetTime sets the current tick (written in the journal) and month (for grant expiry).
func (l *Ledger) SetTime(tick, month int) { l.tick, l.month = int32(tick), int32(month) }

// Month returns the current month.
func (l *Ledger) Month() int { return int(l.month) }

// Open registers a new account of kind k and returns its ID.
func (l *Ledger) Open(k Kind) AccountID {
	id := AccountID(len(l.kind))
	l.kind = append(l.kind, k)
	l.active = append(l.active, true)
	l.flags = append(l.flags, flagsOf(k, true))
	if isSpecial(flagsOf(k, true)) {
		l.special++
	}
	l.ordinary = append(l.ordinary, 0)
	l.grant = append(l.grant, 0)
	l.savings = append(l.savings, 0)
	l.lotq = append(l.lotq, 0)
	if l.journal != nil {
		l.journal.open(l.tick, id, k)
	}
	return id
}

// OpenN opens n accounts of kind k at once, numbered from the ID it returns; it is n
// calls of Open, in one pass (journal entries included).
func (l *Ledger) OpenN(k Kind, n int) AccountID {
	first := AccountID(len(l.kind))
	if n <= 0 {
		return first
	}
	f := flagsOf(k, true)
	if isSpecial(f) {
		l.special += n
	}
	l.kind = appendN(l.kind, n, k)
	l.active = appendN(l.active, n, true)
	l.flags = appendN(l.flags, n, f)
	l.ordinary = appendN(l.ordinary, n, 0)
	l.grant = appendN(l.grant, n, 0)
	l.savings = appendN(l.savings, n, 0)
	l.lotq = appendN(l.lotq, n, 0)
	if l.journal != nil {
		for id := first; id < first+AccountID(n); id++ {
			l.journal.open(l.tick, id, k)
		}
	}
	return first
}

// appendN appends n copies of v to s.
func appendN[T any](s []T, n int, v T) []T {
	s = slices.Grow(s, n)
	m := len(s)
	s = s[:m+n]
	for i := range s[m:] {
		s[m+i] = v
	}
	return s
}

// IssueN issues amount of ordinary tokens to each of the n accounts from first on: n
// calls of Issue with expiry 0, in one pass. If any of them cannot receive tokens,
// nothing is issued and the first such account's error is returned (and counted, as
// Issue would).
func (l *Ledger) IssueN(first AccountID, n int, amount Amount, kind TxKind, ref int64) error {
	if n <= 0 {
		return nil
	}
	if amount <= 0 {
		return ErrBadAmount
	}
	if first < 0 || int(first)+n > len(l.kind) {
		return ErrNoSuchAccount
	}
	lo, hi := int(first), int(first)+n
	for i, f := range l.flags[lo:hi] {
		if f&flagOK == 0 { // not plainly a participant: as Issue decides
			if err := l.checkPayee(AccountID(lo + i)); err != nil {
				return err
			}
		}
	}
	if amount > (MaxSupply-l.supply[Token].issued)/Amount(n) {
		return ErrSupplyLimit
	}
	for i := range l.ordinary[lo:hi] {
		l.ordinary[lo+i] += amount
	}
	total := amount * Amount(n)
	l.held.Ordinary += total
	l.supply[Token].issued += total
	if l.journal != nil {
		for a := first; a < AccountID(hi); a++ {
			l.journal.issueLot(l.tick, a, amount, kind, ref, 0)
		}
	}
	return nil
}

// Len returns the number of accounts.
func (l *Ledger) Len() int { return len(l.kind) }

// Kind returns the account's kind.
func (l *Ledger) Kind(a AccountID) Kind { return l.kind[a] }

// Account flags for the rules' fast path.
const (
	flagOK         = 1 << iota // registered, and neither "none" nor external
	flagCoop                   // a co-op
	flagFoundation             // the Foundation
)

// isSpecial reports whether an account's flags put it outside the plainest case of the
// rules: not a registered participant, or the Foundation. When no account is special,
// every payment between two distinct accounts passes rules 1-3 unless it is a
// purchase or a conversion.
func isSpecial(f uint8) bool { return f&flagOK == 0 || f&flagFoundation != 0 }

func flagsOf(k Kind, registered bool) uint8 {
	var f uint8
	if registered && k != KindNone && k != KindExternal {
		f |= flagOK
	}
	if k == KindCoop {
		f |= flagCoop
	}
	if k == KindFoundation {
		f |= flagFoundation
	}
	return f
}

// has reports whether a is an account of this ledger.
func (l *Ledger) has(a AccountID) bool { return a >= 0 && int(a) < len(l.kind) }

// Registered reports whether the account is open and registered.
func (l *Ledger) Registered(a AccountID) bool { return l.active[a] }

// Deregister closes an account: it can no longer pay or be paid (rule 1). Its balance
// stays counted in the supply.
func (l *Ledger) Deregister(a AccountID) {
	if !l.has(a) || !l.active[a] {
		return
	}
	l.active[a] = false
	if !isSpecial(l.flags[a]) {
		l.special++
	}
	l.flags[a] = flagsOf(l.kind[a], false)
	if l.journal != nil {
		l.journal.entry(l.tick, OpClose, Token, a, NoAccount, 0, TxOther, 0)
	}
}

// Balance returns the account's spendable tokens: ordinary plus live grant lots.
func (l *Ledger) Balance(a AccountID) Amount { return l.ordinary[a] + l.grant[a] }

// Ordinary returns the account's ordinary (non-grant, unsaved) tokens.
func (l *Ledger) Ordinary(a AccountID) Amount { return l.ordinary[a] }

// Grant returns the account's live grant-lot tokens.
func (l *Ledger) Grant(a AccountID) Amount { return l.grant[a] }

// Savings returns the account's savings.
func (l *Ledger) Savings(a AccountID) Amount { return l.savings[a] }

// Holdings returns everything the account holds of asset 0: ordinary, grant and savings.
func (l *Ledger) Holdings(a AccountID) Amount { return l.ordinary[a] + l.grant[a] + l.savings[a] }

// Lots returns a copy of the account's live grant lots, oldest first.
func (l *Ledger) Lots(a AccountID) []Lot {
	q := l.lotq[a]
	if q == 0 {
		return nil
	}
	qu := &l.queues[q-1]
	return slices.Clone(qu.lots[qu.head:])
}

// Issued, Expired and Burned return the asset-0 supply counters.
func (l *Ledger) Issued() Amount  { return l.supply[Token].issued }
func (l *Ledger) Expired() Amount { return l.supply[Token].expired }
func (l *Ledger) Burned() Amount  { return l.supply[Token].burned }

// Supply returns issued minus expired minus burned for asset 0.
func (l *Ledger) Supply() Amount { return l.SupplyOf(Token) }

// SupplyOf returns issued minus expired minus burned for an asset.
func (l *Ledger) SupplyOf(asset AssetID) Amount {
	s := l.supply[asset]
	return s.issued - s.expired - s.burned
}

// Rejections returns the number of transfers rejected under each rule (index = rule).
func (l *Ledger) Rejections() [NumRules]int64 { return l.rejected }

// RejectedFunds returns the number of transfers rejected for insufficient funds.
func (l *Ledger) RejectedFunds() int64 { return l.insufficient }

// MaxSupply is the most of an asset that may ever be issued, in micro-tokens.
const MaxSupply Amount = math.MaxInt64

// Issue creates amount tokens in account to. With expiry > 0 they form a grant lot that
// expires at the end of that month unspent; with expiry 0 they are ordinary tokens.
// Only registered participants can receive tokens (rule 1).
func (l *Ledger) Issue(to AccountID, amount Amount, expiry int, kind TxKind, ref int64) error {
	if amount <= 0 {
		return ErrBadAmount
	}
	if amount > MaxSupply-l.supply[Token].issued {
		return ErrSupplyLimit
	}
	if err := l.checkPayee(to); err != nil {
		return err
	}
	if expiry > 0 {
		l.addLot(to, Lot{amount, int32(expiry)})
	} else {
		l.ordinary[to] += amount
		l.held.Ordinary += amount
	}
	l.supply[Token].issued += amount
	if l.journal != nil {
		l.journal.issueLot(l.tick, to, amount, kind, ref, int32(expiry))
	}
	return nil
}

func (l *Ledger) addLot(a AccountID, lot Lot) {
	q := l.lotq[a]
	if q == 0 {
		qu := lotQueue{}
		if l.opts.GrantTaint {
			// Any account may hold lots, one a month at most for TaintMonths months (and
			// the month's new one): room for them all, so the queue never grows.
			if l.queues == nil {
				l.queues, l.owners = make([]lotQueue, 0, l.opts.Capacity), make([]AccountID, 0, l.opts.Capacity)
			}
			k := l.opts.TaintMonths + 2
			if len(l.arena)+k > cap(l.arena) {
				l.arena = make([]Lot, 0, max(l.opts.Capacity, 1024)*k) // carved into queues
			}
			n := len(l.arena)
			l.arena = l.arena[:n+k]
			qu.lots = l.arena[n : n : n+k]
		}
		l.queues = append(l.queues, qu)
		l.owners = append(l.owners, a)
		q = int32(len(l.queues))
		l.lotq[a] = q
	}
	qu := &l.queues[q-1]
	if qu.head > 0 && (qu.head >= len(qu.lots)/2 || len(qu.lots) == cap(qu.lots)) {
		// Drop the spent lots so the queue stays as long as its live lots.
		n := copy(qu.lots, qu.lots[qu.head:])
		qu.lots, qu.head = qu.lots[:n], 0
	}
	// Keep the queue sorted by expiry; a new lot nearly always goes last.
	i := len(qu.lots)
	for i > qu.head && qu.lots[i-1].Expiry > lot.Expiry {
		i--
	}
	if i > qu.head && qu.lots[i-1].Expiry == lot.Expiry {
		qu.lots[i-1].Amount += lot.Amount
	} else {
		qu.lots = append(qu.lots, Lot{}) // grows only when full: no allocation in steady state
		copy(qu.lots[i+1:], qu.lots[i:])
		qu.lots[i] = lot
	}
	l.grant[a] += lot.Amount
	l.held.Grant += lot.Amount
}

func (l *Ledger) checkPayee(to AccountID) error {
	if to < 0 || int(to) >= len(l.kind) {
		return ErrNoSuchAccount
	}
	if l.kind[to] == KindExternal && !l.opts.AllowExternal {
		l.rejected[RuleNoConversion]++
		return ErrExternal
	}
	if !l.active[to] || l.kind[to] == KindNone {
		l.rejected[RuleMembersOnly]++
		return ErrPayeeNotRegistered
	}
	return nil
}

// Check applies the operating rules and the funds check to a transfer without making
// it. A rejection is counted.
func (l *Ledger) Check(payer, payee AccountID, amount Amount, kind TxKind) error {
	if err := l.checkRules(payer, payee, amount, kind); err != nil {
		return err
	}
	if l.ordinary[payer]+l.grant[payer] < amount {
		l.insufficient++
		return ErrInsufficientFunds
	}
	return nil
}

func (l *Ledger) checkRules(payer, payee AccountID, amount Amount, kind TxKind) error {
	return l.checkRulesCount(payer, payee, amount, kind, &l.rejected)
}

// plain reports whether a payment passes rules 1-3 on the fast path: a positive
// amount between two distinct registered participants, neither the Foundation paying
// other than a co-op, nor a purchase from other than a co-op, nor a conversion.
// checkRulesCount decides (and counts) every other case.
func (l *Ledger) plain(payer, payee AccountID, amount Amount, kind TxKind) bool {
	f := l.flags
	if amount <= 0 || uint(payer) >= uint(len(f)) || uint(payee) >= uint(len(f)) || payer == payee {
		return false
	}
	if l.special == 0 && kind != TxPurchase && kind != TxConversion {
		return true
	}
	pf, qf := f[payer], f[payee]
	return pf&qf&flagOK != 0 && (pf&flagFoundation == 0 || qf&flagCoop != 0) &&
		(kind != TxPurchase || qf&flagCoop != 0) && kind != TxConversion
}

// checkRulesCount applies rules 1-3, counting a rejection in rejected.
func (l *Ledger) checkRulesCount(payer, payee AccountID, amount Amount, kind TxKind, rejected *[NumRules]int64) error {
	if amount <= 0 {
		return ErrBadAmount
	}
	// Fast path: two registered participants, read from one byte each.
	if uint(payer) < uint(len(l.flags)) && uint(payee) < uint(len(l.flags)) && payer != payee {
		pf, qf := l.flags[payer], l.flags[payee]
		if pf&qf&flagOK != 0 && (pf&flagFoundation == 0 || qf&flagCoop != 0) &&
			(kind != TxPurchase || qf&flagCoop != 0) && kind != TxConversion {
			return nil
		}
	}
	n := AccountID(len(l.kind))
	if payer < 0 || payer >= n || payee < 0 || payee >= n {
		return ErrNoSuchAccount
	}
	if payer == payee {
		// Paying oneself would turn grant lots into ordinary tokens that never expire.
		return ErrSameAccount
	}
	pk, qk := l.kind[payer], l.kind[payee]
	if (pk == KindExternal || qk == KindExternal || kind == TxConversion) && !l.opts.AllowExternal {
		rejected[RuleNoConversion]++
		return ErrExternal
	}
	if !l.active[payer] || pk == KindNone {
		rejected[RuleMembersOnly]++
		return ErrPayerNotRegistered
	}
	if !l.active[payee] || qk == KindNone {
		rejected[RuleMembersOnly]++
		return ErrPayeeNotRegistered
	}
	if kind == TxPurchase && qk != KindCoop {
		rejected[RuleProvenance]++
		return ErrNoProvenance
	}
	// The Foundation pays co-ops only; where rule 3 is lifted, it may also sell tokens
	// to an outside holder (a conversion: defending a peg, agents/tradable).
	if pk == KindFoundation && qk != KindCoop && (qk != KindExternal || kind != TxConversion) {
		rejected[RuleProvenance]++
		return ErrFoundationPaysCoop
	}
	return nil
}

// Transfer pays amount from payer to payee. The payer's grant lots are spent first,
// oldest first; the payee receives ordinary tokens. A transfer that breaks an
// operating rule is rejected with a *RuleError and counted; nothing moves.
func (l *Ledger) Transfer(payer, payee AccountID, amount Amount, kind TxKind, ref int64) error {
	if err := l.Check(payer, payee, amount, kind); err != nil {
		return err
	}
	g := l.debit(payer, amount, &l.held)
	l.ordinary[payee] += amount
	l.held.Ordinary += amount
	exp := l.taint(payee, g)
	if l.journal != nil {
		l.journal.debitEntry(l.tick, OpTransfer, payer, payee, amount, kind, ref, g, exp)
	}
	return nil
}

// taint turns grant of the payee's ordinary tokens, the grant part of a payment just
// credited, into a grant lot of its own under Options.GrantTaint, and returns the lot's
// expiry month (0: none made).
func (l *Ledger) taint(payee AccountID, grant Amount) int32 {
	if !l.opts.GrantTaint || grant <= 0 || l.opts.TaintMonths <= 0 {
		return 0
	}
	exp := l.month + int32(l.opts.TaintMonths) - 1
	l.ordinary[payee] -= grant
	l.held.Ordinary -= grant
	l.addLot(payee, Lot{grant, exp})
	return exp
}

// debit takes amount (which the caller has checked is there) from a, grant lots first
// (ordinary tokens first under Options.GrantLast), counts what it took in the running
// totals t (the ledger's, or a batch's until Apply), and returns the grant part.
func (l *Ledger) debit(a AccountID, amount Amount, t *Totals) Amount {
	g := l.grant[a]
	if g == 0 {
		l.ordinary[a] -= amount
		t.Ordinary -= amount
		return 0
	}
	take := min(g, amount)
	switch {
	case l.forcing:
		take = l.forced // an audit replaying a journal that records the split
	case l.opts.GrantLast:
		take = max(0, amount-l.ordinary[a])
	}
	l.debitSplit(a, amount, take, t)
	return take
}

// debitSplit takes amount from a, grant of it from its grant lots (oldest first) and
// the rest from its ordinary tokens.
func (l *Ledger) debitSplit(a AccountID, amount, grant Amount, t *Totals) {
	if grant > 0 {
		l.takeLots(a, grant)
		t.Grant -= grant
	}
	l.ordinary[a] -= amount - grant
	t.Ordinary -= amount - grant
}

// splits reports, for amounts debited one after another from a when a debit of their
// total took grant from its grant lots, the grant part of the first of them, under
// the ledger's rule (grant lots first, or ordinary tokens first): what a journal
// records of each payment of a batch's TransferToAll. grant and ordinary are what is
// left of the total's two parts.
func (l *Ledger) split(amount Amount, grant, ordinary *Amount) Amount {
	var g Amount
	if l.opts.GrantLast {
		g = amount - min(*ordinary, amount)
	} else {
		g = min(*grant, amount)
	}
	*grant -= g
	*ordinary -= amount - g
	return g
}

func (l *Ledger) takeLots(a AccountID, amount Amount) {
	l.grant[a] -= amount
	qu := &l.queues[l.lotq[a]-1]
	for amount > 0 {
		lot := &qu.lots[qu.head]
		if lot.Amount > amount {
			lot.Amount -= amount
			return
		}
		amount -= lot.Amount
		qu.head++
	}
}

// Save moves amount of the account's ordinary tokens into savings. Grant lots cannot
// be saved: they are for spending.
func (l *Ledger) Save(a AccountID, amount Amount) error {
	return l.move(a, amount, OpSave, &l.rejected, &l.insufficient, nil, &l.held)
}

// Withdraw moves amount from savings back to ordinary tokens.
func (l *Ledger) Withdraw(a AccountID, amount Amount) error {
	return l.move(a, amount, OpWithdraw, &l.rejected, &l.insufficient, nil, &l.held)
}

// move makes a save or a withdrawal within account a, counting a rejection in the
// counters given and the move in the running totals t; it journals at once, or into a
// batch's entries when given one.
func (l *Ledger) move(a AccountID, amount Amount, op Op, rejected *[NumRules]int64, insufficient *int64, b *Batch, t *Totals) error {
	from, to := l.ordinary, l.savings
	if op == OpWithdraw {
		from, to = to, from
	}
	if err := l.checkOwn(a, amount, from, rejected, insufficient); err != nil {
		return err
	}
	from[a] -= amount
	to[a] += amount
	saved := amount
	if op == OpWithdraw {
		saved = -amount
	}
	t.Ordinary -= saved
	t.Savings += saved
	switch {
	case l.journal == nil:
	case b != nil:
		b.entries = append(b.entries, batchEntry{op, a, a, amount, TxOther, 0, 0})
	default:
		l.journal.entry(l.tick, op, Token, a, a, amount, TxOther, 0)
	}
	return nil
}

// Burn destroys amount of the account's spendable tokens (grant lots first).
func (l *Ledger) Burn(a AccountID, amount Amount, ref int64) error {
	if amount <= 0 {
		return ErrBadAmount
	}
	if !l.has(a) {
		return ErrNoSuchAccount
	}
	if l.Balance(a) < amount {
		l.insufficient++
		return ErrInsufficientFunds
	}
	g := l.debit(a, amount, &l.held)
	l.supply[Token].burned += amount
	if l.journal != nil {
		l.journal.debitEntry(l.tick, OpBurn, a, NoAccount, amount, TxOther, ref, g, 0)
	}
	return nil
}

// Expire destroys every grant lot whose expiry month is before or at month, and
// returns how much expired.
func (l *Ledger) Expire(month int) Amount {
	var total Amount
	m := int32(month)
	for qi := range l.queues {
		qu := &l.queues[qi]
		a := l.owners[qi]
		var gone Amount
		for qu.head < len(qu.lots) && qu.lots[qu.head].Expiry <= m {
			gone += qu.lots[qu.head].Amount
			qu.head++
		}
		if gone == 0 {
			continue
		}
		if qu.head == len(qu.lots) {
			qu.lots, qu.head = qu.lots[:0], 0
		}
		l.grant[a] -= gone
		total += gone
		if l.journal != nil {
			l.journal.entry(l.tick, OpExpire, Token, a, NoAccount, gone, TxOther, int64(month))
		}
	}
	l.supply[Token].expired += total
	l.held.Grant -= total
	return total
}

package ledger

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// JournalError names the first bad entry of a journal.
type JournalError struct {
	Line   int   // 1-based line in the file
	Seq    int64 // the entry's sequence number, 0 when unreadable
	Reason string
}

func (e *JournalError) Error() string {
	if e.Seq > 0 {
		return fmt.Sprintf("line %d (entry %d): %s", e.Line, e.Seq, e.Reason)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// AuditReport sums up a journal that passed its audit.
type AuditReport struct {
	Entries int64
	Ticks   int
	Ledger  *Ledger // every balance, rebuilt from the journal alone
	// Head is the closing record's hash in lower-case hex: through the chain it
	// covers the whole journal. A run's manifest records it with Entries
	// (journal_head_sha256, journal_entries), and a signature signs both.
	Head string
}

// Audit reads a journal, verifies its hash chain and closing record, and rebuilds every
// balance by replaying it into a fresh ledger under the same rules. It fails with a
// *JournalError naming the first entry that was altered, is out of place, is not in
// the canonical form the journal writes (hashes in lower-case hex, numbers without
// signs or leading zeros), cannot be replayed, or, for a journal cut short, the last
// entry read.
//
// What it can and cannot detect: the chain is not keyed, so it detects accidental
// damage, cuts and edits that do not recompute the hashes, but not a rewrite that
// recomputes them. The replay then refuses any history that breaks the ledger's
// rules (see replay): a balance that goes negative, a transfer that breaks an
// operating rule, tokens created other than by a grant, an investment or a gift (an
// issue of kind "other" only in the opening state), an expiry that does not match
// the grant lots due that month. A rewrite that keeps to the rules (a larger gift,
// say) passes both; only comparing Head and Entries with the run's manifest, or a
// signature of the head, detects it.
func Audit(r io.Reader) (*AuditReport, error) { return AuditWith(r, AuditOptions{}) }

// AuditOptions relax Audit for journals of a ledger used outside the economy's rules.
// The zero value is Audit's.
type AuditOptions struct {
	// LedgerOnly holds the journal only to what the ledger's operations allow
	// (tokens issued of any kind to any account, expiry of any month), not to the
	// economy's schedule of issues and expiries: for a ledger driven by something other
	// than the model (tests, tools), never for a run's journal.
	LedgerOnly bool
}

// AuditWith is Audit with options.
func AuditWith(r io.Reader, opts AuditOptions) (*AuditReport, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	a := auditor{l: New(Options{AllowExternal: true}), opening: true, ledgerOnly: opts.LedgerOnly}
	var prev [sha256.Size]byte
	var hexSum [2 * sha256.Size]byte
	h := sha256.New()
	lineNo := 0
	var seq int64
	ended := false
	for {
		// A journal's lines are short: one longer than the reader's buffer (64 KiB) is
		// not a journal, and is refused rather than read into memory without end.
		raw, err := br.ReadSlice('\n')
		if len(raw) == 0 && err == io.EOF {
			break
		}
		lineNo++
		if err == bufio.ErrBufferFull {
			return nil, &JournalError{Line: lineNo, Reason: "a line longer than 64 KiB: not a copex journal"}
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read journal: %w", err)
		}
		if raw[len(raw)-1] != '\n' {
			return nil, &JournalError{Line: lineNo, Reason: fmt.Sprintf("the file ends in the middle of a line after entry %d: it was cut short", seq)}
		}
		text := raw[:len(raw)-1]
		if lineNo == 1 {
			if string(text) == JournalHeaderGrants {
				a.grants = true
				continue
			}
			if string(text) != JournalHeader {
				return nil, &JournalError{Line: 1, Reason: "not a copex journal (bad header)"}
			}
			continue
		}
		if ended {
			return nil, &JournalError{Line: lineNo, Reason: "entries after the closing record"}
		}
		cut := bytes.LastIndexByte(text, ',')
		if cut < 0 {
			return nil, &JournalError{Line: lineNo, Reason: "malformed entry"}
		}
		body, sum := text[:cut], text[cut+1:]
		f := bytes.Split(body, []byte{','})
		e, perr := parseEntry(f, a.grants)
		if perr != "" {
			return nil, &JournalError{Line: lineNo, Reason: "malformed entry: " + perr}
		}
		if e.seq != seq+1 {
			return nil, &JournalError{Line: lineNo, Seq: e.seq, Reason: fmt.Sprintf("sequence number %d where %d was expected: an entry was removed, moved or added", e.seq, seq+1)}
		}
		seq = e.seq
		a.scratch = appendBody(a.scratch[:0], e.seq, e.tick, e.op, e.asset, e.payer, e.payee, e.amount, e.kind, e.ref, e.expiry)
		if a.grants {
			a.scratch = AppendFormat(append(a.scratch, ','), e.grant)
		}
		if !bytes.Equal(a.scratch, body) {
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: fmt.Sprintf("entry is not in canonical form (a journal writes it %q)", a.scratch)}
		}
		h.Reset()
		h.Write(prev[:])
		h.Write(body)
		h.Sum(prev[:0])
		hex.Encode(hexSum[:], prev[:])
		if !bytes.Equal(sum, hexSum[:]) {
			if bytes.EqualFold(sum, hexSum[:]) {
				return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "hash is not in canonical form: only lower-case hex is accepted"}
			}
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "hash does not match: this entry (or the chain before it) was altered"}
		}
		if err := a.replay(e); err != nil {
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "cannot be replayed: " + err.Error()}
		}
		if e.op == OpEnd {
			ended = true
			l := a.l
			if e.ref != seq-1 {
				return nil, &JournalError{Line: lineNo, Seq: seq, Reason: fmt.Sprintf("closing record counts %d entries, found %d", e.ref, seq-1)}
			}
			if s := l.Supply(); s != e.amount {
				return nil, &JournalError{Line: lineNo, Seq: seq, Reason: fmt.Sprintf("closing record states supply %s, rebuilt %s", Format(e.amount), Format(s))}
			}
		}
	}
	if lineNo == 0 {
		return nil, &JournalError{Line: 1, Reason: "empty file"}
	}
	if !ended {
		return nil, &JournalError{Line: lineNo, Seq: seq, Reason: fmt.Sprintf("no closing record after entry %d: the journal was cut short", seq)}
	}
	if err := a.l.CheckConservation(); err != nil {
		return nil, &JournalError{Line: lineNo, Seq: seq, Reason: err.Error()}
	}
	return &AuditReport{Entries: seq, Ticks: int(a.l.tick), Ledger: a.l, Head: hex.EncodeToString(prev[:])}, nil
}

type entry struct {
	seq          int64
	tick         int32
	op           Op
	asset        AssetID
	payer, payee AccountID
	amount       Amount
	kind         string
	ref          int64
	expiry       int32
	grant        Amount // version 2: the grant part of a debit of tokens
}

func parseEntry(f [][]byte, grants bool) (entry, string) {
	var e entry
	if grants {
		if len(f) != 11 {
			return e, fmt.Sprintf("%d fields, want 12", len(f)+1)
		}
		g, err := Parse(string(f[10]))
		if err != nil {
			return e, "grant: " + err.Error()
		}
		e.grant, f = g, f[:10]
	}
	if len(f) != 10 {
		return e, fmt.Sprintf("%d fields, want 11", len(f)+1)
	}
	ints := [...]*int64{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil}
	var tick, asset, payer, payee, expiry int64
	ints[0], ints[1], ints[3], ints[4], ints[5], ints[8], ints[9] = &e.seq, &tick, &asset, &payer, &payee, &e.ref, &expiry
	for i, p := range ints {
		if p == nil {
			continue
		}
		v, err := strconv.ParseInt(string(f[i]), 10, 64)
		if err != nil {
			return e, fmt.Sprintf("field %d: %q is not a whole number", i+1, f[i])
		}
		*p = v
	}
	var ok bool
	if e.op, ok = parseOp(string(f[2])); !ok {
		return e, fmt.Sprintf("unknown operation %q", f[2])
	}
	amt, err := Parse(string(f[6]))
	if err != nil {
		return e, err.Error()
	}
	e.tick, e.asset, e.payer, e.payee, e.amount, e.expiry = int32(tick), AssetID(asset), AccountID(payer), AccountID(payee), amt, int32(expiry)
	e.kind = string(f[7])
	return e, ""
}

// auditor replays a journal into a fresh ledger, with what it must remember between
// entries to hold the journal to the ledger's rules.
type auditor struct {
	l          *Ledger
	opening    bool  // every entry so far belongs to the ledger's opening state
	expired    int32 // the latest month whose grant lots have expired (0: none yet)
	expiring   bool  // some grant lots have expired
	sweep      bool  // an expiry is under way: check noLotsDue after it
	ledgerOnly bool  // AuditOptions.LedgerOnly
	grants     bool  // a journal of version 2: debits of tokens record their grant part
	scratch    []byte
}

// issuers are the kinds of token issue allowed after the opening state, and the
// kinds of account each may create tokens in.
var issuers = map[TxKind][]Kind{
	TxGrant:      {KindCoop, KindFoundation}, // a grant: the co-op's lot, the Foundation's share (MODEL §3)
	TxInvestment: {KindCoop},                 // investment issuance to a start-up (MODEL §3)
	TxGift:       {KindMember},               // initial balances and the giveaway (MODEL §10)
}

// replay applies one entry to the ledger, through the ledger's own operations (which
// keep balances from going negative and apply the operating rules), after checking
// what those operations cannot know: that the entry's fields fit its operation,
// that time does not run back, that tokens are created only by the issues the model
// makes (grants to co-ops and the Foundation, investment in co-ops, gifts to
// members; any issue in the opening state, which a journal writes as kind "other"),
// and that expiries take exactly the grant lots due in their month, month after
// month, leaving none due behind.
func (a *auditor) replay(e entry) error {
	l := a.l
	if e.tick < l.tick {
		return fmt.Errorf("tick %d after tick %d: time runs back", e.tick, l.tick)
	}
	if e.tick > l.tick && a.opening && e.seq > 1 {
		a.opening = false
	}
	l.tick = e.tick
	if e.asset < 0 || int(e.asset) >= len(l.assets) && e.op != OpAsset {
		return fmt.Errorf("unknown asset %d", e.asset)
	}
	for _, acct := range [...]AccountID{e.payer, e.payee} {
		if acct < NoAccount || int(acct) >= len(l.kind) && !(e.op == OpOpen && acct == e.payee) {
			return fmt.Errorf("unknown account %d", acct)
		}
	}
	if err := shape(e); err != nil {
		return err
	}
	tx, _ := ParseTxKind(e.kind)
	switch e.op {
	case OpOpen, OpAsset, OpClose, OpSave:
	case OpIssue:
		if !(a.opening && tx == TxOther) {
			a.opening = false
		}
	default:
		a.opening = false
	}
	if e.op != OpExpire && a.sweep {
		// The month's expiry is over: no grant lot due by then may be left.
		a.sweep = false
		if err := a.noLotsDue(); err != nil {
			return err
		}
	}
	switch e.op {
	case OpOpen:
		k, _ := ParseKind(e.kind)
		if int(e.payee) != len(l.kind) {
			return fmt.Errorf("opens account %d of kind %q; next account is %d", e.payee, e.kind, len(l.kind))
		}
		l.Open(k)
	case OpClose:
		if !l.active[e.payer] {
			return fmt.Errorf("closes account %d, which is already closed", e.payer)
		}
		l.Deregister(e.payer)
	case OpAsset:
		if int(e.asset) != len(l.assets) {
			return fmt.Errorf("registers asset %d; next asset is %d", e.asset, len(l.assets))
		}
		name, err := strconv.Unquote(e.kind)
		if err != nil || quoteAsset(name) != e.kind {
			return errors.New("bad asset name")
		}
		l.NewAsset(name)
	case OpIssue:
		if e.amount > math.MaxInt64-l.supply[e.asset].issued {
			return fmt.Errorf("issues %s: the supply would overflow", Format(e.amount))
		}
		if e.asset != Token {
			return l.IssueAsset(e.asset, e.payee, e.amount, tx, e.ref)
		}
		if !a.opening && !a.ledgerOnly {
			kinds, ok := issuers[tx]
			if !ok {
				return fmt.Errorf("issues %s tokens of kind %q: after the opening state tokens are created only by grants, investment and gifts", Format(e.amount), e.kind)
			}
			if pk := l.kind[e.payee]; !slices.Contains(kinds, pk) {
				return fmt.Errorf("issues %s tokens of kind %q to account %d, a %s: a %s issue goes to %s", Format(e.amount), e.kind, e.payee, pk, e.kind, kindList(kinds))
			}
			if e.expiry > 0 && (tx != TxGrant || l.kind[e.payee] != KindCoop) {
				return fmt.Errorf("issues a lot expiring in month %d to a %s: only a co-op's grant expires", e.expiry, l.kind[e.payee])
			}
		}
		if e.expiry < 0 || !a.ledgerOnly && e.expiry > 0 && a.expiring && e.expiry <= a.expired {
			return fmt.Errorf("issues a grant lot expiring in month %d, when month %d has already expired", e.expiry, a.expired)
		}
		return l.Issue(e.payee, e.amount, int(e.expiry), tx, e.ref)
	case OpTransfer:
		if a.grants && e.asset == Token {
			err := a.split(e, func() error { return l.Transfer(e.payer, e.payee, e.amount, tx, e.ref) })
			if err == nil && e.expiry > 0 {
				// the grant part reached the payee as a grant lot (Options.GrantTaint)
				if e.expiry <= a.expired && a.expiring {
					return fmt.Errorf("passes on a grant lot expiring in month %d, when month %d has already expired", e.expiry, a.expired)
				}
				l.ordinary[e.payee] -= e.grant
				l.held.Ordinary -= e.grant
				l.addLot(e.payee, Lot{e.grant, e.expiry})
			}
			return err
		}
		return l.TransferAsset(e.asset, e.payer, e.payee, e.amount, tx, e.ref)
	case OpSave:
		return l.Save(e.payer, e.amount)
	case OpWithdraw:
		return l.Withdraw(e.payer, e.amount)
	case OpExpire:
		month := int32(e.ref)
		if int64(month) != e.ref || month < 1 {
			return fmt.Errorf("expiry of month %d", e.ref)
		}
		if a.ledgerOnly {
			return l.expireAccount(e.payer, month, e.amount, false)
		}
		if a.expiring && month < a.expired {
			return fmt.Errorf("expiry of month %d after month %d's: months run back", month, a.expired)
		}
		if a.expiring && month > a.expired {
			if err := a.noLotsDue(); err != nil {
				return err
			}
		}
		a.expired, a.expiring, a.sweep = month, true, true
		return l.expireAccount(e.payer, month, e.amount, true)
	case OpBurn:
		if a.grants && e.asset == Token {
			return a.split(e, func() error { return l.Burn(e.payer, e.amount, e.ref) })
		}
		return l.BurnAsset(e.asset, e.payer, e.amount, e.ref)
	case OpEnd:
	}
	return nil
}

// split replays a debit of tokens with the grant part the journal records, after
// checking that the payer held that much in grant lots and the rest in ordinary tokens.
func (a *auditor) split(e entry, do func() error) error {
	l := a.l
	if e.payer < 0 || int(e.payer) >= len(l.grant) {
		return ErrNoSuchAccount
	}
	if e.grant > l.grant[e.payer] || e.amount-e.grant > l.ordinary[e.payer] {
		return fmt.Errorf("debits %s of grant lots and %s of ordinary tokens from account %d, which holds %s and %s",
			Format(e.grant), Format(e.amount-e.grant), e.payer, Format(l.grant[e.payer]), Format(l.ordinary[e.payer]))
	}
	l.forcing, l.forced = true, e.grant
	defer func() { l.forcing, l.forced = false, 0 }()
	return do()
}

// noLotsDue checks that no grant lot due by the latest month expired is still live.
func (a *auditor) noLotsDue() error {
	l := a.l
	for qi := range l.queues {
		qu := &l.queues[qi]
		if qu.head < len(qu.lots) && qu.lots[qu.head].Expiry <= a.expired {
			return fmt.Errorf("account %d still holds a grant lot of %s due in month %d after that month expired",
				l.owners[qi], Format(qu.lots[qu.head].Amount), qu.lots[qu.head].Expiry)
		}
	}
	return nil
}

// shape checks that an entry's fields are those its operation writes: the accounts
// on each side, the kind, no amount where none moves, an expiry only on an issue of
// tokens.
func shape(e entry) error {
	_, txOK := ParseTxKind(e.kind)
	other := e.kind == "other"
	var ok bool
	what := "with fields its operation does not write"
	switch e.op {
	case OpOpen:
		_, ok = ParseKind(e.kind)
		ok = ok && e.asset == Token && e.payer == NoAccount && e.amount == 0 && e.ref == 0
	case OpAsset:
		ok = e.payer == NoAccount && e.payee == NoAccount && e.amount == 0 && e.ref == 0
	case OpClose:
		ok = other && e.asset == Token && e.payer != NoAccount && e.payee == NoAccount && e.amount == 0 && e.ref == 0
	case OpIssue:
		ok = txOK && e.payer == NoAccount && e.payee != NoAccount
	case OpTransfer:
		ok = txOK
	case OpSave, OpWithdraw:
		ok = other && e.asset == Token && e.payer != NoAccount && e.payee == e.payer && e.ref == 0
	case OpExpire:
		ok = other && e.asset == Token && e.payer != NoAccount && e.payee == NoAccount && e.amount > 0
	case OpBurn:
		ok = other && e.payer != NoAccount && e.payee == NoAccount
	case OpEnd:
		ok = e.kind == "end" && e.asset == Token && e.payer == NoAccount && e.payee == NoAccount
	}
	if ok && e.expiry != 0 && !(e.op == OpIssue && e.asset == Token) && !(e.op == OpTransfer && e.asset == Token && e.grant > 0 && e.expiry > 0) {
		ok, what = false, "with an expiry month: only an issue of tokens has one, or a transfer passing on grant tokens"
	}
	if ok && e.grant != 0 && !((e.op == OpTransfer || e.op == OpBurn) && e.asset == Token && e.grant > 0 && e.grant <= e.amount) {
		ok, what = false, "with a grant part "+Format(e.grant)+": only a transfer or burn of tokens has one, at most its amount"
	}
	if !ok {
		return fmt.Errorf("%s entry (kind %q, asset %d, payer %d, payee %d, amount %s, ref %d) %s",
			e.op, e.kind, e.asset, e.payer, e.payee, Format(e.amount), e.ref, what)
	}
	return nil
}

// kindList names account kinds: "a coop or a foundation".
func kindList(kinds []Kind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = "a " + k.String()
	}
	return strings.Join(s, " or ")
}

// expireAccount replays one account's expiry: its lots due in month, which must add
// up to amount; a lot due earlier should have expired then.
// With exact, every lot taken must be due in month itself.
func (l *Ledger) expireAccount(a AccountID, month int32, amount Amount, exact bool) error {
	if a < 0 || l.lotq[a] == 0 {
		return errors.New("expiry of an account with no grant lots")
	}
	qu := &l.queues[l.lotq[a]-1]
	var gone Amount
	for qu.head < len(qu.lots) && qu.lots[qu.head].Expiry <= month {
		if e := qu.lots[qu.head].Expiry; exact && e != month {
			return fmt.Errorf("expiry of month %d takes a grant lot due in month %d, which should have expired then", month, e)
		}
		gone += qu.lots[qu.head].Amount
		qu.head++
	}
	if gone != amount {
		return fmt.Errorf("expires %s but the account's lots due by month %d hold %s", Format(amount), month, Format(gone))
	}
	l.grant[a] -= gone
	l.held.Grant -= gone
	l.supply[Token].expired += gone
	return nil
}

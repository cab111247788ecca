package ledger

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
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
}

// Audit reads a journal, verifies its hash chain and closing record, and rebuilds every
// balance by replaying it into a fresh ledger under the same rules. It fails with a
// *JournalError naming the first entry that was altered, is out of place, cannot be
// replayed, or, for a journal cut short, the last entry read.
func Audit(r io.Reader) (*AuditReport, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	l := New(Options{AllowExternal: true})
	var prev [sha256.Size]byte
	h := sha256.New()
	lineNo := 0
	var seq int64
	ended := false
	for {
		raw, err := br.ReadBytes('\n')
		if len(raw) == 0 && err == io.EOF {
			break
		}
		lineNo++
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read journal: %w", err)
		}
		if raw[len(raw)-1] != '\n' {
			return nil, &JournalError{Line: lineNo, Reason: fmt.Sprintf("the file ends in the middle of a line after entry %d: it was cut short", seq)}
		}
		text := raw[:len(raw)-1]
		if lineNo == 1 {
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
		e, perr := parseEntry(f)
		if perr != "" {
			return nil, &JournalError{Line: lineNo, Reason: "malformed entry: " + perr}
		}
		if e.seq != seq+1 {
			return nil, &JournalError{Line: lineNo, Seq: e.seq, Reason: fmt.Sprintf("sequence number %d where %d was expected: an entry was removed, moved or added", e.seq, seq+1)}
		}
		seq = e.seq
		h.Reset()
		h.Write(prev[:])
		h.Write(body)
		h.Sum(prev[:0])
		var want [sha256.Size]byte
		if len(sum) != hex.EncodedLen(sha256.Size) {
			// (hex.Decode would write past want: check the length first.)
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "hash does not match: this entry (or the chain before it) was altered"}
		}
		if n, err := hex.Decode(want[:], sum); err != nil || n != sha256.Size || want != prev {
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "hash does not match: this entry (or the chain before it) was altered"}
		}
		if err := replay(l, e); err != nil {
			return nil, &JournalError{Line: lineNo, Seq: seq, Reason: "cannot be replayed: " + err.Error()}
		}
		if e.op == OpEnd {
			ended = true
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
	if err := l.CheckConservation(); err != nil {
		return nil, &JournalError{Line: lineNo, Seq: seq, Reason: err.Error()}
	}
	return &AuditReport{Entries: seq, Ticks: int(l.tick), Ledger: l}, nil
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
}

func parseEntry(f [][]byte) (entry, string) {
	var e entry
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

func replay(l *Ledger, e entry) error {
	l.tick = e.tick
	if e.asset < 0 || int(e.asset) >= len(l.assets) && e.op != OpAsset {
		return fmt.Errorf("unknown asset %d", e.asset)
	}
	for _, a := range [...]AccountID{e.payer, e.payee} {
		if a < NoAccount || int(a) >= len(l.kind) && !(e.op == OpOpen && a == e.payee) {
			return fmt.Errorf("unknown account %d", a)
		}
	}
	switch e.op {
	case OpClose, OpSave, OpWithdraw, OpExpire, OpBurn:
		if e.payer == NoAccount {
			return fmt.Errorf("%s needs an account", e.op)
		}
	}
	tx, _ := ParseTxKind(e.kind)
	switch e.op {
	case OpOpen:
		k, ok := ParseKind(e.kind)
		if !ok || int(e.payee) != len(l.kind) {
			return fmt.Errorf("opens account %d of kind %q; next account is %d", e.payee, e.kind, len(l.kind))
		}
		l.Open(k)
	case OpClose:
		l.Deregister(e.payer)
	case OpAsset:
		if int(e.asset) != len(l.assets) {
			return fmt.Errorf("registers asset %d; next asset is %d", e.asset, len(l.assets))
		}
		name, err := strconv.Unquote(e.kind)
		if err != nil {
			return errors.New("bad asset name")
		}
		l.NewAsset(name)
	case OpIssue:
		if e.asset == Token {
			return l.Issue(e.payee, e.amount, int(e.expiry), tx, e.ref)
		}
		return l.IssueAsset(e.asset, e.payee, e.amount, tx, e.ref)
	case OpTransfer:
		return l.TransferAsset(e.asset, e.payer, e.payee, e.amount, tx, e.ref)
	case OpSave:
		return l.Save(e.payer, e.amount)
	case OpWithdraw:
		return l.Withdraw(e.payer, e.amount)
	case OpExpire:
		return l.expireAccount(e.payer, int32(e.ref), e.amount)
	case OpBurn:
		return l.BurnAsset(e.asset, e.payer, e.amount, e.ref)
	case OpEnd:
	}
	return nil
}

// expireAccount replays one account's expiry: its lots up to month, which must add up
// to amount.
func (l *Ledger) expireAccount(a AccountID, month int32, amount Amount) error {
	if a < 0 || l.lotq[a] == 0 {
		return errors.New("expiry of an account with no grant lots")
	}
	qu := &l.queues[l.lotq[a]-1]
	var gone Amount
	for qu.head < len(qu.lots) && qu.lots[qu.head].Expiry <= month {
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

package ledger

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Op is what a journal entry does to the ledger.
type Op uint8

// Journal operations.
const (
	OpOpen Op = iota + 1
	OpClose
	OpAsset
	OpIssue
	OpTransfer
	OpSave
	OpWithdraw
	OpExpire
	OpBurn
	OpEnd
)

var opNames = [...]string{"", "open", "close", "asset", "issue", "transfer", "save", "withdraw", "expire", "burn", "end"}

func (o Op) String() string { return name(opNames[:], uint8(o), "op") }

func parseOp(s string) (Op, bool) {
	i, ok := parseName(opNames[:], s)
	return Op(i), ok
}

// JournalHeader is the first line of every journal file, and JournalHeaderGrants of
// one written by a ledger whose accounts spend ordinary tokens first
// (Options.GrantLast) or whose grant tokens stay grant tokens (Options.GrantTaint):
// its entries carry the grant part of each debit as a field before the hash, and a
// transfer whose grant part reached the payee as a grant lot carries the lot's expiry.
const (
	JournalHeader       = "copex-journal v1 seq,tick,op,asset,payer,payee,amount,kind,ref,expiry,hash"
	JournalHeaderGrants = "copex-journal v2 seq,tick,op,asset,payer,payee,amount,kind,ref,expiry,grant,hash"
)

// Journal writes the ledger's changes as a hash-chained log (operating rule 5): every
// entry names payer, payee, amount, kind and reference, and carries the SHA-256 of the
// previous entry's hash and its own text, so that Audit detects damage, a cut and any
// edit that does not recompute the chain. The chain is not keyed: a rewrite that
// recomputes it is detected only if it breaks the ledger's rules (Audit's replay), or
// by comparing Head with a record kept apart from the journal (a run's manifest, a
// signature). Each line is
//
//	seq,tick,op,asset,payer,payee,amount,kind,ref,expiry,hash
//
// with amounts as exact decimal tokens. A journal created with CreateJournal is written
// to a temporary file and renamed into place only by Close, so an interrupted run
// never leaves a journal that looks complete.
type Journal struct {
	w    *bufio.Writer
	f    *os.File
	path string
	seq  int64
	prev [sha256.Size]byte
	h    hash.Hash
	line []byte
	hex  [2 * sha256.Size]byte
	err  error
	// grants: entries carry the grant part of debits (version 2); started: the
	// header is written (at the first entry, once the ledger has said which).
	grants, started bool
	grant           Amount // the grant part of the entry being written
}

// NewJournal returns a journal writing to w. Close writes the closing record.
func NewJournal(w io.Writer) *Journal {
	return &Journal{w: bufio.NewWriterSize(w, 1<<16), h: sha256.New(), line: make([]byte, 0, 160)}
}

// recordGrants sets whether entries carry the grant part of debits, before the first.
func (j *Journal) recordGrants(on bool) error {
	if j.started && j.grants != on {
		return fmt.Errorf("journal: already written as version %d", map[bool]int{false: 1, true: 2}[j.grants])
	}
	j.grants = on
	return nil
}

// CreateJournal returns a journal that will be written atomically to path.
func CreateJournal(path string) (*Journal, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	j := NewJournal(f)
	j.f, j.path = f, path
	return j, nil
}

// Err returns the first write error, if any.
func (j *Journal) Err() error { return j.err }

func (j *Journal) open(tick int32, id AccountID, k Kind) error {
	j.write(tick, OpOpen, Token, NoAccount, id, 0, k.String(), 0, 0)
	return j.err
}

func (j *Journal) asset(tick int32, id AssetID, name string) {
	j.write(tick, OpAsset, id, NoAccount, NoAccount, 0, quoteAsset(name), 0, 0)
}

// quoteAsset is an asset's name as a journal writes it: quoted, and since commas
// separate the fields of an entry, with a comma escaped too.
func quoteAsset(name string) string {
	return strings.ReplaceAll(strconv.Quote(name), ",", `\x2c`)
}

func (j *Journal) entry(tick int32, op Op, asset AssetID, payer, payee AccountID, amount Amount, kind TxKind, ref int64) {
	j.write(tick, op, asset, payer, payee, amount, kind.String(), ref, 0)
}

// debitEntry is entry for an operation on tokens that debits payer, grant of it from
// its grant lots.
// Under Options.GrantTaint, expiry is that of the grant lot the payee got (0: none).
func (j *Journal) debitEntry(tick int32, op Op, payer, payee AccountID, amount Amount, kind TxKind, ref int64, grant Amount, expiry int32) {
	j.grant = grant
	j.write(tick, op, Token, payer, payee, amount, kind.String(), ref, expiry)
	j.grant = 0
}

func (j *Journal) issueLot(tick int32, to AccountID, amount Amount, kind TxKind, ref int64, expiry int32) {
	j.write(tick, OpIssue, Token, NoAccount, to, amount, kind.String(), ref, expiry)
}

func (j *Journal) write(tick int32, op Op, asset AssetID, payer, payee AccountID, amount Amount, kind string, ref int64, expiry int32) {
	if j.err != nil {
		return
	}
	if !j.started {
		j.started = true
		if j.grants {
			j.w.WriteString(JournalHeaderGrants + "\n")
		} else {
			j.w.WriteString(JournalHeader + "\n")
		}
	}
	j.seq++
	b := appendBody(j.line[:0], j.seq, tick, op, asset, payer, payee, amount, kind, ref, expiry)
	if j.grants {
		b = append(b, ',')
		b = AppendFormat(b, j.grant)
	}
	j.chain(b)
	b = append(b, ',')
	hex.Encode(j.hex[:], j.prev[:])
	b = append(b, j.hex[:]...)
	b = append(b, '\n')
	j.line = b
	if _, err := j.w.Write(b); err != nil {
		j.err = fmt.Errorf("journal: %w", err)
	}
}

// appendBody appends an entry's text without its hash: the bytes the chain hashes.
// Audit formats every entry it reads again with it, so that only this canonical
// form is accepted.
func appendBody(b []byte, seq int64, tick int32, op Op, asset AssetID, payer, payee AccountID, amount Amount, kind string, ref int64, expiry int32) []byte {
	b = strconv.AppendInt(b, seq, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(tick), 10)
	b = append(b, ',')
	b = append(b, opNames[op]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(asset), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(payer), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(payee), 10)
	b = append(b, ',')
	b = AppendFormat(b, amount)
	b = append(b, ',')
	b = append(b, kind...)
	b = append(b, ',')
	b = strconv.AppendInt(b, ref, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(expiry), 10)
	return b
}

// Head returns the number of entries written so far and the hash of the last one,
// in lower-case hex: after Close, the closing record's hash, which covers the whole
// journal through the chain. A run's manifest records both, and a signature
// (SignHead) signs them.
func (j *Journal) Head() (entries int64, head string) {
	return j.seq, hex.EncodeToString(j.prev[:])
}

// chain sets prev to SHA-256(prev || text).
func (j *Journal) chain(text []byte) {
	j.h.Reset()
	j.h.Write(j.prev[:])
	j.h.Write(text)
	j.h.Sum(j.prev[:0])
}

// Close writes the closing record (the entry count and the ledger's supply), flushes,
// and for a journal made by CreateJournal syncs and renames it into place.
func (j *Journal) Close(l *Ledger) error {
	if j.err == nil {
		j.write(l.tick, OpEnd, Token, NoAccount, NoAccount, l.Supply(), "end", j.seq, 0)
	}
	if err := j.w.Flush(); err != nil && j.err == nil {
		j.err = fmt.Errorf("journal: %w", err)
	}
	if j.f == nil {
		return j.err
	}
	if j.err == nil {
		if err := j.f.Sync(); err != nil {
			j.err = fmt.Errorf("journal: %w", err)
		}
	}
	if err := j.f.Close(); err != nil && j.err == nil {
		j.err = fmt.Errorf("journal: %w", err)
	}
	if j.err != nil {
		os.Remove(j.f.Name())
		return j.err
	}
	if err := os.Rename(j.f.Name(), j.path); err != nil {
		os.Remove(j.f.Name())
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// Abort discards a journal made by CreateJournal without writing it.
func (j *Journal) Abort() {
	if j.f != nil {
		j.f.Close()
		os.Remove(j.f.Name())
	}
}

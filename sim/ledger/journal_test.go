package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// scenario runs a small economy over three months on l: every kind of journal entry
// (open, asset, issue of ordinary tokens, grant lots and another asset, transfer of
// both, save, withdraw, burn of both, expire, close), with rejected operations in
// between, which must leave no trace in the journal.
func scenario(t testing.TB, l *ledger.Ledger) {
	t.Helper()
	l.SetTime(1, 1)
	var members [4]ledger.AccountID
	for i := range members {
		members[i] = l.Open(ledger.KindMember)
	}
	bakery := l.Open(ledger.KindCoop)
	dairy := l.Open(ledger.KindCoop)
	foundation := l.Open(ledger.KindFoundation)
	l.Open(ledger.KindExternal)
	iou := l.NewAsset("iou, bakery") // a comma in a name must not break the journal
	// Tokens are issued only as the model issues them (Audit refuses anything else):
	// grants to co-ops (lots) and the Foundation, investment in co-ops, gifts to members.
	must(t, l.Issue(foundation, tok(1000), 0, ledger.TxGrant, 1))
	must(t, l.Issue(bakery, tok(300), 1, ledger.TxGrant, 2))
	must(t, l.Issue(bakery, tok(200), 2, ledger.TxGrant, 3))
	must(t, l.Transfer(foundation, dairy, tok(100), ledger.TxProgramme, 4))
	for i, m := range members {
		must(t, l.Transfer(bakery, m, tok(50), ledger.TxWage, int64(10+i)))
		must(t, l.Transfer(dairy, m, tok(12.5), ledger.TxWage, int64(20+i)))
	}
	for _, m := range members {
		must(t, l.Transfer(m, dairy, tok(10.123456), ledger.TxPurchase, 30))
	}
	must(t, l.Transfer(dairy, bakery, tok(7), ledger.TxInput, 31))
	must(t, l.Save(members[0], tok(20)))
	must(t, l.Withdraw(members[0], tok(5)))
	// Rejected: they change nothing and write nothing.
	if err := l.Transfer(members[0], members[1], tok(1), ledger.TxPurchase, 0); err == nil {
		t.Fatal("purchase from a member went through")
	}
	if err := l.Transfer(members[1], members[0], tok(1e6), ledger.TxGift, 0); err == nil {
		t.Fatal("overdraft went through")
	}
	must(t, l.IssueAsset(iou, members[0], tok(10), ledger.TxOther, 40))
	must(t, l.TransferAsset(iou, members[0], members[1], tok(4), ledger.TxOther, 41))
	must(t, l.BurnAsset(iou, members[1], tok(1), 42))

	l.SetTime(2, 2)
	if got := l.Expire(1); got != tok(100) {
		t.Fatalf("Expire(1) = %s, want 100", ledger.Format(got))
	}
	must(t, l.Transfer(bakery, dairy, tok(150), ledger.TxInput, 50))
	must(t, l.Burn(dairy, tok(1.5), 51))
	l.Deregister(members[3])
	l.Deregister(members[3]) // a second time writes nothing
	must(t, l.Issue(dairy, tok(5), 3, ledger.TxGrant, 52))

	l.SetTime(3, 3)
	if got := l.Expire(2); got != tok(50) {
		t.Fatalf("Expire(2) = %s, want 50", ledger.Format(got))
	}
	must(t, l.Transfer(members[0], members[1], 1, ledger.TxGift, 60))
	must(t, l.Save(members[1], tok(3)))
}

// journalOf runs the scenario with a journal into memory and returns the journal and
// the ledger.
func journalOf(t testing.TB) ([]byte, *ledger.Ledger) {
	t.Helper()
	var buf bytes.Buffer
	l := newLedger(t, ledger.Options{})
	j := ledger.NewJournal(&buf)
	must(t, l.SetJournal(j))
	scenario(t, l)
	must(t, j.Close(l))
	return buf.Bytes(), l
}

func lines(data []byte) []string { return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") }

func join(ls []string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }

// rechain recomputes the hash of every entry, as a forger who knows the format would.
func rechain(ls []string) []string {
	out := make([]string, len(ls))
	copy(out, ls)
	var prev [sha256.Size]byte
	for i := 1; i < len(out); i++ {
		cut := strings.LastIndexByte(out[i], ',')
		if cut < 0 {
			continue
		}
		body := out[i][:cut]
		h := sha256.New()
		h.Write(prev[:])
		h.Write([]byte(body))
		h.Sum(prev[:0])
		out[i] = body + "," + hex.EncodeToString(prev[:])
	}
	return out
}

// setField returns line with its i-th comma-separated field (from 0) replaced.
func setField(line string, i int, v string) string {
	f := strings.Split(line, ",")
	f[i] = v
	return strings.Join(f, ",")
}

func field(line string, i int) string { return strings.Split(line, ",")[i] }

func TestJournalAuditRebuilds(t *testing.T) {
	data, l := journalOf(t)
	ls := lines(data)
	if ls[0] != ledger.JournalHeader {
		t.Fatalf("first line %q, want the header %q", ls[0], ledger.JournalHeader)
	}
	// 8 opens, 1 asset, 3 issues, 14 transfers, save, withdraw, 3 of the asset, expire,
	// transfer, burn, 1 close (not 2), issue, expire, transfer, save, end: rejected
	// operations and the second Deregister write nothing.
	if got, want := len(ls)-1, 40; got != want {
		t.Errorf("journal has %d entries, want %d", got, want)
	}
	last := ls[len(ls)-1]
	if field(last, 2) != "end" || field(last, 6) != ledger.Format(l.Supply()) {
		t.Errorf("closing record %q, want op end and supply %s", last, ledger.Format(l.Supply()))
	}

	rep, err := ledger.Audit(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Audit() = %v, want nil", err)
	}
	if got, want := rep.Entries, int64(len(ls)-1); got != want {
		t.Errorf("Entries = %d, want %d (every line but the header)", got, want)
	}
	if rep.Ticks != 3 {
		t.Errorf("Ticks = %d, want 3", rep.Ticks)
	}
	if d := diffBalances(snap(rep.Ledger), snap(l), true); d != "" {
		t.Errorf("rebuilt ledger differs: %s", d)
	}
	if got := rep.Ledger.AssetName(1); got != "iou, bakery" {
		t.Errorf("rebuilt asset name %q, want %q", got, "iou, bakery")
	}
	if err := rep.Ledger.CheckConservation(); err != nil {
		t.Errorf("rebuilt ledger: CheckConservation() = %v, want nil", err)
	}
}

// TestCreateJournal: a journal made with CreateJournal appears at its path only when
// closed, holds the same bytes as one written to memory, and audits the same.
func TestCreateJournal(t *testing.T) {
	want, _ := journalOf(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "run.journal")
	l := newLedger(t, ledger.Options{})
	j, err := ledger.CreateJournal(path)
	must(t, err)
	must(t, l.SetJournal(j))
	scenario(t, l)
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("before Close: Stat(%s) = %v, want not exist", path, err)
	}
	must(t, j.Close(l))
	got, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Errorf("journal file (%d bytes) differs from the journal written to memory (%d bytes)", len(got), len(want))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1 (no temporary file left)", len(entries))
	}
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	rep, err := ledger.Audit(f)
	if err != nil {
		t.Fatalf("Audit(file) = %v, want nil", err)
	}
	if d := diffBalances(snap(rep.Ledger), snap(l), true); d != "" {
		t.Errorf("rebuilt ledger differs: %s", d)
	}
}

// TestJournalAbort: an aborted journal leaves nothing behind, neither at its path
// nor as a temporary file.
func TestJournalAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.journal")
	l := newLedger(t, ledger.Options{})
	j, err := ledger.CreateJournal(path)
	must(t, err)
	must(t, l.SetJournal(j))
	scenario(t, l)
	j.Abort()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Abort: Stat(%s) = %v, want not exist", path, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("after Abort: %d files in the directory, want none", len(entries))
	}
	if _, err := ledger.CreateJournal(filepath.Join(dir, "no-such-dir", "run.journal")); err == nil {
		t.Errorf("CreateJournal in a missing directory = nil error, want an error")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestJournalWriteError(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	j := ledger.NewJournal(failingWriter{})
	must(t, l.SetJournal(j))
	scenario(t, l)
	if err := j.Close(l); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Close() on a failing writer = %v, want the write error", err)
	}
}

// TestSetJournalLate: a journal set on a ledger that already holds tokens (as sim.Run
// does after a model has issued its opening balances) still rebuilds every balance:
// SetJournal writes the ledger as it stands first.
func TestSetJournalLate(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	scenario(t, l) // no journal yet: accounts, lots, savings, an asset, a closed account
	var buf bytes.Buffer
	j := ledger.NewJournal(&buf)
	must(t, l.SetJournal(j))
	l.SetTime(4, 4)
	must(t, l.Transfer(0, 1, tok(2), ledger.TxGift, 0))
	must(t, l.Withdraw(0, tok(1)))
	must(t, l.TransferAsset(1, 1, 0, tok(1), ledger.TxOther, 0))
	if got := l.Expire(3); got != tok(5) {
		t.Fatalf("Expire(3) = %s, want 5", ledger.Format(got))
	}
	must(t, j.Close(l))
	rep, err := ledger.Audit(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("Audit() = %v, want nil", err)
	}
	// The journal starts from the supply at SetJournal, so issued/expired/burned
	// count from there; every balance and the supply are the same.
	if d := diffBalances(snap(rep.Ledger), snap(l), false); d != "" {
		t.Errorf("rebuilt ledger differs: %s", d)
	}
}

// TestAuditTampering: every change to a journal is found, and the *JournalError
// names the line (and entry) where it shows.
func TestAuditTampering(t *testing.T) {
	data, _ := journalOf(t)
	ls := lines(data)
	n := len(ls) // header + entries; the last entry is the closing record
	mid := n / 2
	for field(ls[mid], 2) != "transfer" {
		mid++
	}
	seqAt := func(i int) int64 { return int64(i) } // line i (from 0) holds entry i

	for _, tc := range []struct {
		name   string
		data   []byte
		line   int   // 1-based
		seq    int64 // 0 when none
		reason []string
	}{
		{
			name: "amount changed in the middle",
			data: func() []byte {
				c := append([]string(nil), ls...)
				a, err := ledger.Parse(field(c[mid], 6))
				must(t, err)
				c[mid] = setField(c[mid], 6, ledger.Format(a+1))
				return join(c)
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"hash does not match"},
		},
		{
			name: "payee changed",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid] = setField(c[mid], 5, "0")
				return join(c)
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"hash does not match"},
		},
		{
			name: "hash changed",
			data: func() []byte {
				c := append([]string(nil), ls...)
				h := field(c[mid], 10)
				c[mid] = setField(c[mid], 10, strings.Repeat("0", len(h)))
				return join(c)
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"hash does not match"},
		},
		{
			name: "hash made longer",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid] += "00"
				return join(c)
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"hash does not match"},
		},
		{
			name: "closing supply changed",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[n-1] = setField(c[n-1], 6, "1")
				return join(c)
			}(),
			line: n, seq: seqAt(n - 1), reason: []string{"hash does not match"},
		},
		{
			name: "line deleted",
			data: join(append(append([]string(nil), ls[:mid]...), ls[mid+1:]...)),
			line: mid + 1, seq: seqAt(mid + 1),
			reason: []string{fmt.Sprintf("sequence number %d where %d was expected", mid+1, mid), "removed"},
		},
		{
			name: "lines swapped",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid], c[mid+1] = c[mid+1], c[mid]
				return join(c)
			}(),
			line: mid + 1, seq: seqAt(mid + 1), reason: []string{"sequence number"},
		},
		{
			name: "line repeated",
			data: join(append(append(append([]string(nil), ls[:mid+1]...), ls[mid]), ls[mid+1:]...)),
			line: mid + 2, seq: seqAt(mid), reason: []string{"sequence number"},
		},
		{
			name: "cut after some entries",
			data: join(ls[:mid]),
			line: mid, seq: seqAt(mid - 1),
			reason: []string{fmt.Sprintf("no closing record after entry %d", mid-1), "cut short"},
		},
		{
			name: "closing record removed",
			data: join(ls[:n-1]),
			line: n - 1, seq: seqAt(n - 2),
			reason: []string{"no closing record", "cut short"},
		},
		{
			name:   "cut in the middle of a line",
			data:   []byte(string(join(ls[:mid])) + ls[mid][:len(ls[mid])/2]),
			line:   mid + 1,
			reason: []string{"middle of a line", fmt.Sprintf("after entry %d", mid-1), "cut short"},
		},
		{
			name:   "cut before the last newline",
			data:   data[:len(data)-1],
			line:   n,
			reason: []string{"middle of a line", "cut short"},
		},
		{
			name:   "junk after the end",
			data:   append(append([]byte(nil), data...), "junk\n"...),
			line:   n + 1,
			reason: []string{"after the closing record"},
		},
		{
			name:   "junk after the end, no newline",
			data:   append(append([]byte(nil), data...), "junk"...),
			line:   n + 1,
			reason: []string{"middle of a line"},
		},
		{
			name:   "entry after the end",
			data:   join(append(append([]string(nil), ls...), ls[1])),
			line:   n + 1,
			reason: []string{"after the closing record"},
		},
		{name: "empty file", data: nil, line: 1, reason: []string{"empty file"}},
		{name: "header only", data: join(ls[:1]), line: 1, reason: []string{"no closing record after entry 0"}},
		{
			name:   "wrong header",
			data:   join(append([]string{strings.Replace(ls[0], "v1", "v2", 1)}, ls[1:]...)),
			line:   1,
			reason: []string{"bad header"},
		},
		{name: "not a journal", data: []byte("seq,tick\n1,2\n"), line: 1, reason: []string{"bad header"}},
		{
			name:   "malformed entry",
			data:   join(append(append([]string(nil), ls[:mid]...), "a,b,c")),
			line:   mid + 1,
			reason: []string{"malformed entry"},
		},
		{
			name:   "no comma",
			data:   join(append(append([]string(nil), ls[:mid]...), "nonsense")),
			line:   mid + 1,
			reason: []string{"malformed entry"},
		},
		// A forger who recomputes the whole hash chain is caught only when the books
		// stop adding up.
		{
			name: "rehashed: a payment larger than the payer holds",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid] = setField(c[mid], 6, "1000000")
				return join(rechain(c))
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"cannot be replayed", "insufficient funds"},
		},
		{
			name: "rehashed: closing supply",
			data: func() []byte {
				c := append([]string(nil), ls...)
				a, err := ledger.Parse(field(c[n-1], 6))
				must(t, err)
				c[n-1] = setField(c[n-1], 6, ledger.Format(a+1))
				return join(rechain(c))
			}(),
			line: n, seq: seqAt(n - 1), reason: []string{"closing record states supply"},
		},
		{
			name: "rehashed: closing count",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[n-1] = setField(c[n-1], 8, "3")
				return join(rechain(c))
			}(),
			line: n, seq: seqAt(n - 1), reason: []string{fmt.Sprintf("closing record counts 3 entries, found %d", n-2)},
		},
		{
			name: "rehashed: an entry without an account",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid] = fmt.Sprintf("%d,1,close,0,-1,-1,0,other,0,0,x", mid)
				return join(rechain(c))
			}(),
			line: mid + 1, seq: seqAt(mid), reason: []string{"cannot be replayed", "close entry", "with fields its operation does not write"},
		},
		{
			name: "rehashed: unknown operation",
			data: func() []byte {
				c := append([]string(nil), ls...)
				c[mid] = setField(c[mid], 2, "mint")
				return join(rechain(c))
			}(),
			line: mid + 1, reason: []string{"malformed entry", `unknown operation "mint"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := ledger.Audit(bytes.NewReader(tc.data))
			var je *ledger.JournalError
			if !errors.As(err, &je) {
				t.Fatalf("Audit() = %v, %v, want a *JournalError", rep, err)
			}
			if je.Line != tc.line || je.Seq != tc.seq {
				t.Errorf("error at line %d, entry %d, want line %d, entry %d (%v)", je.Line, je.Seq, tc.line, tc.seq, err)
			}
			msg := err.Error()
			if want := fmt.Sprintf("line %d", tc.line); !strings.HasPrefix(msg, want) {
				t.Errorf("error %q, want it to start with %q", msg, want)
			}
			for _, r := range tc.reason {
				if !strings.Contains(msg, r) {
					t.Errorf("error %q, want it to say %q", msg, r)
				}
			}
		})
	}
}

// TestAuditReadError: a failing reader is reported as such, not as a bad journal.
func TestAuditReadError(t *testing.T) {
	data, _ := journalOf(t)
	r := io.MultiReader(bytes.NewReader(data[:len(data)/2]), errReader{})
	_, err := ledger.Audit(r)
	var je *ledger.JournalError
	if err == nil || errors.As(err, &je) || !strings.Contains(err.Error(), "read journal") {
		t.Errorf("Audit(failing reader) = %v, want a read error", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("device gone") }

package ledger_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// insert forges a journal as someone who knows the format would: it puts entry
// (every field but seq and hash) after line at, renumbers the entries after it,
// corrects the closing record's count and its supply by supply, and recomputes the
// whole chain.
func insert(t *testing.T, ls []string, at int, entry string, supply ledger.Amount) []byte {
	t.Helper()
	out := append(append(append([]string(nil), ls[:at+1]...), "0,"+entry+",x"), ls[at+1:]...)
	for i := 1; i < len(out); i++ {
		out[i] = setField(out[i], 0, fmt.Sprint(i))
	}
	end := out[len(out)-1]
	s, err := ledger.Parse(field(end, 6))
	if err != nil {
		t.Fatal(err)
	}
	end = setField(end, 6, ledger.Format(s+supply))
	out[len(out)-1] = setField(end, 8, fmt.Sprint(len(out)-2))
	return join(rechain(out))
}

// firstAt returns the first line from the journal's lines ls at or after tick whose op
// is op.
func firstAt(t *testing.T, ls []string, tick, op string) int {
	t.Helper()
	for i := 1; i < len(ls); i++ {
		if field(ls[i], 1) == tick && field(ls[i], 2) == op {
			return i
		}
	}
	t.Fatalf("no %s at tick %s", op, tick)
	return 0
}

// TestAuditReplayRefusesForgeries: each forgery recomputes the chain and the closing
// record, so only the replay can tell; each breaks a rule of the ledger or of the
// economy's issuance. The scenario's accounts: members 0-3, co-ops 4 and 5, the
// Foundation 6, an external account 7; months 1-3 at ticks 1-3, month 1's lots
// expire at tick 2.
func TestAuditReplayRefusesForgeries(t *testing.T) {
	data, _ := journalOf(t)
	ls := lines(data)
	if _, err := ledger.Audit(bytes.NewReader(insert(t, ls, len(ls)-2, "3,transfer,0,0,1,0.5,gift,0,0", 0))); err != nil {
		t.Fatalf("the forger itself is wrong: a rule-abiding transfer it inserts fails: %v", err)
	}
	mint := ledger.Tokens(1_000_000)
	afterTick1 := firstAt(t, ls, "2", "expire")
	for _, tc := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"mint to a member, kind other, mid-run", insert(t, ls, afterTick1, "2,issue,0,-1,1,1000000,other,0,0", mint), `tokens of kind "other": after the opening state`},
		{"mint to a member as a grant", insert(t, ls, afterTick1, "2,issue,0,-1,1,1000000,grant,0,0", mint), "a grant issue goes to a coop or a foundation"},
		{"mint to a member as a bonus", insert(t, ls, afterTick1, "2,issue,0,-1,1,1000000,bonus,0,0", mint), `of kind "bonus"`},
		{"investment in the Foundation", insert(t, ls, afterTick1, "2,issue,0,-1,6,1000000,investment,0,0", mint), "a investment issue goes to a coop"},
		{"a gift to a co-op", insert(t, ls, afterTick1, "2,issue,0,-1,4,1000000,gift,0,0", mint), "a gift issue goes to a member"},
		{"an expiring lot for the Foundation", insert(t, ls, afterTick1, "2,issue,0,-1,6,10,grant,0,5", ledger.Tokens(10)), "only a co-op's grant expires"},
		{"a lot already expired", insert(t, ls, afterTick1, "2,issue,0,-1,4,10,grant,0,1", ledger.Tokens(10)), "month 1 has already expired"},
		{"an overdraft", insert(t, ls, afterTick1, "2,transfer,0,1,2,1000000,gift,0,0", 0), "insufficient funds"},
		{"time running back", insert(t, ls, afterTick1, "1,transfer,0,0,1,1,gift,0,0", 0), "time runs back"},
		{"an expiry of too much", insert(t, ls, afterTick1-1, "2,expire,0,5,-1,1,other,1,0", -ledger.Tokens(1)), "expiry of an account with no grant lots"},
		{"an expiry of the wrong size", insert(t, ls, afterTick1, "2,expire,0,4,-1,50,other,2,0", -ledger.Tokens(50)), "expires 50 but the account's lots due by month 2 hold 200"},
		{"a lot left unexpired", insert(t, ls, afterTick1-1, "1,issue,0,-1,5,10,grant,0,1", ledger.Tokens(10)), "account 5 still holds a grant lot of 10 due in month 1 after that month expired"},
		{"an expiry left out", func() []byte {
			c := append([]string(nil), ls...)
			c = append(c[:afterTick1:afterTick1], c[afterTick1+1:]...)
			for i := 1; i < len(c); i++ {
				c[i] = setField(c[i], 0, fmt.Sprint(i))
			}
			c[len(c)-1] = setField(setField(c[len(c)-1], 8, fmt.Sprint(len(c)-2)), 6, ledger.Format(mustParse(t, field(c[len(c)-1], 6))+ledger.Tokens(100)))
			return join(rechain(c))
		}(), "expires 50 but the account's lots due by month 2 hold 150"}, // month 1's lot was spent in month 2
		{"a second closing of an account", insert(t, ls, firstAt(t, ls, "2", "close"), "2,close,0,3,-1,0,other,0,0", 0), "already closed"},
		{"an amount written with a leading zero", insert(t, ls, afterTick1, "2,transfer,0,0,1,01,gift,0,0", 0), "not in canonical form"},
		{"a payee written with a plus sign", insert(t, ls, afterTick1, "2,transfer,0,0,+1,1,gift,0,0", 0), "not in canonical form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ledger.Audit(bytes.NewReader(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("Audit() = %v, want an error saying %q", err, tc.reason)
			}
		})
	}
}

func mustParse(t *testing.T, s string) ledger.Amount {
	t.Helper()
	a, err := ledger.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAuditRefusesUpperCaseHex: SHA-256 in hex has one canonical spelling; a hash with
// one digit upper-cased decodes to the same bytes but is refused, with its line.
func TestAuditRefusesUpperCaseHex(t *testing.T) {
	data, _ := journalOf(t)
	ls := lines(data)
	i := len(ls) / 2
	cut := strings.LastIndexByte(ls[i], ',')
	k := strings.IndexAny(ls[i][cut:], "abcdef")
	if k < 0 {
		t.Fatalf("line %d's hash has no letter", i+1)
	}
	k += cut
	ls[i] = ls[i][:k] + strings.ToUpper(ls[i][k:k+1]) + ls[i][k+1:]
	_, err := ledger.Audit(bytes.NewReader(join(ls)))
	if want := fmt.Sprintf("line %d (entry %d): hash is not in canonical form: only lower-case hex", i+1, i); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Audit() = %v, want %q", err, want)
	}
}

// TestAuditHead: the head Audit reports is the closing record's hash, as the journal
// itself reports it; a rule-abiding forgery (a larger gift) passes the replay but
// changes the head and the entry count, which is why a run's manifest records them.
func TestAuditHead(t *testing.T) {
	var buf bytes.Buffer
	l := newLedger(t, ledger.Options{})
	j := ledger.NewJournal(&buf)
	must(t, l.SetJournal(j))
	scenario(t, l)
	must(t, j.Close(l))
	n, head := j.Head()
	rep, err := ledger.Audit(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(buf.Bytes())
	if last := ls[len(ls)-1]; rep.Head != head || rep.Entries != n || !strings.HasSuffix(last, ","+head) {
		t.Errorf("Audit() head %s, %d entries; journal's Head() = %s, %d; last line %q", rep.Head, rep.Entries, head, n, last)
	}
	forged := insert(t, ls, firstAt(t, ls, "2", "expire"), "2,issue,0,-1,1,1000000,gift,0,0", ledger.Tokens(1_000_000))
	frep, err := ledger.Audit(bytes.NewReader(forged))
	if err != nil {
		t.Fatalf("a gift to a member is within the rules, but Audit() = %v", err)
	}
	if frep.Head == rep.Head || frep.Entries == rep.Entries {
		t.Errorf("forged journal has head %s and %d entries, the same as the original's", frep.Head, frep.Entries)
	}
}

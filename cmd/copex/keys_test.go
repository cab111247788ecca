package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// reforge rewrites a journal as a forger who knows the format would: it inserts an
// issue of tokens to account to of kind kind after the first entry of tick at,
// renumbers the entries after it, corrects the closing record's count and supply, and
// recomputes every hash.
func reforge(t *testing.T, journal string, at, to int, tokens float64, kind string) []byte {
	t.Helper()
	b, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	ls := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	i := 1
	for i < len(ls) && strings.Split(ls[i], ",")[1] != fmt.Sprint(at) {
		i++
	}
	if i == len(ls) {
		t.Fatalf("%s has no tick %d", journal, at)
	}
	mint := fmt.Sprintf("0,%d,issue,0,-1,%d,%s,%s,0,0,x", at, to, ledger.Format(ledger.Tokens(tokens)), kind)
	ls = append(ls[:i+1], append([]string{mint}, ls[i+1:]...)...)
	var prev [sha256.Size]byte
	for n := 1; n < len(ls); n++ {
		f := strings.Split(ls[n], ",")
		f[0] = fmt.Sprint(n)
		if n == len(ls)-1 { // the closing record: entries before it, supply
			s, err := ledger.Parse(f[6])
			if err != nil {
				t.Fatal(err)
			}
			f[6], f[8] = ledger.Format(s+ledger.Tokens(tokens)), fmt.Sprint(n-1)
		}
		body := strings.Join(f[:len(f)-1], ",")
		h := sha256.New()
		h.Write(prev[:])
		h.Write([]byte(body))
		h.Sum(prev[:0])
		ls[n] = body + "," + hex.EncodeToString(prev[:])
	}
	return []byte(strings.Join(ls, "\n") + "\n")
}

// TestAuditRefusesReforgedJournal: a million tokens minted to a member and the chain
// and closing record recomputed. The old audit passed it. Minted as "other" (how the
// opening state's balances are written) it breaks the replay's rules; minted as a
// gift, which the rules allow, only the manifest and the signature can tell.
func TestAuditRefusesReforgedJournal(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "key")
	if code, _, stderr := copex(t, "keygen", key); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "run")
	j := filepath.Join(out, "journal.csv")
	if code, _, stderr := copex(t, "run", "giveaway", "--set", "ticks=3", "--out", out, "--journal", j, "--sign", key, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	members := 0
	b, _ := os.ReadFile(j)
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, ",open,") && strings.Contains(l, ",member,") {
			members++
		}
	}
	if members == 0 {
		t.Fatal("the run opened no member account")
	}
	member := members / 2 // the Foundation is account 0, so some member is here: check
	if !strings.Contains(string(b), fmt.Sprintf(",open,0,-1,%d,0,member,", member)) {
		t.Fatalf("account %d is not a member", member)
	}
	sig, _ := os.ReadFile(j + ".sig")
	for _, tc := range []struct {
		kind string
		want []string // in the message of audit alone, and of audit --verify
	}{
		{"other", []string{`tokens of kind "other": after the opening state`, `tokens of kind "other": after the opening state`}},
		{"gift", []string{"manifest.json records a journal of", "the journal was changed after it was signed"}},
	} {
		forged := reforge(t, j, 2, member, 1_000_000, tc.kind)
		fdir := filepath.Join(dir, tc.kind)
		os.MkdirAll(fdir, 0o755)
		fj := write(t, fdir, "journal.csv", string(forged))
		write(t, fdir, "journal.csv.sig", string(sig))
		// Beside the forged journal, the run's own manifest, as a forger who rewrote
		// the journal in place would leave it.
		man, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
		write(t, fdir, "manifest.json", string(man))
		code, stdout, stderr := copex(t, "audit", fj)
		if code != 2 || !strings.Contains(stderr, tc.want[0]) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("audit of the journal with 1,000,000 minted as %s: exit %d, %q%q; want 2 and one line saying %q", tc.kind, code, stdout, stderr, tc.want[0])
		}
		// With no manifest at all, the signature still tells.
		os.Remove(filepath.Join(fdir, "manifest.json"))
		code, _, stderr = copex(t, "audit", fj, "--verify", key+".pub")
		if code != 2 || !strings.Contains(stderr, tc.want[1]) {
			t.Errorf("audit --verify of the journal with 1,000,000 minted as %s: exit %d, %q; want 2 saying %q", tc.kind, code, stderr, tc.want[1])
		}
	}
	// The forger's gift journal passes the chain and the replay: the forger is right,
	// and only the manifest and the signature stand in its way.
	if code, stdout, stderr := copex(t, "audit", filepath.Join(dir, "gift", "journal.csv")); code != 0 || !strings.Contains(stdout, "no manifest.json beside the journal") {
		t.Errorf("audit of the gift forgery with no manifest: exit %d, %q%q; want 0 and a note that no manifest was checked", code, stdout, stderr)
	}
}

// TestAuditSignedJournal: a journal signed by run --sign passes audit --verify with
// the key's public half, and is refused with another key, with a changed signature,
// with one hex digit of a hash upper-cased, and against another run's manifest.
func TestAuditSignedJournal(t *testing.T) {
	dir := t.TempDir()
	key, other := filepath.Join(dir, "key"), filepath.Join(dir, "other")
	for _, k := range []string{key, other} {
		if code, _, stderr := copex(t, "keygen", k); code != 0 {
			t.Fatal(stderr)
		}
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key: %v, %v; want mode 0600", fi.Mode(), err)
	}
	if code, _, stderr := copex(t, "keygen", key); code != 2 || !strings.Contains(stderr, "exists") {
		t.Errorf("keygen over an existing key: exit %d, %q; want 2 and a refusal", code, stderr)
	}
	out := filepath.Join(dir, "run")
	j := filepath.Join(out, "journal.csv")
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out, "--journal", j, "--sign", key, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := copex(t, "audit", j, "--verify", key+".pub")
	if code != 0 || !strings.Contains(stdout, "matches manifest") || !strings.Contains(stdout, "signature "+j+".sig verified") {
		t.Errorf("audit --verify of a good signed journal: exit %d, %q%q", code, stdout, stderr)
	}
	if code, _, stderr := copex(t, "audit", j, "--verify", other+".pub"); code != 2 || !strings.Contains(stderr, "does not verify with this public key") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("audit --verify with another key: exit %d, %q; want 2 and one line", code, stderr)
	}
	if code, _, stderr := copex(t, "audit", j, "--verify", key); code != 2 || !strings.Contains(stderr, "PUBLIC KEY") {
		t.Errorf("audit --verify with the private key file: exit %d, %q; want 2", code, stderr)
	}
	sig, _ := os.ReadFile(j + ".sig")
	bad := write(t, dir, "bad.sig", strings.Replace(string(sig), "entries 52", "entries 53", 1))
	if code, _, stderr := copex(t, "audit", j, "--verify", key+".pub", "--signature", bad); code != 2 || !strings.Contains(stderr, "does not verify") {
		t.Errorf("audit --verify with an altered signature file: exit %d, %q; want 2", code, stderr)
	}
	b, _ := os.ReadFile(j)
	ls := strings.Split(string(b), "\n")
	mid := len(ls) / 2
	cut := strings.LastIndexByte(ls[mid], ',')
	k := cut + strings.IndexAny(ls[mid][cut:], "abcdef")
	ls[mid] = ls[mid][:k] + strings.ToUpper(ls[mid][k:k+1]) + ls[mid][k+1:]
	upper := write(t, dir, "upper.csv", strings.Join(ls, "\n"))
	if code, _, stderr := copex(t, "audit", upper); code != 2 || !strings.Contains(stderr, fmt.Sprintf("line %d", mid+1)) || !strings.Contains(stderr, "lower-case") {
		t.Errorf("audit of a journal with an upper-cased hex digit: exit %d, %q; want 2 naming line %d", code, stderr, mid+1)
	}
	out2 := filepath.Join(dir, "run2")
	if code, _, stderr := copex(t, "run", "two-coops", "--set", "ticks=5", "--out", out2, "--journal", filepath.Join(out2, "journal.csv"), "-q"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := copex(t, "audit", j, "--manifest", filepath.Join(out2, "manifest.json")); code != 2 || !strings.Contains(stderr, "is not the run's, or was rewritten") {
		t.Errorf("audit against another run's manifest: exit %d, %q; want 2", code, stderr)
	}
	if code, _, stderr := copex(t, "run", "two-coops", "--out", out2, "--sign", key, "-q"); code != 2 || !strings.Contains(stderr, "--journal") {
		t.Errorf("run --sign without --journal: exit %d, %q; want 2", code, stderr)
	}
}

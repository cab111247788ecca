package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// clearRow is one obligation as the test reads it: names and micro-tokens.
type clearRow struct {
	debtor, creditor string
	amount           int64
}

// microOf reads an amount in the file's form, independently of the command: an
// integer is micro-tokens; a decimal is tokens, scaled by 10^6 digit by digit.
func microOf(t *testing.T, s string, tokens bool) int64 {
	t.Helper()
	if !tokens {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("amount %q: %v", s, err)
		}
		return v
	}
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) > 6 {
		t.Fatalf("token amount %q: want a point and at most 6 places", s)
	}
	frac += strings.Repeat("0", 6-len(frac))
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// readRows reads a debtor,creditor,amount file (columns in any order) with
// encoding/csv.
func readRows(t *testing.T, path string, tokens bool) []clearRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	var rows []clearRow
	for _, r := range recs[1:] {
		rows = append(rows, clearRow{r[col["debtor"]], r[col["creditor"]], microOf(t, r[col["amount"]], tokens)})
	}
	return rows
}

type clearSummaryFile struct {
	TotalDebt       json.Number `json:"total_debt"`
	Cleared         json.Number `json:"cleared"`
	Remaining       json.Number `json:"remaining"`
	NetInternalDebt json.Number `json:"net_internal_debt"`
	Participants    int         `json:"participants"`
	Obligations     int         `json:"obligations"`
	Seconds         *float64    `json:"seconds"`
	AmountForm      string      `json:"amount_form"`
	DroppedSelf     int         `json:"dropped_self"`
	FundLent        json.Number `json:"fund_lent"`
}

// checkClearOutput re-checks what copex clear wrote in out for the input file: every
// row of remaining.csv is an obligation of the input, in input order, no larger than it
// and above zero; every participant's net position (with fund.csv, if any) is as in
// the input; and each figure of summary.json is recomputed from the files. It returns
// the summary and the remaining rows.
func checkClearOutput(t *testing.T, input, out string, tokens bool) (clearSummaryFile, []clearRow) {
	t.Helper()
	in := readRows(t, input, tokens)
	left := readRows(t, filepath.Join(out, "remaining.csv"), tokens)
	net := map[string]int64{}
	names := map[string]bool{}
	var total, nid, remaining int64
	for _, r := range in {
		if r.debtor == r.creditor {
			continue // dropped with --drop-self
		}
		net[r.creditor] += r.amount
		net[r.debtor] -= r.amount
		names[r.debtor], names[r.creditor] = true, true
		total += r.amount
	}
	for _, p := range net {
		nid += max(p, 0)
	}
	// Earliest matching is enough to find an order-preserving assignment when one exists.
	i := 0
	for _, r := range left {
		for i < len(in) && (in[i].debtor != r.debtor || in[i].creditor != r.creditor || in[i].amount < r.amount) {
			i++
		}
		if i == len(in) || r.amount <= 0 {
			t.Fatalf("remaining %+v is no obligation of the input (in order, not larger, above zero)", r)
		}
		i++
		net[r.creditor] -= r.amount
		net[r.debtor] += r.amount
		remaining += r.amount
	}
	var lent, owed int64
	if fund, err := os.Open(filepath.Join(out, "fund.csv")); err == nil {
		recs, err := csv.NewReader(fund).ReadAll()
		fund.Close()
		if err != nil || len(recs) == 0 || strings.Join(recs[0], ",") != "participant,borrowed,deposited" {
			t.Fatalf("fund.csv: %v %v", recs, err)
		}
		for _, r := range recs[1:] {
			b, d := microOf(t, r[1], tokens), microOf(t, r[2], tokens)
			net[r[0]] += b - d
			lent += b
			owed += d
		}
	}
	for p, v := range net {
		if v != 0 {
			t.Fatalf("%s: net position changed by %d", p, -v)
		}
	}
	if lent != owed {
		t.Fatalf("fund lent %d, owes %d", lent, owed)
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s clearSummaryFile
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	form := "units"
	if tokens {
		form = "tokens"
	}
	got := [4]int64{microOf(t, s.TotalDebt.String(), tokens), microOf(t, s.Cleared.String(), tokens),
		microOf(t, s.Remaining.String(), tokens), microOf(t, s.NetInternalDebt.String(), tokens)}
	if want := [4]int64{total, total - remaining, remaining + lent + owed, nid}; got != want {
		t.Errorf("summary total, cleared, remaining, net internal debt = %v, want %v (from the files)", got, want)
	}
	if s.Participants != len(names) || s.AmountForm != form || s.Seconds == nil || *s.Seconds < 0 {
		t.Errorf("summary %s: want %d participants, form %s, seconds", data, len(names), form)
	}
	if got[2] < nid {
		t.Errorf("remaining %d below the net internal debt %d", got[2], nid)
	}
	return s, left
}

func clearOK(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := copex(t, append([]string{"clear"}, args...)...)
	if code != 0 {
		t.Fatalf("copex clear %v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// TestClearHandWorked: the 3-cycle A->B 5, B->C 3, C->A 4 with the chord A->C 2 leaves
// A->B 2 and A->C 1 (worked in sim/clearing's TestHandWorked: A's net -3 must reach B's
// +2 and C's +1 over one obligation each), 11 of 14 cleared.
func TestClearHandWorked(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "cycle.csv", "debtor,creditor,amount\nA,B,5\nB,C,3\nC,A,4\nA,C,2\n")
	out := filepath.Join(dir, "out")
	stdout := clearOK(t, in, "--out", out)
	if !strings.Contains(stdout, "cleared 11 of 14") {
		t.Errorf("stdout %q", stdout)
	}
	data, _ := os.ReadFile(filepath.Join(out, "remaining.csv"))
	if want := "debtor,creditor,amount\nA,B,2\nA,C,1\n"; string(data) != want {
		t.Errorf("remaining.csv = %q, want %q", data, want)
	}
	s, _ := checkClearOutput(t, in, out, false)
	if s.Cleared.String() != "11" || s.Remaining.String() != "3" || s.Obligations != 4 {
		t.Errorf("summary %+v", s)
	}
}

// randomObligations writes m obligations among n named participants (names with a
// comma or a quote in some), with amounts as integers or as tokens.
func randomObligations(t *testing.T, path string, r *rand.Rand, n, m int, tokens bool) {
	t.Helper()
	var b strings.Builder
	b.WriteString("amount,creditor,debtor\n") // columns in another order
	name := func(i int) string {
		switch i % 7 {
		case 0:
			return fmt.Sprintf(`"co-op %d, ltd"`, i)
		case 1:
			return fmt.Sprintf(`"the ""%d"""`, i)
		}
		return fmt.Sprintf("member %d", i)
	}
	for range m {
		d := r.IntN(n)
		c := (d + 1 + r.IntN(n-1)) % n
		a := 1 + r.Int64N(5_000_000)
		amt := strconv.FormatInt(a, 10)
		if tokens {
			amt = fmt.Sprintf("%d.%06d", a/1_000_000, a%1_000_000)
		}
		fmt.Fprintf(&b, "%s,%s,%s\n", amt, name(c), name(d))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestClearRoundTrip: random files in both forms clear to outputs that re-check, in
// the input's form and column order; clearing remaining.csv again sets off nothing (a
// least remaining network has no cycle left, or it could be cleared further).
func TestClearRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 1))
	for _, tokens := range []bool{false, true} {
		dir := t.TempDir()
		in := filepath.Join(dir, "obligations.csv")
		randomObligations(t, in, r, 60, 600, tokens)
		out := filepath.Join(dir, "out")
		clearOK(t, in, "--out", out)
		s, left := checkClearOutput(t, in, out, tokens)
		if s.Obligations != 600 || s.Cleared.String() == "0" || s.Cleared.String() == "0.0" {
			t.Errorf("tokens=%v: summary %+v: want 600 obligations, some cleared", tokens, s)
		}
		data, _ := os.ReadFile(filepath.Join(out, "remaining.csv"))
		lines := strings.Split(string(data), "\n")
		if lines[0] != "amount,creditor,debtor" {
			t.Errorf("header %q, want the input's order", lines[0])
		}
		if tokens != strings.Contains(lines[1], ".") {
			t.Errorf("tokens=%v: remaining line %q in the other form", tokens, lines[1])
		}
		again := filepath.Join(dir, "again")
		clearOK(t, filepath.Join(out, "remaining.csv"), "--out", again)
		s2, left2 := checkClearOutput(t, filepath.Join(out, "remaining.csv"), again, tokens)
		if microOf(t, s2.Cleared.String(), tokens) != 0 || len(left2) != len(left) {
			t.Errorf("tokens=%v: clearing the remaining network again cleared %s", tokens, s2.Cleared)
		}
	}
}

// TestClearLiquidity: the chain A->B->C->D of 10 tokens has no cycle; a fund that may
// lend 4 takes 4 of it (A owes the fund 4, the fund owes D 4), leaving 6 on each link:
// 3*6 + 2*4 = 26 of 30.
func TestClearLiquidity(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "chain.csv", "debtor,creditor,amount\nA,B,10.0\nB,C,10.0\nC,D,10.0\n")
	out := filepath.Join(dir, "out")
	clearOK(t, in, "--out", out, "--liquidity", "4")
	s, left := checkClearOutput(t, in, out, true)
	fund, _ := os.ReadFile(filepath.Join(out, "fund.csv"))
	if string(fund) != "participant,borrowed,deposited\nA,4.0,0.0\nD,0.0,4.0\n" || s.Remaining.String() != "26.0" || s.FundLent.String() != "4.0" || len(left) != 3 {
		t.Errorf("fund.csv %q, summary %+v", fund, s)
	}
}

// TestClearDropSelf: --drop-self drops a self-obligation with a warning naming its
// line; without it the file is refused.
func TestClearDropSelf(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "self.csv", "debtor,creditor,amount\nA,B,5\nB,B,7\nB,A,5\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := copex(t, "clear", in, "--out", out, "--drop-self")
	if code != 0 || !strings.Contains(stderr, "dropped 1 self-obligations (the first on line 3)") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	s, left := checkClearOutput(t, in, out, false)
	if s.DroppedSelf != 1 || s.Obligations != 2 || len(left) != 0 {
		t.Errorf("summary %+v, %d left", s, len(left))
	}
}

// TestClearDefaultOut: without --out the outputs go to out/clear-NAME.
func TestClearDefaultOut(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "month 3.csv", "debtor,creditor,amount\nA,B,5\nB,A,5\n")
	t.Chdir(dir)
	clearOK(t, "month 3.csv")
	if _, err := os.Stat(filepath.Join("out", "clear-month_3", "summary.json")); err != nil {
		t.Error(err)
	}
}

// TestClearBadInput: each bad file is refused with exit status 2 and one line naming
// the file, line and column.
func TestClearBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ text, want string }{
		{"debtor,creditor,amount\nA,B,-5\n", `:2: column amount: "-5" is negative`},
		{"debtor,creditor,amount\nA,B,5x\n", `:2: column amount: "5x" is not a number`},
		{"debtor,creditor,amount\nA,B,1e6\n", `:2: column amount: "1e6" is not a number`},
		{"debtor,creditor,amount\nA,B,\n", `:2: column amount: empty amount`},
		{"debtor,creditor,amount\nA,B,1\nC,C,2\n", `:3: column creditor: "C" owes itself: a self-obligation (--drop-self drops them)`},
		{"debtor,amount\nA,1\n", `:1: column creditor: missing from the header`},
		{"debtor,creditor,amount,note\nA,B,1,x\n", `:1: column "note": unknown`},
		{"debtor,creditor,creditor\nA,B,1\n", `:1: column creditor: named twice`},
		{"debtor,creditor,amount\nA,B\n", `:2: column amount: missing`},
		{"debtor,creditor,amount\nA,B,1,2\n", `:2: column 4: unexpected`},
		{"debtor,creditor,amount\nA,B,1\n\nB,C,1\n", `:3: blank line`},
		{"debtor,creditor,amount\nA,B,1\n\n", `:3: blank line`},
		{"debtor,creditor,amount\nA,B,1.1234567\n", `:2: column amount: "1.1234567" has 7 decimal places`},
		{"debtor,creditor,amount\nA,B,1.5\nB,C,2\n", `:3: column amount: "2" is in units but line 2's amount is in tokens`},
		{"debtor,creditor,amount\nA,B,1.\n", `:2: column amount: "1." is not a number`},
		{"debtor,creditor,amount\n,B,1\n", `:2: column debtor: empty name`},
		{"debtor,creditor,amount\n\"A,B,1\n", `:2: column debtor: a quote that does not close`},
		{"debtor,creditor,amount\nA,B,9223372036854775807\nB,C,1\n", `:3: column amount: the amounts add up past 9223372036854.775807 tokens`},
		{"debtor,creditor,amount\nA,B,9223372036854775808\n", `:2: column amount: "9223372036854775808" is out of range`},
		{"debtor,creditor,amount\nA,B,9223372036855.0\n", `:2: column amount: "9223372036855.0" is out of range`},
		{"", `: empty: want a header`},
	} {
		path := write(t, dir, "bad.csv", tc.text)
		code, _, stderr := copex(t, "clear", path, "--out", filepath.Join(dir, "out"))
		want := "copex: " + path + tc.want
		if code != 2 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.text, code, stderr, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "summary.json")); err == nil {
		t.Error("a refused file wrote a summary")
	}
}

// TestClearBadFiles: a 2 GiB file (sparse: nothing to read) is refused at once by its
// size; a folder, a named pipe and a missing file are refused too; all exit 2.
func TestClearBadFiles(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.csv")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("debtor,creditor,amount\n")
	if err := f.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{huge, huge + ": 2147483648 bytes, larger than the 1024 MiB an obligations file may be"},
		{dir, dir + ": not a regular file (a folder)"},
		{fifo, fifo + ": not a regular file (a named pipe)"},
		{filepath.Join(dir, "none.csv"), filepath.Join(dir, "none.csv") + ": no such file or directory"},
	} {
		start := time.Now()
		code, _, stderr := copex(t, "clear", tc.path, "--out", filepath.Join(dir, "out"))
		if code != 2 || !strings.HasPrefix(stderr, "copex: "+tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.path, code, stderr, tc.want)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: refused after %v, want at once", tc.path, d)
		}
	}
	for _, args := range [][]string{{"clear"}, {"clear", "a.csv", "b.csv"}, {"clear", huge, "--liquidity", "-1"}, {"clear", huge, "--liquidity", "x"}} {
		if code, _, stderr := copex(t, args...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, stderr)
		}
	}
}

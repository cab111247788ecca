package agents_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// TestTwoCoopsAppendix1 runs the embedded two-coops scenario, the worked example of
// seed 003 Appendix 1, and checks its grants, balances and trades against figures
// computed by hand.
//
// Set-up (scenarios/two-coops.yaml): co-op A offers bread, co-op B crafts, each with one
// worker-member (a and b) making 100 units a month at a fixed price of 1 token, so each
// offers 100 tokens' worth. Both members spend all they hold, half on each category, so
// each wants what the other co-op offers. The grant formula is increase_only with the
// projection following what is on offer; no Foundation share; release factor 1. Each
// co-op pays its worker a wage of 100 a month and pays out any surplus as a bonus.
// Accounts: 0 Foundation, 1 member a, 2 member b, 3 co-op A, 4 co-op B.
//
// Month 1: nobody holds a token, so nothing could trade. The offer act grants each
// co-op its first month's estimate: G = max(0, P_1 - H_0) = 100 - 0 = 100 each, issued
// 200. A pays a 100 (spending its grant lot), B pays b 100. a buys 50 of bread from A
// and 50 of crafts from B; b the same. A and B each sell 100 and end the month holding
// 100 ordinary tokens; a and b hold 0. Supply 200 = offered value 200.
// Months 2-3: the offer is unchanged, P = 100 = H, so G = 0: no new tokens. The same
// wages and the same four purchases; balances as at the end of month 1.
// Month 4: both raise their offers by half, to 150. G = 150 - 100 = 50 each, issued
// 300 in all. A pays a the wage of 100 and the 50 of grant as a bonus; a spends 150:
// 75 at A and 75 at B; likewise b. A and B each end with 150. Supply 300 = offered 300.
// Months 5-6: G = 0; each co-op pays 100 wage + 50 surplus; the same trades of 75.
func TestTwoCoopsAppendix1(t *testing.T) {
	sc, err := scenarios.Load("two-coops", nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := agents.Build(sc.Config, sc.Config.Seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "journal.csv")
	j, err := ledger.CreateJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	l := m.Ledger()
	var holdings [][5]ledger.Amount // per month, per account
	res, err := sim.Run(m, &sim.Options{Journal: j, OnTick: func(*sim.Metrics) error {
		var h [5]ledger.Amount
		for a := range h {
			h[a] = l.Holdings(ledger.AccountID(a))
		}
		holdings = append(holdings, h)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	tok := func(n int64) ledger.Amount { return ledger.Amount(n) * ledger.Unit }

	type month struct {
		issued, supply, offered, sales ledger.Amount
		coop, member                   ledger.Amount // each co-op's and each member's holdings
	}
	want := []month{
		{tok(200), tok(200), tok(200), tok(200), tok(100), 0},
		{tok(200), tok(200), tok(200), tok(200), tok(100), 0},
		{tok(200), tok(200), tok(200), tok(200), tok(100), 0},
		{tok(300), tok(300), tok(300), tok(300), tok(150), 0},
		{tok(300), tok(300), tok(300), tok(300), tok(150), 0},
		{tok(300), tok(300), tok(300), tok(300), tok(150), 0},
	}
	rows := readFigs(res.Table).Rows
	if len(rows) != len(want) {
		t.Fatalf("rows = %d, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		w := want[i]
		h := holdings[i]
		if h[0] != 0 || h[1] != h[2] || h[3] != h[4] {
			t.Errorf("month %d: holdings %v are not symmetric with an empty Foundation", i+1, h)
		}
		got := month{r.Issued, r.Supply, r.OfferedValue, r.SalesValue, h[3], h[1]}
		if r.Expired != 0 || r.Burned != 0 || r.RuleViolations != 0 {
			t.Errorf("month %d: expired %d, burned %d, violations %d; want none", i+1, r.Expired, r.Burned, r.RuleViolations)
		}
		if got != w {
			t.Errorf("month %d: got %+v, want %+v", i+1, got, w)
		}
	}
	for a, want := range map[ledger.AccountID]ledger.Amount{0: 0, 1: 0, 2: 0, 3: tok(150), 4: tok(150)} {
		if got := l.Holdings(a); got != want {
			t.Errorf("account %d holds %s, want %s", a, ledger.Format(got), ledger.Format(want))
		}
	}

	// The trades, month by month, from the journal: grants, wages, bonuses, purchases.
	wantOps := map[int][]string{
		1: {"issue,0,-1,3,100,grant", "issue,0,-1,4,100,grant",
			"transfer,0,3,1,100,wage", "transfer,0,4,2,100,wage",
			"transfer,0,1,3,50,purchase", "transfer,0,1,4,50,purchase", "transfer,0,2,3,50,purchase", "transfer,0,2,4,50,purchase"},
		2: {"transfer,0,3,1,100,wage", "transfer,0,4,2,100,wage",
			"transfer,0,1,3,50,purchase", "transfer,0,1,4,50,purchase", "transfer,0,2,3,50,purchase", "transfer,0,2,4,50,purchase"},
		4: {"issue,0,-1,3,50,grant", "issue,0,-1,4,50,grant",
			"transfer,0,3,1,100,wage", "transfer,0,3,1,50,bonus", "transfer,0,4,2,100,wage", "transfer,0,4,2,50,bonus",
			"transfer,0,1,3,75,purchase", "transfer,0,1,4,75,purchase", "transfer,0,2,3,75,purchase", "transfer,0,2,4,75,purchase"},
		6: {"transfer,0,3,1,100,wage", "transfer,0,3,1,50,bonus", "transfer,0,4,2,100,wage", "transfer,0,4,2,50,bonus",
			"transfer,0,1,3,75,purchase", "transfer,0,1,4,75,purchase", "transfer,0,2,3,75,purchase", "transfer,0,2,4,75,purchase"},
	}
	got := journalOps(t, path)
	for tick, ops := range wantOps {
		if strings.Join(got[tick], " | ") != strings.Join(ops, " | ") {
			t.Errorf("month %d trades:\n got %s\nwant %s", tick, strings.Join(got[tick], " | "), strings.Join(ops, " | "))
		}
	}

	// The journal rebuilds the same balances.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := ledger.Audit(f)
	if err != nil {
		t.Fatal(err)
	}
	for a := range l.Len() {
		id := ledger.AccountID(a)
		if g, w := rep.Ledger.Holdings(id), l.Holdings(id); g != w {
			t.Errorf("audit: account %d rebuilt %s, want %s", a, ledger.Format(g), ledger.Format(w))
		}
	}
}

// journalOps reads a journal's value-moving entries per tick as "op,asset,payer,payee,amount,kind".
func journalOps(t *testing.T, path string) map[int][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int][]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		switch f[2] {
		case "issue", "transfer", "expire", "burn":
		default:
			continue
		}
		var tick int
		for _, c := range f[1] {
			tick = tick*10 + int(c-'0')
		}
		out[tick] = append(out[tick], strings.Join(f[2:8], ","))
	}
	return out
}

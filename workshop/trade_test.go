package workshop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// economy returns the room's economy and participant id's co-op, read between ticks.
func (tr *testRoom) status(id int) agents.CoopStatus {
	tr.stepMu.Lock()
	defer tr.stepMu.Unlock()
	tr.mu.Lock()
	c := tr.person(id).Coop
	tr.mu.Unlock()
	return tr.eng.model.(*agents.Economy).CoopStatus(c)
}

func (tr *testRoom) foundation() ledger.Amount {
	tr.stepMu.Lock()
	defer tr.stepMu.Unlock()
	e := tr.eng.model.(*agents.Economy)
	return e.Ledger().Balance(e.Foundation())
}

// TestStartupFunding: a participant's co-op is paid the start-up funding an economy's
// start-up gets (agents' startups: the sector's wage × foundation.startup_months × its
// founders, or what the Foundation holds when less), read back from the economy's
// ledger; and a participant's co-op left at its default decisions, founded when the
// room opens, is still trading a year (12 monthly ticks) later on seeds 1 to 3.
func TestStartupFunding(t *testing.T) {
	for seed := 1; seed <= 3; seed++ {
		sc := load(t, "baseline", "ticks=40", fmt.Sprintf("seed=%d", seed))
		tr := openRoom(t, sc, Options{AwayAfter: time.Hour})
		tr.join(t, "Ann") // at tick 0 the Foundation holds nothing yet: funded with 0
		if s := tr.status(1); s.Treasury != 0 || s.Treasury != tr.person(1).funded() {
			t.Errorf("seed %d: Ann's co-op founded at tick 0 holds %s, funded %s; the Foundation held 0", seed,
				ledger.Format(s.Treasury), ledger.Format(tr.person(1).funded()))
		}
		for range 12 {
			tr.do(t, `{"kind":"step"}`)
		}
		if s := tr.status(1); !s.Alive {
			t.Errorf("seed %d: Ann's co-op, left at its default decisions, closed within its first year", seed)
		}
		// a year in, the Foundation holds more than a start-up costs: the whole cost
		held := tr.foundation()
		tr.join(t, "Bo")
		bo := tr.person(2)
		sec := sc.Config.Sectors[bo.Sector]
		// the scenario's wage, unindexed (baseline's wages are not indexed to costs), in
		// micro-tokens exactly: wage × months × founders are small integers
		want := ledger.Tokens(sec.Wage * sc.Config.Foundation.StartupMonths * 5)
		want = min(want, held)
		if s := tr.status(2); s.Treasury != want || bo.funded() != want {
			t.Errorf("seed %d: Bo's %s co-op holds %s, funded %s, want %s (wage %g × %g months × 5 founders; the Foundation held %s)", seed, sec.Name,
				ledger.Format(s.Treasury), ledger.Format(bo.funded()), ledger.Format(want), sec.Wage, sc.Config.Foundation.StartupMonths, ledger.Format(held))
		}
		if got := tr.foundation(); got != held-want {
			t.Errorf("seed %d: the Foundation holds %s after funding Bo, want %s", seed, ledger.Format(got), ledger.Format(held-want))
		}
		tr.do(t, `{"kind":"step"}`)
		tr.do(t, `{"kind":"end"}`)
		<-tr.Ended()
		journal := tr.journal.Bytes()
		if !bytes.Contains(journal, []byte(`"funded":`)) {
			t.Errorf("seed %d: the journal records no funding", seed)
		}
		got, err := Replay("journal", bytes.NewReader(journal), 1)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, tr.CSV()) {
			t.Fatalf("seed %d: replay differs from the live run:\n%s", seed, firstDiff(got, tr.CSV()))
		}
		// a journal whose funding the economy would not pay is refused, naming the line
		bad := bytes.Replace(journal, []byte(`"funded":`), []byte(`"funded":1`), 1)
		if _, err := Replay("journal", bytes.NewReader(bad), 1); err == nil || !strings.Contains(err.Error(), "funded") {
			t.Errorf("seed %d: replay of a journal with other funding: %v, want a funded error", seed, err)
		}
	}
}

func (p *Participant) funded() ledger.Amount { return ledger.Tokens(p.Funded) }

// TestTrade: Ann buys from Bo's co-op and from a simulated co-op of a sector she
// names. Read back from the economy, between ticks: Ann's treasury falls by the value
// and the levy (the rate × the localities' grid distance, recomputed here), the
// seller's rises by the value; Bo's next offer is the same run's without the trade
// less the value (his price held where he set it, so the same capacity at the same price). A purchase
// out of range, from herself, from a participant not in the room or from a closed
// co-op is refused with a reason; the facilitator's table and the debrief show the
// trades; the journal replays byte for byte.
func TestTrade(t *testing.T) {
	sc := load(t, "baseline", "ticks=24")
	run := func(trade bool) (*testRoom, [2]string) {
		tr := openRoom(t, sc, Options{AwayAfter: time.Hour})
		toks := [2]string{tr.join(t, "Ann"), tr.join(t, "Bo")}
		// Bo sets his (housing) co-op's price, so that it is held there in both runs
		if code, msg := tr.post(t, "/api/p/"+toks[1]+"/act", `{"kind":"price","value":48}`); code != http.StatusNoContent {
			t.Fatalf("price: %d %s", code, msg)
		}
		for range 3 {
			tr.do(t, `{"kind":"step"}`)
		}
		act := func(body string) {
			t.Helper()
			if code, msg := tr.post(t, "/api/p/"+toks[0]+"/act", body); code != http.StatusNoContent {
				t.Fatalf("act %s: %d %s", body, code, msg)
			}
		}
		if !trade {
			return tr, toks
		}
		ann0, bo0 := tr.status(1), tr.status(2)
		act(`{"kind":"buy","seller":2,"value":300,"seq":1}`)
		ann1, bo1 := tr.status(1), tr.status(2)
		v := ledger.Tokens(300)
		levy := ledger.Scale(v, sc.Config.Exchange.LevyRate*float64(gridDistance(ann0.Locality, bo0.Locality, sc.Config.Localities)))
		// the platform's levy is its rate × distance rounded to a micro-token, so at most
		// one micro-token from this one's
		if d := ann0.Treasury - ann1.Treasury - v - levy; d < -1 || d > 1 {
			t.Errorf("Ann paid %s for 300 tokens of Bo's goods, want 300 + the levy %s", ledger.Format(ann0.Treasury-ann1.Treasury), ledger.Format(levy))
		}
		if bo1.Treasury-bo0.Treasury != v {
			t.Errorf("Bo's co-op got %s, want 300", ledger.Format(bo1.Treasury-bo0.Treasury))
		}
		// a simulated crafts co-op: Ann's treasury falls by what it bought and its levy
		crafts := -1
		for i, s := range sc.Config.Sectors {
			if s.Name == "crafts" {
				crafts = i
			}
		}
		act(fmt.Sprintf(`{"kind":"buy","sector":%d,"value":200,"seq":2}`, crafts))
		ann2 := tr.status(1)
		tr.mu.Lock()
		last := tr.person(1).Trades[len(tr.person(1).Trades)-1]
		tr.mu.Unlock()
		seller := tr.eng.model.(*agents.Economy).CoopStatus(last.Coop)
		if last.Err != "" || last.Bought != 200 || seller.Sector != crafts || !seller.Alive || seller.Controlled {
			t.Errorf("the purchase from a simulated crafts co-op: %+v (the seller %+v), want 200 bought from an open crafts co-op no participant runs", last, seller)
		}
		levy2 := ledger.Scale(ledger.Tokens(200), sc.Config.Exchange.LevyRate*float64(gridDistance(ann0.Locality, seller.Locality, sc.Config.Localities)))
		if d := ann1.Treasury - ann2.Treasury - ledger.Tokens(200) - levy2; d < -1 || d > 1 {
			t.Errorf("Ann paid %s for 200 tokens of crafts, want 200 + the levy %s", ledger.Format(ann1.Treasury-ann2.Treasury), ledger.Format(levy2))
		}
		// refused as they arrive: one line saying why
		for _, body := range []string{`{"kind":"buy","seller":2,"value":0}`, `{"kind":"buy","seller":2,"value":-5}`, `{"kind":"buy","seller":2,"value":2e9}`, `{"kind":"buy","seller":-1,"value":5}`, `{"kind":"buy","sector":-1,"value":5}`} {
			if code, msg := tr.post(t, "/api/p/"+toks[0]+"/act", body); code != http.StatusBadRequest || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
				t.Errorf("%s: %d %q, want 400 and one line", body, code, msg)
			}
		}
		// refused by the run, with the reason kept for the pages
		for _, c := range []struct{ body, why string }{
			{`{"kind":"buy","seller":1,"value":5}`, "itself"},
			{`{"kind":"buy","seller":9,"value":5}`, "participant 9 has no co-op"},
			{`{"kind":"buy","sector":99,"value":5}`, "sector: 99"},
		} {
			act(c.body)
			tr.mu.Lock()
			got := tr.person(1).Trades[len(tr.person(1).Trades)-1]
			tr.mu.Unlock()
			if !strings.Contains(got.Err, c.why) || got.Bought != 0 {
				t.Errorf("%s: %+v, want refused (%s)", c.body, got, c.why)
			}
		}
		return tr, toks
	}
	plain, _ := run(false)
	tr, toks := run(true)
	// the month's figures are closed at the next month's start: two ticks on, Bo's
	// status holds the month after the trade's
	for _, r := range []*testRoom{plain, tr} {
		r.do(t, `{"kind":"step"}`)
		r.do(t, `{"kind":"step"}`)
	}
	with, without := tr.status(2), plain.status(2)
	if without.Offered-with.Offered != ledger.Tokens(300) {
		t.Errorf("Bo's next offer %s, the same run's without the trade %s: want 300 less", ledger.Format(with.Offered), ledger.Format(without.Offered))
	}
	rows := tr.tableRows(t)
	if rows[1].Bought != 500 {
		t.Errorf("the facilitator's table shows Ann bought %g, want 500", rows[1].Bought)
	}
	// a closed co-op cannot buy nor be bought from: Bo's is closed by the economy's rule
	// once it cannot pay, so here his pay is set past what it can ever earn
	if code, msg := tr.post(t, "/api/p/"+toks[1]+"/act", `{"kind":"wage","value":900000}`); code != http.StatusNoContent {
		t.Fatalf("wage: %d %s", code, msg)
	}
	for range 6 {
		tr.do(t, `{"kind":"step"}`)
	}
	if tr.status(2).Alive {
		t.Fatal("Bo's co-op paying 900,000 a worker is still open")
	}
	for _, c := range []struct {
		tok, body, why string
	}{{toks[0], `{"kind":"buy","seller":2,"value":5}`, "closed"}, {toks[1], `{"kind":"buy","seller":1,"value":5}`, "your co-op has closed"}} {
		if code, msg := tr.post(t, "/api/p/"+c.tok+"/act", c.body); code != http.StatusNoContent {
			t.Fatalf("%s: %d %s", c.body, code, msg)
		}
	}
	code, body := tr.get(t, "/api/f/"+tr.Key()+"/debrief")
	var d Debrief
	if err := json.Unmarshal([]byte(body), &d); code != http.StatusOK || err != nil {
		t.Fatalf("debrief: %d %v", code, err)
	}
	ann, bo := d.People[0].Trades, d.People[1].Trades
	if len(ann) != 6 || ann[0].Seller != "Bo" || ann[0].Bought != 300 || !strings.HasPrefix(ann[1].Seller, "a simulated crafts") ||
		!strings.Contains(ann[5].Err, "closed") || len(bo) != 1 || !strings.Contains(bo[0].Err, "your co-op has closed") {
		t.Errorf("the debrief's trades: Ann %+v, Bo %+v", ann, bo)
	}
	tr.do(t, `{"kind":"end"}`)
	<-tr.Ended()
	journal := tr.journal.Bytes()
	if n := bytes.Count(journal, []byte(`"kind":"buy"`)); n != 7 {
		t.Errorf("the journal has %d purchases, want 7", n)
	}
	got, err := Replay("journal", bytes.NewReader(journal), 2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, tr.CSV()) {
		t.Fatalf("replay differs from the live run:\n%s", firstDiff(got, tr.CSV()))
	}
	// the trade changes the run: replay without it gives other metrics
	var kept [][]byte
	for _, l := range bytes.SplitAfter(journal, []byte("\n")) {
		if !bytes.Contains(l, []byte(`"kind":"buy","tick":3,"who":1,"value":300`)) {
			kept = append(kept, l)
		}
	}
	other := bytes.Join(kept, nil)
	if len(other) == len(journal) {
		t.Fatal("the purchase from Bo was not found in the journal")
	}
	if again, err := Replay("journal", bytes.NewReader(other), 1); err == nil && bytes.Equal(again, tr.CSV()) {
		t.Error("replay without the purchase from Bo gives the same metrics")
	}
}

// gridDistance is the platform's distance between localities a and b: localities
// on a square grid of side √n, row by row, and the steps between them (Manhattan).
func gridDistance(a, b, n int) int {
	side := 1
	for side*side < n {
		side++
	}
	abs := func(x int) int { return max(x, -x) }
	return abs(a%side-b%side) + abs(a/side-b/side)
}

package workshop

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// column returns metrics.csv's column name, tick by tick, as exact amounts.
func column(t *testing.T, csv []byte, name string) []ledger.Amount {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	k := -1
	for i, h := range strings.Split(lines[0], ",") {
		if h == name {
			k = i
		}
	}
	if k < 0 {
		t.Fatalf("metrics.csv has no column %q", name)
	}
	out := []ledger.Amount{0} // tick 0: nothing yet
	for _, l := range lines[1:] {
		a, err := ledger.Parse(strings.Split(l, ",")[k])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// balances returns every member's holdings now (with the room between ticks).
func (tr *testRoom) balances() []ledger.Amount {
	tr.stepMu.Lock()
	defer tr.stepMu.Unlock()
	e := tr.eng.model.(*agents.Economy)
	out := make([]ledger.Amount, e.Members())
	for i := range out {
		out[i] = e.Balance(i)
	}
	return out
}

// TestGiveawayNow: a giveaway the facilitator makes between ticks 5 and 6 goes to the
// first fifth of the active members in equal parts (their balances, read from the
// economy before and after, against that rule written here); tokens issued and the
// supply in metrics.csv are the unchanged run's up to tick 5 and exactly the amount
// more at tick 6; the charts' mark says so; the journal replays to the same bytes.
func TestGiveawayNow(t *testing.T) {
	sc := load(t, "baseline", "ticks=8")
	tr := openRoom(t, sc, Options{})
	for range 5 {
		tr.do(t, `{"kind":"step"}`)
	}
	before := tr.balances()
	// paused, so the giveaway applies as it arrives (between ticks 5 and 6)
	tr.do(t, `{"kind":"giveaway","value":250000.5,"share":0.2}`)
	after := tr.balances()
	amount := ledger.Tokens(250000.5)

	// the rule: the first k = 0.2 × active members, in order, get amount/k each, the
	// first amount mod k of them a micro-token more; nobody else gets anything
	e := tr.eng.model.(*agents.Economy)
	k := int(0.2 * float64(e.ActiveMembers()))
	each, rest := amount/ledger.Amount(k), amount%ledger.Amount(k)
	var got, j ledger.Amount
	for i := range before {
		want := before[i]
		if e.MemberActive(i) && j < ledger.Amount(k) {
			want += each
			if j < rest {
				want++
			}
			j++
		}
		if after[i] != want {
			t.Fatalf("member %d holds %s after the giveaway, want %s", i, ledger.Format(after[i]), ledger.Format(want))
		}
		got += after[i] - before[i]
	}
	if got != amount || j != ledger.Amount(k) || k == 0 {
		t.Fatalf("given %s to %d members, want %s to %d", ledger.Format(got), j, ledger.Format(amount), k)
	}

	for range 3 {
		tr.do(t, `{"kind":"step"}`)
	}
	live := tr.CSV()
	plain := copexRun(t, sc)
	for _, name := range []string{"issued", "supply"} {
		g, p := column(t, live, name), column(t, plain, name)
		for tick := 1; tick <= 5; tick++ {
			if g[tick] != p[tick] {
				t.Errorf("%s at tick %d: %s, the unchanged run's %s: the giveaway came early", name, tick, ledger.Format(g[tick]), ledger.Format(p[tick]))
			}
		}
		// Tick 6's grants are decided from the co-ops' offers, made before the gift can
		// be spent, and nothing expires or is burned in it, so the rest of the tick's
		// issuance is the unchanged run's: the difference is the gift, to the micro-token.
		if d := g[6] - p[6]; d != amount {
			t.Errorf("%s at tick 6 is %s more than the unchanged run's, want the %s given away", name, ledger.Format(d), ledger.Format(amount))
		}
	}
	if want := (Mark{Tick: 6, Name: KindGiveaway, Value: 250000.5, Share: 0.2}); len(tr.eng.marks) != 1 || tr.eng.marks[0] != want {
		t.Errorf("marks %v, want %v", tr.eng.marks, want)
	}
	journal := tr.journal.Bytes()
	if !bytes.Contains(journal, []byte(`{"kind":"giveaway","tick":5,"value":250000.5,"share":0.2}`)) {
		t.Errorf("the journal has no giveaway record after tick 5:\n%s", journal)
	}
	again, err := Replay("journal", bytes.NewReader(journal), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, live) {
		t.Fatalf("replay differs:\n%s", firstDiff(again, live))
	}
	// and the journal without its giveaway replays to the unchanged run: the
	// giveaway is what made the difference
	var cut []string
	for _, l := range strings.SplitAfter(string(journal), "\n") {
		if !strings.Contains(l, `"kind":"giveaway"`) {
			cut = append(cut, l)
		}
	}
	if again, err := Replay("journal", strings.NewReader(strings.Join(cut, "")), 1); err != nil || !bytes.Equal(again, plain) {
		t.Errorf("the journal less its giveaway: %v; equal to the unchanged run: %v", err, bytes.Equal(again, plain))
	}
}

// TestGiveawayRefused: a giveaway out of range is refused with a one-line reason, as
// is one in a model that cannot make one, and the room goes on; one that would take
// the ledger past the most it holds is refused when it comes to apply, gives nothing,
// is journaled with its reason and replays.
func TestGiveawayRefused(t *testing.T) {
	tr := openRoom(t, load(t, "baseline", "ticks=6"), Options{})
	tr.do(t, `{"kind":"step"}`)
	for _, c := range []struct{ body, want string }{
		{`{"kind":"giveaway","value":0,"share":0.1}`, "give away more than 0"},
		{`{"kind":"giveaway","value":-5,"share":0.1}`, "give away more than 0"},
		{`{"kind":"giveaway","value":1e13,"share":0.1}`, "at most 1e+12 tokens"},
		{`{"kind":"giveaway","value":1000}`, "share: give to a share"},
		{`{"kind":"giveaway","value":1000,"share":1.5}`, "share: give to a share"},
		{`{"kind":"giveaway","value":1000,"share":"all"}`, "not an action"},
		{`{"kind":"giveaway","value":1000,"share":0.1,"who":3}`, "not an action"},
	} {
		code, msg := tr.post(t, "/api/f/"+tr.Key()+"/do", c.body)
		if code != http.StatusBadRequest || !strings.Contains(msg, c.want) || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
			t.Errorf("%s: %d %q, want 400 and one line containing %q", c.body, code, msg, c.want)
		}
	}
	// 9 giveaways of 1e12 tokens (9e18 micro-tokens) fit under MaxSupply (9.22e18)
	// with what the run issued (about 1e7 tokens); a tenth does not
	for range 9 {
		tr.do(t, `{"kind":"giveaway","value":1e12,"share":1}`)
	}
	// the facilitator's page is told why, on its stream
	res, err := http.Get(tr.srv.URL + "/api/f/" + tr.Key() + "/events")
	if err != nil {
		t.Fatal(err)
	}
	refused := make(chan string, 1)
	go readEvents(res.Body, func(event string, data []byte) {
		if event == "refused" {
			select {
			case refused <- string(data):
			default:
			}
		}
	})
	before := tr.balances()
	tr.do(t, `{"kind":"giveaway","value":1e12,"share":1}`)
	if after := tr.balances(); !equalAmounts(before, after) {
		t.Error("a refused giveaway gave tokens")
	}
	select {
	case msg := <-refused:
		if !strings.Contains(msg, `"kind":"giveaway"`) || !strings.Contains(msg, "past the most the ledger holds") {
			t.Errorf("the facilitator's stream said %s", msg)
		}
	case <-time.After(5 * time.Second):
		t.Error("the facilitator's stream did not say the giveaway was refused")
	}
	res.Body.Close()
	lines := strings.Split(strings.TrimSpace(string(tr.journal.Bytes())), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, `"kind":"giveaway"`) || !strings.Contains(last, "past the most the ledger holds") {
		t.Errorf("the last journal line %s, want the giveaway refused", last)
	}
	// the room goes on, with 9e12 tokens among 6,000 members
	tr.do(t, `{"kind":"step"}`)
	if tr.Tick() != 2 {
		t.Errorf("tick %d after a step, want 2", tr.Tick())
	}
	if again, err := Replay("journal", bytes.NewReader(tr.journal.Bytes()), 1); err != nil || !bytes.Equal(again, tr.CSV()) {
		t.Errorf("replay with a refused giveaway: %v", err)
	}

	rx := openRoom(t, load(t, "random-exchange", "ticks=5", "members=500"), Options{})
	code, msg := rx.post(t, "/api/f/"+rx.Key()+"/do", `{"kind":"giveaway","value":1000,"share":0.5}`)
	if code != http.StatusBadRequest || !strings.Contains(msg, "cannot give tokens away") {
		t.Errorf("giveaway in random-exchange: %d %q, want 400 saying it cannot", code, msg)
	}
	rx.do(t, `{"kind":"step"}`)
	if rx.Tick() != 1 {
		t.Errorf("random-exchange at tick %d after a step, want 1", rx.Tick())
	}
}

func equalAmounts(a, b []ledger.Amount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

package workshop

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/agents"
)

// productivity returns participant id's co-op's units per worker-month, read from the
// economy (agents' CoopProductivity), and its grants received in all so far.
func (tr *testRoom) productivity(id int) float64 {
	tr.stepMu.Lock()
	defer tr.stepMu.Unlock()
	tr.mu.Lock()
	c := tr.person(id).Coop
	tr.mu.Unlock()
	return tr.eng.model.(*agents.Economy).CoopProductivity(c)
}

// TestGrantUse: two participants found co-ops in the same sector; Ann puts her grants
// into capacity, Bo pays his out to his members. Read back from the economy, Ann's
// co-op's units per worker rise above the sector's (capacity bought from other co-ops
// raises them), Bo's stay at the sector's (he buys none, and what is above the
// sector's base wears out); while Ann is away her co-op spends as the scenario's do,
// and her choice is restored when she is back. The facilitator's table shows the
// choices, a choice not on the list is refused, and the journal replays.
func TestGrantUse(t *testing.T) {
	sc := load(t, "baseline", "ticks=24")
	tr := openRoom(t, sc, Options{AwayAfter: 50 * time.Millisecond})
	join := func(name string) string {
		code, msg := tr.post(t, "/api/join", fmt.Sprintf(`{"code":%q,"name":%q,"sector":0}`, tr.Code(), name))
		if code != http.StatusOK {
			t.Fatalf("join %s: %d %s", name, code, msg)
		}
		return msg[strings.Index(msg, `"token":"`)+9:][:32]
	}
	ann, bo := join("Ann"), join("Bo")
	act := func(tok, body string) {
		t.Helper()
		if code, msg := tr.post(t, "/api/p/"+tok+"/act", body); code != http.StatusNoContent {
			t.Fatalf("act %s: %d %s", body, code, msg)
		}
	}
	act(ann, `{"kind":"grant_use","use":"capacity","seq":1}`)
	act(bo, `{"kind":"grant_use","use":"members","seq":1}`)
	for _, body := range []string{`{"kind":"grant_use","use":"gold","seq":2}`, `{"kind":"grant_use","seq":2}`, `{"kind":"grant_use","use":7}`} {
		if code, msg := tr.post(t, "/api/p/"+ann+"/act", body); code != http.StatusBadRequest || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
			t.Errorf("%s: %d %q, want 400 and one line", body, code, msg)
		}
	}
	base := sc.Config.Sectors[0].Productivity
	if a, b := tr.productivity(1), tr.productivity(2); a != base || b != base {
		t.Fatalf("at founding: Ann %g, Bo %g units per worker, want the sector's %g", a, b, base)
	}
	// Ann keeps her page open, so the default rule leaves her co-op to her; Bo's too
	open := func(tok string) *http.Response {
		res, err := http.Get(tr.srv.URL + "/api/p/" + tok + "/events")
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	annPage, boPage := open(ann), open(bo)
	defer boPage.Body.Close()
	for range 12 {
		tr.do(t, `{"kind":"step"}`)
	}
	a, b := tr.productivity(1), tr.productivity(2)
	t.Logf("after 12 ticks: Ann (capacity) %g, Bo (members) %g units per worker; the sector's %g", a, b, base)
	if !(a > base) {
		t.Errorf("Ann's co-op put its grants into capacity: %g units per worker, want above the sector's %g", a, base)
	}
	if b != base {
		t.Errorf("Bo's co-op paid its grants out: %g units per worker, want the sector's %g", b, base)
	}
	rows := tr.tableRows(t)
	if rows[1].Use != "capacity" || rows[2].Use != "members" {
		t.Errorf("the facilitator's table shows grant uses %q and %q, want capacity and members", rows[1].Use, rows[2].Use)
	}

	// Ann's page closes: the default rule spends her grants as the scenario's co-ops
	// do, until she is back
	annPage.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !tr.away(1) {
		if time.Now().After(deadline) {
			t.Fatal("Ann's co-op was not handed to the default rule")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for range 2 {
		tr.do(t, `{"kind":"step"}`)
	}
	annPage = open(ann)
	defer annPage.Body.Close()
	for tr.away(1) {
		if time.Now().After(deadline) {
			t.Fatal("Ann's co-op was not given back")
		}
		time.Sleep(10 * time.Millisecond)
	}
	tr.do(t, `{"kind":"step"}`)
	tr.do(t, `{"kind":"end"}`)
	journal := tr.journal.Bytes()
	for _, want := range []string{`"kind":"grant_use","tick":0,"who":1,"use":"capacity"`, `"kind":"grant_use","tick":0,"who":2,"use":"members"`, `"kind":"away"`, `"kind":"back"`} {
		if !bytes.Contains(journal, []byte(want)) {
			t.Errorf("the journal has no %s", want)
		}
	}
	again, err := Replay("journal", bytes.NewReader(journal), 1)
	if err != nil {
		t.Fatal(err)
	}
	if live := tr.CSV(); !bytes.Equal(again, live) {
		t.Fatalf("replay differs:\n%s", firstDiff(again, live))
	}
	// the choices made the difference: the same journal with Ann's choice made
	// "members" replays to other metrics
	other := bytes.Replace(journal, []byte(`"who":1,"use":"capacity"`), []byte(`"who":1,"use":"members"`), 1)
	if again, err := Replay("journal", bytes.NewReader(other), 1); err != nil || bytes.Equal(again, tr.CSV()) {
		t.Errorf("replay with Ann paying out instead: %v; same metrics: %v, want different", err, err == nil)
	}
}

// tableRows returns the facilitator's table's rows as its page is sent them, by id.
func (tr *testRoom) tableRows(t *testing.T) map[int]personRow {
	t.Helper()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	out := map[int]personRow{}
	for _, r := range tr.helloLocked().People {
		out[r.ID] = r
	}
	return out
}

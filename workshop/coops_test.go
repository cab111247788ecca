package workshop

import (
	"net/http"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// TestParticipantActionsTakeEffect: each action a participant sends reaches their
// co-op in the economy, read back from agents' own CoopStatus (not the room's view):
// price, pay, output target, hiring and release; until the first of them the economy's
// rules run the co-op (its default decisions); dropping out hands it back to them and
// coming back restores the participant's price.
func TestParticipantActionsTakeEffect(t *testing.T) {
	tr := openRoom(t, load(t, "baseline", "ticks=60"), Options{AwayAfter: 50 * time.Millisecond, Founders: 6})
	ann := tr.join(t, "Ann")
	tr.do(t, `{"kind":"step"}`)
	// Ann keeps a page open, so the default rule stays away
	res, err := http.Get(tr.srv.URL + "/api/p/" + ann + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { res.Body.Close() }()
	status := func() agents.CoopStatus {
		tr.stepMu.Lock()
		defer tr.stepMu.Unlock()
		tr.mu.Lock()
		c := tr.person(1).Coop
		tr.mu.Unlock()
		return tr.eng.model.(*agents.Economy).CoopStatus(c)
	}
	act := func(body string) {
		t.Helper()
		if code, msg := tr.post(t, "/api/p/"+ann+"/act", body); code != http.StatusNoContent {
			t.Fatalf("%s: %d %s", body, code, msg)
		}
	}
	s := status()
	if !s.Alive || s.Controlled || s.Workers < 6 {
		t.Fatalf("Ann's co-op after founding: %+v, want alive, run by the economy's rules, at least its 6 founders", s)
	}
	act(`{"kind":"grant_use","use":"members"}`) // not a decision the default rule makes
	if status().Controlled {
		t.Fatal("Ann's co-op is hers to run after she chose only its grant use")
	}
	act(`{"kind":"price","value":3.7}`)
	if !status().Controlled {
		t.Fatal("Ann's co-op is not hers to run after she set its price")
	}
	w0 := status().Workers
	act(`{"kind":"wage","value":950}`)
	act(`{"kind":"target","value":1200}`)
	act(`{"kind":"hire","n":3}`)
	s = status()
	if s.Price != ledger.Tokens(3.7) || s.Wage != ledger.Tokens(950) || s.Target != 1200 {
		t.Errorf("price %s wage %s target %g, want 3.7, 950, 1200", ledger.Format(s.Price), ledger.Format(s.Wage), s.Target)
	}
	if s.Workers != w0+3 {
		t.Errorf("workers %d after hiring 3, want %d", s.Workers, w0+3)
	}
	act(`{"kind":"release","n":2}`)
	if s = status(); s.Workers != w0+1 {
		t.Errorf("workers %d after releasing 2, want %d", s.Workers, w0+1)
	}
	for range 3 {
		tr.do(t, `{"kind":"step"}`)
	}
	if s = status(); s.Price != ledger.Tokens(3.7) {
		t.Errorf("price %s after 3 ticks under Ann's control, want 3.7 kept", ledger.Format(s.Price))
	}
	// Ann's page closes: the default rule takes over
	res.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !tr.away(1) || status().Controlled {
		if time.Now().After(deadline) {
			t.Fatal("Ann's co-op was not handed to the economy's rules")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for range 4 {
		tr.do(t, `{"kind":"step"}`)
	}
	moved := status().Price != ledger.Tokens(3.7)
	// she comes back: controlled again at her price
	res, err = http.Get(tr.srv.URL + "/api/p/" + ann + "/events")
	if err != nil {
		t.Fatal(err)
	}
	for tr.away(1) || !status().Controlled {
		if time.Now().After(deadline) {
			t.Fatal("Ann's co-op was not given back")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s = status(); s.Price != ledger.Tokens(3.7) {
		t.Errorf("price %s after coming back, want her 3.7 restored", ledger.Format(s.Price))
	}
	t.Logf("while away the economy's rule moved the price: %v", moved)
}

package workshop

import (
	"bufio"
	"bytes"
	"encoding/base32"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHostileParticipant: malformed and oversized messages, actions on another
// participant's co-op, bad values and floods are refused with the right status, and
// the room goes on stepping and taking the others' actions.
func TestHostileParticipant(t *testing.T) {
	sc := load(t, "baseline", "ticks=24")
	tr := openRoom(t, sc, Options{Rate: 1, Burst: 5})
	eve := tr.join(t, "Eve")
	ann := tr.join(t, "Ann")
	tr.do(t, `{"kind":"step"}`)
	tr.mu.Lock()
	annCoop := tr.person(2).Coop
	tr.mu.Unlock()
	before := tr.journal.Bytes()
	for _, c := range []struct {
		name, body string
		want       int
	}{
		{"not json", `{"kind":`, http.StatusBadRequest},
		{"two objects", `{"kind":"price","value":2}{"kind":"price","value":3}`, http.StatusBadRequest},
		{"unknown field", `{"kind":"price","value":2,"who":2}`, http.StatusBadRequest},
		{"wrong type", `{"kind":"price","value":"2"}`, http.StatusBadRequest},
		{"oversized", `{"kind":"price","value":2,"seq":` + strings.Repeat("1", 2000) + `}`, http.StatusRequestEntityTooLarge},
		{"oversized name", `{"kind":"` + strings.Repeat("a", 5000) + `"}`, http.StatusRequestEntityTooLarge},
		{"unknown kind", `{"kind":"set","value":2}`, http.StatusBadRequest},
		{"negative price", `{"kind":"price","value":-1}`, http.StatusBadRequest},
		{"huge price", `{"kind":"price","value":1e300}`, http.StatusBadRequest},
		{"hire none", `{"kind":"hire","n":0}`, http.StatusBadRequest},
		{"hire thousands", `{"kind":"hire","n":100000}`, http.StatusBadRequest},
		{"a facilitator's giveaway", `{"kind":"giveaway","value":1000}`, http.StatusBadRequest},
		{"unknown grant use", `{"kind":"grant_use","use":"../../etc"}`, http.StatusBadRequest},
		{"another's grant use", `{"kind":"grant_use","use":"capacity","coop":` + strconv.Itoa(annCoop) + `}`, http.StatusForbidden},
		{"another's co-op", `{"kind":"price","value":2,"coop":` + strconv.Itoa(annCoop) + `}`, http.StatusForbidden},
		{"negative co-op", `{"kind":"price","value":2,"coop":-3}`, http.StatusForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			if code, msg := tr.post(t, "/api/p/"+eve+"/act", c.body); code != c.want {
				t.Errorf("status %d (%s), want %d", code, msg, c.want)
			}
		})
	}
	if got := tr.journal.Bytes(); !bytes.Equal(got, before) {
		t.Errorf("a refused action reached the journal: %s", got[len(before):])
	}
	// a forged token acts for no one
	if code, _ := tr.post(t, "/api/p/"+strings.Repeat("0", 32)+"/act", `{"kind":"price","value":2}`); code != http.StatusNotFound {
		t.Errorf("a made-up token: status %d, want 404", code)
	}
	// a flood: the burst passes, then 429, then the rate lets more through (one a
	// second: the 8 sends would have to take 3 s for the last to pass)
	var codes []int
	start := time.Now()
	for range 8 {
		code, _ := tr.post(t, "/api/p/"+eve+"/act", `{"kind":"wage","value":900}`)
		codes = append(codes, code)
	}
	if time.Since(start) < 3*time.Second && (codes[0] != http.StatusNoContent || codes[7] != http.StatusTooManyRequests) {
		t.Errorf("a flood of 8 with a burst of 5: statuses %v, want 204 first and 429 last", codes)
	}
	time.Sleep(1100 * time.Millisecond) // one a second: at least one more allowed
	if code, _ := tr.post(t, "/api/p/"+eve+"/act", `{"kind":"wage","value":900}`); code != http.StatusNoContent {
		t.Errorf("after the flood: status %d, want 204", code)
	}
	// the room goes on: Ann acts and the run steps
	if code, msg := tr.post(t, "/api/p/"+ann+"/act", `{"kind":"wage","value":800,"coop":`+strconv.Itoa(annCoop)+`}`); code != http.StatusNoContent {
		t.Errorf("Ann's own action: %d %s", code, msg)
	}
	tr.do(t, `{"kind":"step"}`)
	if tr.Tick() != 2 {
		t.Errorf("tick %d, want 2", tr.Tick())
	}
	tr.mu.Lock()
	if p := tr.person(2); p.Wage != 800 {
		t.Errorf("Ann's wage %g, want 800", p.Wage)
	}
	tr.mu.Unlock()
}

// TestRoutes: unknown routes, wrong keys, codes and tokens, and paths that try to
// leave the embedded files are 404; the pages that exist are served.
func TestRoutes(t *testing.T) {
	tr := openRoom(t, load(t, "baseline", "ticks=6"), Options{})
	tok := tr.join(t, "Ann")
	wrongKey := strings.Repeat("a", 32)
	for _, c := range []struct {
		path string
		want int
	}{
		{"/", 404},
		{"/nope", 404},
		{"/f/" + tr.Key() + "/", 200},
		{"/f/" + wrongKey + "/", 404},
		{"/f/" + tr.Key()[:31] + "/", 404},
		{"/api/f/" + wrongKey + "/metrics.csv", 404},
		{"/join/" + tr.Code(), 200},
		{"/join/" + strings.Repeat("A", 16), 404},
		{"/p/" + tok, 200},
		{"/p/" + wrongKey, 404},
		{"/static/uPlot.iife.min.js", 200},
		{"/static/style.css", 200},
		{"/static/facilitator.html", 404},
		{"/static/nope.js", 404},
		{"/static/../room.go", 404},
		{"/static/..%2froom.go", 404},
		{"/static/%2e%2e/workshop.go", 404},
		{"/static/static/style.css", 404},
		{"/static/", 404},
		{"/static/.", 404},
		{"/../../etc/passwd", 404},
		{"/f/" + tr.Key() + "/../../etc/passwd", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", 404},
	} {
		// a raw request, so the client does not clean the path first
		code := rawGet(t, tr.srv.Listener.Addr().String(), c.path)
		if code != c.want {
			t.Errorf("GET %s: %d, want %d", c.path, code, c.want)
		}
	}
	if code, _ := tr.post(t, "/api/f/"+wrongKey+"/do", `{"kind":"play"}`); code != 404 {
		t.Errorf("a facilitator's action with a wrong key: %d, want 404", code)
	}
	if code, _ := tr.post(t, "/api/join", `{"code":"AAAAAAAAAAAAAAAA","name":"Mallory"}`); code != 404 {
		t.Errorf("a join with a wrong code: %d, want 404", code)
	}
	// every answer forbids scripts from elsewhere and sends no Referer with a token
	res, err := http.Get(tr.srv.URL + "/p/" + tok)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if rp := res.Header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("Referrer-Policy %q, want no-referrer", rp)
	}
}

// rawGet sends path as written and returns the status.
func rawGet(t *testing.T, addr, path string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestRoomCode: the room code carries 80 bits from the random source (the journal
// records it), two rooms get different codes, keys and tokens, and a code read from a
// short source is refused rather than weakened.
func TestRoomCode(t *testing.T) {
	sc := load(t, "baseline", "ticks=6")
	seen := map[string]bool{}
	for range 3 {
		r, err := New(sc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(r.Code())
		if err != nil {
			t.Fatalf("code %q: %v", r.Code(), err)
		}
		// 80 bits: at a million guesses a second for a day, 8.6e10/2^80 < 1e-13
		if len(raw)*8 < 64 {
			t.Errorf("code %q holds %d bits, want at least 64", r.Code(), len(raw)*8)
		}
		if len(r.Key()) != 32 {
			t.Errorf("key %q: want 128 bits in hex", r.Key())
		}
		for _, s := range []string{r.Code(), r.Key()} {
			if seen[s] {
				t.Errorf("%q drawn twice", s)
			}
			seen[s] = true
		}
	}
	// the code comes from the source given: a known source gives a known code
	src := bytes.NewReader(bytes.Repeat([]byte{0xff}, 64))
	r, err := New(sc, Options{Rand: src})
	if err != nil {
		t.Fatal(err)
	}
	if want := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(bytes.Repeat([]byte{0xff}, 10)); r.Code() != want {
		t.Errorf("code %q from all-ones, want %q", r.Code(), want)
	}
	if _, err := New(sc, Options{Rand: bytes.NewReader(make([]byte, 5))}); err == nil {
		t.Error("a room opened with 5 random bytes")
	}
}

// TestPauseEveryone: while the facilitator has paused everyone, participants' actions
// are refused (409) and change nothing; after Play they are taken again. After the
// round ends, actions are refused and the debrief shows each co-op tick by tick.
func TestPauseEveryone(t *testing.T) {
	tr := openRoom(t, load(t, "baseline", "ticks=12"), Options{})
	ann := tr.join(t, "Ann")
	tr.do(t, `{"kind":"pause","value":1}`)
	if code, _ := tr.post(t, "/api/p/"+ann+"/act", `{"kind":"wage","value":900}`); code != http.StatusConflict {
		t.Errorf("an action while everyone is paused: %d, want 409", code)
	}
	tr.do(t, `{"kind":"play"}`)
	if code, msg := tr.post(t, "/api/p/"+ann+"/act", `{"kind":"wage","value":900}`); code != http.StatusNoContent {
		t.Errorf("an action after play: %d %s", code, msg)
	}
	tr.waitTick(t, 3)
	tr.do(t, `{"kind":"end"}`)
	<-tr.Ended()
	if code, _ := tr.post(t, "/api/p/"+ann+"/act", `{"kind":"wage","value":800}`); code != http.StatusConflict {
		t.Errorf("an action after the round ended: %d, want 409", code)
	}
	code, body := tr.get(t, "/api/p/"+ann+"/debrief")
	if code != http.StatusOK {
		t.Fatalf("debrief: %d %s", code, body)
	}
	var d Debrief
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.People) != 1 || d.People[0].Name != "Ann" || len(d.People[0].History) != d.Ticks || d.Ticks < 3 {
		t.Errorf("debrief: %d people, %d ticks, history %d", len(d.People), d.Ticks, len(d.People[0].History))
	}
	if d.CSV != string(tr.CSV()) {
		t.Error("the debrief's metrics differ from metrics.csv")
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestJournalFailureStopsTheRun: when the journal cannot be written the run stops
// with that error rather than going on unrecorded.
func TestJournalFailureStopsTheRun(t *testing.T) {
	sc := load(t, "baseline", "ticks=12")
	var first bytes.Buffer
	if _, err := New(sc, Options{Journal: &first}); err != nil {
		t.Fatal(err)
	}
	// room for the room's line and about four ticks' ({"kind":"tick","tick":N} is ~25 bytes)
	room, err := New(sc, Options{Journal: &failingWriter{n: first.Len() + 100}})
	if err != nil {
		t.Fatal(err)
	}
	var steps int
	for ; steps < 12; steps++ {
		if _, err = room.Step(); err != nil {
			break
		}
	}
	if err == nil || steps > 5 || !strings.Contains(err.Error(), "journal: disk full") {
		t.Fatalf("after %d steps: %v, want the journal's error", steps, err)
	}
	if _, err := New(sc, Options{Journal: &failingWriter{}}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a room whose journal cannot take its first line: %v", err)
	}
}

// TestStreamsBounded: a participant may hold a few streams open, not an unbounded
// number; the fifth is refused (429) and one closing makes room again.
func TestStreamsBounded(t *testing.T) {
	tr := openRoom(t, load(t, "baseline", "ticks=6"), Options{})
	ann := tr.join(t, "Ann")
	var open []*http.Response
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	for i := range maxStreams + 1 {
		res, err := http.Get(tr.srv.URL + "/api/p/" + ann + "/events")
		if err != nil {
			t.Fatal(err)
		}
		want := http.StatusOK
		if i == maxStreams {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Errorf("stream %d: %d, want %d", i+1, res.StatusCode, want)
		}
		if res.StatusCode == http.StatusOK {
			bufio.NewReader(res.Body).ReadString('\n') // the stream is open
			open = append(open, res)
		} else {
			res.Body.Close()
		}
	}
	open[0].Body.Close()
	open = open[1:]
	deadline := time.Now().Add(5 * time.Second)
	for {
		res, err := http.Get(tr.srv.URL + "/api/p/" + ann + "/events")
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode == http.StatusOK {
			open = append(open, res)
			break
		}
		res.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("a closed stream did not make room for another")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

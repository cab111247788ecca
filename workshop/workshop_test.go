package workshop

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// syncBuffer is a journal the test reads while the room writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}

// testRoom is a room served on loopback, playing in the background.
type testRoom struct {
	*Room
	srv     *httptest.Server
	journal *syncBuffer
}

func load(t testing.TB, name string, sets ...string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func openRoom(t testing.TB, sc *scenarios.Scenario, opts Options) *testRoom {
	t.Helper()
	j := &syncBuffer{}
	opts.Journal = j
	r, err := New(sc, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		srv.Close()
	})
	return &testRoom{Room: r, srv: srv, journal: j}
}

// post sends body to path and returns the status and answer.
func (tr *testRoom) post(t testing.TB, path string, body string) (int, string) {
	t.Helper()
	res, err := http.Post(tr.srv.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (tr *testRoom) get(t testing.TB, path string) (int, string) {
	t.Helper()
	res, err := http.Get(tr.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// do sends a facilitator's action and fails the test unless it is accepted.
func (tr *testRoom) do(t testing.TB, body string) {
	t.Helper()
	if code, msg := tr.post(t, "/api/f/"+tr.Key()+"/do", body); code != http.StatusOK {
		t.Fatalf("do %s: %d %s", body, code, msg)
	}
}

func (tr *testRoom) join(t testing.TB, name string) string {
	t.Helper()
	code, msg := tr.post(t, "/api/join", fmt.Sprintf(`{"code":%q,"name":%q}`, tr.Code(), name))
	if code != http.StatusOK {
		t.Fatalf("join %s: %d %s", name, code, msg)
	}
	var j struct{ Token string }
	if err := json.Unmarshal([]byte(msg), &j); err != nil {
		t.Fatal(err)
	}
	return j.Token
}

// waitTick waits until the room has stepped n ticks.
func (tr *testRoom) waitTick(t testing.TB, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for tr.Tick() < n {
		if time.Now().After(deadline) {
			t.Fatalf("tick %d after 20 s, want %d", tr.Tick(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// copexRun writes sc's metrics.csv as copex run does (runs.Run) and returns it.
func copexRun(t testing.TB, sc *scenarios.Scenario) []byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if _, err := runs.Run(sc, dir, runs.Options{NoCharts: true}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUnchangedRunIsCopexRun: a workshop that plays a scenario through with no change
// writes the metrics.csv copex run writes for it, and the page's download is the same;
// for the economy, the random-exchange model (which has no co-ops to join) and the
// two co-ops of Appendix 1.
func TestUnchangedRunIsCopexRun(t *testing.T) {
	for _, c := range []struct {
		name string
		sets []string
	}{
		{"baseline", []string{"ticks=24"}},
		{"random-exchange", []string{"ticks=30", "members=2000"}},
		{"two-coops", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := load(t, c.name, c.sets...)
			tr := openRoom(t, sc, Options{})
			tr.do(t, `{"kind":"speed","value":0}`)
			tr.do(t, `{"kind":"play"}`)
			tr.waitTick(t, sc.Config.Ticks)
			want := copexRun(t, sc)
			if got := tr.CSV(); !bytes.Equal(got, want) {
				t.Fatalf("workshop metrics.csv differs from copex run's:\n%s", firstDiff(got, want))
			}
			_, got := tr.get(t, "/api/f/"+tr.Key()+"/metrics.csv")
			if got != string(want) {
				t.Fatalf("downloaded metrics.csv differs from copex run's:\n%s", firstDiff([]byte(got), want))
			}
		})
	}
}

// TestNoCoopsToJoin: in a model without co-ops a join is refused with a reason, and
// the room goes on.
func TestNoCoopsToJoin(t *testing.T) {
	tr := openRoom(t, load(t, "random-exchange", "ticks=5", "members=500"), Options{})
	code, msg := tr.post(t, "/api/join", fmt.Sprintf(`{"code":%q,"name":"Ann"}`, tr.Code()))
	if code != http.StatusBadRequest || !strings.Contains(msg, "no co-ops") {
		t.Errorf("join: %d %q, want 400 saying there are no co-ops", code, msg)
	}
	tr.do(t, `{"kind":"step"}`)
	if tr.Tick() != 1 {
		t.Errorf("tick %d, want 1", tr.Tick())
	}
}

// TestMidRunChangeMatchesReference: a slider change applies from the next tick; the
// metrics equal a plain reference written here (sim.Start, Set between the same two
// ticks, each row written with the table's writer), and differ from the unchanged run
// from that tick on, not before (so the test can tell a change applied a tick late or
// early).
func TestMidRunChangeMatchesReference(t *testing.T) {
	sc := load(t, "baseline", "ticks=12")
	tr := openRoom(t, sc, Options{})
	for range 5 {
		tr.do(t, `{"kind":"step"}`)
	}
	tr.do(t, `{"kind":"set","name":"member.save","value":0.4}`)
	for range 7 {
		tr.do(t, `{"kind":"step"}`)
	}
	got := tr.CSV()

	m, err := agents.Build(sc.Config, sc.Config.Seed)
	if err != nil {
		t.Fatal(err)
	}
	run, err := sim.Start(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := run.Table().AppendHeader(nil)
	for tick := 1; tick <= 12; tick++ {
		if tick == 6 {
			if err := run.Set("member.save", 0.4); err != nil {
				t.Fatal(err)
			}
		}
		row, err := run.Next()
		if err != nil {
			t.Fatal(err)
		}
		want = run.Table().AppendRow(want, row)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("metrics differ from the reference:\n%s", firstDiff(got, want))
	}
	plain := copexRun(t, sc)
	gl, pl := strings.Split(string(got), "\n"), strings.Split(string(plain), "\n")
	for i := 1; i <= 5; i++ {
		if gl[i] != pl[i] {
			t.Errorf("tick %d differs from the unchanged run before the change", i)
		}
	}
	if gl[6] == pl[6] {
		t.Errorf("tick 6 is the unchanged run's: the change did not take effect by the next tick")
	}
	var marks []Mark
	marks = append(marks, tr.eng.marks...)
	if len(marks) != 1 || marks[0] != (Mark{Tick: 6, Name: "member.save", Value: 0.4}) {
		t.Errorf("marks = %v, want one at tick 6", marks)
	}
}

// TestReplay: a workshop with slider changes, participants acting, one dropping out
// and coming back, a reset and an end replays from its journal to the same bytes.
func TestReplay(t *testing.T) {
	sc := load(t, "baseline", "ticks=30")
	tr := openRoom(t, sc, Options{AwayAfter: 50 * time.Millisecond})
	ann := tr.join(t, "Ann")
	bo := tr.join(t, "Bo")
	for range 3 {
		tr.do(t, `{"kind":"step"}`)
	}
	act := func(tok, body string) {
		t.Helper()
		if code, msg := tr.post(t, "/api/p/"+tok+"/act", body); code != http.StatusNoContent {
			t.Fatalf("act %s: %d %s", body, code, msg)
		}
	}
	act(ann, `{"kind":"wage","value":950,"seq":1}`)
	act(bo, `{"kind":"hire","n":2,"seq":1}`)
	act(ann, `{"kind":"price","value":2.5,"seq":2}`)
	tr.do(t, `{"kind":"set","name":"issuance.foundation_share","value":0.3}`)
	tr.do(t, `{"kind":"step"}`)
	// Ann's page is gone (she never opened a stream): the default rule takes over...
	deadline := time.Now().Add(5 * time.Second)
	for !tr.away(1) {
		if time.Now().After(deadline) {
			t.Fatal("Ann was not handed to the default rule")
		}
		time.Sleep(10 * time.Millisecond)
	}
	tr.do(t, `{"kind":"step"}`)
	// ...until she opens her link again
	res, err := http.Get(tr.srv.URL + "/api/p/" + ann + "/events")
	if err != nil {
		t.Fatal(err)
	}
	bufio.NewReader(res.Body).ReadString('\n')
	for tr.away(1) {
		if time.Now().After(deadline) {
			t.Fatal("Ann's co-op was not given back")
		}
		time.Sleep(10 * time.Millisecond)
	}
	tr.do(t, `{"kind":"step"}`)
	res.Body.Close()
	act(bo, `{"kind":"target","value":500,"seq":2}`)
	tr.do(t, `{"kind":"speed","value":0}`)
	tr.do(t, `{"kind":"play"}`)
	tr.waitTick(t, 12)
	tr.do(t, `{"kind":"pause"}`)
	tr.do(t, `{"kind":"reset"}`)
	tr.do(t, `{"kind":"step"}`)
	tr.do(t, `{"kind":"set","name":"exchange.levy_rate","value":0.05}`)
	tr.do(t, `{"kind":"step"}`)
	tr.do(t, `{"kind":"end"}`)
	<-tr.Ended()
	live := tr.CSV()
	journal := tr.journal.Bytes()
	for _, kind := range []string{KindRoom, KindJoin, KindWage, KindHire, KindPrice, KindSet, KindAway, KindBack, KindTarget, KindReset, KindEnd} {
		if !bytes.Contains(journal, []byte(`"kind":"`+kind+`"`)) {
			t.Errorf("the journal has no %s record", kind)
		}
	}
	got, err := Replay("journal", bytes.NewReader(journal), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, live) {
		t.Fatalf("replay differs from the live run:\n%s", firstDiff(got, live))
	}
	if n := bytes.Count(live, []byte("\n")); n != 3 {
		t.Errorf("the run after the reset has %d lines, want a header and 2 ticks", n)
	}
	// the journal records the room code, so replay needs no randomness
	room, _, err := ReadJournal("journal", bytes.NewReader(journal))
	if err != nil {
		t.Fatal(err)
	}
	if room.Code != tr.Code() {
		t.Errorf("journal's room code %q, want %q", room.Code, tr.Code())
	}
}

func (tr *testRoom) away(id int) bool {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.person(id).Away
}

// TestReplayRefusesBadJournals: a journal damaged or out of order is an error naming
// its line and field.
func TestReplayRefusesBadJournals(t *testing.T) {
	sc := load(t, "baseline", "ticks=6")
	tr := openRoom(t, sc, Options{})
	tr.do(t, `{"kind":"step"}`)
	tr.do(t, `{"kind":"set","name":"member.save","value":0.3}`)
	tr.do(t, `{"kind":"step"}`)
	lines := strings.SplitAfter(string(tr.journal.Bytes()), "\n")
	for _, c := range []struct {
		name, journal, want string
	}{
		{"empty", "", "j:1: kind: an empty journal"},
		{"not json", lines[0] + "{nope\n", "j:2: not a journal record"},
		{"no room", lines[1], "j:1: kind: the first line must be the room"},
		{"unknown kind", lines[0] + `{"kind":"explode","tick":0}` + "\n", `j:2: kind: unknown kind "explode"`},
		{"tick skipped", lines[0] + `{"kind":"tick","tick":2}` + "\n", "j:2: tick: tick 2 follows tick 0"},
		{"action late", lines[0] + `{"kind":"set","tick":3,"name":"member.save","value":0.3}` + "\n", "j:2: tick: an action recorded after tick 3"},
		{"bad param", lines[0] + `{"kind":"set","tick":0,"name":"member.save","value":7}` + "\n", "j:2: set: the run gave"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Replay("j", strings.NewReader(c.journal), 1)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Replay = %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n got %.300s\nwant %.300s", i+1, x, y)
		}
	}
	return "(same)"
}

// TestRestartWithFormula: the facilitator's grant-formula selector restarts the run
// with the formula changed, and the run is then copex run's with that --set; the
// journal replays it; a setting not on the list is refused.
func TestRestartWithFormula(t *testing.T) {
	sc := load(t, "baseline", "ticks=12")
	tr := openRoom(t, sc, Options{})
	for range 3 {
		tr.do(t, `{"kind":"step"}`)
	}
	tr.do(t, `{"kind":"reset","name":"issuance.formula=smoothed"}`)
	for range 12 {
		tr.do(t, `{"kind":"step"}`)
	}
	want := copexRun(t, load(t, "baseline", "ticks=12", "issuance.formula=smoothed"))
	got := tr.CSV()
	if !bytes.Equal(got, want) {
		t.Fatalf("after the restart the metrics differ from copex run --set issuance.formula=smoothed:\n%s", firstDiff(got, want))
	}
	if bytes.Equal(got, copexRun(t, sc)) {
		t.Fatal("the smoothed formula's run equals increase_only's: the test cannot tell them apart")
	}
	again, err := Replay("journal", bytes.NewReader(tr.journal.Bytes()), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, got) {
		t.Errorf("replay differs:\n%s", firstDiff(again, got))
	}
	for _, name := range []string{"members=1000000", "issuance.formula=bogus", "issuance.formula"} {
		if code, _ := tr.post(t, "/api/f/"+tr.Key()+"/do", `{"kind":"reset","name":"`+name+`"}`); code != http.StatusBadRequest {
			t.Errorf("reset with %q: %d, want 400", name, code)
		}
	}
}

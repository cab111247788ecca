package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/sim/ledger"
)

func TestWorkshopBadInput(t *testing.T) {
	dir := t.TempDir()
	used := filepath.Join(dir, "used")
	if err := os.MkdirAll(used, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, used, "journal.jsonl", "")
	notJournal := write(t, dir, "bad.jsonl", `{"kind":"room","v":1,"yaml":"name: x"}`+"\n"+`{"kind":"explode","tick":0}`+"\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"workshop", "--addr", "0.0.0.0:8090"}, "add --public"},
		{[]string{"workshop", "--addr", "192.0.2.1:8090"}, "add --public"},
		{[]string{"workshop", "--addr", "nonsense"}, "--addr nonsense"},
		{[]string{"workshop", "no-such-scenario"}, "no-such-scenario"},
		{[]string{"workshop", "--set", "ticks=-3"}, "ticks"},
		{[]string{"workshop", "--speed", "-1"}, "--speed"},
		{[]string{"workshop", "--workers", "0"}, "--workers"},
		{[]string{"workshop", "--out", used, "--addr", "127.0.0.1:0"}, "already holds a workshop's journal.jsonl"},
		{[]string{"workshop", "--replay", filepath.Join(dir, "missing.jsonl")}, "--replay"},
		{[]string{"workshop", "--replay", notJournal}, "bad.jsonl:2: kind: unknown kind \"explode\""},
		{[]string{"workshop", "--replay", notJournal, "baseline"}, "give no scenario"},
		{[]string{"workshop", "a", "b"}, "workshop"},
	} {
		t.Run(strings.Join(c.args[1:], " "), func(t *testing.T) {
			code, stdout, stderr := copex(t, c.args...)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitBadInput, stderr)
			}
			if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "copex: ") || !strings.Contains(stderr, c.want) {
				t.Errorf("want one line on stderr containing %q; stdout %q, stderr %q", c.want, stdout, stderr)
			}
		})
	}
}

// TestWorkshopCommand runs copex workshop as a user does (--public on a loopback
// address, so that it prints the QR code but stays on this machine): it serves,
// plays through the facilitator's API, the round ends, and the metrics.csv it writes
// is copex run's for the same scenario; --replay of its journal writes the same bytes.
func TestWorkshopCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ws")
	w := serveWorkshop(t, true, "workshop", "baseline", "--set", "ticks=24", "--addr", "127.0.0.1:0", "--out", out,
		"--speed", "0", "--exit-on-end", "--public")
	facilitator, join := w.facilitator, w.join
	// --public prints the join link's QR code in block characters
	if !strings.Contains(w.after, "█") {
		t.Errorf("no QR code after the join link with --public: %q", w.after)
	}
	if !strings.HasPrefix(facilitator, "http://127.0.0.1:") {
		t.Errorf("facilitator at %s, want loopback", facilitator)
	}
	res, err := http.Get(join)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("join page: %v %v", err, res)
	}
	res.Body.Close()
	api := strings.Replace(facilitator, "/f/", "/api/f/", 1)
	post := func(body string) {
		t.Helper()
		res, err := http.Post(api+"do", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", body, res.StatusCode, b)
		}
	}
	post(`{"kind":"play"}`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(api + "metrics.csv")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if bytes.Count(b, []byte("\n")) == 25 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run did not finish: %d lines", bytes.Count(b, []byte("\n")))
		}
		time.Sleep(20 * time.Millisecond)
	}
	post(`{"kind":"end"}`)
	w.wait(t)
	live, err := os.ReadFile(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(dir, "ref")
	if code, _, stderr := copex(t, "run", "baseline", "--set", "ticks=24", "--out", ref, "-q"); code != 0 {
		t.Fatalf("copex run: %s", stderr)
	}
	want, err := os.ReadFile(filepath.Join(ref, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(live, want) {
		t.Errorf("the workshop's metrics.csv differs from copex run's")
	}
	rep := filepath.Join(dir, "replay")
	if code, _, stderr := copex(t, "workshop", "--replay", filepath.Join(out, "journal.jsonl"), "--out", rep); code != 0 {
		t.Fatalf("replay: %s", stderr)
	}
	again, err := os.ReadFile(filepath.Join(rep, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, live) {
		t.Errorf("the replay's metrics.csv differs from the workshop's")
	}
}

// TestWorkshopGiveawayAndGrantUse runs copex workshop as a user does: a participant
// joins and puts her grants into capacity, the facilitator makes a giveaway between
// ticks 2 and 3 (and one to no members, refused) and ends the round at tick 6. The
// metrics.csv it writes has the supply of the same workshop without the giveaway (its
// journal less that line, replayed) up to tick 2 and, at tick 3, that supply plus the
// amount given, to the micro-token; --replay of its journal writes the same bytes.
func TestWorkshopGiveawayAndGrantUse(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ws")
	w := serveWorkshop(t, false, "workshop", "baseline", "--set", "ticks=12", "--addr", "127.0.0.1:0", "--out", out, "--exit-on-end")
	facilitator, code := w.facilitator, w.join[strings.LastIndex(w.join, "/")+1:]
	root := facilitator[:strings.Index(facilitator, "/f/")]
	api := strings.Replace(facilitator, "/f/", "/api/f/", 1)
	post := func(url, body string, want int) string {
		t.Helper()
		res, err := http.Post(url, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Fatalf("%s: %d %s", body, res.StatusCode, b)
		}
		return string(b)
	}
	joined := post(root+"/api/join", `{"code":"`+code+`","name":"Ann"}`, 200)
	token := joined[strings.Index(joined, `"token":"`)+9:][:32]
	post(root+"/api/p/"+token+"/act", `{"kind":"grant_use","use":"capacity","seq":1}`, 204)
	post(api+"do", `{"kind":"step"}`, 200)
	post(api+"do", `{"kind":"step"}`, 200)
	post(api+"do", `{"kind":"giveaway","value":123456.789,"share":0.5}`, 200)
	post(api+"do", `{"kind":"giveaway","value":123456.789,"share":0}`, 400)
	for range 4 {
		post(api+"do", `{"kind":"step"}`, 200)
	}
	post(api+"do", `{"kind":"end"}`, 200)
	w.wait(t)
	live, err := os.ReadFile(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// the reference: the same workshop but the giveaway, replayed from its journal
	// less the giveaway's line
	journal, err := os.ReadFile(filepath.Join(out, "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var cut []string
	for _, l := range strings.SplitAfter(string(journal), "\n") {
		if !strings.Contains(l, `"kind":"giveaway"`) {
			cut = append(cut, l)
		}
	}
	ref := filepath.Join(dir, "ref")
	if code, _, stderr := copex(t, "workshop", "--replay", write(t, dir, "cut.jsonl", strings.Join(cut, "")), "--out", ref); code != 0 {
		t.Fatalf("replay without the giveaway: %s", stderr)
	}
	plain, err := os.ReadFile(filepath.Join(ref, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got, want := supplyColumn(t, live), supplyColumn(t, plain)
	if len(got) != 7 {
		t.Fatalf("the workshop wrote %d ticks, want 6", len(got)-1)
	}
	for tick := 1; tick <= 2; tick++ {
		if got[tick] != want[tick] {
			t.Errorf("supply at tick %d: %s, without the giveaway %s", tick, ledger.Format(got[tick]), ledger.Format(want[tick]))
		}
	}
	if d := got[3] - want[3]; d != ledger.Tokens(123456.789) {
		t.Errorf("supply at tick 3 is %s above the run without it, want the 123456.789 given away", ledger.Format(d))
	}
	rep := filepath.Join(dir, "replay")
	if code, _, stderr := copex(t, "workshop", "--replay", filepath.Join(out, "journal.jsonl"), "--out", rep); code != 0 {
		t.Fatalf("replay: %s", stderr)
	}
	again, err := os.ReadFile(filepath.Join(rep, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, live) {
		t.Errorf("the replay's metrics.csv differs from the workshop's")
	}
	for _, want := range []string{`"kind":"giveaway","tick":2,"value":123456.789,"share":0.5`, `"kind":"grant_use","tick":0,"who":1,"use":"capacity"`} {
		if !bytes.Contains(journal, []byte(want)) {
			t.Errorf("the journal has no %s", want)
		}
	}
}

// supplyColumn returns a metrics.csv's supply, tick by tick (index 0: none), exactly.
func supplyColumn(t *testing.T, csv []byte) []ledger.Amount {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	k := slices.Index(strings.Split(lines[0], ","), "supply")
	if k < 0 {
		t.Fatal("metrics.csv has no supply column")
	}
	out := []ledger.Amount{0}
	for _, l := range lines[1:] {
		a, err := ledger.Parse(strings.Split(l, ",")[k])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// served is a copex workshop running in the background, as its user starts it.
type served struct {
	facilitator, join string // the addresses it printed
	after             string // the line after the join link (the QR code, with --public)
	done              chan int
	stderr            *bytes.Buffer
}

// serveWorkshop runs copex with args (a workshop) and reads the facilitator's and the
// join addresses it prints, and with qr the line after them; the rest of its output
// is discarded.
func serveWorkshop(t *testing.T, qr bool, args ...string) *served {
	t.Helper()
	pr, pw := io.Pipe()
	w := &served{done: make(chan int, 1), stderr: &bytes.Buffer{}}
	go func() {
		w.done <- run(args, pw, w.stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if u, ok := strings.CutPrefix(line, "facilitator: "); ok {
			w.facilitator = u
		}
		if u, ok := strings.CutPrefix(line, "participants join at: "); ok {
			w.join = u
			break
		}
	}
	if qr && sc.Scan() {
		w.after = sc.Text()
	}
	go io.Copy(io.Discard, pr)
	if w.facilitator == "" || w.join == "" {
		t.Fatalf("no addresses printed (stderr %q)", w.stderr.String())
	}
	return w
}

// wait waits for the workshop to stop once its round ended, with exit status 0.
func (w *served) wait(t *testing.T) {
	t.Helper()
	select {
	case code := <-w.done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, w.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop after the round ended")
	}
}

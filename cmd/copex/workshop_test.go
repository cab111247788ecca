package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run([]string{"workshop", "baseline", "--set", "ticks=24", "--addr", "127.0.0.1:0", "--out", out,
			"--speed", "0", "--exit-on-end", "--public"}, pw, &stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var facilitator, join string
	for sc.Scan() {
		line := sc.Text()
		if u, ok := strings.CutPrefix(line, "facilitator: "); ok {
			facilitator = u
		}
		if u, ok := strings.CutPrefix(line, "participants join at: "); ok {
			join = u
			break
		}
	}
	// --public prints the join link's QR code in block characters
	if !sc.Scan() || !strings.Contains(sc.Text(), "█") {
		t.Errorf("no QR code after the join link with --public: %q", sc.Text())
	}
	go io.Copy(io.Discard, pr)
	if facilitator == "" || join == "" {
		t.Fatalf("no addresses printed (stderr %q)", stderr.String())
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
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop after the round ended")
	}
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

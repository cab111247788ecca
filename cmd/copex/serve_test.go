package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/web"
)

func TestServeBadInput(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"serve", "--addr", "nonsense"},
		{"serve", "--addr", "0.0.0.0:8080"},
		{"serve", "--addr", ":8080"},
		{"serve", "--addr", "192.0.2.1:8080"},
		{"serve", "--bogus"},
		{"serve", "extra"},
		{"serve", "--no-build", "--dir", empty, "--addr", "127.0.0.1:0"},
	} {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			code, stdout, stderr := copex(t, args...)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitBadInput, stderr)
			}
			if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "copex: ") {
				t.Errorf("want one line on stderr only; stdout %q, stderr %q", stdout, stderr)
			}
		})
	}
}

func TestServeBusyPort(t *testing.T) {
	dir := servedFolder(t)
	ln := listen(t)
	code, _, stderr := copex(t, "serve", "--no-build", "--dir", dir, "--addr", ln)
	if code != exitBadInput || !strings.Contains(stderr, ln) {
		t.Errorf("busy port: exit %d, %q", code, stderr)
	}
}

// TestServeServesUntilInterrupted runs copex serve on a built folder, fetches the game
// and stops the server with SIGINT.
func TestServeServesUntilInterrupted(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGINT")
	}
	dir := servedFolder(t)
	outR, outW := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"serve", "--no-build", "--dir", dir, "--addr", "127.0.0.1:0"}, outW, &errb)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	if !lines.Scan() {
		t.Fatalf("copex serve printed nothing (exit %d): %s", <-done, errb.String())
	}
	first := lines.Text()
	go io.Copy(io.Discard, outR)
	url, ok := strings.CutPrefix(first, "GetGo is at ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") {
		t.Fatalf("first line %q, want GetGo is at http://127.0.0.1:PORT/", first)
	}
	for path, want := range map[string]string{"": "text/html; charset=utf-8", "getgo.wasm": "application/wasm"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("/%s: %s, %q; want 200, %q", path, resp.Status, resp.Header.Get("Content-Type"), want)
		}
	}
	p, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after SIGINT: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("copex serve did not stop on SIGINT")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after stopping")
	}
}

// servedFolder returns a folder holding what web.Build writes (with a stand-in module).
func servedFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{web.WasmFile, web.LoaderFile, web.IndexFile} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// listen occupies a loopback port for the test and returns its address.
func listen(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

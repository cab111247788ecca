package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/web"
)

// startServe runs copex serve --no-build on dir at a free loopback port and returns its
// address; the server is stopped with SIGINT when the test ends.
func startServe(t *testing.T, dir string) string {
	t.Helper()
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
	url, ok := strings.CutPrefix(lines.Text(), "GetGo is at ")
	if !ok {
		t.Fatalf("first line %q", lines.Text())
	}
	go io.Copy(io.Discard, outR)
	t.Cleanup(func() {
		p, _ := os.FindProcess(os.Getpid())
		p.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("copex serve did not stop on SIGINT")
		}
	})
	return url
}

// TestServeLimits: copex serve answers GET and HEAD only, never serves or lists a
// dot-file, and never follows a symbolic link out of its folder.
func TestServeLimits(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGINT and symbolic links")
	}
	dir := servedFolder(t)
	outside := t.TempDir()
	secret := write(t, outside, "secret.txt", "SECRET")
	write(t, outside, "getgo.wasm.gz", "SECRET")
	write(t, dir, ".env", "SECRET")
	for _, d := range []string{".git", "sub"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, ".git"), "config", "SECRET")
	write(t, filepath.Join(dir, "sub"), ".hidden", "SECRET")
	write(t, filepath.Join(dir, "sub"), "visible.txt", "visible")
	for link, target := range map[string]string{
		"link.txt":         secret,
		"linkdir":          outside,
		"sub/up.txt":       "../../" + filepath.Base(outside) + "/secret.txt",
		web.GzipFile:       filepath.Join(outside, "getgo.wasm.gz"),
		"sub/alias.wasm":   "../" + web.WasmFile, // inside the folder: served
		"sub/.dotlink.txt": "visible.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	url := startServe(t, dir)
	do := func(method, path string, header ...string) (int, http.Header, string) {
		t.Helper()
		req, err := http.NewRequest(method, url+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, p := range []string{"", web.IndexFile} {
			code, h, _ := do(m, p)
			if code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s /%s: %d, Allow %q; want 405, GET, HEAD", m, p, code, h.Get("Allow"))
			}
		}
	}
	if code, _, _ := do("HEAD", web.IndexFile); code != 200 {
		t.Errorf("HEAD /%s: %d", web.IndexFile, code)
	}
	for _, p := range []string{".env", ".git/config", ".git/", "sub/.hidden", "sub/.dotlink.txt", "link.txt", "linkdir/secret.txt", "linkdir/", "sub/up.txt"} {
		if code, _, body := do("GET", p); code != http.StatusNotFound || strings.Contains(body, "SECRET") {
			t.Errorf("GET /%s: %d %q; want 404", p, code, body)
		}
	}
	code, _, body := do("GET", "sub/")
	if code != 200 || !strings.Contains(body, "visible.txt") {
		t.Errorf("GET /sub/: %d %q; want a listing naming visible.txt", code, body)
	}
	for _, hidden := range []string{".hidden", ".dotlink", "up.txt"} {
		if strings.Contains(body, hidden) {
			t.Errorf("the listing of /sub/ names %s: %q", hidden, body)
		}
	}
	if code, _, body := do("GET", "sub/alias.wasm"); code != 200 || body != "\x00asm\x01\x00\x00\x00" {
		t.Errorf("a link inside the folder: %d %q", code, body)
	}
	if code, h, body := do("GET", web.WasmFile, "Accept-Encoding", "gzip"); code != 200 || h.Get("Content-Encoding") != "" || strings.Contains(body, "SECRET") {
		t.Errorf("getgo.wasm with %s linked out of the folder: %d, encoding %q, %q", web.GzipFile, code, h.Get("Content-Encoding"), body)
	}
}

package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/render"
)

func TestBuildWritesTheFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := build(context.Background(), ".", "./testdata/hello", out, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "built getgo.wasm") {
		t.Errorf("progress = %q", log.String())
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), "getgo.wasm getgo.wasm.gz index.html wasm_exec.js"; got != want {
		t.Fatalf("folder holds %q, want %q (no temporary files left)", got, want)
	}
	wasm, _ := os.ReadFile(filepath.Join(out, WasmFile))
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Errorf("getgo.wasm does not start with the WebAssembly magic number")
	}
	zr, err := gzip.NewReader(bytes.NewReader(must(os.ReadFile(filepath.Join(out, GzipFile)))))
	if err != nil {
		t.Fatal(err)
	}
	if unz, err := io.ReadAll(zr); err != nil || !bytes.Equal(unz, wasm) {
		t.Errorf("getgo.wasm.gz does not hold getgo.wasm (%v)", err)
	}
	if js, _ := os.ReadFile(filepath.Join(out, LoaderFile)); !bytes.Contains(js, []byte("globalThis.Go = class")) {
		t.Errorf("wasm_exec.js is not Go's loader")
	}
	if fi, _ := os.Stat(filepath.Join(out, WasmFile)); fi.Mode().Perm() != 0o644 {
		t.Errorf("getgo.wasm mode %v, want -rw-r--r--", fi.Mode().Perm())
	}
	// A second build replaces the files in place.
	if err := build(context.Background(), ".", "./testdata/hello", out, nil); err != nil {
		t.Fatal(err)
	}
}

func TestBuildFailureSaysWhy(t *testing.T) {
	err := build(context.Background(), ".", "./testdata/missing", t.TempDir(), nil)
	if err == nil {
		t.Fatal("building a missing package succeeded")
	}
	msg := err.Error()
	if !strings.Contains(msg, "building ./testdata/missing for js/wasm") || !strings.Contains(msg, "testdata/missing") || !strings.Contains(msg, "\n") {
		t.Errorf("error %q does not name the package and carry the go command's output", msg)
	}
}

func TestBuildNeedsTheSourceTree(t *testing.T) {
	t.Chdir(t.TempDir())
	err := Build(context.Background(), t.TempDir(), nil)
	if err == nil || !strings.Contains(err.Error(), "source tree") {
		t.Errorf("Build outside the source tree: %v", err)
	}
}

func TestIndexPage(t *testing.T) {
	page := string(indexHTML)
	for _, want := range []string{"Loading GetGo…", `new Go()`, `fetch("getgo.wasm")`, "instantiateStreaming", "go.run(", "wasm_exec.js", "could not load", "#ffffff"} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	// The loading page must not look like the title screen, or the browser test could
	// pass without the game drawing anything.
	for _, c := range []string{hex(render.TitleBackground), "rgb(31"} {
		if strings.Contains(strings.ToUpper(page), strings.ToUpper(c)) {
			t.Errorf("index.html uses the title screen's colour %s", c)
		}
	}
}

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	raw := bytes.Repeat([]byte("\x00asm wasm bytes "), 1000)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(WasmFile, raw)
	write(IndexFile, indexHTML)
	write(".getgo.wasm.123.tmp", raw)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	write(GzipFile, gz.Bytes())
	h := Handler(dir)
	get := func(path, encoding string) *http.Response {
		req := httptest.NewRequest("GET", path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}

	r := get("/", "")
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || r.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("/: %d %q %q", r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"))
	}
	r = get("/getgo.wasm", "")
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get("Content-Type") != "application/wasm" || r.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, raw) {
		t.Errorf("getgo.wasm without gzip: %q %q, %d bytes", r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"), len(body))
	}
	r = get("/getgo.wasm", "deflate, gzip;q=0.8, br")
	body, _ = io.ReadAll(r.Body)
	if r.Header.Get("Content-Type") != "application/wasm" || r.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, gz.Bytes()) {
		t.Errorf("getgo.wasm with gzip: %q %q, %d bytes", r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"), len(body))
	}
	if r = get("/getgo.wasm", "gzip;q=0"); r.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 was answered with %q", r.Header.Get("Content-Encoding"))
	}
	if r = get("/.getgo.wasm.123.tmp", ""); r.StatusCode != http.StatusNotFound {
		t.Errorf("a temporary file was served: %d", r.StatusCode)
	}

	// A getgo.wasm newer than its gzipped copy is served as it is.
	old := must(os.Stat(filepath.Join(dir, WasmFile))).ModTime()
	if err := os.Chtimes(filepath.Join(dir, GzipFile), old.Add(-60e9), old.Add(-60e9)); err != nil {
		t.Fatal(err)
	}
	if r = get("/getgo.wasm", "gzip"); r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a stale getgo.wasm.gz was served")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

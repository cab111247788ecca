package web

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves a folder written by [Build]. Files are served as by
// [http.FileServer], with these differences: .wasm files are application/wasm; a
// request for getgo.wasm from a browser that accepts gzip gets getgo.wasm.gz (when it is
// at least as new as getgo.wasm) with Content-Encoding: gzip; every response says
// Cache-Control: no-cache, so the browser checks for a newer build each time; and names
// starting with a dot (Build's temporary files) are not found.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		name := path.Clean("/" + r.URL.Path)
		for _, part := range strings.Split(name, "/") {
			if strings.HasPrefix(part, ".") {
				http.NotFound(w, r)
				return
			}
		}
		if strings.HasSuffix(name, ".wasm") {
			h.Set("Content-Type", "application/wasm")
			if name == "/"+WasmFile {
				h.Add("Vary", "Accept-Encoding")
				if acceptsGzip(r) && serveGzip(w, r, dir) {
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	})
}

// serveGzip serves getgo.wasm.gz for getgo.wasm if it is there and not older; it
// reports whether it did.
func serveGzip(w http.ResponseWriter, r *http.Request, dir string) bool {
	raw, err := os.Stat(filepath.Join(dir, WasmFile))
	if err != nil {
		return false
	}
	f, err := os.Open(filepath.Join(dir, GzipFile))
	if err != nil {
		return false
	}
	defer f.Close()
	gz, err := f.Stat()
	if err != nil || gz.ModTime().Before(raw.ModTime()) {
		return false
	}
	w.Header().Set("Content-Encoding", "gzip")
	http.ServeContent(w, r, WasmFile, gz.ModTime(), f)
	return true
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, enc := range strings.Split(v, ",") {
			enc = strings.TrimSpace(enc)
			name, params, _ := strings.Cut(enc, ";")
			if strings.TrimSpace(name) != "gzip" {
				continue
			}
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

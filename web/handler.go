package web

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// Handler serves a folder written by [Build]. Files are served as by
// [http.FileServer], with these differences: only GET and HEAD are answered (any other
// method gets 405 Method Not Allowed); names starting with a dot (Build's temporary
// files, .git and the like) are neither served nor listed; a symbolic link is followed
// only to a file inside the folder (the folder is opened as an [os.Root] for each
// request), others are not found and not listed; .wasm files are application/wasm; a
// request for getgo.wasm from a browser that accepts gzip gets getgo.wasm.gz (when it is
// at least as new as getgo.wasm) with Content-Encoding: gzip; and every response says
// Cache-Control: no-cache, so the browser checks for a newer build each time.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		name := path.Clean("/" + r.URL.Path)
		if hidden(name) {
			http.NotFound(w, r)
			return
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer root.Close()
		if strings.HasSuffix(name, ".wasm") {
			h.Set("Content-Type", "application/wasm")
			if name == "/"+WasmFile {
				h.Add("Vary", "Accept-Encoding")
				if acceptsGzip(r) && serveGzip(w, r, root) {
					return
				}
			}
		}
		http.FileServer(rootFS{root}).ServeHTTP(w, r)
	})
}

// hidden reports whether a slash-separated path has a part starting with a dot.
func hidden(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return true
		}
	}
	return false
}

// rootFS is an [http.FileSystem] that opens files through an [os.Root], so no path or
// symbolic link reaches outside it, and hides dot-files.
type rootFS struct{ root *os.Root }

func (f rootFS) Open(name string) (http.File, error) {
	name = path.Clean("/" + name)
	if hidden(name) {
		return nil, fs.ErrNotExist
	}
	rel := strings.TrimPrefix(name, "/")
	if rel == "" {
		rel = "."
	}
	file, err := f.root.Open(rel)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, fs.ErrPermission
		}
		return nil, fs.ErrNotExist // absent, or a link out of the folder
	}
	return listing{file, f.root, rel}, nil
}

// listing is an open file whose folder listings leave out dot-files and symbolic
// links that lead out of the root (or nowhere).
type listing struct {
	*os.File
	root *os.Root
	rel  string
}

func (l listing) keep(name string, mode fs.FileMode) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	if mode&fs.ModeSymlink != 0 {
		_, err := l.root.Stat(path.Join(l.rel, name))
		return err == nil
	}
	return true
}

// ReadDir is what http.FileServer lists a folder with.
func (l listing) ReadDir(n int) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	for {
		want := -1
		if n > 0 {
			want = n - len(out)
		}
		batch, err := l.File.ReadDir(want)
		for _, e := range batch {
			if l.keep(e.Name(), e.Type()) {
				out = append(out, e)
			}
		}
		if err != nil || n <= 0 || len(out) >= n {
			if err == io.EOF && len(out) > 0 {
				err = nil
			}
			return out, err
		}
	}
}

// Readdir filters as ReadDir does.
func (l listing) Readdir(n int) ([]fs.FileInfo, error) {
	var out []fs.FileInfo
	for {
		want := -1
		if n > 0 {
			want = n - len(out)
		}
		batch, err := l.File.Readdir(want)
		for _, fi := range batch {
			if l.keep(fi.Name(), fi.Mode()) {
				out = append(out, fi)
			}
		}
		if err != nil || n <= 0 || len(out) >= n {
			if err == io.EOF && len(out) > 0 {
				err = nil
			}
			return out, err
		}
	}
}

// serveGzip serves getgo.wasm.gz for getgo.wasm if it is in root and not older; it
// reports whether it did.
func serveGzip(w http.ResponseWriter, r *http.Request, root *os.Root) bool {
	raw, err := root.Stat(WasmFile)
	if err != nil {
		return false
	}
	f, err := root.Open(GzipFile)
	if err != nil {
		return false
	}
	defer f.Close()
	gz, err := f.Stat()
	if err != nil || !gz.Mode().IsRegular() || gz.ModTime().Before(raw.ModTime()) {
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

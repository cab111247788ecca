package atomicfile

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is a file being written; nothing appears at its path until Commit.
type File struct {
	*bufio.Writer
	f    *os.File
	path string
	done bool
}

// Create starts writing path.
func Create(path string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{Writer: bufio.NewWriterSize(f, 1<<16), f: f, path: path}, nil
}

// Commit flushes, syncs and renames the file into place, with mode FileMode (0666 less
// the umask on unix, as os.Create gives).
func (w *File) Commit() error {
	if w.done {
		return fmt.Errorf("%s: already closed", w.path)
	}
	w.done = true
	err := w.Flush()
	if err == nil {
		// os.CreateTemp makes 0600 files; give the file the mode os.Create would.
		err = chmod(w.f)
	}
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(w.f.Name(), w.path)
	}
	if err != nil {
		os.Remove(w.f.Name())
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return nil
}

// Abort discards the file. It is safe to call after Commit (it then does nothing).
func (w *File) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.f.Close()
	os.Remove(w.f.Name())
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) error {
	w, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return w.Commit()
}

// RemoveStale removes the temporary files that writers of path killed before Commit
// (or Abort) left beside it, and reports how many it removed. It must not run while
// another writer of path is at work.
func RemoveStale(path string) (int, error) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

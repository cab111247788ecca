package runs

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/copex/copex/internal/atomicfile"
)

// OutRoot is the folder default output folders are made in.
const OutRoot = "out"

// DefaultDir returns the default output folder for a name taken from a file (a
// scenario's, sweep's or comparison's): OutRoot/NAME with NAME made safe by SafeName,
// so it is always one folder directly under OutRoot, whatever the file says.
func DefaultDir(name string) string {
	return filepath.Join(OutRoot, SafeName(name))
}

// SafeName turns name into a single folder name: every character but ASCII letters,
// digits, '-', '_' and '.' becomes '_', leading dots become '_' (no "..", no hidden
// folder), it is cut to 100 bytes, and an empty name is "run".
func SafeName(name string) string {
	b := []byte(name)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			b[i] = '_'
		}
	}
	for i := 0; i < len(b) && b[i] == '.'; i++ {
		b[i] = '_'
	}
	if len(b) > 100 {
		b = b[:100]
	}
	if len(b) == 0 {
		return "run"
	}
	return string(b)
}

// stage is an output folder being written: a fresh temporary folder beside the target,
// renamed into place by commit once every file is in it, so the target holds one
// whole run at every moment: the earlier run's files, or none, or the new run's.
type stage struct {
	target string // absolute
	tmp    string // the temporary folder, beside target
	done   bool
}

// Names of the temporary folders beside an output folder NAME: .NAME.tmp-* while a run
// writes, .NAME.old-* for the earlier run while the new one is renamed into place.
const (
	tmpInfix = ".tmp-"
	oldInfix = ".old-"
)

// newStage starts writing the output folder dir: it removes the temporary folders an
// interrupted run left beside dir, refuses a dir holding files no run wrote (they
// would be lost when the new run replaces it) and makes the temporary folder.
// journal is the run's journal path, if any: a journal inside dir is part of the run.
func newStage(dir, journal string) (*stage, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if filepath.Dir(abs) == abs {
		return nil, fmt.Errorf("%w: %s cannot be an output folder", ErrOutput, dir)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o777); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	// Resolve links, so the folder is replaced where it is and paths inside it (the
	// journal's) are recognised whichever way they are written.
	parent, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	target := filepath.Join(parent, filepath.Base(abs))
	if fi, err := os.Lstat(target); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		// a link to the folder: replace the folder it names, keep the link
		if target, err = filepath.EvalSymlinks(target); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOutput, err)
		}
		parent = filepath.Dir(target)
	}
	base := filepath.Base(target)
	if cwd, err := os.Getwd(); err == nil {
		if real, err := filepath.EvalSymlinks(cwd); err == nil {
			cwd = real
		}
		if _, in := within(target, cwd); in || cwd == target {
			return nil, fmt.Errorf("%w: %s holds the current folder; a run replaces its output folder, so give one below it", ErrOutput, dir)
		}
	}
	cleanStale(parent, base)
	if err := checkReplaceable(dir, target, journal); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpInfix+"*")
	if err != nil {
		return nil, fmt.Errorf("%w: cannot write beside %s: %v", ErrOutput, dir, err)
	}
	// os.MkdirTemp makes 0700 folders; give it the mode os.Mkdir would.
	os.Chmod(tmp, atomicfile.DirMode())
	return &stage{target: target, tmp: tmp}, nil
}

// path returns where a file meant for p (a path given by the user) is written: inside
// the temporary folder if p lies inside the target, else p itself.
func (s *stage) path(p string) (string, error) {
	rel, in := within(s.target, p)
	if !in {
		return p, nil
	}
	q := filepath.Join(s.tmp, rel)
	if err := os.MkdirAll(filepath.Dir(q), 0o777); err != nil {
		return "", fmt.Errorf("%w: %v", ErrOutput, err)
	}
	return q, nil
}

// commit puts the temporary folder in place of the target: the earlier run (if any) is
// renamed aside, the new one into place, and the earlier one removed.
func (s *stage) commit() error {
	s.done = true
	parent, base := filepath.Dir(s.target), filepath.Base(s.target)
	old := ""
	if _, err := os.Lstat(s.target); err == nil {
		suffix := strings.TrimPrefix(filepath.Base(s.tmp), "."+base+tmpInfix)
		old = filepath.Join(parent, "."+base+oldInfix+suffix)
		if err := os.Rename(s.target, old); err != nil {
			os.RemoveAll(s.tmp)
			return fmt.Errorf("%w: replacing %s: %v", ErrOutput, s.target, err)
		}
	}
	if err := os.Rename(s.tmp, s.target); err != nil {
		if old != "" {
			os.Rename(old, s.target)
		}
		os.RemoveAll(s.tmp)
		return fmt.Errorf("%w: replacing %s: %v", ErrOutput, s.target, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// abort removes the temporary folder; after commit it does nothing.
func (s *stage) abort() {
	if !s.done {
		s.done = true
		os.RemoveAll(s.tmp)
	}
}

// cleanStale removes the temporary folders of an interrupted run into parent/base.
func cleanStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+tmpInfix) || strings.HasPrefix(n, "."+base+oldInfix)) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// runFiles are the names a run writes in its output folder, whatever its manifest.
var runFiles = func() map[string]bool {
	m := map[string]bool{"metrics.csv": true, "agents.csv": true, "report.html": true, "manifest.json": true}
	// render.Charts's charts
	for _, c := range []string{"supply", "balance_ratio", "price_index", "unmet_wants", "coops", "foundation", "gini"} {
		m[c+".png"], m[c+".svg"] = true, true
	}
	return m
}()

// checkReplaceable refuses a target folder that holds anything but an earlier run's
// files (those of runFiles, those its manifest.json lists, this run's journal,
// temporary files and empty folders), since the run replaces the folder whole.
func checkReplaceable(dir, target, journal string) error {
	fi, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is not a folder", ErrOutput, dir)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	ours := map[string]bool{}
	first := func(p string) {
		if rel, in := within(target, p); in {
			ours[strings.Split(rel, string(filepath.Separator))[0]] = true
		}
	}
	if journal != "" {
		first(journal)
	}
	if data, err := os.ReadFile(filepath.Join(target, "manifest.json")); err == nil {
		var m struct{ Files []string }
		if json.Unmarshal(data, &m) == nil {
			for _, f := range m.Files {
				if !filepath.IsAbs(f) && !strings.ContainsRune(f, filepath.Separator) && !strings.Contains(f, "/") {
					ours[f] = true
				} else {
					first(f)
				}
			}
		}
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case runFiles[n] || ours[n]:
		case strings.HasPrefix(n, ".") && (strings.Contains(n, tmpInfix) || strings.HasPrefix(n, ".copex-probe-")):
		case e.IsDir() && emptyDir(filepath.Join(target, n)):
		default:
			return fmt.Errorf("%w: %s holds %s, which is not a run's output; a run replaces its output folder whole, so give an empty or new --out", ErrOutput, dir, n)
		}
	}
	return nil
}

// emptyDir reports whether dir is a folder with nothing in it.
func emptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// within reports whether p lies strictly inside the folder dir (absolute, links
// resolved), and its path relative to dir.
func within(dir, p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(dir, resolveDirs(abs))
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// resolveDirs resolves the links in the folders above the absolute path p, as far as
// they exist.
func resolveDirs(p string) string {
	rest := filepath.Base(p)
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if real, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(d) == d {
			return p
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

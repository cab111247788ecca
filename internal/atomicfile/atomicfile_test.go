package atomicfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	w, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString("half")
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("file visible before Commit: %v", err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "half" {
		t.Errorf("content = %q", b)
	}
	w.Abort() // after Commit: nothing
	if err := w.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	w2, _ := Create(filepath.Join(dir, "b.txt"))
	w2.WriteString("never")
	w2.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("after an abort the folder holds %d entries, want only a.txt", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "missing", "c.txt"), []byte("x")); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", ".a.txt.tmp-123", ".a.txt.tmp-xyz", ".b.txt.tmp-1", "a.txt.tmp-9"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Create(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	w.f.Close() // as a killed writer leaves it
	n, err := RemoveStale(filepath.Join(dir, "a.txt"))
	if err != nil || n != 3 {
		t.Errorf("RemoveStale = %d, %v; want 3 removed", n, err)
	}
	var left []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		left = append(left, e.Name())
	}
	if want := []string{".b.txt.tmp-1", "a.txt", "a.txt.tmp-9"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

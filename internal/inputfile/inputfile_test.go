package inputfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if msg := Check(fi, 100, "a file"); msg != "" {
		t.Errorf("a 100-byte file under a 100-byte limit: %q", msg)
	}
	if msg := Check(fi, 99, "a file"); !strings.Contains(msg, "100 bytes, larger than") {
		t.Errorf("over the limit: %q", msg)
	}
	di, _ := os.Stat(dir)
	if msg := Check(di, 1<<20, "a file"); !strings.Contains(msg, "not a regular file (a folder)") {
		t.Errorf("a folder: %q", msg)
	}
	if fi, err := os.Stat("/dev/null"); err == nil {
		if msg := Check(fi, 1<<20, "a file"); !strings.Contains(msg, "a device") {
			t.Errorf("/dev/null: %q", msg)
		}
	}
}

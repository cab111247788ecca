//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModeFollowsUmask checks that committed files get 0666 less the umask, not
// os.CreateTemp's 0600, and that the umask read at start is the process's.
func TestModeFollowsUmask(t *testing.T) {
	cur := syscall.Umask(0)
	syscall.Umask(cur)
	if got := umask; got != os.FileMode(cur) {
		t.Errorf("umask read at start = %o, the process's is %o", got, cur)
	}
	defer func(u os.FileMode) { umask = u; syscall.Umask(cur) }(umask)
	dir := t.TempDir()
	for _, u := range []int{0o022, 0o027, 0o002, 0o077} {
		syscall.Umask(u)
		umask = readUmask()
		p := filepath.Join(dir, "f")
		if err := WriteFile(p, []byte("x")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := os.FileMode(0o666 &^ u); fi.Mode().Perm() != want {
			t.Errorf("umask %03o: mode %o, want %o", u, fi.Mode().Perm(), want)
		}
		if want := os.FileMode(0o777 &^ u); DirMode() != want {
			t.Errorf("umask %03o: DirMode %o, want %o", u, DirMode(), want)
		}
	}
}

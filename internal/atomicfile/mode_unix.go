//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// umask is the process's file mode creation mask, read once when the package starts
// (syscall.Umask can only read it by setting it, so it is set straight back).
var umask = readUmask()

func readUmask() os.FileMode {
	u := syscall.Umask(0)
	syscall.Umask(u)
	return os.FileMode(u) & os.ModePerm
}

// FileMode is the mode of the files Commit puts in place: 0666 less the umask, as
// os.Create would give.
func FileMode() os.FileMode { return 0o666 &^ umask }

// DirMode is the mode os.Mkdir would give a folder: 0777 less the umask.
func DirMode() os.FileMode { return 0o777 &^ umask }

// chmod gives a temporary file the mode of a file os.Create would make.
func chmod(f *os.File) error { return f.Chmod(FileMode()) }

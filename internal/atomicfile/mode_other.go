//go:build !unix

package atomicfile

import "os"

// FileMode is the mode of the files Commit puts in place where there is no umask.
func FileMode() os.FileMode { return 0o644 }

// DirMode is the mode of folders where there is no umask.
func DirMode() os.FileMode { return 0o755 }

// chmod gives a temporary file FileMode. Where modes mean little (Windows keeps only a
// read-only flag; js/wasm may not support it) a failure is not an error.
func chmod(f *os.File) error {
	f.Chmod(FileMode())
	return nil
}

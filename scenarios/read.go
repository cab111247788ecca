package scenarios

import (
	"fmt"
	"io"
	"os"

	"github.com/copex/copex/internal/inputfile"
)

// MaxFileSize is the largest input file any command reads: a scenario, a sweep, tune,
// screen or comparison file, a GetGo figures file or save. The largest shipped file is
// under 10 KiB; decoding YAML takes a few dozen bytes of memory per byte read, so the
// bound keeps a hostile file's cost to a few hundred MiB.
const MaxFileSize = 4 << 20

// ReadFile reads an input file, refusing before reading anything a path that is not a
// regular file (a device such as /dev/zero, a pipe, a folder) or a file larger than
// MaxFileSize; a file that grows past the bound while it is read is refused too. Every
// error is an *Error naming the file.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if msg := inputfile.Check(fi, MaxFileSize, "an input file"); msg != "" {
		return nil, &Error{File: path, Msg: msg}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, readError(path, err)
	}
	if len(data) > MaxFileSize {
		return nil, &Error{File: path, Msg: fmt.Sprintf("grew past the %d MiB an input file may be while it was read", MaxFileSize>>20)}
	}
	return data, nil
}

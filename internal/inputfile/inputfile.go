// Package inputfile holds the checks every input file passes before any of it is read
// (scenarios and the other YAML files, obligations files): that it is a regular file,
// not a device, pipe or folder, and that it is no larger than the bound its kind of
// file has. Callers report a problem in their own error type, naming the file.
package inputfile

import (
	"fmt"
	"io/fs"
)

// Check returns what is wrong with reading the file fi describes as an input of at
// most limit bytes ("" when nothing is); what names the kind of file ("an input
// file", "an obligations file").
func Check(fi fs.FileInfo, limit int64, what string) string {
	if !fi.Mode().IsRegular() {
		return fmt.Sprintf("not a regular file (%s): copex reads only files", Kind(fi.Mode()))
	}
	if fi.Size() > limit {
		return fmt.Sprintf("%d bytes, larger than the %d MiB %s may be", fi.Size(), limit>>20, what)
	}
	return ""
}

// Kind names a file mode that is not a regular file's, for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

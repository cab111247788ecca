package scenarios

import (
	"strconv"
	"strings"
)

// SetFile is the File of an *Error in a --set override rather than in a file.
const SetFile = "--set"

// Error is a problem with a scenario, located for a person to fix: the file and line
// (Line 0 when there is no line, as for a missing file or a value that only a default
// or an override gave), and the dotted path of the field, with list indices, such as
// "sectors[2].inputs.energy". An error in a --set override has File SetFile and the
// override's path.
type Error struct {
	File string
	Line int
	Path string
	Msg  string
	// Err is the underlying error, if any: an *fs.PathError, an *agents.FieldError or
	// an *issuance.ExprError (which also gives the column).
	Err error
}

// Error formats the error on one line as "file:line: path: msg", leaving out the parts
// that are empty, or as "--set path: msg" for an override.
func (e *Error) Error() string {
	var parts []string
	switch {
	case e.File == SetFile:
		parts = append(parts, strings.TrimSpace(SetFile+" "+e.Path))
	default:
		loc := e.File
		if e.Line > 0 {
			loc += ":" + strconv.Itoa(e.Line)
		}
		parts = append(parts, loc, e.Path)
	}
	parts = append(parts, e.Msg)
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ": ")
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

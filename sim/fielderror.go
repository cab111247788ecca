package sim

import "fmt"

// FieldError is a configuration error at a field: its dotted path in the scenario
// (issuance.foundation_share, dao.cap, sectors[2].wage) and what is wrong. The scenario
// loader turns it into an error at the field's line in the file. A subsystem's
// Validate returns paths within its own section; the economy puts the section's name
// in front.
type FieldError struct {
	Path string
	Msg  string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// Fieldf returns a *FieldError at path.
func Fieldf(path, format string, args ...any) *FieldError {
	return &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

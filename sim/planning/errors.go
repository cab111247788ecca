package planning

import (
	"errors"
	"fmt"
	"math"
)

// Errors a caller can test for with errors.Is.
var (
	ErrRange        = errors.New("out of range")
	ErrNegative     = errors.New("negative")
	ErrNotFinite    = errors.New("not a finite number")
	ErrUnproductive = errors.New("input-output matrix is not productive")
	ErrCycle        = errors.New("councils nest in a cycle")
	ErrNoProducer   = errors.New("no worker council produces it")
)

// FieldError is a bad input with the path of the field that holds it, such as
// "workers.good[12]" or "io[3].coefficient". A scenario loader maps the path to the
// file's line and column and wraps the error.
type FieldError struct {
	Path string
	Err  error
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// fieldf returns a FieldError for path (formatted with args) wrapping err.
func fieldf(err error, path string, args ...any) error {
	return &FieldError{Path: fmt.Sprintf(path, args...), Err: err}
}

// checkCoef refuses a coefficient that is negative or not finite.
func checkCoef(c float64) error {
	switch {
	case math.IsNaN(c) || math.IsInf(c, 0):
		return fmt.Errorf("%v: %w", c, ErrNotFinite)
	case c < 0:
		return fmt.Errorf("%v: %w", c, ErrNegative)
	}
	return nil
}

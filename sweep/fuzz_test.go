package sweep

import (
	"errors"
	"testing"

	"github.com/copex/copex/scenarios"
)

// FuzzParse feeds arbitrary sweep files to Parse: it returns a sweep or an
// *scenarios.Error, and never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		small,
		"scenario: baseline\ndesign: lhs\nsamples: 2\nparameters:\n  ticks: {min: 1, max: 3}\n",
		"scenario: baseline\nparameters:\n  ticks: {range: {from: 1, to: 3, step: 1}}\n",
		"scenario: baseline\nparameters:\n  ticks: {min: ~, max: ~, range: ~, values: ~}\n",
		"scenario: baseline\nparameters: &p {a: *p}\n",
		"scenario: baseline\nparameters: {<<: {ticks: {values: [1]}}}\n",
		"scenario: ~\nset: [=]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		var se *scenarios.Error
		switch {
		case err != nil && !errors.As(err, &se):
			t.Fatalf("error %T %q is not a *scenarios.Error", err, err)
		case err != nil && s != nil:
			t.Fatal("a sweep and an error")
		case err == nil && s.Total() < 1:
			t.Fatalf("a sweep of %d runs", s.Total())
		}
	})
}

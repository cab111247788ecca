package scenarios

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range Names() {
		data, _ := Embedded(name)
		f.Add(data, "")
		f.Add(data, "sectors[0].wage=900")
	}
	for _, s := range []string{
		"",
		"~",
		"- a\n- b\n",
		"members: [1, 2\n",
		"name: x: y\n",
		"coops: &c {<<: *c}\n",
		"sectors: &s [*s]\n",
		"a: &a [*a, *a]\nb: &b [*a, *a]\n",
		"members: 99999999999999999999\nseed: -1\n",
		"issuance: {formula: expression, expression: \"max(0,\"}\n",
		"? [a]\n: 1\n",
		"coops: {types: {worker: .nan}}\n",
		"founding_coops: [{growth: {04: 1, 4: 2}}]\n",
		"members: 1\n---\nmembers: 2\n",
		tiny,
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "coops.types.worker=0.7")
	}
	f.Fuzz(func(t *testing.T, data []byte, set string) {
		var sets []string
		if set != "" {
			sets = []string{set}
		}
		s, err := Parse("fuzz.yaml", data, sets)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %q is not an *Error", err, err)
			}
			if s != nil {
				t.Fatal("a scenario and an error")
			}
			return
		}
		if err := s.Config.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid configuration: %v", err)
		}
		// The canonical YAML loads back to the same scenario.
		y, err := s.YAML()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("canonical.yaml", y, nil)
		if err != nil {
			t.Fatalf("canonical YAML does not load: %v\n%s", err, y)
		}
		if back.Hash() != s.Hash() {
			t.Fatalf("canonical YAML loads to another scenario:\n%s", y)
		}
	})
}

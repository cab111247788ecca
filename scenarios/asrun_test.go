package scenarios_test

import (
	"testing"

	"github.com/copex/copex/scenarios"
)

// TestYAMLRoundTrip: the scenario as run (scenario.yaml in a run's folder) reads back
// to the same scenario, for every embedded scenario, with and without overrides.
func TestYAMLRoundTrip(t *testing.T) {
	for _, name := range scenarios.Names() {
		for _, sets := range [][]string{nil, {"seed=7", "ticks=3"}} {
			sc, err := scenarios.Load(name, sets)
			if err != nil {
				t.Fatal(err)
			}
			data, err := sc.YAML()
			if err != nil {
				t.Fatal(err)
			}
			back, err := scenarios.Parse("scenario.yaml", data, nil)
			if err != nil {
				t.Fatalf("%s %v: the scenario as run does not load: %v\n%s", name, sets, err, data)
			}
			if back.Hash() != sc.Hash() {
				t.Errorf("%s %v: the scenario as run reads back as another scenario", name, sets)
			}
			if back.Name != sc.Name || back.Description != sc.Description {
				t.Errorf("%s: name %q description %q read back as %q %q", name, sc.Name, sc.Description, back.Name, back.Description)
			}
		}
	}
}

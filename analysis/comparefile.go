package analysis

import (
	"path/filepath"

	"github.com/copex/copex/scenarios"
)

// CompareFile is a comparison written down: two scenarios, the overrides of each,
// replicates, seed, metrics and series (copex compare FILE). Its layout is read by
// scenarios.Decode and described by CompareSchema.
type CompareFile struct {
	Name       string   `yaml:"name" doc:"comparison name (the default output folder is out/NAME)"`
	A          string   `yaml:"a" required:"true" nonempty:"true" doc:"scenario A: an embedded name, or a file relative to this one"`
	B          string   `yaml:"b" required:"true" nonempty:"true" doc:"scenario B: an embedded name, or a file relative to this one"`
	Set        []string `yaml:"set" was:"sets" doc:"overrides of both scenarios, PATH=VALUE"`
	SetA       []string `yaml:"set_a" was:"sets_a" doc:"overrides of A only"`
	SetB       []string `yaml:"set_b" was:"sets_b" doc:"overrides of B only"`
	Replicates int      `yaml:"replicates" min:"1" max:"100000" doc:"replicates of each (default: copex compare's)"`
	Seed       *uint64  `yaml:"seed" doc:"seed of the first replicate (default: copex compare's)"`
	Metrics    []string `yaml:"metrics" doc:"summary metrics to compare, such as sd(inflation)"`
	Series     []string `yaml:"series" doc:"columns to chart, A against B"`
}

// FileKind names a comparison file in messages.
func (CompareFile) FileKind() string { return "comparison file" }

// CompareSchema returns the JSON Schema of comparison files (see scenarios.SchemaOf).
func CompareSchema() ([]byte, error) {
	return scenarios.SchemaOf(&CompareFile{}, "https://github.com/copex/copex/compare.schema.json", "Copex comparison file",
		"A comparison of two scenarios (copex compare FILE): their overrides, replicates, seed, metrics and series.")
}

// LoadCompareFile reads a comparison file strictly (scenarios.Decode): an unknown key,
// a wrong type or a missing scenario is a *scenarios.Error naming the file, line and
// field. Scenario files named in it are taken relative to the file.
func LoadCompareFile(path string) (*CompareFile, error) {
	var cf CompareFile
	if _, _, err := scenarios.DecodeFile(path, &cf); err != nil {
		return nil, err
	}
	for _, s := range []*string{&cf.A, &cf.B} {
		if _, ok := scenarios.Embedded(*s); !ok && !filepath.IsAbs(*s) {
			*s = filepath.Join(filepath.Dir(path), *s)
		}
	}
	return &cf, nil
}

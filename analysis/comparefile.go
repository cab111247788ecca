package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/scenarios"
)

// CompareFile is a comparison written down: two scenarios, the overrides of each,
// replicates, seed, metrics and series (copex compare FILE).
type CompareFile struct {
	Name       string   `yaml:"name"`
	A          string   `yaml:"a"`
	B          string   `yaml:"b"`
	Set        []string `yaml:"set"`
	SetA       []string `yaml:"set_a"`
	SetB       []string `yaml:"set_b"`
	Replicates int      `yaml:"replicates"`
	Seed       *uint64  `yaml:"seed"`
	Metrics    []string `yaml:"metrics"`
	Series     []string `yaml:"series"`
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// LoadCompareFile reads a comparison file strictly: an unknown key, a wrong type or a
// missing scenario is an error naming the file and line. Scenario files named in it
// are taken relative to the file.
func LoadCompareFile(path string) (*CompareFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty comparison file", path)
	}
	var cf CompareFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			if m := yamlLine.FindStringSubmatch(te.Errors[0]); m != nil {
				return nil, fmt.Errorf("%s:%s: %s", path, m[1], m[2])
			}
		}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", path, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	line := func(key string) int {
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil && len(n.Content) > 0 {
			m := n.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == key {
					return m.Content[i].Line
				}
			}
		}
		return 1
	}
	for _, s := range []struct {
		key string
		v   *string
	}{{"a", &cf.A}, {"b", &cf.B}} {
		if *s.v == "" {
			return nil, fmt.Errorf("%s:%d: %s: a scenario (embedded name or file) is required", path, line(s.key), s.key)
		}
		if _, ok := scenarios.Embedded(*s.v); !ok && !filepath.IsAbs(*s.v) {
			*s.v = filepath.Join(filepath.Dir(path), *s.v)
		}
	}
	if cf.Replicates < 0 {
		return nil, fmt.Errorf("%s:%d: replicates: must be at least 1, got %s", path, line("replicates"), strconv.Itoa(cf.Replicates))
	}
	return &cf, nil
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"
)

// tinyScenario is a small valid economy; the scenario documents below vary it.
const tinyScenario = `members: 10
ticks: 3
sectors:
  - {name: food, share: 0.5, base_price: 1, productivity: 10, wage: 10}
  - {name: energy, share: 0.5, base_price: 1, productivity: 10, wage: 10, inputs: {food: 0.1}}
coops: {count: 2, workers_min: 1, workers_max: 3}
`

// small overrides make the base scenario of the sweep, tune and screen documents quick.
const small = "set: [members=200, coops.count=8, ticks=6]\n"

const riverside = `name: Riverside
sector: care
members: 6
pay: 760
price: 21
customers: 260
revenue: 5460
treasury: 4000
`

// agreement is the table of TestSchemaAgreesWithLoader: documents of every file
// type, each accepted (ok) or refused by copex validate. The five the schema and the
// loader used to disagree on are marked "was a disagreement".
var agreement = []struct {
	typ, name, text string
	ok              bool
}{
	{"scenario", "tiny", tinyScenario, true},
	{"scenario", "null issuance (was a disagreement)", tinyScenario + "issuance: ~\n", true},
	{"scenario", "expression formula without expression (was a disagreement)", tinyScenario + "issuance: {formula: expression}\n", false},
	{"scenario", "empty expression", tinyScenario + "issuance: {formula: expression, expression: ''}\n", false},
	{"scenario", "expression formula", tinyScenario + "issuance: {formula: expression, expression: 'max(0, projected - high_water)'}\n", true},
	{"scenario", "savings-adjusted min above max (was a disagreement)", tinyScenario + "issuance:\n  release_factor: {mode: savings_adjusted, min: 3, max: 2.5}\n", false},
	{"scenario", "savings-adjusted min above the default max", tinyScenario + "issuance:\n  release_factor: {mode: savings_adjusted, min: 3}\n", false},
	{"scenario", "fixed factor, min above max unused", tinyScenario + "issuance:\n  release_factor: {mode: fixed, min: 3, max: 2.5}\n", true},
	{"scenario", "workers_min above workers_max", strings.Replace(tinyScenario, "workers_min: 1", "workers_min: 4", 1), false},
	{"scenario", "empty sectors (was a disagreement)", "members: 10\nsectors: []\n", false},
	{"scenario", "no sectors", "members: 10\n", false},
	{"scenario", "null sectors", "members: 10\nsectors: ~\n", false},
	{"scenario", "random exchange needs no sectors", "model: random_exchange\nmembers: 10\n", true},
	{"scenario", "seed 2^64 (was a disagreement)", tinyScenario + "seed: 18446744073709551616\n", false},
	{"scenario", "seed 2^64-1", tinyScenario + "seed: 18446744073709551615\n", true},
	{"scenario", "negative seed", tinyScenario + "seed: -1\n", false},
	{"scenario", "integer written as a float", strings.Replace(tinyScenario, "members: 10", "members: 1e3", 1), true},
	{"scenario", "fraction for an integer", strings.Replace(tinyScenario, "members: 10", "members: 10.5", 1), false},
	{"scenario", "above a bound", strings.Replace(tinyScenario, "ticks: 3", "ticks: 1e6", 1), false},
	{"scenario", "unknown key", tinyScenario + "tickz: 3\n", false},
	{"scenario", "a number as a name", tinyScenario + "name: 2024\n", true},
	{"scenario", "unknown map key", tinyScenario + "  types: {farmer: 1}\n", false},
	{"scenario", "quoted bool", tinyScenario + "fixed: {prices: 'true'}\n", false},
	{"scenario", "null struct", tinyScenario + "fixed:\n", true},
	{"scenario", "null list element", strings.Replace(tinyScenario, "sectors:\n", "sectors:\n  - ~\n", 1), false},
	{"scenario", "not finite", tinyScenario + "issuance: {smoothing: .nan}\n", false},
	{"scenario", "merge key", strings.Replace(tinyScenario, "  - {name: energy, share: 0.5, base_price: 1, productivity: 10, wage: 10,",
		"  - {<<: {share: 0.5, base_price: 1, productivity: 10, wage: 10}, name: energy,", 1), true},
	{"scenario", "duplicate key", tinyScenario + "members: 12\n", false},
	{"scenario", "two documents", tinyScenario + "---\nmembers: 3\n", false},

	{"sweep", "grid", "scenario: baseline\n" + small + "parameters:\n  issuance.foundation_share: {values: [0.1, 0.2]}\n  issuance.grant_expiry_months: {range: {from: 6, to: 12, step: 6}}\nmetrics: [last(gini)]\n", true},
	{"sweep", "lhs", "scenario: baseline\n" + small + "design: lhs\nsamples: 3\nparameters:\n  issuance.foundation_share: {min: 0.1, max: 0.3}\n", true},
	{"sweep", "lhs without samples", "scenario: baseline\ndesign: lhs\nparameters:\n  issuance.foundation_share: {min: 0.1, max: 0.3}\n", false},
	{"sweep", "samples on a grid", "scenario: baseline\nsamples: 3\n", false},
	{"sweep", "values in an lhs design", "scenario: baseline\ndesign: lhs\nsamples: 3\nparameters:\n  ticks: {values: [1, 2]}\n", false},
	{"sweep", "min and max in a grid", "scenario: baseline\nparameters:\n  ticks: {min: 1, max: 2}\n", false},
	{"sweep", "lhs min above max (min above max)", "scenario: baseline\ndesign: lhs\nsamples: 3\nparameters:\n  ticks: {min: 10, max: 2}\n", false},
	{"sweep", "lhs without max", "scenario: baseline\ndesign: lhs\nsamples: 3\nparameters:\n  ticks: {min: 1}\n", false},
	{"sweep", "range to below from", "scenario: baseline\nparameters:\n  ticks: {range: {from: 10, to: 5, step: 1}}\n", false},
	{"sweep", "range step 0", "scenario: baseline\nparameters:\n  ticks: {range: {from: 1, to: 5, step: 0}}\n", false},
	{"sweep", "empty values", "scenario: baseline\nparameters:\n  ticks: {values: []}\n", false},
	{"sweep", "values and range", "scenario: baseline\nparameters:\n  ticks: {values: [1], range: {from: 1, to: 2, step: 1}}\n", false},
	{"sweep", "neither values nor range", "scenario: baseline\nparameters:\n  ticks: {}\n", false},
	{"sweep", "old sets key", "scenario: baseline\nsets: [ticks=6]\n", false},
	{"sweep", "seed 2^64", "scenario: baseline\nseed: 18446744073709551616\n", false},
	{"sweep", "no scenario", "design: grid\nreplicates: 2\n", false},

	{"tune", "smoothing", "scenario: baseline\n" + small + "parameters:\n  - {path: issuance.smoothing, min: 0, max: 1, start: 0.5}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", true},
	{"tune", "coefficients", "scenario: baseline\n" + small + "expression: max(0, projected - high_water) * {{k}}\nparameters:\n  - {coefficient: k, min: 1, max: 2}\nobjective: sd(inflation)\nbudget: {iterations: 2}\n", true},
	{"tune", "max below min (min above max)", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0.8, max: 0.2}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "max equal to min", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0.5, max: 0.5}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "start outside the bounds", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 0.5, start: 0.7}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "no budget", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nobjective: sd(inflation)\n", false},
	{"tune", "empty budget", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nobjective: sd(inflation)\nbudget: {evaluations: 0}\n", false},
	{"tune", "null budget", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nobjective: sd(inflation)\nbudget: ~\n", false},
	{"tune", "path and coefficient", "scenario: baseline\nexpression: projected * {{k}}\nparameters:\n  - {coefficient: k, path: members, min: 1, max: 2}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "bad coefficient name", "scenario: baseline\nexpression: projected * {{1k}}\nparameters:\n  - {coefficient: 1k, min: 1, max: 2}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "no parameters", "scenario: baseline\nparameters: []\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},
	{"tune", "old sets key", "scenario: baseline\nsets: [ticks=6]\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nobjective: sd(inflation)\nbudget: {evaluations: 3}\n", false},

	{"screen", "screen", "scenario: baseline\n" + small + "parameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [sd(inflation)]\ntrajectories: 4\nlevels: 4\n", true},
	{"screen", "odd levels", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [sd(inflation)]\nlevels: 5\n", false},
	{"screen", "one trajectory", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [sd(inflation)]\ntrajectories: 1\n", false},
	{"screen", "no metrics", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: []\ntrajectories: 4\n", false},
	{"screen", "an objective", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [sd(inflation)]\nlevels: 4\nobjective: sd(inflation)\n", false},

	{"compare", "compare", "name: gv\na: baseline\nb: giveaway\nset: [ticks=6]\nset_a: [members=300]\nreplicates: 2\nseed: ~\nmetrics: [last(gini)]\n", true},
	{"compare", "no b", "a: baseline\nset_a: [ticks=6]\n", false},
	{"compare", "no replicates", "a: baseline\nb: giveaway\nreplicates: 0\n", false},
	{"compare", "seed as text", "a: baseline\nb: giveaway\nseed: one\n", false},

	{"figures", "riverside", riverside, true},
	{"figures", "all the figures", riverside + "type: consumer\nmarketing: 150\nonline: online\ninnovation: Evening visits\ninnovation_customers: 40\n", true},
	{"figures", "no members", strings.Replace(riverside, "members: 6", "members: 0", 1), false},
	{"figures", "no revenue", strings.Replace(riverside, "revenue: 5460\n", "", 1), false},
	{"figures", "empty name", strings.Replace(riverside, "name: Riverside", "name: ''", 1), false},
	{"figures", "unknown type", riverside + "type: capitalist\n", false},
	{"figures", "quoted price", strings.Replace(riverside, "price: 21", "price: '21'", 1), false},
}

// TestSchemaAgreesWithLoader checks that copex schema --type T and copex validate
// agree on every document of the table: both accept it or both refuse it, as the
// table says. The schemas are checked by an independent JSON Schema validator
// (santhosh-tekuri/jsonschema, draft 2020-12, numbers compared exactly), which also
// checks each schema against the draft's metaschema; the copex-only x-copex-order
// keyword is given to it as a vocabulary, implemented here from its documentation.
// The YAML is turned into JSON here too, by YAML's rules (aliases, merge keys), not
// by the loader.
func TestSchemaAgreesWithLoader(t *testing.T) {
	if len(agreement) < 30 {
		t.Fatalf("%d documents; the table needs at least 30", len(agreement))
	}
	dir := t.TempDir()
	schemas := map[string]*jsonschema.Schema{}
	for _, ft := range fileTypes {
		code, out, stderr := copex(t, "schema", "--type", ft.name)
		if code != 0 {
			t.Fatalf("copex schema --type %s: exit %d: %s", ft.name, code, stderr)
		}
		schemas[ft.name] = compileSchema(t, ft.name, out)
	}
	for i, d := range agreement {
		path := write(t, dir, fmt.Sprintf("doc%02d.yaml", i), d.text)
		code, _, stderr := copex(t, "validate", "--type", d.typ, path)
		if code != 0 && code != exitBadInput {
			t.Errorf("%s %q: copex validate exit %d: %s", d.typ, d.name, code, stderr)
		}
		loaderOK := code == 0
		inst, convErr := yamlToJSON([]byte(d.text))
		var schemaErr error = convErr
		if convErr == nil {
			schemaErr = schemas[d.typ].Validate(inst)
		}
		schemaOK := schemaErr == nil
		if loaderOK != d.ok || schemaOK != d.ok {
			t.Errorf("%s %q: copex validate ok %v (%s), schema ok %v (%v); want both %v",
				d.typ, d.name, loaderOK, strings.TrimSpace(stderr), schemaOK, oneLine(fmt.Sprint(schemaErr)), d.ok)
		}
		// A good file is told for what it is (a bad one may look like another type).
		if got := detectType(path); d.ok && got != d.typ {
			t.Errorf("%s %q: detected as %s", d.typ, d.name, got)
		}
	}
}

// compileSchema compiles a file type's schema with the x-copex-order vocabulary.
func compileSchema(t *testing.T, name, text string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("schema %s is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertVocabs()
	c.RegisterVocabulary(orderVocabulary(t))
	url := "https://example.test/" + name + ".json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("schema %s does not compile: %v", name, err)
	}
	return s
}

// orderVocabulary implements x-copex-order as copex schema documents it: on an
// object, each entry compares the number in property with the one in atMost, atLeast
// or above, falling back on a property's default (in the same schema object's
// properties) when the object leaves it out; a comparison with a value missing
// altogether holds.
func orderVocabulary(t *testing.T) *jsonschema.Vocabulary {
	meta, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"properties": {"x-copex-order": {"type": "array", "items": {
		"type": "object", "required": ["property"], "additionalProperties": false,
		"properties": {"property": {"type": "string"}, "atMost": {"type": "string"}, "atLeast": {"type": "string"}, "above": {"type": "string"}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://example.test/x-copex-order"
	if err := c.AddResource(url, meta); err != nil {
		t.Fatal(err)
	}
	metaSchema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return &jsonschema.Vocabulary{URL: url, Schema: metaSchema, Compile: func(_ *jsonschema.CompilerContext, obj map[string]any) (jsonschema.SchemaExt, error) {
		raw, ok := obj["x-copex-order"].([]any)
		if !ok {
			return nil, nil
		}
		ext := &orderExt{defaults: map[string]any{}}
		if props, ok := obj["properties"].(map[string]any); ok {
			for name, p := range props {
				if d, ok := p.(map[string]any)["default"]; ok {
					ext.defaults[name] = d
				}
			}
		}
		for _, r := range raw {
			m := r.(map[string]any)
			for _, rel := range []string{"atMost", "atLeast", "above"} {
				if other, ok := m[rel].(string); ok {
					ext.rules = append(ext.rules, [3]string{m["property"].(string), rel, other})
				}
			}
		}
		return ext, nil
	}}
}

type orderExt struct {
	rules    [][3]string // property, relation, other property
	defaults map[string]any
}

func (e *orderExt) Validate(ctx *jsonschema.ValidatorContext, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	get := func(name string) (*big.Rat, bool) {
		x, ok := obj[name]
		if !ok {
			x, ok = e.defaults[name]
		}
		if !ok {
			return nil, false
		}
		r, ok := new(big.Rat).SetString(fmt.Sprint(x))
		return r, ok
	}
	for _, r := range e.rules {
		a, okA := get(r[0])
		b, okB := get(r[2])
		if !okA || !okB {
			continue
		}
		c := a.Cmp(b)
		if r[1] == "atMost" && c > 0 || r[1] == "atLeast" && c < 0 || r[1] == "above" && c <= 0 {
			ctx.AddError(&orderError{r})
		}
	}
}

type orderError struct{ rule [3]string }

func (*orderError) KeywordPath() []string { return []string{"x-copex-order"} }

func (e *orderError) LocalizedString(p *message.Printer) string {
	return p.Sprintf("%s is not %s %s", e.rule[0], e.rule[1], e.rule[2])
}

// yamlToJSON turns a single YAML document into the JSON value a schema validates:
// aliases followed, merge keys (<<) merged (a mapping's own keys first, then the
// earlier merged mappings), scalars by their resolved tag. A second document, a
// key given twice or a key that is not a plain value is an error: no JSON value.
func yamlToJSON(data []byte) (any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, next yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document, or %v", err)
	}
	return nodeToJSON(doc.Content[0], 0)
}

func nodeToJSON(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, errors.New("too deep")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeToJSON(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := nodeToJSON(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return nil, errors.New("a key that is not a plain value")
			}
			if k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if _, dup := out[k.Value]; dup {
				return nil, fmt.Errorf("key %s given twice", k.Value)
			}
			jv, err := nodeToJSON(v, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = jv
		}
		for _, m := range merges {
			if m.Kind == yaml.AliasNode {
				m = m.Alias
			}
			list := []*yaml.Node{m}
			if m.Kind == yaml.SequenceNode {
				list = m.Content
			}
			for _, one := range list {
				mv, err := nodeToJSON(one, depth+1)
				if err != nil {
					return nil, err
				}
				mm, ok := mv.(map[string]any)
				if !ok {
					return nil, errors.New("a merge of something other than a mapping")
				}
				for k, v := range mm {
					if _, ok := out[k]; !ok {
						out[k] = v
					}
				}
			}
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int", "!!float":
		var x any
		if err := n.Decode(&x); err != nil {
			return nil, err
		}
		switch x := x.(type) {
		case int:
			return json.Number(strconv.Itoa(x)), nil
		case int64:
			return json.Number(strconv.FormatInt(x, 10)), nil
		case uint64:
			return json.Number(strconv.FormatUint(x, 10)), nil
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return n.Value, nil // JSON has no such number
			}
			return json.Number(strconv.FormatFloat(x, 'g', -1, 64)), nil
		}
	}
	return n.Value, nil
}

// TestValidateEachType runs copex validate on the shipped files of each type, with
// the type told from the file, and on a bad file of each type, which exits with 2
// and a one-line file:line: field: message.
func TestValidateEachType(t *testing.T) {
	shipped := []string{"baseline", "../../scenarios/two-coops.yaml", "../../scenarios/sweeps/foundation-share.yaml",
		"../../scenarios/tune/smoothing.yaml", "../../scenarios/tune/expression.yaml", "../../scenarios/tune/screen.yaml",
		"../../scenarios/tune/screen-main.yaml", "../../scenarios/compare/giveaway.yaml", "../../game/testdata/riverside.yaml"}
	code, stdout, stderr := copex(t, append([]string{"validate"}, shipped...)...)
	if code != 0 || strings.Count(stdout, ": ok (") != len(shipped) {
		t.Fatalf("validate the shipped files: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"sweep foundation-share, 45 runs", "tune file, 2 parameters", "screen file, 3 parameters", "screen file, 12 parameters",
		"comparison file, giveaway against baseline", "figures of Riverside Care Co-operative"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name, text, want string
	}{
		{"sweep.yaml", "scenario: baseline\ndesign: lhs\nsamples: 3\nparameters:\n  ticks: {min: 10, max: 2}\n",
			"sweep.yaml:5: parameters.ticks.max: is 2, less than parameters.ticks.min (10)"},
		{"tune.yaml", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nobjective: sd(inflation)\nbudget: {evaluationz: 3}\n",
			`tune.yaml:5: budget.evaluationz: unknown field "evaluationz" in budget (known: evaluations, iterations)`},
		{"screen.yaml", "scenario: baseline\nparameters:\n  - {path: issuance.smoothing, min: 0, max: 1}\nmetrics: [sd(inflation)]\nlevels: 3\n",
			"screen.yaml:5: levels: must be even, got 3"},
		{"compare.yaml", "a: baseline\nb: giveaway\nsets: [ticks=3]\n", `compare.yaml:3: sets: unknown field "sets": write set: instead`},
		{"figures.yaml", riverside + "profit: 5\n", `figures.yaml:9: profit: unknown field "profit"`},
		{"scenario.yaml", "members: 5\nsectors: []\n", "scenario.yaml:2: sectors: an economy needs at least one sector"},
		{"tabs.yaml", "coops:\n  count: 1\n\tworkers_min: 2\n", "tabs.yaml:3: found a tab character that violates indentation"},
	} {
		path := write(t, dir, tt.name, tt.text)
		code, _, stderr := copex(t, "validate", path)
		if code != exitBadInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, filepath.Join(dir, tt.want)) {
			t.Errorf("validate %s: exit %d, %q; want 2 and %q", tt.name, code, stderr, tt.want)
		}
	}
	// --type overrides the detection; a wrong one is an error of that type's loader.
	sweepFile := write(t, dir, "s.yaml", "scenario: baseline\nparameters:\n  ticks: {values: [3]}\n")
	if code, stdout, _ := copex(t, "validate", "--type", "sweep", sweepFile); code != 0 || !strings.Contains(stdout, "sweep s, 1 runs") {
		t.Errorf("validate --type sweep: exit %d, %q", code, stdout)
	}
	if code, _, stderr := copex(t, "validate", "--type", "tune", sweepFile); code != exitBadInput || !strings.Contains(stderr, "s.yaml:2: parameters: expected a list, got a mapping") {
		t.Errorf("validate --type tune on a sweep file: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{{"validate", "--type", "nonsense", sweepFile}, {"schema", "--type", "nonsense"}} {
		if code, _, stderr := copex(t, args...); code != exitBadInput || !strings.Contains(stderr, "want one of scenario, sweep, tune, screen, compare, figures") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if code, _, stderr := copex(t, "validate", "--set", "ticks=3", sweepFile); code != exitBadInput || !strings.Contains(stderr, "--set applies to scenarios") {
		t.Errorf("validate --set on a sweep file: exit %d, %q", code, stderr)
	}
	// The help says how the type is told.
	if _, stdout, _ := copex(t, "validate", "--help"); !strings.Contains(stdout, "The file type is --type, or else told from the file's top-level keys") {
		t.Errorf("validate --help does not say how the type is told:\n%s", stdout)
	}
}

// TestSchemaTypes checks that copex schema prints a schema for each file type, the
// scenario's by default, each naming its own fields.
func TestSchemaTypes(t *testing.T) {
	_, def, _ := copex(t, "schema")
	_, scenario, _ := copex(t, "schema", "--type", "scenario")
	if def != scenario {
		t.Error("copex schema is not the scenario schema")
	}
	for typ, field := range map[string]string{"scenario": "foundation_share", "sweep": "samples", "tune": "objective",
		"screen": "trajectories", "compare": "set_a", "figures": "innovation_customers"} {
		code, out, stderr := copex(t, "schema", "--type", typ)
		var s map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &s) != nil || !strings.Contains(out, `"`+field+`"`) {
			t.Errorf("schema --type %s: exit %d, %s; want a JSON Schema naming %s", typ, code, stderr, field)
		}
	}
}

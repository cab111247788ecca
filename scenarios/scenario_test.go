package scenarios

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/issuance"
)

// tiny is a small valid economy; the bad inputs below are variations of it.
const tiny = `name: tiny
description: a tiny economy
members: 10
sectors:
  - {name: food, share: 0.5, base_price: 1, productivity: 10, wage: 10}
  - {name: energy, share: 0.5, base_price: 1, productivity: 10, wage: 10, inputs: {food: 0.1}}
coops:
  count: 2
  workers_min: 1
  workers_max: 3
`

// write writes a scenario file in a fresh directory and returns its path.
func write(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEmbedded(t *testing.T) {
	names := Names()
	if want := []string{"baseline", "coprosperity-100k", "coprosperity", "dao-competence", "dao-platform", "economy-100k", "economy-1m", "faircoin", "getgo", "giveaway", "horizon",
		"open-platform", "planning-1m", "planning-linear", "planning", "random-exchange", "tradable", "two-coops"}; !slices.Equal(names, want) {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			s, err := Load(name, nil)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if s.Name != name {
				t.Errorf("Name = %q, want %q", s.Name, name)
			}
			if s.Description == "" {
				t.Error("no description")
			}
			if got, want := s.Source, "embedded:"+name; got != want {
				t.Errorf("Source = %q, want %q", got, want)
			}
			if err := s.Config.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if err := Validate(name); err != nil {
				t.Errorf("Validate(%q): %v", name, err)
			}
		})
	}
	if _, ok := Embedded("no-such-scenario"); ok {
		t.Error("Embedded(no-such-scenario) found something")
	}
	if _, ok := Embedded("../scenarios/baseline"); ok {
		t.Error("Embedded took a path")
	}
}

func TestTwoCoops(t *testing.T) {
	s, err := Load("two-coops", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Config
	if got, want := len(c.Founding), 2; got != want {
		t.Fatalf("founding co-ops = %d, want %d", got, want)
	}
	if got, want := c.Founding[0].Growth, map[int]float64{4: 0.5}; !reflect.DeepEqual(got, want) {
		t.Errorf("growth = %v, want %v", got, want)
	}
	if got, want := c.Members, 2; got != want {
		t.Errorf("members = %d, want %d", got, want)
	}
	// Fields the file leaves out keep their defaults.
	def := agents.Default()
	if got, want := c.Exchange.Prices, def.Exchange.Prices; got != want {
		t.Errorf("exchange.prices = %+v, want the default %+v", got, want)
	}
	if got, want := c.Coops.Types, def.Coops.Types; !reflect.DeepEqual(got, want) {
		t.Errorf("coops.types = %v, want the default %v", got, want)
	}
}

// TestReplace checks that a map or list in the file replaces the default one.
func TestReplace(t *testing.T) {
	s, err := Parse("t.yaml", []byte(tiny+"  types: {producer: 1}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Config.Coops.Types, map[string]float64{"producer": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("coops.types = %v, want %v", got, want)
	}
	if got := agents.Default().Coops.Types["worker"]; got != 0.5 {
		t.Errorf("the default was changed: worker = %v", got)
	}
}

func TestAnchorsAndMerges(t *testing.T) {
	const src = `members: 10
sectors:
  - &food {name: food, share: 0.5, base_price: 1, productivity: 10, wage: 10}
  - {<<: *food, name: energy, wage: 12}
coops: {count: 2, workers_min: 1, workers_max: 3}
`
	s, err := Parse("m.yaml", []byte(src), []string{"sectors[0].wage=20"})
	if err != nil {
		t.Fatal(err)
	}
	got := s.Config.Sectors
	if got[0].Wage != 20 || got[1].Name != "energy" || got[1].Wage != 12 || got[1].Productivity != 10 {
		t.Errorf("sectors = %+v", got)
	}
	s, err = Parse("m.yaml", []byte(src), []string{"sectors[1].productivity=30"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config.Sectors; got[0].Productivity != 10 || got[1].Productivity != 30 {
		t.Errorf("an override of a merged value: sectors = %+v", got)
	}

	// An override through an alias changes that place only; one into a null fills it.
	const aliased = `members: 10
sectors:
  - {name: food, share: 0.5, base_price: 1, inputs: &in {food: 0.1}}
  - {name: energy, share: 0.5, base_price: 1, inputs: *in}
coops:
fixed:
`
	s, err = Parse("a.yaml", []byte(aliased), []string{"sectors[1].inputs.food=0.2", "coops.workers_max=5", "fixed.prices=true"})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Config
	if c.Sectors[0].Inputs["food"] != 0.1 || c.Sectors[1].Inputs["food"] != 0.2 {
		t.Errorf("inputs = %v and %v, want 0.1 and 0.2", c.Sectors[0].Inputs, c.Sectors[1].Inputs)
	}
	if c.Coops.WorkersMax != 5 || c.Coops.WorkersMin != 3 || !c.Fixed.Prices {
		t.Errorf("coops = %+v, fixed = %+v", c.Coops, c.Fixed)
	}
}

func TestErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	tests := []struct {
		name    string
		content string // written to x.yaml, unless file is set
		file    string // a path to load instead
		sets    []string
		inFile  bool // with sets, the error is in the file nonetheless
		line    int
		path    string
		msg     string // a part of the message
	}{
		{name: "missing file", file: missing, msg: "no such file"},
		{name: "empty file", content: "", msg: "empty scenario"},
		{name: "only comments", content: "# nothing\n", msg: "empty scenario"},
		{name: "null document", content: "~\n", msg: "empty scenario"},
		{name: "syntax error", content: "name: x\nmembers: [1, 2\nticks: 3\n", line: 2, msg: "did not find expected"},
		{name: "bad indentation", content: "coops:\n  count: 1\n   workers_min: 2\n", line: 3, msg: "mapping values are not allowed"},
		{name: "syntax error on the first line", content: "name: x: y\n", line: 1, msg: "mapping values are not allowed"},
		{name: "parser error at the end", content: "{name: x\n", line: 2, msg: "did not find expected ',' or '}'"},
		{name: "unterminated string", content: "name: x\ndescription: 'abc\n\nticks: 3\n", line: 2, msg: "found unexpected end of stream"},
		{name: "tab indentation", content: "coops:\n\tcount: 1\n", line: 2, msg: "cannot start any token"},
		{name: "unknown anchor", content: "coops: *c\n", msg: "unknown anchor 'c' referenced"},
		{name: "non-scalar key", content: "? [a, b]\n: 1\n", line: 1, msg: "a key must be a plain value, got a list"},
		{name: "merge of itself", content: "coops: &c {<<: *c}\n", line: 1, path: "coops", msg: "a mapping merges itself"},
		{name: "bad merge", content: "coops: {<<: 5}\n", line: 1, path: "coops", msg: "a merge (<<) takes a mapping"},
		{name: "bad merge list", content: "coops: {<<: [5]}\n", line: 1, path: "coops",
			msg: "a merge (<<) takes a mapping or a list of mappings, got a list holding 5"},
		{name: "set into a wrong type in the file", content: "name: x\ncoops: 5\n", sets: []string{"coops.count=1"},
			inFile: true, line: 2, path: "coops", msg: "expected a mapping, got 5"},
		{name: "not a mapping", content: "- members\n- 5\n", line: 1, msg: "a scenario is a mapping of keys to values, not a list"},
		{name: "two documents", content: "members: 5\n---\nmembers: 6\n", line: 2, msg: "single YAML document"},
		{name: "unknown key", content: "name: x\nmembrs: 5\n", line: 2, path: "membrs",
			msg: `unknown field "membrs" (known: base, clock, collect, coops, `},
		{name: "unknown nested key", content: tiny + "  cout: 3\n", line: 11, path: "coops.cout",
			msg: `unknown field "cout" in coops (known: buffer_months, capacity_gain, count,`},
		{name: "unknown key in a list", content: "sectors:\n  - name: food\n    wages: 3\n", line: 3, path: "sectors[0].wages",
			msg: `unknown field "wages" in sectors[0]`},
		{name: "duplicate key", content: "members: 5\nticks: 3\nmembers: 6\n", line: 3, path: "members",
			msg: "duplicate key (first at line 1)"},
		{name: "string for an int", content: "members: lots\n", line: 1, path: "members",
			msg: `expected an integer, got "lots"`},
		{name: "float for an int", content: "name: x\nticks: 12.5\n", line: 2, path: "ticks",
			msg: "expected an integer, got 12.5"},
		{name: "mapping for an int", content: "ticks:\n  months: 3\n", line: 1, path: "ticks",
			msg: "expected an integer, got a mapping"},
		{name: "list for a mapping", content: "coops: [1, 2]\n", line: 1, path: "coops",
			msg: "expected a mapping, got a list"},
		{name: "nothing for an int", content: "ticks:\n", line: 1, path: "ticks",
			msg: "expected an integer, got no value"},
		{name: "number for a bool", content: "fixed: {prices: 1}\n", line: 1, path: "fixed.prices",
			msg: "expected true or false, got 1"},
		{name: "string for a number", content: "issuance:\n  smoothing: half\n", line: 2, path: "issuance.smoothing",
			msg: `expected a number, got "half"`},
		{name: "negative unsigned", content: "seed: -1\n", line: 1, path: "seed",
			msg: "expected a non-negative integer, got -1"},
		{name: "int overflow", content: "\nticks: 99999999999999999999\n", line: 2, path: "ticks",
			msg: "expected an integer, got 99999999999999999999, which is out of range"},
		{name: "unsigned overflow", content: "seed: 18446744073709551616\n", line: 1, path: "seed",
			msg: "expected a non-negative integer, got 18446744073709551616, which is out of range"},
		{name: "negative unsigned float", content: "seed: -1e3\n", line: 1, path: "seed",
			msg: "expected a non-negative integer, got -1e3, which is out of range"},
		{name: "not finite", content: "issuance: {smoothing: .nan}\n", line: 1, path: "issuance.smoothing",
			msg: "expected a finite number"},
		{name: "negative members", content: "members: -5\n", line: 1, path: "members",
			msg: "must be between 1 and 100000000, got -5"},
		{name: "share above 1", content: "name: x\nissuance:\n  formula: smoothed\n  foundation_share: 1.5\n", line: 4,
			path: "issuance.foundation_share", msg: "must be between 0 and 1, got 1.5"},
		{name: "only a min", content: "issuance: {growth_cap: {offered_value: -1}}\n", line: 1,
			path: "issuance.growth_cap.offered_value", msg: "must be at least 0, got -1"},
		{name: "bounds of map values", content: "coops:\n  types:\n    worker: 2\n", line: 3, path: "coops.types.worker",
			msg: "must be between 0 and 1, got 2"},
		{name: "not in enum", content: "\nmodel: economics\n", line: 2, path: "model",
			msg: "must be one of economy, random_exchange; got \"economics\""},
		{name: "map key not allowed", content: "coops:\n  types: {worker: 0.5, farmer: 0.5}\n", line: 2,
			path: "coops.types.farmer", msg: `unknown key "farmer" (allowed: worker, producer, consumer, multi_stakeholder)`},
		{name: "bad map key type", content: "founding_coops:\n  - growth: {april: 0.5}\n", line: 2,
			path: "founding_coops[0].growth.april", msg: `bad key: expected an integer, got "april"`},
		{name: "expression unknown variable",
			content: tiny + "issuance:\n  formula: expression\n  expression: |\n    max(0,\n      projected - salse)\n",
			line:    15, path: "issuance.expression", msg: "unknown name salse (variables: age, "},
		{name: "expression syntax error",
			content: tiny + "issuance:\n  formula: expression\n  expression: projected +\n",
			line:    13, path: "issuance.expression", msg: "unexpected token EOF"},
		{name: "expression missing", content: tiny + "issuance: {formula: expression}\n",
			line: 11, path: "issuance.expression", msg: "the expression formula needs an expression"},
		{name: "unknown input sector",
			content: strings.Replace(tiny, "inputs: {food: 0.1}", "inputs: {enrgy: 0.1}", 1),
			line:    6, path: "sectors[1].inputs.enrgy", msg: `no sector is named "enrgy"`},
		{name: "unknown input sector in block style",
			content: "members: 10\nsectors:\n  - name: food\n    share: 1\n    base_price: 1\n    inputs:\n      food: 0.1\n      enrgy: 0.2\n",
			line:    8, path: "sectors[0].inputs.enrgy", msg: `no sector is named "enrgy"`},
		{name: "workers_min above workers_max", content: strings.Replace(tiny, "workers_min: 1", "workers_min: 5", 1),
			line: 9, path: "coops.workers_min", msg: "is 5, more than coops.workers_max (3)"},
		{name: "validate error on a default", content: strings.Replace(tiny, "members: 10\n", "", 1) + "  # many co-ops\n",
			sets: []string{"coops.count=2000"}, inFile: true, path: "members", msg: "1000 members cannot staff 2000 co-ops"},
		{name: "set unknown path", content: tiny, sets: []string{"coops.sizes=3"}, path: "coops.sizes",
			msg: `unknown field "sizes" in coops (known: `},
		{name: "set unknown top-level path", content: tiny, sets: []string{"foo.bar=3"}, path: "foo.bar",
			msg: `unknown field "foo" (known: `},
		{name: "set bad value", content: tiny, sets: []string{"members=many"}, path: "members",
			msg: `expected an integer, got "many"`},
		{name: "set out of bounds", content: tiny, sets: []string{"issuance.foundation_share=1.5"},
			path: "issuance.foundation_share", msg: "must be between 0 and 1, got 1.5"},
		{name: "set bad enum", content: tiny, sets: []string{"random_exchange.rule=half"},
			path: "random_exchange.rule", msg: "must be one of unit, fraction"},
		{name: "set index out of range", content: tiny, sets: []string{"sectors[2].wage=900"},
			path: "sectors[2].wage", msg: "index 2 is out of range: sectors has 2 elements"},
		{name: "set index into a missing list", content: tiny, sets: []string{"founding_coops[0].workers=2"},
			path: "founding_coops[0].workers", msg: "index 0 is out of range: founding_coops has 0 elements"},
		{name: "set a list without index", content: tiny, sets: []string{"sectors.wage=900"},
			path: "sectors.wage", msg: "sectors is a list"},
		{name: "set into a scalar", content: tiny, sets: []string{"members.count=3"},
			path: "members.count", msg: "members is an integer, not a mapping"},
		{name: "set without value", content: tiny, sets: []string{"members"},
			path: "members", msg: "expected PATH=VALUE"},
		{name: "set bad path", content: tiny, sets: []string{"sectors[x].wage=1"},
			path: "sectors[x].wage", msg: "bad path"},
		{name: "set bad YAML", content: tiny, sets: []string{"coops.types={worker: 1"},
			path: "coops.types", msg: "bad value"},
		{name: "set breaks a relation", content: tiny, sets: []string{"coops.workers_min=4"},
			path: "coops.workers_min", msg: "is 4, more than coops.workers_max (3)"},
		{name: "set expression", content: tiny, sets: []string{"issuance.formula=expression", "issuance.expression=salse"},
			path: "issuance.expression", msg: "unknown name salse"},
		{name: "set a bad map key", content: tiny, sets: []string{"coops.types.farmer=0.1"},
			path: "coops.types.farmer", msg: `unknown key "farmer"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if path == "" {
				path = write(t, "x.yaml", tt.content)
			}
			_, err := Load(path, tt.sets)
			if err == nil {
				t.Fatal("no error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %q is not an *Error", err, err)
			}
			wantFile := path
			if tt.sets != nil && !tt.inFile {
				wantFile = SetFile
			}
			if e.File != wantFile || e.Line != tt.line || e.Path != tt.path {
				t.Errorf("got file %q line %d path %q, want %q %d %q (%v)", e.File, e.Line, e.Path, wantFile, tt.line, tt.path, err)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got message %q, want one containing %q", e.Msg, tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message on more than one line: %q", err)
			}
		})
	}
}

func TestErrorCauses(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v is not fs.ErrNotExist", err)
	}
	_, err = Load("baselin", nil)
	if got, want := err.Error(), "embedded: baseline, coprosperity-100k, coprosperity, dao-competence, dao-platform, economy-100k, economy-1m, faircoin, getgo, giveaway"; !strings.Contains(got, want) {
		t.Errorf("unknown name: got %q, want it to list the embedded scenarios", got)
	}
	_, err = Parse("f.yaml", []byte(tiny+"issuance:\n  formula: expression\n  expression: projected + salse\n"), nil)
	var xe *issuance.ExprError
	if !errors.As(err, &xe) || xe.Column != 13 {
		t.Errorf("expression: got %v, want an *issuance.ExprError at column 13", err)
	}
	_, err = Parse("f.yaml", []byte(strings.Replace(tiny, "inputs: {food: 0.1}", "inputs: {enrgy: 0.1}", 1)), nil)
	var fe *agents.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("validation: got %v, want an *agents.FieldError", err)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "scenarios/x.yaml", Line: 12, Path: "issuance.foundation_share", Msg: "must be between 0 and 1, got 1.5"},
			"scenarios/x.yaml:12: issuance.foundation_share: must be between 0 and 1, got 1.5"},
		{Error{File: "x.yaml", Msg: "empty scenario"}, "x.yaml: empty scenario"},
		{Error{File: "x.yaml", Path: "members", Msg: "too few"}, "x.yaml: members: too few"},
		{Error{File: SetFile, Path: "foo.bar", Msg: "unknown field"}, "--set foo.bar: unknown field"},
		{Error{Msg: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestSet(t *testing.T) {
	tests := []struct {
		set   string
		check func(c agents.Config) bool
	}{
		{"members=100000", func(c agents.Config) bool { return c.Members == 100000 }},
		{"members=1e5", func(c agents.Config) bool { return c.Members == 100000 }},
		{"issuance.foundation_share=0.3", func(c agents.Config) bool { return c.Issuance.FoundationShare == 0.3 }},
		{"sectors[0].wage=900", func(c agents.Config) bool { return c.Sectors[0].Wage == 900 && c.Sectors[1].Wage == 100 }},
		{"random_exchange.rule=fraction", func(c agents.Config) bool { return c.Random.Rule == "fraction" }},
		{"coops.types.worker=0.7", func(c agents.Config) bool {
			return reflect.DeepEqual(c.Coops.Types, map[string]float64{"worker": 0.7, "producer": 0.2, "consumer": 0.2, "multi_stakeholder": 0.1})
		}},
		{"coops.types={producer: 1}", func(c agents.Config) bool {
			return reflect.DeepEqual(c.Coops.Types, map[string]float64{"producer": 1})
		}},
		{"giveaway.amount=5000", func(c agents.Config) bool { return c.Giveaway.Amount == 5000 && c.Giveaway.Month == 1 }},
		{"sectors[1].inputs.bread=0.2", func(c agents.Config) bool { return c.Sectors[1].Inputs["bread"] == 0.2 }},
		{"founding_coops[0].growth.4=0.25", func(c agents.Config) bool {
			return reflect.DeepEqual(c.Founding[0].Growth, map[int]float64{4: 0.25})
		}},
		{"founding_coops[1].growth.6=1", func(c agents.Config) bool {
			return reflect.DeepEqual(c.Founding[1].Growth, map[int]float64{4: 0.5, 6: 1})
		}},
		{"fixed.prices=false", func(c agents.Config) bool { return !c.Fixed.Prices && c.Fixed.Labour }},
		{" seed = 42", func(c agents.Config) bool { return c.Seed == 42 }},
		{"seed=18446744073709551615", func(c agents.Config) bool { return c.Seed == 1<<64-1 }},
		// A mapping replaces the file's: the fields it leaves out take their defaults.
		{"coops={count: 0, workers_max: 5}", func(c agents.Config) bool {
			return c.Coops.WorkersMax == 5 && c.Coops.WorkersMin == 3 && c.Coops.GrantUse.Bonus == 0.4
		}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			s, err := Load("two-coops", []string{tt.set})
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(s.Config) {
				t.Errorf("--set %s did not take: %+v", tt.set, s.Config)
			}
			if got := s.Sets; !slices.Equal(got, []string{tt.set}) {
				t.Errorf("Sets = %q", got)
			}
		})
	}
	// An anchored document is changed too.
	s, err := Parse("a.yaml", []byte("--- &doc\n"+tiny), []string{"members=12"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Members != 12 {
		t.Errorf("members = %d in an anchored document, want 12", s.Config.Members)
	}
	// Later overrides win; strings are taken as they are.
	s, err = Load("two-coops", []string{"members=5", "members=7", "description=a: b # c", "name=x"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Members != 7 || s.Description != "a: b # c" || s.Name != "x" {
		t.Errorf("got members %d, description %q, name %q", s.Config.Members, s.Description, s.Name)
	}
}

func TestHash(t *testing.T) {
	load := func(name string, sets ...string) *Scenario {
		t.Helper()
		s, err := Load(name, sets)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := load("baseline").Hash()
	if len(base) != 64 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Fatalf("Hash() = %q, want 64 hex digits", base)
	}
	if again := load("baseline").Hash(); again != base {
		t.Errorf("hash not stable: %s then %s", base, again)
	}
	if other := load("baseline", "members=6001").Hash(); other == base {
		t.Error("the hash did not change with members")
	}
	if other := load("baseline", "sectors[0].inputs.energy=0.09").Hash(); other == base {
		t.Error("the hash did not change with an input coefficient")
	}
	// The same scenario written differently, or set to what it is, has the same hash.
	if same := load("baseline", "members=6000", "seed=1").Hash(); same != base {
		t.Error("setting values to what they are changed the hash")
	}
	data, _ := Embedded("baseline")
	edited := strings.Replace(string(data), "members: 6000", "# the members\nmembers: 6_000 # six thousand", 1)
	if same := load(write(t, "b.yaml", edited)).Hash(); same != base {
		t.Error("a differently written copy has another hash")
	}
	// The canonical YAML loads back to the same scenario.
	s := load("two-coops", "issuance.smoothing=-0.0")
	y, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("canonical.yaml", y, nil)
	if err != nil {
		t.Fatalf("canonical YAML does not load: %v\n%s", err, y)
	}
	if back.Hash() != s.Hash() {
		t.Error("canonical YAML loads to another scenario")
	}
}

func TestParsePath(t *testing.T) {
	tests := []struct {
		in   string
		want []step
		bad  bool
	}{
		{in: "members", want: []step{{key: "members"}}},
		{in: "sectors[2].inputs.energy", want: []step{{key: "sectors"}, {index: 2, isIndex: true}, {key: "inputs"}, {key: "energy"}}},
		{in: "a[0][1]", want: []step{{key: "a"}, {index: 0, isIndex: true}, {index: 1, isIndex: true}}},
		{in: "", bad: true},
		{in: "a.", bad: true},
		{in: ".a", bad: true},
		{in: "a[", bad: true},
		{in: "a[-1]", bad: true},
		{in: "a[+1]", bad: true},
		{in: "a[]", bad: true},
		{in: "a]", bad: true},
		{in: "a[0]b", bad: true},
	}
	for _, tt := range tests {
		got, err := parsePath(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("parsePath(%q): error %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if !tt.bad && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parsePath(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if !tt.bad && formatPath(got) != tt.in {
			t.Errorf("formatPath(parsePath(%q)) = %q", tt.in, formatPath(got))
		}
	}
}

// TestTags checks that every struct tag of the scenario types is well formed (a bad
// bound panics) and that every default is within its own bounds.
func TestTags(t *testing.T) {
	def := document{Config: agents.Default()}
	def.Config.Sectors = []agents.Sector{{Name: "a", Share: 1, BasePrice: 1}}
	y, err := (&Scenario{Name: "d", Config: def.Config}).YAML()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("defaults.yaml", y, nil); err != nil {
		t.Errorf("the defaults do not load: %v", err)
	}
}

// TestBenchScenarios checks that the reference economies of copex bench are the
// baseline at another size: only the members, the co-ops and their founding workers
// differ, scaled so the share of members employed at the start stays the baseline's.
func TestBenchScenarios(t *testing.T) {
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	b := base.Config
	baseStaffed := float64(b.Coops.WorkersMin+b.Coops.WorkersMax) / 2 * float64(b.Coops.Count) / float64(b.Members)
	for _, tt := range []struct {
		name           string
		members, coops int
	}{{"economy-100k", 100_000, 1_000}, {"economy-1m", 1_000_000, 10_000}} {
		sc, err := Load(tt.name, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		c := sc.Config
		if c.Members != tt.members || c.Coops.Count != tt.coops || c.Ticks != 120 || c.Clock != "month" {
			t.Errorf("%s: %d members, %d co-ops, %d ticks of a %s; want %d, %d, 120 months",
				tt.name, c.Members, c.Coops.Count, c.Ticks, c.Clock, tt.members, tt.coops)
		}
		staffed := float64(c.Coops.WorkersMin+c.Coops.WorkersMax) / 2 * float64(c.Coops.Count) / float64(c.Members)
		if math.Abs(staffed-baseStaffed) > 0.01 {
			t.Errorf("%s: founding workers staff %.3f of members, the baseline's %.3f", tt.name, staffed, baseStaffed)
		}
		c.Members, c.Coops.Count, c.Coops.WorkersMin, c.Coops.WorkersMax = b.Members, b.Coops.Count, b.Coops.WorkersMin, b.Coops.WorkersMax
		if !reflect.DeepEqual(c, b) {
			t.Errorf("%s differs from the baseline in more than its size", tt.name)
		}
	}
}

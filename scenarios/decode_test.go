package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// testFile exercises what Decode offers every file type: a keyed list (a mapping in
// order), Numbers, and each relation tag.
type testFile struct {
	Name   string      `yaml:"name" required:"true" nonempty:"true"`
	Mode   string      `yaml:"mode" enum:"a,b"`
	Count  int         `yaml:"count" min:"0" max:"10" multipleof:"2" required:"mode=b" only:"mode=b"`
	Items  []testItem  `yaml:"items"`
	Set    []string    `yaml:"set" was:"sets"`
	Code   *string     `yaml:"code" pattern:"^[a-z]+$" maxlen:"5"`
	Limits testLimits  `yaml:"limits"`
	List   []testLimit `yaml:"list"`
}

func (testFile) FileKind() string { return "test file" }

type testItem struct {
	Key  string  `yaml:",key" pattern:"^[a-z.]+$"`
	Lo   *Number `yaml:"lo" oneof:"g"`
	Hi   *Number `yaml:"hi" oneof:"g" only:"/mode=b"`
	Flag bool    `yaml:"flag"`
}

type testLimits struct {
	Min   float64 `yaml:"min" atmost:"max"`
	Max   float64 `yaml:"max"`
	Other int     `yaml:"other" anyof:"x"`
	More  int     `yaml:"more" anyof:"x"`
}

type testLimit struct {
	Low  float64 `yaml:"low" required:"true"`
	High float64 `yaml:"high" above:"low" needed:"true"`
}

func TestDecode(t *testing.T) {
	f := testFile{Mode: "a", Limits: testLimits{Max: 5, Other: 1}}
	const good = `name: x
items:
  b.c: {lo: 1}
  a: {lo: 2.0, flag: true}
limits: {min: 4}
list: [{low: 1, high: 2}]
`
	doc, err := Decode("t.yaml", []byte(good), &f)
	if err != nil {
		t.Fatal(err)
	}
	want := []testItem{{Key: "b.c", Lo: &Number{1, true}}, {Key: "a", Lo: &Number{2, false}, Flag: true}}
	if !reflect.DeepEqual(f.Items, want) {
		t.Errorf("items = %+v, want %+v (in the file's order)", f.Items, want)
	}
	if f.Limits.Max != 5 || f.Limits.Min != 4 {
		t.Errorf("limits = %+v, want the file's min and the default max", f.Limits)
	}
	for _, tt := range []struct {
		field any
		want  string
	}{
		{&f.Items[1], "t.yaml:4: items.a: m"},
		{f.Items[1].Lo, "t.yaml:4: items.a.lo: m"},
		{&f.Items[0].Hi, "t.yaml:3: items.b.c.hi: m"}, // left out: at its struct
		{&f.Limits.Max, "t.yaml:5: limits.max: m"},
		{&f.List[0].High, "t.yaml:6: list[0].high: m"},
		{&f.Count, "t.yaml:1: count: m"},
		{nil, "t.yaml:1: m"},
	} {
		if got := doc.Errorf(tt.field, "m").Error(); got != tt.want {
			t.Errorf("Errorf(%T) = %q, want %q", tt.field, got, tt.want)
		}
	}
	cause := errors.New("cause")
	if e := doc.Errorf(&f.Name, "wrapped: %w", cause); !errors.Is(e, cause) || e.Msg != "wrapped: cause" {
		t.Errorf("Errorf with %%w = %v, %v", e, e.Err)
	}

	for _, tt := range []struct{ name, text, want string }{
		{"required", "mode: a\n", "t.yaml:1: name: missing"},
		{"nonempty", "name: ''\n", "t.yaml:1: name: must not be empty"},
		{"required when", "name: x\nmode: b\n", "t.yaml:1: count: missing: needed when mode is b"},
		{"only when", "name: x\ncount: 2\n", "t.yaml:2: count: only allowed when mode is b"},
		{"multipleof", "name: x\nmode: b\ncount: 3\n", "t.yaml:3: count: must be even, got 3"},
		{"bounds", "name: x\nmode: b\ncount: 12\n", "t.yaml:3: count: must be between 0 and 10, got 12"},
		{"old name", "name: x\nsets: [a=1]\n", `t.yaml:2: sets: unknown field "sets": write set: instead`},
		{"pattern", "name: x\ncode: A\n", `t.yaml:2: code: must match ^[a-z]+$, got "A"`},
		{"pattern on a number", "name: x\ncode: 12\n", "t.yaml:2: code: expected a string, got 12"},
		{"maxlen", "name: x\ncode: abcdef\n", "t.yaml:2: code: too long: 6 characters, at most 5"},
		{"bad key", "name: x\nitems: {A: {lo: 1}}\n", `t.yaml:2: items.A: bad key: must match ^[a-z.]+$, got "A"`},
		{"duplicate key", "name: x\nitems:\n  a: {lo: 1}\n  a: {lo: 2}\n", "t.yaml:4: items.a: duplicate key (first at line 3)"},
		{"oneof none", "name: x\nitems: {a: {flag: true}}\n", "t.yaml:2: items.a.lo: missing"},
		{"oneof none of two", "name: x\nmode: b\ncount: 2\nitems: {a: {flag: true}}\n", "t.yaml:4: items.a: give lo or hi"},
		{"oneof both", "name: x\nmode: b\ncount: 2\nitems: {a: {hi: 2, lo: 1}}\n", "t.yaml:4: items.a.lo: give lo or hi, not both"},
		{"only when, at the root", "name: x\nitems: {a: {hi: 1}}\n", "t.yaml:2: items.a.hi: only allowed when mode is b"},
		{"number", "name: x\nitems: {a: {lo: one}}\n", `t.yaml:2: items.a.lo: expected a number, got "one"`},
		{"null element", "name: x\nitems: {a: ~}\n", "t.yaml:2: items.a: expected a mapping, got null"},
		{"atmost with a default", "name: x\nlimits: {min: 6}\n", "t.yaml:2: limits.min: is 6, more than limits.max (5)"},
		{"anyof", "name: x\nlimits: {other: 0}\n", "t.yaml:2: limits: set other or more (or both) above 0"},
		{"above", "name: x\nlist: [{low: 2, high: 2}]\n", "t.yaml:2: list[0].high: is 2, not more than list[0].low (2)"},
		{"needed", "name: x\nlist: [{low: 2}]\n", "t.yaml:2: list[0].high: must not be 0"},
		{"required in a list", "name: x\nlist:\n  - high: 2\n", "t.yaml:3: list[0].low: missing"},
		{"empty", "", "t.yaml: empty test file"},
		{"a list", "- a\n", "t.yaml:1: a test file is a mapping of keys to values, not a list"},
		{"two documents", "name: x\n---\nname: y\n", "t.yaml:2: a test file is a single YAML document, but a second one starts here"},
	} {
		f := testFile{Mode: "a", Limits: testLimits{Max: 5, Other: 1}}
		_, err := Decode("t.yaml", []byte(tt.text), &f)
		var e *Error
		if !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("%s: %v, want *Error %q", tt.name, err, tt.want)
		}
	}
}

// TestTabLine checks that a tab in an indentation is reported at its own line, where
// the YAML parser names the line where the value before it started.
func TestTabLine(t *testing.T) {
	for _, tt := range []struct {
		name, content string
		line          int
	}{
		{"after a value", "coops:\n  count: 1\n\tworkers_min: 2\n", 3},
		{"after a multi-line value", "description: a\n  long\n  text\n\tticks: 3\n", 4},
		{"on a blank line", "members: 5\n\n\t\nticks: 3\n", 3},
		{"first in a block", "coops:\n\tcount: 1\n", 2},
		{"in a literal block", "description: |\n  one\n\t two\n", 3},
	} {
		_, err := Load(write(t, "tabs.yaml", tt.content), nil)
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Msg, "tab") && !strings.Contains(e.Msg, "cannot start any token") {
			t.Errorf("%s: %v, want tabs.yaml:%d and the tab", tt.name, err, tt.line)
		}
	}
}

// TestRelationsOfConfig checks the relations of agents.Config that the decoder
// checks (extraTags), at the line at fault.
func TestRelationsOfConfig(t *testing.T) {
	for _, tt := range []struct {
		name, content string
		line          int
		path, msg     string // msg "" means the scenario loads
	}{
		{"empty sectors", "members: 5\nsectors: []\n", 2, "sectors", "an economy needs at least one sector"},
		{"no sectors", "members: 5\n", 1, "sectors", "an economy needs at least one sector"},
		{"random exchange without sectors", "model: random_exchange\n", 0, "", ""},
		{"savings-adjusted factor", tiny + "issuance:\n  release_factor: {mode: savings_adjusted, min: 3, max: 2.5}\n", 12,
			"issuance.release_factor.min", "is 3, more than issuance.release_factor.max (2.5)"},
		{"savings-adjusted factor over the default max", tiny + "issuance:\n  release_factor: {mode: savings_adjusted, min: 3}\n", 12,
			"issuance.release_factor.min", "is 3, more than issuance.release_factor.max (2)"},
		{"fixed factor", tiny + "issuance:\n  release_factor: {mode: fixed, min: 3, max: 2.5}\n", 0, "", ""},
		{"null issuance", tiny + "issuance: ~\n", 0, "", ""},
	} {
		_, err := Parse("r.yaml", []byte(tt.content), nil)
		var e *Error
		switch {
		case tt.msg == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.msg != "" && (!errors.As(err, &e) || e.Line != tt.line || e.Path != tt.path || e.Msg != tt.msg):
			t.Errorf("%s: %v, want r.yaml:%d: %s: %s", tt.name, err, tt.line, tt.path, tt.msg)
		}
	}
}

// TestTopKeys checks the outline that tells one kind of file from another.
func TestTopKeys(t *testing.T) {
	got := TopKeys([]byte("a: 1\nb: [1]\nc: {d: 1}\n<<: {e: x}\n"))
	want := map[string]string{"a": "value", "b": "list", "c": "mapping", "e": "value"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TopKeys = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "- a\n", "a: [\n", "a: 1\n---\nb: 2\n"} {
		if got := TopKeys([]byte(bad)); got != nil {
			t.Errorf("TopKeys(%q) = %v, want nil", bad, got)
		}
	}
}

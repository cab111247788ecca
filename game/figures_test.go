package game

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

func TestLoadFigures(t *testing.T) {
	g, err := LoadFigures("testdata/riverside.yaml", "", 1)
	must(t, err)
	if g.Phase != PhaseLiving || g.Existing == nil || g.Name() != "Riverside Care Co-operative" || g.Founders() != 6 {
		t.Fatalf("game from figures: phase %v, existing %v, name %q, %d members", g.Phase, g.Existing != nil, g.Name(), g.Founders())
	}
	must(t, g.Turn(g.NextDecisions()))
	p := g.Living().History[0]
	// Calibrated to the co-op's own 260 customers plus the innovation's 40.
	if p.Customers < 200 || p.Customers > 400 {
		t.Errorf("first month's customers %d, want about 300 from the figures", p.Customers)
	}
	data, err := Encode(g)
	must(t, err)
	back, err := Decode("save.json", data)
	must(t, err)
	if back.Living().Treasury != g.Living().Treasury {
		t.Error("a game from figures does not replay")
	}
}

func TestBadFigures(t *testing.T) {
	good := `name: Riverside
sector: care
members: 6
pay: 760
price: 21
customers: 260
revenue: 5460
treasury: 4000
`
	tests := []struct {
		name, data string
		line       int
		field, msg string
	}{
		{"unknown field", good + "profit: 9\n", 9, "profit", "unknown field"},
		{"negative members", strings.Replace(good, "members: 6", "members: -3", 1), 3, "members", "impossible value -3"},
		{"zero members", strings.Replace(good, "members: 6", "members: 0", 1), 3, "members", "impossible value 0"},
		{"fractional members", strings.Replace(good, "members: 6", "members: 2.5", 1), 3, "members", "expected an integer, got 2.5"},
		{"pay above ceiling", strings.Replace(good, "pay: 760", "pay: 2400", 1), 4, "pay", "above the limit of 2250"},
		{"pay above revenue", strings.Replace(good, "pay: 760", "pay: 2000", 1), 4, "pay", "more than revenue"},
		{"negative price", strings.Replace(good, "price: 21", "price: -21", 1), 5, "price", "impossible value"},
		{"text price", strings.Replace(good, "price: 21", "price: cheap", 1), 5, "price", `expected a number, got "cheap"`},
		{"unknown sector", strings.Replace(good, "sector: care", "sector: mining", 1), 2, "sector", `no sector "mining"`},
		{"unknown type", good + "type: capitalist\n", 9, "type", `must be one of worker, producer, consumer, multi_stakeholder; got "capitalist"`},
		{"missing revenue", strings.Replace(good, "revenue: 5460\n", "", 1), 1, "revenue", "missing"},
		{"twice", good + "pay: 700\n", 9, "pay", "duplicate key (first at line 4)"},
		{"long name", strings.Replace(good, "name: Riverside", "name: "+strings.Repeat("x", MaxText+1), 1), 1, "name", "too long"},
		{"not yaml", "name: [unclosed\n", 2, "", "did not find expected ',' or ']'"},
		{"a list", "- 1\n- 2\n", 1, "", "a figures file is a mapping of keys to values, not a list"},
		{"empty name", strings.Replace(good, "name: Riverside", "name: ''", 1), 1, "name", "write something"},
		{"control character", strings.Replace(good, "name: Riverside", `name: "River\x01side"`, 1), 1, "name", "control character"},
		{"unknown online", good + "online: sometimes\n", 9, "online", `must be one of online, offline, hybrid; got "sometimes"`},
		{"price too low", strings.Replace(good, "price: 21", "price: 0.001", 1), 5, "price", "impossible value 0.001: want 0.01 to 1e6"},
		{"null pay", strings.Replace(good, "pay: 760", "pay: ~", 1), 4, "pay", "expected a number, got null"},
		{"tab", strings.Replace(good, "sector: care\n", "sector: care\n\t", 1), 3, "", "found a tab character"},
		{"two documents", good + "---\nname: Other\n", 9, "", "a figures file is a single YAML document"},
	}
	for _, tt := range tests {
		_, err := FromFigures("co-op.yaml", []byte(tt.data), "", 1)
		var se *scenarios.Error
		if !errors.As(err, &se) || se.File != "co-op.yaml" || se.Line != tt.line || se.Path != tt.field || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("%s: %v (%#v), want co-op.yaml:%d: %s: ...%s...", tt.name, err, se, tt.line, tt.field, tt.msg)
		}
	}
	// The figures file's enums are the game's own answers.
	for field, want := range map[string][]string{"type": optionValues(questions(nil)[1].Options), "online": boxOptions(t, BoxOnline)} {
		f, _ := reflect.TypeFor[Figures]().FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, field) })
		if got := strings.Split(f.Tag.Get("enum"), ","); !slices.Equal(got, want) {
			t.Errorf("%s: enum %v, want the game's %v", field, got, want)
		}
	}
	// Non-ASCII text is fine.
	ok := strings.Replace(good, "name: Riverside", "name: Coopérative des Rivières – 川の協同組合", 1)
	if _, err := FromFigures("co-op.yaml", []byte(ok), "", 1); err != nil {
		t.Errorf("non-ASCII name refused: %v", err)
	}
	if _, err := LoadFigures("testdata/no-such-file.yaml", "", 1); err == nil || !strings.Contains(err.Error(), "no-such-file.yaml") {
		t.Errorf("missing figures file: %v", err)
	}
}

func optionValues(opts []Option) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Value)
	}
	return out
}

func boxOptions(t *testing.T, id string) []string {
	t.Helper()
	b, ok := BoxByID(id)
	if !ok {
		t.Fatalf("no box %s", id)
	}
	return optionValues(b.Options)
}

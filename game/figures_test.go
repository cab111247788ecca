package game

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim/ledger"
)

// TestExistingCoopTestsItsInnovation loads testdata/riverside.yaml (a care co-op of 6
// testing evening visits): the game opens on the Test Canvas with the innovation's
// two hypotheses and no start-up test; the co-op starts from its real state (its
// members' output is the 260 customers it serves, 300 with the innovation's 40); the
// trial without the innovation is the run of the same co-op without one, on the same
// simulated data; the export says what was tested where it belongs.
func TestExistingCoopTestsItsInnovation(t *testing.T) {
	g, err := LoadFigures("testdata/riverside.yaml", "", 1)
	must(t, err)
	if g.Phase != PhaseTestCanvas || g.Existing == nil || g.Name() != "Riverside Care Co-operative" || g.Founders() != 6 {
		t.Fatalf("game from figures: phase %v, existing %v, name %q, %d members", g.Phase, g.Existing != nil, g.Name(), g.Founders())
	}
	var boxes []string
	for _, tt := range g.Tests {
		boxes = append(boxes, tt.Box)
	}
	if want := []string{TestInnovationCustomers, TestInnovationPays}; !slices.Equal(boxes, want) {
		t.Fatalf("test programme %v, want the innovation's %v only", boxes, want)
	}
	for id, v := range g.Canvas {
		if strings.Contains(v, "Evening visits") {
			t.Errorf("canvas box %s says %q: the innovation is not a canvas entry", id, v)
		}
	}
	if h := g.Hypothesis(TestInnovationCustomers); !strings.Contains(h, "Evening visits will bring 40 more customers") {
		t.Errorf("hypothesis %q", h)
	}
	// Going to the canvas and back invents no start-up test.
	must(t, g.GoTo(PhaseCanvas))
	must(t, g.Advance())
	if len(g.Tests) != 2 {
		t.Fatalf("%d tests after a visit to the canvas, want 2", len(g.Tests))
	}
	must(t, g.Advance()) // to the Test Game
	tr, err := g.runTrial()
	must(t, err)
	// (the engine's grant-funded capacity may add up to 10% in the first month: its
	// improve rule caps a purchase's gain there)
	if c := tr.periods[0].Capacity; c < 299 || c > 330 {
		t.Errorf("capacity with the innovation %d, want the 300 units a month of its figures", c)
	}
	if c := tr.base[0].Capacity; c < 259 || c > 286 {
		t.Errorf("capacity without the innovation %d, want the 260 of its figures", c)
	}
	// Without the innovation is the same co-op with none, on the same data.
	plain, err := FromFigures("plain.yaml", []byte(strings.Replace(riverside(t), "innovation: Evening visits", "innovation: \"\"", 1)), "", 1)
	must(t, err)
	if plain.Phase != PhaseLiving || len(plain.Tests) != 0 {
		t.Errorf("figures with no innovation: phase %v, %d tests; want the living co-op and no test", plain.Phase, len(plain.Tests))
	}
	alone, err := plain.trialMonths(false)
	must(t, err)
	if !reflect.DeepEqual(alone, tr.base) {
		t.Errorf("the trial without the innovation differs from the co-op's own run:\n%+v\n%+v", alone[0], tr.base[0])
	}
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		r, err := g.RunTest(box)
		must(t, err)
		tr, err := g.runTrial()
		must(t, err)
		s, _ := Spec(box)
		m, _ := s.measure(tr)
		if r.Measured != m {
			t.Errorf("%s measured %g, the trial says %g", box, r.Measured, m)
		}
		if !r.Passed {
			// Pivot the guess to what the data showed (never just the pass point).
			must(t, g.Pivot(box, fmtNum(max(r.Measured, 0)), ""))
		}
	}
	must(t, g.Advance())
	if g.Phase != PhaseLiving {
		t.Fatalf("phase %v after the innovation's tests", g.Phase)
	}
	// Its real state: the 4,000 tokens of its treasury, its 6 members, its price.
	if v := g.Living().View; v.Treasury != ledger.Tokens(4000) || v.Workers != 6 || v.Price != ledger.Tokens(21) {
		t.Errorf("the living co-op starts with treasury %s, %d workers, price %s; want 4000, 6, 21", ledger.Format(v.Treasury), v.Workers, ledger.Format(v.Price))
	}
	must(t, g.Turn(g.NextDecisions()))
	data, err := Encode(g)
	must(t, err)
	back, err := Decode("save.json", data)
	must(t, err)
	if back.Living().Treasury != g.Living().Treasury {
		t.Error("a game from figures does not replay")
	}
	d := g.DACO()
	if d.Innovation == nil || d.Innovation.Change != "Evening visits" || len(d.Innovation.Tests) != 2 || !d.Innovation.Passed || len(d.Tests) != 0 {
		t.Errorf("export: innovation %+v, start-up tests %d; want the innovation's two tests, passed, and no start-up test", d.Innovation, len(d.Tests))
	}
	yml, err := g.ExportDACO()
	must(t, err)
	if n := strings.Count(string(yml), "Evening visits"); n < 1 || n > 4 {
		t.Errorf("the export names the innovation %d times, want it in its own section (and hypotheses) only", n)
	}
}

func riverside(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/riverside.yaml")
	must(t, err)
	return string(data)
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

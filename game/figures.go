package game

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/copex/copex/scenarios"
)

// Figures are an existing co-op's own figures, loaded to test an innovation in the
// living co-op (GetGo for existing co-ops, seed 003 §5). The struct tags are the
// figures file's format: scenarios.Decode reads them, FiguresSchema describes them.
type Figures struct {
	Name      string  `yaml:"name" json:"name" required:"true" nonempty:"true" maxlen:"400" msg:"write something: a best guess is fine" doc:"the co-op's name"`
	Type      string  `yaml:"type" json:"type" enum:"worker,producer,consumer,multi_stakeholder" doc:"co-op type"`
	Sector    string  `yaml:"sector" json:"sector" required:"true" doc:"a sector of the scenario, such as care"`
	Members   int     `yaml:"members" json:"members" required:"true" min:"1" max:"500" doc:"working members"`
	Pay       float64 `yaml:"pay" json:"pay" required:"true" min:"0" max:"1e6" doc:"tokens a month each"`
	Price     float64 `yaml:"price" json:"price" required:"true" min:"0.01" max:"1e6" doc:"tokens a unit"`
	Customers float64 `yaml:"customers" json:"customers" required:"true" min:"0" max:"1e7" doc:"customers a month"`
	Revenue   float64 `yaml:"revenue" json:"revenue" required:"true" min:"0" max:"1e9" doc:"tokens a month"`
	Treasury  float64 `yaml:"treasury" json:"treasury" min:"0" max:"1e9" doc:"tokens"`
	Marketing float64 `yaml:"marketing" json:"marketing" min:"0" max:"1e7" doc:"tokens a month"`
	Online    string  `yaml:"online" json:"online" enum:"online,offline,hybrid" doc:"where the co-op sells"`
	// Innovation is the change to test, and the customers a month it is expected to add.
	Innovation          string  `yaml:"innovation" json:"innovation" maxlen:"400" doc:"the change to test"`
	InnovationCustomers float64 `yaml:"innovation_customers" json:"innovation_customers" min:"0" max:"1e7" doc:"customers a month the innovation is expected to add"`
	// InnovationPay is the extra pay a month, for all members, of the innovation's
	// hours (0: the members' pay rate for the extra customers).
	InnovationPay float64 `yaml:"innovation_pay,omitempty" json:"innovation_pay,omitempty" min:"0" max:"1e7" doc:"extra pay a month, all members together, for the innovation's hours (0 or left out: the members' pay rate for the extra customers)"`
}

// FileKind names a figures file in messages.
func (Figures) FileKind() string { return "figures file" }

// figuresDefaults are the figures a file may leave out.
func figuresDefaults() *Figures { return &Figures{Type: "worker", Online: "hybrid"} }

// FiguresSchema returns the JSON Schema of figures files (see scenarios.SchemaOf).
func FiguresSchema() ([]byte, error) {
	return scenarios.SchemaOf(figuresDefaults(), "https://github.com/copex/copex/figures.schema.json", "GetGo figures file",
		"An existing co-op's own figures, to test an innovation in GetGo's living co-op.")
}

// PayCeiling is the highest pay a figures file may give, as a multiple of the
// scenario's wage for the co-op's sector.
const PayCeiling = 3

// ParseFigures reads a co-op's figures from data (named file in errors), checked
// against scenario's sectors and limits. Decoding is scenarios.Decode's; every error
// is a *scenarios.Error naming the file, line and field.
func ParseFigures(file string, data []byte, w *World) (*Figures, error) {
	f := figuresDefaults()
	doc, err := scenarios.Decode(file, data, f)
	if err != nil {
		// A number out of bounds is an impossible value, in the game's words.
		var se *scenarios.Error
		var re *scenarios.RangeError
		if errors.As(err, &se) && errors.As(se.Err, &re) {
			se.Msg = fmt.Sprintf("impossible value %s: want %s to %s", re.Value, re.Min, re.Max)
		}
		return nil, err
	}
	for _, t := range []struct {
		field *string
		name  string
	}{{&f.Name, "name"}, {&f.Innovation, "innovation"}} {
		if _, err := checkText(t.name, *t.field, t.name == "name"); err != nil {
			return nil, doc.Errorf(t.field, "%s", err.(*InputError).Msg)
		}
	}
	if _, err := checkAnswer(questions(nil)[1], f.Type); err != nil {
		return nil, doc.Errorf(&f.Type, "%s", err.(*InputError).Msg)
	}
	online, _ := BoxByID(BoxOnline)
	if _, err := checkBox(online, f.Online); err != nil {
		return nil, doc.Errorf(&f.Online, "%s", err.(*InputError).Msg)
	}
	sector, ok := w.Sector(f.Sector)
	if !ok {
		return nil, doc.Errorf(&f.Sector, "no sector %q in scenario %s (it has %s)", clip(f.Sector), w.sc.Name, strings.Join(w.Sectors(), ", "))
	}
	if ceiling := PayCeiling * sector.Wage; f.Pay > ceiling {
		return nil, doc.Errorf(&f.Pay, "%g tokens a month is above the limit of %g (%d times the scenario's %s wage of %g)",
			f.Pay, ceiling, PayCeiling, sector.Name, sector.Wage)
	}
	if bill := f.Pay * float64(f.Members); bill > f.Revenue+f.Treasury {
		return nil, doc.Errorf(&f.Pay, "a pay bill of %g tokens a month (%d members × %g) is more than revenue (%g) and the whole treasury (%g) together",
			bill, f.Members, f.Pay, f.Revenue, f.Treasury)
	}
	return f, nil
}

// existingFigures checks the existing block of a save (data, read from file) as
// ParseFigures checks a figures file: the same fields, bounds, texts, sector and pay
// limits against w. The block is handed to the figures decoder as YAML with each key
// on its line in the save, so an error names the save's line and the field's path
// under existing.
func existingFigures(file string, data []byte, w *World) (*Figures, error) {
	block, err := blockYAML(data, "existing")
	if err != nil {
		return nil, fmt.Errorf("existing: %w", err)
	}
	f, err := ParseFigures(file, block, w)
	if err != nil {
		var se *scenarios.Error
		if !errors.As(err, &se) {
			return nil, fmt.Errorf("existing: %w", err)
		}
		field := "existing"
		if se.Path != "" {
			field += "." + se.Path
		}
		if se.Line > 0 {
			return nil, fmt.Errorf("line %d: %s: %s", se.Line, field, se.Msg)
		}
		return nil, fmt.Errorf("%s: %s", field, se.Msg)
	}
	return f, nil
}

// blockYAML returns the JSON object under key in the object data holds, as a YAML
// flow mapping whose keys stand on the lines they have in data (blank lines in front).
// Strings are written with Go's quoting, whose escapes YAML reads alike; JSON's own
// (\/, surrogate pairs) YAML does not.
func blockYAML(data []byte, key string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the save's {
		return nil, err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if k != key {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
			continue
		}
		var out []byte
		line := 1
		to := func(off int64) { // pads out to the line of offset off in data
			for n := lineAt(data, off); line < n; line++ {
				out = append(out, '\n')
			}
		}
		after := dec.InputOffset()
		to(after + int64(bytes.IndexAny(data[after:], "{[")))
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return nil, errors.New("want a mapping of figures")
		}
		out = append(out, '{')
		for first := true; dec.More(); first = false {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			if !first {
				out = append(out, ',')
			}
			to(dec.InputOffset())
			out = append(out, ' ')
			out = strconv.AppendQuote(out, fmt.Sprint(k))
			out = append(out, ": "...)
			v, err := dec.Token()
			if err != nil {
				return nil, err
			}
			switch v := v.(type) {
			case string:
				out = strconv.AppendQuote(out, v)
			case json.Number:
				out = append(out, v...)
			case bool:
				out = strconv.AppendBool(out, v)
			case nil:
				out = append(out, "null"...)
			default:
				return nil, fmt.Errorf("%s: want a single value", clip(fmt.Sprint(k)))
			}
		}
		return append(out, " }\n"...), nil
	}
	return nil, fmt.Errorf("no %s", key)
}

// LoadFigures starts a game from the figures file at path: an existing co-op, started
// from its real state. With an innovation to test, the game opens on the Test Canvas
// with the innovation's hypotheses (and no start-up tests); without one it goes
// straight to the living co-op.
func LoadFigures(path, scenario string, seed uint64) (*Game, error) {
	data, err := scenarios.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	return FromFigures(path, data, scenario, seed)
}

// FromFigures is LoadFigures for figures already read (file names them in errors).
func FromFigures(file string, data []byte, scenario string, seed uint64) (*Game, error) {
	g, err := New(scenario, seed)
	if err != nil {
		return nil, err
	}
	f, err := ParseFigures(file, bytes.Clone(data), g.world)
	if err != nil {
		return nil, err
	}
	g.Existing = f
	g.applyFigures()
	if g.testing() {
		g.syncTests()
		g.Phase, g.Reached = PhaseTestCanvas, PhaseTestCanvas
		return g, nil
	}
	g.Phase, g.Reached = PhaseLiving, PhaseLiving
	if err := g.startLiving(); err != nil {
		return nil, err
	}
	return g, nil
}

// applyFigures fills the answers and canvas from the figures: the numbers they give,
// and for each box they say nothing about, a note that it is as the co-op runs today.
// The innovation is tested (Tests) and exported in its own section, not written into
// the canvas.
func (g *Game) applyFigures() {
	f := g.Existing
	num := func(x float64) string { return fmt.Sprint(roundTo(x)) }
	g.Answers[QName], g.Answers[QType], g.Answers[QSector] = f.Name, f.Type, f.Sector
	g.Answers[QFounders], g.Answers[QPay] = fmt.Sprint(f.Members), num(f.Pay)
	text := "As " + f.Name + " runs today (from its own figures)."
	for _, b := range Boxes() {
		switch b.Kind {
		case Text:
			g.Canvas[b.ID] = text
		case OneOf:
			g.Canvas[b.ID] = b.Options[0].Value
		}
	}
	g.Canvas[BoxOnline], g.Canvas[BoxFunding] = f.Online, "bootstrap"
	g.Canvas[BoxHowMany] = num(max(f.Customers, 1))
	g.Canvas[BoxPrice], g.Canvas[BoxPay] = num(f.Price), num(f.Pay)
	g.Canvas[BoxMarketing], g.Canvas[BoxStartFunds] = num(f.Marketing), num(f.Treasury)
	g.Canvas[BoxBurn] = "0"
}

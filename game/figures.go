package game

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/scenarios"
)

// Figures are an existing co-op's own figures, loaded to test an innovation in the
// living co-op (GetGo for existing co-ops, seed 003 §5).
type Figures struct {
	Name      string  `yaml:"name" json:"name"`
	Type      string  `yaml:"type" json:"type"`
	Sector    string  `yaml:"sector" json:"sector"`
	Members   int     `yaml:"members" json:"members"`     // working members
	Pay       float64 `yaml:"pay" json:"pay"`             // tokens a month each
	Price     float64 `yaml:"price" json:"price"`         // tokens a unit
	Customers float64 `yaml:"customers" json:"customers"` // a month
	Revenue   float64 `yaml:"revenue" json:"revenue"`     // tokens a month
	Treasury  float64 `yaml:"treasury" json:"treasury"`   // tokens
	Marketing float64 `yaml:"marketing" json:"marketing"` // tokens a month
	Online    string  `yaml:"online" json:"online"`
	// Innovation is the change to test, and the customers a month it is expected to add.
	Innovation          string  `yaml:"innovation" json:"innovation"`
	InnovationCustomers float64 `yaml:"innovation_customers" json:"innovation_customers"`
}

// figureFields are the figures file's fields, in the order they are documented.
var figureFields = []string{"name", "type", "sector", "members", "pay", "price", "customers", "revenue",
	"treasury", "marketing", "online", "innovation", "innovation_customers"}

// PayCeiling is the highest pay a figures file may give, as a multiple of the
// scenario's wage for the co-op's sector.
const PayCeiling = 3

// ParseFigures reads a co-op's figures from data (named file in errors), checked
// against scenario's sectors and limits. Errors name the file, line and field.
func ParseFigures(file string, data []byte, w *World) (*Figures, error) {
	errAt := func(line int, field, format string, args ...any) error {
		return &scenarios.Error{File: file, Line: line, Path: field, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, errAt(0, "", "%v", te)
		}
		msg := err.Error()
		if _, err := fmt.Sscanf(msg, "yaml: line %d:", &line); err == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg[5:], ":")+6:])
		}
		return nil, errAt(line, "", "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errAt(max(doc.Line, 1), "", "want a mapping of figures (%s)", strings.Join(figureFields, ", "))
	}
	root := doc.Content[0]
	lines := map[string]int{}
	var f Figures
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := lines[k.Value]; dup {
			return nil, errAt(k.Line, k.Value, "given twice")
		}
		lines[k.Value] = k.Line
		known := false
		for _, name := range figureFields {
			known = known || name == k.Value
		}
		if !known {
			return nil, errAt(k.Line, k.Value, "unknown field (known: %s)", strings.Join(figureFields, ", "))
		}
		if k.Value == "members" && v.ShortTag() != "!!int" {
			return nil, errAt(v.Line, k.Value, "want a whole number, got %q", clip(v.Value))
		}
		one := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}
		if err := one.Decode(&f); err != nil {
			return nil, errAt(v.Line, k.Value, "want %s, got %q", fieldKind(k.Value), clip(v.Value))
		}
	}
	line := func(field string) int {
		if l, ok := lines[field]; ok {
			return l
		}
		return root.Line
	}
	for _, req := range []string{"name", "sector", "members", "pay", "price", "customers", "revenue"} {
		if _, ok := lines[req]; !ok {
			return nil, errAt(root.Line, req, "missing")
		}
	}
	for _, t := range []struct {
		field string
		s     string
	}{{"name", f.Name}, {"innovation", f.Innovation}} {
		if _, err := checkText(t.field, t.s, t.field == "name"); err != nil {
			return nil, errAt(line(t.field), t.field, "%s", err.(*InputError).Msg)
		}
	}
	if f.Type == "" {
		f.Type = "worker"
	}
	if _, err := checkAnswer(questions(nil)[1], f.Type); err != nil {
		return nil, errAt(line("type"), "type", "want worker, producer, consumer or multi_stakeholder, got %q", clip(f.Type))
	}
	if f.Online == "" {
		f.Online = "hybrid"
	}
	online, _ := BoxByID(BoxOnline)
	if _, err := checkBox(online, f.Online); err != nil {
		return nil, errAt(line("online"), "online", "want online, offline or hybrid, got %q", clip(f.Online))
	}
	sector, ok := w.Sector(f.Sector)
	if !ok {
		return nil, errAt(line("sector"), "sector", "no sector %q in scenario %s (it has %s)", clip(f.Sector), w.sc.Name, strings.Join(w.Sectors(), ", "))
	}
	for _, n := range []struct {
		field    string
		v        float64
		min, max float64
	}{
		{"members", float64(f.Members), 1, 500},
		{"pay", f.Pay, 0, 1e6},
		{"price", f.Price, 0.01, 1e6},
		{"customers", f.Customers, 0, 1e7},
		{"revenue", f.Revenue, 0, 1e9},
		{"treasury", f.Treasury, 0, 1e9},
		{"marketing", f.Marketing, 0, 1e7},
		{"innovation_customers", f.InnovationCustomers, 0, 1e7},
	} {
		if math.IsNaN(n.v) || n.v < n.min || n.v > n.max {
			return nil, errAt(line(n.field), n.field, "impossible value %g: want %g to %g", n.v, n.min, n.max)
		}
	}
	if ceiling := PayCeiling * sector.Wage; f.Pay > ceiling {
		return nil, errAt(line("pay"), "pay", "%g tokens a month is above the limit of %g (%d times the scenario's %s wage of %g)",
			f.Pay, ceiling, PayCeiling, sector.Name, sector.Wage)
	}
	if bill := f.Pay * float64(f.Members); bill > f.Revenue+f.Treasury {
		return nil, errAt(line("pay"), "pay", "a pay bill of %g tokens a month (%d members × %g) is more than revenue (%g) and the whole treasury (%g) together",
			bill, f.Members, f.Pay, f.Revenue, f.Treasury)
	}
	return &f, nil
}

func fieldKind(field string) string {
	switch field {
	case "name", "type", "sector", "online", "innovation":
		return "text"
	case "members":
		return "a whole number"
	}
	return "a number"
}

// LoadFigures starts a game from the figures file at path: an existing co-op placed
// straight into the living co-op, to test an innovation.
func LoadFigures(path, scenario string, seed uint64) (*Game, error) {
	data, err := os.ReadFile(path)
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
	g.Phase, g.Reached = PhaseLiving, PhaseLiving
	if err := g.startLiving(); err != nil {
		return nil, err
	}
	return g, nil
}

// applyFigures fills the answers and canvas from the figures.
func (g *Game) applyFigures() {
	f := g.Existing
	num := func(x float64) string { return fmt.Sprint(roundTo(x)) }
	g.Answers[QName], g.Answers[QType], g.Answers[QSector] = f.Name, f.Type, f.Sector
	g.Answers[QFounders], g.Answers[QPay] = fmt.Sprint(f.Members), num(f.Pay)
	text := "From " + f.Name + "'s own figures."
	if f.Innovation != "" {
		text = "Innovation under test: " + f.Innovation
	}
	for _, b := range Boxes() {
		switch b.Kind {
		case Text:
			g.Canvas[b.ID] = text
		case OneOf:
			g.Canvas[b.ID] = b.Options[0].Value
		}
	}
	g.Canvas[BoxOnline], g.Canvas[BoxFunding] = f.Online, "bootstrap"
	g.Canvas[BoxHowMany] = num(max(f.Customers+f.InnovationCustomers, 1))
	g.Canvas[BoxPrice], g.Canvas[BoxPay] = num(f.Price), num(f.Pay)
	g.Canvas[BoxMarketing], g.Canvas[BoxStartFunds] = num(f.Marketing), num(f.Treasury)
	g.Canvas[BoxBurn] = "0"
}

package screens

import (
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
)

// kindScene is phase 1: what kind of co-op? Each question has options, and the advice
// for the option chosen.
type kindScene struct {
	*page
	fields *fieldPicker
}

func (a *App) kindScene() Scene {
	g := a.game
	p := a.newPhasePage(game.PhaseKind)
	var fields []field
	for _, q := range g.Questions() {
		id := q.ID
		unit := ""
		if q.Kind == game.Number {
			unit = "from " + strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max)
		}
		fields = append(fields, field{
			id: id, title: questionTitle(id), prompt: q.Prompt, unit: unit, kind: q.Kind, options: q.Options,
			value:  func() string { return g.Answers[id] },
			set:    func(v string) error { return g.Answer(id, v) },
			toggle: func(v string) error { return g.Toggle(id, v) },
			advice: func() string { return g.Advice(id) },
		})
	}
	return &kindScene{page: p, fields: newFieldPicker(p, p.body, "Questions", fields, nil)}
}

// questionTitle is a question's short name in the list.
func questionTitle(id string) string {
	switch id {
	case game.QName:
		return "Name"
	case game.QType:
		return "Type"
	case game.QStructure:
		return "Structure"
	case game.QDecision:
		return "Decisions"
	case game.QSector:
		return "Sector"
	case game.QFounders:
		return "Founders"
	case game.QPay:
		return "Pay"
	case game.QRoles:
		return "Roles"
	}
	return id
}

func (s *kindScene) Update(in Input) error     { return s.update(in) }
func (s *kindScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *kindScene) Help() (heading, body string) {
	return "What kind of co-op?", `Choose what kind of co-op you will practise with: its type, legal structure, how it decides, its sector, how many founders, their pay and the roles you need.

Pick a question in the list on the left (click it, or Tab to the list and use the Up and Down arrows). Its options appear on the right; the one chosen is marked with a filled circle (●), roles with a filled square (■). Advice for what you chose appears underneath.

For a name or a number, type it and press Enter (or Save). If the game cannot accept it, the line above the buttons says why and nothing changes.

When every question is answered, press "Next: Canvas". Your answers fill in some of the canvas for you; you can come back and change them.`
}

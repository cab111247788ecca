package screens

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
)

// canvasScene is phase 2: the Co-op Development Model Canvas, every box editable.
type canvasScene struct {
	*page
	fields *fieldPicker
}

func (a *App) canvasScene() Scene {
	g := a.game
	p := a.newPhasePage(game.PhaseCanvas)
	var fields []field
	for _, b := range game.Boxes() {
		id, b := b.ID, b
		fields = append(fields, field{
			id: id, title: b.Title, prompt: b.Prompt, unit: b.Unit, kind: b.Kind, options: b.Options,
			value: func() string { return g.Canvas[id] },
			set:   func(v string) error { return g.SetBox(id, v) },
			advice: func() string {
				for _, o := range b.Options {
					if o.Value == g.Canvas[id] {
						return o.Advice
					}
				}
				return ""
			},
		})
	}
	return &canvasScene{page: p, fields: newFieldPicker(p, fields, nil)}
}

func (s *canvasScene) Update(in Input) error     { return s.update(in) }
func (s *canvasScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *canvasScene) Help() (heading, body string) {
	return "Co-op Development Model Canvas", `The canvas is your plan on one page: the Business Model Canvas adapted for co-ops, with members and governance added. Every box is a best guess; the next phases test the guesses.

Pick a box in the list on the left (a filled circle ● means it is filled in, an empty one ○ that it still needs a guess). Type your answer on the right and press Enter or Save; for boxes with options, press the option.

Numbers (customers, price, pay, burn, funds) become the hypotheses the Test Game measures. Think of your offer as a service where you can, and keep the minimum viable service small so the initial burn stays low.

If the game cannot accept an entry (too long, not a number, out of range), the line above the buttons says why and the box keeps its old value.`
}

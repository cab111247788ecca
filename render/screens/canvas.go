package screens

import (
	"strings"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
)

// canvasScene is phase 2: the Co-op Development Model Canvas, every box editable.
type canvasScene struct {
	*page
	fields      *fieldPicker
	book        *widget.TabBook
	edit, whole *widget.TabBookTab
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
				hint := g.Hint(id) // what the simulated market says
				for _, o := range b.Options {
					if o.Value == g.Canvas[id] {
						return strings.TrimSpace(o.Advice + " " + hint)
					}
				}
				return hint
			},
		})
	}
	s := &canvasScene{page: p}
	edit := newTab(a.theme, "Box by box", widget.NewAnchorLayout(widget.AnchorLayoutOpts.Padding(widget.NewInsetsSimple(6))))
	s.fields = newFieldPicker(p, &edit.Container, "Boxes", fields, nil)
	s.whole = newTab(a.theme, "The whole canvas", widget.NewAnchorLayout(widget.AnchorLayoutOpts.Padding(widget.NewInsetsSimple(6))))
	s.book = widget.NewTabBook(
		widget.TabBookOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(fill())),
		widget.TabBookOpts.Tabs(edit, s.whole),
		widget.TabBookOpts.TabSelectedHandler(func(args *widget.TabBookTabSelectedEventArgs) {
			if args.Tab == s.whole {
				s.fields.keep()
				s.showWhole()
			}
		}),
	)
	s.edit = edit
	p.body.AddChild(s.book)
	s.showWhole()
	return s
}

// showWhole lays the canvas out on one page, four boxes a row; pressing a box edits it.
func (s *canvasScene) showWhole() {
	th := s.app.theme
	c := &s.whole.Container
	c.RemoveChildren()
	grid := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(4), widget.GridLayoutOpts.Spacing(6, 4),
			widget.GridLayoutOpts.Stretch([]bool{true, true, true, true}, nil),
		)),
		widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{StretchHorizontal: true})),
	)
	for i, f := range s.fields.fields {
		v := "● " + f.display()
		if f.value() == "" {
			v = "○ to fill in"
		}
		b := widget.NewButton(
			widget.ButtonOpts.TextLabel(f.title+"\n"+wrap(v, 30, 2)),
			widget.ButtonOpts.TextFace(&th.Small),
			widget.ButtonOpts.TextPosition(widget.TextPositionStart, widget.TextPositionStart),
			widget.ButtonOpts.TextPadding(&widget.Insets{Left: 8, Right: 8, Top: 4, Bottom: 4}),
			widget.ButtonOpts.WidgetOpts(widget.WidgetOpts.MinSize(290, 74), named("Canvas box")),
			widget.ButtonOpts.ClickedHandler(func(*widget.ButtonClickedEventArgs) {
				s.fields.list.SetSelectedEntry(i)
				s.book.SetTab(s.edit)
			}),
		)
		grid.AddChild(b)
	}
	c.AddChild(grid)
}

// wrap breaks s into at most lines lines of about width characters, at spaces,
// marking a cut with an ellipsis.
func wrap(s string, width, lines int) string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			out = append(out, cur)
			cur = w
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	if len(out) > lines {
		out = out[:lines]
		out[lines-1] = shorten(out[lines-1]+" …", width)
	}
	for i, l := range out {
		out[i] = shorten(l, width)
	}
	return strings.Join(out, "\n")
}

func (s *canvasScene) Update(in Input) error     { return s.update(in) }
func (s *canvasScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *canvasScene) Help() (heading, body string) {
	return "Co-op Development Model Canvas", `The canvas is your plan on one page: the Business Model Canvas adapted for co-ops, with members and governance added. Every box is a best guess; the next phases test the guesses.

Pick a box in the list on the left (a filled circle ● means it is filled in, an empty one ○ that it still needs a guess). Type your answer on the right and press Enter or Save; for boxes with options, press the option.

Numbers (customers, price, pay, burn, funds) become the hypotheses the Test Game measures. Think of your offer as a service where you can, and keep the minimum viable service small so the initial burn stays low.

If the game cannot accept an entry (too long, not a number, out of range), the line above the buttons says why and the box keeps its old value.`
}

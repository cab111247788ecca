package screens

import (
	"fmt"
	"image/color"

	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/image"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// page is the frame every phase scene shares: a header with the phase's number and
// name, the scene's body filling the middle, a status line for the game's messages and
// refusals, and a footer of buttons.
type page struct {
	app    *App
	ui     *ebitenui.UI
	body   *widget.Container
	status *widget.Text
	footer *widget.Container
}

// newPage builds the frame; step is the phase's number (0: no number shown).
func (a *App) newPage(step int, name string) *page {
	th := a.theme
	root := widget.NewContainer(
		widget.ContainerOpts.BackgroundImage(image.NewNineSliceColor(render.Paper)),
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(1),
			widget.GridLayoutOpts.Stretch([]bool{true}, []bool{false, true, false, false}),
			widget.GridLayoutOpts.Spacing(0, 10),
			widget.GridLayoutOpts.Padding(&widget.Insets{Left: 32, Right: 32, Top: 18, Bottom: 18}),
		)),
	)
	head := row(20)
	if step > 0 {
		plate := widget.NewContainer(
			widget.ContainerOpts.BackgroundImage(image.NewNineSliceColor(render.Accent)),
			widget.ContainerOpts.Layout(widget.NewAnchorLayout(widget.AnchorLayoutOpts.Padding(&widget.Insets{Left: 10, Right: 10, Top: 4, Bottom: 4}))),
			widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})),
		)
		plate.AddChild(label(fmt.Sprintf("Phase %d of 6", step), th.Bold, render.TitleInk, 0))
		head.AddChild(plate)
	}
	head.AddChild(label(name, th.Heading, render.Accent, 0))
	root.AddChild(head)
	p := &page{app: a}
	p.body = widget.NewContainer(widget.ContainerOpts.Layout(widget.NewAnchorLayout()))
	root.AddChild(p.body)
	// The status line has room for two lines, always, so that a long refusal never
	// pushes the buttons off the page or over the body; longer ones are cut (fitLines).
	p.status = label(" ", th.Bold, render.Ink, ScreenWidth-64, widget.WidgetOpts.MinSize(ScreenWidth-64, statusHeight))
	root.AddChild(p.status)
	p.footer = row(16)
	root.AddChild(p.footer)
	p.ui = newUI(th, root)
	return p
}

// statusHeight is the height of the status line: two lines of bold body text.
const statusHeight = 2 * (sizeBody*5/4 + 1)

// fill makes w fill the page's body.
func fill() widget.WidgetOpt {
	return widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{StretchHorizontal: true, StretchVertical: true})
}

// say shows a message on the status line.
func (p *page) say(msg string) { p.setStatus(msg, render.Ink) }

// sayDone shows a success on the status line, marked in words as well as colour.
func (p *page) sayDone(msg string) { p.setStatus("Done: "+msg, render.Pass) }

// refuse shows why the game refused something; nothing was changed.
func (p *page) refuse(err error) {
	if err == nil {
		p.setStatus(" ", render.Ink)
		return
	}
	p.setStatus("Problem: "+err.Error(), render.Fail)
}

func (p *page) setStatus(msg string, c color.Color) {
	if msg == "" {
		msg = " "
	}
	p.status.Label = fitLines(p.app.theme.Bold, msg, ScreenWidth-64, 2)
	p.status.SetColor(c)
}

// addButton adds a button to the footer.
func (p *page) addButton(s string, onClick func()) *widget.Button {
	b := button(s, onClick)
	p.footer.AddChild(b)
	return b
}

func (p *page) UI() *ebitenui.UI { return p.ui }

func (p *page) draw(screen *ebiten.Image) { p.ui.Draw(screen) }

// shortName is a phase's name on a button.
func shortName(ph game.Phase) string {
	switch ph {
	case game.PhaseKind:
		return "Kind of co-op"
	case game.PhaseCanvas:
		return "Canvas"
	}
	return ph.String()
}

// newPhasePage is a page for phase ph, with the buttons every phase has: back to the
// title, the previous phase, help, and the next phase.
func (a *App) newPhasePage(ph game.Phase) *page {
	p := a.newPage(int(ph), ph.String())
	p.addButton("Menu (Esc)", a.toTitle)
	if ph > game.PhaseKind {
		prev := ph - 1
		p.addButton("← "+shortName(prev), func() { a.goPhase(prev, p) })
	}
	p.addButton("Help (F1)", a.ShowHelp)
	if ph < game.PhaseExport {
		p.addButton("Next: "+shortName(ph+1)+" →", func() { a.advance(p) })
	}
	if a.saveErr != nil {
		p.refuse(a.saveErr)
		a.saveErr = nil
	} else if a.saveNote != "" {
		p.say(a.saveNote)
		a.saveNote = ""
	}
	return p
}

// update runs a phase page for one tick: Esc leads back to the menu.
func (p *page) update(in Input) error {
	if in.Back {
		p.app.toTitle()
		return nil
	}
	p.ui.Update()
	return nil
}

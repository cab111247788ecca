package screens

import (
	"image/color"
	"runtime"

	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/image"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/render"
)

// subtitle says what GetGo is, under its name.
const subtitle = "Practise setting up and running a co-op — a practice game, not a competition"

// titleScene is the first screen: the game's name and its menu.
type titleScene struct {
	ui *ebitenui.UI
}

// titleScene builds the title screen; notice (if any) is shown under the menu, e.g.
// why the autosave could not be read.
func (a *App) titleScene(notice string) *titleScene {
	th := a.theme
	root := widget.NewContainer(
		widget.ContainerOpts.BackgroundImage(image.NewNineSliceColor(render.TitleBackground)),
		widget.ContainerOpts.Layout(widget.NewAnchorLayout()),
	)
	col := column(14, widget.NewInsetsSimple(0),
		widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{
			HorizontalPosition: widget.AnchorLayoutPositionCenter,
			VerticalPosition:   widget.AnchorLayoutPositionCenter,
		})),
	)
	centre := widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})
	col.AddChild(label("GetGo", th.Title, render.TitleInk, 0, centre))
	col.AddChild(label(subtitle, th.Body, render.TitleInk, 1100, centre))
	col.AddChild(widget.NewContainer(widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.MinSize(1, 12))))

	menu := column(12, widget.NewInsetsSimple(0), widget.ContainerOpts.WidgetOpts(centre,
		widget.WidgetOpts.MinSize(th.TitleButton.MinSize.X, 0)))
	col.AddChild(menu)
	item := func(s string, onClick func()) *widget.Button {
		b := widget.NewButton(
			widget.ButtonOpts.TextLabel(s),
			widget.ButtonOpts.WidgetOpts(stretch()),
			widget.ButtonOpts.Image(th.TitleButton.Image),
			widget.ButtonOpts.TextColor(th.TitleButton.TextColor),
			widget.ButtonOpts.TextFace(th.TitleButton.TextFace),
			widget.ButtonOpts.TextPadding(th.TitleButton.TextPadding),
			widget.ButtonOpts.WidgetOpts(widget.WidgetOpts.MinSize(th.TitleButton.MinSize.X, th.TitleButton.MinSize.Y)),
			widget.ButtonOpts.ClickedHandler(func(*widget.ButtonClickedEventArgs) { onClick() }),
		)
		menu.AddChild(b)
		return b
	}
	first := item("New co-op", a.newCoop)
	cont := item("Continue", a.continueSaved)
	cont.GetWidget().Disabled = a.saved == nil && a.game == nil
	item("Load a co-op's figures", a.loadFigures)
	item("Help", a.ShowHelp)
	if canQuit {
		item("Quit", a.Quit)
	}
	if notice != "" {
		col.AddChild(label(notice, th.Body, render.TitleInk, 1100, centre))
	}
	root.AddChild(col)
	ui := newUI(th, root)
	ui.SetFocusedWidget(first)
	return &titleScene{ui: ui}
}

func (s *titleScene) UI() *ebitenui.UI          { return s.ui }
func (s *titleScene) RingColour() color.Color   { return render.TitleInk }
func (s *titleScene) Update(in Input) error     { s.ui.Update(); return nil }
func (s *titleScene) Draw(screen *ebiten.Image) { s.ui.Draw(screen) }
func (s *titleScene) Help() (heading, body string) {
	if canQuit {
		return "GetGo", titleHelp + "\n" + quitHelp
	}
	return "GetGo", titleHelp
}

// canQuit is whether the title screen offers Quit: in a browser there is nothing for
// it to do (the page stays open), so it is left out there.
const canQuit = runtime.GOOS != "js"

const quitHelp = `  Quit: leave the game (your last turn is already saved).`

const titleHelp = `GetGo is a practice game: you set up a co-operative and run it in a simulated economy. Nobody wins or loses; a failure is a lesson, written up so you can learn from it.

The game has six phases:
  1. What kind of co-op?  Choose its type, structure, decision process, founders, pay and roles.
  2. Co-op Development Model Canvas.  Write down your plan, box by box.
  3. Test Canvas.  Turn each assumption into a test with a pass/fail point, and order the tests.
  4. Test Game.  Run the tests on simulated data; pivot what fails; end with a Minimum Viable Service.
  5. Living Co-op.  Run the co-op week by week: decisions, budgets, tokens, horizon scanning.
  6. Export.  Write your co-op's set-up as a DACO configuration file.

Menu
  New co-op: start from phase 1.
  Continue: carry on from the last autosave (the game saves after every turn).
  Load a co-op's figures: start from an existing co-op's own figures, to test an innovation.
  Help: this page.`

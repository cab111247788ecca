package screens

import (
	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/image"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/render"
)

// messageScene shows a heading and a message on Paper, with a way back to the title.
type messageScene struct {
	app           *App
	heading, body string
	ui            *ebitenui.UI
}

func (a *App) messageScene(heading, body string) *messageScene {
	s := &messageScene{app: a, heading: heading, body: body}
	th := a.theme
	root := column(24, widget.NewInsetsSimple(48),
		widget.ContainerOpts.BackgroundImage(image.NewNineSliceColor(render.Paper)))
	root.AddChild(label(heading, th.Heading, render.Accent, 0))
	root.AddChild(label(body, th.Body, render.Ink, ScreenWidth-96))
	root.AddChild(button("Back to the title screen (Esc)", s.back))
	s.ui = newUI(th, root)
	return s
}

func (s *messageScene) back() { s.app.GoTo(s.app.titleScene("")) }

func (s *messageScene) UI() *ebitenui.UI { return s.ui }
func (s *messageScene) Update(in Input) error {
	if in.Back {
		s.back()
		return nil
	}
	s.ui.Update()
	return nil
}
func (s *messageScene) Draw(screen *ebiten.Image)    { s.ui.Draw(screen) }
func (s *messageScene) Help() (heading, body string) { return s.heading, s.body }

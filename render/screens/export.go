package screens

import (
	"fmt"
	"strings"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// exportScene is phase 6: the co-op as a DACO configuration file, shown and written;
// and the way in for an existing co-op's own figures.
type exportScene struct {
	*page
	// write writes the DACO file to a path.
	write func(path string)
}

// dacoFileName suggests a file name from the co-op's name.
func dacoFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		s = "co-op"
	}
	return s + "-daco.yaml"
}

func (a *App) exportScene() Scene {
	g := a.game
	th := a.theme
	s := &exportScene{page: a.newPhasePage(game.PhaseExport)}
	col := column(10, widget.NewInsetsSimple(0), widget.ContainerOpts.WidgetOpts(fill()))
	col.AddChild(label("Your practised co-op as a DACO configuration: what carries over to running it for real.", th.Body, render.Ink, ScreenWidth-64))
	data, err := g.ExportDACO()
	if err != nil {
		s.refuse(err)
		data = nil
	}
	r := row(12)
	r.AddChild(label("Save as:", th.Bold, render.Ink, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	write := func(path string) {
		if err != nil {
			s.refuse(err)
			return
		}
		if a.opts.WriteFile == nil {
			s.refuse(fmt.Errorf("this version of the game cannot write files"))
			return
		}
		if werr := a.opts.WriteFile(path, data); werr != nil {
			s.refuse(werr)
			return
		}
		s.sayDone(fmt.Sprintf("DACO configuration written to %s (%d bytes).", path, len(data)))
	}
	s.write = write
	in := widget.NewTextInput(
		widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(560, 0), named("Save as")),
		widget.TextInputOpts.SubmitHandler(func(args *widget.TextInputChangedEventArgs) { write(args.InputText) }),
	)
	in.SetText(dacoFileName(g.Name()))
	r.AddChild(in)
	r.AddChild(button("Write the DACO file", func() { write(in.GetText()) }))
	r.AddChild(button("Load a co-op's figures", a.loadFigures))
	col.AddChild(r)
	col.AddChild(textArea(a.theme, string(data), ScreenWidth-80, 400,
		widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true, MaxWidth: ScreenWidth - 64, MaxHeight: 420})))
	s.body.AddChild(col)
	return s
}

func (s *exportScene) Update(in Input) error     { return s.update(in) }
func (s *exportScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *exportScene) Help() (heading, body string) {
	return "Export", `The co-op you practised, as a DACO configuration file (YAML): its members and governance, the canvas, the test programme and its results, the Minimum Viable Service, how it uses the Exchange Platform, grant tokens and Foundation programmes, horizon scanning, and the lessons learnt.

Check the file name and press Enter or "Write the DACO file". In the browser the file is offered as a download. If it cannot be written, the line above the buttons says why.

Already running a co-op? "Load a co-op's figures" starts a game from your own figures, to test an innovation in the Living Co-op.`
}

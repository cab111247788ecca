package screens

import (
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/render"
)

// figuresScene asks for an existing co-op's figures file, to test an innovation in the
// living co-op. msg (if any) starts on the status line: why the last try failed.
type figuresScene struct {
	*page
}

// figuresExample shows the shape of a figures file.
const figuresExample = `name: Riverside Care
type: worker
sector: care
members: 4
pay: 700
price: 20
customers: 150
revenue: 3000
treasury: 5000
marketing: 150
online: hybrid
innovation: Evening visits
innovation_customers: 30`

func (a *App) figuresScene(msg string) Scene {
	s := &figuresScene{page: a.newPage(0, "Load a co-op's figures")}
	th := a.theme
	col := column(12, widget.NewInsetsSimple(0), widget.ContainerOpts.WidgetOpts(fill()))
	col.AddChild(label("Already running a co-op? Load your own figures to try an innovation in the simulated economy before you risk it for real. Your co-op starts from its own figures, and the innovation is tested as such.", th.Body, render.Ink, ScreenWidth-64))
	r := row(12)
	r.AddChild(label("Figures file (YAML):", th.Bold, render.Ink, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	path := a.opts.FiguresPath
	if path == "" {
		path = "figures.yaml"
	}
	in := widget.NewTextInput(
		widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(640, 0), named("Figures file")),
		widget.TextInputOpts.SubmitHandler(func(args *widget.TextInputChangedEventArgs) { a.openFigures(args.InputText) }),
	)
	in.SetText(path)
	r.AddChild(in)
	r.AddChild(button("Load", func() { a.openFigures(in.GetText()) }))
	if a.opts.PickFile != nil {
		r.AddChild(button("Choose a file…", a.pickFigures))
	}
	col.AddChild(r)
	col.AddChild(label("A figures file looks like this (amounts in tokens, per month):", th.Body, render.Ink, 0))
	col.AddChild(textArea(a.theme, figuresExample, 600, 300, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: 640, MaxHeight: 300})))
	s.body.AddChild(col)
	s.addButton("Menu (Esc)", a.toTitle)
	s.addButton("Help (F1)", a.ShowHelp)
	if msg != "" {
		s.setStatus(msg, render.Fail)
	}
	return s
}

func (s *figuresScene) Update(in Input) error     { return s.update(in) }
func (s *figuresScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *figuresScene) Help() (heading, body string) {
	return "Load a co-op's figures", `Type the path of your co-op's figures file and press Enter or Load. The file is YAML with the fields shown: your name, type and sector, how many working members, pay, price, customers and revenue a month, treasury, marketing, whether you work online, and the innovation you want to test with the customers a month you expect it to add.

If the file cannot be read or a figure is out of range, the line above the buttons says which file, line and field, and nothing changes.

In the browser, press "Choose a file…" and pick the file: web pages cannot open files by name.`
}

package screens

import (
	"fmt"
	"strconv"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// testCanvasScene is phase 3: a test with a pass/fail point for each hypothesis, and
// the test programme in order, which the player can reorder.
type testCanvasScene struct {
	*page
	list   *widget.List
	detail *widget.Container
	cur    string // the selected test's canvas box
	// focus names the rating button to give the keyboard back to after a rebuild.
	focus string
}

// testTitle is a test's name, or its box's if the game has no spec for it.
func testTitle(box string) string {
	if s, ok := game.Spec(box); ok {
		return s.Title
	}
	return box
}

// programme lists the test programme's boxes in order.
func programme(g *game.Game) []any {
	out := make([]any, len(g.Tests))
	for i, t := range g.Tests {
		out[i] = t.Box
	}
	return out
}

// testOf returns the programme's test of box.
func testOf(g *game.Game, box string) (game.Test, int) {
	for i, t := range g.Tests {
		if t.Box == box {
			return t, i
		}
	}
	return game.Test{}, -1
}

func (a *App) testCanvasScene() Scene {
	g := a.game
	s := &testCanvasScene{page: a.newPhasePage(game.PhaseTestCanvas)}
	body := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Stretch([]bool{false, true}, []bool{true}),
			widget.GridLayoutOpts.Spacing(24, 0),
		)),
		widget.ContainerOpts.WidgetOpts(fill()),
	)
	left := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(1),
		widget.GridLayoutOpts.Stretch([]bool{true}, []bool{false, true, false}),
		widget.GridLayoutOpts.Spacing(0, 8),
	)))
	left.AddChild(label("Test programme, first to last", a.theme.Bold, render.Accent, 0))
	entryLabel := func(e any) string {
		t, i := testOf(g, e.(string))
		return wrapText(a.theme.Small, fmt.Sprintf("%d. %s  (importance %d × risk %d)", i+1, testTitle(t.Box), t.Importance, t.Risk), 480-20-textAreaChrome)
	}
	s.list = widget.NewList(
		widget.ListOpts.Entries(programme(g)),
		widget.ListOpts.EntryLabelFunc(entryLabel),
		widget.ListOpts.EntrySelectedHandler(func(args *widget.ListEntrySelectedEventArgs) { s.show(args.Entry.(string)) }),
		widget.ListOpts.SelectFocus(),
		widget.ListOpts.HideHorizontalSlider(),
		widget.ListOpts.EntryFontFace(&a.theme.Small),
		widget.ListOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.MinSize(480, 0), namedList("Test programme", entryLabel))),
	)
	left.AddChild(s.list)
	moves := row(10)
	moves.AddChild(button("Move up ↑ (PgUp)", func() { s.move(-1) }))
	moves.AddChild(button("Move down ↓ (PgDn)", func() { s.move(1) }))
	left.AddChild(moves)
	body.AddChild(left)
	s.detail = column(12, widget.NewInsetsSimple(0))
	body.AddChild(s.detail)
	s.body.AddChild(body)
	if len(g.Tests) > 0 {
		s.list.SetSelectedEntry(g.Tests[0].Box)
		s.show(g.Tests[0].Box)
	}
	return s
}

// move moves the selected test up (delta < 0) or down the programme.
func (s *testCanvasScene) move(delta int) {
	g := s.app.game
	if s.cur == "" {
		return
	}
	if err := g.MoveTest(s.cur, delta); err != nil {
		s.refuse(err)
		return
	}
	s.list.SetEntries(programme(g))
	s.list.SetSelectedEntry(s.cur)
	_, i := testOf(g, s.cur)
	s.sayDone(fmt.Sprintf("%s is now test %d of %d.", testTitle(s.cur), i+1, len(g.Tests)))
}

// refresh redraws the list's labels and the details after a change.
func (s *testCanvasScene) refresh() {
	for _, e := range s.list.Entries() {
		s.list.UpdateEntry(e)
	}
	s.show(s.cur)
}

// show fills the right-hand side with test box's details.
func (s *testCanvasScene) show(box string) {
	s.cur = box
	g := s.app.game
	th := s.app.theme
	t, _ := testOf(g, box)
	spec, _ := game.Spec(box)
	d := s.detail
	d.RemoveChildren()
	d.AddChild(label(spec.Title, th.Heading, render.Accent, 0))
	d.AddChild(label("We believe that "+g.Hypothesis(box)+".", th.Body, render.Ink, 700))
	cmp := spec.Comparison()
	d.AddChild(label(fmt.Sprintf("The test measures %s. It passes when that is %s the pass point.", spec.Measure, cmp), th.Body, render.Ink, 700))

	pass := row(12)
	pass.AddChild(label("Pass point:", th.Bold, render.Ink, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	in := widget.NewTextInput(
		widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(200, 0), named("Pass point")),
		widget.TextInputOpts.SubmitHandler(func(args *widget.TextInputChangedEventArgs) { s.setPass(args.InputText) }),
	)
	in.SetText(strconv.FormatFloat(t.Pass, 'f', -1, 64))
	pass.AddChild(in)
	pass.AddChild(button("Save", func() { s.setPass(in.GetText()) }))
	d.AddChild(pass)

	rating := func(name string, cur int, set func(v int) error) {
		r := row(8)
		r.AddChild(label(name, th.Bold, render.Ink, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter}),
			widget.WidgetOpts.MinSize(140, 0)))
		for v := 1; v <= 5; v++ {
			mark := "○ "
			if v == cur {
				mark = "● "
			}
			key := fmt.Sprint(name, v)
			b := button(mark+strconv.Itoa(v), func() {
				if err := set(v); err != nil {
					s.refuse(err)
					return
				}
				s.sayDone(fmt.Sprintf("%s of %s set to %d.", name, spec.Title, v))
				s.focus = key
				s.refresh()
			}, named(mark+name+" "+strconv.Itoa(v)))
			r.AddChild(b)
			if s.focus == key {
				s.ui.SetFocusedWidget(b)
				s.focus = ""
			}
		}
		d.AddChild(r)
	}
	rating("Importance", t.Importance, func(v int) error { return g.SetRating(box, v, t.Risk) })
	rating("Risk", t.Risk, func(v int) error { return g.SetRating(box, t.Importance, v) })
	d.AddChild(button("Order the programme by importance × risk", func() {
		g.SortProgramme()
		s.list.SetEntries(programme(g))
		s.list.SetSelectedEntry(s.cur)
		s.sayDone("Programme ordered: most important and riskiest first.")
	}))
}

func (s *testCanvasScene) setPass(v string) {
	if err := s.app.game.SetPassPoint(s.cur, v); err != nil {
		s.refuse(err)
		return
	}
	s.sayDone("Pass point of " + testTitle(s.cur) + " saved.")
	s.refresh()
}

func (s *testCanvasScene) Update(in Input) error {
	switch {
	case in.MoveUp:
		s.move(-1)
	case in.MoveDown:
		s.move(1)
	}
	return s.update(in)
}

func (s *testCanvasScene) Draw(screen *ebiten.Image) { s.draw(screen) }

func (s *testCanvasScene) Help() (heading, body string) {
	return "Test Canvas", `Each number on your canvas is a hypothesis: a guess to test before you rely on it. Here each one gets a test with a pass/fail point, and the tests are put in order.

Pick a test in the programme on the left. On the right: what you believe, what the test measures, and the pass point. Type a new pass point and press Enter or Save.

Rate each test's importance and risk from 1 to 5 (the chosen one is marked ●). Test first what matters most and is most likely wrong: "Order the programme by importance × risk" does that for you.

To change the order yourself, select a test and press "Move up" or "Move down", or the Page Up and Page Down keys.`
}

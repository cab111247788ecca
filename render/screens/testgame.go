package screens

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// testGameScene is phase 4: each test run against simulated data, its result with the
// evidence, failed hypotheses pivoted and retested, and the Minimum Viable Service.
type testGameScene struct {
	*page
	list   *widget.List
	detail *widget.Container
	mvs    *widget.Container
	chart  *chartImage
	cur    string
}

// lastResult is a test's latest result, if it has been run.
func lastResult(t game.Test) (game.Result, bool) {
	if len(t.Results) == 0 {
		return game.Result{}, false
	}
	return t.Results[len(t.Results)-1], true
}

// verdict is a result in words, with a mark the font has: colour is never the only
// sign.
func verdict(r game.Result) (string, color.Color) {
	if r.Passed {
		return "● PASS", render.Pass
	}
	return "× FAIL", render.Fail
}

func (a *App) testGameScene() Scene {
	g := a.game
	if a.testChart == nil {
		a.testChart = newChartImage(760, 250)
	}
	s := &testGameScene{page: a.newPhasePage(game.PhaseTestGame), chart: a.testChart}
	body := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Stretch([]bool{false, true}, []bool{true}),
			widget.GridLayoutOpts.Spacing(24, 0),
		)),
		widget.ContainerOpts.WidgetOpts(fill()),
	)
	left := column(8, widget.NewInsetsSimple(0))
	left.AddChild(label("Tests, in programme order", a.theme.Bold, render.Accent, 0))
	entryLabel := func(e any) string {
		t, i := testOf(g, e.(string))
		state := "○ not run"
		if r, ok := lastResult(t); ok {
			state, _ = verdict(r)
			if r.PassOnly {
				state += " (pass point moved only)"
			}
			if r.Guess != g.Number(t.Box) {
				state = "○ pivoted: retest"
			}
		}
		return wrapText(a.theme.Small, fmt.Sprintf("%d. %s: %s", i+1, testTitle(t.Box), state), 400-20-textAreaChrome)
	}
	s.list = widget.NewList(
		widget.ListOpts.Entries(programme(g)),
		widget.ListOpts.EntryLabelFunc(entryLabel),
		widget.ListOpts.EntrySelectedHandler(func(args *widget.ListEntrySelectedEventArgs) { s.show(args.Entry.(string)) }),
		widget.ListOpts.SelectFocus(),
		widget.ListOpts.HideHorizontalSlider(),
		widget.ListOpts.EntryFontFace(&a.theme.Small),
		widget.ListOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(
			widget.WidgetOpts.MinSize(400, 270), namedList("Tests", entryLabel),
			widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true, MaxHeight: 270}),
		)),
	)
	left.AddChild(s.list)
	left.AddChild(button("Run the next test", s.runNext))
	s.mvs = column(4, widget.NewInsetsSimple(0))
	left.AddChild(s.mvs)
	left.AddChild(s.turnChoice())
	body.AddChild(left)
	s.detail = column(10, widget.NewInsetsSimple(0))
	body.AddChild(s.detail)
	s.body.AddChild(body)
	first := g.NextTest()
	if first == "" && len(g.Tests) > 0 {
		first = g.Tests[0].Box
	}
	if first != "" {
		s.list.SetSelectedEntry(first)
		s.show(first)
	}
	s.showMVS()
	return s
}

// turnChoice lets the player choose, before the living co-op starts, whether its
// turns are months or weeks.
func (s *testGameScene) turnChoice() *widget.Container {
	g := s.app.game
	r := row(8)
	r.AddChild(label("Turns:", s.app.theme.Bold, render.Ink, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	kinds := []struct{ value, label string }{{"month", "Months"}, {"week", "Weeks"}}
	var btns []*widget.Button
	for i, k := range kinds {
		b := button(mark(g.TurnLength == k.value)+k.label, func() {
			if err := g.SetTurnLength(k.value); err != nil {
				s.refuse(err)
				return
			}
			for j, bj := range btns {
				bj.Text().Label = mark(i == j) + kinds[j].label
			}
			s.sayDone("The living co-op will be played in " + strings.ToLower(k.label) + ".")
		})
		btns = append(btns, b)
		r.AddChild(b)
	}
	return r
}

// runNext selects and runs the first test not yet passed.
func (s *testGameScene) runNext() {
	box := s.app.game.NextTest()
	if box == "" {
		s.sayDone("Every test has passed: your Minimum Viable Service is below the list.")
		return
	}
	s.list.SetSelectedEntry(box)
	s.run(box)
}

// run runs test box and shows its result.
func (s *testGameScene) run(box string) {
	r, err := s.app.game.RunTest(box)
	if err != nil {
		s.refuse(err)
		return
	}
	word, _ := verdict(r)
	msg := fmt.Sprintf("%s: %s (measured %s, pass point %s).", testTitle(box), word, num(r.Measured), num(r.Pass))
	if r.PassOnly {
		msg += " Only the pass point moved: see the note."
	}
	s.say(msg)
	s.refresh(box)
}

// refresh redraws everything after a run or a pivot.
func (s *testGameScene) refresh(box string) {
	for _, e := range s.list.Entries() {
		s.list.UpdateEntry(e)
	}
	s.show(box)
	s.showMVS()
}

// passOnlyNote marks a result after a pivot that moved only the pass point.
const passOnlyNote = "× Only the pass point moved: the guess tested is the one that was tested before, so this result says nothing new about the hypothesis. Pivot the guess itself, or say why the pass point was wrong."

// num formats a measurement to two decimals at most, without needless ones.
func num(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

// showMVS shows the Minimum Viable Service once every test has passed.
func (s *testGameScene) showMVS() {
	g := s.app.game
	th := s.app.theme
	s.mvs.RemoveChildren()
	if g.NextTest() != "" {
		s.mvs.AddChild(label("When every test passes, your Minimum Viable Service appears here.", th.Small, muted, 400))
		return
	}
	s.mvs.AddChild(label("● Minimum Viable Service", th.Bold, render.Pass, 0))
	s.mvs.AddChild(label(g.MVS(), th.Small, render.Ink, 400))
}

// show fills the right-hand side with test box: hypothesis, result, evidence, pivot.
func (s *testGameScene) show(box string) {
	s.cur = box
	g := s.app.game
	th := s.app.theme
	t, _ := testOf(g, box)
	spec, _ := game.Spec(box)
	d := s.detail
	d.RemoveChildren()
	d.AddChild(label(spec.Title, th.Heading, render.Accent, 0))
	d.AddChild(label("We believe that "+g.Hypothesis(box)+".", th.Body, render.Ink, 760))
	r, ran := lastResult(t)
	top := row(16)
	top.AddChild(button("Run this test", func() { s.run(box) }))
	centre := widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})
	if !ran {
		top.AddChild(label("Not run yet.", th.Body, muted, 0, centre))
		d.AddChild(top)
		return
	}
	word, clr := verdict(r)
	top.AddChild(label(word, th.Heading, clr, 0, centre))
	cmp := spec.Comparison()
	top.AddChild(label(fmt.Sprintf("%s: %s (pass: %s %s)", spec.Measure, num(r.Measured), cmp, num(r.Pass)), th.Body, render.Ink, 440, centre))
	d.AddChild(top)
	if r.PassOnly {
		d.AddChild(label(passOnlyNote, th.Small, render.Fail, 760))
	}

	cs := chartSpec{title: "Evidence: " + spec.Evidence, xLabel: "trial month", lines: []line{{ys: r.Evidence}}}
	if n := len(r.Evidence); n > 0 && r.Evidence[n-1] == r.Measured {
		cs.mark, cs.markLabel = r.Pass, "pass point"
	}
	s.chart.set(cs)
	d.AddChild(widget.NewGraphic(widget.GraphicOpts.Image(s.chart.img)))

	if r.Passed && r.Guess == g.Number(box) {
		return
	}
	piv := row(10)
	piv.AddChild(label("Pivot: new guess", th.Bold, render.Ink, 0, centre))
	val := widget.NewTextInput(widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(150, 0), named("New guess")))
	val.SetText(g.GuessText(box))
	piv.AddChild(val)
	piv.AddChild(label("pass point", th.Bold, render.Ink, 0, centre))
	pass := widget.NewTextInput(widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(110, 0), named("New pass point")))
	pass.SetText(num(t.Pass))
	piv.AddChild(pass)
	piv.AddChild(button("Pivot and retest", func() {
		if err := g.Pivot(box, val.GetText(), pass.GetText()); err != nil {
			s.refuse(err)
			return
		}
		s.run(box)
	}))
	d.AddChild(piv)
}

func (s *testGameScene) Update(in Input) error        { return s.update(in) }
func (s *testGameScene) Draw(screen *ebiten.Image)    { s.draw(screen) }
func (s *testGameScene) Help() (heading, body string) { return "Test Game", testGameHelp }

const testGameHelp = `Your co-op is placed in the simulated economy for a six-month trial, and each test is checked against what happened: realistic data, not your hopes.

"Run the next test" runs the first test not yet passed; or pick a test on the left and press "Run this test". The result says PASS (marked ●) or FAIL (marked ×), what was measured against the pass point, and a chart of the evidence month by month (the dashed line is the pass point).

A failed hypothesis is not the end: pivot it. Type a new guess (and, if you like, a new pass point) and press "Pivot and retest". The canvas changes with it.

When every test has passed, the result is your Minimum Viable Service, shown under the list. Then go on to the Living Co-op.`

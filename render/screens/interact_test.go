package screens

import (
	"maps"
	"slices"
	"testing"
)

// TestInteractAfterLayout drives every screen after it has been laid out, the way a
// player does: widgets built in answer to a click must find their styles (ebitenui
// panics otherwise) and the screen must keep drawing.
func TestInteractAfterLayout(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(phaseShots)) {
		show := phaseShots[name](t)
		onLoop(t, func() {
			a := newTestApp(t, Options{})
			show(a)
			settle(a)
			switch s := a.Scene().(type) {
			case *kindScene:
				pickAll(a, s.fields)
			case *canvasScene:
				s.book.SetTab(s.whole)
				settle(a)
				s.book.SetTab(s.edit)
				settle(a)
				pickAll(a, s.fields)
			case *testCanvasScene:
				for _, e := range s.list.Entries() {
					s.list.SetSelectedEntry(e)
					settle(a)
				}
				s.move(-1)
				settle(a)
			case *testGameScene:
				for _, e := range s.list.Entries() {
					s.list.SetSelectedEntry(e)
					settle(a)
					s.run(e.(string))
					settle(a)
				}
			case *livingScene:
				for _, tb := range s.tabs {
					s.book.SetTab(tb)
					settle(a)
				}
			}
			settle(a)
		})
	}
}

// pickAll selects fields of a picker in turn (every one with options, and the first
// few others), and presses an option's button. Laying out a screen on the test's
// software renderer is slow, so not every text field is visited.
func pickAll(a *App, fp *fieldPicker) {
	for i, f := range fp.fields {
		if len(f.options) == 0 && i > 3 {
			continue
		}
		fp.list.SetSelectedEntry(i)
		settle(a)
		if len(f.options) > 0 {
			fp.focus = f.options[0].Value
			fp.show(i)
			settle(a)
		}
	}
}

package screens

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestFramesDrawOnChange runs the App as the program does (OnChange) and checks that
// it draws a few frames after a change, then none while nothing happens except the
// regular refresh, and that After answers once the ticks asked for have run (and, with
// draw, a frame was drawn after them), which is what the browser walk relies on.
func TestFramesDrawOnChange(t *testing.T) {
	onLoop(t, func() {
		defer ebiten.SetScreenClearedEveryFrame(true)
		f := OnChange(newTestApp(t, Options{Seed: 1, ReportWidgets: true}))
		screen := ebiten.NewImage(ScreenWidth, ScreenHeight)
		defer screen.Deallocate()
		// frame runs a tick and a frame and reports whether the App drew.
		frame := func() bool {
			if err := f.Update(); err != nil {
				t.Fatal(err)
			}
			f.last = nil
			f.Draw(screen)
			return f.last != nil
		}
		drawn := func(n int) int {
			k := 0
			for range n {
				if frame() {
					k++
				}
			}
			return k
		}
		// The first frames are drawn; then, with no input, only every redrawEvery ticks.
		if got := drawn(redrawAfter); got != redrawAfter {
			t.Fatalf("the first %d frames: %d drawn, want all", redrawAfter, got)
		}
		if got := drawn(10 * redrawEvery); got < 9 || got > 11 {
			t.Errorf("%d idle ticks: %d frames drawn, want about 10 (one every %d ticks)", 10*redrawEvery, got, redrawEvery)
		}
		// A change of scene is drawn at once, for redrawAfter frames.
		settle := func() {
			for i := 0; frame(); i++ {
				if i > redrawAfter {
					t.Fatalf("still drawing %d frames after the last change", i)
				}
			}
		}
		settle()
		f.GoTo(f.titleScene("changed"))
		if got := drawn(redrawAfter); got != redrawAfter {
			t.Errorf("after a change of scene: %d of %d frames drawn", got, redrawAfter)
		}
		settle()
		// After(3, false) answers at the end of the third tick; After(2, true) at the
		// first frame drawn after its second tick, drawn even though nothing changed.
		var ticked, shown int
		run := 0
		f.After(3, false, func() { ticked = run })
		f.After(2, true, func() { shown = run })
		for run = 1; run <= 4; run++ {
			frame()
		}
		if ticked != 3 {
			t.Errorf("After(3, false) answered on tick %d, want 3", ticked)
		}
		if shown != 2 {
			t.Errorf("After(2, true) answered on tick %d, want 2 (its frame drawn on that tick)", shown)
		}
		// While input goes on tick after tick, every other frame is drawn, and one
		// that a wait asks for is drawn whatever the last one was.
		busy := func(n int) int {
			k := 0
			for range n {
				if err := f.tick(true); err != nil {
					t.Fatal(err)
				}
				f.last = nil
				f.Draw(screen)
				if f.last != nil {
					k++
				}
			}
			return k
		}
		settle()
		if got := busy(20); got != 10 {
			t.Errorf("20 ticks of input: %d frames drawn, want every other one (10)", got)
		}
		drawnAsked := 0
		for range 6 {
			f.After(1, true, func() { drawnAsked++ })
			busy(1)
		}
		if drawnAsked != 6 {
			t.Errorf("6 ticks of input, each with a wait for its frame: %d answered, want 6", drawnAsked)
		}
		for range maxWaits {
			f.After(1, false, func() {})
		}
		if f.After(1, false, func() {}) {
			t.Errorf("After accepted a call beyond %d waiting", maxWaits)
		}
	})
}

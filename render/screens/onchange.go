package screens

import (
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Redrawing only on change. GetGo's screens stand still between inputs, yet Ebiten
// calls Draw every frame; in a browser without a GPU (software WebGL) a frame of a
// full screen of widgets costs about 50 ms of both cores, so drawing each one keeps
// the machine busy for a page nobody touches. OnChange draws a frame only when
// something may have changed: for a few frames after any input (ebitenui applies a
// press on the tick after the release and lays out on the next draw), after a change
// of scene or overlay, and at least every redrawEvery ticks whatever happens, so a
// text field's caret and anything that changes without input (a file chosen in the
// browser's dialog arrives on a later tick) still show. While input goes on tick after
// tick (a drag, a key held), every other frame is drawn. Between those, Ebiten keeps
// the last frame on the screen (SetScreenClearedEveryFrame(false)).
const (
	redrawAfter = 2  // frames drawn after the last sign of input or change
	redrawEvery = 30 // ticks between frames drawn regardless (half a second)
)

// OnChange returns a as the game the program runs (ebiten.RunGame): it draws only
// when the screen may have changed, as above. Tests that draw the App themselves call
// its Draw, which always draws.
func OnChange(a *App) *Frames {
	ebiten.SetScreenClearedEveryFrame(false)
	return &Frames{App: a, due: redrawAfter, waits: make(chan wait, maxWaits)}
}

// Frames is an App run by Ebiten's game loop, drawing on change (OnChange). It also
// tells a browser test when the game has seen its input (After).
type Frames struct {
	*App
	due     int // frames still to draw
	idle    int // ticks since a frame was drawn
	scene   Scene
	help    *helpOverlay
	cx, cy  int
	keys    []ebiten.Key
	chars   []rune
	touch   []ebiten.TouchID
	waits   chan wait // asked for by After, taken at the next tick
	waiting []wait
	// busy is whether this tick had input, and drew whether the last frame was drawn:
	// while input goes on tick after tick, every other frame is drawn.
	busy, drew bool
}

// A wait is a call of After not yet answered.
type wait struct {
	ticks int  // ticks still to run
	draw  bool // and then a frame drawn
	done  func()
}

// maxWaits bounds the calls of After waiting at once (a test has one at a time).
const maxWaits = 16

// After calls done once the game has run ticks more ticks from the next one on, and,
// with draw, drawn a frame after them (so LastWidgets shows what they did). Input
// that reached the page before After was called is seen by the first of those ticks,
// which is how a browser test knows a key press or a click has been taken in, on a
// page whose frames come at no fixed pace. It may be called from any goroutine (in
// the browser, a JavaScript callback); done runs on the game loop. It reports false,
// and never calls done, if maxWaits calls are waiting already.
func (o *Frames) After(ticks int, draw bool, done func()) bool {
	select {
	case o.waits <- wait{ticks: max(ticks, 0), draw: draw, done: done}:
		return true
	default:
		return false
	}
}

// Update runs the App's tick and notes whether anything that could change the screen
// happened in it.
func (o *Frames) Update() error { return o.tick(o.inputActive()) }

// tick runs the App's tick, active saying whether the player did anything in it.
func (o *Frames) tick(active bool) error {
	for len(o.waits) > 0 {
		o.waiting = append(o.waiting, <-o.waits)
	}
	err := o.App.Update()
	o.busy = active
	if active || o.App.scene != o.scene || o.App.help != o.help {
		o.due = redrawAfter
	}
	o.scene, o.help = o.App.scene, o.App.help
	if o.idle++; o.idle >= redrawEvery {
		o.due = max(o.due, 1)
	}
	o.answer(func(w *wait) bool {
		w.ticks--
		if w.ticks <= 0 && w.draw {
			o.due = max(o.due, 1)
		}
		return w.ticks <= 0 && !w.draw
	})
	return err
}

// drawAsked reports whether a wait is over but for its frame.
func (o *Frames) drawAsked() bool {
	return slices.ContainsFunc(o.waiting, func(w wait) bool { return w.draw && w.ticks <= 0 })
}

// answer calls done for the waits ready says are over, and keeps the others.
func (o *Frames) answer(ready func(w *wait) bool) {
	kept := o.waiting[:0]
	for i := range o.waiting {
		if w := &o.waiting[i]; ready(w) {
			w.done()
		} else {
			kept = append(kept, *w)
		}
	}
	clear(o.waiting[len(kept):])
	o.waiting = kept
}

// Draw draws the App when a frame is due, and otherwise leaves the last one showing.
func (o *Frames) Draw(screen *ebiten.Image) {
	if o.due == 0 || (o.busy && o.drew && !o.drawAsked()) {
		o.drew = false
		return
	}
	o.due--
	o.drew = true
	o.idle = 0
	screen.Clear()
	o.App.Draw(screen)
	o.answer(func(w *wait) bool { return w.ticks <= 0 })
}

// inputActive reports whether the player did anything this tick: moved the mouse,
// held or released a button or key, typed, scrolled or touched the screen.
func (o *Frames) inputActive() bool {
	active := false
	if x, y := ebiten.CursorPosition(); x != o.cx || y != o.cy {
		o.cx, o.cy = x, y
		active = true
	}
	for b := ebiten.MouseButton0; b <= ebiten.MouseButtonMax; b++ {
		if ebiten.IsMouseButtonPressed(b) || inpututil.IsMouseButtonJustReleased(b) {
			active = true
		}
	}
	if wx, wy := ebiten.Wheel(); wx != 0 || wy != 0 {
		active = true
	}
	o.keys = inpututil.AppendPressedKeys(o.keys[:0])
	o.keys = inpututil.AppendJustReleasedKeys(o.keys)
	o.chars = ebiten.AppendInputChars(o.chars[:0])
	o.touch = ebiten.AppendTouchIDs(o.touch[:0])
	o.touch = inpututil.AppendJustReleasedTouchIDs(o.touch)
	return active || len(o.keys) > 0 || len(o.chars) > 0 || len(o.touch) > 0
}

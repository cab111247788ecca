package screens

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	euiinput "github.com/ebitenui/ebitenui/input"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render/screens/walk"
)

// desk drives an App on the test's game loop the way a player at the desktop does.
//
// The mouse goes through ebitenui's own input path: a scripted cursor (ebitenui's
// CursorUpdater, the seam it offers) moves to a point and presses and releases the
// left button there, and ebitenui's hit testing, input layers and button states decide
// what was clicked, as they do for a real mouse.
//
// Keys cannot reach ebitenui that way (it reads them from Ebiten, which reads them from
// the window system), so a key press does here what ebitenui does on that key: Tab and
// Shift-Tab call UI.ChangeFocus, as ebitenui's focus handling does; Space and Enter press
// and then release the focused button (Button.handleSubmit), Enter submits a focused
// text field; Up and Down move a focused list (List.handleInput). Esc, F1 and Page
// Up/Down are the App's own actions (readInput). The browser test presses real keys.
type desk struct {
	t      *testing.T
	a      *App
	cur    *scriptedCursor
	screen *ebiten.Image
	// doing names what is being pressed, for a panic's report.
	doing        string
	steps, draws int // ticks run, frames drawn
	tickOnly     bool
}

func newDesk(t *testing.T, a *App) *desk {
	d := &desk{t: t, a: a, cur: &scriptedCursor{x: -10000, y: -10000}, screen: ebiten.NewImage(ScreenWidth, ScreenHeight)}
	euiinput.SetCursorUpdater(d.cur)
	d.step(Input{})
	return d
}

// close puts the parked cursor back and frees the screen; it must run on the game
// loop (freeing an image anywhere else waits for the loop).
func (d *desk) close() {
	euiinput.SetCursorUpdater(parkedCursor{})
	d.screen.Deallocate()
}

// step runs one tick and one frame, as Ebiten does, so what changed is laid out.
func (d *desk) step(in Input) {
	d.t.Helper()
	d.steps++
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(walk.Stopped); ok {
				panic(r)
			}
			d.fatalf("%s: the game panicked: %v\n%s", d.doing, r, debug.Stack())
		}
	}()
	if err := d.a.update(in); err != nil && err != ebiten.Termination {
		d.fatalf("%s: Update: %v", d.doing, err)
	}
	if d.tickOnly {
		return
	}
	d.draws++
	d.screen.Clear()
	d.a.Draw(d.screen)
	if d.draws%25 == 0 {
		// Reading a pixel makes Ebiten run the drawing queued so far, which it would
		// otherwise keep until the loop's tick ends: the walk runs inside one tick.
		var px [4]byte
		d.screen.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(px[:])
	}
}

// tick runs a tick without a frame: pressing and releasing need no new layout, and
// every frame drawn is GPU work for the software renderer, done when the test binary
// ends (the whole walk runs inside one of the loop's ticks, so nothing is flushed
// before).
func (d *desk) tick(in Input) {
	d.tickOnly = true
	d.step(in)
	d.tickOnly = false
}

func (d *desk) Widgets() []walk.Widget {
	var out []walk.Widget
	for _, w := range d.a.Widgets() {
		out = append(out, walk.Widget(w))
	}
	return out
}

func (d *desk) Click(what string, p image.Point) {
	d.t.Helper()
	d.doing = "clicking " + what
	d.cur.x, d.cur.y = p.X, p.Y
	d.tick(Input{}) // hover
	d.cur.down = true
	d.tick(Input{})
	d.cur.down = false
	d.tick(Input{})
	d.step(Input{}) // handlers run on the tick after the release
}

func (d *desk) Key(what, k string) {
	d.t.Helper()
	d.doing = fmt.Sprintf("key %s (%s)", k, what)
	u := d.a.ui()
	var in Input
	switch k {
	case "Escape":
		in.Back = true
	case "F1":
		in.Help = true
	case "PageUp":
		in.MoveUp = true
	case "PageDown":
		in.MoveDown = true
	case "Tab":
		u.ChangeFocus(widget.FOCUS_NEXT)
	case "Shift+Tab":
		u.ChangeFocus(widget.FOCUS_PREVIOUS)
	default:
		switch f := u.GetFocusedWidget().(type) {
		case *widget.Button:
			if k == "Space" || k == "Enter" {
				f.Press()
				d.tick(Input{})
				f.Release()
				d.tick(Input{})
			}
		case *widget.TextInput:
			switch k {
			case "Enter":
				f.Submit()
			case "Space":
				f.Insert(" ")
			case "End":
				f.CursorMoveEnd()
			case "Backspace":
				f.Backspace()
			}
		case *widget.List:
			switch k {
			case "Down":
				f.FocusNext()
			case "Up":
				f.FocusPrevious()
			}
		}
	}
	switch k {
	case "Tab", "Shift+Tab":
		d.tick(in) // focus moves without a new layout
	case "Up", "Down":
		d.step(in)
		d.step(Input{}) // a list selects in its frame; what that rebuilt is laid out in the next
	default:
		d.tick(in)
		d.step(Input{})
	}
}

func (d *desk) Type(what, s string) {
	d.t.Helper()
	d.doing = "typing into " + what
	f, ok := d.a.ui().GetFocusedWidget().(*widget.TextInput)
	if !ok {
		d.fatalf("typing %q into %s: no text field has the keyboard", s, what)
	}
	for _, r := range s {
		f.Insert(string(r)) // what ebitenui does with the characters typed in a tick
	}
	d.step(Input{})
}

// scriptedCursor is a mouse the test moves and presses.
type scriptedCursor struct {
	x, y             int
	down, last       bool
	justDown, justUp bool
}

func (c *scriptedCursor) Update() {
	c.justDown = c.down && !c.last
	c.justUp = !c.down && c.last
	c.last = c.down
}
func (c *scriptedCursor) AfterUpdate()            {}
func (c *scriptedCursor) Draw(*ebiten.Image)      {}
func (c *scriptedCursor) AfterDraw(*ebiten.Image) {}
func (c *scriptedCursor) MouseButtonPressed(b ebiten.MouseButton) bool {
	return b == ebiten.MouseButtonLeft && c.down
}
func (c *scriptedCursor) MouseButtonJustPressed(b ebiten.MouseButton) bool {
	return b == ebiten.MouseButtonLeft && c.justDown
}
func (c *scriptedCursor) MouseButtonJustReleased(b ebiten.MouseButton) bool {
	return b == ebiten.MouseButtonLeft && c.justUp
}
func (c *scriptedCursor) CursorPosition() (int, int)          { return c.x, c.y }
func (c *scriptedCursor) GetCursorImage(string) *ebiten.Image { return nil }
func (c *scriptedCursor) GetCursorOffset(string) image.Point  { return image.Point{} }

// TestWalk plays the whole game on the desktop through input events only: clicks at
// the widgets' laid-out positions and Tab, Space, Enter and the arrow keys (see desk),
// and fails listing any kind of widget it saw but never pressed.
func TestWalk(t *testing.T) {
	if loop == nil {
		t.Skip("no display: screen tests need one (run under xvfb-run -a)")
	}
	if testing.Short() {
		// The walk takes 8 s, but Ebiten then takes minutes of CPU to dispose of its
		// scenes' images when the test binary's game loop stops.
		t.Skip("the walk through every screen is skipped with -short")
	}
	files := map[string][]byte{}
	saves := 0
	var last *game.Game
	opts := Options{
		Seed:      1,
		Autosave:  func(g *game.Game) error { saves++; last = g; return nil },
		ReadFile:  os.ReadFile,
		WriteFile: func(name string, data []byte) error { files[name] = data; return nil },
	}
	figures := filepath.Join("..", "..", "game", "testdata", "riverside.yaml")
	t0 := time.Now()
	loop.run(func() {
		t.Logf("on the loop after %v", time.Since(t0))
		a := newTestApp(t, opts)
		t.Logf("app after %v", time.Since(t0))
		d := newDesk(t, a)
		defer d.close()
		defer func() {
			// Free on the loop what the walk's scenes left behind: left to the end,
			// Ebiten takes minutes to dispose of it when the game loop stops.
			runtime.GC()
			for range 3 {
				d.step(Input{})
			}
			_ = d.steps
		}()
		w := walk.New(t, d)
		start := time.Now()
		defer func() { t.Logf("%d ticks, %d frames, in %v", d.steps, d.draws, time.Since(start)) }()
		var exported []byte
		w.OnExport = func() {
			var err error
			exported, err = a.game.ExportDACO()
			if err != nil {
				t.Errorf("ExportDACO: %v", err)
			}
		}
		w.PlayAll(figures, canQuit)
		if t.Failed() {
			return
		}
		if got := files[dacoFileName("Our co-op")]; !bytes.Equal(got, exported) {
			t.Errorf("Write the DACO file wrote %d bytes, want the game's %d", len(got), len(exported))
		}
		if canQuit && !a.quit {
			t.Error("Quit did not end the game")
		}
	})
	t.Logf("walk done after %v", time.Since(t0))
	if last == nil || last.Existing == nil {
		t.Errorf("the last autosave is not the co-op started from figures")
	}
	t.Logf("%d autosaves", saves)
}

// fatalf reports a failure and stops the walk (see walk.Stopped).
func (d *desk) fatalf(format string, args ...any) {
	d.t.Helper()
	d.t.Errorf(format, args...)
	panic(walk.Stopped{})
}

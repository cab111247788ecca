package screens

import (
	"fmt"
	"image"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/copex/copex/game"
)

// A driver presses, clicks and types into a running GetGo: on the desktop (desk) or in
// a browser. It knows nothing of the game; the walker decides what to do from what the
// screen shows (App.Widgets).
type driver interface {
	widgets() []Widget
	click(what string, at image.Point)
	key(what, k string)
	typeText(what, s string)
}

// walker plays GetGo through a driver, the way a player does, and keeps count of every
// kind of widget it saw and every one it pressed, so that a widget the walk never
// pressed is reported (see uncovered).
type walker struct {
	t testing.TB
	d driver
	// seen maps a widget's coverage key to an example of its label; pressed holds
	// the keys of the widgets pressed, clicked or typed into.
	seen    map[string]string
	pressed map[string]bool
	n       int // widgets pressed so far: even ones are clicked, odd ones reached by keys
	// onExport, if set, is called on the export page before its file is written.
	onExport func()
}

func newWalker(t testing.TB, d driver) *walker {
	return &walker{t: t, d: d, seen: map[string]string{}, pressed: map[string]bool{}}
}

// marks are the signs in front of a label that say its state.
var marks = []string{"● ", "○ ", "■ ", "□ ", "× "}

// bare is a label without its state mark.
func bare(s string) string {
	for _, m := range marks {
		s = strings.TrimPrefix(s, m)
	}
	return strings.TrimSpace(s)
}

// counted are the numbers in labels that change as the game goes on: "(3 new)",
// "month 14", "week 2", "Importance 4".
var counted = regexp.MustCompile(`\(\d+( new)?\)|\b(month|week|Importance|Risk) \d+`)

// coverageKey identifies a kind of widget: its scene, its kind and its label without
// the state mark or the counts.
func coverageKey(scene string, w Widget) string {
	name := counted.ReplaceAllStringFunc(bare(w.Name), func(m string) string {
		if strings.HasPrefix(m, "(") {
			return "(#)"
		}
		return strings.Fields(m)[0] + " #"
	})
	return scene + " / " + w.Kind + ": " + name
}

// look returns the widgets on screen now, and notes them as seen.
func (w *walker) look() []Widget {
	ws := w.d.widgets()
	scene := ws[0].Name
	for _, it := range ws {
		if it.Kind == "scene" || it.Kind == "status" || it.Kind == "other" || it.Disabled {
			continue // "other" are scrollbars, which scroll but do nothing
		}
		w.seen[coverageKey(scene, it)] = it.Name
	}
	return ws
}

func (w *walker) scene() string { return w.look()[0].Name }

// status is the status line's text.
func (w *walker) status() string {
	for _, it := range w.look() {
		if it.Kind == "status" {
			return it.Name
		}
	}
	return ""
}

// find returns the widget of the kind whose label (without its mark) is name, or else
// the first whose label starts with name.
func (w *walker) find(kind, name string) (Widget, bool) {
	ws := w.look()
	for _, it := range ws {
		if it.Kind == kind && bare(it.Name) == name {
			return it, true
		}
	}
	for _, it := range ws {
		if it.Kind == kind && strings.HasPrefix(bare(it.Name), name) {
			return it, true
		}
	}
	return Widget{}, false
}

// names lists the labels of the widgets of a kind, for a failure's message.
func (w *walker) names(kind string) []string {
	var out []string
	for _, it := range w.look() {
		if it.Kind == kind {
			out = append(out, it.Name)
		}
	}
	return out
}

func (w *walker) must(kind, name string) Widget {
	w.t.Helper()
	it, ok := w.find(kind, name)
	if !ok {
		w.fatalf("%s: no %s %q on screen; the %ss are %q (status: %q)", w.scene(), kind, name, kind, w.names(kind), w.status())
	}
	if it.Disabled {
		w.fatalf("%s: %s %q is disabled", w.scene(), kind, name)
	}
	return it
}

func centre(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

// press presses the button labelled name: every other press is a click at its laid
// out position, the others Tab (or Shift-Tab) to it and press Space or Enter.
func (w *walker) press(name string) {
	w.t.Helper()
	b := w.must("button", name)
	scene := w.scene()
	w.pressed[coverageKey(scene, b)] = true
	w.n++
	if w.n%2 == 0 {
		if !b.Rect.In(image.Rect(0, 0, ScreenWidth, ScreenHeight)) {
			w.fatalf("%s: button %q is laid out at %v, off the screen", scene, b.Name, b.Rect)
		}
		w.d.click(b.Name, centre(b.Rect))
		return
	}
	w.focus(b)
	if w.n%4 == 1 {
		w.d.key(b.Name, "Space")
	} else {
		w.d.key(b.Name, "Enter")
	}
}

// focus gives the keyboard to it by pressing Tab (or Shift-Tab, whichever is
// shorter), checking that it comes round.
func (w *walker) focus(it Widget) {
	w.t.Helper()
	ws := w.look()
	var order []Widget
	at, want := -1, -1
	for _, x := range ws {
		if x.Kind == "scene" || x.Kind == "status" || x.Disabled {
			continue
		}
		if x.Focused {
			at = len(order)
		}
		if x.Rect == it.Rect && x.Name == it.Name && x.Kind == it.Kind {
			want = len(order)
		}
		order = append(order, x)
	}
	if want < 0 {
		w.fatalf("%s: %s %q is not in the Tab order", w.scene(), it.Kind, it.Name)
	}
	if at == want {
		return
	}
	n := len(order)
	fwd := (want - at + n) % n
	if at < 0 {
		fwd = want + 1
	}
	k, steps := "Tab", fwd
	if back := n - fwd; at >= 0 && back < fwd {
		k, steps = "Shift+Tab", back
	}
	for range steps {
		w.d.key(it.Name, k)
	}
	for _, x := range w.look() {
		if x.Focused && x.Kind == it.Kind && x.Name == it.Name {
			return
		}
	}
	var now []string
	for _, x := range w.look() {
		if x.Focused {
			now = append(now, x.Kind+" "+x.Name)
		}
	}
	w.fatalf("%s: %d × %s from %d of %d did not reach %s %q at %d (focused now: %q)", w.scene(), steps, k, at, n, it.Kind, it.Name, want, now)
}

// fill types text into the field named name, replacing what is there, and presses
// Enter (or, with save set, the button of that name).
func (w *walker) fill(name, text string, save ...string) {
	w.t.Helper()
	f := w.must("field", name)
	w.pressed[coverageKey(w.scene(), f)] = true
	w.d.click(f.Name, image.Pt(f.Rect.Max.X-6, centre(f.Rect).Y))
	w.d.key(f.Name, "End")
	for range []rune(f.Text) {
		w.d.key(f.Name, "Backspace")
	}
	w.d.typeText(f.Name, text)
	if len(save) > 0 {
		w.press(save[0])
		return
	}
	w.d.key(f.Name, "Enter")
}

// choose selects entry i of the list named name with the arrow keys.
func (w *walker) choose(name string, i int) {
	w.t.Helper()
	l := w.must("list", name)
	w.pressed[coverageKey(w.scene(), l)] = true
	w.focus(l)
	for range 3 * len(l.Items) {
		l = w.must("list", name)
		switch {
		case l.Selected == i:
			return
		case l.Selected < i:
			w.d.key(name, "Down")
		default:
			w.d.key(name, "Up")
		}
	}
	w.fatalf("%s: could not select entry %d (%q) of %s: selected is %d", w.scene(), i, l.Items[i], name, l.Selected)
}

// buttons lists the labels of the buttons on screen that are not in skip.
func (w *walker) buttons(skip ...string) []string {
	var out []string
	for _, it := range w.look() {
		if it.Kind == "button" && !it.Disabled && !slices.Contains(skip, bare(it.Name)) {
			out = append(out, bare(it.Name))
		}
	}
	return out
}

// uncovered lists the kinds of widget seen but never pressed.
func (w *walker) uncovered() []string {
	var out []string
	for k, example := range w.seen {
		if !w.pressed[k] {
			out = append(out, fmt.Sprintf("%s (%q)", k, example))
		}
	}
	sort.Strings(out)
	return out
}

// checkStatus fails unless the status line contains want.
func (w *walker) checkStatus(when, want string) {
	w.t.Helper()
	if st := w.status(); !strings.Contains(st, want) {
		w.t.Errorf("%s: status %q, want it to say %q", when, st, want)
	}
}

// checkScene fails unless the screen is the one headed want.
func (w *walker) checkScene(when, want string) {
	w.t.Helper()
	if got := w.scene(); got != want {
		w.fatalf("%s: the screen is %q (status %q), want %q", when, got, w.status(), want)
	}
}

// planByTitle is the plan's canvas by box title.
func planByTitle() map[string]game.Box {
	out := map[string]game.Box{}
	for _, b := range game.Boxes() {
		if _, ok := plan[b.ID]; ok {
			out[b.Title] = b
		}
	}
	return out
}

// footer are the buttons every phase page has, besides the options of its body.
func footer() []string {
	out := []string{"Menu (Esc)", "Help (F1)"}
	for _, ph := range game.Phases() {
		out = append(out, "← "+shortName(ph), "Next: "+shortName(ph)+" →")
	}
	return out
}

// stopWalk ends a walk that cannot go on; the test has been marked failed. Fatalf
// cannot be used on the game loop, whose goroutine must keep running.
type stopWalk struct{}

// fatalf reports a failure and stops the walk.
func (w *walker) fatalf(format string, args ...any) {
	w.t.Helper()
	w.t.Errorf(format, args...)
	panic(stopWalk{})
}

// untilStopped runs walk, turning a stopped walk into a return.
func untilStopped(walk func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopWalk); !ok {
				panic(r)
			}
		}
	}()
	walk()
}

package walk

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

// A Driver presses, clicks and types into a running GetGo: on the desktop or in a
// browser. It knows nothing of the game; the Walker decides what to do from what the
// screen shows (screens.App.Widgets). what names the widget concerned, for messages.
type Driver interface {
	// Widgets is what is on the screen now.
	Widgets() []Widget
	// Click clicks the left mouse button at a point of the 1280×720 screen.
	Click(what string, at image.Point)
	// Key presses and releases a key: Tab, Shift+Tab, Space, Enter, Up, Down, End,
	// Backspace, Escape, F1, PageUp or PageDown.
	Key(what, k string)
	// Type types text into the focused field.
	Type(what, s string)
}

// A KeyRepeater is a Driver that can press a key several times in one go, reading the
// screen only after the last press: a browser, where each reading of the screen is a
// trip to the page. The walk uses it, when the driver offers it, for runs of Tab and
// Backspace.
type KeyRepeater interface {
	Keys(what, k string, n int)
}

// keys presses k n times, in one go where the driver can.
func (w *Walker) keys(what, k string, n int) {
	if r, ok := w.d.(KeyRepeater); ok && n > 1 {
		r.Keys(what, k, n)
		return
	}
	for range n {
		w.d.Key(what, k)
	}
}

// Widget is a widget on the screen, as screens.Widget reports it (and encodes it in
// JSON for the browser test).
type Widget struct {
	Kind     string          `json:"kind"`
	Name     string          `json:"name"`
	Text     string          `json:"text,omitempty"`
	Rect     image.Rectangle `json:"rect"`
	Items    []string        `json:"items,omitempty"`
	Selected int             `json:"selected,omitempty"`
	Focused  bool            `json:"focused,omitempty"`
	Disabled bool            `json:"disabled,omitempty"`
}

// The screen's logical size.
const (
	ScreenWidth  = 1280
	ScreenHeight = 720
)

// Walker plays GetGo through a Driver, the way a player does, and keeps count of every
// kind of widget it saw and every one it pressed, so that a widget the walk never
// pressed is reported (see uncovered).
type Walker struct {
	t testing.TB
	d Driver
	// seen maps a widget's coverage key to an example of its label; pressed holds
	// the keys of the widgets pressed, clicked or typed into.
	seen    map[string]string
	pressed map[string]bool
	n       int // widgets pressed so far: even ones are clicked, odd ones reached by keys
	// Short walks only the main path: every phase, a failed test and its pivot, one
	// living turn, the export and loading figures, without visiting every option,
	// every help and every way back, and without the check that every kind of widget
	// was pressed. It is for a browser on a slow machine, where a frame takes a
	// fifth of a second.
	Short bool
	// OnExport, if set, is called on the export page before its file is written.
	OnExport func()
}

// New returns a Walker that plays through d and reports to t.
func New(t testing.TB, d Driver) *Walker {
	return &Walker{t: t, d: d, seen: map[string]string{}, pressed: map[string]bool{}}
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
func (w *Walker) look() []Widget {
	ws := w.d.Widgets()
	scene := ws[0].Name
	for _, it := range ws {
		if it.Kind == "scene" || it.Kind == "status" || it.Kind == "other" || it.Disabled {
			continue // "other" are scrollbars, which scroll but do nothing
		}
		w.seen[coverageKey(scene, it)] = it.Name
	}
	return ws
}

func (w *Walker) scene() string { return w.look()[0].Name }

// status is the status line's text.
func (w *Walker) status() string {
	for _, it := range w.look() {
		if it.Kind == "status" {
			return it.Name
		}
	}
	return ""
}

// find returns the widget of the kind whose label (without its mark) is name, or else
// the first whose label starts with name.
func (w *Walker) find(kind, name string) (Widget, bool) {
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
func (w *Walker) names(kind string) []string {
	var out []string
	for _, it := range w.look() {
		if it.Kind == kind {
			out = append(out, it.Name)
		}
	}
	return out
}

func (w *Walker) must(kind, name string) Widget {
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
func (w *Walker) press(name string) {
	w.t.Helper()
	b := w.must("button", name)
	scene := w.scene()
	w.pressed[coverageKey(scene, b)] = true
	w.n++
	if w.n%2 == 0 {
		if !b.Rect.In(image.Rect(0, 0, ScreenWidth, ScreenHeight)) {
			w.fatalf("%s: button %q is laid out at %v, off the screen", scene, b.Name, b.Rect)
		}
		w.d.Click(b.Name, centre(b.Rect))
		return
	}
	w.focus(b)
	if w.n%4 == 1 {
		w.d.Key(b.Name, "Space")
	} else {
		w.d.Key(b.Name, "Enter")
	}
}

// focus gives the keyboard to it by pressing Tab (or Shift-Tab, whichever is
// shorter), checking that it comes round.
func (w *Walker) focus(it Widget) {
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
	w.keys(it.Name, k, steps)
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
func (w *Walker) fill(name, text string, save ...string) {
	w.t.Helper()
	f := w.must("field", name)
	w.pressed[coverageKey(w.scene(), f)] = true
	w.d.Click(f.Name, image.Pt(f.Rect.Max.X-6, centre(f.Rect).Y))
	w.d.Key(f.Name, "End")
	w.keys(f.Name, "Backspace", len([]rune(f.Text)))
	w.d.Type(f.Name, text)
	if len(save) > 0 {
		w.press(save[0])
		return
	}
	w.d.Key(f.Name, "Enter")
}

// choose selects entry i of the list named name with the arrow keys.
func (w *Walker) choose(name string, i int) {
	w.t.Helper()
	l := w.must("list", name)
	w.pressed[coverageKey(w.scene(), l)] = true
	w.focus(l)
	for range 3 {
		l = w.must("list", name)
		switch d := i - l.Selected; {
		case d == 0:
			return
		case d > 0:
			w.keys(name, "Down", d)
		default:
			w.keys(name, "Up", -d)
		}
	}
	w.fatalf("%s: could not select entry %d (%q) of %s: selected is %d", w.scene(), i, l.Items[i], name, l.Selected)
}

// buttons lists the labels of the buttons on screen that are not in skip.
func (w *Walker) buttons(skip ...string) []string {
	var out []string
	for _, it := range w.look() {
		if it.Kind == "button" && !it.Disabled && !slices.Contains(skip, bare(it.Name)) {
			out = append(out, bare(it.Name))
		}
	}
	return out
}

// uncovered lists the kinds of widget seen but never pressed.
func (w *Walker) uncovered() []string {
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
func (w *Walker) checkStatus(when, want string) {
	w.t.Helper()
	if st := w.status(); !strings.Contains(st, want) {
		w.t.Errorf("%s: status %q, want it to say %q", when, st, want)
	}
}

// checkScene fails unless the screen is the one headed want.
func (w *Walker) checkScene(when, want string) {
	w.t.Helper()
	if got := w.scene(); got != want {
		w.fatalf("%s: the screen is %q (status %q), want %q", when, got, w.status(), want)
	}
}

// planByTitle is the plan's canvas by box title.
func planByTitle() map[string]game.Box {
	out := map[string]game.Box{}
	for _, b := range game.Boxes() {
		if _, ok := Plan[b.ID]; ok {
			out[b.Title] = b
		}
	}
	return out
}

// shortName is a phase's name on a button (screens.shortName).
func shortName(ph game.Phase) string {
	switch ph {
	case game.PhaseKind:
		return "Kind of co-op"
	case game.PhaseCanvas:
		return "Canvas"
	}
	return ph.String()
}

// footer are the buttons every phase page has, besides the options of its body.
func footer() []string {
	out := []string{"Menu (Esc)", "Help (F1)"}
	for _, ph := range game.Phases() {
		out = append(out, "← "+shortName(ph), "Next: "+shortName(ph)+" →")
	}
	return out
}

// A Refresher reads the screen afresh; a driver that keeps what it last saw
// implements it, for what arrives on a later frame (a chosen file).
type Refresher interface{ Refresh() }

// await reads the screen until it is the scene headed want, for a while.
func (w *Walker) await(want string) {
	w.t.Helper()
	r, ok := w.d.(Refresher)
	for i := 0; ok && i < 50 && w.scene() != want; i++ {
		r.Refresh()
	}
}

// Stopped is the panic that ends a walk that cannot go on, the test marked failed
// already: a driver on a game loop cannot call t.Fatal, since the loop's goroutine
// must keep running. PlayAll recovers it.
type Stopped struct{}

// fatalf reports a failure and stops the walk.
func (w *Walker) fatalf(format string, args ...any) {
	w.t.Helper()
	w.t.Errorf(format, args...)
	panic(Stopped{})
}

// untilStopped runs walk, turning a stopped walk into a return.
func untilStopped(walk func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(Stopped); !ok {
				panic(r)
			}
		}
	}()
	walk()
}

// PlayAll walks the whole game through the driver from the title screen: every
// question and canvas box answered, a test failed and pivoted, twelve living turns
// pressing every focus, grant use, card response and trade, a failure and a restart,
// the export, loading a co-op's figures (asked first, as a co-op is in play), Continue
// and the help of every screen. figures is the path the figures screen is given.
func (w *Walker) PlayAll(figures string, canQuit bool) {
	w.t.Helper()
	untilStopped(func() { w.playAll(figures, canQuit) })
}

func (w *Walker) playAll(figures string, canQuit bool) {
	t := w.t
	t.Helper()
	w.checkScene("start", "GetGo")
	w.helpAndBack("GetGo", "Help")
	w.d.Key("help", "F1")
	w.checkScene("F1 on the title", "Help: GetGo")
	w.d.Key("help", "Escape")
	w.checkScene("Esc on the help", "GetGo")
	w.press("New co-op")
	w.checkScene("New co-op", game.PhaseKind.String())
	if !w.Short {
		w.kind()
	}
	w.frame(game.PhaseKind.String())
	w.press("Next: Canvas →")
	w.checkScene("after phase 1", game.PhaseCanvas.String())
	w.canvas()
	w.frame(game.PhaseCanvas.String())
	w.press("Next: Test Canvas →")
	w.checkScene("after the canvas", game.PhaseTestCanvas.String())
	if !w.Short {
		w.testCanvas()
	}
	w.frame(game.PhaseTestCanvas.String())
	w.press("Next: Test Game →")
	w.checkScene("after the Test Canvas", game.PhaseTestGame.String())
	w.testGame()
	w.frame(game.PhaseTestGame.String())
	w.press("Next: Living Co-op →")
	w.checkScene("after the Test Game", game.PhaseLiving.String())
	if w.Short {
		w.living(1)
	} else {
		w.living(12)
	}
	w.frame(game.PhaseLiving.String())
	w.press("Next: Export →")
	w.checkScene("after the living co-op", game.PhaseExport.String())
	if w.OnExport != nil {
		w.OnExport()
	}
	w.press("Write the DACO file")
	w.checkStatus("Write", "DACO configuration written to")
	if !w.Short {
		w.fill("Save as", "walk-second.yaml")
		w.checkStatus("Enter in Save as", "walk-second.yaml")
	}
	w.frame(game.PhaseExport.String())

	// Loading figures with a co-op in play asks first, and keeps it.
	w.press("Load a co-op's figures")
	w.checkScene("Load on the export page", "Load a co-op's figures")
	w.helpAndBack("Load a co-op's figures", "Help (F1)")
	_, pick := w.find("button", "Choose a file…")
	w.fill("Figures file", figures, "Load")
	if pick {
		// A web page cannot open files by name: Load says so, and the player
		// chooses the file (the driver answers the browser's file chooser).
		w.checkStatus("Load in the browser", "Problem")
		w.press("Choose a file…")
		w.await("Keep the saved co-op")
	}
	w.checkScene("Load with a co-op in play", "Keep the saved co-op")
	w.helpAndBack("Keep the saved co-op", "Help (F1)")
	w.press("Continue the saved co-op")
	w.checkScene("Continue instead of the figures", game.PhaseExport.String())
	w.press("Load a co-op's figures")
	if pick {
		w.press("Choose a file…")
		w.await("Keep the saved co-op")
	} else {
		w.fill("Figures file", figures)
	}
	w.checkScene("Enter in the figures file", "Keep the saved co-op")
	w.press("Start from these figures")
	if sc := w.scene(); !slices.ContainsFunc(game.Phases(), func(p game.Phase) bool { return p.String() == sc }) {
		w.fatalf("the figures loaded: the screen is %q (status %q), want a phase of the game", sc, w.status())
	}
	loaded := w.scene()

	// The menu: Continue, New co-op (asks first), Menu from the confirmation.
	w.press("Menu (Esc)")
	w.press("Continue")
	w.checkScene("Continue", loaded)
	w.d.Key("menu", "Escape")
	w.checkScene("Esc on a phase", "GetGo")
	w.press("Load a co-op's figures")
	w.press("Menu (Esc)")
	w.press("New co-op")
	w.checkScene("New co-op with one in play", "Keep the saved co-op")
	w.press("Menu (Esc)")
	w.press("New co-op")
	w.press("Start a new co-op")
	w.checkScene("Start a new co-op", game.PhaseKind.String())
	if canQuit {
		w.press("Menu (Esc)")
		w.press("Quit")
	}
	if un := w.uncovered(); len(un) > 0 && !w.Short {
		t.Errorf("the walk never pressed %d kinds of widget it saw:\n  %s", len(un), strings.Join(un, "\n  "))
	}
}

// helpAndBack opens the help with the button called open and closes it with its
// button.
func (w *Walker) helpAndBack(scene, open string) {
	w.t.Helper()
	w.press(open)
	w.checkScene("help of "+scene, "Help: "+scene)
	w.press("Close help (Esc)")
	w.checkScene("help closed", scene)
}

// frame presses the buttons every phase page has: its help, the menu and Continue
// back, and the previous phase and Next back.
func (w *Walker) frame(scene string) {
	w.t.Helper()
	if w.Short {
		return
	}
	w.helpAndBack(scene, "Help (F1)")
	w.press("Menu (Esc)")
	w.checkScene("Menu", "GetGo")
	w.press("Continue")
	w.checkScene("Continue", scene)
	for _, b := range w.buttons() {
		if strings.HasPrefix(b, "← ") {
			w.press(b)
			next, ok := w.find("button", "Next: ")
			if !ok {
				w.fatalf("%s: no Next button after %q", w.scene(), b)
			}
			w.press(bare(next.Name))
			w.checkScene("back and Next again", scene)
			return
		}
	}
}

// options answers the open question or box with option buttons: each pressed in
// turn (twice for tick boxes, so they end as they were), then want (or, if want is
// "", the one chosen before).
func (w *Walker) options(want string, skip []string) {
	w.t.Helper()
	opts := w.buttons(skip...)
	chosen, ticks := "", false
	for _, it := range w.look() {
		if it.Kind != "button" || slices.Contains(skip, bare(it.Name)) {
			continue
		}
		if strings.HasPrefix(it.Name, "● ") {
			chosen = bare(it.Name)
		}
		if strings.HasPrefix(it.Name, "■ ") || strings.HasPrefix(it.Name, "□ ") {
			ticks = true
		}
	}
	for _, o := range opts {
		w.press(o)
		if ticks {
			w.press(o)
		}
	}
	if want == "" {
		want = chosen
	}
	if !ticks && want != "" {
		w.press(want)
	}
}

// title is the name in a picker's list entry: "● Price: 20" is Price.
func title(item string) string {
	name, _, _ := strings.Cut(bare(item), ":")
	return name
}

func (w *Walker) kind() {
	w.t.Helper()
	skip := append(footer(), "Save")
	l := w.must("list", "Questions")
	for i, item := range l.Items {
		w.choose("Questions", i)
		name := title(item)
		if f, ok := w.find("field", name); ok {
			save := []string{}
			if i%2 == 0 {
				save = append(save, "Save")
			}
			w.fill(name, f.Text, save...)
			w.checkStatus(name, "saved")
			continue
		}
		w.options("", skip)
	}
}

func (w *Walker) canvas() {
	w.t.Helper()
	w.press("Next: Test Canvas →")
	w.checkStatus("Next on an unfinished canvas", "still to fill in")
	boxes := planByTitle()
	skip := append(footer(), "Save", "Box by box", "The whole canvas")
	l := w.must("list", "Boxes")
	for i, item := range l.Items {
		var b game.Box
		for t, bb := range boxes {
			if strings.HasPrefix(bare(item), t+": ") && len(t) > len(b.Title) {
				b = bb
			}
		}
		if w.Short && b.ID != game.BoxHowMany && !strings.HasPrefix(item, "○") {
			continue // filled in already (from phase 1)
		}
		if b.ID == "" {
			w.choose("Boxes", i) // a box the plan leaves as the game filled it
			if f, ok := w.find("field", strings.TrimPrefix(title(item), "")); ok && f.Text != "" {
				w.fill(f.Name, f.Text, "Save")
			}
			continue
		}
		w.choose("Boxes", i)
		v := Plan[b.ID]
		if b.ID == game.BoxHowMany {
			v = "2000" // too hopeful: its test fails, to be pivoted
		}
		if len(b.Options) == 0 {
			w.fill(b.Title, v)
			w.checkStatus(b.Title, "saved")
			continue
		}
		want := ""
		for _, o := range b.Options {
			if o.Value == v {
				want = o.Label
			}
		}
		w.options(want, skip)
	}
	w.press("The whole canvas")
	w.press("Box by box")
	w.press("The whole canvas")
	w.press("Canvas box")
	if l := w.must("list", "Boxes"); l.Selected != 0 {
		w.t.Errorf("pressing the first box of the whole canvas selected entry %d, want 0", l.Selected)
	}
}

func (w *Walker) testCanvas() {
	w.t.Helper()
	for _, rating := range []string{"Importance", "Risk"} {
		chosen := ""
		for _, it := range w.look() {
			if it.Kind == "button" && strings.HasPrefix(it.Name, "● "+rating) {
				chosen = bare(it.Name)
			}
		}
		for v := 1; v <= 5; v++ {
			w.press(fmt.Sprintf("%s %d", rating, v))
		}
		w.press(chosen)
	}
	f := w.must("field", "Pass point")
	w.fill("Pass point", f.Text)
	w.fill("Pass point", f.Text, "Save")
	w.checkStatus("Pass point", "saved")
	w.press("Move down ↓ (PgDn)")
	w.press("Move up ↑ (PgUp)")
	w.d.Key("programme", "PageDown")
	w.d.Key("programme", "PageUp")
	w.checkStatus("Page Up", "is now test 1")
	w.press("Order the programme by importance × risk")
	l := w.must("list", "Test programme")
	w.choose("Test programme", len(l.Items)-1)
	w.choose("Test programme", 0)
}

func (w *Walker) testGame() {
	w.t.Helper()
	w.press("Run the next test")
	w.checkStatus("the first test", "FAIL")
	if f := w.must("field", "New guess"); f.Text != "2000" {
		w.t.Errorf("the pivot's guess starts as %q, want the guess tested, 2000", f.Text)
	}
	// A pivot of the pass point alone is flagged (and still fails: 2000 customers
	// are not found, whatever the bar).
	w.fill("New pass point", "100000", "Pivot and retest")
	w.checkStatus("a pivot of the pass point only", "Only the pass point moved")
	if l := w.must("list", "Tests"); !slices.ContainsFunc(l.Items, func(it string) bool {
		return strings.Contains(strings.ReplaceAll(it, "\n", " "), "pass point moved only")
	}) {
		w.t.Errorf("after a pivot of the pass point only, no test in the list says so: %q", l.Items)
	}
	w.fill("New guess", Plan[game.BoxHowMany])
	w.fill("New pass point", "120", "Pivot and retest")
	w.checkStatus("the pivot", "PASS")
	w.press("Run this test")
	w.press("Weeks")
	w.press("Months")
	for i := 0; !strings.Contains(w.status(), "Every test has passed"); i++ {
		if i == 30 {
			w.fatalf("30 presses of Run the next test and not every test passed: %q", w.status())
		}
		w.press("Run the next test")
	}
	w.press("Run the next test")
	l := w.must("list", "Tests")
	w.choose("Tests", len(l.Items)-1)
}

// living plays turns monthly turns, then makes the co-op fail and restarts it.
func (w *Walker) living(turns int) {
	w.t.Helper()
	tabs := []string{"Decisions", "Choices", "Budget", "Charts", "Horizon cards", "Trades", "Lessons"}
	fixed := append(footer(), tabs...)
	for turn := range turns {
		w.press("Decisions")
		if turn == 0 && !w.Short {
			for _, name := range []string{"Price", "Pay", "Workers", "Marketing", "Offer"} {
				f := w.must("field", name)
				w.fill(name, f.Text)
			}
			w.fill("Price", "twenty")
			w.checkStatus("a price in words", "want a number")
			w.fill("Price", w.must("field", "Pay").Text) // any number will do for now
			w.fill("Price", Plan[game.BoxPrice])
			w.press("Ask the Foundation for an apprentice")
			w.press("Ask the Foundation for an apprentice")
			w.press("Take the Foundation's start-up funding")
			w.press("Take the Foundation's start-up funding")
		}
		for _, tab := range tabs[1:] {
			w.press(tab)
			switch tab {
			case "Choices":
				w.press(game.Activities[turn%len(game.Activities)].Label)
				w.press(game.GrantUses[turn%len(game.GrantUses)].Label)
				w.press(game.SurplusUses[turn%len(game.SurplusUses)].Label)
			case "Horizon cards":
			responses:
				for _, b := range w.buttons(fixed...) {
					for _, p := range append(tabs, "Play ") {
						if strings.HasPrefix(b, p) {
							continue responses
						}
					}
					w.press(b)
				}
			case "Trades":
				for _, it := range w.look() {
					if it.Kind == "button" && bare(it.Name) == "Accept" {
						w.pressed[coverageKey(w.scene(), it)] = true
						w.d.Click("Accept", centre(it.Rect))
					}
				}
			}
		}
		w.press("Play month")
		w.checkStatus(fmt.Sprintf("turn %d", turn+1), "Turn played and saved")
	}
	if w.Short {
		return
	}
	w.press("Decisions")
	w.fill("Pay", "5000")
	for i := 0; ; i++ {
		if _, ok := w.find("button", "Start the living co-op again"); ok {
			break
		}
		if i == 12 {
			w.fatalf("paying 5000 tokens a month each did not fail in 12 months: %q", w.status())
		}
		w.press("Play month")
	}
	w.checkStatus("the failure", "The co-op has failed")
	w.press("Start the living co-op again")
	if _, ok := w.find("button", "Start the living co-op again"); ok {
		w.t.Error("the restart button is still there after restarting")
	}
}

// Plan is a canvas that passes its tests in the getgo scenario with seed 1 (the same
// plan as the game package's tests): three founders offering care at the market price.
var Plan = map[string]string{
	game.BoxCoproduction: "With the families we care for", game.BoxCustomers: "Older people living at home",
	game.BoxWhy: "They want to stay independent", game.BoxHowMany: "150", game.BoxValue: "Daily visits and help",
	game.BoxPrice: "20", game.BoxAfford: "Market price in the simulated economy", game.BoxChannels: "Word of mouth and a website",
	game.BoxMarketing: "200", game.BoxRelationships: "A weekly call", game.BoxActivities: "Visits, scheduling, training",
	game.BoxBurn: "3", game.BoxMVS: "Visits in one locality", game.BoxResources: "Phones and a car",
	game.BoxFunding: "bootstrap", game.BoxStartFunds: "6000", game.BoxSuppliers: "A transport co-op",
	game.BoxChanges: "Cuts to household budgets", game.BoxLikelihood: "medium",
	game.BoxOnline: "hybrid", game.BoxOffering: "service",
}

// Smoke is a short walk for a slow browser (an action takes seconds in headless
// Chromium on a loaded machine, so PlayAll would take most of an hour): the title's
// help by key and by button, a new co-op, an option of phase 1, a refusal on the
// canvas, the whole canvas and one of its boxes, the menu, and a co-op's figures chosen
// through the file chooser with a co-op in play (asked first), then that co-op's help
// and Continue.
func (w *Walker) Smoke(figures string) {
	w.t.Helper()
	untilStopped(func() {
		w.checkScene("start", "GetGo")
		w.d.Key("help", "F1")
		w.checkScene("F1 on the title", "Help: GetGo")
		w.d.Key("help", "Escape")
		w.checkScene("Esc on the help", "GetGo")
		w.helpAndBack("GetGo", "Help")
		w.press("New co-op")
		w.checkScene("New co-op", game.PhaseKind.String())
		w.choose("Questions", 1)
		w.press("Producer co-op")
		w.press("Worker co-op")
		w.press("Next: Canvas →")
		w.checkScene("after phase 1", game.PhaseCanvas.String())
		w.press("Next: Test Canvas →")
		w.checkStatus("Next on an unfinished canvas", "still to fill in")
		w.press("The whole canvas")
		w.press("Canvas box")
		w.press("Menu (Esc)")
		w.press("Load a co-op's figures")
		w.checkScene("Load", "Load a co-op's figures")
		w.press("Choose a file…")
		w.await("Keep the saved co-op")
		w.checkScene("a file chosen with a co-op in play", "Keep the saved co-op")
		w.press("Start from these figures")
		loaded := w.scene()
		if !slices.ContainsFunc(game.Phases(), func(p game.Phase) bool { return p.String() == loaded }) {
			w.fatalf("the figures loaded: the screen is %q (status %q), want a phase of the game", loaded, w.status())
		}
		w.helpAndBack(loaded, "Help (F1)")
		w.press("Menu (Esc)")
		w.press("Continue")
		w.checkScene("Continue", loaded)
	})
}

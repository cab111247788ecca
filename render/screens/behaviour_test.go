package screens

import (
	"errors"
	"strings"
	"testing"

	"github.com/copex/copex/game"
)

// onLoop runs f inside the game loop when there is one (so that drawing works), and
// directly otherwise: these tests drive scenes through their methods and need no
// pixels.
func onLoop(t *testing.T, f func()) {
	t.Helper()
	if loop == nil {
		f()
		return
	}
	loop.run(f)
}

func newTestApp(t *testing.T, opts Options) *App {
	t.Helper()
	a, err := NewApp(opts)
	if err != nil {
		t.Fatalf("NewApp: %v", err)
	}
	return a
}

func TestCanvasInputIsCheckedByTheGame(t *testing.T) {
	g := atCanvas(t)
	var cs *canvasScene
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		cs = a.Scene().(*canvasScene)
	})
	fp := cs.fields
	i := -1
	for j, f := range fp.fields {
		if f.id == game.BoxCustomers {
			i = j
		}
	}
	if i < 0 {
		t.Fatal("no customers box on the canvas screen")
	}
	before := g.Canvas[game.BoxCustomers]
	long := strings.Repeat("ü漢字 ", 200) // 800 characters, not ASCII
	onLoop(t, func() {
		fp.show(i)
		fp.commit(fp.fields[i], long)
	})
	if got := g.Canvas[game.BoxCustomers]; got != before {
		t.Errorf("after a too-long entry the box is %q, want it unchanged (%q)", shorten(got, 20), before)
	}
	if st := cs.status.Label; !strings.HasPrefix(st, "Problem: ") {
		t.Errorf("status after a too-long entry = %q, want a Problem", st)
	}
	onLoop(t, func() { fp.commit(fp.fields[i], "Café co-op, 街の介護") })
	if st := cs.status.Label; !strings.Contains(st, "'街' (U+8857)") {
		t.Errorf("status after text the font cannot draw = %q, want it to name '街' (U+8857)", st)
	}
	const coop = "Café co-op, Ελληνικά, Кафе"
	onLoop(t, func() { fp.commit(fp.fields[i], coop) })
	if got := g.Canvas[game.BoxCustomers]; got != coop {
		t.Errorf("after a non-ASCII entry the box is %q, want %q", got, coop)
	}
	if st := cs.status.Label; !strings.HasPrefix(st, "Done: ") {
		t.Errorf("status after a good entry = %q, want Done", st)
	}
}

func TestAdvanceRefusalIsShown(t *testing.T) {
	g := newGame(t)
	must(t, g.Advance()) // to an empty canvas
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		p := a.Scene().(*canvasScene)
		a.advance(p.page)
		if a.Scene() != Scene(p) {
			t.Errorf("advanced past an empty canvas")
		}
		if st := p.status.Label; !strings.Contains(st, "Problem: ") || !strings.Contains(st, "still to fill in") {
			t.Errorf("status = %q, want the game's refusal", st)
		}
	})
}

func TestProgrammeMoves(t *testing.T) {
	g := atCanvas(t)
	must(t, g.Advance())
	first, second := g.Tests[0].Box, g.Tests[1].Box
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		s := a.Scene().(*testCanvasScene)
		s.Update(Input{MoveDown: true}) // Page Down moves the selected (first) test down
	})
	if g.Tests[0].Box != second || g.Tests[1].Box != first {
		t.Errorf("after Page Down the programme starts %s, %s; want %s, %s", g.Tests[0].Box, g.Tests[1].Box, second, first)
	}
}

func TestPivotAndRetest(t *testing.T) {
	g := atTestGame(t)
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		s := a.Scene().(*testGameScene)
		must(t, g.Pivot(game.BoxHowMany, "150", "120"))
		s.run(game.BoxHowMany)
		if st := s.status.Label; !strings.Contains(st, "PASS") {
			t.Errorf("status after the retest = %q, want PASS", st)
		}
	})
}

func TestTurnAutosaves(t *testing.T) {
	g := atLiving(t, 1)
	var saved []*game.Game
	onLoop(t, func() {
		a := newTestApp(t, Options{Autosave: func(g *game.Game) error { saved = append(saved, g); return nil }})
		a.play(g)
		a.Scene().(*livingScene).nextTurn()
		if len(g.Turns) != 2 {
			t.Errorf("%d turns played, want 2", len(g.Turns))
		}
	})
	if len(saved) != 1 || saved[0] != g {
		t.Errorf("autosaved %d times, want once after the turn", len(saved))
	}
}

func TestAutosaveFailureIsShown(t *testing.T) {
	g := atLiving(t, 1)
	onLoop(t, func() {
		a := newTestApp(t, Options{Autosave: func(*game.Game) error { return errors.New("disk full") }})
		a.play(g)
		a.Scene().(*livingScene).nextTurn()
		if st := a.Scene().(*livingScene).status.Label; !strings.Contains(st, "disk full") {
			t.Errorf("status after a failed autosave = %q, want it to say why", st)
		}
	})
}

func TestBadSaveOnTitle(t *testing.T) {
	_, err := game.Decode("save.json", []byte(`{"version": 1, "phase": `))
	if err == nil {
		t.Fatal("a truncated save decoded")
	}
	onLoop(t, func() {
		a := newTestApp(t, Options{SavedErr: err})
		if _, ok := a.Scene().(*titleScene); !ok {
			t.Fatalf("first scene %T, want the title", a.Scene())
		}
	})
}

func TestChartRedrawsOnlyOnChange(t *testing.T) {
	onLoop(t, func() {
		c := newChartImage(300, 200)
		s := chartSpec{title: "t", lines: []line{{ys: []float64{1, 2, 3}}}}
		c.set(s)
		c.set(s)
		if c.redraw != 1 {
			t.Errorf("drawn %d times for one spec, want 1", c.redraw)
		}
		s.lines = []line{{ys: []float64{1, 2, 4}}}
		c.set(s)
		if c.redraw != 2 {
			t.Errorf("drawn %d times after a change, want 2", c.redraw)
		}
	})
}

package screens

import (
	"maps"
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render/screens/walk"
)

// plan is a canvas that passes its tests in the getgo scenario with seed 1.
var plan = walk.Plan

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newGame is a new game in the default scenario with seed 1: phase 1.
func newGame(t *testing.T) *game.Game {
	t.Helper()
	g, err := game.New("", 1)
	must(t, err)
	return g
}

// atCanvas is phase 2 with the plan filled in.
func atCanvas(t *testing.T) *game.Game {
	t.Helper()
	g := newGame(t)
	must(t, g.Advance())
	for _, id := range slices.Sorted(maps.Keys(plan)) {
		must(t, g.SetBox(id, plan[id]))
	}
	return g
}

// atTestGame is phase 4 with a too-hopeful customers guess, tested and failed.
func atTestGame(t *testing.T) *game.Game {
	t.Helper()
	g := atCanvas(t)
	must(t, g.SetBox(game.BoxHowMany, "2000"))
	must(t, g.Advance())
	must(t, g.Advance())
	r, err := g.RunTest(game.BoxHowMany)
	must(t, err)
	if r.Passed {
		t.Fatalf("customers test passed with 2000 customers: %+v", r)
	}
	return g
}

// passAll runs every test of a game in phase 4 to a pass.
func passAll(t *testing.T, g *game.Game) {
	t.Helper()
	if g.NextTest() == game.BoxHowMany {
		must(t, g.Pivot(game.BoxHowMany, "150", "120"))
	}
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		r, err := g.RunTest(box)
		must(t, err)
		if !r.Passed {
			t.Fatalf("test %s failed: %+v", box, r)
		}
	}
}

// atLiving is phase 5 after turns monthly turns, every card answered with its first
// response.
func atLiving(t *testing.T, turns int) *game.Game {
	t.Helper()
	g := atTestGame(t)
	passAll(t, g)
	must(t, g.Advance())
	for range turns {
		d := g.NextDecisions()
		for _, c := range g.Living().PendingCards() {
			if d.Respond == nil {
				d.Respond = map[string]int{}
			}
			d.Respond[c.ID] = 0
		}
		must(t, g.Turn(d))
	}
	return g
}

// phaseShots are the golden screens of every phase, from fixed game states. Each
// builds its game state in the test's goroutine and returns what to show.
var phaseShots = map[string]func(t *testing.T) func(a *App){
	"phase1-kind": func(t *testing.T) func(a *App) {
		g := newGame(t)
		return func(a *App) { a.play(g) }
	},
	"phase2-canvas": func(t *testing.T) func(a *App) {
		g := atCanvas(t)
		return func(a *App) { a.play(g) }
	},
	"phase2-whole": func(t *testing.T) func(a *App) {
		g := atCanvas(t)
		return func(a *App) {
			a.play(g)
			settle(a) // a tab book chooses its tab once laid out
			s := a.Scene().(*canvasScene)
			s.book.SetTab(s.whole)
		}
	},
	"phase3-testcanvas": func(t *testing.T) func(a *App) {
		g := atCanvas(t)
		must(t, g.Advance())
		return func(a *App) { a.play(g) }
	},
	"phase4-testgame": func(t *testing.T) func(a *App) {
		g := atTestGame(t)
		return func(a *App) { a.play(g) }
	},
	"phase4-mvs": func(t *testing.T) func(a *App) {
		g := atTestGame(t)
		passAll(t, g)
		return func(a *App) { a.play(g) }
	},
	"phase5-living":  livingTab(tabDecisions),
	"phase5-choices": livingTab(tabChoices),
	"phase5-budget":  livingTab(tabBudget),
	"phase5-charts":  livingTab(tabCharts),
	"phase5-cards": func(t *testing.T) func(a *App) {
		g := atLiving(t, 2)
		for i := 0; len(g.Living().PendingCards()) == 0; i++ {
			if i == 24 {
				t.Fatal("no horizon card in 24 more turns")
			}
			d := g.NextDecisions()
			d.Activity = "scanning"
			must(t, g.Turn(d))
		}
		return func(a *App) {
			a.game = g
			a.GoTo(a.livingScene(tabCards))
		}
	},
	"phase5-lessons": livingTab(tabLessons),
	"phase5-failed": func(t *testing.T) func(a *App) {
		g := atLiving(t, 0)
		for i := 0; !g.Living().Failed; i++ {
			if i == 12 {
				t.Fatal("paying 5000 tokens a month each did not fail in 12 months")
			}
			d := g.NextDecisions()
			d.Pay = 5000 // far beyond what sales bring in
			must(t, g.Turn(d))
		}
		return func(a *App) { a.play(g) }
	},
	"phase6-export": func(t *testing.T) func(a *App) {
		g := atLiving(t, 3)
		must(t, g.Advance())
		return func(a *App) { a.play(g) }
	},
	"figures": func(t *testing.T) func(a *App) {
		return func(a *App) { a.GoTo(a.figuresScene("Problem: open figures.yaml: no such file or directory")) }
	},
}

// settle runs the App for a tick and a frame, so its widgets are laid out.
func settle(a *App) {
	if scratch == nil {
		scratch = ebiten.NewImage(ScreenWidth, ScreenHeight)
	}
	a.tick(Input{})
	a.Draw(scratch)
}

// scratch is where settle draws; only the game loop's goroutine uses it.
var scratch *ebiten.Image

// livingTab shows a tab of the living co-op after eight monthly turns.
func livingTab(tab int) func(t *testing.T) func(a *App) {
	return func(t *testing.T) func(a *App) {
		g := atLiving(t, 8)
		return func(a *App) {
			a.game = g
			a.GoTo(a.livingScene(tab))
		}
	}
}

func TestPhaseScreens(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(phaseShots)) {
		t.Run(name, func(t *testing.T) {
			if loop == nil {
				t.Skip("no display: screen tests need one (run under xvfb-run -a)")
			}
			got := shoot(t, phaseShots[name](t))
			if n := distinctColours(got, 50); n < 20 {
				t.Errorf("%s: %d colours on screen, want at least 20 (is it blank?)", name, n)
			}
			checkGolden(t, name, got)
		})
	}
}

package screens

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/copex/copex/game"
)

// TestPlayThrough plays a whole game through the screens, as a player would: every
// change goes through a scene, and the game's state is checked at the end.
func TestPlayThrough(t *testing.T) {
	saves := 0
	files := map[string][]byte{}
	opts := Options{
		Seed:      1,
		Autosave:  func(*game.Game) error { saves++; return nil },
		WriteFile: func(name string, data []byte) error { files[name] = data; return nil },
	}
	onLoop(t, func() {
		a := newTestApp(t, opts)
		a.newCoop()
		kind, ok := a.Scene().(*kindScene)
		if !ok {
			t.Fatalf("New co-op led to %T, want phase 1", a.Scene())
		}
		a.advance(kind.page)
		cs, ok := a.Scene().(*canvasScene)
		if !ok {
			t.Fatalf("after phase 1: %T (%s), want the canvas", a.Scene(), kind.status.Label)
		}
		for i, f := range cs.fields.fields {
			if v, ok := plan[f.id]; ok {
				cs.fields.show(i)
				if !cs.fields.commit(f, v) {
					t.Fatalf("canvas %s = %q refused: %s", f.id, v, cs.status.Label)
				}
			}
		}
		a.advance(cs.page)
		tc, ok := a.Scene().(*testCanvasScene)
		if !ok {
			t.Fatalf("after the canvas: %T (%s), want the Test Canvas", a.Scene(), cs.status.Label)
		}
		a.advance(tc.page)
		tg, ok := a.Scene().(*testGameScene)
		if !ok {
			t.Fatalf("after the Test Canvas: %T, want the Test Game", a.Scene())
		}
		for range len(a.game.Tests) {
			tg.runNext()
		}
		if next := a.game.NextTest(); next != "" {
			t.Fatalf("test %s still to pass: %s", next, tg.status.Label)
		}
		a.advance(tg.page)
		lv, ok := a.Scene().(*livingScene)
		if !ok {
			t.Fatalf("after the Test Game: %T (%s), want the Living Co-op", a.Scene(), tg.status.Label)
		}
		for range 3 {
			lv.nextTurn()
			lv = a.Scene().(*livingScene)
		}
		if n := len(a.game.Turns); n != 3 {
			t.Fatalf("%d turns played, want 3 (%s)", n, lv.status.Label)
		}
		a.advance(lv.page)
		ex, ok := a.Scene().(*exportScene)
		if !ok {
			t.Fatalf("after the Living Co-op: %T, want Export", a.Scene())
		}
		ex.write("our-co-op-daco.yaml")
		want, err := a.game.ExportDACO()
		must(t, err)
		if got := files["our-co-op-daco.yaml"]; !bytes.Equal(got, want) {
			t.Errorf("wrote %d bytes of DACO, want the game's %d", len(got), len(want))
		}
		a.toTitle()
		a.continueSaved()
		if _, ok := a.Scene().(*exportScene); !ok {
			t.Errorf("Continue led to %T, want back to Export", a.Scene())
		}
	})
	// One save for each change of phase and each turn.
	if want := 5 + 3; saves != want {
		t.Errorf("autosaved %d times, want %d", saves, want)
	}
}

func TestFiguresErrorsShown(t *testing.T) {
	onLoop(t, func() {
		a := newTestApp(t, Options{
			ReadFile: func(string) ([]byte, error) { return []byte("name: [unclosed\n"), nil },
		})
		a.openFigures("bad.yaml")
		s, ok := a.Scene().(*figuresScene)
		if !ok {
			t.Fatalf("bad figures led to %T, want the figures screen", a.Scene())
		}
		if st := s.status.Label; len(st) < 10 || st[:8] != "Problem:" {
			t.Errorf("status = %q, want the problem", st)
		}
	})
}

func TestFiguresLoad(t *testing.T) {
	onLoop(t, func() {
		a := newTestApp(t, Options{ReadFile: os.ReadFile})
		a.openFigures(filepath.Join("..", "..", "game", "testdata", "riverside.yaml"))
		switch a.Scene().(type) {
		case *livingScene, *testCanvasScene, *testGameScene:
		default:
			t.Errorf("a co-op's figures led to %T, want the innovation's tests or the Living Co-op", a.Scene())
			return
		}
		if a.game.Name() == "" {
			t.Error("the figures' co-op has no name")
		}
	})
}

func TestEveryScreenHasHelp(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(phaseShots)) {
		show := phaseShots[name](t)
		onLoop(t, func() {
			a := newTestApp(t, Options{})
			show(a)
			heading, body := a.Scene().Help()
			if heading == "" || len(body) < 100 {
				t.Errorf("%s: help %q is missing or too short (%d characters)", name, heading, len(body))
			}
			a.ShowHelp()
			if a.help == nil {
				t.Errorf("%s: no help overlay", name)
			}
			if err := a.tick(Input{Back: true}); err != nil || a.help != nil {
				t.Errorf("%s: Esc did not close the help (err %v)", name, err)
			}
		})
	}
}

// TestFiguresExample checks that the example on the figures screen is a file the game
// accepts.
func TestFiguresExample(t *testing.T) {
	if _, err := game.FromFigures("example", []byte(figuresExample), "", 1); err != nil {
		t.Errorf("the figures screen's example is refused: %v", err)
	}
}

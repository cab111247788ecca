package screens

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/game"
)

// atTrades is the living co-op played month by month (seed 1) until the Exchange
// Platform has a trade proposal on it.
func atTrades(t *testing.T) *game.Game {
	t.Helper()
	g := atLiving(t, 0)
	for i := 0; len(g.Living().Proposals) == 0; i++ {
		if i == 36 {
			t.Fatal("no trade proposal in 36 turns")
		}
		d := g.NextDecisions()
		for _, c := range g.Living().PendingCards() {
			if d.Respond == nil {
				d.Respond = map[string]int{}
			}
			d.Respond[c.ID] = 0
		}
		must(t, g.Turn(d))
		if g.Living().Failed {
			t.Fatal("the co-op failed before a trade proposal came")
		}
	}
	return g
}

// atWeekly is the living co-op on weekly turns, after one week.
func atWeekly(t *testing.T) *game.Game {
	t.Helper()
	g := atTestGame(t)
	passAll(t, g)
	must(t, g.Advance())
	must(t, g.SetTurnLength("week"))
	must(t, g.Turn(g.NextDecisions()))
	return g
}

// atFailed is the living co-op failed by paying far more than it earns.
func atFailed(t *testing.T) *game.Game {
	t.Helper()
	g := atLiving(t, 0)
	for i := 0; !g.Living().Failed; i++ {
		if i == 12 {
			t.Fatal("paying 5000 tokens a month each did not fail in 12 months")
		}
		d := g.NextDecisions()
		d.Pay = 5000 // far beyond what sales bring in
		must(t, g.Turn(d))
	}
	return g
}

func init() {
	phaseShots["phase5-trades"] = func(t *testing.T) func(a *App) {
		g := atTrades(t)
		return func(a *App) {
			a.game = g
			a.GoTo(a.livingScene(tabTrades))
		}
	}
	phaseShots["phase5-weekly"] = func(t *testing.T) func(a *App) {
		g := atWeekly(t)
		return func(a *App) {
			a.game = g
			a.GoTo(a.livingScene(tabDecisions))
		}
	}
}

func TestWeeklyTurnsNameTheWeek(t *testing.T) {
	g := atWeekly(t)
	lv := g.Living()
	if lv.Week != 2 {
		t.Fatalf("after one weekly turn the next week is %d, want 2", lv.Week)
	}
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		settle(a) // a button makes its label when first laid out
		s, ok := a.Scene().(*livingScene)
		if !ok {
			t.Errorf("scene is %T, want the living co-op", a.Scene())
			return
		}
		want := fmt.Sprintf("Play week 2 of month %d →", lv.Month)
		if got := s.play.Text().Label; got != want {
			t.Errorf("play button says %q, want %q", got, want)
		}
	})
}

func TestRestartAfterFailure(t *testing.T) {
	g := atFailed(t)
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		a.play(g)
		settle(a) // a button makes its label when first laid out
		s, ok := a.Scene().(*livingScene)
		if !ok {
			t.Errorf("scene is %T, want the living co-op", a.Scene())
			return
		}
		if s.restart == nil {
			t.Error("no restart button after the co-op failed")
			return
		}
		s.restart.Click()
		settle(a) // ebitenui fires a click's handlers on the next update
		if _, ok := a.Scene().(*livingScene); !ok || a.Scene() == Scene(s) {
			t.Errorf("after restart the scene is %T (same: %v), want a new living co-op", a.Scene(), a.Scene() == Scene(s))
		}
	})
	if g.Living().Failed {
		t.Error("after restart the co-op is still failed")
	}
	if len(g.Turns) != 0 {
		t.Errorf("after restart %d turns remain, want 0", len(g.Turns))
	}
}

// TestEventCardShowsAdviceOnly clicks a response to a card of a scenario's horizon
// event, whose Cost and Mitigation are 0 because the engine applies the event: what
// the screen says must be the response's advice, not a cost and a share averted.
func TestEventCardShowsAdviceOnly(t *testing.T) {
	if loop == nil {
		t.Skip("no display: screen tests need one (run under xvfb-run -a)")
	}
	show := phaseShots["phase5-cards"](t)
	onLoop(t, func() {
		a := newTestApp(t, Options{})
		show(a)
		d := newDesk(t, a)
		defer d.close()
		card := a.game.Living().PendingCards()[0]
		if card.Event == 0 {
			t.Errorf("card %q is of the game's deck, want a scenario's event", card.Kind)
			return
		}
		resp := card.Responses[0]
		var b Widget
		for _, w := range a.Widgets() {
			if w.Kind == "button" && strings.HasSuffix(w.Name, resp.Label) {
				b = w
			}
		}
		if b.Kind == "" {
			t.Errorf("no button for the response %q", resp.Label)
			return
		}
		d.Click(b.Name, image.Pt((b.Rect.Min.X+b.Rect.Max.X)/2, (b.Rect.Min.Y+b.Rect.Max.Y)/2))
		want := "Chosen: " + resp.Label + ". " + resp.Advice
		if got := a.page().status.Label; got != want {
			t.Errorf("after clicking %q the status says %q, want %q", resp.Label, got, want)
		}
	})
}

// atExisting is an existing co-op (game/testdata/riverside.yaml without its
// innovation, so it goes straight to the living co-op) after two monthly turns: its
// decisions show its customer base.
func atExisting(t *testing.T) *game.Game {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "game", "testdata", "riverside.yaml"))
	must(t, err)
	data = bytes.Replace(data, []byte("innovation: Evening visits"), []byte(`innovation: ""`), 1)
	g, err := game.FromFigures("riverside.yaml", data, "", 1)
	must(t, err)
	if g.Living() == nil {
		t.Fatal("riverside without an innovation is not in the living co-op")
	}
	for range 2 {
		must(t, g.Turn(g.NextDecisions()))
	}
	if g.Living().View.Base <= 0 {
		t.Fatalf("riverside's customer base is %v, want some", g.Living().View.Base)
	}
	return g
}

func init() {
	phaseShots["phase5-existing"] = func(t *testing.T) func(a *App) {
		g := atExisting(t)
		return func(a *App) {
			a.game = g
			a.GoTo(a.livingScene(tabDecisions))
		}
	}
}

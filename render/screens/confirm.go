package screens

import (
	"fmt"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// confirmScene asks before a new game (a new co-op, or one from a co-op's figures)
// takes the place of the co-op in play or saved: nothing is lost either way, since a
// save is only ever overwritten by its own game (game.Store), but the player should
// know where the old co-op went before starting another.
type confirmScene struct {
	*page
}

// coopWords describes a game in a few words: its name, phase and turns played.
func coopWords(g *game.Game) string {
	name := g.Name()
	if name == "" {
		name = "a co-op with no name yet"
	} else {
		name = "“" + shorten(name, 40) + "”"
	}
	s := fmt.Sprintf("%s, in phase %d (%s)", name, int(g.Phase), g.Phase)
	if n := len(g.Turns); n > 0 {
		s += ", " + plural(n, "turn", "turns") + " played"
	}
	return s
}

func (a *App) confirmScene(heading string, old *game.Game, yes string, start func()) Scene {
	s := &confirmScene{page: a.newPage(0, heading)}
	th := a.theme
	col := column(16, widget.NewInsetsSimple(0), widget.ContainerOpts.WidgetOpts(fill()))
	col.AddChild(label("You have a co-op saved: "+coopWords(old)+".", th.Bold, render.Ink, ScreenWidth-64))
	col.AddChild(label("Starting another does not delete it. Its autosave is kept as it is, and the new co-op is saved in a new file beside it (the line above the buttons will say which). To carry on with the saved co-op instead, press “Continue the saved co-op”.", th.Body, render.Ink, ScreenWidth-64))
	s.body.AddChild(col)
	s.addButton(yes+" (keep the saved one)", start)
	s.addButton("Continue the saved co-op", a.continueSaved)
	s.addButton("Menu (Esc)", a.toTitle)
	s.addButton("Help (F1)", a.ShowHelp)
	return s
}

func (s *confirmScene) Update(in Input) error     { return s.update(in) }
func (s *confirmScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *confirmScene) Help() (heading, body string) {
	return "Keep the saved co-op", `GetGo never writes one co-op's save over another's. When you start a new co-op, or start from a co-op's figures, while another is saved, the saved one is kept and the new one is saved beside it.

Press the first button to start the new co-op; "Continue the saved co-op" to go back to the one you have; Menu (Esc) to do neither.`
}

package screens

import (
	"fmt"

	"github.com/copex/copex/game"
)

// toTitle shows the menu; the game in play stays in memory for Continue.
func (a *App) toTitle() { a.GoTo(a.titleScene("")) }

// newCoop starts a game from phase 1, asking first when a co-op is saved or in play.
func (a *App) newCoop() {
	a.askFirst("Start a new co-op?", "Start a new co-op", a.startNew)
}

// startNew starts a game from phase 1.
func (a *App) startNew() {
	g, err := game.New(a.opts.Scenario, a.opts.Seed)
	if err != nil {
		a.GoTo(a.titleScene(fmt.Sprintf("Could not start a new co-op: %v", err)))
		return
	}
	a.play(g)
}

// play makes g the game in play and shows its phase.
func (a *App) play(g *game.Game) {
	a.game = g
	a.GoTo(a.phaseScene())
}

// continueSaved carries on with the game in play, or else the autosave.
func (a *App) continueSaved() {
	switch {
	case a.game != nil:
		a.GoTo(a.phaseScene())
	case a.saved != nil:
		a.play(a.saved)
	default:
		a.GoTo(a.titleScene("There is no autosave yet: start a new co-op."))
	}
}

// phaseScene is the scene for the game's current phase.
func (a *App) phaseScene() Scene {
	switch a.game.Phase {
	case game.PhaseKind:
		return a.kindScene()
	case game.PhaseCanvas:
		return a.canvasScene()
	case game.PhaseTestCanvas:
		return a.testCanvasScene()
	case game.PhaseTestGame:
		return a.testGameScene()
	case game.PhaseLiving:
		return a.livingScene(tabDecisions)
	case game.PhaseExport:
		return a.exportScene()
	}
	// Decode refuses a save with any other phase, so this is not reached.
	return a.messageScene(a.game.Phase.String(), "This game is in a phase GetGo does not know. Go back to the menu and start a new co-op.")
}

// advance moves the game to its next phase, or shows why it cannot yet.
func (a *App) advance(p *page) {
	if err := a.game.Advance(); err != nil {
		p.refuse(err)
		return
	}
	a.saveErr = a.autosave()
	a.GoTo(a.phaseScene())
}

// goPhase revisits an earlier phase.
func (a *App) goPhase(ph game.Phase, p *page) {
	if err := a.game.GoTo(ph); err != nil {
		p.refuse(err)
		return
	}
	a.GoTo(a.phaseScene())
}

// autosave stores the game through the main package's callback.
func (a *App) autosave() error {
	if a.opts.Autosave == nil || a.game == nil {
		return nil
	}
	if err := a.opts.Autosave(a.game); err != nil {
		return fmt.Errorf("the game could not be saved (%w); play on, it will try again after the next turn", err)
	}
	return nil
}

// loadFigures asks for a co-op's figures file.
func (a *App) loadFigures() { a.GoTo(a.figuresScene("")) }

// openFigures starts a game from the figures file at path, or shows why it cannot.
func (a *App) openFigures(path string) {
	if a.opts.ReadFile == nil {
		a.GoTo(a.figuresScene("Problem: this version of the game cannot open files."))
		return
	}
	data, err := a.opts.ReadFile(path)
	if err != nil {
		a.GoTo(a.figuresScene(fmt.Sprintf("Problem: %v", err)))
		return
	}
	a.startFromFigures(path, data)
}

// pickFigures asks the player to choose a figures file (see Options.PickFile).
func (a *App) pickFigures() {
	a.opts.PickFile(func(name string, data []byte, err error) {
		select {
		case a.picked <- pickedFile{name, data, err}:
		default: // a file chosen before the last one was taken is dropped
		}
	})
}

// figuresPicked starts a game from a chosen figures file, or shows why it cannot.
func (a *App) figuresPicked(f pickedFile) {
	if f.err != nil {
		a.GoTo(a.figuresScene(fmt.Sprintf("Problem: %v", f.err)))
		return
	}
	a.startFromFigures(f.name, f.data)
}

// startFromFigures starts a game from the figures in data (read from file name).
func (a *App) startFromFigures(name string, data []byte) {
	g, err := game.FromFigures(name, data, a.opts.Scenario, a.opts.Seed)
	if err != nil {
		a.GoTo(a.figuresScene(fmt.Sprintf("Problem: %v", err)))
		return
	}
	a.askFirst("Start from "+name+"?", "Start from these figures", func() {
		a.game = g
		a.saveErr = a.autosave()
		a.GoTo(a.phaseScene())
	})
}

// inPlay is the co-op a new game would take the place of: the one in play, else the
// autosave (nil: none).
func (a *App) inPlay() *game.Game {
	if a.game != nil {
		return a.game
	}
	return a.saved
}

// askFirst runs start at once when no co-op is saved or in play; otherwise it asks
// first, saying that the co-op in play is kept.
func (a *App) askFirst(heading, yes string, start func()) {
	old := a.inPlay()
	if old == nil {
		start()
		return
	}
	a.GoTo(a.confirmScene(heading, old, yes, start))
}

// SaveMoved tells the player, on the next page's status line, that the save at kept
// holds another co-op and was left as it is, and this game is saved at path instead.
// The main package calls it from its store's OnMove, on the game loop.
func (a *App) SaveMoved(kept, path string) {
	a.saveNote = fmt.Sprintf("Your other co-op's save %s is kept as it is; this co-op is saved to %s.", kept, path)
}

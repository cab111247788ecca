package screens

import (
	"fmt"
	"image/color"

	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// The logical screen size: the window can be resized freely, Ebiten scales this.
const (
	ScreenWidth  = 1280
	ScreenHeight = 720
)

// Input is what the player asked for in one tick, read once before any scene runs.
// Widgets (buttons, text fields, lists) read their own keys and mouse through ebitenui.
type Input struct {
	// Back is Esc: close the help, or leave the scene.
	Back bool
	// Help is F1, or ? outside a text field: show or hide the help.
	Help bool
	// MoveUp and MoveDown are Page Up and Page Down: move the selected item of an
	// ordered list.
	MoveUp, MoveDown bool
}

// readInput reads this tick's keys into actions. A ? typed into a text field is text,
// not a request for help.
func readInput(typing bool) Input {
	in := Input{
		Back: inpututil.IsKeyJustPressed(ebiten.KeyEscape),
		Help: inpututil.IsKeyJustPressed(ebiten.KeyF1),
	}
	if !typing {
		in.MoveUp = inpututil.IsKeyJustPressed(ebiten.KeyPageUp)
		in.MoveDown = inpututil.IsKeyJustPressed(ebiten.KeyPageDown)
		for _, r := range ebiten.AppendInputChars(nil) {
			if r == '?' {
				in.Help = true
			}
		}
	}
	return in
}

// A Scene is one screen of the game.
type Scene interface {
	// Update handles one tick's input.
	Update(in Input) error
	// Draw draws the scene; it changes nothing.
	Draw(screen *ebiten.Image)
	// Help returns the help overlay's heading and text for this scene.
	Help() (heading, body string)
}

// A widgetScene is built from ebitenui widgets; the App outlines its focused widget.
type widgetScene interface {
	UI() *ebitenui.UI
}

// A ringColourer chooses the colour of its focus outline (the default is Accent).
type ringColourer interface {
	RingColour() color.Color
}

// Options are what the main package hands the App: the autosave, where files come from,
// and the command line's choices. Nil functions mean "not available here".
type Options struct {
	// Saved is the autosaved game as loaded at start-up (nil: none), or SavedErr why
	// it could not be read (the unreadable save is left as it is).
	Saved    *game.Game
	SavedErr error
	// Autosave stores the game after every turn and every change of phase.
	Autosave func(g *game.Game) error
	// ReadFile and WriteFile reach the player's files (a co-op's figures, the DACO
	// export).
	ReadFile  func(name string) ([]byte, error)
	WriteFile func(name string, data []byte) error
	// PickFile asks the player to choose a file (in the browser, where files cannot be
	// opened by name) and later calls done with its name and contents, from any
	// goroutine; the App applies the result on its next tick.
	PickFile func(done func(name string, data []byte, err error))
	// FiguresPath is a co-op's figures file to start from, given on the command line.
	FiguresPath string
	// Scenario names the economy the game is played in ("" is the game's default).
	Scenario string
	// Seed seeds the game's simulated economy.
	Seed uint64
	// ReportWidgets makes the App note what is on the screen after every frame, for
	// LastWidgets (a browser test reads it from the page).
	ReportWidgets bool
}

// App is GetGo as an ebiten.Game: it reads input, runs the current scene and draws
// the help overlay over it.
type App struct {
	theme *Theme
	opts  Options
	scene Scene
	help  *helpOverlay
	quit  bool
	// game is the game in play (nil before one starts); saved is the autosave
	// loaded at start-up, for Continue.
	game, saved *game.Game
	// saveErr is why the last autosave failed, for the next page's status line.
	saveErr error
	picked  chan pickedFile // files chosen through Options.PickFile, for the next tick
	// livingCharts are the Living Co-op's charts, and testChart the Test Game's,
	// drawn afresh when their data change.
	livingCharts [4]*chartImage
	testChart    *chartImage
	last         []Widget // Widgets after the last frame (Options.ReportWidgets)
	saveNote     string   // where the autosave went, for the next page (SaveMoved)
}

// NewApp returns the game at its title screen.
func NewApp(opts Options) (*App, error) {
	th, err := NewTheme()
	if err != nil {
		return nil, err
	}
	a := &App{theme: th, opts: opts, picked: make(chan pickedFile, 1)}
	a.saved = opts.Saved
	notice := ""
	if opts.SavedErr != nil {
		notice = fmt.Sprintf("The autosave could not be read, and was left as it is: %v", opts.SavedErr)
	}
	a.GoTo(a.titleScene(notice))
	if opts.FiguresPath != "" {
		a.openFigures(opts.FiguresPath)
	}
	return a, nil
}

// GoTo makes s the current scene.
func (a *App) GoTo(s Scene) { a.scene = s }

// Scene returns the current scene.
func (a *App) Scene() Scene { return a.scene }

// Theme returns the App's fonts and styles.
func (a *App) Theme() *Theme { return a.theme }

// ShowHelp opens the current scene's help.
func (a *App) ShowHelp() {
	heading, body := a.scene.Help()
	a.help = newHelpOverlay(a.theme, heading, body, func() { a.help = nil })
}

// Quit ends the game at the next tick.
func (a *App) Quit() { a.quit = true }

// typing reports whether a text field has the keyboard.
func (a *App) typing() bool {
	ws, ok := a.scene.(widgetScene)
	if !ok || a.help != nil {
		return false
	}
	_, ok = ws.UI().GetFocusedWidget().(*widget.TextInput)
	return ok
}

// Update implements ebiten.Game.
func (a *App) Update() error { return a.update(readInput(a.typing())) }

// update runs one tick with the given input: a file chosen meanwhile is taken first.
func (a *App) update(in Input) error {
	if a.quit {
		return ebiten.Termination
	}
	select {
	case f := <-a.picked:
		a.figuresPicked(f)
	default:
	}
	return a.tick(in)
}

// pickedFile is a file the player chose through Options.PickFile.
type pickedFile struct {
	name string
	data []byte
	err  error
}

// tick runs one tick with the given input.
func (a *App) tick(in Input) error {
	if a.help != nil {
		if in.Back || in.Help {
			a.help = nil
			return nil
		}
		a.help.ui.Update()
		return nil
	}
	if in.Help {
		a.ShowHelp()
		return nil
	}
	return a.scene.Update(in)
}

// Draw implements ebiten.Game.
func (a *App) Draw(screen *ebiten.Image) {
	drawScene(screen, a.scene)
	if a.help != nil {
		a.help.draw(screen)
	}
	if a.opts.ReportWidgets {
		a.last = a.Widgets()
	}
}

// LastWidgets is Widgets as of the last frame drawn, when Options.ReportWidgets is
// set (nil before the first frame): what a test may read between frames.
func (a *App) LastWidgets() []Widget { return a.last }

// drawScene draws s and outlines its focused widget.
func drawScene(screen *ebiten.Image, s Scene) {
	s.Draw(screen)
	ws, ok := s.(widgetScene)
	if !ok {
		return
	}
	f := ws.UI().GetFocusedWidget()
	if f == nil {
		return
	}
	var ring color.Color = render.Accent
	if rc, ok := s.(ringColourer); ok {
		ring = rc.RingColour()
	}
	r := f.GetWidget().Rect
	if r.Empty() {
		return
	}
	const w = 3
	vector.StrokeRect(screen, float32(r.Min.X)-w, float32(r.Min.Y)-w, float32(r.Dx())+2*w, float32(r.Dy())+2*w, w, ring, false)
}

// Layout implements ebiten.Game: a fixed logical screen, scaled to the window.
func (a *App) Layout(_, _ int) (int, int) { return ScreenWidth, ScreenHeight }

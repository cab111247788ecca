package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render/screens"
	"github.com/copex/copex/scenarios"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr, ebiten.RunGame)) }

// run runs GetGo in a window through runGame (ebiten.RunGame) and returns the exit
// status: 0, 1 when the window cannot run, 2 for bad input (a flag, a figures file, a
// scenario, a save that --export cannot read, an --export onto a save). Every problem
// is one line on stderr; an unreadable save is also shown in the game. A save that
// holds another game is kept, and the line saying where this game goes instead is on
// stderr too.
func run(args []string, stderr io.Writer, runGame func(ebiten.Game) error) int {
	fs := flag.NewFlagSet("getgo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	save := fs.String("save", defaultSavePath(), "autosave `file`")
	figures := fs.String("figures", "", "start from a co-op's own figures (`FILE.yaml`)")
	scenario := fs.String("scenario", "", "the simulated economy to play in (`name` or file)")
	seed := fs.Uint64("seed", 1, "seed of the simulated economy")
	export := fs.String("export", "", "write the saved co-op's DACO configuration to `FILE.yaml` and exit, without a window")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "getgo: unexpected argument %q (see getgo -h)\n", fs.Arg(0))
		return 2
	}
	bad := func(err error) int { fmt.Fprintln(stderr, "getgo:", err); return 2 }
	var app *screens.App
	st := newStore(*save, func(kept, path string) {
		fmt.Fprintf(stderr, "getgo: the save %s holds another game and is kept; this game is saved to %s (continue it with --save %s)\n", kept, path, path)
		if app != nil {
			app.SaveMoved(kept, path)
		}
	})
	saved, savedErr := st.Load()
	if *export != "" {
		if savedErr != nil {
			return bad(savedErr)
		}
		if err := refuseSave(*export, *save); err != nil {
			return bad(fmt.Errorf("--export: %w", err))
		}
		if err := saved.WriteDACO(*export); err != nil {
			return bad(err)
		}
		return 0
	}
	// Check what the command line names before a window opens.
	if *figures != "" {
		if _, err := game.LoadFigures(*figures, *scenario, *seed); err != nil {
			return bad(err)
		}
	} else if _, err := game.New(*scenario, *seed); err != nil {
		return bad(err)
	}
	if errors.Is(savedErr, game.ErrNoSave) {
		savedErr = nil
	}
	if fs, ok := st.(*game.Store); ok && savedErr != nil && fs.Kept != "" {
		savedErr = fmt.Errorf("%w; it is kept untouched and new saves go to %s", savedErr, fs.Path)
	}
	if savedErr != nil {
		fmt.Fprintln(stderr, "getgo:", savedErr)
	}
	var err error
	app, err = screens.NewApp(screens.Options{
		Saved:       saved,
		SavedErr:    savedErr,
		Autosave:    st.Save,
		ReadFile:    readFile,
		WriteFile:   writeFile,
		PickFile:    pickFile,
		FiguresPath: *figures,
		Scenario:    *scenario,
		Seed:        *seed,
		// In the browser the page can read what is on the screen (for its test).
		ReportWidgets: reportWidgets,
	})
	if err != nil {
		fmt.Fprintln(stderr, "getgo:", err)
		return 1
	}
	frames := screens.OnChange(app)
	exposeWidgets(frames)
	ebiten.SetWindowTitle("GetGo")
	ebiten.SetWindowSize(screens.ScreenWidth, screens.ScreenHeight)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := runGame(frames); err != nil {
		fmt.Fprintln(stderr, "getgo:", err)
		return 1
	}
	return 0
}

// store keeps the autosave: in a file on the desktop, in local storage in a browser.
type store interface {
	Load() (*game.Game, error)
	Save(g *game.Game) error
}

// refuseSave refuses to write an export to target when it is the save (by any name)
// or holds a GetGo save: an export never replaces a save.
func refuseSave(target, save string) error {
	fi, err := os.Stat(target)
	if err != nil {
		return nil // nothing there yet (or the write will say why not)
	}
	if si, err := os.Stat(save); err == nil && os.SameFile(fi, si) {
		return fmt.Errorf("%s is the save; an export never replaces a save: export to another file", target)
	}
	if !fi.Mode().IsRegular() || fi.Size() > scenarios.MaxFileSize {
		return nil
	}
	if data, err := os.ReadFile(target); err == nil && game.IsSave(data) {
		return fmt.Errorf("%s is a GetGo save; an export never replaces a save: export to another file", target)
	}
	return nil
}

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
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run runs GetGo and returns the exit status: 0, 1 when the window cannot run, 2 for
// bad input (a flag, a figures file, a scenario, or a save that --export cannot read).
// Every problem is one line on stderr; an unreadable save is also shown in the game.
func run(args []string, stderr io.Writer) int {
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
	st := newStore(*save)
	saved, savedErr := st.Load()
	if *export != "" {
		if savedErr != nil {
			return bad(savedErr)
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
	app, err := screens.NewApp(screens.Options{
		Saved:       saved,
		SavedErr:    savedErr,
		Autosave:    st.Save,
		ReadFile:    readFile,
		WriteFile:   writeFile,
		PickFile:    pickFile,
		FiguresPath: *figures,
		Scenario:    *scenario,
		Seed:        *seed,
	})
	if err != nil {
		fmt.Fprintln(stderr, "getgo:", err)
		return 1
	}
	ebiten.SetWindowTitle("GetGo")
	ebiten.SetWindowSize(screens.ScreenWidth, screens.ScreenHeight)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := ebiten.RunGame(app); err != nil {
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

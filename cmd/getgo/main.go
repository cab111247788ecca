package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render/screens"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "getgo:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("getgo", flag.ContinueOnError)
	save := fs.String("save", defaultSavePath(), "autosave `file`")
	figures := fs.String("figures", "", "start from a co-op's own figures (`FILE.yaml`)")
	scenario := fs.String("scenario", "", "the simulated economy to play in (`name`)")
	seed := fs.Uint64("seed", 1, "seed of the simulated economy")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st := newStore(*save)
	saved, savedErr := st.Load()
	if errors.Is(savedErr, game.ErrNoSave) {
		savedErr = nil
	}
	if fs, ok := st.(*game.Store); ok && savedErr != nil && fs.Kept != "" {
		savedErr = fmt.Errorf("%w (new saves go to %s)", savedErr, fs.Path)
	}
	app, err := screens.NewApp(screens.Options{
		Saved:       saved,
		SavedErr:    savedErr,
		Autosave:    st.Save,
		ReadFile:    readFile,
		WriteFile:   writeFile,
		FiguresPath: *figures,
		Scenario:    *scenario,
		Seed:        *seed,
	})
	if err != nil {
		return err
	}
	ebiten.SetWindowTitle("GetGo")
	ebiten.SetWindowSize(screens.ScreenWidth, screens.ScreenHeight)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	return ebiten.RunGame(app)
}

// store keeps the autosave: in a file on the desktop, in local storage in a browser.
type store interface {
	Load() (*game.Game, error)
	Save(g *game.Game) error
}

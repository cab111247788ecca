//go:build !js

package main

import (
	"os"
	"path/filepath"

	"github.com/copex/copex/game"
	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render/screens"
)

// defaultSavePath is getgo/save.json under the user's configuration directory, or in
// the working directory when there is none.
func defaultSavePath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "getgo-save.json"
	}
	return filepath.Join(dir, "getgo", "save.json")
}

// newStore keeps the autosave in a file; an unreadable one, or one that holds another
// game, is kept and saves go to a new file beside it (onMove is told).
func newStore(path string, onMove func(kept, path string)) store {
	return &game.Store{Path: path, OnMove: onMove}
}

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

// writeFile writes an export, refusing to replace a GetGo save.
func writeFile(name string, data []byte) error {
	if err := refuseSave(name, ""); err != nil {
		return err
	}
	return atomicfile.WriteFile(name, data)
}

// reportWidgets: the desktop has no page to tell what is on the screen.
const reportWidgets = false

// exposeWidgets has nothing to do on the desktop.
func exposeWidgets(*screens.Frames) {}

// pickFile is not needed on the desktop, where files are opened by name.
var pickFile func(done func(name string, data []byte, err error))

//go:build !js

package main

import (
	"os"
	"path/filepath"

	"github.com/copex/copex/game"
	"github.com/copex/copex/internal/atomicfile"
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

// newStore keeps the autosave in a file; an unreadable one is kept and saves go to a
// new file beside it.
func newStore(path string) store { return &game.Store{Path: path} }

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func writeFile(name string, data []byte) error { return atomicfile.WriteFile(name, data) }

// pickFile is not needed on the desktop, where files are opened by name.
var pickFile func(done func(name string, data []byte, err error))

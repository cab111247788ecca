//go:build !js

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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

// store keeps the autosave in a file.
type store struct{ path string }

func newStore(path string) store { return store{path: path} }

// load returns the autosave, or nil if there is none yet.
func (s store) load() ([]byte, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// save replaces the autosave atomically, so a crash never leaves half a save.
func (s store) save(data []byte) error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("autosave: %w", err)
	}
	return atomicfile.WriteFile(s.path, data)
}

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func writeFile(name string, data []byte) error { return atomicfile.WriteFile(name, data) }

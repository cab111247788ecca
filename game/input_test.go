package game

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileInputFiles: a figures file or a save that is a device or a folder is
// refused before it is read, and the save is kept (the store moves on to a new file).
func TestHostileInputFiles(t *testing.T) {
	if _, err := LoadFigures("/dev/zero", "", 1); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadFigures(/dev/zero) = %v, want a refusal", err)
	}
	dir := t.TempDir()
	s := &Store{Path: dir}
	_, err := s.Load()
	var se *SaveError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "a folder") {
		t.Errorf("Load of a folder as a save = %v, want a SaveError saying it is a folder", err)
	}
	if s.Path == dir || filepath.Dir(s.Path) != filepath.Dir(dir) {
		t.Errorf("after a bad save the store writes to %s; want a new file beside %s", s.Path, dir)
	}
}

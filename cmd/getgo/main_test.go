package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/game"
)

func TestDefaultSavePath(t *testing.T) {
	if got := defaultSavePath(); !strings.HasSuffix(filepath.ToSlash(got), "save.json") {
		t.Errorf("defaultSavePath() = %q, want a save.json", got)
	}
}

func TestBadFlag(t *testing.T) {
	if err := run([]string{"--seed", "many"}); err == nil {
		t.Error(`run(--seed many) = nil, want an error`)
	}
}

// TestStore saves a game and loads it back; an unreadable save is kept, and saves go
// beside it.
func TestStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "getgo", "save.json")
	st := newStore(path)
	if _, err := st.Load(); !errors.Is(err, game.ErrNoSave) {
		t.Fatalf("Load with no save: %v, want ErrNoSave", err)
	}
	g, err := game.New("", 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(g); err != nil {
		t.Fatal(err)
	}
	if _, err := newStore(path).Load(); err != nil {
		t.Fatalf("Load after Save: %v", err)
	}
	const bad = `{"version": 1, "phase": `
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	st = newStore(path)
	if _, err := st.Load(); err == nil {
		t.Fatal("a truncated save loaded")
	}
	if err := st.Save(g); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != bad {
		t.Errorf("the unreadable save was overwritten: %q", data)
	}
}

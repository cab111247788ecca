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

// TestBadInput runs the command line on bad flags, figures, scenarios and saves: one
// line on stderr naming the problem, exit status 2, no window, nothing overwritten.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	g, err := game.New("", 1)
	if err != nil {
		t.Fatal(err)
	}
	good, err := game.Encode(g)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := write("corrupt.json", []byte("{\"version\": 1,\n  \"phase\": ]"))
	truncated := write("truncated.json", good[:len(good)/3])
	newer := write("newer.json", []byte(strings.Replace(string(good), `"version": 3`, `"version": 9`, 1)))
	figures := write("figures.yaml", []byte("name: X\nsector: care\nmembers: -4\npay: 700\nprice: 20\ncustomers: 10\nrevenue: 900\n"))
	unknown := write("unknown.yaml", []byte("name: X\nsector: care\nmembers: 4\nprofit: 1\n"))
	out := filepath.Join(dir, "daco.yaml")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--seed", "many"}, "invalid value"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--scenario", "no-such-economy", "--save", filepath.Join(dir, "new.json")}, "no-such-economy"},
		{[]string{"--figures", figures, "--save", filepath.Join(dir, "new.json")}, figures + ":3: members: impossible value -4"},
		{[]string{"--figures", unknown, "--save", filepath.Join(dir, "new.json")}, unknown + ":4: profit: unknown field"},
		{[]string{"--figures", filepath.Join(dir, "missing.yaml")}, "missing.yaml"},
		{[]string{"--save", corrupt, "--export", out}, "save file " + corrupt + ": corrupt at line 2"},
		{[]string{"--save", truncated, "--export", out}, "truncated"},
		{[]string{"--save", newer, "--export", out}, "newer GetGo (save version 9"},
		{[]string{"--save", filepath.Join(dir, "none.json"), "--export", out}, "no saved game"},
	}
	for _, tt := range tests {
		before := map[string]string{}
		for _, p := range []string{corrupt, truncated, newer} {
			data, _ := os.ReadFile(p)
			before[p] = string(data)
		}
		var stderr strings.Builder
		if code := run(tt.args, &stderr, noWindow(t)); code != 2 {
			t.Errorf("getgo %v: exit status %d, want 2 (stderr %q)", tt.args, code, stderr.String())
		}
		msg := stderr.String()
		if !strings.Contains(msg, tt.want) {
			t.Errorf("getgo %v: stderr %q, want it to say %q", tt.args, msg, tt.want)
		}
		if !strings.Contains(tt.args[0], "seed") && strings.Count(msg, "\n") != 1 {
			t.Errorf("getgo %v: stderr %q, want one line", tt.args, msg)
		}
		for p, data := range before {
			if now, _ := os.ReadFile(p); string(now) != data {
				t.Errorf("getgo %v changed %s", tt.args, p)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("getgo %v wrote %s", tt.args, out)
		}
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "save.json")
	g, err := game.LoadFigures("../../game/testdata/riverside.yaml", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := (&game.Store{Path: save}).Save(g); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "daco.yaml")
	var stderr strings.Builder
	if code := run([]string{"--save", save, "--export", out}, &stderr, noWindow(t)); code != 0 {
		t.Fatalf("getgo --export: status %d, stderr %q", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "name: Riverside Care Co-operative") {
		t.Errorf("exported %q, %v", data, err)
	}
}

// TestStore saves a game and loads it back; an unreadable save is kept, and saves go
// beside it.
func TestStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "getgo", "save.json")
	st := newStore(path, nil)
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
	if _, err := newStore(path, nil).Load(); err != nil {
		t.Fatalf("Load after Save: %v", err)
	}
	const bad = `{"version": 1, "phase": `
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	st = newStore(path, nil)
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

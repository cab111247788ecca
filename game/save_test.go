package game

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveRoundTrip(t *testing.T) {
	games := map[string]*Game{}
	g, err := New("", 1)
	must(t, err)
	games["kind"] = g
	games["canvas"] = atCanvas(t, 1)
	games["living-month"] = atLiving(t, 1, "month")
	play(t, games["living-month"], 14)
	games["living-week"] = atLiving(t, 2, "week")
	play(t, games["living-week"], 9)
	for name, g := range games {
		data, err := Encode(g)
		must(t, err)
		back, err := Decode("save.json", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := Encode(back)
		must(t, err)
		if !bytes.Equal(data, again) {
			t.Errorf("%s: a save read back and written again differs", name)
		}
		if g.live != nil && (back.live.Treasury != g.live.Treasury || len(back.live.History) != len(g.live.History)) {
			t.Errorf("%s: replayed treasury %d (%d periods), want %d (%d)", name, back.live.Treasury, len(back.live.History), g.live.Treasury, len(g.live.History))
		}
	}
}

func TestBadSaves(t *testing.T) {
	g := atLiving(t, 1, "month")
	play(t, g, 3)
	good, err := Encode(g)
	must(t, err)
	replace := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("save has no %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"blank", []byte("  \n"), "empty"},
		{"truncated", good[:len(good)/2], "truncated"},
		{"one brace", []byte("{"), "truncated"},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 1, 2}, "corrupt at line 1"},
		{"newer", replace(`"version": 3`, `"version": 7`), "newer GetGo (save version 7; this GetGo reads versions up to 3)"},
		{"older", replace(`"version": 3`, `"version": 1`), "saved by an older GetGo (save version 1)"},
		{"version 2", replace(`"version": 3`, `"version": 2`), "saved by an older GetGo (save version 2), in which an existing co-op had no customer base"},
		{"zero version", replace(`"version": 3`, `"version": 0`), "unknown save version 0"},
		{"no version", []byte(`{"phase": 1}`), "not a GetGo save"},
		{"unknown field", replace(`"version": 3,`, `"version": 3, "cheat": true,`), `unknown field "cheat"`},
		{"wrong type", replace(`"seed": 1`, `"seed": "one"`), "corrupt at line"},
		{"phase", replace(`"phase": 5`, `"phase": 9`), "phase 9"},
		{"canvas", replace(`"how_many": "150"`, `"how_many": "-150"`), "how_many"},
		{"answer", replace(`"founders": "3"`, `"founders": "0"`), "founders"},
		{"scenario", replace(`"scenario": "getgo"`, `"scenario": "no-such-scenario"`), "no-such-scenario"},
		{"turn", replace(`"price": 19`, `"price": -19`), "replaying turn 1: price"},
		{"turn length", replace(`"turn_length": "month"`, `"turn_length": "fortnight"`), "turn_length"},
		{"surplus", replace(`"surplus": "save"`, `"surplus": "holiday"`), "replaying turn 1: surplus"},
	}
	for _, tt := range tests {
		_, err := Decode("save.json", tt.data)
		var se *SaveError
		if !errors.As(err, &se) || se.File != "save.json" || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Decode = %v, want a SaveError naming save.json with %q", tt.name, err, tt.want)
		}
	}
}

func TestStoreKeepsBadSaves(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	s := &Store{Path: path}
	if _, err := s.Load(); !errors.Is(err, ErrNoSave) {
		t.Fatalf("Load with no file = %v, want ErrNoSave", err)
	}
	corrupt := []byte(`{"version": 3, "phase": `)
	must(t, os.WriteFile(path, corrupt, 0o644))
	if _, err := s.Load(); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("Load of a truncated save = %v", err)
	}
	if s.Kept != path || s.Path == path {
		t.Fatalf("store after a bad load: kept %q, path %q; want the bad file kept and a new path", s.Kept, s.Path)
	}
	g := atLiving(t, 1, "month")
	must(t, s.Save(g))
	if data, _ := os.ReadFile(path); !bytes.Equal(data, corrupt) {
		t.Error("the unreadable save was overwritten")
	}
	back, err := (&Store{Path: s.Path}).Load()
	must(t, err)
	if back.Name() != g.Name() || back.Phase != PhaseLiving {
		t.Errorf("saved game read back as %q in %v", back.Name(), back.Phase)
	}
	// A second bad load moves on again rather than reusing a taken name.
	s2 := &Store{Path: path}
	_, _ = s2.Load()
	if s2.Path == s.Path {
		t.Errorf("second store chose the taken path %s", s2.Path)
	}
}

// TestRevisitCanvas changes the canvas after the living co-op has started: going back
// to the living co-op replays the turns on the new canvas in a new economy, exactly as
// loading the save does.
func TestRevisitCanvas(t *testing.T) {
	g := atLiving(t, 1, "month")
	play(t, g, 4)
	lv := g.Living()
	before := lv.Treasury + lv.View.Savings
	must(t, g.GoTo(PhaseCanvas))
	must(t, g.SetBox(BoxStartFunds, "9000"))
	must(t, g.GoTo(PhaseLiving))
	lv = g.Living()
	if got := lv.Treasury + lv.View.Savings; got <= before || len(lv.History) != 4 {
		t.Errorf("after 3,000 more start-up tokens: treasury and savings %d with %d periods, want more than %d with 4", got, len(lv.History), before)
	}
	data, err := Encode(g)
	must(t, err)
	back, err := Decode("save.json", data)
	must(t, err)
	if back.Living().Treasury != g.Living().Treasury || back.Living().View != g.Living().View {
		t.Errorf("loaded treasury %d, in play %d", back.Living().Treasury, g.Living().Treasury)
	}
}

// TestOlderSaveRefused: a save of the GetGo whose co-op kept its own books
// (testdata/save-v1-before-levy.json, version 1) is refused with a message saying it
// comes from an older GetGo, and a store that finds it at its path keeps the file
// untouched and saves beside it.
func TestOlderSaveRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/save-v1-before-levy.json")
	must(t, err)
	_, err = Decode("save-v1-before-levy.json", data)
	var se *SaveError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "older GetGo (save version 1)") {
		t.Fatalf("Decode(version 1) = %v, want a SaveError saying it is from an older GetGo", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	must(t, os.WriteFile(path, data, 0o644))
	s := &Store{Path: path}
	if _, err := s.Load(); err == nil {
		t.Fatal("the store loaded a version 1 save")
	}
	g := atCanvas(t, 1)
	must(t, s.Save(g))
	if kept, _ := os.ReadFile(path); !bytes.Equal(kept, data) || s.Path == path {
		t.Errorf("the old save was overwritten (store now at %s)", s.Path)
	}
}

// TestStoreKeepsOtherGames: the game a store loaded overwrites its own save with each
// newer state; another game, or a save someone else changed since, is never
// overwritten: the store moves beside it and says so.
func TestStoreKeepsOtherGames(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	g := atLiving(t, 1, "month")
	play(t, g, 2)
	must(t, (&Store{Path: path}).Save(g))

	var moves []string
	s := &Store{Path: path, OnMove: func(kept, to string) { moves = append(moves, kept+" -> "+to) }}
	loaded, err := s.Load()
	must(t, err)
	play(t, loaded, 1)
	must(t, s.Save(loaded))
	if back, err := (&Store{Path: path}).Load(); err != nil || len(back.Turns) != 3 || len(moves) != 0 {
		t.Fatalf("the loaded game's next turn: saved to %s with moves %v (%v); want its own save, with 3 turns", s.Path, moves, err)
	}
	own, err := os.ReadFile(path)
	must(t, err)

	other, err := New("", 2)
	must(t, err)
	must(t, s.Save(other))
	first := filepath.Join(dir, "save-1.json")
	if now, _ := os.ReadFile(path); !bytes.Equal(now, own) || s.Path != first {
		t.Fatalf("another game: store at %s, save changed %v; want the save kept and %s", s.Path, !bytes.Equal(now, own), first)
	}
	must(t, s.Save(other)) // the other game's next state goes to its own new save
	if s.Path != first || len(moves) != 1 || moves[0] != path+" -> "+first {
		t.Fatalf("moves %v, store at %s; want one move, to %s", moves, s.Path, first)
	}

	// Someone else writes the other game's save: the store keeps their file too.
	theirs := []byte(`{"version": 3}` + "\n")
	must(t, os.WriteFile(first, theirs, 0o644))
	must(t, s.Save(other))
	second := filepath.Join(dir, "save-2.json")
	if now, _ := os.ReadFile(first); !bytes.Equal(now, theirs) || s.Path != second || len(moves) != 2 {
		t.Errorf("after another writer: store at %s, moves %v; want their file kept and %s", s.Path, moves, second)
	}
}

// TestBadExistingBlock: a save's existing block is checked as a figures file is, and
// the error names the save's line and the field under existing.
func TestBadExistingBlock(t *testing.T) {
	g, err := LoadFigures("testdata/riverside.yaml", "", 1)
	must(t, err)
	good, err := Encode(g)
	must(t, err)
	_, err = Decode("save.json", good)
	must(t, err)
	at := bytes.Index(good, []byte(`"existing": {`))
	line := func(key string) int {
		return bytes.Count(good[:at+bytes.Index(good[at:], []byte(key))], []byte("\n")) + 1
	}
	tests := []struct{ old, new, want string }{
		{`"members": 6`, `"members": 501`, fmt.Sprintf("save file save.json: line %d: existing.members: impossible value 501: want 1 to 500", line(`"members"`))},
		{`"treasury": 4000`, `"treasury": -1`, fmt.Sprintf("save file save.json: line %d: existing.treasury: impossible value -1: want 0 to 1e9", line(`"treasury"`))},
		{`"online": "hybrid"`, `"online": "moon"`, fmt.Sprintf("save file save.json: line %d: existing.online: ", line(`"online"`))},
		{`"name": "Riverside Care Co-operative"`, `"name": ""`, fmt.Sprintf("save file save.json: line %d: existing.name: ", line(`"name"`))},
		{`"name": "Riverside Care Co-operative",`, `"profit": 9, "name": "Riverside Care Co-operative",`, `unknown field "profit"`},
	}
	for _, tt := range tests {
		data := append(bytes.Clone(good[:at]), bytes.Replace(good[at:], []byte(tt.old), []byte(tt.new), 1)...)
		_, err := Decode("save.json", data)
		var se *SaveError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s for %s: Decode = %v, want a SaveError with %q", tt.new, tt.old, err, tt.want)
		}
	}
}

// TestExistingBlockEscapes: JSON's escapes that YAML lacks (\/ and surrogate pairs) in
// a save's existing block load as JSON reads them.
func TestExistingBlockEscapes(t *testing.T) {
	g, err := LoadFigures("testdata/riverside.yaml", "", 1)
	must(t, err)
	good, err := Encode(g)
	must(t, err)
	at := bytes.Index(good, []byte(`"existing": {`))
	for escaped, want := range map[string]string{`"Care\/Aide \ud83d\ude00"`: "Care/Aide 😀", `"Caf\u00e9\tCo-op"`: "Café\tCo-op"} {
		data := append(bytes.Clone(good[:at]), bytes.Replace(good[at:], []byte(`"Riverside Care Co-operative"`), []byte(escaped), 1)...)
		back, err := Decode("save.json", data)
		if err != nil {
			t.Errorf("existing name %s: Decode = %v", escaped, err)
		} else if back.Existing.Name != want {
			t.Errorf("existing name %s: read as %q, want %q", escaped, back.Existing.Name, want)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
)

const riverside = "../../game/testdata/riverside.yaml"

// noWindow stands in for ebiten.RunGame where the command must stop before a window.
func noWindow(t *testing.T) func(ebiten.Game) error {
	return func(ebiten.Game) error {
		t.Error("the command opened a window")
		return nil
	}
}

// closeWindow stands in for ebiten.RunGame: the window opens and the player closes it
// at once, as when no window can open (the figures game is saved before it opens).
func closeWindow(ebiten.Game) error { return nil }

// longSave saves, at path, Riverside's figures game after turns monthly turns (every
// card answered with its first response) and returns the save's bytes.
func longSave(t *testing.T, path string, turns int) []byte {
	t.Helper()
	g, err := game.LoadFigures(riverside, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	// An existing co-op first tests its innovation (Test Canvas, Test Game), pivoting
	// what fails to what was measured, then runs.
	if err := g.Advance(); err != nil {
		t.Fatal(err)
	}
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		r, err := g.RunTest(box)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Passed {
			if err := g.Pivot(box, strconv.FormatFloat(r.Measured, 'f', -1, 64), ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := g.Advance(); err != nil {
		t.Fatal(err)
	}
	for range turns {
		d := g.NextDecisions()
		for _, c := range g.Living().PendingCards() {
			if d.Respond == nil {
				d.Respond = map[string]int{}
			}
			d.Respond[c.ID] = 0
		}
		if err := g.Turn(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := (&game.Store{Path: path}).Save(g); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFiguresKeepSave starts from a figures file with a 24-turn save in --save: the
// window asks before the figures game takes the saved co-op's place, so the command
// writes nothing and says nothing, and the save is kept byte for byte. When the player
// says yes, the command's store puts the figures game in a new save beside it and says
// where, on one line; a second start goes beside both.
func TestFiguresKeepSave(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "save.json")
	before := longSave(t, save, 24)
	args := []string{"--figures", riverside, "--save", save}
	var stderr strings.Builder
	if code := run(args, &stderr, closeWindow); code != 0 || stderr.Len() != 0 {
		t.Fatalf("getgo %v: exit status %d, stderr %q, want 0 and nothing", args, code, stderr.String())
	}
	if now, _ := os.ReadFile(save); !bytes.Equal(now, before) {
		t.Fatalf("getgo %v overwrote the 24-turn save before the player said yes", args)
	}
	if _, err := os.Stat(filepath.Join(dir, "save-1.json")); err == nil {
		t.Fatalf("getgo %v wrote a save before the player said yes", args)
	}
	for i, moved := range []string{filepath.Join(dir, "save-1.json"), filepath.Join(dir, "save-2.json")} {
		fig, err := game.LoadFigures(riverside, "", 1)
		if err != nil {
			t.Fatal(err)
		}
		var said []string
		st := newStore(save, func(kept, path string) { said = append(said, kept+" → "+path) })
		if err := st.Save(fig); err != nil {
			t.Fatal(err)
		}
		if now, _ := os.ReadFile(save); !bytes.Equal(now, before) {
			t.Fatalf("saving the figures game (start %d) overwrote the 24-turn save", i+1)
		}
		if want := []string{save + " → " + moved}; !slices.Equal(said, want) {
			t.Errorf("start %d: the store said %q, want %q", i+1, said, want)
		}
		g, err := (&game.Store{Path: moved}).Load()
		if err != nil {
			t.Fatalf("the figures game's save: %v", err)
		}
		if g.Existing == nil || len(g.Turns) != 0 {
			t.Errorf("%s holds a game in %v with %d turns (from figures: %v), want the figures game before its first turn", moved, g.Phase, len(g.Turns), g.Existing != nil)
		}
	}
	long, err := (&game.Store{Path: save}).Load()
	if err != nil || len(long.Turns) != 24 {
		t.Fatalf("the kept save: %v", err)
	}
}

// TestExportOntoSave refuses an export onto the save, by its name or a link to it, and
// onto another GetGo save: one line, exit status 2, every save unchanged.
func TestExportOntoSave(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "save.json")
	other := filepath.Join(dir, "other.json")
	link := filepath.Join(dir, "link.json")
	saves := map[string][]byte{save: longSave(t, save, 24), other: longSave(t, other, 2)}
	if err := os.Symlink(save, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ export, want string }{
		{save, "getgo: --export: " + save + " is the save; an export never replaces a save: export to another file\n"},
		{link, "getgo: --export: " + link + " is the save; an export never replaces a save: export to another file\n"},
		{other, "getgo: --export: " + other + " is a GetGo save; an export never replaces a save: export to another file\n"},
	}
	for _, tt := range tests {
		var stderr strings.Builder
		args := []string{"--save", save, "--export", tt.export}
		if code := run(args, &stderr, noWindow(t)); code != 2 {
			t.Errorf("getgo %v: exit status %d, want 2", args, code)
		}
		if got := stderr.String(); got != tt.want {
			t.Errorf("getgo %v: stderr %q, want %q", args, got, tt.want)
		}
		for p, data := range saves {
			if now, _ := os.ReadFile(p); !bytes.Equal(now, data) {
				t.Errorf("getgo %v changed %s", args, p)
			}
		}
	}
}

// TestBadExisting loads saves whose existing block (the figures the game started
// from) breaks a figures file's rules: each is refused on load, naming the save, the
// line and the field, and left unchanged.
func TestBadExisting(t *testing.T) {
	dir := t.TempDir()
	good := longSave(t, filepath.Join(dir, "good.json"), 3)
	at := bytes.Index(good, []byte(`"existing": {`))
	if at < 0 {
		t.Fatal(`the save has no "existing" block`)
	}
	tests := []struct {
		name, old, new, field, msg string
	}{
		{"members", `"members": 6`, `"members": 1000000000`, "members", "impossible value 1000000000: want 1 to 500"},
		{"no members", `"members": 6`, `"members": 0`, "members", "impossible value 0: want 1 to 500"},
		{"negative pay", `"pay": 760`, `"pay": -760`, "pay", "impossible value -760"},
		{"pay above the ceiling", `"pay": 760`, `"pay": 2400`, "pay", "above the limit of 2250"},
		{"control character", `"name": "Riverside Care Co-operative"`, `"name": "Riverside\u0007Care"`, "name", "control character U+0007 not allowed"},
		{"unknown sector", `"sector": "care"`, `"sector": "mining"`, "sector", `no sector "mining" in scenario getgo`},
		{"customers", `"customers": 260`, `"customers": 1e300`, "customers", "impossible value 1e300"},
		{"type", `"type": "worker"`, `"type": "capitalist"`, "type", "must be one of"},
		{"text too long", `"innovation": "Evening visits"`, `"innovation": "` + strings.Repeat("x", 5000) + `"`, "innovation", "too long"},
	}
	for _, tt := range tests {
		i := bytes.Index(good[at:], []byte(tt.old))
		if i < 0 {
			t.Fatalf("%s: the existing block has no %s", tt.name, tt.old)
		}
		line := bytes.Count(good[:at+i], []byte("\n")) + 1
		data := append(append(bytes.Clone(good[:at+i]), tt.new...), good[at+i+len(tt.old):]...)
		bad := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
		if err := os.WriteFile(bad, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "daco.yaml")
		var stderr strings.Builder
		args := []string{"--save", bad, "--export", out}
		if code := run(args, &stderr, noWindow(t)); code != 2 {
			t.Errorf("getgo %v: exit status %d, want 2", args, code)
		}
		msg := stderr.String()
		want := "getgo: save file " + bad + ": line " + itoa(line) + ": existing." + tt.field + ": "
		if !strings.HasPrefix(msg, want) || !strings.Contains(msg, tt.msg) || strings.Count(msg, "\n") != 1 {
			t.Errorf("%s: getgo %v: stderr %q, want one line starting %q and saying %q", tt.name, args, msg, want, tt.msg)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: getgo %v wrote %s", tt.name, args, out)
		}
		// Playing on keeps the bad save and says where new saves go.
		stderr.Reset()
		if code := run([]string{"--save", bad}, &stderr, closeWindow); code != 0 || !strings.Contains(stderr.String(), "kept untouched and new saves go to") {
			t.Errorf("%s: getgo --save %s: exit status %d, stderr %q", tt.name, bad, code, stderr.String())
		}
		if now, _ := os.ReadFile(bad); !bytes.Equal(now, data) {
			t.Errorf("%s: the bad save was changed", tt.name)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestInGameExportKeepsSave: the export page's file writer refuses a GetGo save and
// writes any other file.
func TestInGameExportKeepsSave(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "save.json")
	before := longSave(t, save, 2)
	daco := []byte("daco: 1\n")
	if err := writeFile(save, daco); err == nil || !strings.Contains(err.Error(), "is a GetGo save") {
		t.Errorf("writeFile onto the save = %v, want a refusal", err)
	}
	if now, _ := os.ReadFile(save); !bytes.Equal(now, before) {
		t.Error("the export page overwrote the save")
	}
	out := filepath.Join(dir, "daco.yaml")
	if err := writeFile(out, daco); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(out, daco); err != nil {
		t.Errorf("writeFile over an earlier export = %v", err)
	}
}

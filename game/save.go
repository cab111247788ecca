package game

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/scenarios"
)

// header is what every save starts with, read before the rest.
type header struct {
	Version *int `json:"version"`
}

// ErrNoSave is returned when there is no save file yet.
var ErrNoSave = errors.New("no saved game")

// SaveError is a save that cannot be read: which file and why. The file is never
// changed.
type SaveError struct {
	File string
	Msg  string
}

func (e *SaveError) Error() string { return "save file " + e.File + ": " + e.Msg }

// Encode returns g as a save: indented JSON, the same bytes for the same game.
func Encode(g *Game) ([]byte, error) {
	data, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Decode reads a save (file names it in errors), checks every field as the game would
// have and replays the living co-op. A corrupt, truncated, unknown or newer save is a
// *SaveError.
func Decode(file string, data []byte) (*Game, error) {
	bad := func(format string, args ...any) error {
		return &SaveError{File: file, Msg: fmt.Sprintf(format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, bad("empty")
	}
	var h header
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, bad("%s", jsonProblem(data, err))
	}
	switch {
	case h.Version == nil:
		return nil, bad("not a GetGo save (no version)")
	case *h.Version > Version:
		return nil, bad("saved by a newer GetGo (save version %d; this GetGo reads versions up to %d)", *h.Version, Version)
	case *h.Version == 1:
		return nil, bad("saved by an older GetGo (save version 1), whose living co-op kept books of its own beside the economy; " +
			"this GetGo runs the co-op inside the engine's economy, so those turns would not replay the same. Start a new game (the old file is kept)")
	case *h.Version == 2:
		return nil, bad("saved by an older GetGo (save version 2), in which an existing co-op had no customer base and the grant use, horizon scanning and new techniques were the game's own; " +
			"this GetGo has the engine do them, so those turns would not replay the same. Start a new game (the old file is kept)")
	case *h.Version < 1:
		return nil, bad("unknown save version %d", *h.Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var g Game
	if err := dec.Decode(&g); err != nil {
		return nil, bad("%s", jsonProblem(data, err))
	}
	if err := g.check(); err != nil {
		return nil, bad("%v", err)
	}
	if err := g.attach(); err != nil {
		return nil, bad("%v", err)
	}
	if g.Existing != nil {
		f, err := existingFigures(file, data, g.world)
		if err != nil {
			return nil, bad("%v", err)
		}
		g.Existing = f
	}
	for id, v := range g.Answers {
		q, ok := g.Question(id)
		if !ok {
			return nil, bad("answers: unknown question %q", clip(id))
		}
		if _, err := checkAnswer(q, v); err != nil {
			return nil, bad("answers: %v", err)
		}
	}
	if g.Phase >= PhaseLiving {
		if err := g.startLiving(); err != nil {
			return nil, bad("%v", err)
		}
	}
	return &g, nil
}

// check checks the fields a save holds that do not need the scenario.
func (g *Game) check() error {
	if g.Answers == nil || g.Canvas == nil {
		return errors.New("answers or canvas missing")
	}
	if g.Phase < PhaseKind || g.Phase > PhaseExport || g.Reached < g.Phase || g.Reached > PhaseExport {
		return fmt.Errorf("phase %d (reached %d) out of range", g.Phase, g.Reached)
	}
	if g.TurnLength != "month" && g.TurnLength != "week" {
		return fmt.Errorf("turn_length: want month or week, got %q", clip(g.TurnLength))
	}
	for id, v := range g.Canvas {
		b, ok := BoxByID(id)
		if !ok {
			return fmt.Errorf("canvas: unknown box %q", clip(id))
		}
		if _, err := checkBox(b, v); err != nil {
			return fmt.Errorf("canvas: %w", err)
		}
	}
	seen := map[string]bool{}
	for _, t := range g.Tests {
		if _, ok := Spec(t.Box); !ok || seen[t.Box] {
			return fmt.Errorf("tests: unknown or repeated test %q", clip(t.Box))
		}
		seen[t.Box] = true
		if t.Importance < 1 || t.Importance > 5 || t.Risk < 1 || t.Risk > 5 {
			return fmt.Errorf("tests: %s: importance and risk go from 1 to 5", t.Box)
		}
	}
	return nil
}

// jsonProblem explains a JSON error with the line it happened on.
func jsonProblem(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &se) && strings.Contains(se.Error(), "unexpected end")):
		return "truncated: the file ends in the middle of the game (was it cut short?)"
	case errors.As(err, &se):
		return fmt.Sprintf("corrupt at line %d: %v", lineAt(data, se.Offset), err)
	case errors.As(err, &te):
		return fmt.Sprintf("corrupt at line %d: %s should be %s, not %s", lineAt(data, te.Offset), te.Field, te.Type, te.Value)
	}
	return "corrupt: " + strings.TrimPrefix(err.Error(), "json: ")
}

func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// Store keeps a game's autosave in a file. A save is only ever overwritten by a newer
// state of the same game: the game Load read from the file, or the one Save first wrote
// there, and only while the file still holds what the store read or wrote. Any other
// game, or a file changed by someone else meanwhile, is saved to a new file beside it
// (OnMove says so). A save the store could not read is kept the same way (Kept).
type Store struct {
	Path string
	// Kept is the unreadable save left untouched, when there was one.
	Kept string
	// OnMove, when set, is called when Save leaves the save at kept untouched and
	// writes to path beside it instead.
	OnMove func(kept, path string)

	first string // the Path the store started with, that new names are made from
	game  *Game  // the game whose save is at Path (nil: none yet)
	held  []byte // the bytes at Path as the store last read or wrote them
}

// Load reads the save. ErrNoSave (wrapped) means there is none yet; a *SaveError means
// the file is unreadable, and the store will save elsewhere from now on.
func (s *Store) Load() (*Game, error) {
	data, err := scenarios.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", ErrNoSave, s.Path)
	}
	if err != nil {
		var se *scenarios.Error
		msg := err.Error()
		if errors.As(err, &se) {
			msg = se.Msg // the file is named by the SaveError
		}
		file := s.Path
		s.moveOn()
		return nil, &SaveError{File: file, Msg: msg}
	}
	g, err := Decode(s.Path, data)
	if err != nil {
		s.moveOn()
		return nil, err
	}
	s.game, s.held = g, data
	return g, nil
}

// moveOn picks a new file for saves, keeping the unreadable one.
func (s *Store) moveOn() {
	s.Kept = s.Path
	s.Path = s.beside()
	s.game, s.held = nil, nil
}

// beside returns a free file name beside the store's first path: save-1.json,
// save-2.json… for save.json.
func (s *Store) beside() string {
	if s.first == "" {
		s.first = s.Path
	}
	path := s.first
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 1; ; i++ {
		p := fmt.Sprintf("%s-%d%s", base, i, ext)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
}

// owns reports whether Save may write g over the file at Path: g is the store's game
// (or the store has none yet), and the file is missing or holds exactly what the
// store last read or wrote.
func (s *Store) owns(g *Game) bool {
	if s.game != nil && s.game != g {
		return false
	}
	fi, err := os.Stat(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil || s.held == nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(s.held)) {
		return false
	}
	now, err := os.ReadFile(s.Path)
	return err == nil && bytes.Equal(now, s.held)
}

// Save writes the game atomically: a crash leaves the old save or the new one, whole.
// A save of another game is never overwritten (see Store).
func (s *Store) Save(g *Game) error {
	data, err := Encode(g)
	if err != nil {
		return err
	}
	if !s.owns(g) {
		kept := s.Path
		s.Path, s.held = s.beside(), nil
		if s.OnMove != nil {
			s.OnMove(kept, s.Path)
		}
	}
	s.game = g
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(s.Path, data); err != nil {
		return err
	}
	s.held = data
	return nil
}

// IsSave reports whether data is a GetGo save (of any version), as a file that must
// not be overwritten by anything but its game is recognised.
func IsSave(data []byte) bool {
	var h struct {
		Version *json.Number     `json:"version"`
		Answers *json.RawMessage `json:"answers"`
	}
	return json.Unmarshal(data, &h) == nil && h.Version != nil && h.Answers != nil
}

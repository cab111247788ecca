package screens

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestPickFigures chooses a figures file the way the browser does (Options.PickFile):
// a good file starts the living co-op; a bad one, or a failed read, shows the problem
// on the figures screen.
func TestPickFigures(t *testing.T) {
	good, err := os.ReadFile("../../game/testdata/riverside.yaml")
	must(t, err)
	tests := []struct {
		name string
		data []byte
		err  error
		want string // the figures screen's problem, or "" for the living co-op
	}{
		{"riverside.yaml", good, nil, ""},
		{"bad.yaml", []byte(strings.Replace(string(good), "members: 6", "members: -6", 1)), nil, "bad.yaml:5: members: impossible value -6"},
		{"gone.yaml", nil, errors.New("gone.yaml could not be read: NotReadableError"), "NotReadableError"},
	}
	for _, tt := range tests {
		onLoop(t, func() {
			a := newTestApp(t, Options{Seed: 1, PickFile: func(done func(string, []byte, error)) { done(tt.name, tt.data, tt.err) }})
			a.loadFigures()
			a.pickFigures()
			must(t, a.Update())
			switch s := a.Scene().(type) {
			case *livingScene, *testCanvasScene, *testGameScene:
				// An existing co-op starts where the game puts it: the innovation's tests,
				// or the living co-op.
				if tt.want != "" || a.game.Existing == nil {
					t.Errorf("%s: went to phase %v", tt.name, a.game.Phase)
				}
			case *figuresScene:
				if tt.want == "" || !strings.Contains(s.status.Label, tt.want) {
					t.Errorf("%s: figures screen says %q, want %q", tt.name, s.status.Label, tt.want)
				}
			default:
				t.Errorf("%s: scene %T", tt.name, s)
			}
		})
	}
}

package game

import (
	"os"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the save reader: it must refuse or accept, never
// panic. Run with go test ./game -fuzz FuzzDecode.
func FuzzDecode(f *testing.F) {
	g, err := New("", 1)
	if err != nil {
		f.Fatal(err)
	}
	data, err := Encode(g)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	fg, err := LoadFigures("testdata/riverside.yaml", "", 1)
	if err != nil {
		f.Fatal(err)
	}
	if data, err = Encode(fg); err != nil {
		f.Fatal(err)
	}
	f.Add(data) // with an existing block
	f.Add([]byte(`{"version": 3, "phase": 5, "reached": 5, "answers": {}, "canvas": {}, "turn_length": "week", "turns": [{}]}`))
	f.Add([]byte(`{"version": 3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Decode("save.json", data)
		if err == nil {
			if _, err := Encode(g); err != nil {
				t.Fatalf("a save that loads does not encode: %v", err)
			}
		}
	})
}

// FuzzFigures feeds arbitrary bytes to the figures reader.
func FuzzFigures(f *testing.F) {
	data, err := os.ReadFile("testdata/riverside.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("name: [\n"))
	f.Add([]byte("members: 1e400\n"))
	w, err := NewWorld("", 1)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseFigures("co-op.yaml", data, w)
	})
}

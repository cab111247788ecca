package game

import "testing"

// TestAliasBomb: a figures file of nested YAML aliases (a "billion laughs") is refused
// as a bad field, without being expanded.
func TestAliasBomb(t *testing.T) {
	w, err := NewWorld("", 1)
	must(t, err)
	doc := `name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
innovation: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
online: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
sector: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
type: *d
`
	if _, err := ParseFigures("x.yaml", []byte(doc), w); err == nil {
		t.Fatal("a figures file of nested aliases was accepted")
	}
}

package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBase: a scenario that names a base starts from every field of it and states
// only how it differs: the derived file below is the baseline with three overrides,
// field for field; a base that is missing, or a chain of bases that comes back on
// itself or runs too deep, is an error at the line that names it.
func TestBase(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	derived, err := Load(write("small.yaml", "base: baseline\nname: small\nmembers: 300\ncoops: {count: 12}\nexchange:\n  prices: {speed: 0.5}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load("baseline", []string{"members=300", "coops.count=12", "exchange.prices.speed=0.5"})
	if err != nil {
		t.Fatal(err)
	}
	want.Name, want.Description = derived.Name, derived.Description
	if derived.Hash() != want.Hash() {
		a, _ := derived.YAML()
		b, _ := want.YAML()
		t.Errorf("base: baseline with three fields differs from the baseline with those three set:\n%s\n---\n%s", a, b)
	}
	// A base may itself have a base, as a file beside it.
	two, err := Load(write("smaller.yaml", "name: smaller\nbase: small.yaml\nticks: 12\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if two.Config.Members != 300 || two.Config.Ticks != 12 || two.Config.Exchange.Prices.Speed != 0.5 {
		t.Errorf("a base's base: members %d, ticks %d, speed %g", two.Config.Members, two.Config.Ticks, two.Config.Exchange.Prices.Speed)
	}
	for _, c := range []struct{ file, text, want string }{
		{"missing.yaml", "name: m\nbase: nothere.yaml\n", "missing.yaml:2: base \"nothere.yaml\""},
		{"loop.yaml", "base: loop.yaml\n", "the chain of bases comes back to it"},
		{"bad.yaml", "base: worse.yaml\n", "bad.yaml:1: base \"worse.yaml\": "},
	} {
		if c.file == "bad.yaml" {
			write("worse.yaml", "members: -1\n")
		}
		_, err := Load(write(c.file, c.text), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.file, err, c.want)
		}
	}
	// Too deep: a chain of ten files.
	for i := range 10 {
		write("d"+string(rune('0'+i))+".yaml", "base: d"+string(rune('0'+i+1))+".yaml\n")
	}
	write("d:.yaml", "members: 5\n") // the tenth's base, never reached
	if _, err := Load(filepath.Join(dir, "d0.yaml"), nil); err == nil || !strings.Contains(err.Error(), "deep") {
		t.Errorf("a chain of ten bases: %v, want an error saying it is too deep", err)
	}
}

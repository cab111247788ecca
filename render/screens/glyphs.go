package screens

import (
	"fmt"
	"unicode"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// GetGo draws its text in the Go fonts, which have the Latin, Greek and Cyrillic
// alphabets and common signs, but not, for example, Chinese, Japanese, Arabic or emoji.
// Rather than draw such text as empty boxes, text the player types is refused with a
// message naming the first character the font lacks. (A font with every script, such
// as Noto, runs to tens of megabytes, more than the whole browser build may weigh.)
var goFont = mustParse(goregular.TTF)

func mustParse(ttf []byte) *sfnt.Font {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		panic(fmt.Sprintf("the embedded Go font does not parse: %v", err)) // a broken build
	}
	return f
}

// undrawable returns an error naming the first character of s the font cannot draw.
func undrawable(s string) error {
	var buf sfnt.Buffer
	for _, r := range s {
		if r == '\n' || r == '\t' || !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			continue
		}
		if i, err := goFont.GlyphIndex(&buf, r); err != nil || i == 0 {
			return fmt.Errorf("GetGo's font cannot draw %q (U+%04X); please write it with Latin, Greek or Cyrillic letters", r, r)
		}
	}
	return nil
}

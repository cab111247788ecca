package screens

import (
	"testing"

	"github.com/copex/copex/render"
)

func TestTitleScreen(t *testing.T) {
	got := shoot(t, func(*App) {})
	if s := share(got, render.TitleBackground); s < 0.4 {
		t.Errorf("title screen: %.0f%% of pixels are TitleBackground, want at least 40%%", 100*s)
	}
	if s := share(got, render.TitleInk); s < 0.005 {
		t.Errorf("title screen: %.2f%% of pixels are TitleInk, want some lettering", 100*s)
	}
	checkGolden(t, "title", got)
}

func TestTitleHelp(t *testing.T) {
	got := shoot(t, func(a *App) { a.ShowHelp() })
	checkGolden(t, "title-help", got)
}

func TestTitleNotice(t *testing.T) {
	got := shoot(t, func(a *App) {
		a.GoTo(a.titleScene("The autosave could not be read: unexpected end of JSON input. It was left as it is."))
	})
	checkGolden(t, "title-notice", got)
}

// TestScreensNotBlank guards against goldens of nothing: every screen must draw text
// and shapes, not one flat colour.
func TestScreensNotBlank(t *testing.T) {
	for name, build := range map[string]func(*App){
		"title": func(*App) {},
		"help":  func(a *App) { a.ShowHelp() },
	} {
		got := shoot(t, build)
		if n := distinctColours(got, 50); n < 20 {
			t.Errorf("%s: %d colours on screen, want at least 20 (is it blank?)", name, n)
		}
	}
}

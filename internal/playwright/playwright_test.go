package playwright_test

import (
	"os"
	"strings"
	"testing"

	"github.com/copex/copex/internal/playwright"
)

// TestClickInChromium drives a real Chromium: the page's title changes only if the
// click reached the button and its script ran.
func TestClickInChromium(t *testing.T) {
	env := playwright.Setup(t)
	out := env.Run(t, "testdata/click.js")
	if got := strings.TrimSpace(string(out)); got != "clicked 2" {
		t.Fatalf("the page's title after the click is %q, want %q", got, "clicked 2")
	}
}

// TestAFailingScriptFailsTheRun checks that a script's error reaches the caller.
func TestAFailingScriptFailsTheRun(t *testing.T) {
	env := playwright.Setup(t)
	if _, err := env.Output("testdata/fails.js"); err == nil || !strings.Contains(err.Error(), "deliberate") {
		t.Fatalf("a script that throws gave %v, want an error quoting its stderr", err)
	}
}

// TestLaunchWebGL checks launchWebGL's choice: with an X display (test.sh runs the tests
// under xvfb-run) WebGL goes to the display's OpenGL, not SwiftShader; without one, to
// SwiftShader. Either way a page draws with it.
func TestLaunchWebGL(t *testing.T) {
	env := playwright.Setup(t)
	check := func(t *testing.T, wantSwiftShader bool) {
		out := strings.Split(strings.TrimSpace(string(env.Run(t, "testdata/webgl.js"))), "\n")
		if len(out) != 2 {
			t.Fatalf("the script printed %q, want the renderer and a pixel", out)
		}
		renderer, pixel := out[0], out[1]
		t.Logf("renderer %q", renderer)
		if got := strings.Contains(strings.ToLower(renderer), "swiftshader"); got != wantSwiftShader {
			t.Errorf("WebGL renderer %q: SwiftShader %v, want %v", renderer, got, wantSwiftShader)
		}
		if pixel != "255,0,0,255" {
			t.Errorf("a canvas cleared to red reads %s", pixel)
		}
	}
	t.Run("display", func(t *testing.T) {
		if os.Getenv("DISPLAY") == "" {
			if os.Getenv("COPEX_REQUIRE_DISPLAY") == "1" {
				t.Fatal("no DISPLAY, and COPEX_REQUIRE_DISPLAY=1")
			}
			t.Skip("no DISPLAY (run under xvfb-run)")
		}
		check(t, false)
	})
	t.Run("no display", func(t *testing.T) {
		t.Setenv("DISPLAY", "")
		check(t, true)
	})
}

package playwright_test

import (
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

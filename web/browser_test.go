package web

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/render"
)

// What the browser test requires of the screenshot: GetGo's title screen fills most of
// the window with its background colour and writes "GetGo" in its ink.
const (
	minBackground = 0.40  // fraction of pixels near render.TitleBackground
	minInk        = 0.002 // fraction of pixels near render.TitleInk
	colourSlack   = 8     // how far (0–255, per channel) a pixel may be from a colour
)

// virtualTimeBudgets are Chromium's --virtual-time-budget (ms) for successive attempts:
// a slow machine gets more time before the test gives up.
var virtualTimeBudgets = []int{10000, 20000, 40000}

// TestBrowserShowsTitleScreen builds GetGo for the browser, serves it, loads it in
// headless Chromium and checks the screenshot for the title screen.
func TestBrowserShowsTitleScreen(t *testing.T) {
	chromium := findChromium(t)
	start := time.Now()
	dir := t.TempDir()
	if err := Build(context.Background(), dir, testWriter{t}); err != nil {
		t.Fatal(err)
	}
	t.Logf("build: %.1fs", time.Since(start).Seconds())
	checkTitleScreen(t, chromium, dir)
}

// findChromium returns the Chromium to run: $COPEX_CHROMIUM or the first of the usual
// names on PATH. Without one the test skips, unless COPEX_REQUIRE_BROWSER=1.
func findChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds GetGo and runs a browser; skipped with -short")
	}
	if p := os.Getenv("COPEX_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("COPEX_REQUIRE_BROWSER") == "1" {
		t.Fatal("COPEX_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium, or set COPEX_CHROMIUM)")
	}
	t.Skip("no chromium on PATH; set COPEX_REQUIRE_BROWSER=1 to make this a failure")
	return ""
}

// checkTitleScreen serves dir, screenshots it in chromium and checks the colours,
// retrying with a longer virtual time budget.
func checkTitleScreen(t *testing.T, chromium, dir string) {
	t.Helper()
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	var last error
	var lastShot []byte
	for i, budget := range virtualTimeBudgets {
		start := time.Now()
		shot, err := screenshot(chromium, srv.URL+"/", budget, t.TempDir())
		if err != nil {
			last = err
			t.Logf("attempt %d (budget %d ms): %v", i+1, budget, err)
			continue
		}
		bg, ink, err := fractions(shot)
		if err != nil {
			last, lastShot = err, shot
			continue
		}
		t.Logf("attempt %d (budget %d ms, %.1fs): %.1f%% title background, %.2f%% title ink",
			i+1, budget, time.Since(start).Seconds(), 100*bg, 100*ink)
		if bg >= minBackground && ink >= minInk {
			return
		}
		last = fmt.Errorf("%.1f%% of the pixels are the title background %s (want at least %.0f%%) and %.2f%% its ink %s (want at least %.1f%%)",
			100*bg, hex(render.TitleBackground), 100*minBackground, 100*ink, hex(render.TitleInk), 100*minInk)
		lastShot = shot
	}
	if lastShot != nil {
		f, err := os.CreateTemp("", "copex-getgo-screenshot-*.png")
		if err == nil {
			_, err = f.Write(lastShot)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			t.Fatalf("GetGo's title screen did not show in chromium: %v (and the screenshot could not be kept: %v)", last, err)
		}
		t.Fatalf("GetGo's title screen did not show in chromium: %v; screenshot kept at %s", last, f.Name())
	}
	t.Fatalf("GetGo's title screen did not show in chromium: %v", last)
}

// screenshot loads url in headless chromium with the flags of TOOLCHAIN.md and returns
// the PNG it takes.
func screenshot(chromium, url string, budgetMS int, work string) ([]byte, error) {
	out := filepath.Join(work, "screenshot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(work, "profile"), "--screenshot="+out, "--window-size=1280,720",
		fmt.Sprintf("--virtual-time-budget=%d", budgetMS), url)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	shot, rerr := os.ReadFile(out)
	if rerr != nil {
		if err == nil {
			err = rerr
		}
		return nil, fmt.Errorf("chromium took no screenshot: %w\n%s", err, tail(log.Bytes()))
	}
	return shot, nil
}

// fractions returns the fractions of a PNG's pixels near the title background and near
// the title ink.
func fractions(shot []byte) (bg, ink float64, err error) {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return 0, 0, fmt.Errorf("screenshot: %w", err)
	}
	b := img.Bounds()
	n := b.Dx() * b.Dy()
	if n == 0 {
		return 0, 0, fmt.Errorf("screenshot is empty")
	}
	var nbg, nink int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.At(x, y)
			switch {
			case near(c, render.TitleBackground):
				nbg++
			case near(c, render.TitleInk):
				nink++
			}
		}
	}
	return float64(nbg) / float64(n), float64(nink) / float64(n), nil
}

// near reports whether c is within colourSlack of want in each channel.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(v uint32, w uint8) bool {
		x := int(v>>8) - int(w)
		return x >= -colourSlack && x <= colourSlack
	}
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// hex formats a colour as #RRGGBB.
func hex(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// testWriter sends Build's progress lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

package screens

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	euiinput "github.com/ebitenui/ebitenui/input"
	"github.com/hajimehoshi/ebiten/v2"
)

var regen = flag.Bool("regen", false, "rewrite the golden screen images in testdata")

// loop runs jobs inside Ebiten's game loop: reading pixels panics before a game runs,
// so TestMain starts one and the screen tests hand it their drawing. It is nil when
// there is no display, and the screen tests skip.
var loop *testLoop

// testLoop is the game that runs the tests.
type testLoop struct {
	m       *testing.M
	jobs    chan func()
	started bool
	done    chan int
	code    int
}

func (g *testLoop) Update() error {
	if !g.started {
		g.started = true
		go func() { g.done <- g.m.Run() }()
	}
	for {
		select {
		case job := <-g.jobs:
			job()
		case g.code = <-g.done:
			return ebiten.Termination
		default:
			return nil
		}
	}
}

func (g *testLoop) Draw(*ebiten.Image)         {}
func (g *testLoop) Layout(_, _ int) (int, int) { return 64, 64 }
func (g *testLoop) run(job func()) {
	done := make(chan struct{})
	g.jobs <- func() { job(); close(done) }
	<-done
}
func hasDisplay() bool {
	return runtime.GOOS != "linux" || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
func (g *testLoop) String() string { return fmt.Sprintf("testLoop(started=%v)", g.started) }

func TestMain(m *testing.M) {
	flag.Parse()
	if !hasDisplay() {
		if os.Getenv("COPEX_REQUIRE_DISPLAY") == "1" {
			fmt.Fprintln(os.Stderr, "screen tests need a display (COPEX_REQUIRE_DISPLAY=1): run under xvfb-run -a")
			os.Exit(1)
		}
		os.Exit(m.Run())
	}
	// The screen tests must not depend on where the pointer happens to be.
	euiinput.SetCursorUpdater(parkedCursor{})
	loop = &testLoop{m: m, jobs: make(chan func()), done: make(chan int, 1)}
	ebiten.SetWindowSize(64, 64)
	if err := ebiten.RunGameWithOptions(loop, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		fmt.Fprintln(os.Stderr, "run the screen tests:", err)
		os.Exit(1)
	}
	os.Exit(loop.code)
}

// parkedCursor is a pointer far off screen with no buttons pressed.
type parkedCursor struct{}

func (parkedCursor) Update()                                        {}
func (parkedCursor) AfterUpdate()                                   {}
func (parkedCursor) Draw(*ebiten.Image)                             {}
func (parkedCursor) AfterDraw(*ebiten.Image)                        {}
func (parkedCursor) MouseButtonPressed(ebiten.MouseButton) bool     { return false }
func (parkedCursor) MouseButtonJustPressed(ebiten.MouseButton) bool { return false }
func (parkedCursor) MouseButtonJustReleased(ebiten.MouseButton) bool {
	return false
}
func (parkedCursor) CursorPosition() (int, int)          { return -10000, -10000 }
func (parkedCursor) GetCursorImage(string) *ebiten.Image { return nil }
func (parkedCursor) GetCursorOffset(string) image.Point  { return image.Point{} }

// shoot builds a scene with build (on the game loop), lets it lay itself out, and
// returns what it draws at 1280×720.
func shoot(t *testing.T, build func(a *App)) *image.RGBA {
	t.Helper()
	if loop == nil {
		t.Skip("no display: screen tests need one (run under xvfb-run -a)")
	}
	var got *image.RGBA
	loop.run(func() {
		a, err := NewApp(Options{Seed: 1})
		if err != nil {
			t.Errorf("NewApp: %v", err)
			return
		}
		build(a)
		screen := ebiten.NewImage(ScreenWidth, ScreenHeight)
		defer screen.Deallocate()
		for range 3 {
			if err := a.tick(Input{}); err != nil {
				t.Errorf("Update: %v", err)
				return
			}
			screen.Clear()
			a.Draw(screen)
		}
		got = image.NewRGBA(image.Rect(0, 0, ScreenWidth, ScreenHeight))
		screen.ReadPixels(got.Pix)
	})
	if got == nil {
		t.FailNow()
	}
	return got
}

// checkGolden compares got with testdata/name.png, allowing for small differences in
// anti-aliasing: at least 99.95% of pixels must be within 8 per channel. (On Xvfb's
// llvmpipe the screens render identically run to run; a changed word or number moves
// about 0.1-0.3% of the pixels, so it fails.) With -regen it rewrites the file.
func checkGolden(t *testing.T, name string, got *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *regen {
		if err := writePNG(path, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -regen to create it)", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatalf("golden %s: %v", path, err)
	}
	if want.Bounds() != got.Bounds() {
		t.Fatalf("%s: size %v, want %v", name, got.Bounds(), want.Bounds())
	}
	frac := mismatch(got, want)
	if frac > 0.0005 {
		out := filepath.Join(os.TempDir(), "getgo-"+name+"-got.png")
		if err := writePNG(out, got); err != nil {
			t.Log(err)
		}
		t.Errorf("%s: %.2f%% of pixels differ from %s by more than 8 per channel (got written to %s; go test -regen rewrites the golden)", name, 100*frac, path, out)
	}
}

// mismatch is the fraction of pixels where any channel differs by more than 8.
func mismatch(got *image.RGBA, want image.Image) float64 {
	b := got.Bounds()
	bad := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := got.RGBAAt(x, y)
			w := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
			if far(g.R, w.R) || far(g.G, w.G) || far(g.B, w.B) || far(g.A, w.A) {
				bad++
			}
		}
	}
	return float64(bad) / float64(b.Dx()*b.Dy())
}

func far(a, b uint8) bool { return int(a)-int(b) > 8 || int(b)-int(a) > 8 }

func writePNG(path string, m image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// share returns the fraction of pixels of colour c (within 8 per channel).
func share(m *image.RGBA, c color.RGBA) float64 {
	n := 0
	for i := 0; i < len(m.Pix); i += 4 {
		p := color.RGBA{m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3]}
		if !far(p.R, c.R) && !far(p.G, c.G) && !far(p.B, c.B) {
			n++
		}
	}
	return float64(n) / float64(len(m.Pix)/4)
}

// distinctColours counts the colours in m, up to limit.
func distinctColours(m *image.RGBA, limit int) int {
	seen := map[[4]uint8]bool{}
	for i := 0; i < len(m.Pix) && len(seen) < limit; i += 4 {
		seen[[4]uint8(m.Pix[i:i+4])] = true
	}
	return len(seen)
}

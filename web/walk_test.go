package web

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/copex/copex/internal/playwright"
	"github.com/copex/copex/render/screens/walk"
)

// The figures of issue 12 for the browser build.
const (
	maxWasmBytes = 40_000_000      // the raw module, at most 40 MB (a million bytes each: the stricter reading)
	maxWarmLoad  = 5 * time.Second // page load to the title screen, with the module cached
)

// walkWindow is the browser window the walk plays in: half GetGo's 1280×720 each way,
// which GetGo scales its screen to fit. Without a GPU, Chromium draws WebGL in software
// and a frame's cost grows with the window's area (50 ms a frame at 1280×720 on this
// machine, 28 ms at 640×360).
const walkWindow = "640x360"

// TestBrowserWalk plays GetGo in headless Chromium, through the page: real clicks at
// the widgets' positions on the canvas and real key presses. It walks the whole game
// as the desktop test does (walk.PlayAll: every phase, a failed test and its pivot,
// twelve living turns with every option pressed, the export, figures loaded through
// the browser's file chooser); with COPEX_BROWSER_WALK=smoke, the short walk
// (walk.Smoke), for a quick look at the browser build.
// testdata/walk.js fails it on a console error or GetGo's error page, and waits after
// each input for GetGo's own ticks (getgoAfter) rather than for frames, so that a press
// is seen exactly once however slowly the page draws, and then for two frames, the
// second laying out what the first rebuilt. COPEX_WALKLOG=1 logs every
// command and what it left focused. It also measures the module's size and a warm load.
func TestBrowserWalk(t *testing.T) {
	env := playwright.Setup(t)
	// 370 s on an AMD EPYC of 2017 at 2 GHz with WebGL through Mesa's llvmpipe under
	// xvfb-run (launchWebGL), 900–1,200 s there with SwiftShader (no display), 510 s
	// with SwiftShader on an Intel Xeon: room for a slower machine still.
	env.Timeout = 45 * time.Minute
	dir := t.TempDir()
	start := time.Now()
	if err := Build(context.Background(), dir, testWriter{t}); err != nil {
		t.Fatal(err)
	}
	t.Logf("build: %.1fs", time.Since(start).Seconds())
	fi, err := os.Stat(filepath.Join(dir, WasmFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %.1f MB raw", WasmFile, float64(fi.Size())/1e6)
	if fi.Size() > maxWasmBytes {
		t.Errorf("%s is %d bytes, more than %d", WasmFile, fi.Size(), maxWasmBytes)
	}
	figures, err := filepath.Abs(filepath.Join("..", "game", "testdata", "riverside.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	b := &browser{t: t, next: make(chan command), results: make(chan result), gone: make(chan struct{}), start: time.Now()}
	walked := make(chan struct{})
	mux := http.NewServeMux()
	mux.Handle("/", Handler(dir))
	mux.HandleFunc("/drive/next", func(w http.ResponseWriter, r *http.Request) {
		var c command
		select {
		case c = <-b.next:
		case <-walked:
			c = command{Op: "done"}
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(c)
	})
	mux.HandleFunc("/drive/log", func(w http.ResponseWriter, r *http.Request) { t.Log("walk.js: " + r.URL.Query().Get("msg")) })
	mux.HandleFunc("/drive/result", func(w http.ResponseWriter, r *http.Request) {
		var res result
		if err := json.NewDecoder(r.Body).Decode(&res); err != nil {
			res.Error = "the script's result does not decode: " + err.Error()
		}
		if b.n < 5 {
			t.Logf("result %d: %d widgets, error %q", b.n, len(res.Widgets), res.Error)
		}
		select {
		case b.results <- res:
		case <-walked:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	start = time.Now()
	go func() {
		defer close(walked)
		if os.Getenv("COPEX_BROWSER_WALK") == "smoke" {
			walk.New(t, b).Smoke(figures)
			return
		}
		walk.New(t, b).PlayAll(figures, false)
	}()
	out := func() []byte {
		defer close(b.gone)
		return env.Run(t, filepath.Join("testdata", "walk.js"), srv.URL+"/", figures, walkWindow)
	}()
	<-walked
	t.Logf("walk: %d commands in %.1fs", b.n, time.Since(start).Seconds())
	m := regexp.MustCompile(`load-ms cold (\d+) warm (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the script printed no load times: %q", out)
	}
	cold, _ := strconv.Atoi(string(m[1]))
	warm, _ := strconv.Atoi(string(m[2]))
	t.Logf("load to the title screen: %d ms cold, %d ms warm", cold, warm)
	if d := time.Duration(warm) * time.Millisecond; d > maxWarmLoad {
		t.Errorf("a warm load took %v, more than %v", d, maxWarmLoad)
	}
}

// command is what walk.js does next.
type command struct {
	Op   string `json:"op"` // widgets, click, key, keys, type, done
	X    int    `json:"x,omitempty"`
	Y    int    `json:"y,omitempty"`
	Key  string `json:"key,omitempty"`
	N    int    `json:"n,omitempty"` // keys: presses
	Text string `json:"text,omitempty"`
}

// result is what walk.js saw after a command.
type result struct {
	Widgets []walk.Widget `json:"widgets"`
	Error   string        `json:"error"`
}

// browser is a walk.Driver that hands each action to walk.js and keeps the widgets
// the page reported after it.
type browser struct {
	t       *testing.T
	next    chan command
	results chan result
	gone    chan struct{} // closed when the script has ended
	last    []walk.Widget
	n       int
	start   time.Time
}

func (b *browser) do(c command) {
	b.t.Helper()
	b.n++
	if b.n%50 == 1 || b.n < 12 {
		scene := ""
		if len(b.last) > 0 {
			scene = b.last[0].Name
		}
		b.t.Logf("command %d (%s), on %q after %.0fs", b.n, c.Op, scene, time.Since(b.start).Seconds())
	}
	select {
	case b.next <- c:
	case <-b.gone:
		b.stop("the browser script ended before %s", c.Op)
	}
	select {
	case r := <-b.results:
		if r.Error != "" {
			b.stop("%s: %s", c.Op, r.Error)
		}
		if len(r.Widgets) == 0 {
			b.stop("%s: the page reports nothing on the screen", c.Op)
		}
		b.last = r.Widgets
		if os.Getenv("COPEX_WALKLOG") != "" {
			var focus []string
			for _, w := range r.Widgets {
				if w.Focused || w.Kind == "list" {
					focus = append(focus, fmt.Sprintf("%s %q sel %d foc %v", w.Kind, w.Name, w.Selected, w.Focused))
				}
			}
			b.t.Logf("cmd %d %+v -> %s %v", b.n, c, r.Widgets[0].Name, focus)
		}
	case <-b.gone:
		b.stop("the browser script ended during %s", c.Op)
	}
}

func (b *browser) stop(format string, args ...any) {
	b.t.Helper()
	b.t.Errorf(format, args...)
	panic(walk.Stopped{})
}

func (b *browser) Widgets() []walk.Widget {
	if b.last == nil {
		b.do(command{Op: "widgets"})
	}
	return b.last
}

// Refresh reads the screen again: a chosen file arrives on a later frame.
func (b *browser) Refresh() { b.do(command{Op: "widgets"}) }

func (b *browser) Click(what string, at image.Point) { b.do(command{Op: "click", X: at.X, Y: at.Y}) }
func (b *browser) Key(what, k string)                { b.do(command{Op: "key", Key: k}) }
func (b *browser) Keys(what, k string, n int)        { b.do(command{Op: "keys", Key: k, N: n}) }
func (b *browser) Type(what, s string)               { b.do(command{Op: "type", Text: s}) }

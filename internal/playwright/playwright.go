package playwright

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Version is the playwright-core release the tests use (TOOLCHAIN.md).
const Version = "1.64.1"

//go:embed launch.js
var launchJS []byte

// Env is a ready browser-test environment: node, Chromium and playwright-core.
type Env struct {
	Node, Chromium string
	module         string // the playwright-core folder
	launch         string // launch.js
	// Timeout bounds each Run (default two minutes).
	Timeout time.Duration
}

// Setup finds or installs what a browser test needs; it skips the test when something
// cannot be had, unless COPEX_REQUIRE_BROWSER=1, when it fails it.
func Setup(t testing.TB) *Env {
	t.Helper()
	if testing.Short() {
		t.Skip("drives a browser; skipped with -short")
	}
	e, err := find()
	if err != nil {
		if os.Getenv("COPEX_REQUIRE_BROWSER") == "1" {
			t.Fatalf("COPEX_REQUIRE_BROWSER=1 but %v", err)
		}
		t.Skipf("%v; set COPEX_REQUIRE_BROWSER=1 to make this a failure", err)
	}
	return e
}

func find() (*Env, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("no node on PATH (apt-get install nodejs npm)")
	}
	chromium := os.Getenv("COPEX_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if chromium != "" {
			break
		}
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
		}
	}
	if chromium == "" {
		return nil, fmt.Errorf("no chromium on PATH (apt-get install chromium, or set COPEX_CHROMIUM)")
	}
	dir, err := install()
	if err != nil {
		return nil, err
	}
	return &Env{Node: node, Chromium: chromium, module: filepath.Join(dir, "node_modules", "playwright-core"),
		launch: filepath.Join(dir, "launch.js"), Timeout: 2 * time.Minute}, nil
}

// install puts playwright-core and launch.js in the cache folder, once.
func install() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "copex", "playwright-"+Version)
	launch := filepath.Join(dir, "launch.js")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core", "package.json")); err == nil {
		if old, err := os.ReadFile(launch); err == nil && bytes.Equal(old, launchJS) {
			return dir, nil
		}
		return dir, writeAtomic(launch, launchJS)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("no npm on PATH to install playwright-core (apt-get install npm)")
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".playwright-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--prefix", tmp, "--no-audit", "--no-fund", "--no-save",
		"--loglevel=error", "playwright-core@"+Version)
	cmd.Env = append(os.Environ(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install playwright-core@%s failed: %v\n%s", Version, err, out)
	}
	if err := os.WriteFile(filepath.Join(tmp, "launch.js"), launchJS, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); serr == nil {
			return dir, nil // another test binary installed it first
		}
		return "", err
	}
	return dir, nil
}

func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Run runs the Node script at path with args and returns what it printed on stdout;
// a non-zero exit, or running past e.Timeout, fails the test with the script's stderr.
func (e *Env) Run(t testing.TB, script string, args ...string) []byte {
	t.Helper()
	out, err := e.Output(script, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Output is Run without a test: it returns the script's stdout, or an error quoting
// its stderr.
func (e *Env) Output(script string, args ...string) ([]byte, error) {
	abs, err := filepath.Abs(script)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Node, append([]string{abs}, args...)...)
	cmd.Env = append(os.Environ(), "COPEX_PLAYWRIGHT="+e.module, "COPEX_PW_LAUNCH="+e.launch,
		"COPEX_CHROMIUM_PATH="+e.Chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("timed out after %v", e.Timeout)
		}
		return stdout.Bytes(), fmt.Errorf("%s %s: %v\n%s", filepath.Base(script), strings.Join(args, " "), err, tail(stderr.String()))
	}
	return stdout.Bytes(), nil
}

func tail(s string) string {
	const n = 4000
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// GetGoPackage is the import path of the game Build compiles.
const GetGoPackage = "github.com/copex/copex/cmd/getgo"

// modulePath is the path of the module that holds GetGoPackage.
const modulePath = "github.com/copex/copex"

// Names of the files Build writes.
const (
	WasmFile   = "getgo.wasm"
	GzipFile   = "getgo.wasm.gz"
	LoaderFile = "wasm_exec.js"
	IndexFile  = "index.html"
)

//go:embed index.html
var indexHTML []byte

// maxOutput bounds the compiler output an error carries.
const maxOutput = 8 << 10

// Build compiles GetGo for the browser into outDir (created if need be): getgo.wasm and
// getgo.wasm.gz, wasm_exec.js from the Go installation, and index.html. Each file is
// written under a temporary name and renamed into place, so a server reading outDir
// never sees half a file. It must run inside the copex source tree (the current folder
// or one below it). stderr, if not nil, gets a line when the build starts and one when
// it ends; a failed build's error carries the compiler output.
func Build(ctx context.Context, outDir string, stderr io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	return build(ctx, root, GetGoPackage, outDir, stderr)
}

// build compiles pkg (an import path resolved in the module at dir) as Build does.
func build(ctx context.Context, dir, pkg, outDir string, stderr io.Writer) error {
	if stderr == nil {
		stderr = io.Discard
	}
	goTool, err := goCommand()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("web: output folder: %w", err)
	}
	start := time.Now()
	fmt.Fprintf(stderr, "building %s (GOOS=js GOARCH=wasm go build %s)\n", filepath.Join(outDir, WasmFile), pkg)
	tmp, err := tempName(outDir, WasmFile)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// Without the symbol table and DWARF (-s -w) the module is about 1 MB smaller; a
	// panic's traceback still names its functions (they are in the pclntab, kept).
	cmd := exec.CommandContext(ctx, goTool, "build", "-trimpath", "-ldflags=-s -w", "-o", tmp, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("web: building %s: %w", pkg, ctx.Err())
		}
		return fmt.Errorf("web: building %s for js/wasm: %w\n%s", pkg, err, tail(out.Bytes()))
	}
	if err := gzipFile(tmp, filepath.Join(outDir, GzipFile)); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(outDir, WasmFile)); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	goroot, err := goEnv(ctx, goTool, dir, "GOROOT")
	if err != nil {
		return err
	}
	loader, err := readLoader(goroot)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(outDir, LoaderFile), loader); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(outDir, IndexFile), indexHTML); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(filepath.Join(outDir, WasmFile)); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(stderr, "built %s (%.1f MB) in %.1fs\n", WasmFile, float64(size)/1e6, time.Since(start).Seconds())
	return nil
}

// goCommand finds the go command: the one on PATH, else the one of the Go installation
// this program was built with.
func goCommand() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	//lint:ignore SA1019 the fallback when go is not on PATH
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("web: the go command is not on PATH and not at %s: %w", p, err)
	}
	return p, nil
}

// goEnv returns `go env NAME`.
func goEnv(ctx context.Context, goTool, dir, name string) (string, error) {
	cmd := exec.CommandContext(ctx, goTool, "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("web: go env %s: %w\n%s", name, err, tail(ee.Stderr))
		}
		return "", fmt.Errorf("web: go env %s: %w", name, err)
	}
	v := strings.TrimSpace(string(out))
	if v == "" {
		return "", fmt.Errorf("web: go env %s is empty", name)
	}
	return v, nil
}

// readLoader reads wasm_exec.js from a Go installation (lib/wasm since Go 1.24,
// misc/wasm before).
func readLoader(goroot string) ([]byte, error) {
	var firstErr error
	for _, p := range []string{filepath.Join(goroot, "lib", "wasm", LoaderFile), filepath.Join(goroot, "misc", "wasm", LoaderFile)} {
		b, err := os.ReadFile(p)
		if err == nil {
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("web: %s of the Go installation: %w", LoaderFile, firstErr)
}

// moduleRoot finds the copex module's folder: the current folder or the nearest one
// above it whose go.mod declares the copex module.
func moduleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("web: %w", err)
	}
	for d := wd; ; {
		if m, err := modulePathOf(filepath.Join(d, "go.mod")); err == nil && m == modulePath {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	return "", fmt.Errorf("web: %s is not inside the %s source tree, which GetGo is built from", wd, modulePath)
}

// modulePathOf reads the module line of a go.mod file.
func modulePathOf(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`), nil
		}
	}
	return "", errors.New("no module line")
}

// tempName reserves a new file name in dir for an atomic write of name.
func tempName(dir, name string) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("web: %w", err)
	}
	err = f.Close()
	if err == nil {
		err = os.Chmod(f.Name(), 0o644) // served files are for everyone to read
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("web: %w", err)
	}
	return f.Name(), nil
}

// writeFile writes b to path atomically.
func writeFile(path string, b []byte) error {
	tmp, err := tempName(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return nil
}

// gzipFile writes a gzipped copy of src to dst atomically.
func gzipFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	defer in.Close()
	tmp, err := tempName(filepath.Dir(dst), filepath.Base(dst))
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	zw := gzip.NewWriter(out)
	if _, err := io.Copy(zw, in); err != nil {
		out.Close()
		return fmt.Errorf("web: compressing %s: %w", filepath.Base(src), err)
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return fmt.Errorf("web: compressing %s: %w", filepath.Base(src), err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return nil
}

// tail returns the end of a command's output, at most maxOutput bytes.
func tail(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > maxOutput {
		b = append([]byte("…"), b[len(b)-maxOutput:]...)
	}
	return string(b)
}

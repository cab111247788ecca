package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/copex/copex/web"
)

const defaultServeAddr = "127.0.0.1:8080"

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		addr    string
		dir     string
		noBuild bool
		public  bool
	)
	c := &cobra.Command{
		Use:   "serve",
		Short: "Build GetGo for the browser and serve it (http://" + defaultServeAddr + "/)",
		Long: `serve builds GetGo for the browser (GOOS=js GOARCH=wasm go build ./cmd/getgo, about a
minute the first time, seconds after that) into --dir, then serves that folder over HTTP
until interrupted (Ctrl+C). It must run inside the copex source tree and needs the go
command. Open the printed address in a browser.

The server listens on this machine only (127.0.0.1) unless --addr names another
address and --public says that is meant: it serves only the game's files, but anyone who
can reach the address can play. It answers GET and HEAD only, never serves or lists a
file whose name starts with a dot, and follows no link out of --dir.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return badInput(fmt.Errorf("serve takes no arguments, got %q", args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return badInput(fmt.Errorf("--addr %s: %w", addr, err))
			}
			if !public && !isLoopback(host) {
				return badInput(fmt.Errorf("--addr %s is reachable from other machines; add --public if that is meant", addr))
			}
			if dir == "" {
				cache, err := os.UserCacheDir()
				if err != nil {
					return badInput(fmt.Errorf("no cache folder for the build (%w); give --dir", err))
				}
				dir = filepath.Join(cache, "copex", "web")
			}
			if noBuild {
				for _, f := range []string{web.WasmFile, web.LoaderFile, web.IndexFile} {
					if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
						return badInput(fmt.Errorf("--no-build: %s has no %s; run copex serve once without --no-build", dir, f))
					}
				}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return badInput(fmt.Errorf("--addr %s: %w", addr, err))
			}
			defer ln.Close()

			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if !noBuild {
				if err := web.Build(ctx, dir, stderr); err != nil {
					if ctx.Err() != nil {
						fmt.Fprintln(stderr, "stopped")
						return nil
					}
					return err
				}
			}
			srv := &http.Server{Handler: web.Handler(dir), ReadHeaderTimeout: 10 * time.Second}
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			url, everywhere := serveURL(host, ln.Addr())
			fmt.Fprintf(stdout, "GetGo is at %s\n", url)
			if everywhere {
				fmt.Fprintf(stderr, "listening on every network interface of this machine (%s)\n", ln.Addr())
			}
			fmt.Fprintf(stderr, "serving %s; Ctrl+C stops\n", dir)
			select {
			case err := <-served:
				return fmt.Errorf("serving %s: %w", addr, err)
			case <-ctx.Done():
			}
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("stopping the server: %w", err)
			}
			fmt.Fprintln(stderr, "stopped")
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&addr, "addr", defaultServeAddr, "host:port to listen on (port 0: any free port)")
	f.StringVar(&dir, "dir", "", "folder to build into and serve (default: copex/web in the user's cache folder)")
	f.BoolVar(&noBuild, "no-build", false, "serve what --dir holds without building")
	f.BoolVar(&public, "public", false, "allow an --addr other machines can reach")
	return c
}

// isLoopback reports whether a listening host is reachable from this machine only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveURL returns the address to open for a server listening on host (as given) at
// a; everywhere says whether it listens on every interface.
func serveURL(host string, a net.Addr) (url string, everywhere bool) {
	port := "0"
	if tcp, ok := a.(*net.TCPAddr); ok {
		port = fmt.Sprint(tcp.Port)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host, everywhere = "127.0.0.1", true
	}
	return "http://" + net.JoinHostPort(host, port) + "/", everywhere
}

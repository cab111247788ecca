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
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/workshop"
)

const defaultWorkshopAddr = "127.0.0.1:8090"

// workshopJournal is the action journal's name in the output folder.
const workshopJournal = "journal.jsonl"

func workshopCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		addr      string
		public    bool
		seed      uint64
		sets      []string
		out       string
		replay    string
		workers   int
		speed     float64
		exitOnEnd bool
	)
	c := &cobra.Command{
		Use:   "workshop [SCENARIO]",
		Short: "Run a scenario live in the browser, with sliders, charts and participants' co-ops",
		Long: `workshop runs a scenario (default baseline) live and serves it to browsers: a
facilitator's page (play, pause, step, reset, speed; sliders for the parameters that may
change mid-run and a giveaway now, marked on the charts; charts that update as it runs; a
projector mode; what is plotted downloadable as metrics.csv), and a page for each
participant, who joins with the room code and runs a co-op inside the economy (price,
pay, output, hiring, what its grants go to, and purchases from other co-ops).

The server listens on this machine only (127.0.0.1) unless --public, which listens on
every interface and prints the join address for the room. Every action goes to
OUT/journal.jsonl as it happens; OUT/metrics.csv is written when the round ends (End
round) or the server stops (Ctrl+C). --replay JOURNAL runs a journal again without a
server and writes the same metrics.csv, byte for byte.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if replay != "" {
				if len(args) > 0 || len(sets) > 0 || cmd.Flags().Changed("seed") {
					return badInput(errors.New("--replay runs the journal's own scenario and seed: give no scenario, --set or --seed"))
				}
				return replayWorkshop(stdout, replay, out, workers)
			}
			name := defaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			sc, err := scenarios.Load(name, sets)
			if err != nil {
				return badInput(err)
			}
			if err := runs.CheckMemory(sc.Config, availableMemory); err != nil {
				return badInput(err)
			}
			if !cmd.Flags().Changed("addr") && public {
				addr = "0.0.0.0:8090"
			}
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return badInput(fmt.Errorf("--addr %s: %w", addr, err))
			}
			if !public && !isLoopback(host) {
				return badInput(fmt.Errorf("--addr %s is reachable from other machines; add --public if that is meant", addr))
			}
			if !(speed >= 0 && speed <= 1000) {
				return badInput(fmt.Errorf("--speed %g: give 0 (as fast as it goes) to 1000 ticks a second", speed))
			}
			if out == "" {
				out = runs.DefaultDir("workshop-" + sc.Name)
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			jpath := filepath.Join(out, workshopJournal)
			jf, err := os.OpenFile(jpath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, atomicfile.FileMode())
			if err != nil {
				if errors.Is(err, os.ErrExist) {
					return badInput(fmt.Errorf("--out %s already holds a workshop's %s; give another --out (or replay it with --replay)", out, workshopJournal))
				}
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			defer jf.Close()
			opts := workshop.Options{Workers: workers, Journal: jf, Speed: speed}
			if speed == 0 {
				opts.Speed = -1
			}
			if cmd.Flags().Changed("seed") {
				opts.Seed = &seed
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return badInput(fmt.Errorf("--addr %s: %w", addr, err))
			}
			defer ln.Close()
			local, everywhere := serveURL(host, ln.Addr())
			join := local
			if everywhere {
				if ip := lanAddress(); ip != "" {
					join = "http://" + net.JoinHostPort(ip, portOf(ln.Addr())) + "/"
				}
			}
			opts.JoinBase = join
			room, err := workshop.New(sc, opts)
			if err != nil {
				return badInput(err)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			srv := &http.Server{Handler: room.Handler(), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 16 << 10}
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			ran := make(chan error, 1)
			go func() { ran <- room.Run(ctx) }()

			fmt.Fprintf(stdout, "workshop %s: room %s\n", sc.Name, room.Code())
			fmt.Fprintf(stdout, "facilitator: %sf/%s/\n", local, room.Key())
			fmt.Fprintf(stdout, "participants join at: %s\n", room.JoinURL())
			if public {
				// a code to scan from the terminal (the facilitator's page shows a larger one)
				if q, err := workshop.NewQR(room.JoinURL()); err == nil {
					fmt.Fprint(stdout, q.Terminal())
				}
			}
			fmt.Fprintf(stderr, "journal %s; Ctrl+C stops and writes %s\n", jpath, filepath.Join(out, "metrics.csv"))

			var runErr error
			ended := room.Ended()
		wait:
			for {
				select {
				case err := <-served:
					runErr = fmt.Errorf("serving %s: %w", addr, err)
					break wait
				case err := <-ran:
					if err != nil && ctx.Err() == nil {
						runErr = err
					}
					break wait
				case <-ended:
					ended = nil
					if err := writeWorkshopMetrics(stderr, out, room.CSV()); err != nil {
						return err
					}
					if exitOnEnd {
						break wait
					}
				case <-ctx.Done():
					break wait
				}
			}
			stop()
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			srv.Shutdown(shutdown)
			if err := writeWorkshopMetrics(stderr, out, room.CSV()); err != nil {
				return err
			}
			return runErr
		},
	}
	f := c.Flags()
	f.StringVar(&addr, "addr", defaultWorkshopAddr, "host:port to listen on (port 0: any free port; with --public, default 0.0.0.0:8090)")
	f.BoolVar(&public, "public", false, "listen where other machines can reach (a room: participants join from their laptops and phones)")
	f.Uint64Var(&seed, "seed", 0, "random seed (default: the scenario's)")
	f.StringArrayVar(&sets, "set", nil, "override a scenario field: path=value (repeatable)")
	f.StringVar(&out, "out", "", "output folder: journal.jsonl and metrics.csv (default out/workshop-SCENARIO)")
	f.StringVar(&replay, "replay", "", "run this workshop journal again and write its metrics.csv to --out, without a server")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "goroutines the engine may use (results do not depend on it)")
	f.Float64Var(&speed, "speed", 4, "ticks a second while playing at the start (0: as fast as it goes)")
	f.BoolVar(&exitOnEnd, "exit-on-end", false, "stop the server when the round ends (for scripts)")
	return c
}

// replayWorkshop runs a journal again and writes its metrics.csv.
func replayWorkshop(stdout io.Writer, path, out string, workers int) error {
	f, err := os.Open(path)
	if err != nil {
		return badInput(fmt.Errorf("--replay: %w", err))
	}
	defer f.Close()
	csv, err := workshop.Replay(path, f, workers)
	if err != nil {
		return badInput(fmt.Errorf("--replay: %w", err))
	}
	if out == "" {
		out = filepath.Join(filepath.Dir(path), "replay")
	}
	if err := runs.PrepareDir(out); err != nil {
		return badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	dst := filepath.Join(out, "metrics.csv")
	if err := atomicfile.WriteFile(dst, csv); err != nil {
		return badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	fmt.Fprintf(stdout, "replayed %s: wrote %s\n", path, dst)
	return nil
}

func writeWorkshopMetrics(stderr io.Writer, out string, csv []byte) error {
	dst := filepath.Join(out, "metrics.csv")
	if err := atomicfile.WriteFile(dst, csv); err != nil {
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	fmt.Fprintf(stderr, "wrote %s\n", dst)
	return nil
}

func portOf(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return fmt.Sprint(tcp.Port)
	}
	return "0"
}

// lanAddress returns an address other machines on the local network can reach this
// one at: the first private IPv4 address of an interface that is up, or "".
func lanAddress() string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return ""
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && n.IP.IsPrivate() {
			return n.IP.String()
		}
	}
	return ""
}

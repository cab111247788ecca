package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/tradable"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim/ledger"
)

const defaultScenario = "baseline"

// availableMemory reports the memory a run may use (nil: runs.SystemMemory); tests
// replace it.
var availableMemory runs.MemorySource

func runCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		seed    uint64
		out     string
		sets    []string
		agents  bool
		parq    bool
		journal string
		quiet   bool
		workers int
		cpuprof string
		sign    string
		dirs    = map[string]*string{"plan": new(string), "delegations": new(string), "obligations": new(string)}
		market  string
		// phaseTimes: --phase-times
		phaseTimes bool
	)
	c := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "Run a scenario (embedded name or YAML file; default baseline) and write its outputs",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := defaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			if workers < 1 {
				return badInput(fmt.Errorf("--workers must be at least 1, got %d", workers))
			}
			sc, err := scenarios.Load(name, sets)
			if err != nil {
				return badInput(err)
			}
			opts := runs.Options{Workers: workers, Memory: availableMemory}
			if cmd.Flags().Changed("seed") {
				opts.Seed = &seed
			}
			if out == "" {
				out = runs.DefaultDir(sc.Name)
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			if journal != "" {
				if err := runs.PrepareDir(filepath.Dir(journal)); err != nil {
					return badInput(fmt.Errorf("--journal %s: %w", journal, err))
				}
			}
			var key ed25519.PrivateKey
			if sign != "" {
				if journal == "" {
					return badInput(errors.New("--sign signs the journal: give --journal too"))
				}
				if key, err = loadPrivateKey(sign); err != nil {
					return badInput(fmt.Errorf("--sign: %w", err))
				}
			}
			if market != "" && !sc.Config.Tradable.On() {
				return badInput(fmt.Errorf("--market %s: %w", market, tradable.ErrNoMarket))
			}
			opts.Agents, opts.Journal, opts.Parquet, opts.PhaseTimes = agents, journal, parq, phaseTimes
			for name, d := range dirs {
				if *d != "" {
					if opts.Dirs == nil {
						opts.Dirs = map[string]string{}
					}
					opts.Dirs[name] = *d
				}
			}
			if !quiet {
				opts.Progress = progress(stderr)
			}
			if cpuprof != "" {
				f, err := os.Create(cpuprof)
				if err != nil {
					return badInput(fmt.Errorf("--cpuprofile: %w", err))
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			res, err := runs.Run(sc, out, opts)
			if err != nil {
				var me *runs.MemoryError
				var ie *runs.IncompleteError
				if errors.Is(err, runs.ErrOutput) || errors.As(err, &me) || errors.As(err, &ie) || isFieldError(err) {
					return badInput(err)
				}
				return err
			}
			if market != "" {
				if err := tradable.WriteMarket(market, res.Table); err != nil {
					return badInput(fmt.Errorf("--market: %w", err))
				}
			}
			if key != nil {
				if err := writeSignature(signaturePath(journal), key, res.Manifest.JournalEntries, res.Manifest.JournalHead); err != nil {
					return badInput(fmt.Errorf("--sign: %w", err))
				}
			}
			if !quiet {
				fmt.Fprintf(stdout, "%s: %d ticks, seed %d, %.2fs (tick loop %.2fs)\n", sc.Name, res.Manifest.Ticks, res.Manifest.Seed, res.Manifest.WallSeconds, res.Manifest.StepSeconds)
				fmt.Fprintln(stdout, runSummary(res.Table))
				if phaseTimes {
					printPhaseTimes(stdout, res.Manifest)
				}
				fmt.Fprintf(stdout, "wrote %s (%d files; open %s)\n", out, len(res.Manifest.Files), filepath.Join(out, "report.html"))
			}
			return nil
		},
	}
	f := c.Flags()
	f.Uint64Var(&seed, "seed", 0, "random seed (default: the scenario's)")
	f.StringVar(&out, "out", "", "output folder (default out/SCENARIO)")
	f.StringArrayVar(&sets, "set", nil, "override a scenario field: path=value (repeatable)")
	f.BoolVar(&agents, "agents", false, "also write agents.csv (member, balance) at the end")
	f.BoolVar(&parq, "parquet", false, "also write metrics.parquet (the columns of metrics.csv, tokens as exact decimals)")
	f.StringVar(&journal, "journal", "", "write the hash-chained ledger journal to this file")
	f.StringVar(&sign, "sign", "", "sign the journal's head with this private key file (copex keygen), writing JOURNAL.sig")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on success")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "goroutines the engine may use (results do not depend on it)")
	f.StringVar(&cpuprof, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	f.BoolVar(&phaseTimes, "phase-times", false, "time each phase of the tick: print the times and record them in manifest.json (phase_seconds)")
	f.StringVar(dirs["plan"], "plan", "", "write the planning rounds (plan.csv, labour_values.csv, io.csv) to this folder (councils)")
	f.StringVar(dirs["delegations"], "delegations", "", "write each vote's delegation graph (vote-NNNNN.csv) to this folder (dao)")
	f.StringVar(dirs["obligations"], "obligations", "", "write each clearing round's obligations before and after (month-NNN-before.csv, -after.csv) to this folder (coprosperity)")
	f.StringVar(&market, "market", "", "write the token market's price series (tick,price,volume,peg) to this file (tradable)")
	return c
}

// isFieldError reports whether err is a scenario field found wrong only when the run
// starts (a collect summary's expression).
func isFieldError(err error) bool {
	var fe *agents.FieldError
	return errors.As(err, &fe)
}

// progress returns a progress callback that shows a bar on a terminal once a run has
// taken more than a second.
func progress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	start := time.Now()
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			if time.Since(start) < time.Second || done == total {
				return
			}
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("ticks"),
				progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
				progressbar.OptionThrottle(100*time.Millisecond))
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}

func listCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the embedded scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, n := range scenarios.Names() {
				sc, err := scenarios.Load(n, nil)
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%-16s %s\n", n, sc.Description)
			}
			return nil
		},
	}
}

func auditCmd(stdout io.Writer) *cobra.Command {
	var balances, manifest, verify, signature string
	c := &cobra.Command{
		Use:   "audit JOURNAL",
		Short: "Verify a run's journal (hash chain, replay under the ledger's rules, manifest, signature) and rebuild every balance from it",
		Long: `audit checks a journal at four levels, each detecting more:
  the hash chain: accidental damage, a cut, an edit that does not recompute the hashes;
  the replay: any history that breaks the ledger's rules (a negative balance, tokens
    created other than by grants, investment and gifts, expiries that do not match the
    grant lots due);
  the manifest (manifest.json beside the journal, or --manifest): a rewrite that does
    not also rewrite the manifest's journal_entries and journal_head_sha256;
  the signature (--verify KEY.pub, of JOURNAL.sig from copex run --sign): any rewrite by
    someone without the private key.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			var pub ed25519.PublicKey
			if verify != "" {
				k, err := loadPublicKey(verify)
				if err != nil {
					return badInput(fmt.Errorf("--verify: %w", err))
				}
				pub = k
			}
			f, err := os.Open(path)
			if err != nil {
				return badInput(err)
			}
			defer f.Close()
			if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
				return badInput(fmt.Errorf("%s: not a regular file: a journal is a file that copex run --journal wrote", path))
			}
			rep, err := ledger.Audit(f)
			if err != nil {
				return badInput(fmt.Errorf("%s: %w", path, err))
			}
			explicit := manifest != ""
			if !explicit {
				manifest = filepath.Join(filepath.Dir(path), "manifest.json")
			}
			note, err := checkManifest(manifest, explicit, rep.Entries, rep.Head)
			if err != nil {
				return badInput(fmt.Errorf("%s: %w", path, err))
			}
			if pub != nil {
				if signature == "" {
					signature = signaturePath(path)
				}
				if err := verifySignature(signature, pub, rep.Entries, rep.Head); err != nil {
					return badInput(fmt.Errorf("%s: %w", path, err))
				}
				note += fmt.Sprintf("; signature %s verified with %s", signature, verify)
			} else {
				note += "; signature not checked (give --verify KEY.pub)"
			}
			l := rep.Ledger
			fmt.Fprintf(stdout, "%s: ok: %d entries, %d ticks, %d accounts; issued %s, expired %s, burned %s, supply %s tokens\n",
				path, rep.Entries, rep.Ticks, l.Len(), ledger.Format(l.Issued()), ledger.Format(l.Expired()), ledger.Format(l.Burned()), ledger.Format(l.Supply()))
			fmt.Fprintf(stdout, "%s: %s\n", path, note)
			if balances == "" {
				return nil
			}
			return writeBalances(balances, l)
		},
	}
	c.Flags().StringVar(&balances, "balances", "", "write the rebuilt balances (account, kind, ordinary, grant, savings) to this CSV file")
	c.Flags().StringVar(&manifest, "manifest", "", "the run's manifest.json, whose journal_entries and journal_head_sha256 the journal must match (default: manifest.json beside the journal, if there is one)")
	c.Flags().StringVar(&verify, "verify", "", "check the journal's signature (JOURNAL.sig, from copex run --sign) with this public key file (from copex keygen)")
	c.Flags().StringVar(&signature, "signature", "", "the signature file to check with --verify (default JOURNAL.sig)")
	return c
}

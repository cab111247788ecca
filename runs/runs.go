package runs

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Options say what to write besides the metrics and manifest. The zero value writes
// metrics, manifest, charts and report.
type Options struct {
	Seed      *uint64 // overrides the scenario's seed
	Agents    bool    // write agents.csv
	Parquet   bool    // write metrics.parquet beside metrics.csv
	Journal   string  // write the hash-chained journal to this file
	NoCharts  bool    // skip charts and report (for batch runs)
	Progress  func(done, total int)
	CheckEach int // full conservation scan period in ticks (0: sim.DefaultCheckEvery; running totals are checked every tick)
	// Workers is the number of goroutines the model may run its phases on
	// (0: GOMAXPROCS); the outputs do not depend on it.
	Workers int
	// Memory reports the memory available, checked against the model's estimate
	// before it is built (nil: SystemMemory).
	Memory MemorySource
	// Dirs are folders for the files some subsystems write during a run, by flag
	// name: "plan", "delegations", "obligations" (sim.DirUser). A folder no part of
	// the scenario writes to is refused.
	Dirs map[string]string
	// PhaseTimes times each phase of the tick (sim.Options.PhaseTimes) and records
	// the times in the manifest (phase_seconds).
	PhaseTimes bool
}

// Manifest describes a run; it is written as manifest.json.
type Manifest struct {
	Scenario    string `json:"scenario"`
	Description string `json:"description"`
	Source      string `json:"source"`
	// Sets are the --set overrides applied to the source, as given; scenario.yaml is
	// the scenario they produced, every field written out.
	Sets           []string `json:"sets"`
	ScenarioSHA256 string   `json:"scenario_sha256"`
	Seed           uint64   `json:"seed"`
	Version        string   `json:"version"`
	GoVersion      string   `json:"go_version"`
	Ticks          int      `json:"ticks"`
	Clock          string   `json:"clock"`
	Members        int      `json:"members"`
	Workers        int      `json:"workers"`
	WallSeconds    float64  `json:"wall_seconds"`
	StepSeconds    float64  `json:"step_seconds"`
	Files          []string `json:"files"`
	// JournalEntries and JournalHead record the journal written (--journal): its
	// number of entries and the closing record's hash, which through the chain covers
	// every entry. copex audit compares them with the journal's.
	JournalEntries int64  `json:"journal_entries,omitempty"`
	JournalHead    string `json:"journal_head_sha256,omitempty"`
	// Incomplete, when set, says why the run stopped before its last tick; Ticks is
	// then the number of ticks run and written.
	Incomplete string `json:"incomplete,omitempty"`
	// PhaseSeconds, with Options.PhaseTimes, is the time each phase of the tick
	// took over the run, in the order the phases run, then the measurements and
	// the conservation checks.
	PhaseSeconds []PhaseSeconds `json:"phase_seconds,omitempty"`
}

// PhaseSeconds is one phase's time over a run (sim.PhaseTime).
type PhaseSeconds struct {
	Phase   string  `json:"phase"`
	Seconds float64 `json:"seconds"`
	Runs    int     `json:"runs"` // ticks it ran on
}

// Result is what a run wrote.
type Result struct {
	Manifest Manifest
	Table    *sim.Table
	Model    sim.Model
}

// ErrOutput marks an output folder that cannot be written.
var ErrOutput = errors.New("output")

// Version returns the program's version: the module version, or the VCS revision of a
// development build.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}

// PrepareDir makes dir and checks that files can be created in it.
func PrepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	f, err := os.CreateTemp(dir, ".copex-probe-*")
	if err != nil {
		return fmt.Errorf("%w: cannot write in %s: %v", ErrOutput, dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// Run runs sc and writes its outputs to dir. They are written into a fresh temporary
// folder beside dir (.DIR.tmp-*) that replaces dir whole when the run is complete, so
// dir never mixes two runs' files; the temporary folders a killed run left are removed
// first. A dir holding files no run wrote is refused (ErrOutput), as is one holding the
// current folder. A journal path inside dir is written inside the temporary folder. A
// scenario that needs more memory than is available (CheckMemory) is refused with a
// *MemoryError before the model is built.
func Run(sc *scenarios.Scenario, dir string, opts Options) (*Result, error) {
	start := time.Now()
	st, err := newStage(dir, opts.Journal)
	if err != nil {
		return nil, err
	}
	defer st.abort()
	dir = st.tmp
	seed := sc.Config.Seed
	if opts.Seed != nil {
		seed = *opts.Seed
	}
	budget, err := MemoryBudget(sc.Config, opts.Memory)
	if err != nil {
		return nil, err
	}
	model, err := agents.Build(sc.Config, seed)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.Source, err)
	}
	base := model // the model itself, before any wrapping
	if err := useDirs(base, opts.Dirs); err != nil {
		return nil, err
	}
	model, coll, err := startCollect(sc, model, dir) // the scenario's collect section
	if err != nil {
		return nil, err
	}
	defer coll.abort()
	metricsPath := filepath.Join(dir, "metrics.csv")
	mf, err := atomicfile.Create(metricsPath)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	defer mf.Abort()
	var simOpts sim.Options
	simOpts.CheckEvery = opts.CheckEach
	simOpts.Workers = opts.Workers
	simOpts.MemoryBudget = budget // the model is checked against it as it grows
	simOpts.PhaseTimes = opts.PhaseTimes
	journal := opts.Journal
	if journal != "" {
		if journal, err = st.path(journal); err != nil {
			return nil, err
		}
		// a journal outside the output folder: remove what killed runs left beside it
		atomicfile.RemoveStale(journal)
		j, err := ledger.CreateJournal(journal)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOutput, err)
		}
		simOpts.Journal = j
	}
	ticks := model.Clock().Ticks
	var buf []byte
	var table *sim.Table
	simOpts.OnTick = func(m *sim.Metrics) error {
		buf = table.AppendRow(buf[:0], m)
		if _, err := mf.Write(buf); err != nil {
			return fmt.Errorf("%w: %v", ErrOutput, err)
		}
		if opts.Progress != nil {
			opts.Progress(m.Tick, ticks)
		}
		return nil
	}
	run, err := sim.Start(model, &simOpts)
	if err != nil {
		return nil, err
	}
	table = run.Table()
	buf = table.AppendHeader(make([]byte, 0, 4096))
	if _, err := mf.Write(buf); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	res, err := sim.Steps(run)
	var grown *sim.MemoryError
	switch {
	case errors.As(err, &grown):
		return nil, keepIncomplete(st, mf, sc, seed, run, err, opts.Workers, start)
	case err != nil:
		return nil, err
	}
	if err := mf.Commit(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if journal != "" {
		// ledger.CreateJournal's temporary file is 0600; give the journal the mode of
		// the other outputs.
		if err := os.Chmod(journal, atomicfile.FileMode()); err != nil && runtime.GOOS != "windows" {
			return nil, fmt.Errorf("%w: %v", ErrOutput, err)
		}
	}
	files := []string{"metrics.csv"}
	if err := writeScenario(filepath.Join(dir, "scenario.yaml"), sc); err != nil {
		return nil, err
	}
	files = append(files, "scenario.yaml")
	if files, err = parquetFiles(files, dir, coll, res.Table, opts.Parquet); err != nil {
		return nil, err
	}
	if ow, ok := base.(sim.OutputWriter); ok {
		// the subsystems' own files (votes.csv, plan.csv, ...)
		more, err := ow.WriteOutputs(dir)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOutput, err)
		}
		files = append(files, more...)
	}
	if opts.Agents {
		if err := writeAgents(filepath.Join(dir, "agents.csv"), model); err != nil {
			return nil, err
		}
		files = append(files, "agents.csv")
	}
	man := Manifest{
		Scenario: sc.Name, Description: sc.Description, Source: sc.Source, Sets: sets(sc), ScenarioSHA256: sc.Hash(),
		Seed: seed, Version: Version(), GoVersion: runtime.Version(), Ticks: ticks,
		Clock: sc.Config.Clock, Members: sc.Config.Members, Workers: workers(opts.Workers), StepSeconds: res.StepSeconds,
	}
	for _, p := range res.Phases {
		man.PhaseSeconds = append(man.PhaseSeconds, PhaseSeconds{p.Name, p.Seconds, p.Runs})
	}
	if opts.Journal != "" {
		files = append(files, opts.Journal)
		man.JournalEntries, man.JournalHead = simOpts.Journal.Head()
	}
	if !opts.NoCharts {
		charts, err := render.Charts(res.Table, dir)
		if err != nil {
			return nil, fmt.Errorf("%w: charts: %v", ErrOutput, err)
		}
		if planDir, ok := opts.Dirs["plan"]; ok {
			// the planning rounds' convergence, from the plan.csv the councils wrote
			pc, err := planChart(dir, planDir)
			if err != nil {
				return nil, fmt.Errorf("%w: plan chart: %v", ErrOutput, err)
			}
			if pc != nil {
				charts = append(charts, *pc)
			}
		}
		for _, c := range charts {
			files = append(files, c.PNG, c.SVG)
		}
		man.WallSeconds = time.Since(start).Seconds()
		line, settings := asRun(sc, seed, ticks)
		rd := render.ReportData{Title: "Copex run: " + sc.Name, Scenario: sc.Name, ScenarioHash: man.ScenarioSHA256,
			Description: sc.Description, AsRun: line, Settings: settings, Seed: seed, Version: man.Version, Ticks: ticks,
			WallSeconds: man.WallSeconds, StepSeconds: man.StepSeconds,
			Figures: render.KeyFigures(res.Table), Charts: charts}
		if err := render.Report(filepath.Join(dir, "report.html"), rd, dir); err != nil {
			return nil, fmt.Errorf("%w: report: %v", ErrOutput, err)
		}
		files = append(files, "report.html")
	}
	files = append(files, "manifest.json")
	man.Files = files
	man.WallSeconds = time.Since(start).Seconds()
	data, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, "manifest.json"), append(data, '\n')); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	return &Result{Manifest: man, Table: res.Table, Model: model}, nil
}

// keepIncomplete keeps what a run stopped for memory wrote: its metrics up to the
// tick it stopped after, and a manifest saying it is incomplete, put in place as a
// whole run's folder is. It returns the *IncompleteError to report.
func keepIncomplete(st *stage, mf *atomicfile.File, sc *scenarios.Scenario, seed uint64, run *sim.Stepper, cause error, nworkers int, start time.Time) error {
	if err := mf.Commit(); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if err := writeScenario(filepath.Join(st.tmp, "scenario.yaml"), sc); err != nil {
		return err
	}
	man := Manifest{
		Scenario: sc.Name, Description: sc.Description, Source: sc.Source, Sets: sets(sc), ScenarioSHA256: sc.Hash(),
		Seed: seed, Version: Version(), GoVersion: runtime.Version(), Ticks: run.Tick(),
		Clock: sc.Config.Clock, Members: sc.Config.Members, Workers: workers(nworkers),
		StepSeconds: run.StepSeconds(), WallSeconds: time.Since(start).Seconds(),
		Files: []string{"metrics.csv", "scenario.yaml", "manifest.json"}, Incomplete: cause.Error(),
	}
	data, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(st.tmp, "manifest.json"), append(data, '\n')); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	if err := st.commit(); err != nil {
		return err
	}
	return &IncompleteError{Dir: st.target, Ticks: run.Tick(), Err: cause}
}

// useDirs hands the folders named on the command line to the model.
func useDirs(m sim.Model, dirs map[string]string) error {
	names := make([]string, 0, len(dirs))
	for n := range dirs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := PrepareDir(dirs[n]); err != nil {
			return fmt.Errorf("--%s %s: %w", n, dirs[n], err)
		}
		u, ok := m.(sim.DirUser)
		if !ok || !u.UseDir(n, dirs[n]) {
			return fmt.Errorf("%w: --%s: nothing in this scenario writes %s files (switch on the subsystem that does)", ErrOutput, n, n)
		}
	}
	return nil
}

// sets returns the scenario's overrides for the manifest: an empty list, not null,
// when there are none.
func sets(sc *scenarios.Scenario) []string {
	return append([]string{}, sc.Sets...)
}

// writeScenario writes the scenario as run (every field, after the overrides) to path,
// with a comment saying where it came from.
func writeScenario(path string, sc *scenarios.Scenario) error {
	y, err := sc.YAML()
	if err != nil {
		return err
	}
	head := "# " + sc.Name + " as run, from " + sc.Source
	if len(sc.Sets) > 0 {
		head += " with --set " + strings.Join(sc.Sets, " --set ")
	}
	head += ": every field, defaults included. copex run this file to run it again."
	// a file name or an override may hold a line break; the comment must stay one line
	head = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, head) + "\n"
	if err := atomicfile.WriteFile(path, append([]byte(head), y...)); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	return nil
}

// workers returns the goroutines a run with Options.Workers n uses.
func workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// Holder is a model whose members' balances can be listed.
type Holder interface {
	Members() int
	Balance(i int) ledger.Amount
}

// writeAgents writes each member's holdings at the end of the run.
func writeAgents(path string, m sim.Model) error {
	h, ok := m.(Holder)
	if !ok {
		return fmt.Errorf("model has no member balances to write")
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	defer f.Abort()
	b := append(make([]byte, 0, 64), "member,balance\n"...)
	f.Write(b)
	for i := range h.Members() {
		b = fmt.Appendf(b[:0], "%d,", i)
		b = ledger.AppendFormat(b, h.Balance(i))
		b = append(b, '\n')
		if _, err := f.Write(b); err != nil {
			return fmt.Errorf("%w: %v", ErrOutput, err)
		}
	}
	return f.Commit()
}

package bench

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// Reference names the scenarios of the reference set, in the order they are run.
var Reference = []string{"economy-100k", "economy-1m", "random-exchange"}

// referenceSets are the overrides the reference set applies to a scenario of that
// name: random-exchange is measured at 100,000 members for 100 ticks, unit rule.
var referenceSets = map[string][]string{
	"random-exchange": {"members=100000", "ticks=100", "random_exchange.rule=unit"},
}

// Case is one measurement: a scenario run on a number of workers.
type Case struct {
	Scenario string   // embedded name or YAML file
	Sets     []string // overrides, PATH=VALUE, as for scenarios.Load
	Workers  int      // goroutines the model may use, at least 1
	Ticks    int      // ticks to run (0: the scenario's)
}

// String names the case in messages.
func (c Case) String() string {
	s := fmt.Sprintf("%s on %d %s", c.Scenario, c.Workers, plural(c.Workers, "worker"))
	if c.Ticks > 0 {
		s += fmt.Sprintf(", %d %s", c.Ticks, plural(c.Ticks, "tick"))
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Cases returns a case for each scenario on each number of workers, scenario by
// scenario. A scenario of the reference set gets its reference overrides;
// ticks > 0 overrides the number of ticks of every one.
func Cases(scenarios []string, workers []int, ticks int) []Case {
	var cs []Case
	for _, s := range scenarios {
		for _, w := range workers {
			cs = append(cs, Case{Scenario: s, Sets: slices.Clone(referenceSets[s]), Workers: w, Ticks: ticks})
		}
	}
	return cs
}

// DefaultWorkers returns the numbers of workers measured by default: 1 and
// GOMAXPROCS, once each.
func DefaultWorkers() []int {
	return slices.Compact([]int{1, runtime.GOMAXPROCS(0)})
}

// ParseWorkers parses a comma-separated list of numbers of workers, each at least 1,
// dropping repeats.
func ParseWorkers(list string) ([]int, error) {
	var ws []int
	for _, f := range ParseList(list) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a number of workers (a whole number, at least 1)", f)
		}
		if !slices.Contains(ws, n) {
			ws = append(ws, n)
		}
	}
	if len(ws) == 0 {
		return nil, errors.New("no number of workers given")
	}
	return ws, nil
}

// ParseList splits a comma-separated list, trimming spaces and dropping empty items.
func ParseList(list string) []string {
	var out []string
	for f := range strings.SplitSeq(list, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// load loads the case's scenario with its overrides and tick count.
func (c Case) load() (*scenarios.Scenario, error) {
	if c.Workers < 1 {
		return nil, fmt.Errorf("%s: workers must be at least 1", c)
	}
	if c.Ticks < 0 {
		return nil, fmt.Errorf("%s: ticks must not be negative", c)
	}
	sets := slices.Clone(c.Sets)
	if c.Ticks > 0 {
		sets = append(sets, "ticks="+strconv.Itoa(c.Ticks))
	}
	return scenarios.Load(c.Scenario, sets)
}

// Check loads the case's scenario and checks that its model fits in the memory
// available (runs.CheckMemory), without building it. Its errors are the user's: a
// *scenarios.Error, a *runs.MemoryError, or a bad number of workers or ticks.
func (c Case) Check() error {
	sc, err := c.load()
	if err != nil {
		return err
	}
	if err := runs.CheckMemory(sc.Config, nil); err != nil {
		return fmt.Errorf("%s: %w", sc.Name, err)
	}
	return nil
}

// Figures are what one run of a case measured.
type Figures struct {
	Scenario     string  `json:"scenario"`       // the scenario's name
	Model        string  `json:"model"`          // economy or random_exchange
	Workers      int     `json:"workers"`        // goroutines the model could use
	Ticks        int     `json:"ticks"`          // ticks run
	Members      int     `json:"members"`        // members at the start
	MemberTicks  int64   `json:"member_ticks"`   // registered members summed over the ticks
	BuildSeconds float64 `json:"build_seconds"`  // loading the scenario and building the model
	StepSeconds  float64 `json:"step_seconds"`   // the tick loop (sim.Result.StepSeconds)
	Mallocs      uint64  `json:"mallocs"`        // heap allocations in the tick loop
	PeakRSS      uint64  `json:"peak_rss_bytes"` // peak resident set of the process, bytes (0: unknown)
}

// Unit names what the rate counts: agent-steps in the random-exchange model,
// member-ticks in the economy. Either is one member's turn in one tick.
func (f Figures) Unit() string {
	if f.Model == "random_exchange" {
		return "agent-steps"
	}
	return "member-ticks"
}

// Rate returns member-ticks (agent-steps) per second of the tick loop.
func (f Figures) Rate() float64 {
	if f.StepSeconds <= 0 {
		return 0
	}
	return float64(f.MemberTicks) / f.StepSeconds
}

// NsPerMemberTick returns nanoseconds of the tick loop per member-tick.
func (f Figures) NsPerMemberTick() float64 {
	if f.MemberTicks <= 0 {
		return 0
	}
	return f.StepSeconds * 1e9 / float64(f.MemberTicks)
}

// AllocsPerTick returns heap allocations per tick.
func (f Figures) AllocsPerTick() float64 {
	if f.Ticks <= 0 {
		return 0
	}
	return float64(f.Mallocs) / float64(f.Ticks)
}

// PeakMiB returns the peak resident set in MiB.
func (f Figures) PeakMiB() float64 { return float64(f.PeakRSS) / (1 << 20) }

// RunCase runs c in this process and measures it: the scenario is loaded and checked
// against the memory available, the model built and stepped by sim.Run with no
// output, conservation checked at the end only. PeakRSS is the whole process's, so
// it is the case's own only in a process that runs nothing else (see Child).
func RunCase(c Case) (Figures, error) {
	start := time.Now()
	sc, err := c.load()
	if err != nil {
		return Figures{}, err
	}
	cfg := sc.Config
	if err := runs.CheckMemory(cfg, nil); err != nil {
		return Figures{}, fmt.Errorf("%s: %w", sc.Name, err)
	}
	model, err := agents.Build(cfg, cfg.Seed)
	if err != nil {
		return Figures{}, fmt.Errorf("%s: %w", sc.Source, err)
	}
	ticks := model.Clock().Ticks
	built := time.Since(start)
	res, err := sim.Run(model, &sim.Options{Workers: c.Workers, CheckEvery: ticks})
	if err != nil {
		return Figures{}, fmt.Errorf("%s: %w", c, err)
	}
	f := Figures{Scenario: sc.Name, Model: cfg.Model, Workers: c.Workers, Ticks: len(res.Table.Rows),
		Members: cfg.Members, BuildSeconds: built.Seconds(), StepSeconds: res.StepSeconds,
		Mallocs: res.Mallocs, PeakRSS: peakRSS()}
	if f.Model == "" {
		f.Model = "economy"
	}
	if c, ok := res.Table.Col("members"); ok {
		for _, r := range res.Table.Rows {
			f.MemberTicks += r.Int(c)
		}
	}
	return f, nil
}

// Runner runs one case and returns its figures: RunCase in this process, or Child in
// a fresh one.
type Runner func(Case) (Figures, error)

// Measure runs each case repeat times (at least once) with run, case by case, and
// returns one Figures per case: the run with the shortest tick loop, with the highest
// peak memory of all its runs. done, when not nil, is called after each run with the
// case, the run's number (from 1) and its figures.
func Measure(cases []Case, repeat int, run Runner, done func(c Case, i int, f Figures)) ([]Figures, error) {
	repeat = max(repeat, 1)
	out := make([]Figures, 0, len(cases))
	for _, c := range cases {
		var best Figures
		for i := range repeat {
			f, err := run(c)
			if err != nil {
				return out, err
			}
			if done != nil {
				done(c, i+1, f)
			}
			peak := max(best.PeakRSS, f.PeakRSS)
			if i == 0 || f.StepSeconds < best.StepSeconds {
				best = f
			}
			best.PeakRSS = peak
		}
		out = append(out, best)
	}
	return out, nil
}

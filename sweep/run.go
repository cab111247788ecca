package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// ErrShard is returned for a shard outside 1..N.
var ErrShard = errors.New("bad shard")

// ErrOtherSweep is returned when the output folder holds the results of another sweep
// (another sweep file or base scenario), which a resume must not mix in.
var ErrOtherSweep = errors.New("output folder holds another sweep")

// Options tune Execute.
type Options struct {
	// Shard and Shards select the runs whose index mod Shards is Shard-1 (1-based;
	// 0 and 0: every run).
	Shard, Shards int
	// Workers is the number of runs at once (0: GOMAXPROCS). Each run uses one core.
	Workers int
	// CSV writes ticks.csv instead of ticks.parquet.
	CSV bool
	// PlainNames names the columns of runs.csv and ticks.* so that R and pandas take
	// them without quoting (see PlainName); the manifest maps them to their own names.
	PlainNames bool
	// Version is the program's version, for the manifest.
	Version string
	// Progress, when set, is called as runs finish with the number done and the total
	// (of this shard, counting runs done before a resume).
	Progress func(done, total int)
}

// Summary is what Execute did.
type Summary struct {
	Total, Done, Ran int // this shard's runs, done at the end, run by this call
	Seconds          float64
}

// manifestEvery is how often a running sweep updates runs_done in its manifest.
const manifestEvery = 2 * time.Second

// RunsDir is the folder of per-run files under a sweep's output folder.
const RunsDir = "runs"

// runFile returns the path of a run's file.
func runFile(dir, id string) string { return filepath.Join(dir, RunsDir, id+".csv") }

// ParseShard reads "i/N" (1-based).
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := cut(s, '/')
	if ok {
		i, err = strconv.Atoi(a)
		if err == nil {
			n, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("%w %q: want i/N with 1 ≤ i ≤ N, such as 2/8", ErrShard, s)
	}
	return i, n, nil
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// Indices returns the run indices of a shard, in order.
func (s *Sweep) Indices(shard, shards int) []int {
	if shards <= 1 {
		shard, shards = 1, 1
	}
	var out []int
	for i := shard - 1; i < s.Total(); i += shards {
		out = append(out, i)
	}
	return out
}

// Execute runs the sweep's runs of one shard that are not yet done in dir, in parallel,
// writing each to its own file as it finishes, then builds runs.csv and ticks.parquet
// (or ticks.csv) and manifest.json from every done run, in run order.
func Execute(ctx context.Context, s *Sweep, dir string, opts Options) (*Summary, error) {
	start := time.Now()
	if opts.Shards == 0 {
		opts.Shard, opts.Shards = 1, 1
	}
	if opts.Shard < 1 || opts.Shard > opts.Shards {
		return nil, fmt.Errorf("%w %d/%d: want 1 ≤ i ≤ N", ErrShard, opts.Shard, opts.Shards)
	}
	if old, err := ReadManifest(dir); err == nil && (old.SweepSHA256 != s.SHA256 || old.ScenarioSHA256 != s.Base.Hash()) {
		return nil, fmt.Errorf("%w: %s (sweep %s, scenario %s); use another --out", ErrOtherSweep, dir, short(old.SweepSHA256), short(old.ScenarioSHA256))
	}
	if err := runs.PrepareDir(filepath.Join(dir, RunsDir)); err != nil {
		return nil, err
	}
	idx := s.Indices(opts.Shard, opts.Shards)
	var todo []int
	for _, i := range idx {
		if _, err := os.Stat(runFile(dir, s.Run(i).ID)); err != nil {
			todo = append(todo, i)
		}
	}
	man := s.manifest(opts, len(idx), len(idx)-len(todo))
	if err := man.write(dir); err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(todo)))
	// Each run may grow to its share of the memory available now; one that outgrows it
	// stops the sweep with what was completed kept, as a single run stops.
	var budget uint64
	if have, ok := runs.SystemMemory(); ok {
		budget = have / uint64(workers)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		done     atomic.Int64
		errOnce  sync.Once
		firstErr error
	)
	done.Store(int64(len(idx) - len(todo)))
	var (
		progMu    sync.Mutex
		lastWrite = time.Now()
	)
	// report shows progress and, every few seconds, records the runs done in the
	// manifest (a monitor of a long sweep can read it).
	report := func() {
		progMu.Lock()
		defer progMu.Unlock()
		n := int(done.Load())
		if opts.Progress != nil {
			opts.Progress(n, len(idx))
		}
		if time.Since(lastWrite) > manifestEvery && n > man.Done {
			man.Done = n
			man.write(dir) // best effort: the final write reports errors
			lastWrite = time.Now()
		}
	}
	report()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := range jobs {
				var err error
				buf, err = s.runOne(s.Run(i), dir, buf[:0], budget)
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				done.Add(1)
				report()
			}
		}()
	}
feed:
	for _, i := range todo {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ids := make([]string, len(idx))
	for k, i := range idx {
		ids[k] = runFile(dir, s.Run(i).ID)
	}
	if err := man.Header.assemble(dir, ids, opts.CSV); err != nil {
		return nil, err
	}
	man.Done = len(idx)
	if err := man.write(dir); err != nil {
		return nil, err
	}
	return &Summary{Total: len(idx), Done: len(idx), Ran: len(todo), Seconds: time.Since(start).Seconds()}, nil
}

// runOne runs one run and writes its file: the runs.csv row, then its ticks.csv rows.
func (s *Sweep) runOne(r Run, dir string, buf []byte, budget uint64) ([]byte, error) {
	sc, err := scenarios.Load(s.Scenario, s.Sets(r))
	if err != nil {
		return buf, fmt.Errorf("run %s: %w", r.ID, err)
	}
	model, err := agents.Build(sc.Config, r.Seed)
	if err != nil {
		return buf, fmt.Errorf("run %s: %w", r.ID, err)
	}
	res, err := sim.Run(model, &sim.Options{Workers: 1, MemoryBudget: budget})
	if err != nil {
		return buf, fmt.Errorf("run %s: %w", r.ID, err)
	}
	prefix := s.appendPrefix(nil, r)
	buf = append(buf, prefix...)
	for _, m := range s.Metrics {
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, m.Value(res.Table), 'g', -1, 64)
	}
	buf = append(buf, '\n')
	for k := range res.Table.Rows {
		buf = append(buf, prefix...)
		buf = append(buf, ',')
		buf = res.Table.AppendRow(buf, &res.Table.Rows[k])
	}
	if err := atomicfile.WriteFile(runFile(dir, r.ID), buf); err != nil {
		return buf, fmt.Errorf("run %s: %w", r.ID, err)
	}
	return buf, nil
}

// appendPrefix appends a run's leading columns: run, point, replicate, seed and the
// varied parameters' values.
func (s *Sweep) appendPrefix(b []byte, r Run) []byte {
	b = append(b, r.ID...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Point), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Replicate), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Seed, 10)
	for _, v := range r.Values {
		b = append(b, ',')
		b = appendCSVField(b, v)
	}
	return b
}

// appendCSVField quotes a field when it needs it.
func appendCSVField(b []byte, v string) []byte {
	need := false
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			need = true
		}
	}
	if !need {
		return append(b, v...)
	}
	b = append(b, '"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, v[i])
	}
	return append(b, '"')
}

package sweep

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// Output files of a sweep.
const (
	RunsCSV      = "runs.csv"
	TicksParquet = "ticks.parquet"
	TicksCSV     = "ticks.csv"
	ManifestJSON = "manifest.json"
)

// Column types of ticks.parquet.
const (
	TypeString = "string"
	TypeInt64  = "int64"
	TypeDouble = "double"
)

// Column is one column of a sweep's tables, with its Parquet type.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Header describes a sweep's tables: the columns of runs.csv and of ticks.*.
type Header struct {
	Runs  []string `json:"runs_columns"`
	Ticks []Column `json:"ticks_columns"`
	// PlainNames maps each column renamed by Options.PlainNames to its own name
	// (last_price_index to last(price_index)); empty without the option.
	PlainNames map[string]string `json:"plain_names,omitempty"`
}

// header returns the sweep's table header. A parameter's column is int64 when the
// scenario field is an integer, double when every value is a number, else string. In
// ticks.*, a parameter whose path is also the name of a per-tick column (members,
// ticks) is named parameters.PATH. With plain, every name is made plain (PlainName).
func (s *Sweep) header(plain bool) Header {
	var h Header
	lead := []Column{{"run", TypeString}, {"point", TypeInt64}, {"replicate", TypeInt64}, {"seed", TypeInt64}}
	for _, p := range s.Params {
		lead = append(lead, Column{p.Path, paramType(p)})
	}
	for _, c := range lead {
		h.Runs = append(h.Runs, c.Name)
	}
	for _, m := range s.Metrics {
		h.Runs = append(h.Runs, m.Name)
	}
	tickCols := map[string]bool{}
	for _, c := range s.Columns {
		tickCols[c.Name] = true
	}
	for _, c := range lead {
		if tickCols[c.Name] {
			c.Name = "parameters." + c.Name
		}
		h.Ticks = append(h.Ticks, c)
	}
	for _, c := range s.Columns {
		typ := TypeDouble
		if c.Kind == sim.KindCount {
			typ = TypeInt64
		}
		h.Ticks = append(h.Ticks, Column{c.Name, typ})
	}
	if plain {
		h.PlainNames = map[string]string{}
		rename := func(names []string) {
			taken := map[string]bool{}
			for i, n := range names {
				p := PlainName(n)
				for k := 2; taken[p]; k++ {
					p = PlainName(n) + "_" + strconv.Itoa(k)
				}
				taken[p] = true
				if p != n {
					h.PlainNames[p] = n
				}
				names[i] = p
			}
		}
		rename(h.Runs)
		names := make([]string, len(h.Ticks))
		for i, c := range h.Ticks {
			names[i] = c.Name
		}
		rename(names)
		for i := range h.Ticks {
			h.Ticks[i].Name = names[i]
		}
	}
	return h
}

// paramType returns the column type of a varied parameter: a string unless every
// value is a number, int64 for a field the scenario schema says is an integer.
func paramType(p Param) string {
	for _, v := range p.Values {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return TypeString
		}
	}
	if node, ok := scenarios.FieldSchema(p.Path); ok && slices.Index(scenarios.SchemaTypes(node), "integer") == 0 {
		return TypeInt64
	}
	return TypeDouble
}

// PlainName returns a column name that R and pandas take without quoting: each run of
// characters other than ASCII letters, digits and _ becomes one _, an _ at either end
// is dropped and an x goes before a leading digit. last(price_index) becomes
// last_price_index, sectors[0].base_price becomes sectors_0_base_price.
func PlainName(name string) string {
	var b strings.Builder
	gap := false
	for _, c := range name {
		if c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(c)
			continue
		}
		gap = true
	}
	out := strings.Trim(b.String(), "_")
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "x" + out
	}
	return out
}

// Manifest describes a sweep's output folder.
type Manifest struct {
	Sweep          string `json:"sweep"`
	SweepFile      string `json:"sweep_file,omitempty"`
	SweepSHA256    string `json:"sweep_sha256"`
	Scenario       string `json:"scenario"`
	ScenarioSHA256 string `json:"scenario_sha256"`
	Version        string `json:"version"`
	GoVersion      string `json:"go_version"`
	Design         string `json:"design"`
	Points         int    `json:"points"`
	Replicates     int    `json:"replicates"`
	RunsTotal      int    `json:"runs_total"` // of the whole sweep
	Shard          string `json:"shard"`      // "i/N", or "merged"
	ShardRuns      int    `json:"shard_runs"` // runs of this shard
	Done           int    `json:"runs_done"`  // of this shard
	TicksFile      string `json:"ticks_file"` // ticks.parquet or ticks.csv
	Header
}

func (s *Sweep) manifest(opts Options, shardRuns, done int) *Manifest {
	ticks := TicksParquet
	if opts.CSV {
		ticks = TicksCSV
	}
	return &Manifest{
		Sweep: s.Name, SweepFile: s.Source, SweepSHA256: s.SHA256,
		Scenario: s.Base.Name, ScenarioSHA256: s.Base.Hash(),
		Version: opts.Version, GoVersion: runtime.Version(), Design: s.Design,
		Points: s.Points(), Replicates: s.Replicates, RunsTotal: s.Total(),
		Shard: fmt.Sprintf("%d/%d", opts.Shard, opts.Shards), ShardRuns: shardRuns, Done: done,
		TicksFile: ticks, Header: s.header(opts.PlainNames),
	}
}

func (m *Manifest) write(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, ManifestJSON), append(b, '\n'))
}

// ReadManifest reads a sweep output folder's manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestJSON))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestJSON), err)
	}
	return &m, nil
}

// assemble builds runs.csv and ticks.parquet (or ticks.csv) in dir from the per-run
// files, in the order given, streaming: one run's file is in memory at a time.
func (h Header) assemble(dir string, files []string, asCSV bool) error {
	rf, err := atomicfile.Create(filepath.Join(dir, RunsCSV))
	if err != nil {
		return err
	}
	defer rf.Abort()
	rf.WriteString(strings.Join(h.Runs, ",") + "\n")
	var tw tickWriter
	if asCSV {
		tw, err = newCSVTicks(filepath.Join(dir, TicksCSV), h)
	} else {
		tw, err = newParquetTicks(filepath.Join(dir, TicksParquet), h)
	}
	if err != nil {
		return err
	}
	defer tw.abort()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("reading run: %w", err)
		}
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return fmt.Errorf("%s: no runs row", f)
		}
		if _, err := rf.Write(b[:nl+1]); err != nil {
			return err
		}
		if err := tw.write(b[nl+1:]); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	if err := tw.commit(); err != nil {
		return err
	}
	return rf.Commit()
}

// tickWriter writes the per-tick rows of one run after another.
type tickWriter interface {
	write(rows []byte) error // CSV lines
	commit() error
	abort()
}

type csvTicks struct{ f *atomicfile.File }

func newCSVTicks(path string, h Header) (tickWriter, error) {
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(h.Ticks))
	for i, c := range h.Ticks {
		names[i] = c.Name
	}
	f.WriteString(strings.Join(names, ",") + "\n")
	return csvTicks{f}, nil
}

func (c csvTicks) write(rows []byte) error { _, err := c.f.Write(rows); return err }
func (c csvTicks) commit() error           { return c.f.Commit() }
func (c csvTicks) abort()                  { c.f.Abort() }

// rowGroup bounds the rows a Parquet row group holds in memory before it is written.
// With Snappy (rather than Zstd, whose encoders held 40 MB more) and row groups of this
// size, assembling ticks.parquet takes the same memory for 1,000 runs as for 10,000.
const rowGroup = 1 << 14

type parquetTicks struct {
	f     *atomicfile.File
	w     *parquet.Writer
	cols  []Column
	leaf  []int // leaf column index of each CSV column
	row   parquet.Row
	batch []parquet.Row
}

func newParquetTicks(path string, h Header) (tickWriter, error) {
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	schema, err := ticksSchema(h.Ticks)
	if err != nil {
		f.Abort()
		return nil, err
	}
	p := &parquetTicks{f: f, cols: h.Ticks, leaf: make([]int, len(h.Ticks))}
	for i, c := range h.Ticks {
		lc, ok := schema.Lookup(c.Name)
		if !ok {
			f.Abort()
			return nil, fmt.Errorf("parquet schema: no column %q", c.Name)
		}
		p.leaf[i] = lc.ColumnIndex
	}
	p.w = parquet.NewWriter(f, schema, parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(rowGroup), parquet.CreatedBy("copex", "sweep", ""))
	return p, nil
}

// ticksSchema returns the Parquet schema of the columns, in their order (a
// parquet.Group, being a map, would sort them by name): it is the schema of a Go
// struct made for them, one field per column, named by its parquet tag.
func ticksSchema(cols []Column) (*parquet.Schema, error) {
	fields := make([]reflect.StructField, len(cols))
	seen := map[string]bool{}
	for i, c := range cols {
		if seen[c.Name] {
			return nil, fmt.Errorf("parquet schema: column %q twice", c.Name)
		}
		seen[c.Name] = true
		if c.Name == "" || strings.ContainsAny(c.Name, ",\"\\") {
			return nil, fmt.Errorf("parquet schema: column name %q: want no comma, quote or backslash", c.Name)
		}
		var t reflect.Type
		switch c.Type {
		case TypeString:
			t = reflect.TypeFor[string]()
		case TypeInt64:
			t = reflect.TypeFor[int64]()
		default:
			t = reflect.TypeFor[float64]()
		}
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: t, Tag: reflect.StructTag(`parquet:"` + c.Name + `"`)}
	}
	return parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Interface()), nil
}

func (p *parquetTicks) write(rows []byte) error {
	r := csv.NewReader(bytes.NewReader(rows))
	r.ReuseRecord = true
	r.FieldsPerRecord = len(p.cols)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		row := make(parquet.Row, len(p.cols))
		for i, c := range p.cols {
			var v parquet.Value
			switch c.Type {
			case TypeString:
				v = parquet.ByteArrayValue([]byte(rec[i]))
			case TypeInt64:
				n, err := parseInt64(rec[i])
				if err != nil {
					return fmt.Errorf("column %s: %w", c.Name, err)
				}
				v = parquet.Int64Value(n)
			default:
				x, err := strconv.ParseFloat(rec[i], 64)
				if err != nil {
					return fmt.Errorf("column %s: %w", c.Name, err)
				}
				v = parquet.DoubleValue(x)
			}
			row[p.leaf[i]] = v.Level(0, 0, p.leaf[i])
		}
		p.batch = append(p.batch, row)
	}
	if _, err := p.w.WriteRows(p.batch); err != nil {
		return err
	}
	p.batch = p.batch[:0]
	return nil
}

// parseInt64 parses an integer, written as such or as a whole number in float
// notation (an integer parameter's value 1e3 or 12.0).
func parseInt64(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil {
		return n, nil
	}
	x, ferr := strconv.ParseFloat(s, 64)
	if ferr != nil || x != math.Trunc(x) || x < -(1<<63) || x >= 1<<63 {
		return 0, err
	}
	return int64(x), nil
}

func (p *parquetTicks) commit() error {
	if err := p.w.Close(); err != nil {
		return err
	}
	return p.f.Commit()
}

func (p *parquetTicks) abort() { p.f.Abort() }

// Merge joins the output folders of a sweep's shards into out: runs.csv and ticks.*
// equal what one local sweep writes, byte for byte. Every run must be done in one of
// the folders.
func Merge(dirs []string, out string, asCSV bool) (*Manifest, error) {
	if len(dirs) == 0 {
		return nil, errors.New("no shard folders to merge")
	}
	var (
		first  *Manifest
		infos  []os.FileInfo
		shards []int // each folder's shard i of i/N
		n      int   // the N of the shards
	)
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, fmt.Errorf("%s: not a sweep output folder: %w", d, err)
		}
		fi, err := os.Stat(d)
		if err != nil {
			return nil, err
		}
		for j, prev := range infos {
			if os.SameFile(fi, prev) {
				return nil, fmt.Errorf("%s and %s are the same folder: give each shard once", dirs[j], d)
			}
		}
		infos = append(infos, fi)
		i, ni := m.shard()
		if ni == 0 {
			return nil, fmt.Errorf("%s: manifest.json names shard %q, not i/N", d, m.Shard)
		}
		if first == nil {
			first, n = m, ni
			shards = append(shards, i)
			continue
		}
		if m.SweepSHA256 != first.SweepSHA256 || m.ScenarioSHA256 != first.ScenarioSHA256 {
			return nil, fmt.Errorf("%s: another sweep (sweep %s, scenario %s) than %s", d, short(m.SweepSHA256), short(m.ScenarioSHA256), dirs[0])
		}
		switch {
		case ni == 1 && n == 1:
			return nil, fmt.Errorf("%s and %s both hold the whole sweep: merge the shards of one split, each once", dirs[0], d)
		case ni == 1 || n == 1:
			whole, part := dirs[0], d
			if ni == 1 {
				whole, part = d, dirs[0]
			}
			return nil, fmt.Errorf("%s holds the whole sweep and %s a shard of it: merge the shards of one split, each once", whole, part)
		case ni != n:
			return nil, fmt.Errorf("%s is shard %s and %s is shard %s: merge the shards of one split (the same N), each once", dirs[0], first.Shard, d, m.Shard)
		}
		if j := slices.Index(shards, i); j >= 0 {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d: give each shard once", dirs[j], d, i, n)
		}
		shards = append(shards, i)
	}
	if fo, err := os.Stat(out); err == nil {
		for j, fi := range infos {
			if os.SameFile(fo, fi) {
				return nil, fmt.Errorf("--out %s is the shard folder %s: merge into another folder", out, dirs[j])
			}
		}
	}
	files := make([]string, first.RunsTotal)
	for i := range files {
		id := RunID(i/first.Replicates, i%first.Replicates)
		for _, d := range dirs {
			p := runFile(d, id)
			if _, err := os.Stat(p); err == nil {
				files[i] = p
				break
			}
		}
		if files[i] == "" {
			return nil, fmt.Errorf("run %s is not done in any of the folders", id)
		}
	}
	if err := runs.PrepareDir(out); err != nil {
		return nil, err
	}
	if err := first.Header.assemble(out, files, asCSV); err != nil {
		return nil, err
	}
	m := *first
	m.Shard, m.ShardRuns, m.Done = "merged", m.RunsTotal, m.RunsTotal
	m.TicksFile = TicksParquet
	if asCSV {
		m.TicksFile = TicksCSV
	}
	return &m, m.write(out)
}

// shard returns the manifest's shard i/N; a merged folder holds the whole sweep (1/1).
// n is 0 if the shard cannot be read.
func (m *Manifest) shard() (i, n int) {
	if m.Shard == "merged" {
		return 1, 1
	}
	i, n, err := ParseShard(m.Shard)
	if err != nil {
		return 0, 0
	}
	return i, n
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/summary"
)

// Designs a sweep file can name.
const (
	DesignGrid = "grid" // the full cross product of the parameters' lists and ranges
	DesignLHS  = "lhs"  // a Latin hypercube of Samples points between each parameter's min and max
)

// MaxRuns bounds the runs of every batch - a sweep, a screening, a comparison, a
// tuning's evaluations - so that a typo cannot ask for billions of runs, nor a count
// overflow, before anything is allocated.
const MaxRuns = 10_000_000

// CheckRuns returns the number of runs of a batch, the product of factors (such as
// points and replicates), or an error naming what if it is above MaxRuns. The product
// is checked before each multiplication, so it cannot overflow.
func CheckRuns(what string, factors ...int) (int, error) {
	n := 1
	for _, f := range factors {
		if f < 0 {
			return 0, fmt.Errorf("%s: a negative count, %d", what, f)
		}
		if f > 0 && n > MaxRuns/f {
			return 0, runsError(what, factors)
		}
		n *= f
	}
	if n > MaxRuns {
		return 0, runsError(what, factors)
	}
	return n, nil
}

func runsError(what string, factors []int) error {
	parts := make([]string, len(factors))
	for i, f := range factors {
		parts[i] = strconv.Itoa(f)
	}
	return fmt.Errorf("%s: %s runs is more than the %d (10 million) a batch may have", what, strings.Join(parts, " × "), MaxRuns)
}

// Param is one varied parameter: a scenario path and its values, one per point, as
// they are applied with --set.
type Param struct {
	Path   string
	Line   int
	Values []string // grid: the parameter's own values; lhs: one per point
}

// Sweep is a loaded, checked sweep file.
type Sweep struct {
	Name       string
	Source     string // the sweep file
	SHA256     string // of the sweep file's bytes
	Scenario   string // the base scenario as resolved (an embedded name or a path)
	Base       *scenarios.Scenario
	Set        []string
	Params     []Param
	Design     string
	Samples    int
	Replicates int
	Seed       uint64
	Metrics    []summary.Metric
	Columns    []sim.Column // the per-tick columns of a run of the base scenario

	points [][]string // per point, one value per parameter
	lhs    []lhsParam // lhs bounds, per parameter
}

// Run is one run of a sweep.
type Run struct {
	Index, Point, Replicate int
	ID                      string
	Seed                    uint64
	Values                  []string // the varied parameters' values, in Params order
}

// file is the layout of a sweep file, as scenarios.Decode reads it and SchemaOf
// describes it.
type file struct {
	Name       string      `yaml:"name" doc:"sweep name (default: the file name)"`
	Scenario   string      `yaml:"scenario" required:"true" nonempty:"true" doc:"base scenario: an embedded name, or a file relative to the sweep file"`
	Set        []string    `yaml:"set" was:"sets" doc:"overrides of the base scenario, PATH=VALUE, in every run"`
	Parameters []paramSpec `yaml:"parameters" doc:"scenario paths to vary, in order (the first varies slowest)"`
	Design     string      `yaml:"design" enum:"grid,lhs" doc:"grid: every combination of the values; lhs: a Latin hypercube of samples points"`
	Samples    int         `yaml:"samples" min:"1" max:"10000000" required:"design=lhs" only:"design=lhs" doc:"points of an lhs design"`
	Replicates int         `yaml:"replicates" min:"1" max:"10000000" doc:"runs of each point, with seeds derived from seed"`
	Seed       uint64      `yaml:"seed" doc:"seed of the replicates (and of an lhs design)"`
	Metrics    []string    `yaml:"metrics" doc:"summary metrics of each run, such as sd(inflation)"`
}

// FileKind names a sweep file in messages.
func (file) FileKind() string { return "sweep file" }

// paramSpec is one varied parameter: its values (a grid's list or range) or its
// bounds (an lhs design's).
type paramSpec struct {
	Path   string           `yaml:",key" doc:"a scenario path, such as issuance.foundation_share"`
	Values []string         `yaml:"values" oneof:"kind" only:"/design=grid" nonempty:"true" doc:"the values, each as --set takes it (grid)"`
	Range  *rangeSpec       `yaml:"range" oneof:"kind" only:"/design=grid" doc:"the values from, to, step (grid)"`
	Min    scenarios.Number `yaml:"min" oneof:"kind" only:"/design=lhs" doc:"least value (lhs)"`
	Max    scenarios.Number `yaml:"max" required:"/design=lhs" only:"/design=lhs" atleast:"min" doc:"greatest value (lhs)"`
}

// rangeSpec is a grid parameter's values from from to to by step: whole numbers when
// all three are written as integers.
type rangeSpec struct {
	From scenarios.Number `yaml:"from" required:"true" doc:"first value"`
	To   scenarios.Number `yaml:"to" required:"true" atleast:"from" doc:"last value, at most"`
	Step scenarios.Number `yaml:"step" required:"true" min:"0" nonempty:"true" doc:"step between values, above 0"`
}

// Schema returns the JSON Schema of sweep files (see scenarios.SchemaOf).
func Schema() ([]byte, error) {
	return scenarios.SchemaOf(defaults(), "https://github.com/copex/copex/sweep.schema.json", "Copex sweep",
		"A sweep of a base scenario (copex sweep): the parameters varied, the design, replicates, seed and metrics.")
}

// defaults returns a sweep file's defaults.
func defaults() *file { return &file{Design: DesignGrid, Replicates: 1, Seed: 1} }

// Load reads and checks a sweep file. Every problem is a *scenarios.Error naming the
// file, line and field.
func Load(path string) (*Sweep, error) {
	data, err := scenarios.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads and checks a sweep file's contents; path names it in errors and is the
// folder a relative scenario path is resolved against. Decoding is
// scenarios.Decode's; Parse then checks the base scenario, each parameter's values
// against it and the metrics against its columns.
func Parse(path string, data []byte) (*Sweep, error) {
	f := defaults()
	doc, err := scenarios.Decode(path, data, f)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	s := &Sweep{Name: f.Name, Source: path, SHA256: hex.EncodeToString(sum[:]), Set: f.Set, Design: f.Design,
		Samples: f.Samples, Replicates: f.Replicates, Seed: f.Seed}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	s.Scenario, s.Base, err = doc.LoadBase(&f.Scenario, &f.Set)
	if err != nil {
		// The base may be complete only with the varied fields (issuance.formula=expression
		// in set, issuance.expression varied): load it at the first point instead.
		first := slices.Clone(f.Set)
		for _, ps := range f.Parameters {
			if v, ok := ps.first(f.Design); ok {
				first = append(first, ps.Path+"="+v)
			}
		}
		var again error
		if _, s.Base, again = doc.LoadBase(&f.Scenario, &first); again != nil {
			return nil, err
		}
	}
	for i := range f.Parameters {
		if err := s.param(doc, &f.Parameters[i]); err != nil {
			return nil, err
		}
	}
	model, err := buildForColumns(s.Base)
	if err != nil {
		return nil, doc.Errorf(&f.Scenario, "%w", err)
	}
	s.Columns = model.Columns()
	cols := summary.Columns(model)
	for i, name := range f.Metrics {
		m, err := summary.Parse(name, cols)
		if err != nil {
			return nil, doc.Errorf(&f.Metrics[i], "%w", err)
		}
		if j := slices.IndexFunc(s.Metrics, func(o summary.Metric) bool { return o.Func == m.Func && o.Column == m.Column }); j >= 0 {
			return nil, doc.Errorf(&f.Metrics[i], "%s is given twice (metrics[%d] is %s): runs.csv has one column per metric", m.Name, j, s.Metrics[j].Name)
		}
		s.Metrics = append(s.Metrics, m)
	}
	if err := s.expand(); err != nil {
		return nil, doc.Errorf(&f.Replicates, "%w", err)
	}
	return s, nil
}

// buildForColumns returns an empty table with the columns a run of sc writes.
func buildForColumns(sc *scenarios.Scenario) (*sim.Table, error) {
	cols, err := agents.Columns(sc.Config)
	if err != nil {
		return nil, err
	}
	return sim.NewTable(cols), nil
}

// param adds the parameter ps, checking each of its values (or its bounds) against
// the base scenario.
func (s *Sweep) param(doc *scenarios.Doc, ps *paramSpec) error {
	par := Param{Path: ps.Path, Line: doc.Line(ps), Values: ps.Values}
	if ps.Range != nil {
		vals, err := ps.Range.values()
		if err != nil {
			return doc.Errorf(ps.Range, "%w", err)
		}
		par.Values = vals
	}
	checks := par.Values
	if s.Design == DesignLHS {
		lo, hi := ps.Min, ps.Max
		s.lhs = append(s.lhs, lhsParam{lo.Value, hi.Value, lo.Int && hi.Int})
		checks = []string{formatFloat(lo.Value), formatFloat(hi.Value)}
	}
	for _, val := range checks {
		if _, err := scenarios.Load(s.Scenario, append(slices.Clone(s.Set), par.Path+"="+val)); err != nil {
			return doc.Errorf(ps, "%w", err)
		}
	}
	s.Params = append(s.Params, par)
	return nil
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

type lhsParam struct {
	min, max float64
	integer  bool
}

// values expands the range into its values (whole numbers when from, to and step are
// written as integers).
func (r *rangeSpec) values() ([]string, error) {
	from, to, step := r.From.Value, r.To.Value, r.Step.Value
	ints := r.From.Int && r.To.Int && r.Step.Int
	count := math.Floor((to-from)/step+1e-9) + 1 // +Inf or NaN for a step far below the span
	if !(count >= 1 && count <= MaxRuns) {
		return nil, fmt.Errorf("range has more than %d values (10 million, the most runs a batch may have)", MaxRuns)
	}
	out := make([]string, int(count))
	for i := range out {
		x := from + float64(i)*step
		if ints {
			out[i] = strconv.FormatInt(int64(math.Round(x)), 10)
		} else {
			out[i] = strconv.FormatFloat(roundSig(x), 'g', -1, 64)
		}
	}
	return out, nil
}

// roundSig rounds away the float noise of from + i*step (0.30000000000000004 → 0.3).
func roundSig(x float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return f
}

// expand computes the points of the design.
func (s *Sweep) expand() error {
	switch s.Design {
	case DesignGrid:
		var factors []int
		for _, par := range s.Params {
			factors = append(factors, len(par.Values))
		}
		total, err := CheckRuns("the grid (values of each parameter × replicates)", append(factors, s.Replicates)...)
		if err != nil {
			return err
		}
		s.points = make([][]string, total/s.Replicates)
		for i := range s.points {
			pt := make([]string, len(s.Params))
			rest := i
			for j := len(s.Params) - 1; j >= 0; j-- { // the first parameter varies slowest
				vals := s.Params[j].Values
				pt[j] = vals[rest%len(vals)]
				rest /= len(vals)
			}
			s.points[i] = pt
		}
	case DesignLHS:
		if _, err := CheckRuns("the design (samples × replicates)", s.Samples, s.Replicates); err != nil {
			return err
		}
		dim := len(s.Params)
		s.points = make([][]string, s.Samples)
		if dim == 0 {
			for i := range s.points {
				s.points[i] = []string{}
			}
			return nil
		}
		src := rand.NewPCG(s.Seed, 0x636f706578) // "copex"
		batch := mat.NewDense(s.Samples, dim, nil)
		samplemv.LatinHypercube{Q: distmv.NewUnitUniform(dim, src), Src: src}.Sample(batch)
		for i := range s.points {
			pt := make([]string, dim)
			for j, l := range s.lhs {
				x := l.min + batch.At(i, j)*(l.max-l.min)
				if l.integer {
					pt[j] = strconv.FormatInt(int64(math.Round(x)), 10)
				} else {
					pt[j] = strconv.FormatFloat(roundSig(x), 'g', -1, 64)
				}
				s.Params[j].Values = append(s.Params[j].Values, pt[j])
			}
			s.points[i] = pt
		}
	}
	return nil
}

// Points returns the number of points of the design.
func (s *Sweep) Points() int { return len(s.points) }

// Total returns the number of runs: points × replicates.
func (s *Sweep) Total() int { return len(s.points) * s.Replicates }

// Run returns run i (0 ≤ i < Total).
func (s *Sweep) Run(i int) Run {
	pt, r := i/s.Replicates, i%s.Replicates
	return Run{Index: i, Point: pt, Replicate: r, ID: RunID(pt, r), Seed: ReplicateSeed(s.Seed, r), Values: s.points[pt]}
}

// RunID is the stable id of a point's replicate, such as "p0003-r02".
func RunID(point, replicate int) string {
	return fmt.Sprintf("p%04d-r%02d", point, replicate)
}

// ReplicateSeed derives replicate r's seed from the sweep seed (splitmix64). It does
// not depend on the point: every point sees the same random numbers.
func ReplicateSeed(seed uint64, r int) uint64 {
	z := seed + uint64(r+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return (z ^ (z >> 31)) >> 1 // within int64, for Parquet and other readers
}

// Sets returns the overrides of run r: the fixed ones, then its parameters' values.
func (s *Sweep) Sets(r Run) []string {
	out := append(make([]string, 0, len(s.Set)+len(s.Params)), s.Set...)
	for j, par := range s.Params {
		out = append(out, par.Path+"="+r.Values[j])
	}
	return out
}

// Bounds returns the range of parameter i: its lhs bounds, or the least and greatest
// of its grid values; integer when every bound or value is a whole number. ok is false
// for a parameter with a value that is not a number.
func (s *Sweep) Bounds(i int) (lo, hi float64, integer, ok bool) {
	if s.Design == "lhs" && i < len(s.lhs) {
		l := s.lhs[i]
		return l.min, l.max, l.integer, true
	}
	integer = true
	for k, v := range s.Params[i].Values {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, 0, false, false
		}
		if k == 0 || f < lo {
			lo = f
		}
		if k == 0 || f > hi {
			hi = f
		}
		integer = integer && f == math.Trunc(f) && !strings.ContainsAny(v, ".eE")
	}
	return lo, hi, integer, len(s.Params[i].Values) > 0
}

// first returns the parameter's first value as --set takes it.
func (ps *paramSpec) first(design string) (string, bool) {
	switch {
	case design == DesignLHS:
		return formatFloat(ps.Min.Value), true
	case len(ps.Values) > 0:
		return ps.Values[0], true
	case ps.Range != nil:
		return formatFloat(ps.Range.From.Value), true
	}
	return "", false
}

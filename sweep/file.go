package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
	"gopkg.in/yaml.v3"

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

// maxRuns bounds a sweep's size, so a typo cannot ask for billions of runs.
const maxRuns = 10_000_000

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

// Load reads and checks a sweep file. Every problem is a *scenarios.Error naming the
// file, line and field.
func Load(path string) (*Sweep, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &scenarios.Error{File: path, Msg: err.Error(), Err: err}
	}
	return Parse(path, data)
}

// Parse reads and checks a sweep file's contents; path names it in errors and is the
// folder a relative scenario path is resolved against.
func Parse(path string, data []byte) (*Sweep, error) {
	p := parser{file: path}
	sum := sha256.Sum256(data)
	s := &Sweep{Source: path, SHA256: hex.EncodeToString(sum[:]), Design: DesignGrid, Replicates: 1, Seed: 1}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.errf(0, "", "%v", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, p.errf(0, "", "empty sweep file")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, p.errf(root.Line, "", "want a mapping of sweep fields")
	}
	var paramsNode, metricsNode, scenarioNode, setNode *yaml.Node
	if err := p.unique(root, ""); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "name":
			s.Name, err = p.str(v, "name")
		case "scenario":
			s.Scenario, err = p.str(v, "scenario")
			scenarioNode = v
		case "set":
			s.Set, err = p.strs(v, "set")
			setNode = v
		case "parameters":
			paramsNode = v
		case "design":
			s.Design, err = p.str(v, "design")
			if err == nil && s.Design != DesignGrid && s.Design != DesignLHS {
				err = p.errf(v.Line, "design", "want grid or lhs, got %q", s.Design)
			}
		case "samples":
			s.Samples, err = p.posInt(v, "samples")
		case "replicates":
			s.Replicates, err = p.posInt(v, "replicates")
		case "seed":
			var n uint64
			n, err = strconv.ParseUint(v.Value, 10, 64)
			if v.Kind != yaml.ScalarNode || err != nil {
				err = p.errf(v.Line, "seed", "want a whole number from 0, got %q", v.Value)
			}
			s.Seed = n
		case "metrics":
			metricsNode = v
		default:
			err = p.errf(k.Line, k.Value, "unknown field %q (known: design, metrics, name, parameters, replicates, samples, scenario, seed, set)", k.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if s.Scenario == "" {
		return nil, p.errf(root.Line, "scenario", "missing: name an embedded scenario or a file")
	}
	if _, ok := scenarios.Embedded(s.Scenario); !ok && !filepath.IsAbs(s.Scenario) {
		s.Scenario = filepath.Join(filepath.Dir(path), s.Scenario)
	}
	base, err := scenarios.Load(s.Scenario, s.Set)
	if err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) && se.File == scenarios.SetFile && setNode != nil {
			return nil, p.errf(setNode.Line, "set", "%v", err)
		}
		return nil, p.errf(scenarioNode.Line, "scenario", "%v", err)
	}
	s.Base = base
	if s.Design == DesignLHS && s.Samples == 0 {
		return nil, p.errf(root.Line, "samples", "missing: an lhs design needs the number of points")
	}
	if s.Design == DesignGrid && s.Samples != 0 {
		return nil, p.errf(root.Line, "samples", "only an lhs design takes samples")
	}
	if err := p.params(s, paramsNode); err != nil {
		return nil, err
	}
	model, err := buildForColumns(base)
	if err != nil {
		return nil, p.errf(scenarioNode.Line, "scenario", "%v", err)
	}
	s.Columns = model.Columns()
	if metricsNode != nil {
		if metricsNode.Kind != yaml.SequenceNode {
			return nil, p.errf(metricsNode.Line, "metrics", "want a list such as [last(price_index), sd(inflation)]")
		}
		cols := summary.Columns(model)
		for i, n := range metricsNode.Content {
			if n.Kind != yaml.ScalarNode {
				return nil, p.errf(n.Line, fmt.Sprintf("metrics[%d]", i), "want a metric such as sd(inflation)")
			}
			m, err := summary.Parse(n.Value, cols)
			if err != nil {
				return nil, p.errf(n.Line, fmt.Sprintf("metrics[%d]", i), "%v", err)
			}
			s.Metrics = append(s.Metrics, m)
		}
	}
	if err := s.expand(); err != nil {
		return nil, p.errf(root.Line, "", "%v", err)
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

type parser struct{ file string }

func (p parser) errf(line int, path, format string, args ...any) error {
	return &scenarios.Error{File: p.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// unique reports a key given twice in a mapping.
func (p parser) unique(m *yaml.Node, prefix string) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if line, ok := seen[k.Value]; ok {
			return p.errf(k.Line, prefix+k.Value, "given twice (first at line %d)", line)
		}
		seen[k.Value] = k.Line
	}
	return nil
}

func (p parser) str(v *yaml.Node, path string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", p.errf(v.Line, path, "want a string")
	}
	return v.Value, nil
}

func (p parser) strs(v *yaml.Node, path string) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v.Line, path, "want a list of path=value")
	}
	var out []string
	for i, n := range v.Content {
		if n.Kind != yaml.ScalarNode || !strings.Contains(n.Value, "=") {
			return nil, p.errf(n.Line, fmt.Sprintf("%s[%d]", path, i), "want path=value")
		}
		out = append(out, n.Value)
	}
	return out, nil
}

func (p parser) posInt(v *yaml.Node, path string) (int, error) {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil || n < 1 {
		return 0, p.errf(v.Line, path, "want a whole number from 1, got %q", v.Value)
	}
	return n, nil
}

func (p parser) num(v *yaml.Node, path string) (float64, bool, error) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		return 0, false, p.errf(v.Line, path, "want a number, got %q", v.Value)
	}
	f, err := strconv.ParseFloat(v.Value, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, p.errf(v.Line, path, "want a finite number, got %q", v.Value)
	}
	return f, v.Tag == "!!int", nil
}

// params reads the parameters mapping and checks every value against the scenario.
func (p parser) params(s *Sweep, node *yaml.Node) error {
	if node == nil {
		return nil // replicates of the base scenario alone
	}
	if node.Kind != yaml.MappingNode {
		return p.errf(node.Line, "parameters", "want a mapping of scenario paths to {values}, {range} or {min, max}")
	}
	if err := p.unique(node, "parameters."); err != nil {
		return err
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		field := "parameters." + k.Value
		if v.Kind != yaml.MappingNode {
			return p.errf(v.Line, field, "want {values: [...]}, {range: {from, to, step}} or {min, max}")
		}
		par := Param{Path: k.Value, Line: k.Line}
		var lo, hi *yaml.Node
		for j := 0; j+1 < len(v.Content); j += 2 {
			kk, vv := v.Content[j], v.Content[j+1]
			f := field + "." + kk.Value
			switch kk.Value {
			case "values":
				if s.Design != DesignGrid {
					return p.errf(kk.Line, f, "an lhs design takes {min, max}")
				}
				if vv.Kind != yaml.SequenceNode || len(vv.Content) == 0 {
					return p.errf(vv.Line, f, "want a non-empty list")
				}
				for n, x := range vv.Content {
					if x.Kind != yaml.ScalarNode {
						return p.errf(x.Line, fmt.Sprintf("%s[%d]", f, n), "want a value")
					}
					par.Values = append(par.Values, x.Value)
				}
			case "range":
				if s.Design != DesignGrid {
					return p.errf(kk.Line, f, "an lhs design takes {min, max}")
				}
				vals, err := p.rng(vv, f)
				if err != nil {
					return err
				}
				par.Values = vals
			case "min":
				lo = vv
			case "max":
				hi = vv
			default:
				return p.errf(kk.Line, f, "unknown field %q (known: values, range, min, max)", kk.Value)
			}
		}
		switch s.Design {
		case DesignGrid:
			if lo != nil || hi != nil {
				return p.errf(v.Line, field, "a grid design takes {values} or {range}; min and max are for lhs")
			}
			if len(par.Values) == 0 {
				return p.errf(v.Line, field, "want {values: [...]} or {range: {from, to, step}}")
			}
		case DesignLHS:
			if lo == nil || hi == nil {
				return p.errf(v.Line, field, "an lhs design needs min and max")
			}
		}
		checks := par.Values
		if s.Design == DesignLHS {
			a, aInt, err := p.num(lo, field+".min")
			if err != nil {
				return err
			}
			b, bInt, err := p.num(hi, field+".max")
			if err != nil {
				return err
			}
			if b < a {
				return p.errf(hi.Line, field+".max", "empty range: max %v is below min %v", b, a)
			}
			par.Values = nil
			s.lhs = append(s.lhs, lhsParam{a, b, aInt && bInt})
			checks = []string{lo.Value, hi.Value}
		}
		for _, val := range checks {
			if _, err := scenarios.Load(s.Scenario, append(append([]string(nil), s.Set...), par.Path+"="+val)); err != nil {
				return p.errf(k.Line, field, "%v", err)
			}
		}
		s.Params = append(s.Params, par)
	}
	return nil
}

type lhsParam struct {
	min, max float64
	integer  bool
}

// rng expands {from, to, step} into its values (whole numbers when all three are).
func (p parser) rng(v *yaml.Node, f string) ([]string, error) {
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v.Line, f, "want {from, to, step}")
	}
	var vals [3]float64
	ints := true
	var got [3]bool
	for j := 0; j+1 < len(v.Content); j += 2 {
		kk, vv := v.Content[j], v.Content[j+1]
		idx := map[string]int{"from": 0, "to": 1, "step": 2}
		i, ok := idx[kk.Value]
		if !ok {
			return nil, p.errf(kk.Line, f+"."+kk.Value, "unknown field %q (known: from, to, step)", kk.Value)
		}
		x, isInt, err := p.num(vv, f+"."+kk.Value)
		if err != nil {
			return nil, err
		}
		vals[i], got[i] = x, true
		ints = ints && isInt
	}
	for i, name := range []string{"from", "to", "step"} {
		if !got[i] {
			return nil, p.errf(v.Line, f+"."+name, "missing")
		}
	}
	from, to, step := vals[0], vals[1], vals[2]
	if step <= 0 {
		return nil, p.errf(v.Line, f+".step", "must be above 0, got %v", step)
	}
	if to < from {
		return nil, p.errf(v.Line, f, "empty range: to %v is below from %v", to, from)
	}
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > maxRuns {
		return nil, p.errf(v.Line, f, "range has %d values, more than %d", n, maxRuns)
	}
	out := make([]string, n)
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
		n := 1
		for _, par := range s.Params {
			n *= len(par.Values)
			if n*s.Replicates > maxRuns {
				return fmt.Errorf("the grid has more than %d runs", maxRuns)
			}
		}
		s.points = make([][]string, n)
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
		if s.Samples*s.Replicates > maxRuns {
			return fmt.Errorf("the design has more than %d runs", maxRuns)
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

package analysis

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/summary"
)

// TuneFile is a tuning problem, as read from YAML by LoadTune:
//
//	scenario: baseline             # embedded name, or a file relative to the tune file
//	sets: [members=300, issuance.formula=smoothed]
//	parameters:
//	  - {path: issuance.smoothing, min: 0, max: 1, start: 0.5}
//	replicates: 3                  # runs per evaluation, seeds seed..seed+replicates-1
//	seed: 1
//	objective: 1.0*sd(inflation) + 0.000001*mean(unmet_wants_value)
//	budget: {evaluations: 40, iterations: 0}
//
// The objective, minimised, is a weighted sum of summary metrics, each averaged over
// the replicates; the same seeds serve every evaluation (common random numbers).
//
// Besides scenario fields, the coefficients of a grant formula can be tuned: an
// expression with {{name}} placeholders, and parameters {coefficient: name, min, max}
// (see scenarios/tune/expression.yaml). Each evaluation writes the values into the
// expression and sets issuance.formula: expression.
type TuneFile struct {
	Study
	Objective string // as written
	Terms     []Term
	Budget    Budget
}

// Study is what tune and screen files share: a base scenario with fixed overrides,
// parameters within bounds, and the replicates' seeds.
type Study struct {
	File       string   // the file
	Scenario   string   // base scenario: embedded name or resolved path
	Sets       []string // fixed overrides of the base scenario
	Params     []TuneParam
	Replicates int
	Seed       uint64
	// Expression, if set, is a grant formula (issuance.formula expression) with
	// {{name}} placeholders for the coefficients among Params.
	Expression string
	base       *scenarios.Scenario
}

// TuneParam is a tuned parameter with its bounds and starting value: a scenario field
// by its path, or a coefficient of the study's expression by its name.
type TuneParam struct {
	Param
	Start       float64 // default: the middle of the bounds
	Coefficient bool    // Name is a {{placeholder}} of Study.Expression
}

// Term is one term of an objective: Weight times a summary metric.
type Term struct {
	Weight float64
	Metric summary.Metric
}

// Budget limits a tuning: evaluations of the objective and optimiser iterations (0:
// no limit; at least one must be set).
type Budget struct {
	Evaluations, Iterations int
}

// tuneKeys are the known keys of a tune file, in order.
var tuneKeys = []string{"scenario", "sets", "expression", "parameters", "replicates", "seed", "objective", "budget"}

// LoadTune reads and checks a tune file. Loading is strict: an unknown key, a wrong
// type, an out-of-range value, a parameter the scenario lacks or an unknown metric in
// the objective is a *scenarios.Error naming the file, line and field.
func LoadTune(path string) (*TuneFile, error) {
	st, at, fail, err := loadStudy(path, "tune", tuneKeys, []string{"scenario", "parameters", "objective", "budget"})
	if err != nil {
		return nil, err
	}
	t := &TuneFile{Study: *st}
	// budget
	bn := at["budget"]
	if bn.Kind != yaml.MappingNode {
		return nil, fail(bn, "budget", "want a mapping of evaluations, iterations")
	}
	for i := 0; i+1 < len(bn.Content); i += 2 {
		k, v := bn.Content[i], bn.Content[i+1]
		var dst *int
		switch k.Value {
		case "evaluations":
			dst = &t.Budget.Evaluations
		case "iterations":
			dst = &t.Budget.Iterations
		default:
			return nil, fail(k, "budget."+k.Value, "unknown field (known: evaluations, iterations)")
		}
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || n < 0 || n > 1_000_000 {
			return nil, fail(v, "budget."+k.Value, "want an integer between 0 and 1000000, got %q", v.Value)
		}
		*dst = n
	}
	if t.Budget.Evaluations == 0 && t.Budget.Iterations == 0 {
		return nil, fail(bn, "budget", "set evaluations or iterations (or both) above 0")
	}
	// objective
	on := at["objective"]
	if on.Kind != yaml.ScalarNode {
		return nil, fail(on, "objective", "want a weighted sum of metrics such as 1.0*sd(inflation) + 1e-6*mean(unmet_wants_value)")
	}
	t.Objective = on.Value
	terms, err := ParseObjective(on.Value, columnsOf(t.base.Config))
	if err != nil {
		return nil, fail(on, "objective", "%s", err)
	}
	t.Terms = terms
	return t, nil
}

// failFunc makes a located error: the node's line, the field's path and a message.
type failFunc func(n *yaml.Node, field, format string, args ...any) error

// loadStudy reads the parts of a tune or screen file they share, checking the keys
// against keys and required, and returns the top-level nodes by key for the rest.
func loadStudy(path, kind string, keys, required []string) (*Study, map[string]*yaml.Node, failFunc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, nil, nil, &scenarios.Error{File: path, Msg: pe.Err.Error(), Err: err}
		}
		return nil, nil, nil, &scenarios.Error{File: path, Msg: err.Error(), Err: err}
	}
	t := &Study{File: path, Replicates: 3, Seed: 1}
	var fail failFunc = func(n *yaml.Node, field, format string, args ...any) error {
		line := 0
		if n != nil {
			line = n.Line
		}
		return &scenarios.Error{File: path, Line: line, Path: field, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, nil, nil, &scenarios.Error{File: path, Line: line, Msg: msg, Err: err}
	}
	if len(doc.Content) == 0 {
		return nil, nil, nil, fail(nil, "", "empty %s file", kind)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, nil, fail(root, "", "want a mapping of %s", strings.Join(keys, ", "))
	}
	at := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !slices.Contains(keys, k.Value) {
			return nil, nil, nil, fail(k, k.Value, "unknown field (known: %s)", strings.Join(keys, ", "))
		}
		if _, dup := at[k.Value]; dup {
			return nil, nil, nil, fail(k, k.Value, "given twice")
		}
		at[k.Value] = v
	}
	for _, req := range required {
		if at[req] == nil {
			return nil, nil, nil, fail(root, req, "missing (a %s file needs %s)", kind, strings.Join(required, ", "))
		}
	}
	// scenario and sets
	if n := at["scenario"]; n.Kind != yaml.ScalarNode || n.Value == "" {
		return nil, nil, nil, fail(n, "scenario", "want a scenario name or file")
	}
	t.Scenario = at["scenario"].Value
	if _, ok := scenarios.Embedded(t.Scenario); !ok && !filepath.IsAbs(t.Scenario) {
		t.Scenario = filepath.Join(filepath.Dir(path), t.Scenario)
	}
	if n := at["sets"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			return nil, nil, nil, fail(n, "sets", "want a list of path=value")
		}
		for i, s := range n.Content {
			if s.Kind != yaml.ScalarNode {
				return nil, nil, nil, fail(s, fmt.Sprintf("sets[%d]", i), "want path=value")
			}
			t.Sets = append(t.Sets, s.Value)
		}
	}
	base, err := scenarios.Load(t.Scenario, t.Sets)
	if err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) && se.File == scenarios.SetFile {
			return nil, nil, nil, fail(at["sets"], "sets", "%s", err)
		}
		return nil, nil, nil, fail(at["scenario"], "scenario", "%s", err)
	}
	t.base = base
	// integers
	intOf := func(key string, min int, dst *int) error {
		n := at[key]
		if n == nil {
			return nil
		}
		v, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			return fail(n, key, "want an integer, got %q", n.Value)
		}
		if v < min {
			return fail(n, key, "must be at least %d, got %d", min, v)
		}
		*dst = v
		return nil
	}
	if err := intOf("replicates", 1, &t.Replicates); err != nil {
		return nil, nil, nil, err
	}
	if n := at["seed"]; n != nil {
		v, err := strconv.ParseUint(n.Value, 10, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			return nil, nil, nil, fail(n, "seed", "want an unsigned integer, got %q", n.Value)
		}
		t.Seed = v
	}
	// expression, with {{coefficient}} placeholders
	if en := at["expression"]; en != nil {
		if en.Kind != yaml.ScalarNode || strings.TrimSpace(en.Value) == "" {
			return nil, nil, nil, fail(en, "expression", "want a grant formula with {{coefficient}} placeholders")
		}
		t.Expression = en.Value
	}
	// parameters
	pn := at["parameters"]
	if pn.Kind != yaml.SequenceNode || len(pn.Content) == 0 {
		return nil, nil, nil, fail(pn, "parameters", "want a list of {path, min, max, start}")
	}
	for i, n := range pn.Content {
		field := fmt.Sprintf("parameters[%d]", i)
		if n.Kind != yaml.MappingNode {
			return nil, nil, nil, fail(n, field, "want {path, min, max, start}")
		}
		p := TuneParam{Param: Param{Min: math.NaN(), Max: math.NaN()}, Start: math.NaN()}
		var pathNode *yaml.Node
		key := "path"
		for j := 0; j+1 < len(n.Content); j += 2 {
			k, v := n.Content[j], n.Content[j+1]
			f := field + "." + k.Value
			if k.Value == "path" || k.Value == "coefficient" {
				if v.Kind != yaml.ScalarNode || v.Value == "" {
					return nil, nil, nil, fail(v, f, "want a scenario path such as issuance.smoothing, or a coefficient's name")
				}
				if pathNode != nil {
					return nil, nil, nil, fail(k, f, "give path or coefficient, not both")
				}
				p.Name, pathNode, key = v.Value, v, k.Value
				p.Coefficient = k.Value == "coefficient"
				if p.Coefficient && !coefRE.MatchString(p.Name) {
					return nil, nil, nil, fail(v, f, "a coefficient's name is letters, digits and _, got %q", p.Name)
				}
				continue
			}
			var dst *float64
			switch k.Value {
			case "min":
				dst = &p.Min
			case "max":
				dst = &p.Max
			case "start":
				dst = &p.Start
			default:
				return nil, nil, nil, fail(k, f, "unknown field (known: path or coefficient, min, max, start)")
			}
			x, err := strconv.ParseFloat(v.Value, 64)
			if v.Kind != yaml.ScalarNode || err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				return nil, nil, nil, fail(v, f, "want a number, got %q", v.Value)
			}
			*dst = x
		}
		if pathNode == nil || math.IsNaN(p.Min) || math.IsNaN(p.Max) {
			return nil, nil, nil, fail(n, field, "path (or coefficient), min and max are required")
		}
		if !(p.Max > p.Min) {
			return nil, nil, nil, fail(n, field+".max", "must exceed min (%g), got %g", p.Min, p.Max)
		}
		if math.IsNaN(p.Start) {
			p.Start = (p.Min + p.Max) / 2
		} else if p.Start < p.Min || p.Start > p.Max {
			return nil, nil, nil, fail(n, field+".start", "must be between %g and %g, got %g", p.Min, p.Max, p.Start)
		}
		for _, q := range t.Params {
			if q.Name == p.Name {
				return nil, nil, nil, fail(pathNode, field+"."+key, "%s is given twice", p.Name)
			}
		}
		if p.Coefficient {
			if !slices.ContainsFunc(placeholderRE.FindAllStringSubmatch(t.Expression, -1), func(m []string) bool { return m[1] == p.Name }) {
				return nil, nil, nil, fail(pathNode, field+".coefficient", "{{%s}} is not in the expression", p.Name)
			}
			t.Params = append(t.Params, p)
			continue
		}
		// The scenario must accept the bounds.
		for _, x := range []float64{p.Min, p.Max} {
			if _, err := scenarios.Load(t.Scenario, append(slices.Clone(t.Sets), p.Name+"="+formatFloat(x))); err != nil {
				return nil, nil, nil, fail(pathNode, field+".path", "%s", err)
			}
		}
		t.Params = append(t.Params, p)
	}
	if en := at["expression"]; en != nil {
		for _, m := range placeholderRE.FindAllStringSubmatch(t.Expression, -1) {
			if !slices.ContainsFunc(t.Params, func(p TuneParam) bool { return p.Coefficient && p.Name == m[1] }) {
				return nil, nil, nil, fail(en, "expression", "{{%s}} is not a coefficient in parameters", m[1])
			}
		}
		// The expression must compile at the start values and the bounds.
		for _, val := range []func(p TuneParam) float64{
			func(p TuneParam) float64 { return p.Start },
			func(p TuneParam) float64 { return p.Min },
			func(p TuneParam) float64 { return p.Max },
		} {
			var x []float64
			for _, p := range t.Params {
				x = append(x, val(p))
			}
			if _, err := t.scenario(x); err != nil {
				return nil, nil, nil, fail(en, "expression", "%s", err)
			}
		}
	}
	return t, at, fail, nil
}

var (
	coefRE        = regexp.MustCompile(`^[A-Za-z_][A-Za-z_0-9]*$`)
	placeholderRE = regexp.MustCompile(`\{\{\s*([^}]*?)\s*\}\}`)
)

var termRE = regexp.MustCompile(`^\s*([+-])?\s*(?:([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*\*\s*)?([A-Za-z_][A-Za-z_0-9]*(?:\s*\(\s*[A-Za-z_0-9]+\s*\))?)\s*`)

// ParseObjective parses a weighted sum of summary metrics, such as
// "1.0*sd(inflation) + 0.000001*mean(unmet_wants_value) - 0.5*last(coops_alive)", the
// metrics checked against columns. A term without a weight has weight 1.
func ParseObjective(s string, columns []string) ([]Term, error) {
	var out []Term
	rest := strings.TrimSpace(s)
	if rest == "" {
		return nil, fmt.Errorf("empty objective")
	}
	for rest != "" {
		m := termRE.FindStringSubmatch(rest)
		if m == nil || (len(out) > 0 && m[1] == "") {
			return nil, fmt.Errorf("cannot read %q: want weight*func(column) terms joined by + or -", rest)
		}
		w := 1.0
		if m[2] != "" {
			w, _ = strconv.ParseFloat(m[2], 64)
		}
		if m[1] == "-" {
			w = -w
		}
		met, err := summary.Parse(m[3], columns)
		if err != nil {
			return nil, err
		}
		out = append(out, Term{Weight: w, Metric: met})
		rest = strings.TrimSpace(rest[len(m[0]):])
	}
	return out, nil
}

package analysis

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/summary"
	"github.com/copex/copex/sweep"
)

// TuneFile is a tuning problem, as read from YAML by LoadTune:
//
//	scenario: baseline             # embedded name, or a file relative to the tune file
//	set: [members=300, issuance.formula=smoothed]
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

// studyFile is the layout that tune and screen files share, as scenarios.Decode reads
// it and scenarios.SchemaOf describes it.
type studyFile struct {
	Scenario   string      `yaml:"scenario" required:"true" nonempty:"true" doc:"base scenario: an embedded name, or a file relative to this one"`
	Set        []string    `yaml:"set" was:"sets" doc:"overrides of the base scenario, PATH=VALUE"`
	Expression *string     `yaml:"expression" nonempty:"true" doc:"a grant formula with {{name}} placeholders for the coefficients among the parameters"`
	Parameters []paramFile `yaml:"parameters" required:"true" nonempty:"true" doc:"the parameters, each a scenario path or a coefficient of the expression, with bounds"`
	Replicates int         `yaml:"replicates" min:"1" max:"100000" doc:"runs per point, seeds seed..seed+replicates-1"`
	Seed       uint64      `yaml:"seed" doc:"seed of the first replicate"`
}

// paramFile is one parameter in a tune or screen file.
type paramFile struct {
	Path        string   `yaml:"path" oneof:"name" nonempty:"true" doc:"a scenario path, such as issuance.smoothing"`
	Coefficient string   `yaml:"coefficient" oneof:"name" pattern:"^[A-Za-z_][A-Za-z_0-9]*$" msg:"a coefficient's name is letters, digits and _" doc:"a {{name}} of the expression"`
	Min         float64  `yaml:"min" required:"true" doc:"lower bound"`
	Max         float64  `yaml:"max" required:"true" above:"min" doc:"upper bound, above min"`
	Start       *float64 `yaml:"start" atleast:"min" atmost:"max" doc:"starting value (default: the middle of the bounds)"`
}

// tuneFile is the layout of a tune file.
type tuneFile struct {
	Study     studyFile  `yaml:",inline"`
	Objective string     `yaml:"objective" required:"true" nonempty:"true" doc:"weighted sum of summary metrics to minimise, such as 1.0*sd(inflation) + 1e-6*mean(unmet_wants_value)"`
	Budget    budgetFile `yaml:"budget" required:"true" doc:"when to stop: evaluations of the objective, optimiser iterations, or both"`
}

// FileKind names a tune file in messages.
func (tuneFile) FileKind() string { return "tune file" }

type budgetFile struct {
	Evaluations int `yaml:"evaluations" min:"0" max:"1000000" anyof:"budget" doc:"evaluations of the objective at most (0: no limit)"`
	Iterations  int `yaml:"iterations" min:"0" max:"1000000" anyof:"budget" doc:"optimiser iterations at most (0: no limit)"`
}

// screenFile is the layout of a screen file.
type screenFile struct {
	Study        studyFile `yaml:",inline"`
	Metrics      []string  `yaml:"metrics" required:"true" nonempty:"true" doc:"summary metrics whose elementary effects are computed, such as sd(inflation)"`
	Trajectories int       `yaml:"trajectories" min:"2" max:"10000" doc:"Morris trajectories r"`
	Levels       int       `yaml:"levels" min:"2" max:"1000" multipleof:"2" doc:"Morris levels p (even)"`
}

// FileKind names a screen file in messages.
func (screenFile) FileKind() string { return "screen file" }

func tuneDefaults() *tuneFile { return &tuneFile{Study: studyFile{Replicates: 3, Seed: 1}} }

func screenDefaults() *screenFile {
	return &screenFile{Study: studyFile{Replicates: 3, Seed: 1}, Trajectories: 10, Levels: 4}
}

// TuneSchema returns the JSON Schema of tune files (see scenarios.SchemaOf).
func TuneSchema() ([]byte, error) {
	return scenarios.SchemaOf(tuneDefaults(), "https://github.com/copex/copex/tune.schema.json", "Copex tune file",
		"A tuning problem (copex tune): a base scenario, the parameters and their bounds, replicates, an objective and a budget.")
}

// ScreenSchema returns the JSON Schema of screen files (see scenarios.SchemaOf).
func ScreenSchema() ([]byte, error) {
	return scenarios.SchemaOf(screenDefaults(), "https://github.com/copex/copex/screen.schema.json", "Copex screen file",
		"A Morris screening (copex screen): a base scenario, the parameters and their bounds, replicates, metrics and the design.")
}

// LoadTune reads and checks a tune file. Loading is strict (scenarios.Decode): an
// unknown key, a wrong type, an out-of-range value, a parameter the scenario lacks or
// an unknown metric in the objective is a *scenarios.Error naming the file, line and
// field.
func LoadTune(path string) (*TuneFile, error) {
	f := tuneDefaults()
	doc, _, err := scenarios.DecodeFile(path, f)
	if err != nil {
		return nil, err
	}
	st, err := loadStudy(doc, &f.Study)
	if err != nil {
		return nil, err
	}
	t := &TuneFile{Study: *st, Objective: f.Objective, Budget: Budget{Evaluations: f.Budget.Evaluations, Iterations: f.Budget.Iterations}}
	terms, err := ParseObjective(f.Objective, columnsOf(t.base.Config))
	if err != nil {
		return nil, doc.Errorf(&f.Objective, "%w", err)
	}
	t.Terms = terms
	switch {
	case t.Budget.Evaluations > 0:
		if _, err := sweep.CheckRuns("the tuning (evaluations × replicates)", t.Budget.Evaluations, t.Replicates); err != nil {
			return nil, doc.Errorf(&f.Budget.Evaluations, "%w", err)
		}
	case t.Budget.Iterations > 0:
		// Nelder-Mead evaluates at most parameters + 2 points an iteration (a shrink).
		perIteration := len(t.Params) + 2
		if _, err := sweep.CheckRuns("the tuning (iterations × (parameters + 2) evaluations × replicates)",
			t.Budget.Iterations, perIteration, t.Replicates); err != nil {
			return nil, doc.Errorf(&f.Budget.Iterations, "%w", err)
		}
	}
	return t, nil
}

// LoadScreen reads and checks a screen file, as strictly as LoadTune.
func LoadScreen(path string) (*ScreenFile, error) {
	f := screenDefaults()
	doc, _, err := scenarios.DecodeFile(path, f)
	if err != nil {
		return nil, err
	}
	st, err := loadStudy(doc, &f.Study)
	if err != nil {
		return nil, err
	}
	s := &ScreenFile{Study: *st, Trajectories: f.Trajectories, Levels: f.Levels, DesignSeed: st.Seed}
	cols := columnsOf(s.base.Config)
	for i, name := range f.Metrics {
		m, err := summary.Parse(name, cols)
		if err != nil {
			return nil, doc.Errorf(&f.Metrics[i], "%w", err)
		}
		if j := slices.IndexFunc(s.Metrics, func(o summary.Metric) bool { return o.Func == m.Func && o.Column == m.Column }); j >= 0 {
			return nil, doc.Errorf(&f.Metrics[i], "%s is given twice (metrics[%d] is %s)", m.Name, j, s.Metrics[j].Name)
		}
		s.Metrics = append(s.Metrics, m)
	}
	if err := s.checkRuns(); err != nil {
		return nil, doc.Errorf(&f.Study.Replicates, "%w", err)
	}
	return s, nil
}

// checkRuns bounds the screening's runs (sweep.MaxRuns): trajectories × (parameters
// + 1) points, each run for every replicate.
func (s *ScreenFile) checkRuns() error {
	_, err := sweep.CheckRuns("the screening (trajectories × (parameters + 1) × replicates)", s.Trajectories, len(s.Params)+1, s.Replicates)
	return err
}

// loadStudy checks what tune and screen files share against the base scenario: the
// parameters' paths and bounds, and the expression's coefficients.
func loadStudy(doc *scenarios.Doc, f *studyFile) (*Study, error) {
	t := &Study{File: doc.File(), Sets: f.Set, Replicates: f.Replicates, Seed: f.Seed}
	var err error
	if t.Scenario, t.base, err = doc.LoadBase(&f.Scenario, &f.Set); err != nil {
		return nil, err
	}
	if f.Expression != nil {
		t.Expression = *f.Expression
	}
	for i := range f.Parameters {
		pf := &f.Parameters[i]
		p := TuneParam{Param: Param{Min: pf.Min, Max: pf.Max}, Start: (pf.Min + pf.Max) / 2}
		if pf.Start != nil {
			p.Start = *pf.Start
		}
		name := &pf.Path // one of the two is given, and not empty
		if pf.Coefficient != "" {
			name, p.Coefficient = &pf.Coefficient, true
		}
		p.Name = *name
		for _, q := range t.Params {
			if q.Name == p.Name {
				return nil, doc.Errorf(name, "%s is given twice", p.Name)
			}
		}
		if p.Coefficient {
			if !slices.ContainsFunc(placeholderRE.FindAllStringSubmatch(t.Expression, -1), func(m []string) bool { return m[1] == p.Name }) {
				return nil, doc.Errorf(name, "{{%s}} is not in the expression", p.Name)
			}
			t.Params = append(t.Params, p)
			continue
		}
		// The path must be a number of the scenario, which must accept the bounds;
		// a whole number's values are rounded.
		switch typ := pathType(p.Name); typ {
		case "integer":
			p.Integer = true
		case "number", "":
		default:
			return nil, doc.Errorf(name, "%s is %s, not a number: only numbers can be tuned or screened", p.Name, typ)
		}
		for _, x := range []float64{p.Min, p.Max} {
			if _, err := scenarios.Load(t.Scenario, append(slices.Clone(t.Sets), p.Name+"="+formatFloat(x))); err != nil {
				return nil, doc.Errorf(name, "%w", err)
			}
		}
		t.Params = append(t.Params, p)
	}
	if f.Expression != nil {
		for _, m := range placeholderRE.FindAllStringSubmatch(t.Expression, -1) {
			if !slices.ContainsFunc(t.Params, func(p TuneParam) bool { return p.Coefficient && p.Name == m[1] }) {
				return nil, doc.Errorf(f.Expression, "{{%s}} is not a coefficient in parameters", m[1])
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
				return nil, doc.Errorf(f.Expression, "%w", err)
			}
		}
	}
	return t, nil
}

// pathType returns the JSON Schema type of the scenario field at path ("integer",
// "number", "a string", "true or false", "a list", "a mapping", "one of a, b"), or ""
// if the schema does not tell.
func pathType(path string) string {
	node, ok := scenarios.FieldSchema(path)
	if !ok {
		return ""
	}
	if enum, ok := node["enum"].([]any); ok {
		var vals []string
		for _, v := range enum {
			vals = append(vals, fmt.Sprint(v))
		}
		return "one of " + strings.Join(vals, ", ")
	}
	names := map[string]string{"string": "a string", "boolean": "true or false", "array": "a list", "object": "a mapping"}
	kind := ""
	for _, t := range scenarios.SchemaTypes(node) {
		switch t {
		case "integer", "number":
			kind = t
		default:
			if n, ok := names[t]; ok {
				return n
			}
		}
	}
	return kind
}

var (
	coefRE        = regexp.MustCompile(`^[A-Za-z_][A-Za-z_0-9]*$`)
	placeholderRE = regexp.MustCompile(`\{\{\s*([^}]*?)\s*\}\}`)
)

var termRE = regexp.MustCompile(`^\s*([+-])?\s*(?:([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*\*\s*)?([A-Za-z_][A-Za-z_0-9]*(?:\s*\(\s*[A-Za-z_0-9]+\s*\))?)\s*`)

// MaxWeight bounds the size of an objective's weights, so that a weighted sum of
// summary metrics stays finite (and best.json can record it).
const MaxWeight = 1e9

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
			var err error
			w, err = strconv.ParseFloat(m[2], 64)
			if err != nil || w == 0 || math.Abs(w) > MaxWeight {
				return nil, fmt.Errorf("weight %s of %s: want a number other than 0, at most %g in size", m[2], strings.TrimSpace(m[3]), MaxWeight)
			}
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

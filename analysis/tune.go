package analysis

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/optimize"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
	"github.com/copex/copex/scenarios"
)

// Evaluation is one evaluation of a tuning objective.
type Evaluation struct {
	N         int       // from 1
	Params    []float64 // in the order of TuneFile.Params
	Objective float64   // replicate-averaged
	Metrics   []float64 // each term's metric, averaged over the replicates
}

// Tuning is the result of Tune.
type Tuning struct {
	File        *TuneFile
	Evaluations []Evaluation
	Best        Evaluation
	Status      string          // why the optimiser stopped
	Stop        optimize.Status // the same, as gonum's optimize reports it
	Tuned       *scenarios.Scenario
}

// TuneOptions tune Tune.
type TuneOptions struct {
	Parallel int                // runs at a time (0: GOMAXPROCS)
	Progress func(e Evaluation) // called after each evaluation, if set
	Method   optimize.Method    // default Nelder-Mead with an initial simplex of size 1
}

// Tune minimises the tune file's objective over its parameters with Nelder-Mead,
// derivative-free. Each parameter is searched on the whole real line and mapped into
// its bounds by a logistic function, x = min + (max-min)/(1+exp(-u)), so every
// evaluation is within bounds; the search starts at the parameters' start values. Each
// evaluation runs the replicates with the same seeds (common random numbers), so
// differences between evaluations are the parameters', not the noise's.
func Tune(t *TuneFile, opts TuneOptions) (*Tuning, error) {
	k := len(t.Params)
	u0 := make([]float64, k)
	for i, p := range t.Params {
		s := (p.Start - p.Min) / (p.Max - p.Min)
		s = math.Min(1-1e-3, math.Max(1e-3, s))
		u0[i] = math.Log(s / (1 - s))
	}
	res := &Tuning{File: t, Best: Evaluation{Objective: math.Inf(1)}}
	var runErr error
	seedList := seeds(t.Seed, t.Replicates)
	f := func(u []float64) float64 {
		if runErr != nil {
			return math.Inf(1)
		}
		x := t.fromU(u)
		for i, p := range t.Params {
			if p.Integer { // recorded as run: scenario sets whole numbers
				x[i] = math.Round(x[i])
			}
		}
		sc, err := t.scenario(x)
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		var jobs []job
		for _, s := range seedList {
			jobs = append(jobs, job{cfg: sc.Config, seed: s})
		}
		tabs, err := runAll(jobs, opts.Parallel)
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		e := Evaluation{N: len(res.Evaluations) + 1, Params: x}
		for _, term := range t.Terms {
			var sum float64
			for _, tab := range tabs {
				sum += term.Metric.Value(tab)
			}
			mean := sum / float64(len(tabs))
			e.Metrics = append(e.Metrics, mean)
			e.Objective += term.Weight * mean
		}
		if math.IsNaN(e.Objective) {
			e.Objective = math.Inf(1)
		}
		res.Evaluations = append(res.Evaluations, e)
		if e.Objective < res.Best.Objective || res.Best.N == 0 {
			res.Best = e
		}
		if opts.Progress != nil {
			opts.Progress(e)
		}
		return e.Objective
	}
	settings := &optimize.Settings{FuncEvaluations: t.Budget.Evaluations, MajorIterations: t.Budget.Iterations,
		Converger: &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-9, Iterations: 20}}
	method := opts.Method
	if method == nil {
		method = &optimize.NelderMead{SimplexSize: 1}
	}
	prob := optimize.Problem{Func: f, Status: func() (optimize.Status, error) {
		if runErr != nil {
			return optimize.Failure, runErr
		}
		if t.Budget.Evaluations > 0 && len(res.Evaluations) >= t.Budget.Evaluations {
			return optimize.FunctionEvaluationLimit, nil
		}
		return optimize.NotTerminated, nil
	}}
	r, err := optimize.Minimize(prob, u0, settings, method)
	if runErr != nil {
		return nil, runErr
	}
	if err != nil && len(res.Evaluations) == 0 {
		return nil, fmt.Errorf("tune: %w", err)
	}
	if r != nil {
		res.Stop, res.Status = r.Status, r.Status.String()
	}
	if res.Tuned, err = t.scenario(res.Best.Params); err != nil {
		return nil, err
	}
	res.Tuned.Name += "-tuned"
	res.Tuned.Description = fmt.Sprintf("%s tuned by copex tune %s (objective %s = %g)",
		t.base.Name, filepath.Base(t.File), t.Objective, res.Best.Objective)
	return res, nil
}

// fromU maps the optimiser's unbounded coordinates into the parameters' bounds.
func (t *TuneFile) fromU(u []float64) []float64 {
	x := make([]float64, len(u))
	for i, p := range t.Params {
		x[i] = p.Min + (p.Max-p.Min)/(1+math.Exp(-u[i]))
	}
	return x
}

// scenario returns the base scenario with the fixed sets and the parameters at x;
// with an expression, its coefficients are written in and it becomes the grant
// formula.
func (t *Study) scenario(x []float64) (*scenarios.Scenario, error) {
	sets := slices.Clone(t.Sets)
	expr := t.Expression
	for i, p := range t.Params {
		if p.Coefficient {
			expr = placeholderRE.ReplaceAllStringFunc(expr, func(m string) string {
				if placeholderRE.FindStringSubmatch(m)[1] == p.Name {
					return "(" + formatFloat(x[i]) + ")"
				}
				return m
			})
			continue
		}
		v := x[i]
		if p.Integer {
			v = math.Round(v)
		}
		sets = append(sets, p.Name+"="+formatFloat(v))
	}
	if t.Expression != "" {
		sets = append(sets, "issuance.formula=expression", "issuance.expression="+expr)
	}
	return scenarios.Load(t.Scenario, sets)
}

// Converged reports whether the optimiser stopped because it converged (the
// objective or the simplex stopped changing), not at its budget.
func (r *Tuning) Converged() bool {
	switch r.Stop {
	case optimize.Success, optimize.FunctionConvergence, optimize.StepConvergence, optimize.MethodConverge:
		return true
	}
	return false
}

// Warning returns why the tuning's best point may not be a minimum - the optimiser
// stopped at its evaluation or iteration budget before it converged - or "" if it
// converged.
func (r *Tuning) Warning() string {
	if r.Converged() {
		return ""
	}
	why := fmt.Sprintf("it stopped (%s) after %d evaluations", r.Status, len(r.Evaluations))
	switch r.Stop {
	case optimize.FunctionEvaluationLimit:
		why = fmt.Sprintf("the budget of %d evaluations ran out", r.File.Budget.Evaluations)
	case optimize.IterationLimit:
		why = fmt.Sprintf("the budget of %d iterations ran out after %d evaluations", r.File.Budget.Iterations, len(r.Evaluations))
	}
	return "stopped early: " + why + " before the search converged; the best point is the best evaluated, " +
		"not necessarily a minimum (raise budget.evaluations or budget.iterations)"
}

// Write writes the tuning's results into dir: best.json (the best parameters, the
// objective and its metrics, whether the search converged and the warning if it did
// not), evaluations.csv (every evaluation), objective.png and .svg (the objective by
// evaluation, with the best so far), param_PATH.png and .svg for each parameter (its
// value at each evaluation, with the best so far's), report.html (the best point,
// the warning and every chart on one page) and tuned.yaml (the base scenario with the
// fixed sets and the best parameters, ready for copex run). It returns the files'
// names.
func (r *Tuning) Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	t := r.File
	type best struct {
		Scenario    string                `json:"scenario"`
		Sets        []string              `json:"sets"`
		Parameters  map[string]float64    `json:"parameters"`
		Objective   jsonNumber            `json:"objective"`
		Expression  string                `json:"objective_expression"`
		Metrics     map[string]jsonNumber `json:"metrics"`
		Evaluation  int                   `json:"evaluation"`
		Evaluations int                   `json:"evaluations"`
		Replicates  int                   `json:"replicates"`
		Seed        uint64                `json:"seed"`
		Status      string                `json:"status"`
		Converged   bool                  `json:"converged"`
		Warning     string                `json:"warning,omitempty"`
	}
	b := best{Scenario: t.Scenario, Sets: t.Sets, Parameters: map[string]float64{}, Objective: jsonNumber(r.Best.Objective),
		Expression: t.Objective, Metrics: map[string]jsonNumber{}, Evaluation: r.Best.N, Evaluations: len(r.Evaluations),
		Replicates: t.Replicates, Seed: t.Seed, Status: r.Status,
		Converged: r.Converged(), Warning: r.Warning()}
	for i, p := range t.Params {
		b.Parameters[p.Name] = r.Best.Params[i]
	}
	for i, term := range t.Terms {
		b.Metrics[term.Metric.Name] = jsonNumber(r.Best.Metrics[i])
	}
	js, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, "best.json"), append(js, '\n')); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"evaluation"}
	for _, p := range t.Params {
		head = append(head, p.Name)
	}
	head = append(head, "objective")
	for _, term := range t.Terms {
		head = append(head, term.Metric.Name)
	}
	w.Write(head)
	for _, e := range r.Evaluations {
		rec := []string{strconv.Itoa(e.N)}
		for _, v := range e.Params {
			rec = append(rec, formatFloat(v))
		}
		rec = append(rec, formatFloat(e.Objective))
		for _, v := range e.Metrics {
			rec = append(rec, formatFloat(v))
		}
		w.Write(rec)
	}
	w.Flush()
	if err := atomicfile.WriteFile(filepath.Join(dir, "evaluations.csv"), buf.Bytes()); err != nil {
		return nil, err
	}
	files := []string{"best.json", "evaluations.csv"}
	ch, err := r.objectiveChart(dir)
	if err != nil {
		return nil, err
	}
	files = append(files, ch.PNG, ch.SVG)
	charts := []Chart{ch}
	for i := range t.Params {
		ch, err := r.paramChart(dir, i)
		if err != nil {
			return nil, err
		}
		charts = append(charts, ch)
		files = append(files, ch.PNG, ch.SVG)
	}
	if err := r.writeReport(filepath.Join(dir, "report.html"), charts); err != nil {
		return nil, err
	}
	files = append(files, "report.html")
	y, err := r.Tuned.YAML()
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, "tuned.yaml"), y); err != nil {
		return nil, err
	}
	return append(files, "tuned.yaml"), nil
}

// objectiveChart draws the objective at each evaluation and the best so far.
func (r *Tuning) objectiveChart(dir string) (Chart, error) {
	title := "Objective by evaluation"
	best := render.Series{Label: "best so far", As: render.Steps}
	evals := render.Series{Label: "evaluation", As: render.Points}
	lo := math.Inf(1)
	for _, e := range r.Evaluations {
		if !finite(e.Objective) {
			continue
		}
		lo = math.Min(lo, e.Objective)
		evals.X, evals.Y = append(evals.X, float64(e.N)), append(evals.Y, e.Objective)
		best.X, best.Y = append(best.X, float64(e.N)), append(best.Y, lo)
	}
	return render.Write(dir, "objective", render.LineChart{Title: title, XLabel: "evaluation", YLabel: "objective (replicate mean)",
		XTicks: render.Counts, Series: []render.Series{best, evals}})
}

// jsonNumber is a float64 that JSON records as null when it is not finite (an
// objective of +Inf, a metric of NaN), which encoding/json refuses to write.
type jsonNumber float64

func (v jsonNumber) MarshalJSON() ([]byte, error) {
	if !finite(float64(v)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(v))
}

// paramChart draws parameter i's value at each evaluation and the best so far's.
func (r *Tuning) paramChart(dir string, i int) (Chart, error) {
	p := r.File.Params[i]
	at := render.Series{Label: "evaluation", As: render.Points}
	best := render.Series{Label: "best so far", As: render.Steps}
	lo, bx := math.Inf(1), math.NaN()
	for _, e := range r.Evaluations {
		if finite(e.Objective) && e.Objective < lo {
			lo, bx = e.Objective, e.Params[i]
		}
		at.X, at.Y = append(at.X, float64(e.N)), append(at.Y, e.Params[i])
		best.X, best.Y = append(best.X, float64(e.N)), append(best.Y, bx)
	}
	return render.Write(dir, "param_"+stem(p.Name), render.LineChart{Title: p.Name + " by evaluation",
		XLabel: "evaluation", YLabel: p.Name, XTicks: render.Counts, Series: []render.Series{best, at},
		Markers: []render.Marker{{Y: p.Min, Label: "bounds"}, {Y: p.Max}}})
}

// writeReport writes report.html: the warning if the search stopped early, the best
// point with each parameter's bounds and start, the objective's terms at the best
// point, and the charts.
func (r *Tuning) writeReport(path string, charts []Chart) error {
	t := r.File
	params := table{Caption: fmt.Sprintf("Best point: evaluation %d of %d", r.Best.N, len(r.Evaluations)),
		Header: []string{"parameter", "best", "min", "max", "start"}}
	for i, p := range t.Params {
		name := p.Name
		if p.Coefficient {
			name = "{{" + p.Name + "}}"
		}
		params.Rows = append(params.Rows, []string{name, num(r.Best.Params[i]), num(p.Min), num(p.Max), num(p.Start)})
	}
	terms := table{Caption: "Objective at the best point", Header: []string{"term", "weight", "metric (replicate mean)", "weight × metric"}}
	for i, term := range t.Terms {
		m := r.Best.Metrics[i]
		terms.Rows = append(terms.Rows, []string{term.Metric.Name, num(term.Weight), num(m), num(term.Weight * m)})
	}
	terms.Rows = append(terms.Rows, []string{"objective", "", "", num(r.Best.Objective)})
	state := "converged (" + r.Status + ")"
	if !r.Converged() {
		state = "stopped early (" + r.Status + ")"
	}
	lead := fmt.Sprintf("Tuning of %s by %s: minimise %s over %d parameters, each evaluation the mean of %d replicates with common seeds from %d. "+
		"%d evaluations; the search %s. Best objective %s at evaluation %d.",
		t.Scenario, filepath.Base(t.File), t.Objective, len(t.Params), t.Replicates, t.Seed, len(r.Evaluations), state, num(r.Best.Objective), r.Best.N)
	return writePage(path, reportPage{Title: "Tuning: " + filepath.Base(t.File), Warning: r.Warning(), Lead: lead,
		Tables: []table{params, terms}}, charts)
}

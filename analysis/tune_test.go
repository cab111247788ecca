package analysis

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

const example = "../scenarios/tune/smoothing.yaml"

func TestTuneExample(t *testing.T) {
	tf, err := LoadTune(example)
	if err != nil {
		t.Fatal(err)
	}
	if len(tf.Params) != 2 || len(tf.Terms) != 2 || tf.Terms[1].Weight != 1e-6 || tf.Budget.Evaluations != 6 {
		t.Fatalf("loaded %+v", tf)
	}
	res, err := Tune(tf, TuneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Evaluations); n == 0 || n > tf.Budget.Evaluations {
		t.Errorf("%d evaluations, budget %d", n, tf.Budget.Evaluations)
	}
	first := res.Evaluations[0]
	if first.Params[0] != 0.5 || math.Abs(first.Params[1]-1.25) > 1e-9 {
		t.Errorf("first evaluation at %v, want the start values", first.Params)
	}
	for _, e := range res.Evaluations {
		if e.Objective < res.Best.Objective {
			t.Errorf("evaluation %d (%g) beats the best (%g)", e.N, e.Objective, res.Best.Objective)
		}
		for i, p := range tf.Params {
			if e.Params[i] < p.Min || e.Params[i] > p.Max {
				t.Errorf("evaluation %d out of bounds: %v", e.N, e.Params)
			}
		}
	}
	// The same file gives the same tuning (common seeds, deterministic search).
	again, err := Tune(tf, TuneOptions{Parallel: 1})
	if err != nil || again.Best.Objective != res.Best.Objective {
		t.Errorf("second tuning: %v, best %g vs %g", err, again.Best.Objective, res.Best.Objective)
	}
	dir := t.TempDir()
	files, err := res.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(files, " ") != "best.json evaluations.csv objective.png objective.svg param_issuance_smoothing.png param_issuance_smoothing.svg param_issuance_release_factor_value.png param_issuance_release_factor_value.svg report.html tuned.yaml" {
		t.Errorf("files %v", files)
	}
	var best struct {
		Parameters map[string]float64
		Objective  float64
	}
	js, _ := os.ReadFile(filepath.Join(dir, "best.json"))
	if err := json.Unmarshal(js, &best); err != nil || best.Objective != res.Best.Objective || best.Parameters["issuance.smoothing"] != res.Best.Params[0] {
		t.Errorf("best.json %s (%v)", js, err)
	}
	tuned, err := scenarios.Load(filepath.Join(dir, "tuned.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	is := tuned.Config.Issuance
	if is.Smoothing != res.Best.Params[0] || is.ReleaseFactor.Value != res.Best.Params[1] || is.Formula != "smoothed" ||
		tuned.Config.Members != 300 || tuned.Name != "baseline-tuned" {
		t.Errorf("tuned scenario: %s smoothing %g k %g formula %s members %d", tuned.Name, is.Smoothing, is.ReleaseFactor.Value, is.Formula, tuned.Config.Members)
	}
}

func TestLoadTuneErrors(t *testing.T) {
	good := `scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  - {path: issuance.smoothing, min: 0, max: 1}
objective: sd(inflation) + 1e-6*mean(unmet_wants_value)
budget: {evaluations: 3}
`
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "t.yaml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tf, err := LoadTune(write(good))
	if err != nil {
		t.Fatal(err)
	}
	if tf.Params[0].Start != 0.5 || tf.Replicates != 3 || tf.Seed != 1 || tf.Terms[0].Weight != 1 {
		t.Errorf("defaults: %+v", tf)
	}
	for _, c := range []struct{ from, to, want string }{
		{"budget: {evaluations: 3}", "budget: {evaluations: 3}\nnonsense: 1", "t.yaml:7: nonsense: unknown field"},
		{"sd(inflation)", "sd(nonsense)", `t.yaml:5: objective: metric "sd(nonsense)": unknown column`},
		{"sd(inflation) +", "median(inflation) +", `t.yaml:5: objective: metric "median(inflation)": unknown function`},
		{"sd(inflation) +", "sd(inflation) ++", `t.yaml:5: objective: cannot read`},
		{"issuance.smoothing", "issuance.nonsense", `t.yaml:4: parameters[0].path: --set issuance.nonsense: unknown field "nonsense"`},
		{"min: 0, max: 1", "min: 1, max: 0", "t.yaml:4: parameters[0].max: is 0, not more than parameters[0].min (1)"},
		{"min: 0, max: 1", "min: 0, max: 2", "t.yaml:4: parameters[0].path: --set issuance.smoothing: must be between 0 and 1"},
		{"max: 1}", "max: 1, start: 3}", "t.yaml:4: parameters[0].start: is 3, more than parameters[0].max (1)"},
		{"max: 1}", "max: 1, step: 3}", "t.yaml:4: parameters[0].step: unknown field"},
		{"min: 0,", "min: zero,", `t.yaml:4: parameters[0].min: expected a number, got "zero"`},
		{"{evaluations: 3}", "{evaluations: -1}", "t.yaml:6: budget.evaluations: must be between 0 and 1000000, got -1"},
		{"{evaluations: 3}", "{evaluations: 0}", "t.yaml:6: budget: set evaluations or iterations (or both) above 0"},
		{"scenario: baseline", "scenario: nowhere.yaml", "t.yaml:1: scenario:"},
		{"members=300", "members=oops", "t.yaml:2: set[0]: --set members"},
		{"budget: {evaluations: 3}\n", "", "t.yaml:1: budget: missing"},
		{"set:", "set: [\nx:", "t.yaml:2: did not find expected ',' or ']'"},
		{"set:", "sets:", `t.yaml:2: sets: unknown field "sets": write set: instead`},
		{"min: 0, max: 1", "max: 1", "t.yaml:4: parameters[0].min: missing"},
		{"path: issuance.smoothing, ", "", "t.yaml:4: parameters[0]: give path or coefficient"},
		{"path: issuance.smoothing", "path: ''", "t.yaml:4: parameters[0].path: must not be empty"},
		{"path: issuance.smoothing", "path: ~", "t.yaml:4: parameters[0].path: expected a string, got null"},
		{"min: 0, max: 1", "min: 0, max: 1, start: ~", ""}, // a null start is the middle
		{"- {path: issuance.smoothing, min: 0, max: 1}", "- ~", "t.yaml:4: parameters[0]: expected a mapping, got null"},
		{"min: 0, max: 1", "min: 0, max: 1, start: -1", "t.yaml:4: parameters[0].start: is -1, less than parameters[0].min (0)"},
		{"parameters:\n  - {path: issuance.smoothing, min: 0, max: 1}", "parameters: []", "t.yaml:3: parameters: must not be empty"},
		{"budget: {evaluations: 3}", "budget: ~", "t.yaml:6: budget: set evaluations or iterations (or both) above 0"},
		{"budget: {evaluations: 3}", "budget: {evaluations: 3}\nbudget: {iterations: 2}", "t.yaml:7: budget: duplicate key (first at line 6)"},
		{"budget: {evaluations: 3}", "budget: {evaluations: 3}\nseed: 18446744073709551616", "t.yaml:7: seed: expected a non-negative integer"},
		{"objective: sd(inflation) + 1e-6*mean(unmet_wants_value)", "objective: ''", "t.yaml:5: objective: must not be empty"},
	} {
		_, err := LoadTune(write(strings.Replace(good, c.from, c.to, 1)))
		if c.want == "" {
			if err != nil {
				t.Errorf("%s -> %s: %v", c.from, c.to, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s -> %s: %v, want %q", c.from, c.to, err, c.want)
		}
	}
	if _, err := LoadTune(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

func TestParseObjective(t *testing.T) {
	cols := columnsOf(scenariosBaseline(t).Config)
	terms, err := ParseObjective("2*sd(inflation) - 0.5*last(coops_alive) + 1e+2 * gini", cols)
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 3 || terms[0].Weight != 2 || terms[1].Weight != -0.5 || terms[2].Weight != 100 || terms[2].Metric.Name != "gini" {
		t.Errorf("terms %+v", terms)
	}
	for _, bad := range []string{"", "2*", "sd(inflation) sd(gini)", "2*sd(inflation) +"} {
		if _, err := ParseObjective(bad, cols); err == nil {
			t.Errorf("ParseObjective(%q) succeeded", bad)
		}
	}
}

func scenariosBaseline(t *testing.T) *scenarios.Scenario { return load(t, "baseline") }

func TestTuneExpressionCoefficients(t *testing.T) {
	tf, err := LoadTune("../scenarios/tune/expression.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !tf.Params[0].Coefficient || tf.Params[1].Name != "b" {
		t.Fatalf("params %+v", tf.Params)
	}
	res, err := Tune(tf, TuneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	is := res.Tuned.Config.Issuance
	want := "max(0, projected - high_water) * (" + formatFloat(res.Best.Params[0]) + ") / max(1, balance_ratio) ^ (" + formatFloat(res.Best.Params[1]) + ")"
	if is.Formula != "expression" || is.Expression != want {
		t.Errorf("tuned formula %s %q, want %q", is.Formula, is.Expression, want)
	}
	// Different coefficients give different economies.
	if res.Evaluations[0].Objective == res.Evaluations[1].Objective {
		t.Error("the coefficients make no difference")
	}
	dir := t.TempDir()
	if _, err := res.Write(dir); err != nil {
		t.Fatal(err)
	}
	back, err := scenarios.Load(filepath.Join(dir, "tuned.yaml"), nil)
	if err != nil || back.Config.Issuance.Expression != want {
		t.Errorf("tuned.yaml: %v", err)
	}
}

func TestLoadTuneExpressionErrors(t *testing.T) {
	good := `scenario: baseline
set: [members=300, coops.count=12, ticks=12]
expression: max(0, projected - high_water) * {{k}}
parameters:
  - {coefficient: k, min: 1, max: 2}
objective: sd(inflation)
budget: {evaluations: 3}
`
	p := filepath.Join(t.TempDir(), "e.yaml")
	for _, c := range []struct{ from, to, want string }{
		{"{{k}}", "{{k}} + {{z}}", "e.yaml:3: expression: {{z}} is not a coefficient in parameters"},
		{"{{k}}", "k", "e.yaml:5: parameters[0].coefficient: {{k}} is not in the expression"},
		{"{{k}}", "{{k}} * nonsense", "e.yaml:3: expression: --set issuance.expression: unknown name nonsense"},
		{"coefficient: k,", "coefficient: k, path: members,", "e.yaml:5: parameters[0].path: give path or coefficient, not both"},
		{"coefficient: k,", "coefficient: k-1,", "a coefficient's name is letters"},
	} {
		if err := os.WriteFile(p, []byte(strings.Replace(good, c.from, c.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadTune(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s: %v, want %q", c.from, c.to, err, c.want)
		}
	}
}

// writeTune writes a tune file into a temporary folder and loads it.
func writeTune(t *testing.T, text string) *TuneFile {
	t.Helper()
	p := filepath.Join(t.TempDir(), "t.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tf, err := LoadTune(p)
	if err != nil {
		t.Fatal(err)
	}
	return tf
}

// An integer path is run at whole numbers, and best.json and evaluations.csv record
// the whole number run (they recorded the optimiser's 3.0757 for a run of 3 ticks).
func TestTuneRecordsIntegersAsRun(t *testing.T) {
	tf := writeTune(t, `scenario: baseline
set: [members=200, coops.count=8]
parameters:
  - {path: ticks, min: 2, max: 9, start: 3.3}
  - {path: issuance.smoothing, min: 0, max: 1}
replicates: 1
objective: sd(inflation)
budget: {evaluations: 5}
`)
	res, dir := tuneWritten(t, tf)
	fractional := 0 // evaluations whose smoothing is not whole: the check can see fractions
	rows := readCSV(t, filepath.Join(dir, "evaluations.csv"))
	if len(rows) != len(res.Evaluations)+1 || rows[0][1] != "ticks" {
		t.Fatalf("evaluations.csv: %v", rows)
	}
	for _, row := range rows[1:] {
		ticks, err := strconv.ParseFloat(row[1], 64)
		if err != nil || ticks != math.Round(ticks) || ticks < 2 || ticks > 9 {
			t.Errorf("evaluations.csv records ticks %s, want a whole number in [2, 9] (%v)", row[1], err)
		}
		if s, _ := strconv.ParseFloat(row[2], 64); s != math.Round(s) {
			fractional++
		}
	}
	if fractional == 0 {
		t.Error("no evaluation has a fractional smoothing")
	}
	var best struct{ Parameters map[string]float64 }
	js, _ := os.ReadFile(filepath.Join(dir, "best.json"))
	if err := json.Unmarshal(js, &best); err != nil {
		t.Fatal(err)
	}
	tuned, err := scenarios.Load(filepath.Join(dir, "tuned.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := best.Parameters["ticks"]; got != float64(tuned.Config.Ticks) {
		t.Errorf("best.json ticks %g, tuned.yaml runs %d", got, tuned.Config.Ticks)
	}
}

// An objective that is never finite (the growth of a column that starts at 0 is NaN,
// taken as +Inf) is recorded as null in best.json, not a failure of json.Marshal.
func TestTuneNonFiniteObjective(t *testing.T) {
	tf := writeTune(t, `scenario: baseline
set: [members=200, coops.count=8, ticks=3]
parameters:
  - {path: issuance.smoothing, min: 0, max: 1}
replicates: 1
objective: growth(coops_failed)
budget: {evaluations: 2}
`)
	res, err := Tune(tf, TuneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(res.Best.Objective, 1) {
		t.Fatalf("best objective %g, want +Inf (the test needs a non-finite objective)", res.Best.Objective)
	}
	dir := t.TempDir()
	if _, err := res.Write(dir); err != nil {
		t.Fatal(err)
	}
	var best struct {
		Objective *float64
		Metrics   map[string]*float64
	}
	js, _ := os.ReadFile(filepath.Join(dir, "best.json"))
	if err := json.Unmarshal(js, &best); err != nil || best.Objective != nil || best.Metrics["growth(coops_failed)"] != nil {
		t.Errorf("best.json %s (%v), want objective and metric null", js, err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// A tuning writes report.html with its charts embedded as PNGs (the objective and
// each parameter's trajectory); with a budget too small for Nelder-Mead to converge
// the report, best.json and Warning say it stopped early, and a tuning that converges
// says nothing of the kind.
func TestTuneReport(t *testing.T) {
	tf, err := LoadTune(example) // budget: 6 evaluations, for 2 parameters
	if err != nil {
		t.Fatal(err)
	}
	res, dir := tuneWritten(t, tf)
	if n := checkImages(t, filepath.Join(dir, "report.html")); n != 1+len(tf.Params) {
		t.Errorf("report.html: %d images, want %d (the objective and each parameter)", n, 1+len(tf.Params))
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if res.Converged() || !strings.Contains(res.Warning(), "stopped early") || !strings.Contains(string(page), "stopped early") ||
		!strings.Contains(string(page), "budget of 6 evaluations ran out") {
		t.Errorf("status %s, warning %q; report.html does not say it stopped early at the budget of 6", res.Status, res.Warning())
	}
	var best struct {
		Converged *bool
		Warning   string
	}
	js, _ := os.ReadFile(filepath.Join(dir, "best.json"))
	if err := json.Unmarshal(js, &best); err != nil || best.Converged == nil || *best.Converged || !strings.HasPrefix(best.Warning, "stopped early") {
		t.Errorf("best.json %s (%v), want converged false and the warning", js, err)
	}

	// The smoothing weight does nothing under increase_only: the objective is flat and
	// the search converges well within its budget.
	flat := writeTune(t, `scenario: baseline
set: [members=200, coops.count=8, ticks=4, issuance.formula=increase_only]
parameters:
  - {path: issuance.smoothing, min: 0, max: 1}
replicates: 1
objective: sd(inflation)
budget: {evaluations: 200}
`)
	conv, cdir := tuneWritten(t, flat)
	page, _ = os.ReadFile(filepath.Join(cdir, "report.html"))
	if !conv.Converged() || conv.Warning() != "" || strings.Contains(string(page), "stopped early") || len(conv.Evaluations) >= 200 {
		t.Errorf("flat objective: status %s after %d evaluations, warning %q", conv.Status, len(conv.Evaluations), conv.Warning())
	}
}

// tuneWritten runs a tuning and writes its outputs to a fresh folder.
func tuneWritten(t *testing.T, tf *TuneFile) (*Tuning, string) {
	t.Helper()
	res, err := Tune(tf, TuneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := res.Write(dir); err != nil {
		t.Fatal(err)
	}
	return res, dir
}

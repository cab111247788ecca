package game

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Test is a hypothesis of the canvas with the test that will check it (the Test
// Canvas) and the results of the Test Game.
type Test struct {
	Box        string   `json:"box"`        // the canvas box whose guess is tested
	Pass       float64  `json:"pass"`       // the pass/fail point
	Importance int      `json:"importance"` // 1..5
	Risk       int      `json:"risk"`       // 1..5
	Results    []Result `json:"results,omitempty"`
	// PassMoved is set by a pivot that changed the pass point and not the guess; the
	// next run's result carries it.
	PassMoved bool `json:"pass_moved,omitempty"`
}

// Result is one run of a test in the Test Game.
type Result struct {
	Guess    float64   `json:"guess"`    // the canvas value tested
	Pass     float64   `json:"pass"`     // the pass point it was held to
	Measured float64   `json:"measured"` // what the simulated data showed
	Passed   bool      `json:"passed"`
	Evidence []float64 `json:"evidence"` // month by month, for the chart
	// PassOnly flags a result after a pivot that only moved the pass point: the guess
	// is the one that was tested before.
	PassOnly bool `json:"pass_only,omitempty"`
}

// TestSpec describes how a hypothesis is tested.
type TestSpec struct {
	Box      string
	Title    string
	Measure  string // what is measured, with its unit
	AtMost   bool   // passes when measured <= pass point (else >=)
	Evidence string // the chart's series
	// defaultPass is the pass point suggested from the guess.
	defaultPass      func(guess float64) float64
	importance, risk int
	measure          func(t *trialRun) (float64, []float64)
	hypothesis       func(g *Game) string
}

// TrialMonths is the length of the Test Game's trial, after WarmupMonths of the
// simulated economy settling.
const (
	WarmupMonths = 6
	TrialMonths  = 6
)

func specs() []TestSpec {
	return []TestSpec{
		{Box: BoxHowMany, Title: "Customers", Measure: "customers in the last trial month", Evidence: "customers a month",
			defaultPass: func(x float64) float64 { return roundTo(0.8 * x) }, importance: 5, risk: 5,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.series(func(p Period) float64 { return float64(p.Customers) })
				return s[len(s)-1], s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("%s customers a month will want our service", g.Canvas[BoxHowMany])
			}},
		{Box: BoxPrice, Title: "Price", Measure: "% of what we offered that sold", Evidence: "% of the offer sold",
			defaultPass: func(float64) float64 { return 60 }, importance: 5, risk: 4,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.series(func(p Period) float64 { return 100 * float64(p.Sold) / float64(max(p.Offered, 1)) })
				var sold, off int64
				for _, p := range t.periods {
					sold, off = sold+p.Sold, off+p.Offered
				}
				return roundTo(100 * float64(sold) / float64(max(off, 1))), s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("customers will pay %s tokens a unit", g.Canvas[BoxPrice])
			}},
		{Box: BoxMarketing, Title: "Reach", Measure: "our reputation on the Exchange Platform at the end, %", Evidence: "reputation, %",
			defaultPass: func(float64) float64 { return 50 }, importance: 3, risk: 3,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.series(func(p Period) float64 { return 100 * p.Reputation })
				return s[len(s)-1], s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("%s tokens a month of marketing will make us known", g.Canvas[BoxMarketing])
			}},
		{Box: BoxPay, Title: "Pay", Measure: "sales as % of the pay bill in the last trial month", Evidence: "sales as % of pay",
			defaultPass: func(float64) float64 { return 100 }, importance: 4, risk: 4,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.series(func(p Period) float64 {
					bill := ledger.Float(ledger.Tokens(t.pay)) * float64(p.Members)
					return 100 * ledger.Float(p.Sales) / max(bill, 1)
				})
				return roundTo(s[len(s)-1]), s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("sales will pay %s tokens a month to each of us", g.Canvas[BoxPay])
			}},
		{Box: BoxBurn, Title: "Initial burn", Measure: "months until income covers costs", AtMost: true, Evidence: "income less costs, tokens",
			defaultPass: func(x float64) float64 { return x }, importance: 4, risk: 5,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.series(func(p Period) float64 { return ledger.Float(p.Sales + p.Funding - p.Costs()) })
				for i, v := range s {
					if v >= 0 {
						return float64(i + 1), s
					}
				}
				return float64(TrialMonths + 1), s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("income will cover costs within %s months", g.Canvas[BoxBurn])
			}},
		{Box: BoxStartFunds, Title: "Start-up funds", Measure: "months pay fell short", AtMost: true, Evidence: "treasury, tokens",
			defaultPass: func(float64) float64 { return 0 }, importance: 5, risk: 3,
			measure: func(t *trialRun) (float64, []float64) {
				short := 0
				for _, p := range t.periods {
					if p.Short {
						short++
					}
				}
				return float64(short), t.series(func(p Period) float64 { return ledger.Float(p.Treasury) })
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("%s tokens will see us through the start", g.Canvas[BoxStartFunds])
			}},
	}
}

// Comparison says how a measurement is held to the pass point: "at least" or "at most".
func (s TestSpec) Comparison() string {
	if s.AtMost {
		return "at most"
	}
	return "at least"
}

// Specs returns how each hypothesis of a start-up is tested.
func Specs() []TestSpec { return specs() }

// InnovationSpecs returns how each hypothesis of an existing co-op's innovation is
// tested.
func InnovationSpecs() []TestSpec { return innovationSpecs() }

// Spec returns how the hypothesis of canvas box id (or innovation test id) is tested.
func Spec(id string) (TestSpec, bool) {
	for _, s := range append(specs(), innovationSpecs()...) {
		if s.Box == id {
			return s, true
		}
	}
	return TestSpec{}, false
}

// Hypothesis returns test box's hypothesis in words, from the canvas.
func (g *Game) Hypothesis(box string) string {
	if s, ok := Spec(box); ok {
		return s.hypothesis(g)
	}
	return ""
}

// syncTests makes a test for every testable hypothesis, keeping the player's pass
// points and order; a new programme is ordered by importance times risk. An existing
// co-op's programme holds its innovation's hypotheses only (none without one).
func (g *Game) syncTests() {
	if len(g.Tests) > 0 {
		return
	}
	all := specs()
	if g.Existing != nil {
		all = nil
		if g.testing() {
			all = innovationSpecs()
		}
	}
	for _, s := range all {
		g.Tests = append(g.Tests, Test{Box: s.Box, Pass: s.defaultPass(g.guess(s.Box)), Importance: s.importance, Risk: s.risk})
	}
	g.SortProgramme()
}

// SortProgramme orders the test programme by importance times risk, most first.
func (g *Game) SortProgramme() {
	slices.SortStableFunc(g.Tests, func(a, b Test) int { return b.Importance*b.Risk - a.Importance*a.Risk })
}

func (g *Game) test(box string) (*Test, error) {
	for i := range g.Tests {
		if g.Tests[i].Box == box {
			return &g.Tests[i], nil
		}
	}
	return nil, &InputError{Field: box, Msg: "no test for this box"}
}

// MoveTest moves a test up (delta < 0) or down the programme.
func (g *Game) MoveTest(box string, delta int) error {
	i := slices.IndexFunc(g.Tests, func(t Test) bool { return t.Box == box })
	if i < 0 {
		return &InputError{Field: box, Msg: "no test for this box"}
	}
	j := min(max(i+delta, 0), len(g.Tests)-1)
	t := g.Tests[i]
	g.Tests = slices.Delete(g.Tests, i, i+1)
	g.Tests = slices.Insert(g.Tests, j, t)
	return nil
}

// SetPassPoint sets a test's pass/fail point.
func (g *Game) SetPassPoint(box, value string) error {
	t, err := g.test(box)
	if err != nil {
		return err
	}
	x, err := strconv.ParseFloat(value, 64)
	if err != nil || x < 0 || x > 1e9 {
		return &InputError{Field: box, Msg: fmt.Sprintf("want a pass point from 0 to 1e9, got %q", clip(value))}
	}
	t.Pass = x
	return nil
}

// SetRating sets a test's importance and risk (1 to 5 each).
func (g *Game) SetRating(box string, importance, risk int) error {
	t, err := g.test(box)
	if err != nil {
		return err
	}
	if importance < 1 || importance > 5 || risk < 1 || risk > 5 {
		return &InputError{Field: box, Msg: "importance and risk go from 1 to 5"}
	}
	t.Importance, t.Risk = importance, risk
	return nil
}

// RunTest runs the test of canvas box against the simulated economy and records the
// result. Every test of one canvas sees the same trial: a run of the engine with the
// co-op placed in it for TrialMonths.
func (g *Game) RunTest(box string) (Result, error) {
	t, err := g.test(box)
	if err != nil {
		return Result{}, err
	}
	tr, err := g.runTrial()
	if err != nil {
		return Result{}, err
	}
	// The trial is the same for the same canvas: running an unchanged test again gives
	// its last result, not a second copy of it (nor a second lesson).
	if n := len(t.Results); n > 0 && !t.PassMoved {
		if last := t.Results[n-1]; last.Guess == g.guess(box) && last.Pass == t.Pass {
			return last, nil
		}
	}
	s, _ := Spec(box)
	m, ev := s.measure(tr)
	r := Result{Guess: g.guess(box), Pass: t.Pass, Measured: m, Evidence: ev, PassOnly: t.PassMoved}
	t.PassMoved = false
	r.Passed = m >= t.Pass
	if s.AtMost {
		r.Passed = m <= t.Pass
	}
	t.Results = append(t.Results, r)
	return r, nil
}

// NextTest returns the first test in the programme not yet passed, or "".
func (g *Game) NextTest() string {
	for _, t := range g.Tests {
		if n := len(t.Results); n == 0 || !t.Results[n-1].Passed || t.Results[n-1].Guess != g.guess(t.Box) {
			return t.Box
		}
	}
	return ""
}

// Pivot changes a failed hypothesis (its canvas box, or an innovation's figure)
// before it is retested. A pass point may be given too ("" keeps it). A pivot that
// moves only the pass point is flagged: its next result says so (Result.PassOnly) and
// a lesson is written.
func (g *Game) Pivot(box, value, pass string) error {
	t, err := g.test(box)
	if err != nil {
		return err
	}
	oldGuess, oldPass := g.guess(box), t.Pass
	if isInnovationTest(box) {
		err = g.setInnovation(box, value)
	} else {
		err = g.SetBox(box, value)
	}
	if err != nil {
		return err
	}
	if pass != "" {
		if err := g.SetPassPoint(box, pass); err != nil {
			return err
		}
	}
	t, _ = g.test(box)
	t.PassMoved = g.guess(box) == oldGuess && t.Pass != oldPass
	return nil
}

func (g *Game) untested() []string {
	var out []string
	for _, t := range g.Tests {
		n := len(t.Results)
		if n == 0 || !t.Results[n-1].Passed || t.Results[n-1].Guess != g.guess(t.Box) {
			s, _ := Spec(t.Box)
			out = append(out, s.Title)
		}
	}
	return out
}

// MVS returns the Minimum Viable Service the tests arrived at, in words.
func (g *Game) MVS() string {
	if f := g.Existing; f != nil {
		out := fmt.Sprintf("%s: %d members offering %s at %s tokens a unit to about %s customers a month, paying %s tokens a month each.",
			g.Name(), f.Members, g.Sector(), g.Canvas[BoxPrice], fmt.Sprint(roundTo(f.Customers)), g.Canvas[BoxPay])
		if g.testing() {
			out += fmt.Sprintf(" With %s: %s more customers a month, for %s tokens a month more pay.",
				f.Innovation, g.GuessText(TestInnovationCustomers), g.GuessText(TestInnovationPays))
		}
		return out
	}
	return fmt.Sprintf("%s: %s founders offering %s (%s) at %s tokens a unit to about %s customers a month, "+
		"paying %s tokens a month each, starting with %s tokens. %s",
		g.Name(), g.Answers[QFounders], g.Sector(), g.Canvas[BoxOffering], g.Canvas[BoxPrice], g.Canvas[BoxHowMany],
		g.Canvas[BoxPay], g.Canvas[BoxStartFunds], g.Canvas[BoxMVS])
}

// trialRun is the Test Game's trial: the co-op founded in the economy at the end of
// month WarmupMonths and run with the canvas's decisions for TrialMonths. For an
// existing co-op testing an innovation, the co-op is run twice on the same simulated
// data (the same scenario and seed): base without the innovation, periods with it.
type trialRun struct {
	key     string
	pay     float64
	periods []Period
	base    []Period
	lessons []Lesson
}

func (t *trialRun) series(f func(Period) float64) []float64 {
	out := make([]float64, len(t.periods))
	for i, p := range t.periods {
		out[i] = roundTo(f(p))
	}
	return out
}

// diff returns f with the innovation less f without it, month by month.
func (t *trialRun) diff(f func(Period) float64) []float64 {
	out := make([]float64, len(t.periods))
	for i := range t.periods {
		out[i] = roundTo(f(t.periods[i]) - f(t.base[i]))
	}
	return out
}

// trialKey is what the trial depends on: the canvas, phase 1's answers and an existing
// co-op's figures.
func (g *Game) trialKey() string {
	if g.Existing != nil {
		return fmt.Sprint(g.Answers, g.Canvas, *g.Existing)
	}
	return fmt.Sprint(g.Answers, g.Canvas)
}

// trialMonths runs the co-op in a new economy of the game's scenario and seed for the
// trial's months, with or without an existing co-op's innovation.
func (g *Game) trialMonths(innovation bool) ([]Period, error) {
	w, err := NewWorld(g.Scenario, g.Seed)
	if err != nil {
		return nil, err
	}
	if err := w.Advance(WarmupMonths); err != nil {
		return nil, err
	}
	c, err := g.newCoop(w, innovation)
	if err != nil {
		return nil, err
	}
	d := g.canvasDecisions()
	var out []Period
	for m := WarmupMonths + 1; m <= WarmupMonths+TrialMonths; m++ {
		var src rand.PCG
		sim.Seed(&src, g.Seed, 1, m, sim.PurposeGame)
		p, err := c.play(&d, rand.New(&src), 0)
		if err != nil {
			return nil, err
		}
		c.endMonth(m)
		out = append(out, p)
		if c.failed {
			break
		}
	}
	for len(out) < TrialMonths {
		// a co-op that closed sells nothing more
		last := out[len(out)-1]
		out = append(out, Period{Month: last.Month + 1, Short: true, Market: last.Market, Price: last.Price})
	}
	return out, nil
}

func (g *Game) runTrial() (*trialRun, error) {
	if g.trial != nil && g.trial.key == g.trialKey() {
		return g.trial, nil
	}
	d := g.canvasDecisions()
	tr := &trialRun{key: g.trialKey(), pay: d.Pay}
	var err error
	if g.testing() {
		// The two runs share nothing (each has its economy), so they run side by side.
		var baseErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			tr.base, baseErr = g.trialMonths(false)
		}()
		tr.periods, err = g.trialMonths(true)
		<-done
		if err == nil {
			err = baseErr
		}
	} else {
		tr.periods, err = g.trialMonths(false)
	}
	if err != nil {
		return nil, err
	}
	g.trial = tr
	return tr, nil
}

// Trial returns the Test Game's trial months (running it if need be).
func (g *Game) Trial() ([]Period, error) {
	t, err := g.runTrial()
	if err != nil {
		return nil, err
	}
	return t.periods, nil
}

func scaled(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = roundTo(x * k)
	}
	return out
}

// roundTo rounds to two decimals, so results read (and save) cleanly; NaN is 0.
func roundTo(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Round(x*100) / 100
}

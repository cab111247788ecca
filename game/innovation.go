package game

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/copex/copex/sim/ledger"
)

// An existing co-op that loads its figures tests an innovation, not a start-up: its
// test programme holds the innovation's hypotheses only, and the Test Game runs the
// co-op from its real state twice on the same simulated data (the same scenario and
// seed), with the innovation and without it, each test measuring the difference.
//
// The innovation adds customers and the output to serve them: InnovationCustomers
// more units a month join the co-op's customer base (customers.go), made by the same
// members, who are paid InnovationPay more a month in all for the extra hours (by
// default their pay rate for the extra units), on top of the pay decided.

// The innovation's tests (their IDs stand where a start-up test's canvas box does).
const (
	TestInnovationCustomers = "innovation_customers"
	TestInnovationPays      = "innovation_pays"
)

func innovationSpecs() []TestSpec {
	last := func(s []float64) float64 { return s[len(s)-1] }
	return []TestSpec{
		{Box: TestInnovationCustomers, Title: "Innovation: customers", Measure: "extra units sold a month with the innovation, in the last trial month",
			Evidence: "extra units sold a month", defaultPass: func(x float64) float64 { return roundTo(0.8 * x) }, importance: 5, risk: 5,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.diff(func(p Period) float64 { return float64(p.Sold) })
				return last(s), s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("%s will bring %s more customers a month", innovationName(g), g.GuessText(TestInnovationCustomers))
			}},
		{Box: TestInnovationPays, Title: "Innovation: pays its way", Measure: "extra sales less extra costs a month with the innovation, mean over the trial, tokens",
			Evidence: "extra sales less extra costs, tokens", defaultPass: func(float64) float64 { return 0 }, importance: 4, risk: 4,
			measure: func(t *trialRun) (float64, []float64) {
				s := t.diff(func(p Period) float64 { return ledger.Float(p.Sales - p.Costs()) })
				var sum float64
				for _, x := range s {
					sum += x
				}
				return roundTo(sum / float64(len(s))), s
			},
			hypothesis: func(g *Game) string {
				return fmt.Sprintf("%s will pay its way: its extra sales will cover the extra pay of %s tokens a month", innovationName(g), g.GuessText(TestInnovationPays))
			}},
	}
}

func innovationName(g *Game) string {
	if g.Existing == nil || g.Existing.Innovation == "" {
		return "The innovation"
	}
	return g.Existing.Innovation
}

// isInnovationTest reports whether box is one of the innovation's tests.
func isInnovationTest(box string) bool {
	return box == TestInnovationCustomers || box == TestInnovationPays
}

// testing reports whether the game tests an existing co-op's innovation.
func (g *Game) testing() bool { return g.Existing != nil && g.Existing.Innovation != "" }

// innovationUnits returns the units a month the innovation adds.
func (g *Game) innovationUnits() float64 { return g.Existing.InnovationCustomers }

// innovationPay returns the extra pay a month, for all members, of the innovation's
// hours: as the figures say, or by default the members' pay rate for the extra units.
func (g *Game) innovationPay() float64 {
	f := g.Existing
	if f.InnovationPay > 0 {
		return f.InnovationPay
	}
	return roundTo(f.Pay * float64(f.Members) * f.InnovationCustomers / max(f.Customers, 1))
}

// GuessText returns the guess a test holds to, as text: the canvas box's entry, or for
// an innovation's test the figure it tests. A screen's pivot field starts from it.
func (g *Game) GuessText(box string) string {
	if isInnovationTest(box) && g.Existing != nil {
		return strconv.FormatFloat(g.guess(box), 'f', -1, 64)
	}
	return g.Canvas[box]
}

// guess returns the number test box holds to.
func (g *Game) guess(box string) float64 {
	if g.Existing != nil {
		switch box {
		case TestInnovationCustomers:
			return g.Existing.InnovationCustomers
		case TestInnovationPays:
			return g.innovationPay()
		}
	}
	return g.Number(box)
}

// setInnovation pivots an innovation's figure: the customers it brings, or the extra
// pay of its hours.
func (g *Game) setInnovation(box, value string) error {
	x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(value), ",", ""), 64)
	if err != nil || !(x >= 0 && x <= 1e7) {
		return &InputError{Field: box, Msg: fmt.Sprintf("want a number from 0 to 10,000,000, got %q", clip(value))}
	}
	old := g.guess(box)
	switch box {
	case TestInnovationCustomers:
		g.Existing.InnovationCustomers = x
	case TestInnovationPays:
		g.Existing.InnovationPay = x
	}
	if s, ok := Spec(box); ok {
		for i := range g.Tests {
			if t := &g.Tests[i]; t.Box == box && t.Pass == s.defaultPass(old) {
				t.Pass = s.defaultPass(g.guess(box))
			}
		}
	}
	return nil
}

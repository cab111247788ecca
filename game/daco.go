package game

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/internal/atomicfile"
)

// DACOVersion is the version of the DACO configuration format GetGo writes.
const DACOVersion = 1

// DACO is the configuration of a Decentralised Autonomous Co-operative Organisation,
// as practised in the game: what carries over to running the co-op for real.
type DACO struct {
	DACO       int          `yaml:"daco"`
	Coop       dacoCoop     `yaml:"coop"`
	Members    dacoMembers  `yaml:"members"`
	Governance dacoGov      `yaml:"governance"`
	Canvas     []dacoBox    `yaml:"canvas"`
	Tests      []dacoTest   `yaml:"test_programme,omitempty"`
	MVS        string       `yaml:"minimum_viable_service"`
	Exchange   dacoExchange `yaml:"exchange_platform"`
	Grants     dacoGrants   `yaml:"grant_tokens"`
	Foundation dacoFound    `yaml:"foundation_programmes"`
	Horizon    dacoHorizon  `yaml:"horizon_scanning"`
	// Innovation is what an existing co-op tested, and whether it passed.
	Innovation *dacoInnovation `yaml:"innovation,omitempty"`
	Lessons    []string        `yaml:"lessons,omitempty"`
}

type dacoCoop struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`
	Structure string `yaml:"structure"`
	Sector    string `yaml:"sector"`
	Scenario  string `yaml:"practised_in"`
	Seed      uint64 `yaml:"seed"`
}

type dacoMembers struct {
	Founders    int      `yaml:"founders"`
	Workers     int      `yaml:"workers"`
	PayPerMonth float64  `yaml:"pay_per_month"`
	Roles       []string `yaml:"roles"`
}

type dacoGov struct {
	DecisionMaking string `yaml:"decision_making"`
	Description    string `yaml:"description"`
	Membership     string `yaml:"membership"`
}

type dacoBox struct {
	Box   string `yaml:"box"`
	Title string `yaml:"title"`
	Value string `yaml:"value"`
}

type dacoTest struct {
	Hypothesis string  `yaml:"hypothesis"`
	Measure    string  `yaml:"measure"`
	PassPoint  string  `yaml:"pass_point"`
	Measured   float64 `yaml:"measured"`
	Result     string  `yaml:"result"`
	Attempts   int     `yaml:"attempts"`
}

type dacoExchange struct {
	Sector         string  `yaml:"sector"`
	PricePerUnit   float64 `yaml:"price_per_unit"`
	OfferShare     float64 `yaml:"offer_share"`
	MarketingMonth float64 `yaml:"marketing_per_month"`
}

type dacoGrants struct {
	Formula     string `yaml:"formula"`
	Use         string `yaml:"use"`
	ExpiryMonth int    `yaml:"expiry_months"`
}

type dacoFound struct {
	StartupFunding bool `yaml:"startup_funding"`
	Apprentices    int  `yaml:"apprentices"`
}

type dacoInnovation struct {
	Change      string     `yaml:"change"`
	Customers   float64    `yaml:"customers_a_month"`
	ExtraPay    float64    `yaml:"extra_pay_a_month"`
	Tests       []dacoTest `yaml:"tests"`
	Passed      bool       `yaml:"passed"`
	FromFigures string     `yaml:"tested_from"`
}

type dacoHorizon struct {
	Likelihood string   `yaml:"likelihood"`
	Watch      string   `yaml:"watch"`
	Responses  []string `yaml:"responses,omitempty"`
}

// DACO returns the co-op as configured and practised, ready to export.
func (g *Game) DACO() DACO {
	d := g.NextDecisions()
	cfg := g.world.sc.Config
	out := DACO{DACO: DACOVersion,
		Coop: dacoCoop{Name: g.Name(), Type: g.Answers[QType], Structure: g.Answers[QStructure], Sector: g.Sector(),
			Scenario: g.Scenario, Seed: g.Seed},
		Members: dacoMembers{Founders: g.Founders(), Workers: d.Workers, PayPerMonth: d.Pay,
			Roles: strings.Split(g.Answers[QRoles], ",")},
		Governance: dacoGov{DecisionMaking: g.Answers[QDecision], Description: g.Canvas[BoxGovernance], Membership: g.Canvas[BoxMembers]},
		MVS:        g.MVS(),
		Exchange:   dacoExchange{Sector: g.Sector(), PricePerUnit: d.Price, OfferShare: d.Offer, MarketingMonth: d.Marketing},
		Grants:     dacoGrants{Formula: cfg.Issuance.Formula, Use: d.GrantUse, ExpiryMonth: cfg.Issuance.GrantExpiryMonths},
		Horizon:    dacoHorizon{Likelihood: g.Canvas[BoxLikelihood], Watch: g.Canvas[BoxChanges]},
	}
	for _, b := range Boxes() {
		out.Canvas = append(out.Canvas, dacoBox{Box: b.ID, Title: b.Title, Value: g.Canvas[b.ID]})
	}
	var tests []dacoTest
	for _, t := range g.Tests {
		s, _ := Spec(t.Box)
		cmp := ">= "
		if s.AtMost {
			cmp = "<= "
		}
		dt := dacoTest{Hypothesis: g.Hypothesis(t.Box), Measure: s.Measure, PassPoint: cmp + fmt.Sprint(t.Pass), Result: "not run", Attempts: len(t.Results)}
		if n := len(t.Results); n > 0 {
			r := t.Results[n-1]
			dt.Measured, dt.Result = r.Measured, map[bool]string{true: "pass", false: "fail"}[r.Passed]
		}
		if n := len(t.Results); n > 0 && t.Results[n-1].PassOnly {
			dt.Result += " (after a pivot that only moved the pass point)"
		}
		tests = append(tests, dt)
	}
	if g.testing() {
		f := g.Existing
		out.Innovation = &dacoInnovation{Change: f.Innovation, Customers: g.guess(TestInnovationCustomers), ExtraPay: g.guess(TestInnovationPays),
			Tests: tests, Passed: len(tests) > 0 && g.NextTest() == "", FromFigures: f.Name + "'s own figures, with and without the innovation on the same simulated data"}
	} else {
		out.Tests = tests
	}
	for _, t := range g.Turns {
		if t.Funding {
			out.Foundation.StartupFunding = true
		}
		if t.Apprentice {
			out.Foundation.Apprentices++
		}
	}
	if g.Canvas[BoxFunding] == "foundation" {
		out.Foundation.StartupFunding = true
	}
	if g.live != nil {
		for _, c := range g.live.Cards {
			switch {
			case c.Response >= 0:
				out.Horizon.Responses = append(out.Horizon.Responses, fmt.Sprintf("%s: %s", c.Signal, c.Responses[c.Response].Label))
			case c.Unanswered:
				out.Horizon.Responses = append(out.Horizon.Responses, fmt.Sprintf("%s: unanswered (it hit in month %d)", c.Signal, c.Hits))
			default:
				out.Horizon.Responses = append(out.Horizon.Responses, fmt.Sprintf("%s: awaiting a response", c.Signal))
			}
		}
	}
	for _, l := range g.Lessons() {
		if !slices.Contains(out.Lessons, l.Title) {
			out.Lessons = append(out.Lessons, l.Title)
		}
	}
	return out
}

// ExportDACO returns the DACO configuration as YAML.
func (g *Game) ExportDACO() ([]byte, error) {
	d := g.DACO()
	data, err := yaml.Marshal(&d)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("# DACO configuration of %s, practised in GetGo.\n# Treasury at export: %s tokens.\n",
		strings.ReplaceAll(g.Name(), "\n", " "), g.treasuryText())
	return append([]byte(head), data...), nil
}

func (g *Game) treasuryText() string {
	if g.live == nil {
		return "not yet running"
	}
	return whole(g.live.Treasury)
}

// WriteDACO writes the DACO configuration to path atomically.
func (g *Game) WriteDACO(path string) error {
	data, err := g.ExportDACO()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

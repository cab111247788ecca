package game

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// QuestionKind is how a question is answered.
type QuestionKind int

// Question kinds.
const (
	OneOf  QuestionKind = iota // one option
	SomeOf                     // one or more options, comma-separated
	Number                     // a whole number within Min..Max
	Text                       // free text
)

// Option is one answer to a question, with advice on what choosing it means.
type Option struct {
	Value  string
	Label  string
	Advice string
}

// Question is one of phase 1's questions: what kind of co-op?
type Question struct {
	ID       string
	Prompt   string
	Kind     QuestionKind
	Options  []Option // OneOf and SomeOf
	Min, Max int      // Number
	Advice   string   // general advice (for Number and Text, and before choosing)
}

// Question IDs.
const (
	QName      = "name"
	QType      = "type"
	QStructure = "structure"
	QDecision  = "decision"
	QSector    = "sector"
	QFounders  = "founders"
	QPay       = "pay"
	QRoles     = "roles"
)

// MaxText is the longest text answer or canvas entry accepted, in characters.
const MaxText = 400

// questions are phase 1's questions; the sector's options come from the scenario.
func questions(sectors []string) []Question {
	sectorOpts := make([]Option, len(sectors))
	for i, s := range sectors {
		sectorOpts[i] = Option{Value: s, Label: s, Advice: sectorAdvice(s)}
	}
	return []Question{
		{ID: QName, Prompt: "What is your co-op called?", Kind: Text,
			Advice: "A working name is enough: you can change it before you export."},
		{ID: QType, Prompt: "What type of co-op? Who are its members?", Kind: OneOf, Options: []Option{
			{"worker", "Worker co-op", "Owned and run by the people who work in it. Good when the work is the shared stake; pay and conditions are members' decisions."},
			{"producer", "Producer co-op", "Independent producers pool selling, buying or equipment. Members keep their own businesses; the co-op serves them."},
			{"consumer", "Consumer co-op", "Owned by the people who buy from it. Good for shops, housing and energy; members need a reason to stay loyal."},
			{"multi_stakeholder", "Multi-stakeholder co-op", "Workers, users and supporters share ownership. Fairer to everyone involved but decisions take longer."},
		}},
		{ID: QStructure, Prompt: "What legal structure? (a first guess: review the types and decide later)", Kind: OneOf, Options: []Option{
			{"society", "Co-operative society", "The classic registered co-op: one member, one vote, limited liability. Registration takes a few weeks."},
			{"company_guarantee", "Company limited by guarantee", "Flexible and quick to set up, with co-op rules written into its articles."},
			{"cic", "Community interest company", "An asset lock keeps what you build for the community; suits social aims, limits paying out."},
			{"undecided", "Decide later", "Fine while you test the idea: GetGo lets you practise first and choose when the model works."},
		}},
		{ID: QDecision, Prompt: "How will you make decisions?", Kind: OneOf, Options: []Option{
			{"consensus", "Consensus", "Everyone agrees or stands aside. Strong commitment; slow as you grow beyond about a dozen members."},
			{"majority", "Majority vote", "Quick and clear; watch that a minority is not overruled on what matters most to them."},
			{"sociocracy", "Sociocracy (consent in circles)", "Small circles decide by consent within their area; scales well but needs training."},
			{"delegated", "Delegated (elected board or delegates)", "Members elect or delegate; efficient, but keep members informed and able to recall delegates."},
		}},
		{ID: QSector, Prompt: "What will you offer? (your sector in the simulated economy)", Kind: OneOf, Options: sectorOpts},
		{ID: QFounders, Prompt: "How many of you to start with?", Kind: Number, Min: 1, Max: 50,
			Advice: "Start small: every founder must be paid before income starts. Three to five can cover the roles a co-op needs."},
		{ID: QPay, Prompt: "How much pay a month for each founder, in tokens?", Kind: Number, Min: 0, Max: 100000,
			Advice: "The sector's going rate is shown. Less pay stretches the start-up funds; too little and founders leave."},
		{ID: QRoles, Prompt: "What roles will you need? (choose all that apply)", Kind: SomeOf, Options: []Option{
			{"coordinator", "Coordinator", "Keeps the work and the meetings moving; not a boss."},
			{"finance", "Finance", "Budgets, pay and the treasury: someone must watch the cash every week."},
			{"marketing", "Marketing", "Reaches customers and keeps talking with them."},
			{"production", "Production / service", "Does the work customers pay for."},
			{"membership", "Membership", "Welcomes and informs members; runs votes."},
			{"secretary", "Secretary", "Minutes, registration and the rules."},
		}},
	}
}

func sectorAdvice(s string) string {
	switch s {
	case "food":
		return "Large steady demand at low prices: you need volume and careful input costs."
	case "housing":
		return "Few, large, slow sales: a long start-up before income."
	case "energy":
		return "Everyone needs it; other co-ops buy it as an input too."
	case "care":
		return "Personal services: trust and reputation matter most."
	case "education":
		return "Courses and training: easy to start small, online or offline."
	case "transport":
		return "Moves people and goods; other co-ops buy it as an input."
	case "crafts":
		return "Made things: consider offering repair and making as a service."
	case "tech":
		return "Well paid and in demand by other co-ops; needs skilled founders."
	}
	return "A sector of the simulated economy."
}

// Questions returns phase 1's questions.
func (g *Game) Questions() []Question { return questions(g.world.Sectors()) }

// Question returns the question with id.
func (g *Game) Question(id string) (Question, bool) {
	for _, q := range g.Questions() {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// Answer sets the answer to question id, after checking it.
func (g *Game) Answer(id, value string) error {
	q, ok := g.Question(id)
	if !ok {
		return &InputError{Field: id, Msg: "no such question"}
	}
	v, err := checkAnswer(q, value)
	if err != nil {
		return err
	}
	g.Answers[id] = v
	return nil
}

// Advice returns the advice for the current answer to question id: the chosen
// option's, or the question's general advice.
func (g *Game) Advice(id string) string {
	q, ok := g.Question(id)
	if !ok {
		return ""
	}
	var parts []string
	for _, v := range strings.Split(g.Answers[id], ",") {
		for _, o := range q.Options {
			if o.Value == v {
				parts = append(parts, o.Advice)
			}
		}
	}
	if len(parts) == 0 {
		a := q.Advice
		if q.ID == QPay {
			if s, ok := g.world.Sector(g.Answers[QSector]); ok {
				a += fmt.Sprintf(" The going rate in %s is %.0f tokens a month.", s.Name, s.Wage)
			}
		}
		return a
	}
	return strings.Join(parts, " ")
}

func checkAnswer(q Question, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch q.Kind {
	case Text:
		return checkText(q.ID, value, true)
	case Number:
		n, err := strconv.Atoi(value)
		if err != nil {
			return "", &InputError{Field: q.ID, Msg: fmt.Sprintf("want a whole number from %d to %d, got %q", q.Min, q.Max, clip(value))}
		}
		if n < q.Min || n > q.Max {
			return "", &InputError{Field: q.ID, Msg: fmt.Sprintf("want a whole number from %d to %d, got %d", q.Min, q.Max, n)}
		}
		return strconv.Itoa(n), nil
	case OneOf, SomeOf:
		var chosen []string
		for _, v := range strings.Split(value, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if !slices.ContainsFunc(q.Options, func(o Option) bool { return o.Value == v }) {
				return "", &InputError{Field: q.ID, Msg: fmt.Sprintf("no option %q", clip(v))}
			}
			if !slices.Contains(chosen, v) {
				chosen = append(chosen, v)
			}
		}
		if len(chosen) == 0 {
			return "", &InputError{Field: q.ID, Msg: "choose an option"}
		}
		if q.Kind == OneOf && len(chosen) > 1 {
			return "", &InputError{Field: q.ID, Msg: "choose one option"}
		}
		// Options keep the question's order, so equal choices save equally.
		slices.SortFunc(chosen, func(a, b string) int {
			return slices.IndexFunc(q.Options, func(o Option) bool { return o.Value == a }) -
				slices.IndexFunc(q.Options, func(o Option) bool { return o.Value == b })
		})
		return strings.Join(chosen, ","), nil
	}
	return value, nil
}

// Toggle adds option v to a SomeOf answer, or removes it.
func (g *Game) Toggle(id, v string) error {
	cur := strings.Split(g.Answers[id], ",")
	if i := slices.Index(cur, v); i >= 0 {
		cur = slices.Delete(cur, i, i+1)
	} else {
		cur = append(cur, v)
	}
	return g.Answer(id, strings.Join(cur, ","))
}

// checkText accepts valid UTF-8 text of at most MaxText characters on one line or
// several; control characters other than newlines and tabs are refused.
func checkText(field, s string, required bool) (string, error) {
	if !utf8Valid(s) {
		return "", &InputError{Field: field, Msg: "the text is not valid UTF-8"}
	}
	if n := len([]rune(s)); n > MaxText {
		return "", &InputError{Field: field, Msg: fmt.Sprintf("too long: %d characters, at most %d", n, MaxText)}
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return "", &InputError{Field: field, Msg: fmt.Sprintf("control character %U not allowed", r)}
		}
	}
	if required && s == "" {
		return "", &InputError{Field: field, Msg: "write something: a best guess is fine"}
	}
	return s, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

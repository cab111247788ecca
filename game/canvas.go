package game

import (
	"fmt"
	"strconv"
	"strings"
)

// Box is one box of the Co-op Development Model Canvas: the Business Model Canvas
// adapted for co-ops, with members and governance added (MODEL §12). Every entry is a
// best guess, to be tested.
type Box struct {
	ID     string
	Title  string
	Prompt string
	Kind   QuestionKind // Text, Number or OneOf
	Unit   string       // for Number: what the number counts
	Min    float64      // for Number
	Max    float64
	// Options for OneOf boxes.
	Options []Option
}

// Canvas box IDs. The numeric ones are the hypotheses the Test Game measures.
const (
	BoxOnline        = "online"
	BoxOffering      = "offering"
	BoxCoproduction  = "coproduction"
	BoxCustomers     = "customers"
	BoxWhy           = "why"
	BoxHowMany       = "how_many"
	BoxValue         = "value"
	BoxPrice         = "price"
	BoxAfford        = "affordability"
	BoxChannels      = "channels"
	BoxMarketing     = "marketing"
	BoxRelationships = "relationships"
	BoxActivities    = "activities"
	BoxPay           = "pay"
	BoxBurn          = "initial_burn"
	BoxMVS           = "mvs"
	BoxResources     = "resources"
	BoxFunding       = "funding"
	BoxStartFunds    = "start_funds"
	BoxSuppliers     = "suppliers"
	BoxChanges       = "changes"
	BoxLikelihood    = "likelihood"
	BoxMembers       = "members"
	BoxGovernance    = "governance"
)

// Boxes returns the canvas's boxes in the order they are shown.
func Boxes() []Box {
	return []Box{
		{ID: BoxOnline, Title: "Online or offline", Kind: OneOf, Prompt: "Will you work online, offline or both?", Options: []Option{
			{"online", "Online", "Reach is wide and cheap; you compete with everyone online."},
			{"offline", "Offline", "Local trust and relationships; reach grows slowly."},
			{"hybrid", "Hybrid", "Local presence with online reach: most co-ops end up here."},
		}},
		{ID: BoxOffering, Title: "Product or service", Kind: OneOf, Prompt: "Product or service? Could a product be recast as a service?", Options: []Option{
			{"service", "Service", "Ongoing relationships and steady income: GetGo encourages recasting products as services."},
			{"product", "Product", "Sold once: think about repair, rental or subscription instead."},
			{"both", "Both", "A product with a service around it."},
		}},
		{ID: BoxCoproduction, Title: "Co-production", Kind: Text, Prompt: "Who will you produce it with? Customers, other co-ops, volunteers?"},
		{ID: BoxCustomers, Title: "Customers: who", Kind: Text, Prompt: "Who needs or wants your service?"},
		{ID: BoxWhy, Title: "Customers: why", Kind: Text, Prompt: "What is their problem to be solved?"},
		{ID: BoxHowMany, Title: "Customers: how many", Kind: Number, Unit: "customers a month", Min: 1, Max: 1e7,
			Prompt: "How many customers a month once you are running (one unit of service each)?"},
		{ID: BoxValue, Title: "Value", Kind: Text, Prompt: "How will you help meet their needs?"},
		{ID: BoxPrice, Title: "Price", Kind: Number, Unit: "tokens a unit", Min: 0.01, Max: 1e6,
			Prompt: "How much will a unit cost them? The sector's market price is a guide."},
		{ID: BoxAfford, Title: "Affordability", Kind: Text, Prompt: "Can they afford it? How do you know?"},
		{ID: BoxChannels, Title: "Channels", Kind: Text, Prompt: "How will you reach people?"},
		{ID: BoxMarketing, Title: "Marketing budget", Kind: Number, Unit: "tokens a month", Min: 0, Max: 1e7,
			Prompt: "How much a month will you spend on reaching people?"},
		{ID: BoxRelationships, Title: "Relationships", Kind: Text, Prompt: "How will you keep communicating with them?"},
		{ID: BoxActivities, Title: "Key activities", Kind: Text, Prompt: "What will you have to do to provide the service?"},
		{ID: BoxPay, Title: "Pay", Kind: Number, Unit: "tokens a month each", Min: 0, Max: 1e6,
			Prompt: "How much will your people need to be paid?"},
		{ID: BoxBurn, Title: "Initial burn", Kind: Number, Unit: "months before income covers pay", Min: 0, Max: 120,
			Prompt: "How long will you pay out before income covers costs?"},
		{ID: BoxMVS, Title: "Minimum viable service", Kind: Text, Prompt: "What is the least you can offer to start, to keep the burn low?"},
		{ID: BoxResources, Title: "Resources", Kind: Text, Prompt: "What resources will you need, physical and money?"},
		{ID: BoxFunding, Title: "Bootstrap or loan", Kind: OneOf, Prompt: "How will you fund the start?", Options: []Option{
			{"bootstrap", "Bootstrap", "Founders put in their own savings: no debt, but a small start."},
			{"foundation", "Foundation start-up funding", "The Foundation invests tokens; you must offer that value within the obligation period. Never repaid: a failure is a lesson."},
			{"loan", "Loan", "Borrow and repay over two years: repayments add to the burn."},
		}},
		{ID: BoxStartFunds, Title: "Start-up funds", Kind: Number, Unit: "tokens", Min: 0, Max: 1e8,
			Prompt: "How many tokens do you start with (savings, funding or loan)?"},
		{ID: BoxSuppliers, Title: "Suppliers and collaborators", Kind: Text, Prompt: "Who will supply you? Who will you collaborate with?"},
		{ID: BoxChanges, Title: "Outside changes", Kind: Text, Prompt: "What changes in the wider world would help or harm you? How will you check on them?"},
		{ID: BoxLikelihood, Title: "How likely", Kind: OneOf, Prompt: "How likely are those changes in the next year?", Options: []Option{
			{"low", "Unlikely", "Review them yearly."},
			{"medium", "Possible", "Review them every few months and plan responses."},
			{"high", "Likely", "Scan the horizon monthly and prepare now."},
		}},
		{ID: BoxMembers, Title: "Members", Kind: Text, Prompt: "Who are the members, and how does someone join?"},
		{ID: BoxGovernance, Title: "Governance", Kind: Text, Prompt: "How will members decide, and how often do they meet?"},
	}
}

// BoxByID returns the canvas box with id.
func BoxByID(id string) (Box, bool) {
	for _, b := range Boxes() {
		if b.ID == id {
			return b, true
		}
	}
	return Box{}, false
}

// SetBox sets a canvas entry after checking it.
func (g *Game) SetBox(id, value string) error {
	b, ok := BoxByID(id)
	if !ok {
		return &InputError{Field: id, Msg: "no such canvas box"}
	}
	v, err := checkBox(b, value)
	if err != nil {
		return err
	}
	old := g.Number(id)
	g.Canvas[id] = v
	// A pass point still at its suggestion follows the new guess.
	if s, ok := Spec(id); ok {
		for i := range g.Tests {
			if t := &g.Tests[i]; t.Box == id && t.Pass == s.defaultPass(old) {
				t.Pass = s.defaultPass(g.Number(id))
			}
		}
	}
	return nil
}

func checkBox(b Box, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch b.Kind {
	case Number:
		x, err := strconv.ParseFloat(strings.ReplaceAll(value, ",", ""), 64)
		if err != nil {
			return "", &InputError{Field: b.ID, Msg: fmt.Sprintf("want a number of %s, got %q", b.Unit, clip(value))}
		}
		if !(x >= b.Min && x <= b.Max) {
			return "", &InputError{Field: b.ID, Msg: fmt.Sprintf("want %s from %g to %g, got %g", b.Unit, b.Min, b.Max, x)}
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case OneOf:
		return checkAnswer(Question{ID: b.ID, Kind: OneOf, Options: b.Options}, value)
	}
	return checkText(b.ID, value, true)
}

// Number returns canvas box id's number (0 when unset).
func (g *Game) Number(id string) float64 {
	x, _ := strconv.ParseFloat(g.Canvas[id], 64)
	return x
}

// missingBoxes returns the boxes still empty.
func (g *Game) missingBoxes() []string {
	var out []string
	for _, b := range Boxes() {
		if g.Canvas[b.ID] == "" {
			out = append(out, b.Title)
		}
	}
	return out
}

package game

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/copex/copex/agents"
)

// Version is the save format this GetGo writes and the only one it reads: version 1
// saves come from the GetGo whose co-op kept its own books, version 2 from the one
// whose existing co-ops had no customer base and whose grant use, monitoring and
// adoption were the game's own; both are refused, as their turns would not replay the
// same.
const Version = 3

// Phase is one of the game's six phases.
type Phase int

// The phases, in order.
const (
	PhaseKind       Phase = iota + 1 // What kind of co-op?
	PhaseCanvas                      // Co-op Development Model Canvas
	PhaseTestCanvas                  // Test Canvas
	PhaseTestGame                    // Test Game
	PhaseLiving                      // Living Co-op
	PhaseExport                      // Export
)

var phaseNames = []string{"", "What kind of co-op?", "Co-op Development Model Canvas", "Test Canvas", "Test Game", "Living Co-op", "Export"}

func (p Phase) String() string {
	if p < PhaseKind || p > PhaseExport {
		return "phase " + strconv.Itoa(int(p))
	}
	return phaseNames[p]
}

// Phases returns the phases in order.
func Phases() []Phase {
	return []Phase{PhaseKind, PhaseCanvas, PhaseTestCanvas, PhaseTestGame, PhaseLiving, PhaseExport}
}

// InputError is a player's input the rules refuse: which field and why. The game shows
// it next to the field; nothing is changed.
type InputError struct {
	Field string
	Msg   string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Msg }

// Game is a game of GetGo: everything the player chose, from which the rest (the
// simulated economy, the trial, the living co-op's history and its lessons) is
// replayed. Its exported fields are what a save holds.
type Game struct {
	Version  int    `json:"version"`
	Scenario string `json:"scenario"`
	Seed     uint64 `json:"seed"`
	Phase    Phase  `json:"phase"`
	// Reached is the furthest phase reached; earlier phases can be revisited.
	Reached Phase             `json:"reached"`
	Answers map[string]string `json:"answers"`
	Canvas  map[string]string `json:"canvas"`
	// Tests is the test programme, in the order the player will run it.
	Tests []Test `json:"tests"`
	// TurnLength is "month" or "week".
	TurnLength string `json:"turn_length"`
	// Turns are the living co-op's decisions, one per turn played.
	Turns []Decisions `json:"turns"`
	// Earlier are the lessons of earlier lives of the co-op (after a failure the
	// player can start the living co-op again).
	Earlier []Lesson `json:"earlier_lessons,omitempty"`
	// Existing is set when the game started from an existing co-op's figures.
	Existing *Figures `json:"existing,omitempty"`

	world *World
	trial *trialRun
	live  *Living
	hint  *agents.SectorMarket
}

// New starts a game in scenario (an embedded name or a file; "" for DefaultScenario)
// with seed. Answers and canvas start with suggestions the player replaces.
func New(scenario string, seed uint64) (*Game, error) {
	if scenario == "" {
		scenario = DefaultScenario
	}
	g := &Game{Version: Version, Scenario: scenario, Seed: seed, Phase: PhaseKind, Reached: PhaseKind,
		Answers: map[string]string{}, Canvas: map[string]string{}, TurnLength: "month"}
	if err := g.attach(); err != nil {
		return nil, err
	}
	g.suggest()
	return g, nil
}

// attach builds what a game derives from its saved fields.
func (g *Game) attach() error {
	w, err := NewWorld(g.Scenario, g.Seed)
	if err != nil {
		return err
	}
	g.world = w
	return nil
}

// World returns the simulated economy.
func (g *Game) World() *World { return g.world }

// suggest fills the first phase with a starting point.
func (g *Game) suggest() {
	sectors := g.world.Sectors()
	sector := sectors[0]
	for _, s := range sectors {
		if s == "care" {
			sector = s
		}
	}
	wage := 800.0
	if s, ok := g.world.Sector(sector); ok {
		wage = s.Wage
	}
	for id, v := range map[string]string{QName: "Our co-op", QType: "worker", QStructure: "undecided",
		QDecision: "consensus", QSector: sector, QFounders: "3", QPay: strconv.Itoa(int(wage)),
		QRoles: "coordinator,finance,production"} {
		g.Answers[id] = v
	}
}

// Name returns the co-op's name.
func (g *Game) Name() string { return g.Answers[QName] }

// Sector returns the co-op's sector.
func (g *Game) Sector() string { return g.Answers[QSector] }

// Founders returns the number of founders.
func (g *Game) Founders() int { n, _ := strconv.Atoi(g.Answers[QFounders]); return n }

// Advance moves to the next phase once the current one is complete; otherwise it
// says what is missing.
func (g *Game) Advance() error {
	switch g.Phase {
	case PhaseKind:
		for _, q := range g.Questions() {
			if _, err := checkAnswer(q, g.Answers[q.ID]); err != nil {
				return err
			}
		}
		g.fillCanvas()
	case PhaseCanvas:
		if miss := g.missingBoxes(); len(miss) > 0 {
			return &InputError{Field: "canvas", Msg: "still to fill in: " + strings.Join(miss, ", ")}
		}
		g.syncTests()
	case PhaseTestCanvas:
		g.syncTests()
	case PhaseTestGame:
		if todo := g.untested(); len(todo) > 0 {
			return &InputError{Field: "tests", Msg: "not yet passed: " + strings.Join(todo, ", ") + " (pivot and retest)"}
		}
		if err := g.startLiving(); err != nil {
			return err
		}
	case PhaseLiving:
	case PhaseExport:
		return &InputError{Field: "phase", Msg: "export is the last phase"}
	}
	g.Phase++
	g.Reached = max(g.Reached, g.Phase)
	return nil
}

// GoTo revisits a phase already reached.
func (g *Game) GoTo(p Phase) error {
	if p < PhaseKind || p > g.Reached {
		return &InputError{Field: "phase", Msg: fmt.Sprintf("%s is not open yet", p)}
	}
	g.Phase = p
	if p >= PhaseLiving && (g.live == nil || g.live.key != g.trialKey()) {
		// Set up again from the answers and canvas as they are now, replaying the turns,
		// just as loading the save would.
		return g.startLiving()
	}
	return nil
}

// fillCanvas carries phase 1's answers into the canvas boxes they settle.
func (g *Game) fillCanvas() {
	set := func(id, v string) {
		if g.Canvas[id] == "" {
			g.Canvas[id] = v
		}
	}
	set(BoxPay, g.Answers[QPay])
	set(BoxGovernance, "Decisions by "+optionLabel(g, QDecision)+"; all members meet monthly.")
	set(BoxMembers, "The "+g.Answers[QFounders]+" founders, as a "+optionLabel(g, QType)+".")
}

func optionLabel(g *Game, id string) string {
	q, _ := g.Question(id)
	for _, o := range q.Options {
		if o.Value == g.Answers[id] {
			return strings.ToLower(o.Label)
		}
	}
	return g.Answers[id]
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

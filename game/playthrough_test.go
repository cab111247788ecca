package game

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/sim/ledger"
)

// TestPlayThrough drives the rules from the first question to the export, as a player
// would: answers, a canvas of best guesses, a reordered test programme, a failed test
// pivoted and retested, two years of the living co-op with saves along the way, and
// the DACO configuration written out and read back.
func TestPlayThrough(t *testing.T) {
	dir := t.TempDir()
	store := &Store{Path: filepath.Join(dir, "save.json")}
	g, err := New("", 11)
	must(t, err)

	// 1. What kind of co-op?
	for id, v := range map[string]string{QName: "Mutual Aid Meals – Repas solidaires", QType: "multi_stakeholder",
		QStructure: "society", QDecision: "sociocracy", QSector: "food", QFounders: "4", QPay: "700",
		QRoles: "coordinator,finance,marketing,production"} {
		must(t, g.Answer(id, v))
	}
	must(t, g.Advance())
	must(t, store.Save(g))

	// 2. The canvas: best guesses, including a hopeful customer count.
	for id, v := range plan {
		must(t, g.SetBox(id, v))
	}
	for id, v := range map[string]string{BoxHowMany: "20000", BoxPrice: "2", BoxPay: "700", BoxMarketing: "300",
		BoxStartFunds: "8000", BoxBurn: "2", BoxCustomers: "Busy households and the local school"} {
		must(t, g.SetBox(id, v))
	}
	must(t, g.Advance())

	// 3. The Test Canvas: reorder, and tighten a pass point.
	must(t, g.MoveTest(BoxStartFunds, -4))
	if g.Tests[0].Box != BoxStartFunds {
		t.Fatalf("programme starts with %s after moving start-up funds to the top", g.Tests[0].Box)
	}
	must(t, g.SetPassPoint(BoxPrice, "50"))
	must(t, g.Advance())
	must(t, store.Save(g))

	// 4. The Test Game: run the programme in order, pivoting what fails.
	pivots := 0
	for box := g.NextTest(); box != ""; box = g.NextTest() {
		r, err := g.RunTest(box)
		must(t, err)
		if r.Passed {
			continue
		}
		pivots++
		if pivots > 10 {
			t.Fatalf("still failing %s after %d pivots: %+v", box, pivots, r)
		}
		// Pivot to what the evidence showed.
		s, _ := Spec(box)
		switch {
		case box == BoxStartFunds:
			must(t, g.Pivot(box, fmtNum(2*g.Number(box)), "")) // more funds to see the start through
		case box == BoxPrice:
			must(t, g.Pivot(box, fmtNum(0.9*g.Number(box)), "")) // nearer the going price
		case box == BoxPay:
			must(t, g.Pivot(box, fmtNum(0.8*g.Number(box)), ""))
		case box == BoxMarketing:
			must(t, g.Pivot(box, fmtNum(1.5*g.Number(box)+50), ""))
		case s.AtMost || box == BoxHowMany:
			must(t, g.Pivot(box, fmtNum(max(r.Measured, 1)), ""))
		default:
			t.Fatalf("no pivot for %s", box)
		}
	}
	if pivots == 0 {
		t.Error("the hopeful guess of 20,000 customers passed")
	}
	mvs := g.MVS()
	must(t, g.Advance())
	if g.Phase != PhaseLiving {
		t.Fatalf("phase %v after the Test Game", g.Phase)
	}

	// 5. Two years of monthly turns: respond to cards, take some trades, hire when sold
	// out, take an apprentice and the start-up funding once.
	for turn := 0; turn < 24; turn++ {
		lv := g.Living()
		d := g.NextDecisions()
		for _, c := range lv.PendingCards() {
			if d.Respond == nil {
				d.Respond = map[string]int{}
			}
			d.Respond[c.ID] = 0
		}
		// Decide on the view: equipment only from a surplus, hire only when sold out
		// with a surplus to pay for it, and price a little under the going price.
		for _, p := range lv.Proposals {
			if p.Kind == "supply" && lv.View.Surplus > p.Fee {
				d.Accept = append(d.Accept, p.ID)
			}
		}
		if n := len(lv.History); n > 0 && lv.History[n-1].Lost > 0 && d.Workers < 10 && lv.View.Surplus > lv.View.WageBill/ledger.Amount(max(d.Workers, 1)) {
			d.Workers++
		}
		if m := 0.97 * ledger.Float(lv.View.Market); m > 0 && d.Price > m {
			d.Price = m // a little under the going price: it moves during the month, and buyers take the cheaper offer
		}
		d.Apprentice = turn == 2
		d.Funding = turn == 3
		if turn%4 == 0 {
			d.Activity = "scanning"
		} else {
			d.Activity = "training"
		}
		must(t, g.Turn(d))
		must(t, store.Save(g))
		if lv.Failed {
			t.Fatalf("the co-op failed in turn %d: %+v", turn+1, lv.Lessons)
		}
	}
	loaded, err := (&Store{Path: store.Path}).Load()
	must(t, err)
	if loaded.Living().Treasury != g.Living().Treasury || len(loaded.Turns) != 24 {
		t.Fatalf("autosave read back: treasury %d after %d turns, want %d after 24", loaded.Living().Treasury, len(loaded.Turns), g.Living().Treasury)
	}

	// 6. Export.
	must(t, g.Advance())
	if g.Phase != PhaseExport {
		t.Fatalf("phase %v, want Export", g.Phase)
	}
	out := filepath.Join(dir, "daco.yaml")
	must(t, g.WriteDACO(out))
	data, err := os.ReadFile(out)
	must(t, err)
	var back map[string]any
	must(t, yaml.Unmarshal(data, &back))
	coop := back["coop"].(map[string]any)
	if coop["name"] != "Mutual Aid Meals – Repas solidaires" || coop["sector"] != "food" || coop["type"] != "multi_stakeholder" {
		t.Errorf("exported co-op %v", coop)
	}
	if back["minimum_viable_service"] != mvs {
		t.Errorf("exported MVS %q, want %q", back["minimum_viable_service"], mvs)
	}
	if tests := back["test_programme"].([]any); len(tests) != len(Specs()) {
		t.Errorf("%d tests exported, want %d", len(tests), len(Specs()))
	}
	found := back["foundation_programmes"].(map[string]any)
	if found["startup_funding"] != true || found["apprentices"] != 1 {
		t.Errorf("foundation programmes %v, want start-up funding and one apprentice", found)
	}
	if !strings.Contains(string(data), "sociocracy") {
		t.Error("the decision-making process is not in the DACO configuration")
	}
	if err := g.Advance(); err == nil {
		t.Error("advanced past the export")
	}
}

func fmtNum(x float64) string { return strconv.FormatFloat(roundTo(x), 'f', -1, 64) }

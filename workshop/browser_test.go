package workshop

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/copex/copex/internal/playwright"
	"github.com/copex/copex/sim/ledger"
)

// screenshotDir keeps the browser tests' screenshots when set (COPEX_SCREENSHOTS=DIR),
// for looking at; otherwise they go to the test's temporary folder.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("COPEX_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestFacilitatorPageInChromium: in headless Chromium the facilitator's page loads
// (in at most 2 s), Play runs twelve ticks, a slider change takes effect by the next
// tick and is marked, the values each chart draws equal the run's metrics.csv, the CSV
// the page downloads is that metrics.csv, and projector mode fits 1280x720 without
// scrolling, zoomed in too.
func TestFacilitatorPageInChromium(t *testing.T) {
	env := playwright.Setup(t)
	sc := load(t, "baseline", "ticks=60")
	tr := openRoom(t, sc, Options{Speed: 8})
	dir := screenshotDir(t)
	out := env.Run(t, "testdata/facilitator.js", tr.srv.URL+"/f/"+tr.Key()+"/", dir)
	var got struct {
		LoadMs int
		Played int
		Charts []struct {
			ID   string
			Cols []string
			Data [][]float64
		}
		Marks    []Mark
		Fits     struct{ H, W, Ih, Iw int }
		FitsZoom struct{ H, W, Ih, Iw int }
		Errors   []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Errors) > 0 {
		t.Errorf("the page's errors: %q", got.Errors)
	}
	// 2 s is the figure the issue sets for a first load on loopback
	if got.LoadMs > 2000 {
		t.Errorf("first load took %d ms, want at most 2000", got.LoadMs)
	}
	t.Logf("first load %d ms; played %d ticks", got.LoadMs, got.Played)
	if got.Played < 12 {
		t.Errorf("play ran %d ticks, want at least 12", got.Played)
	}
	metrics := tr.CSV()
	lines := strings.Split(strings.TrimSuffix(string(metrics), "\n"), "\n")
	if len(lines)-1 != got.Played+1 {
		t.Fatalf("metrics.csv has %d ticks, the page played %d and stepped 1", len(lines)-1, got.Played)
	}
	header := strings.Split(lines[0], ",")
	col := func(name string) []float64 {
		k := -1
		for i, h := range header {
			if h == name {
				k = i
			}
		}
		if k < 0 {
			t.Fatalf("metrics.csv has no column %q", name)
		}
		var out []float64
		for _, l := range lines[1:] {
			v, err := strconv.ParseFloat(strings.Split(l, ",")[k], 64)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return out
	}
	ids := map[string]bool{}
	for _, c := range got.Charts {
		ids[c.ID] = true
		if len(c.Data) != len(c.Cols)+1 {
			t.Errorf("chart %s: %d series for %d columns", c.ID, len(c.Data)-1, len(c.Cols))
			continue
		}
		for j, name := range append([]string{"tick"}, c.Cols...) {
			want := col(name)
			if !equalFloats(c.Data[j], want) {
				t.Errorf("chart %s draws %s = %v, metrics.csv has %v", c.ID, name, c.Data[j], want)
			}
		}
	}
	for _, id := range []string{"supply", "prices", "unmet", "coops", "employment", "foundation", "gini"} {
		if !ids[id] {
			t.Errorf("no %s chart", id)
		}
	}
	// the slider: from the tick after the pause, as a reference run with the same
	// change (copex run's metrics up to it, then differing)
	change := got.Played + 1
	if len(got.Marks) != 1 || got.Marks[0] != (Mark{Tick: change, Name: "member.save", Value: 0.4}) {
		t.Errorf("marks %v, want member.save 0.4 from tick %d", got.Marks, change)
	}
	plain := strings.Split(string(copexRun(t, sc)), "\n")
	for i := 1; i < change; i++ {
		if lines[i] != plain[i] {
			t.Errorf("tick %d differs from the unchanged run before the slider moved", i)
		}
	}
	if lines[change] == plain[change] {
		t.Errorf("tick %d is the unchanged run's: the slider had no effect by the next tick", change)
	}
	dl, err := os.ReadFile(filepath.Join(dir, "download.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dl, metrics) {
		t.Errorf("the page's CSV differs from metrics.csv:\n%s", firstDiff(dl, metrics))
	}
	replayed, err := Replay("journal", bytes.NewReader(tr.journal.Bytes()), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(replayed, metrics) {
		t.Errorf("replay differs:\n%s", firstDiff(replayed, metrics))
	}
	for _, f := range []struct {
		name         string
		h, w, ih, iw int
	}{{"projector", got.Fits.H, got.Fits.W, got.Fits.Ih, got.Fits.Iw}, {"projector zoomed", got.FitsZoom.H, got.FitsZoom.W, got.FitsZoom.Ih, got.FitsZoom.Iw}} {
		if f.h > f.ih || f.w > f.iw {
			t.Errorf("%s: the page is %dx%d in a %dx%d window: it scrolls", f.name, f.w, f.h, f.iw, f.ih)
		}
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestParticipantPageInChromium: a participant joins from a phone-sized page, sets a
// price and chooses to put her grants into capacity, and the facilitator's table shows
// both; their link opened again is the same co-op, with her choice. Through the
// purchase form she buys from a simulated co-op of a sector she picks (the page, the
// run and the facilitator's table agree on it) and is refused, with the reason shown,
// a purchase from a participant not in the room.
func TestParticipantPageInChromium(t *testing.T) {
	env := playwright.Setup(t)
	tr := openRoom(t, load(t, "baseline", "ticks=60"), Options{})
	dir := screenshotDir(t)
	out := env.Run(t, "testdata/participant.js", tr.srv.URL+"/join/"+tr.Code(), tr.srv.URL+"/f/"+tr.Key()+"/", dir)
	var got struct {
		Coop, CoopAfter int
		Row             []string
		Uses            []string
		UseShown        string
		View            struct{ View struct{ Price float64 } }
		Debrief         []string
		Sellers         []string
		Bought, Refused Trade
		BoughtShown     string
		RefusedShown    string
		BoughtRow       []string
		Errors          []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Errors) > 0 {
		t.Errorf("the pages' errors: %q", got.Errors)
	}
	// the purchase form: a simulated co-op of each sector to choose from; 50 tokens'
	// worth bought from a simulated energy co-op (sector 2), read back as the run
	// recorded it; one from participant 9, who is not in the room, refused with why
	names := sectorNames(tr.eng.sc)
	if len(got.Sellers) != len(names) || got.Sellers[2] != "2=a simulated "+names[2]+" co-op" {
		t.Errorf("the sellers offered %q, want a simulated co-op of each of %q", got.Sellers, names)
	}
	tr.mu.Lock()
	trades := append([]Trade{}, tr.person(1).Trades...)
	tr.mu.Unlock()
	if len(trades) != 2 || trades[0] != got.Bought || got.Bought.Bought != 50 || got.Bought.Err != "" || got.Bought.Seller != "a simulated "+names[2]+" co-op" ||
		!strings.Contains(got.BoughtShown, "Bought 50") {
		t.Errorf("the purchase: the page %+v (%q), the run %+v, want 50 bought from a simulated %s co-op", got.Bought, got.BoughtShown, trades, names[2])
	}
	if len(got.BoughtRow) < 10 || got.BoughtRow[9] != "50" {
		t.Errorf("the facilitator's row %q, want 50 bought", got.BoughtRow)
	}
	if !strings.Contains(got.Refused.Err, "participant 9 has no co-op") || got.Refused.Bought != 0 || !strings.Contains(got.RefusedShown, "refused: seller: participant 9 has no co-op") {
		t.Errorf("the purchase from participant 9: %+v (%q), want refused", got.Refused, got.RefusedShown)
	}
	if got.Coop < 0 || got.CoopAfter != got.Coop {
		t.Errorf("co-op %d, after reloading %d: want the same co-op", got.Coop, got.CoopAfter)
	}
	if len(got.Row) < 7 || got.Row[1] != "Ann" || got.Row[3] != "2.5" || got.Row[6] != "capacity" {
		t.Errorf("facilitator's row %q, want Ann at 2.5, grants to capacity", got.Row)
	}
	var uses []string
	for _, u := range GrantUses {
		uses = append(uses, u.Name+"="+u.Label)
	}
	if strings.Join(got.Uses, ";") != strings.Join(uses, ";") || got.UseShown != "capacity" {
		t.Errorf("the page offers grant uses %q and shows %q after reloading, want %q and capacity", got.Uses, got.UseShown, uses)
	}
	// after a tick the co-op's price on the platform is hers
	if got.View.View.Price != 2.5 {
		t.Errorf("her co-op's price after a tick: %g, want 2.5", got.View.View.Price)
	}
	// the debrief lists her co-op: number, name, sector, first and last price
	if len(got.Debrief) < 5 || got.Debrief[1] != "Ann" || got.Debrief[4] != "2.5" {
		t.Errorf("debrief row %q, want Ann's co-op ending at 2.5", got.Debrief)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		tr.mu.Lock()
		p := tr.person(1)
		price, use := p.Price, p.Use
		tr.mu.Unlock()
		if price == 2.5 && use == "capacity" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the room holds Ann's price as %g and grant use %q, want 2.5 and capacity", price, use)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestProjectorWithParticipants: the projector view of a room with six participants'
// co-ops (their table and their chart) fits 1280x720 without scrolling; each co-op
// priced near its sector's base price, so they live (a purchase in the table too).
func TestProjectorWithParticipants(t *testing.T) {
	env := playwright.Setup(t)
	sc := load(t, "baseline", "ticks=120")
	tr := openRoom(t, sc, Options{})
	var toks []string
	for i, name := range []string{"Ann", "Bo", "Chidi", "Dana", "Eli", "Fatima"} {
		tok := tr.join(t, name)
		toks = append(toks, tok)
		// each at a price near its own sector's base price (participant i runs a co-op
		// of sector i), some below it and some above
		price := sc.Config.Sectors[i].BasePrice * (0.85 + 0.06*float64(i))
		if code, msg := tr.post(t, "/api/p/"+tok+"/act", `{"kind":"price","value":`+strconv.FormatFloat(price, 'g', 4, 64)+`}`); code != 204 {
			t.Fatalf("%s: %d %s", name, code, msg)
		}
	}
	for i := range 30 {
		if i == 10 {
			// Ann buys from Bo's co-op, so that the table's purchases column has one
			if code, msg := tr.post(t, "/api/p/"+toks[0]+"/act", `{"kind":"buy","seller":2,"value":200}`); code != 204 {
				t.Fatalf("buy: %d %s", code, msg)
			}
		}
		tr.do(t, `{"kind":"step"}`)
	}
	png := filepath.Join(screenshotDir(t), "projector-room.png")
	out := env.Run(t, "testdata/projector.js", tr.srv.URL+"/f/"+tr.Key()+"/", png)
	var got struct {
		H, W, Ih, Iw, Rows int
		Projector          bool
		Errors             []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Errors) > 0 || !got.Projector || got.Rows != 6 {
		t.Errorf("errors %q, projector %v, %d rows in the table, want none, true, 6", got.Errors, got.Projector, got.Rows)
	}
	if got.H > got.Ih || got.W > got.Iw {
		t.Errorf("the page is %dx%d in a %dx%d window: it scrolls", got.W, got.H, got.Iw, got.Ih)
	}
}

// TestGiveawayInChromium: the facilitator's giveaway form gives 250,000 tokens to 20%
// of the members between ticks 3 and 4; the supply the chart draws is metrics.csv's,
// exactly the amount above the unchanged run's at tick 4; the mark is listed and drawn
// on every chart (the giveaway's green in the column of pixels at tick 4, none at tick
// 2); a giveaway out of range is refused with its reason on the page,
// and the room goes on; the journal replays.
func TestGiveawayInChromium(t *testing.T) {
	env := playwright.Setup(t)
	sc := load(t, "baseline", "ticks=60")
	tr := openRoom(t, sc, Options{})
	out := env.Run(t, "testdata/giveaway.js", tr.srv.URL+"/f/"+tr.Key()+"/", screenshotDir(t))
	var got struct {
		Said, Refused string
		Marks         []Mark
		Changes       []string
		Supply        struct {
			Cols []string
			Data [][]float64
		}
		Green []struct {
			ID      string
			N, None int
		}
		Ticks, Refusals int
		Errors          []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Errors) > 0 {
		t.Errorf("the page's errors: %q", got.Errors)
	}
	if want := (Mark{Tick: 4, Name: KindGiveaway, Value: 250000, Share: 0.2}); len(got.Marks) != 1 || got.Marks[0] != want {
		t.Errorf("the page's marks %v, want %v", got.Marks, want)
	}
	if len(got.Changes) != 1 || got.Changes[0] != "tick 4: giveaway of 250k tokens to 20% of the members" {
		t.Errorf("changes listed %q", got.Changes)
	}
	if !strings.Contains(got.Said, "250000 tokens") {
		t.Errorf("the page said %q when the giveaway was sent", got.Said)
	}
	live := tr.CSV()
	supply := column(t, live, "supply")
	plain := column(t, copexRun(t, sc), "supply")
	if d := supply[4] - plain[4]; d != ledger.Tokens(250000) {
		t.Errorf("supply at tick 4 is %s above the unchanged run's, want 250000", ledger.Format(d))
	}
	if len(got.Supply.Data) < 2 || got.Supply.Cols[0] != "supply" || len(got.Supply.Data[1]) != 5 {
		t.Fatalf("the supply chart: %+v", got.Supply)
	}
	for tick, v := range got.Supply.Data[1] {
		if ledger.Tokens(v) != supply[tick+1] {
			t.Errorf("the chart draws supply %v at tick %d, metrics.csv has %s", v, tick+1, ledger.Format(supply[tick+1]))
		}
	}
	// a dotted line 2 px on in 5, 2 or 3 px wide, over a plot at least 60 px high: at
	// least 2×2×12 = 48 pixels of its green; no series is drawn in that colour, so the
	// same column at tick 2, unmarked, holds none (a few for anti-aliasing at most)
	for _, g := range got.Green {
		if g.N < 40 || g.None > 4 {
			t.Errorf("chart %s: %d pixels of the giveaway's green at its tick and %d at tick 2, want its mark drawn there only", g.ID, g.N, g.None)
		}
	}
	t.Logf("green pixels: %+v", got.Green)
	if len(got.Green) < 7 {
		t.Errorf("%d charts measured, want 7", len(got.Green))
	}
	if !strings.Contains(got.Refused, "at most 1e+12 tokens") || strings.Contains(got.Refused, "\n") || got.Refusals != 1 {
		t.Errorf("the page said %q of a giveaway of 1e13 tokens, want the one-line reason", got.Refused)
	}
	if got.Ticks != 6 || tr.Tick() != 6 {
		t.Errorf("after the refusal the page shows %d ticks, the room %d, want 6", got.Ticks, tr.Tick())
	}
	again, err := Replay("journal", bytes.NewReader(tr.journal.Bytes()), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, tr.CSV()) {
		t.Errorf("replay differs:\n%s", firstDiff(again, tr.CSV()))
	}
}

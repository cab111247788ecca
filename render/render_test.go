package render

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

var regen = flag.Bool("regen", false, "rewrite the golden images in testdata")

// table returns a synthetic run of n ticks, ticksPerMonth ticks a month, with these
// sectors.
func table(n, ticksPerMonth int, sectors ...string) *sim.Table {
	t := economyTable(sectors...)
	for i := range n {
		f := float64(i)
		m := t.AddRow(i+1, i/ticksPerMonth+1)
		t.SetInt(m, "members", int64(100+5*i))
		t.SetInt(m, "coops_alive", int64(3+i/4))
		t.SetInt(m, "coops_started", int64(i/3))
		t.SetInt(m, "coops_failed", int64(i/8))
		t.SetInt(m, "supply", ledger.Tokens(10_000+1_500*f))
		t.SetInt(m, "circulating", ledger.Tokens(8_000+1_200*f))
		t.SetInt(m, "savings", ledger.Tokens(2_000+300*f))
		t.SetInt(m, "offered_value", ledger.Tokens(7_000+1_300*f+500*math.Sin(f/2)))
		t.SetInt(m, "sales_value", ledger.Tokens(5_000+100*f))
		t.SetFloat(m, "price_index", 1+0.004*f)
		t.SetFloat(m, "gini", 0.25+0.1*math.Sin(f/5))
		t.SetInt(m, "levy", ledger.Tokens(10))
		t.SetInt(m, "unmet_wants_value", ledger.Tokens(400))
		t.SetInt(m, "foundation_balance", ledger.Tokens(1_000+50*f))
		t.SetInt(m, "foundation_income", ledger.Tokens(300+10*f))
		t.SetInt(m, "foundation_spend", ledger.Tokens(200+8*f))
		t.SetInt(m, "rule_violations", int64(i/5))
		t.SetFloat(m, "balance_ratio", ledger.Float(t.Int(m, "circulating"))/ledger.Float(t.Int(m, "offered_value")))
		t.SetInt(m, "spend_startups", ledger.Tokens(150+5*f))
		t.SetInt(m, "spend_commons", ledger.Tokens(50+3*f))
		for k, s := range sectors {
			t.SetInt(m, "unmet_"+s, ledger.Tokens(float64(100*(k+1))+40*f*float64(k%2)))
		}
	}
	return t
}

// economyTable returns an empty table with the columns of an economy with these
// sectors, as agents registers them.
func economyTable(sectors ...string) *sim.Table {
	var cfg agents.Config
	for _, s := range sectors {
		cfg.Sectors = append(cfg.Sectors, agents.Sector{Name: s})
	}
	cols, err := agents.Columns(cfg)
	if err != nil {
		panic(err)
	}
	return sim.NewTable(cols)
}

var allCharts = []string{"supply", "balance_ratio", "grants", "money", "price_index", "unmet_wants", "idle", "coops", "foundation", "gini"}

func names(cs []Chart) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// checkFiles checks that every chart's files exist and look right.
func checkFiles(t *testing.T, dir string, cs []Chart) {
	t.Helper()
	for _, c := range cs {
		if c.PNG != c.Name+".png" || c.SVG != c.Name+".svg" || c.Title == "" {
			t.Errorf("chart %+v: want files NAME.png, NAME.svg and a title", c)
		}
		b, err := os.ReadFile(filepath.Join(dir, c.PNG))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", c.PNG, err)
		}
		if s := img.Bounds().Size(); s != image.Pt(pngWidth, pngHeight) {
			t.Errorf("%s: size %v, want %dx%d", c.PNG, s, pngWidth, pngHeight)
		}
		if colours(img) < 3 {
			t.Errorf("%s: only %d colours: nothing drawn?", c.PNG, colours(img))
		}
		s, err := os.ReadFile(filepath.Join(dir, c.SVG))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(s, []byte("<?xml")) && !bytes.HasPrefix(s, []byte("<svg")) {
			t.Errorf("%s: does not start like an SVG file: %.40q", c.SVG, s)
		}
		if !bytes.Contains(s, []byte("</svg>")) {
			t.Errorf("%s: no </svg>", c.SVG)
		}
	}
	// Nothing but the charts, and no temporary files left behind.
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2*len(cs) {
		var got []string
		for _, e := range es {
			got = append(got, e.Name())
		}
		t.Errorf("files in %s: %q, want the %d charts' PNG and SVG", dir, got, len(cs))
	}
}

// colours counts the distinct colours of img, up to 10.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= 10 {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func TestCharts(t *testing.T) {
	dir := t.TempDir()
	cs, err := Charts(table(24, 1, "food", "housing"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(cs); !slices.Equal(got, allCharts) {
		t.Fatalf("charts %q, want %q", got, allCharts)
	}
	checkFiles(t, dir, cs)
	svg, err := os.ReadFile(filepath.Join(dir, "unmet_wants.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Unmet wants by category", "food", "housing", "month", "stroke-dasharray"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("unmet_wants.svg lacks %q", want)
		}
	}
	svg, err = os.ReadFile(filepath.Join(dir, "foundation.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"spending: startups", "spending: commons"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("foundation.svg lacks %q", want)
		}
	}
	if bytes.Contains(svg, []byte("spending: innovation")) {
		t.Error("foundation.svg shows a programme that spent nothing")
	}
}

func TestChartsEdgeCases(t *testing.T) {
	noUnmet := slices.DeleteFunc(slices.Clone(allCharts), func(s string) bool { return s == "unmet_wants" })
	for _, tc := range []struct {
		name string
		t    *sim.Table
		want []string
	}{
		{"empty", table(0, 1, "food"), nil},
		{"nil", nil, nil},
		{"one row", table(1, 1, "food"), allCharts},
		{"two rows", table(2, 1, "food"), allCharts},
		{"no sectors", table(24, 1), noUnmet},
		{"weekly", table(60, 4, "food", "housing", "transport"), allCharts},
		{"many sectors", table(24, 1, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), allCharts},
		{"all zero", zeros(12), noUnmet},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cs, err := Charts(tc.t, dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(cs); !slices.Equal(got, tc.want) {
				t.Fatalf("charts %q, want %q", got, tc.want)
			}
			checkFiles(t, dir, cs)
		})
	}
}

// zeros returns a run of n ticks that measured nothing, like a model without co-ops.
func zeros(n int) *sim.Table {
	t := economyTable()
	for i := range n {
		t.AddRow(i+1, i+1)
	}
	return t
}

func TestChartsNonFinite(t *testing.T) {
	tb := economyTable()
	for i := range 12 {
		m := tb.AddRow(i+1, i+1)
		switch i {
		case 3:
			tb.SetFloat(m, "balance_ratio", math.NaN())
		case 4:
			tb.SetFloat(m, "balance_ratio", math.Inf(1))
		default:
			tb.SetFloat(m, "balance_ratio", 1)
		}
	}
	dir := t.TempDir()
	cs, err := Charts(tb, dir)
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, dir, cs)
}

func TestChartsWeeklyAxis(t *testing.T) {
	dir := t.TempDir()
	if _, err := Charts(table(60, 4, "food"), dir); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "supply.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("tick (week)")) {
		t.Error("weekly run: x axis is not labelled tick (week)")
	}
}

func TestChartsBadDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Charts(table(3, 1), filepath.Join(file, "charts")); err == nil {
		t.Error("Charts into a folder under a file: no error")
	}
}

// TestGolden compares one chart with its golden image, pixel for pixel. Rerun with
// -regen after a deliberate change of style.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	cs, err := Charts(table(24, 1, "food", "housing"), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name != "unmet_wants" && c.Name != "balance_ratio" {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, c.PNG))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", c.Name+"_golden.png")
		if *regen {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if runtime.GOARCH != "amd64" {
			// Fused multiply-add elsewhere may change anti-aliasing by a shade.
			t.Skipf("golden images are made on amd64, not %s", runtime.GOARCH)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (make it with go test ./render -regen)", err)
		}
		if msg := diff(got, want); msg != "" {
			out := filepath.Join(os.TempDir(), "copex-"+c.Name+"_got.png")
			os.WriteFile(out, got, 0o644)
			t.Errorf("%s differs from %s: %s; got image written to %s (rerun with -regen if the change is meant)",
				c.PNG, golden, msg, out)
		}
	}
}

// diff compares two PNG images pixel for pixel and describes the first difference.
func diff(a, b []byte) string {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return err.Error()
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "golden: " + err.Error()
	}
	if ia.Bounds() != ib.Bounds() {
		return fmt.Sprintf("size %v, golden %v", ia.Bounds().Size(), ib.Bounds().Size())
	}
	n, first := 0, image.Point{}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d pixels differ, the first at %v", n, first)
}

func TestKeyFigures(t *testing.T) {
	if fs := KeyFigures(economyTable()); fs != nil {
		t.Errorf("empty table: %v, want none", fs)
	}
	tb := table(8, 4) // two months, weekly
	tb.SetInt(&tb.Rows[3], "sales_value", ledger.Tokens(1000.5))
	tb.SetInt(&tb.Rows[7], "sales_value", ledger.Tokens(1234567.000001))
	tb.SetFloat(&tb.Rows[7], "price_index", 1.0234)
	tb.SetInt(&tb.Rows[7], "supply", -ledger.Tokens(1234.25))
	got := map[string]string{}
	for _, f := range KeyFigures(tb) {
		if f.Label == "" || f.Value == "" {
			t.Errorf("figure %+v: empty", f)
		}
		got[f.Label] = f.Value
	}
	for label, want := range map[string]string{
		"Members":                            "135",
		"Co-ops alive":                       "4",
		"Co-ops started":                     "2",
		"Co-ops failed":                      "0",
		"Token supply":                       "-1,234.25 tokens",
		"Total sales":                        "1,235,567.500001 tokens",
		"Price index":                        "1.023",
		"Price index change since the start": "+2.3%",
		"Unmet wants, total":                 "800 tokens",
		"Rule violations":                    "1",
	} {
		if got[label] != want {
			t.Errorf("%s = %q, want %q", label, got[label], want)
		}
	}
	for _, label := range []string{"Offered value, last month", "Balance ratio", "Unmet wants, last month",
		"Foundation balance", "Foundation spending, total", "Gini coefficient"} {
		if _, ok := got[label]; !ok {
			t.Errorf("no figure %q", label)
		}
	}
}

func TestGroup(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "-1234567.5": "-1,234,567.5",
		"123456": "123,456", "0.000001": "0.000001", "-12": "-12",
	} {
		if got := group(in); got != want {
			t.Errorf("group(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0.93, 1.143, "0.90 0.95 1.00 1.05 1.10 1.15"},
		{0, 44_000, "0 10k 20k 30k 40k 50k"},
		{0, 1, "0 0.2 0.4 0.6 0.8 1.0"},
		{-1, 1, "-1.0 -0.5 0 0.5 1.0"},
		{0, 2_500_000, "0 0.5M 1.0M 1.5M 2.0M 2.5M"},
		{1e6, 1e6 + 3, "1000000.0 1000000.5 1000001.0 1000001.5 1000002.0 1000002.5 1000003.0"},
	} {
		ts := niceTicks{}.Ticks(tc.lo, tc.hi)
		var labels []string
		for _, t := range ts {
			labels = append(labels, t.Label)
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("ticks of [%g, %g]: %s, want %s", tc.lo, tc.hi, got, tc.want)
		}
		// Widening the axis to the ticks keeps the ticks.
		again := niceTicks{}.Ticks(ts[0].Value, ts[len(ts)-1].Value)
		if len(again) != len(ts) {
			t.Errorf("ticks of [%g, %g] are not stable: %v, then %v", tc.lo, tc.hi, ts, again)
		}
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	tb := table(24, 1, "food", "housing")
	cs, err := Charts(tb, dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "report.html")
	d := ReportData{
		Scenario:     "baseline",
		ScenarioHash: "sha256:0123abcd",
		Description:  "A town of <100> members & their co-ops.",
		Seed:         42,
		Version:      "v0.1.0",
		Ticks:        24,
		WallSeconds:  1.5,
		StepSeconds:  1.25,
		Figures:      KeyFigures(tb),
		Charts:       cs,
	}
	if err := Report(path, d, dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		"<!DOCTYPE html>", "<title>Copex run: baseline</title>", "sha256:0123abcd", "v0.1.0",
		"A town of &lt;100&gt; members &amp; their co-ops.", "Key figures", "Co-ops alive", "1.50 s",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, c := range cs {
		if !strings.Contains(page, "<figcaption>"+c.Title+"</figcaption>") {
			t.Errorf("report lacks the caption %q", c.Title)
		}
		if !strings.Contains(page, `alt="`+c.Title+`"`) {
			t.Errorf("report lacks the alt text %q", c.Title)
		}
	}
	if n := strings.Count(page, `src="data:image/png;base64,`); n != len(cs) {
		t.Errorf("report embeds %d PNG data URIs, want %d", n, len(cs))
	}
	if strings.Contains(page, "ZgotmplZ") {
		t.Error("report has a URL the template refused")
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Error("report is not self-contained")
	}
}

func TestReportEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	if err := Report(path, ReportData{Title: "Nothing <yet>"}, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("<h1>Nothing &lt;yet&gt;</h1>")) {
		t.Error("report lacks its escaped title")
	}
}

func TestReportMissingChart(t *testing.T) {
	dir := t.TempDir()
	err := Report(filepath.Join(dir, "report.html"), ReportData{Charts: []Chart{{Name: "gini", PNG: "gini.png"}}}, dir)
	if err == nil {
		t.Fatal("missing chart: no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); !os.IsNotExist(err) {
		t.Error("a report was written despite the error")
	}
}

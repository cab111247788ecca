package runs

import (
	"bytes"
	"encoding/base64"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

// TestSubsystemCharts: the counterfactuals' and horizon scanning's reports carry their
// own charts, as real PNGs embedded and captioned in report.html, and a run without
// the section carries none of them.
func TestSubsystemCharts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three scenarios")
	}
	cases := map[string][]string{
		"tradable":      {"market_price", "market_volume", "peg_defence", "speculators", "traders", "market_volatility"},
		"open-platform": {"firms_share", "firms_pay", "firms_hhi", "firms_failures", "firms_surplus"},
		"horizon":       {"horizon_events", "horizon_failures", "horizon_sales"},
		"coprosperity":  {"coop_ious", "coop_access", "coop_clearing"},
	}
	var all []string
	for _, charts := range cases {
		all = append(all, charts...)
	}
	for name, charts := range map[string][]string{"tradable": cases["tradable"], "open-platform": cases["open-platform"],
		"horizon": cases["horizon"], "coprosperity": cases["coprosperity"], "baseline": nil} {
		sc, err := scenarios.Load(name, []string{"ticks=30", "members=2000", "coops.count=80"})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "run")
		if _, err := Run(sc, dir, Options{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		report, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			want := strings.Contains(strings.Join(charts, " "), c)
			f, err := os.Open(filepath.Join(dir, c+".png"))
			if !want {
				if err == nil {
					f.Close()
					t.Errorf("%s: %s.png drawn for a section that is off", name, c)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil || img.Bounds().Dx() < 100 {
				t.Errorf("%s: %s.png does not decode as a chart: %v", name, c, err)
			}
		}
		// The report embeds every chart drawn, as PNG data that decodes.
		pngs, _ := filepath.Glob(filepath.Join(dir, "*.png"))
		embedded := strings.Split(string(report), `src="data:image/png;base64,`)[1:]
		if len(embedded) != len(pngs) {
			t.Errorf("%s: report.html embeds %d PNG images for %d charts", name, len(embedded), len(pngs))
		}
		for i, e := range embedded {
			data, err := base64.StdEncoding.DecodeString(html.UnescapeString(e[:strings.IndexByte(e, '"')]))
			if err != nil {
				t.Fatalf("%s: embedded image %d: %v", name, i, err)
			}
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: embedded image %d does not decode as PNG: %v", name, i, err)
			}
		}
	}
}

package runs

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

// TestPlanConvergenceChart: a councils scenario run with a --plan folder gets a chart
// of the planning rounds' convergence in its report, drawn from the plan.csv it wrote:
// a real PNG, named in the manifest, captioned in report.html.
func TestPlanConvergenceChart(t *testing.T) {
	sc, err := scenarios.Load("planning-linear", []string{"ticks=2"})
	if err != nil {
		t.Fatal(err)
	}
	dir, plan := filepath.Join(t.TempDir(), "run"), t.TempDir()
	res, err := Run(sc, dir, Options{Dirs: map[string]string{"plan": plan}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "plan_convergence.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("plan_convergence.png: %v", err)
	}
	if !strings.Contains(strings.Join(res.Manifest.Files, " "), "plan_convergence.png") {
		t.Errorf("manifest files %v lack the chart", res.Manifest.Files)
	}
	report, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !strings.Contains(string(report), "the largest excess demand, round by round") {
		t.Error("report.html lacks the convergence chart")
	}
}

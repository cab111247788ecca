package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/sweep"
)

// TestScreenSweep screens the parameters of the example sweep file, cut down to run in
// a moment: every parameter gets its effects on every metric.
func TestScreenSweep(t *testing.T) {
	data, err := os.ReadFile("../scenarios/sweeps/foundation-share.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "small.yaml")
	small := replaceLine(string(data), "set: ", "set: [members=200, coops.count=8, ticks=6]")
	small = replaceLine(small, "replicates: ", "replicates: 2")
	// a whole-number grid parameter, to see it screened as one
	small = replaceLine(small, "  foundation.spend_rate: ", "  issuance.grant_expiry_months: {range: {from: 6, to: 24, step: 6}}")
	if err := os.WriteFile(path, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	sw, err := sweep.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := ScreenSweep(sw, 3, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got := sf.Params[1]; got.Name != "issuance.grant_expiry_months" || got.Min != 6 || got.Max != 24 || !got.Integer {
		t.Errorf("grid parameter screened as %+v, want grant_expiry_months 6..24, whole numbers", got)
	}
	res, err := Screen(sf, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Effect) != len(sw.Metrics) || len(res.Effect[0]) != 2 {
		t.Fatalf("effects for %d metrics x %d parameters, want %d x 2", len(res.Effect), len(res.Effect[0]), len(sw.Metrics))
	}
	if _, err := ScreenSweep(sw, 3, 3); err == nil {
		t.Error("odd levels accepted")
	}
}

func replaceLine(s, prefix, with string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = with
		}
	}
	return strings.Join(lines, "\n")
}

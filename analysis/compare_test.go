package analysis

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

var small = []string{"members=300", "coops.count=12", "ticks=12"}

func load(t *testing.T, name string, extra ...string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, append(append([]string{}, small...), extra...))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// With common random numbers a scenario compared with itself differs by exactly 0 in
// every replicate.
func TestCompareCommonRandomNumbers(t *testing.T) {
	a := load(t, "baseline")
	c, err := Compare(a, a, CompareOptions{Replicates: 3, Seed: 5, Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Diffs) != len(DefaultCompareMetrics) {
		t.Fatalf("%d diffs", len(c.Diffs))
	}
	for _, d := range c.Diffs {
		if d.BMinusA.Mean != 0 || d.BMinusA.Lower != 0 || d.BMinusA.Upper != 0 || d.A.SD == 0 && d.Metric == "last(price_index)" {
			t.Errorf("%s: %+v", d.Metric, d)
		}
	}
}

func TestCompareWrites(t *testing.T) {
	a, b := load(t, "baseline"), load(t, "giveaway")
	opts := CompareOptions{Replicates: 2, Seed: 1, Metrics: []string{"last(price_index)", "mean(unmet_wants_value)"}, Series: []string{"price_index", "gini"}}
	c, err := Compare(a, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	d := c.Diffs[1]
	for r := range 2 {
		if got := c.ValuesB[1][r] - c.ValuesA[1][r]; got == 0 {
			t.Error("giveaway and baseline agree on unmet wants")
		}
	}
	// the mean of the paired differences is the difference of the means, up to the
	// rounding of the sums
	if d.BMinusA.N != 2 || math.Abs(d.BMinusA.Mean-(d.B.Mean-d.A.Mean)) > 1e-9*math.Abs(d.B.Mean)+1e-9 {
		t.Errorf("paired difference %+v, A %+v, B %+v", d.BMinusA, d.A, d.B)
	}
	dir := t.TempDir()
	files, err := c.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"compare.csv", "compare_price_index.png", "compare_price_index.svg", "compare_gini.png", "compare_gini.svg", "report.html"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", files, want)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "compare.csv"))
	if lines := strings.Count(string(csv), "\n"); lines != 3 || !strings.HasPrefix(string(csv), "metric,n,a_mean") {
		t.Errorf("compare.csv:\n%s", csv)
	}
	var buf bytes.Buffer
	if err := c.WriteText(&buf); err != nil || !strings.Contains(buf.String(), "mean(unmet_wants_value)") {
		t.Errorf("text:\n%s", buf.String())
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if strings.Count(string(html), "data:image/png;base64,") != 2 {
		t.Error("report.html does not embed the two charts")
	}
	for _, bad := range []CompareOptions{
		{Metrics: []string{"median(price_index)"}},
		{Metrics: []string{"last(nonsense)"}},
		{Series: []string{"nonsense"}},
		{Replicates: -1},
	} {
		if err := CheckCompare(a, b, bad); err == nil {
			t.Errorf("CheckCompare(%+v) succeeded", bad)
		}
	}
}

// A metric of a column only B writes (the firms' share, with the open platform's
// section on in B alone) is summarised for B and shown as – for A and for B − A; a
// column neither writes is refused before anything runs.
func TestCompareOneSidedMetric(t *testing.T) {
	a, b := load(t, "baseline"), load(t, "open-platform")
	c, err := Compare(a, b, CompareOptions{Replicates: 2, Seed: 1, Parallel: 2, Metrics: []string{"mean(firms_sales_share)", "last(coops_failed)"}})
	if err != nil {
		t.Fatal(err)
	}
	share, failed := c.Diffs[0], c.Diffs[1]
	if !math.IsNaN(share.A.Mean) || !math.IsNaN(share.BMinusA.Mean) || !(share.B.Mean > 0) {
		t.Errorf("firms' share: A %v, B %v, B − A %v; want –, a share above 0, –", share.A.Mean, share.B.Mean, share.BMinusA.Mean)
	}
	if math.IsNaN(failed.BMinusA.Mean) {
		t.Errorf("co-ops failed, a column of both: B − A is NaN")
	}
	var text bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if line := strings.Split(text.String(), "\n")[2]; !strings.Contains(line, "mean(firms_sales_share)") || !strings.Contains(line, "–") {
		t.Errorf("the firms' share's line %q does not show – for A", line)
	}
	if _, err := Compare(a, a, CompareOptions{Replicates: 1, Metrics: []string{"mean(firms_sales_share)"}}); err == nil {
		t.Error("a metric neither scenario writes was accepted")
	}
}

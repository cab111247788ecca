package analysis

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sweepCSV is a two-parameter sweep, 2 x 2 points, 3 replicates each: metric y is
// a + 10 b plus replicate noise of -1, 0, +1, and z is constant 5.
func sweepCSV() string {
	var b strings.Builder
	b.WriteString("run,point,replicate,seed,issuance.foundation_share,issuance.smoothing,last(y),sd(z)\n")
	run := 0
	pt := 0
	for _, fa := range []float64{0.1, 0.3} {
		for _, sm := range []float64{0, 1} {
			for r := range 3 {
				y := fa + 10*sm + float64(r-1)
				b.WriteString(strings.Join([]string{itoa(run), itoa(pt), itoa(r), itoa(7 + r), formatFloat(fa), formatFloat(sm), formatFloat(y), "5"}, ",") + "\n")
				run++
			}
			pt++
		}
	}
	return b.String()
}

func itoa(i int) string { return formatFloat(float64(i)) }

func TestReadRunsAndPoints(t *testing.T) {
	r, err := ReadRuns(strings.NewReader(sweepCSV()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Params) != 2 || len(r.Metrics) != 2 || len(r.Rows) != 12 {
		t.Fatalf("params %v metrics %v rows %d", r.Params, r.Metrics, len(r.Rows))
	}
	pts := r.Points()
	if len(pts) != 4 {
		t.Fatalf("%d points", len(pts))
	}
	// Point 3: a=0.3, b=1: y = 10.3 + {-1,0,1}: mean 10.3, sd 1, t(0.975,2)=4.3027.
	s := pts[3].Stats[0]
	if s.N != 3 || math.Abs(s.Mean-10.3) > 1e-12 || math.Abs(s.SD-1) > 1e-12 || math.Abs(s.Upper-(10.3+4.302653/math.Sqrt(3))) > 1e-5 {
		t.Errorf("point 3: %+v", s)
	}
	if z := pts[0].Stats[1]; z.Mean != 5 || z.SD != 0 {
		t.Errorf("z: %+v", z)
	}
	xs, st := r.Marginal(1, 0) // y by smoothing, over both foundation shares: 3 replicate means
	if len(xs) != 2 || st[1].N != 3 || math.Abs(st[1].Mean-10.2) > 1e-12 {
		t.Errorf("marginal: %v %+v", xs, st)
	}
	var w strings.Builder
	if err := r.WriteRuns(&w); err != nil || w.String() != sweepCSV() {
		t.Errorf("round trip:\n%s\nwant\n%s (%v)", w.String(), sweepCSV(), err)
	}
}

// A sweep names its runs p0000-r00 and so on.
func TestReadRunsNamedRuns(t *testing.T) {
	in := "run,point,replicate,seed,issuance.foundation_share,last(price_index)\np0000-r00,0,0,5225608189600411232,0.1,1.2\np0000-r01,0,1,6878622605533214259,0.1,1.3\n"
	r, err := ReadRuns(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows[1].Run != "p0000-r01" || r.Rows[1].Seed != 6878622605533214259 || r.Points()[0].Stats[0].N != 2 {
		t.Errorf("rows %+v", r.Rows)
	}
}

func TestReadRunsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "1: empty"},
		{"a,b,c,d,last(x)\n", "1: header must start with run,point,replicate,seed"},
		{"run,point,replicate,seed,p\n", "no metric columns"},
		{"run,point,replicate,seed,last(x),p\n", `parameter column "p" after`},
		{"run,point,replicate,seed,p,last(x)\n0,0,0,1,0.5,2\n1,0,1,2,0.5,oops\n", `3: last(x): not a number: "oops"`},
		{"run,point,replicate,seed,last(x)\n0,x,0,1,2\n", "2: point: not an integer"},
	} {
		_, err := ReadRuns(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadRuns(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "runs.csv")
	if err := os.WriteFile(in, []byte(sweepCSV()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "analysis")
	a, err := ReportFile(in, out)
	if err != nil {
		t.Fatal(err)
	}
	// 2 metrics x 2 parameters band charts, 2 heat maps.
	if len(a.Charts) != 6 {
		t.Errorf("%d charts, want 6", len(a.Charts))
	}
	for _, f := range []string{"points.csv", "report.html", "last_y_by_issuance_smoothing.png", "sd_z_by_issuance_foundation_share.svg",
		"heatmap_last_y.png", "heatmap_last_y.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if n := strings.Count(string(html), `src="data:image/png;base64,`); n != 6 {
		t.Errorf("report embeds %d charts, want 6", n)
	}
	if !strings.Contains(string(html), "<td>10.3</td>") {
		t.Error("report lacks the point mean 10.3")
	}
	pts, _ := os.ReadFile(filepath.Join(out, "points.csv"))
	if !strings.Contains(string(pts), "3,0.3,1,last(y),3,10.3,1,") {
		t.Errorf("points.csv:\n%s", pts)
	}
}

func TestReportOneParameter(t *testing.T) {
	csv := "run,point,replicate,seed,issuance.smoothing,last(y)\n0,0,0,1,0,1\n1,0,1,2,0,2\n2,1,0,1,0.5,3\n3,1,1,2,0.5,5\n4,2,0,1,1,4\n5,2,1,2,1,4\n"
	r, err := ReadRuns(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Report(r, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Charts) != 1 {
		t.Errorf("%d charts, want 1 (no heat map)", len(a.Charts))
	}
}

// A sweep over a string-valued field (issuance.formula) has a categorical parameter.
func TestCategoricalParameter(t *testing.T) {
	in := "run,point,replicate,seed,issuance.formula,issuance.smoothing,last(y)\n" +
		"p0-r0,0,0,1,smoothed,0,1\np0-r1,0,1,2,smoothed,0,3\n" +
		"p1-r0,1,0,1,increase_only,0,5\np1-r1,1,1,2,increase_only,0,7\n" +
		"p2-r0,2,0,1,smoothed,1,2\np2-r1,2,1,2,smoothed,1,\n" +
		"p3-r0,3,0,1,increase_only,1,6\np3-r1,3,1,2,increase_only,1,6\n"
	r, err := ReadRuns(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !r.categorical(0) || r.categorical(1) || r.Label(0, 1) != "increase_only" || r.Rows[2].Params[0] != 1 {
		t.Fatalf("levels %v rows %+v", r.Levels, r.Rows)
	}
	pts := r.Points()
	if s := pts[2].Stats[0]; s.N != 1 || s.Mean != 2 { // the empty field is left out
		t.Errorf("point 2: %+v", s)
	}
	var w strings.Builder
	if err := r.WriteRuns(&w); err != nil || !strings.Contains(w.String(), "p3-r1,3,1,2,increase_only,1,6\n") || !strings.Contains(w.String(), "p2-r1,2,1,2,smoothed,1,NaN\n") {
		t.Errorf("WriteRuns:\n%s", w.String())
	}
	dir := t.TempDir()
	a, err := Report(r, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Charts) != 3 {
		t.Errorf("%d charts, want 2 band charts and a heat map", len(a.Charts))
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !strings.Contains(string(html), "<td>increase_only</td>") {
		t.Error("report does not name the formula")
	}
}

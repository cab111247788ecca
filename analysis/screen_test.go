package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScreenExample(t *testing.T) {
	s, err := LoadScreen("../scenarios/tune/screen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Params) != 3 || len(s.Metrics) != 3 || s.Trajectories != 6 || s.Levels != 4 {
		t.Fatalf("loaded %+v", s)
	}
	res, err := Screen(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Runs.Rows); n != 6*4*2 {
		t.Errorf("%d runs, want 48", n)
	}
	for i, effs := range res.Effect {
		for _, e := range effs {
			if e.N != 6 || e.MuStar < 0 || e.Sigma < 0 {
				t.Errorf("%s on %s: %+v", e.Param, s.Metrics[i].Name, e)
			}
			if !(e.MuStarCI[0] <= e.MuStar && e.MuStar <= e.MuStarCI[1] && e.SigmaCI[0] <= e.Sigma && e.Sigma <= e.SigmaCI[1]) {
				t.Errorf("%s on %s: mu* %g not in %v or sigma %g not in %v", e.Param, s.Metrics[i].Name, e.MuStar, e.MuStarCI, e.Sigma, e.SigmaCI)
			}
		}
	}
	// The release factor scales every grant: it must move prices.
	if res.Effect[2][1].MuStar == 0 {
		t.Errorf("release factor has no effect on the price index: %+v", res.Effect[2])
	}
	dir := t.TempDir()
	files, err := res.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1+3*3+1 {
		t.Errorf("files %v", files)
	}
	back, err := ReadRunsFile(filepath.Join(dir, "runs.csv"))
	if err != nil || len(back.Rows) != 48 || back.Params[2] != "issuance.foundation_share" {
		t.Errorf("runs.csv read back: %v", err)
	}
	// The report's table gives each effect's intervals.
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	e := res.Effect[0][0]
	if ci := "<td>" + interval(e.MuStarCI) + "</td>"; !strings.Contains(string(page), "μ* 95% CI") || !strings.Contains(string(page), ci) {
		t.Errorf("report.html has no column μ* 95%% CI or no %s", ci)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "morris_sd_inflation.csv"))
	if !strings.HasPrefix(string(csv), "param,n,mu,mu_star,sigma,mu_star_range,sigma_range,mu_star_lower,mu_star_upper,sigma_lower,sigma_upper\nissuance.smoothing,6,") {
		t.Errorf("morris_sd_inflation.csv:\n%s", csv)
	}
}

func TestLoadScreenErrors(t *testing.T) {
	good := `scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  - {path: issuance.smoothing, min: 0, max: 1}
metrics: [sd(inflation)]
levels: 4
`
	p := filepath.Join(t.TempDir(), "s.yaml")
	for _, c := range []struct{ from, to, want string }{
		{"levels: 4", "levels: 5", "s.yaml:6: levels: must be even"},
		{"levels: 4", "levels: 4\ntrajectories: 1", "s.yaml:7: trajectories: must be between 2 and 10000, got 1"},
		{"[sd(inflation)]", "[sd(inflation), last(nonsense)]", `s.yaml:5: metrics[1]: metric "last(nonsense)": unknown column`},
		{"metrics: [sd(inflation)]\n", "", "s.yaml:1: metrics: missing"},
		{"levels: 4", "objective: sd(inflation)", "s.yaml:6: objective: unknown field"},
		{"metrics: [sd(inflation)]", "metrics: []", "s.yaml:5: metrics: must not be empty"},
		{"levels: 4", "levels: four", `s.yaml:6: levels: expected an integer, got "four"`},
	} {
		if err := os.WriteFile(p, []byte(strings.Replace(good, c.from, c.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadScreen(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s: %v, want %q", c.from, c.to, err, c.want)
		}
	}
}

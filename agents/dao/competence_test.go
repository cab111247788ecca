package dao_test

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
)

// binomialMajority is P(Bin(n, p) > n/2) for odd n, summed in log space: a plain
// reference, independent of sim/governance's dynamic programme.
func binomialMajority(n int, p float64) float64 {
	lf := func(k int) float64 { v, _ := math.Lgamma(float64(k) + 1); return v }
	s := 0.0
	for k := n/2 + 1; k <= n; k++ {
		s += math.Exp(lf(n) - lf(k) - lf(n-k) + float64(k)*math.Log(p) + float64(n-k)*math.Log(1-p))
	}
	return s
}

// TestCompetenceScenario runs dao-competence as copex run does and checks
// competence.csv:
//
//   - direct voting: competences are drawn independently for every replicate, so over
//     the replicates each vote is correct independently with the mean competence μ =
//     (0.40+0.66)/2 = 0.53, and the expected accuracy is exactly P(Bin(1001, μ) >
//     500) ≈ 0.971. The file's mean over 200 replicates must be within 4 of its
//     standard errors of it (a chance of 6e-5 of failing if right; a wrong
//     competence range, 0.45-0.65 say, moves the reference to 0.999, 40 errors off);
//   - the cap: every capped delegate casts at most 3 votes, and capping gains
//     accuracy over direct voting by more than 4 standard errors of the paired gain
//     (Kahng et al.'s result: capped delegation recovers and improves on direct
//     voting), and gains more than unrestricted delegation does;
//   - unrestricted delegation concentrates weight: its mean largest weight is above
//     the cap.
func TestCompetenceScenario(t *testing.T) {
	sc, err := scenarios.Load("dao-competence", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := runs.Run(sc, dir, runs.Options{NoCharts: true}); err != nil {
		t.Fatal(err)
	}
	rows := agentstest.ReadCSV(t, filepath.Join(dir, "competence.csv"))
	got := map[string]map[string]float64{}
	for _, r := range rows {
		m := map[string]float64{}
		for k, v := range r {
			if k != "mechanism" {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s %s = %q", r["mechanism"], k, v)
				}
				m[k] = f
			}
		}
		got[r["mechanism"]] = m
	}
	dir0, liq, capd := got["direct"], got["liquid"], got["capped"]
	if dir0 == nil || liq == nil || capd == nil || len(rows) != 3 {
		t.Fatalf("competence.csv rows %v: want direct, liquid and capped", rows)
	}
	want := binomialMajority(1001, 0.53)
	if d := math.Abs(dir0["accuracy"] - want); d > 4*dir0["stderr"] {
		t.Errorf("direct accuracy %.5f, want P(Bin(1001, 0.53) > 500) = %.5f within 4 × %.5f", dir0["accuracy"], want, dir0["stderr"])
	}
	if capd["max_weight"] > 3 || liq["max_weight"] <= 3 {
		t.Errorf("mean largest weight: capped %g (cap 3), liquid %g (want above the cap)", capd["max_weight"], liq["max_weight"])
	}
	if capd["gain"] <= 4*capd["gain_stderr"] {
		t.Errorf("capped gain over direct %g, not above 4 × its standard error %g", capd["gain"], capd["gain_stderr"])
	}
	if se := math.Hypot(capd["gain_stderr"], liq["gain_stderr"]); capd["gain"]-liq["gain"] <= 4*se {
		t.Errorf("capped gain %g not above liquid gain %g by 4 × %g", capd["gain"], liq["gain"], se)
	}
}

package runs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/copex/copex/render"
)

// planChart draws the planning rounds' convergence — the largest excess demand over
// goods, round by round, one line a year — from the plan.csv a councils scenario
// wrote to the --plan folder, into the run's folder as plan_convergence.png and .svg.
// Without a plan.csv there is no chart (nil, nil).
func planChart(dir, planDir string) (*render.Chart, error) {
	f, err := os.Open(filepath.Join(planDir, "plan.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("plan.csv: %w", err)
	}
	if len(recs) < 2 {
		return nil, nil
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for _, c := range []string{"year", "round", "excess"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("plan.csv: no column %s", c)
		}
	}
	// the largest |excess| over goods for each year and round
	worst := map[int][]float64{}
	var years []int
	for _, r := range recs[1:] {
		y, err1 := strconv.Atoi(r[col["year"]])
		k, err2 := strconv.Atoi(r[col["round"]])
		x, err3 := strconv.ParseFloat(r[col["excess"]], 64)
		if err := errors.Join(err1, err2, err3); err != nil || k < 1 {
			return nil, fmt.Errorf("plan.csv: bad row %v: %v", r, err)
		}
		if _, ok := worst[y]; !ok {
			years = append(years, y)
		}
		for len(worst[y]) < k {
			worst[y] = append(worst[y], 0)
		}
		worst[y][k-1] = math.Max(worst[y][k-1], math.Abs(x))
	}
	lc := render.LineChart{Title: "Councils: the largest excess demand, round by round", XLabel: "planning round",
		YLabel: "largest |excess| over goods", YFrom0: true}
	for _, y := range years {
		ws := worst[y]
		xs := make([]float64, len(ws))
		for i := range xs {
			xs[i] = float64(i + 1)
		}
		lc.Series = append(lc.Series, render.Series{Label: fmt.Sprintf("year %d", y), X: xs, Y: ws})
	}
	c, err := render.Write(dir, "plan_convergence", lc)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

package dao

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/copex/copex/sim/governance"
)

// The competence experiment (Kahng, Mackenzie & Procaccia 2018) in a run: with
// competence_experiment.replicates > 0 the first tick runs sim/governance.Competence
// over the economy's members at the start (or competence_experiment.voters), with
// their competence range, and competence.csv compares direct voting, unrestricted
// local delegation and capped delegation: one row a mechanism, its mean accuracy (the
// exact probability that the majority is correct, averaged over replicates) and its
// standard error, the paired gain over direct voting and its standard error, the mean
// largest weight and the mean number of voters casting weight.

// CompetenceHeader is the header of competence.csv.
const CompetenceHeader = "mechanism,voters,replicates,accuracy,stderr,gain,gain_stderr,max_weight,casters"

func (d *DAO) runBenchmark() error {
	bm := d.cfg.Benchmark
	n := bm.Voters
	if n == 0 {
		n = d.h.Members()
	}
	deg := min(bm.Degree, max(n-1, 0))
	c := governance.Competence{Voters: n, Degree: deg, Alpha: bm.Alpha,
		PMin: d.cfg.Competence.Min, PMax: d.cfg.Competence.Max, Cap: bm.Cap, Replicates: bm.Replicates}
	var src rand.PCG
	seedStream(&src, d, partBench)
	res, err := c.Run(rand.New(&src))
	if err != nil {
		return fmt.Errorf("dao: competence experiment: %w", err)
	}
	d.bench = &res
	d.benchVoters = n
	return nil
}

// seedStream seeds src for a part of the setup (month 0).
func seedStream(src *rand.PCG, d *DAO, part int) {
	d.seed(0, part)
	*src = d.src
}

func (d *DAO) writeBenchmark(f *os.File) error {
	w := bufio.NewWriter(f)
	r := d.bench
	w.WriteString(CompetenceHeader + "\n")
	rows := []struct {
		name       string
		acc, gain  governance.Accuracy
		maxW, cast float64
	}{
		{"direct", r.Direct, governance.Accuracy{}, 1, float64(d.benchVoters)},
		{"liquid", r.Liquid, r.LiquidGain, r.MaxWeightLiquid, r.CastersLiquid},
		{"capped", r.Capped, r.CappedGain, r.MaxWeightCapped, r.CastersCapped},
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
	for _, row := range rows {
		fmt.Fprintf(w, "%s,%d,%d,%s,%s,%s,%s,%s,%s\n", row.name, d.benchVoters, d.cfg.Benchmark.Replicates,
			g(row.acc.Mean), g(row.acc.StdErr), g(row.gain.Mean), g(row.gain.StdErr), g(row.maxW), g(row.cast))
	}
	return w.Flush()
}

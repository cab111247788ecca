package governance

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Competence is the setting of the competence experiment of Kahng, Mackenzie &
// Procaccia (2018): Voters on a binary question with one correct option, voter i
// voting correctly with probability p_i, drawn uniformly on [PMin, PMax] (their model
// bounds competences away from 0 and 1). Each voter knows Degree others, drawn
// uniformly without replacement (a random directed graph). Under local delegation a
// voter who approves at least one neighbour (j with p_j > p_i + Alpha) delegates to
// one of them drawn uniformly, and otherwise votes; chains are followed transitively
// (they are acyclic, since competence rises strictly along them).
type Competence struct {
	Voters     int
	Degree     int
	Alpha      float64
	PMin, PMax float64
	// Cap is the capped mechanism's cap: a voter casts at most Cap votes, the refused
	// delegators vote themselves (the Resolver's cap with every voter's own vote as
	// its fallback; Kahng et al.'s GreedyCap also lets the voters over the cap vote
	// directly).
	Cap        int64
	Replicates int
}

// Accuracy is a mean over replicates and its standard error.
type Accuracy struct {
	Mean, StdErr float64
}

// CompetenceResult compares the mechanisms. Each replicate's accuracy is exact: the
// probability that the weighted majority is correct given the replicate's competences
// and delegations (a tie counts one half, as a fair coin would decide it), computed
// by dynamic programming over the correct weight. The gains are the paired
// differences from direct voting on the same replicates.
type CompetenceResult struct {
	Direct, Liquid, Capped           Accuracy
	LiquidGain, CappedGain           Accuracy
	Delegating                       float64 // mean share of voters who delegate
	MaxWeightLiquid, MaxWeightCapped float64 // mean largest weight
	CastersLiquid, CastersCapped     float64 // mean number of voters casting weight
}

// Run runs the experiment with the randomness of rng.
func (c Competence) Run(rng *rand.Rand) (CompetenceResult, error) {
	n, d := c.Voters, c.Degree
	switch {
	case n < 1 || n > MaxVoters:
		return CompetenceResult{}, fmt.Errorf("voters %d: want 1..%d", n, MaxVoters)
	case d < 0 || d >= n && n > 1 || n == 1 && d != 0:
		return CompetenceResult{}, fmt.Errorf("degree %d: want 0..%d", d, max(n-1, 0))
	case !(c.PMin >= 0 && c.PMin <= c.PMax && c.PMax <= 1):
		return CompetenceResult{}, fmt.Errorf("competence range [%v, %v]: want 0 ≤ min ≤ max ≤ 1", c.PMin, c.PMax)
	case !(c.Alpha >= 0) || math.IsInf(c.Alpha, 0):
		return CompetenceResult{}, fmt.Errorf("alpha %v: want a finite α ≥ 0", c.Alpha)
	case c.Cap < 1:
		return CompetenceResult{}, fmt.Errorf("cap %d: want at least 1", c.Cap)
	case c.Replicates < 1:
		return CompetenceResult{}, fmt.Errorf("replicates %d: want at least 1", c.Replicates)
	}
	p := make([]float64, n)
	nb := make([]int32, n*d)
	e := &Electorate{Direct: make([]Choice, n), Delegate: make([]int32, n), Fallback: make([]Choice, n)}
	for i := range e.Fallback {
		e.Fallback[i] = Yes
	}
	var liquid, capped Resolver
	capped.Cap = c.Cap
	prop := Proposal{Options: 2}
	dp := make([]float64, n+1)
	ones := make([]int32, n)
	for i := range ones {
		ones[i] = 1
	}
	var sDir, sLiq, sCap, sGL, sGC stat
	var res CompetenceResult
	approved := make([]int32, 0, d)
	for range c.Replicates {
		for i := range p {
			p[i] = c.PMin + (c.PMax-c.PMin)*rng.Float64()
		}
		for i := range n {
			row := nb[i*d : i*d+d]
			for k := range row {
			draw:
				j := int32(rng.IntN(n))
				if int(j) == i {
					goto draw
				}
				for _, x := range row[:k] {
					if x == j {
						goto draw
					}
				}
				row[k] = j
			}
		}
		delegating := 0
		for i := range n {
			approved = approved[:0]
			for _, j := range nb[i*d : i*d+d] {
				if p[j] > p[i]+c.Alpha {
					approved = append(approved, j)
				}
			}
			e.Direct[i], e.Delegate[i] = Yes, -1
			if len(approved) > 0 {
				e.Direct[i], e.Delegate[i] = NoVote, approved[rng.IntN(len(approved))]
				delegating++
			}
		}
		res.Delegating += float64(delegating) / float64(n)
		direct := correctProb(ones, p, dp)
		r, err := liquid.Resolve(e, prop)
		if err != nil {
			return CompetenceResult{}, err
		}
		// Chains climb strictly in competence, so none cycles and every vote is cast.
		if r.Cast != int64(n) {
			return CompetenceResult{}, fmt.Errorf("liquid delegation cast %d of %d votes", r.Cast, n)
		}
		liq := correctProb(r.Weight, p, dp)
		res.MaxWeightLiquid += float64(r.MaxWeight)
		res.CastersLiquid += float64(r.Casters)
		r, err = capped.Resolve(e, prop)
		if err != nil {
			return CompetenceResult{}, err
		}
		// Every refused delegator casts its fallback: again every vote is cast.
		if r.Cast != int64(n) {
			return CompetenceResult{}, fmt.Errorf("capped delegation cast %d of %d votes", r.Cast, n)
		}
		cp := correctProb(r.Weight, p, dp)
		res.MaxWeightCapped += float64(r.MaxWeight)
		res.CastersCapped += float64(r.Casters)
		sDir.add(direct)
		sLiq.add(liq)
		sCap.add(cp)
		sGL.add(liq - direct)
		sGC.add(cp - direct)
	}
	m := float64(c.Replicates)
	res.Direct, res.Liquid, res.Capped = sDir.acc(), sLiq.acc(), sCap.acc()
	res.LiquidGain, res.CappedGain = sGL.acc(), sGC.acc()
	res.Delegating /= m
	res.MaxWeightLiquid /= m
	res.MaxWeightCapped /= m
	res.CastersLiquid /= m
	res.CastersCapped /= m
	return res, nil
}

// correctProb is the probability that the voters casting weight w[i] > 0, voter i
// correct with probability p[i] independently, give the correct option a strict
// majority of the weight, plus half the probability of a tie. dist[s] is the
// probability that the correct weight is s after the voters so far (a Poisson-binomial
// with weights); scratch must hold Σw + 1 entries.
func correctProb(w []int32, p []float64, scratch []float64) float64 {
	dist := scratch[:1]
	dist[0] = 1
	for i, x := range w {
		if x <= 0 {
			continue
		}
		top := len(dist) - 1
		dist = scratch[:top+int(x)+1]
		clear(dist[top+1:])
		q := p[i]
		for s := top; s >= 0; s-- {
			v := dist[s]
			dist[s+int(x)] += q * v
			dist[s] = (1 - q) * v
		}
	}
	total := len(dist) - 1
	var pr float64
	for s, v := range dist {
		switch {
		case 2*s > total:
			pr += v
		case 2*s == total:
			pr += v / 2
		}
	}
	return pr
}

// stat accumulates a mean and a standard error (Welford).
type stat struct {
	n       int
	mean, m float64
}

func (s *stat) add(x float64) {
	s.n++
	d := x - s.mean
	s.mean += d / float64(s.n)
	s.m += d * (x - s.mean)
}

func (s *stat) acc() Accuracy {
	if s.n < 2 {
		return Accuracy{Mean: s.mean}
	}
	return Accuracy{Mean: s.mean, StdErr: math.Sqrt(s.m / float64(s.n-1) / float64(s.n))}
}

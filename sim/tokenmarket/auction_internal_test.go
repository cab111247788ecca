package tokenmarket

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSolveBruteForce compares solve with a brute-force scan: on a grid of 50,001
// log-spaced prices across the band, the first price where the excess demand (the
// defender's standing orders included) is no longer positive. The two must agree to
// within one grid step (the band's log width / 50,000), or, at the peg, the scan's
// crossing must bracket the peg.
func TestSolveBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const grid = 50_000
	for c := range 100 {
		nf := r.IntN(20)
		b := orderBook{moneyBuy: r.Float64() * 100 * float64(r.IntN(2)), tokenSell: r.Float64() * 100 * float64(r.IntN(2)),
			value: 0.5 + r.Float64(), fw: make([]float64, nf), fcash: make([]float64, nf), ftok: make([]float64, nf)}
		for i := range nf {
			b.fw[i], b.fcash[i], b.ftok[i] = r.Float64()*50, r.Float64()*100, r.Float64()*100
		}
		var d defence
		if c%2 == 1 {
			d = defence{on: true, level: 0.5 + r.Float64(), money: r.Float64() * 50, tokens: r.Float64() * 50}
		}
		prev := 0.5 + r.Float64()
		lo, hi := prev/1.5, prev*1.5
		p, atPeg := solve(&b, d, lo, hi)
		step := (math.Log(hi) - math.Log(lo)) / grid
		cross := hi
		for k := range grid + 1 {
			q := math.Exp(math.Log(lo) + float64(k)*step)
			if total(&b, d, q) <= 0 {
				cross = q
				break
			}
		}
		if atPeg {
			if !(math.Abs(math.Log(cross/d.level)) <= step*1.01) {
				t.Errorf("case %d: at the peg %.6f, the scan crosses at %.6f", c, d.level, cross)
			}
			continue
		}
		if math.Abs(math.Log(p/cross)) > step*1.01 {
			t.Errorf("case %d: solve %.8f, scan %.8f (step %.2g)", c, p, cross, step)
		}
	}
}

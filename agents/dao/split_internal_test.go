package dao

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// refSplit is a plain reference of the largest-remainder split in exact rationals:
// exact shares total·w_i/W, floors, then the leftover units one each to the largest
// fractional parts, ties to the lower index.
func refSplit(total ledger.Amount, w []int64) []ledger.Amount {
	W := new(big.Int)
	for _, x := range w {
		W.Add(W, big.NewInt(x))
	}
	out := make([]ledger.Amount, len(w))
	type fr struct {
		i int
		r *big.Rat
	}
	var frs []fr
	left := total
	for i, x := range w {
		exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(int64(total)), big.NewInt(x)), W)
		fl := new(big.Int).Quo(exact.Num(), exact.Denom())
		out[i] = ledger.Amount(fl.Int64())
		left -= out[i]
		frs = append(frs, fr{i, new(big.Rat).Sub(exact, new(big.Rat).SetInt(fl))})
	}
	slices.SortStableFunc(frs, func(a, b fr) int { return -a.r.Cmp(b.r) })
	for k := range int(left) {
		out[frs[k].i]++
	}
	return out
}

// TestSplit checks Splitter against the rational reference on random cases, large
// amounts and weights included: every part equal, so the parts sum to the total to
// the unit and each is within one unit of its exact share (the payouts pro rata to
// the unit that prizes, tokens, royalties, dividends and bundles rely on).
func TestSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var s Splitter
	for n := range 2000 {
		k := 1 + rng.IntN(40)
		w := make([]int64, k)
		for i := range w {
			switch rng.IntN(4) {
			case 0:
				w[i] = 0
			case 1:
				w[i] = 1 + rng.Int64N(10)
			case 2:
				w[i] = rng.Int64N(1 << 40)
			default:
				w[i] = rng.Int64N(math.MaxInt64 / 64)
			}
		}
		w[rng.IntN(k)] = 1 + rng.Int64N(100) // not all zero
		total := ledger.Amount(rng.Int64N(1 << uint(1+rng.IntN(62))))
		got := make([]ledger.Amount, k)
		if err := s.Split(total, w, got); err != nil {
			t.Fatalf("case %d: %v", n, err)
		}
		want := refSplit(total, w)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: Split(%d, %v) = %v, want %v", n, total, w, got, want)
		}
		var sum ledger.Amount
		for _, x := range got {
			sum += x
		}
		if sum != total {
			t.Fatalf("case %d: parts sum to %d, want %d", n, sum, total)
		}
	}
	for _, w := range [][]int64{{}, {0, 0}, {-1, 2}, {math.MaxInt64, 1}} {
		if err := s.Split(10, w, make([]ledger.Amount, len(w))); !errors.Is(err, errWeights) {
			t.Errorf("Split(10, %v) = %v, want errWeights", w, err)
		}
	}
}

// TestSplitAllocs: a warm split allocates nothing.
func TestSplitAllocs(t *testing.T) {
	var s Splitter
	w := []int64{3, 1, 1, 7, 2}
	out := make([]ledger.Amount, len(w))
	_ = s.Split(1000003, w, out)
	if a := testing.AllocsPerRun(100, func() { _ = s.Split(1000003, w, out) }); a != 0 {
		t.Errorf("a warm Split allocates %v times", a)
	}
}

// TestBundleShares checks that a bundle's payment splits to the unit under any
// re-weighting: for random shares (summing to 1), re-weighting bounds r and factors
// (the extremes u = 0 and u just below 1 included), the parts sum to the price
// exactly, and each part's fraction of the price, s·f/Σ s_j·f_j with every f in
// [1-r, 1+r] (so the sum too), lies in [s(1-r)/(1+r), s(1+r)/(1-r)], give or take one
// micro-token of rounding and 1e-9 for the 2^-40 rounding of the weights.
func TestBundleShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var s Splitter
	for n := range 3000 {
		k := 1 + rng.IntN(maxParts)
		shares := make([]float64, k)
		sum := 0.0
		for i := range shares {
			shares[i] = 0.01 + rng.Float64()
			sum += shares[i]
		}
		for i := range shares {
			shares[i] /= sum
		}
		r := []float64{0, 0.2, 0.9, rng.Float64() * 0.9}[rng.IntN(4)]
		u := make([]float64, k)
		for i := range u {
			u[i] = []float64{0, math.Nextafter(1, 0), rng.Float64()}[rng.IntN(3)]
		}
		price := ledger.Amount(1 + rng.Int64N(int64(ledger.Tokens(1e6))))
		w := make([]int64, k)
		Reweight(shares, r, u, w)
		parts := make([]ledger.Amount, k)
		if err := s.Split(price, w, parts); err != nil {
			t.Fatal(err)
		}
		var paid ledger.Amount
		for i, p := range parts {
			paid += p
			got := float64(p) / float64(price)
			lo, hi := shares[i]*(1-r)/(1+r), shares[i]*(1+r)/(1-r)
			slack := 1/float64(price) + 1e-9
			if got < lo-slack || got > hi+slack {
				t.Fatalf("case %d: part %d is %.9f of the price, outside [%.9f, %.9f] for share %.6f, reweight %g", n, i, got, lo, hi, shares[i], r)
			}
		}
		if paid != price {
			t.Fatalf("case %d: parts sum to %d, the price is %d", n, paid, price)
		}
	}
}

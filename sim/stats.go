package sim

import (
	"math"
	"math/bits"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// ExactLimit is the largest population whose Gini coefficient and quantiles are
// computed exactly, by sorting; larger ones are measured from a histogram with 64
// logarithmic bins per doubling (bins under 1.1% wide), in one pass and with no sort.
// The histogram keeps exact integer sums per bin (the values' total must fit in an
// int64, as a ledger's supply does), so it does not depend on how the values are
// split among goroutines.
const ExactLimit = 20000

const (
	subBits = 6 // 64 sub-bins per doubling
	numBins = (64 + 1) << subBits
)

// Distribution measures the Gini coefficient and quantiles of holdings, reusing its
// buffers so that measuring every tick does not allocate in steady state.
type Distribution struct {
	buf    []ledger.Amount
	counts []int64
	sums   []int64
	top    int // bins above top are empty
	// Parallel histogram: one part per goroutine, each over a run of the values.
	pool   *Pool
	n      int
	vals   Values
	parts  []histPart
	nparts int
	partFn func(int)
	// The last figures, and whether Measure repeats them rather than measuring.
	last     [4]float64
	measured bool
	stale    bool
}

// minPart is the fewest values worth a goroutine of their own.
const minPart = 1 << 13

type histPart struct {
	counts []int64
	sums   []int64
	buf    []ledger.Amount // values copied in by a Ranger
	top    int             // bins above top are empty (a part's values are seldom spread over all 4,160)
}

const rangeBuf = 1024 // values a part copies from a Ranger at a time

// SetPool lets Measure build the histogram of a large population over the pool's
// goroutines. The result does not depend on the number of goroutines.
func (d *Distribution) SetPool(p *Pool) { d.pool = p }

// Values is a population of holdings: Value(i) for i in [0, Len()).
type Values interface {
	Len() int
	Value(i int) ledger.Amount
}

// Ranger is Values that can also copy a run of its values at once, which Measure
// then uses rather than Value one by one (ledger.Ledger.HoldingsInto does it for
// contiguous accounts).
type Ranger interface {
	Values
	// CopyValues sets dst[k] to Value(lo+k) for every k.
	CopyValues(lo int, dst []ledger.Amount)
}

// SetDue says whether the following calls of Measure measure the values (due, the
// default) or return the figures of the last measurement again, at no cost: for a
// model that samples its distribution every few ticks. Measure always measures the
// first time.
func (d *Distribution) SetDue(due bool) { d.stale = !due }

// Measure returns the Gini coefficient and the 10th, 50th and 90th percentiles (in
// tokens) of the values. Negative values count as 0.
func (d *Distribution) Measure(v Values) (gini, p10, p50, p90 float64) {
	if !d.stale || !d.measured {
		d.last[0], d.last[1], d.last[2], d.last[3] = d.measure(v)
		d.measured = true
	}
	return d.last[0], d.last[1], d.last[2], d.last[3]
}

func (d *Distribution) measure(v Values) (gini, p10, p50, p90 float64) {
	n := v.Len()
	if n == 0 {
		return 0, 0, 0, 0
	}
	if n > ExactLimit {
		return d.histogram(n, v)
	}
	d.buf = slices.Grow(d.buf[:0], n)[:n]
	if r, ok := v.(Ranger); ok {
		r.CopyValues(0, d.buf)
		for i, x := range d.buf {
			d.buf[i] = max(x, 0)
		}
	} else {
		for i := range n {
			d.buf[i] = max(v.Value(i), 0)
		}
	}
	slices.Sort(d.buf)
	return Gini(d.buf), q(d.buf, 0.1), q(d.buf, 0.5), q(d.buf, 0.9)
}

func q(sorted []ledger.Amount, p float64) float64 {
	return ledger.Float(sorted[int(p*float64(len(sorted)-1)+0.5)])
}

// Gini returns the Gini coefficient of sorted non-negative values (0 for none or an
// all-zero set).
func Gini(sorted []ledger.Amount) float64 {
	var sum, weighted float64
	for i, v := range sorted {
		f := float64(v)
		sum += f
		weighted += float64(i+1) * f
	}
	n := float64(len(sorted))
	if sum == 0 || n == 0 {
		return 0
	}
	return (2*weighted)/(n*sum) - (n+1)/n
}

// bin returns the histogram bin of a non-negative value: exact below 2^subBits, then
// 2^subBits bins per doubling.
func bin(v uint64) int {
	e := bits.Len64(v)
	if e <= subBits {
		return int(v)
	}
	return (e-subBits)<<subBits + int(v>>(e-subBits-1))&(1<<subBits-1) + 1<<subBits
}

// part fills part k of the histogram from its run of the values.
func (d *Distribution) part(k int) {
	c := &d.parts[k]
	clear(c.counts[:c.top+1])
	clear(c.sums[:c.top+1])
	lo, hi := k*d.n/d.nparts, (k+1)*d.n/d.nparts
	if r, ok := d.vals.(Ranger); ok {
		for lo < hi {
			buf := c.buf[:min(hi-lo, len(c.buf))]
			r.CopyValues(lo, buf)
			add(c.counts, c.sums, buf)
			lo += len(buf)
		}
	} else {
		fill(c.counts, c.sums, lo, hi, d.vals)
	}
	c.top = topBin(c.counts)
}

// topBin returns the highest bin with a count (0 if none): the merge and the figures
// then read the bins up to it only.
func topBin(counts []int64) int {
	t := len(counts) - 1
	for t > 0 && counts[t] == 0 {
		t--
	}
	return t
}

// fill adds the values of [lo, hi) to a histogram.
func fill(counts, sums []int64, lo, hi int, vals Values) {
	for i := lo; i < hi; i++ {
		v := max(vals.Value(i), 0)
		b := bin(uint64(v))
		counts[b]++
		sums[b] += v
	}
}

// add adds values to a histogram. It bins by binFloat, which is bin in fewer
// instructions (this loop is most of a large model's measurement).
func add(counts, sums []int64, vals []ledger.Amount) {
	for _, v := range vals {
		v = max(v, 0)
		b := binFloat(v)
		counts[b]++
		sums[b] += v
	}
}

// binFloat returns bin(v) for a non-negative v. From 2^subBits to 2^53 a float64 holds
// v exactly, its exponent is v's bit length less one (biased by 1023) and its leading
// mantissa bits are the bits bin takes after v's leading one: the top bits of the
// float's pattern are bin's two terms side by side, offset by the bias.
func binFloat(v ledger.Amount) int {
	if uint64(v-1<<subBits) >= 1<<53-1<<subBits {
		return bin(uint64(v)) // below 2^subBits (exact bins) or above 2^53 (rounded)
	}
	return int(math.Float64bits(float64(v))>>(52-subBits)) - (1023+subBits-2)<<subBits
}

// histogram measures from binned counts and exact per-bin sums: each bin's values are
// taken as equal to their mean, so only the inequality within a bin (under 1.1%) is
// lost.
func (d *Distribution) histogram(n int, vals Values) (gini, p10, p50, p90 float64) {
	if d.counts == nil {
		d.counts, d.sums = make([]int64, numBins), make([]int64, numBins)
		d.top = numBins - 1
	}
	clear(d.counts[:d.top+1])
	clear(d.sums[:d.top+1])
	// One part per goroutine, each over a run of the values; the counts and sums are
	// integers, so the merged histogram and the figures are the same however the
	// values were split.
	parts := 1
	if d.pool != nil {
		parts = max(min(d.pool.Workers(), n/minPart), 1)
	}
	for len(d.parts) < parts {
		d.parts = append(d.parts, histPart{make([]int64, numBins), make([]int64, numBins), make([]ledger.Amount, rangeBuf), numBins - 1})
	}
	if d.partFn == nil {
		d.partFn = d.part
	}
	d.n, d.vals, d.nparts = n, vals, parts
	if parts > 1 {
		d.pool.Run(parts, d.partFn)
	} else {
		d.part(0)
	}
	d.vals = nil
	d.top = 0
	for _, c := range d.parts[:parts] {
		for b, k := range c.counts[:c.top+1] {
			if k != 0 {
				d.counts[b] += k
				d.sums[b] += c.sums[b]
			}
		}
		d.top = max(d.top, c.top)
	}
	var total, weighted, rank float64
	targets := [3]float64{0.1 * float64(n-1), 0.5 * float64(n-1), 0.9 * float64(n-1)}
	var qs [3]float64
	next := 0
	for b, c := range d.counts[:d.top+1] {
		if c == 0 {
			continue
		}
		s, fc := float64(d.sums[b]), float64(c)
		// Ranks rank+1 .. rank+c, each holding s/c.
		weighted += s * (rank + (fc+1)/2)
		total += s
		for next < 3 && targets[next] < rank+fc {
			qs[next] = s / fc / float64(ledger.Unit)
			next++
		}
		rank += fc
	}
	if total == 0 {
		return 0, qs[0], qs[1], qs[2]
	}
	fn := float64(n)
	return 2*weighted/(fn*total) - (fn+1)/fn, qs[0], qs[1], qs[2]
}

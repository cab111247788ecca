package sim

import (
	"math/bits"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// ExactLimit is the largest population whose Gini coefficient and quantiles are
// computed exactly, by sorting; larger ones are measured from a histogram with 64
// logarithmic bins per doubling (bins under 1.1% wide), in one pass and with no sort.
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
	sums   []float64
	// Parallel histogram: one per chunk of chunkSize values, merged in chunk order.
	pool    *Pool
	n       int
	vals    Values
	chunks  []histChunk
	chunkFn func(int)
	// The last figures, and whether Measure repeats them rather than measuring.
	last     [4]float64
	measured bool
	stale    bool
}

const chunkBits = 15

type histChunk struct {
	counts []int64
	sums   []float64
	buf    []ledger.Amount // values copied in by a Ranger
}

const rangeBuf = 1024 // values a chunk copies from a Ranger at a time

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

func (d *Distribution) chunk(k int) {
	c := d.chunks[k]
	clear(c.counts)
	clear(c.sums)
	lo, hi := k<<chunkBits, min((k+1)<<chunkBits, d.n)
	r, ok := d.vals.(Ranger)
	if !ok {
		fill(c.counts, c.sums, lo, hi, d.vals)
		return
	}
	for lo < hi {
		buf := c.buf[:min(hi-lo, len(c.buf))]
		r.CopyValues(lo, buf)
		add(c.counts, c.sums, buf)
		lo += len(buf)
	}
}

// fill adds the values of [lo, hi) to a histogram.
func fill(counts []int64, sums []float64, lo, hi int, vals Values) {
	for i := lo; i < hi; i++ {
		v := max(vals.Value(i), 0)
		b := bin(uint64(v))
		counts[b]++
		sums[b] += float64(v)
	}
}

// add adds values to a histogram, in order (as fill does).
func add(counts []int64, sums []float64, vals []ledger.Amount) {
	for _, v := range vals {
		v = max(v, 0)
		b := bin(uint64(v))
		counts[b]++
		sums[b] += float64(v)
	}
}

// histogram measures from binned counts and exact per-bin sums: each bin's values are
// taken as equal to their mean, so only the inequality within a bin (under 1.1%) is
// lost.
func (d *Distribution) histogram(n int, vals Values) (gini, p10, p50, p90 float64) {
	if d.counts == nil {
		d.counts, d.sums = make([]int64, numBins), make([]float64, numBins)
	}
	clear(d.counts)
	clear(d.sums)
	// Always the same chunks, merged in the same order, so that the floating-point sums
	// and so the figures are identical for any number of goroutines.
	{
		chunks := (n + 1<<chunkBits - 1) >> chunkBits
		for len(d.chunks) < chunks {
			d.chunks = append(d.chunks, histChunk{make([]int64, numBins), make([]float64, numBins), make([]ledger.Amount, rangeBuf)})
		}
		if d.chunkFn == nil {
			d.chunkFn = d.chunk
		}
		d.n, d.vals = n, vals
		if d.pool != nil {
			d.pool.Run(chunks, d.chunkFn)
		} else {
			for k := range chunks {
				d.chunk(k)
			}
		}
		d.vals = nil
		for _, c := range d.chunks[:chunks] {
			for b, k := range c.counts {
				if k != 0 {
					d.counts[b] += k
					d.sums[b] += c.sums[b]
				}
			}
		}
	}
	var total, weighted, rank float64
	targets := [3]float64{0.1 * float64(n-1), 0.5 * float64(n-1), 0.9 * float64(n-1)}
	var qs [3]float64
	next := 0
	for b, c := range d.counts {
		if c == 0 {
			continue
		}
		s, fc := d.sums[b], float64(c)
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

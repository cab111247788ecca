package clearing

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/copex/copex/sim/ledger"
)

// RandomNetwork draws a network of m obligations among n participants (n >= 2), the
// generator of the benchmarks: a Chung-Lu graph whose expected degrees follow a power
// law of exponent 2.5 (weight of the participant of rank k proportional to
// k^(-1/(2.5-1)), as trade-credit and complementary-currency networks such as Sardex's
// are heavy-tailed), debtor and creditor drawn independently by weight (a pair drawn
// with itself is drawn again), and amounts log-normal: exp(N(ln 100, 1.5²)) tokens,
// rounded to the micro-token, at least one micro-token. Ranks are shuffled, so a
// participant's id says nothing of its degree. The same r gives the same network.
func RandomNetwork(r *rand.Rand, n, m int) *Network {
	cum := make([]float64, n)
	var t float64
	for k := range n {
		t += math.Pow(float64(k+1), -1/1.5)
		cum[k] = t
	}
	id := make([]int32, n)
	for i := range id {
		id[i] = int32(i)
	}
	r.Shuffle(n, func(i, j int) { id[i], id[j] = id[j], id[i] })
	draw := func() int32 {
		k, _ := slices.BinarySearch(cum, r.Float64()*t)
		return id[min(k, n-1)]
	}
	net := &Network{Participants: n, Obligations: make([]Obligation, m)}
	for i := range net.Obligations {
		d := draw()
		c := draw()
		for c == d {
			c = draw()
		}
		a := max(ledger.Tokens(math.Exp(math.Log(100)+1.5*r.NormFloat64())), 1)
		net.Obligations[i] = Obligation{Debtor: d, Creditor: c, Amount: a}
	}
	return net
}

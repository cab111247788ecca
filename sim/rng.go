package sim

import (
	"math/bits"
	"math/rand/v2"
)

// Purpose names what a random stream is for, so that adding a draw for one purpose
// never shifts the numbers another purpose sees.
type Purpose uint64

// Random-stream purposes.
const (
	PurposeSetup Purpose = iota + 1
	PurposeTrade
	PurposeInputs
	PurposeLabour
	PurposeFoundation
	PurposeMembers
	PurposeExchange
	PurposeFraud
	PurposeGame    // GetGo's draws for a player's co-op
	PurposeReroute // choosing offers for re-routed orders
	// Subsystems' streams: each subsystem derives its own from its purpose (and, for
	// several streams, its shard numbers).
	PurposeCoprosperity
	PurposeDAO
	PurposeCouncils
)

// Later subsystems' purposes: their names in ASCII, far above the numbered ones, so
// that a subsystem may offset its purpose for several streams (PurposeHorizon+k)
// without meeting another's.
const (
	PurposeFirms    Purpose = 0x6669726d73     // "firms"
	PurposeTradable Purpose = 0x74726164       // "trad"
	PurposeHorizon  Purpose = 0x686f72697a6f6e // "horizon"
)

// Seed seeds src for (seed, shard, tick, purpose). Streams for different tuples are
// independent for practical purposes; the same tuple always gives the same stream,
// whatever the number of workers. It allocates nothing.
func Seed(src *rand.PCG, seed uint64, shard, tick int, purpose Purpose) {
	a := mix(seed ^ mix(uint64(shard)+0x9e3779b97f4a7c15))
	b := mix(uint64(tick)<<8 ^ uint64(purpose) ^ mix(seed+uint64(purpose)))
	src.Seed(a, b)
}

// mix is SplitMix64's finaliser.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Float64 is rand.New(src).Float64() without the interface call per draw: the same
// number from the same state, for loops that draw once per member.
func Float64(src *rand.PCG) float64 { return float64(src.Uint64()<<11>>11) / (1 << 53) }

// IntN is rand.New(src).IntN(n), n > 0, without the interface call per draw: the same
// number from the same state (math/rand/v2's method: a mask for a power of two, else
// Lemire's multiply, rejecting the few draws that would bias it).
func IntN(src *rand.PCG, n int) int {
	u := uint64(n)
	if u&(u-1) == 0 {
		return int(src.Uint64() & (u - 1))
	}
	hi, lo := bits.Mul64(src.Uint64(), u)
	if lo < u {
		hi = intNSlow(src, u, hi, lo)
	}
	return int(hi)
}

// intNSlow is IntN's rare case: the draw is rejected and made again while its low
// half is below 2^64 mod n.
func intNSlow(src *rand.PCG, n, hi, lo uint64) uint64 {
	thresh := -n % n
	for lo < thresh {
		hi, lo = bits.Mul64(src.Uint64(), n)
	}
	return hi
}

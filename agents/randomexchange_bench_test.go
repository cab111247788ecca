package agents_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The random-exchange benchmarks, side by side with the bare loop they are measured
// against: the unit rule at 100,000 members, each starting with 100 tokens (the
// embedded scenario's initial balance), written as a plain Go loop with nothing of
// the engine. Run them in one go so that the ratios come from one run:
//
//	go test ./agents -run '^$' -bench 'RandomExchange' -benchmem -count 5 -cpu 1,2
//
// Each reports ns/agent-step and agent-steps/s, an agent-step being one member's turn
// in one tick.
const (
	benchMembers = 100_000
	benchInitial = 100 // tokens
	benchTicks   = 100 // for the whole-run benchmarks
)

// bareTick is one tick of the unit rule on plain slices of micro-token balances:
// every member holding at least one token at the start of the tick pays one to a
// uniformly random other member; receipts are held in recv and added after the tick.
// The draws are the model's (PCG, each 64-bit output used as two 32-bit ones,
// Lemire's exact multiply-and-reject), so that the ratio measures the engine, not a
// cheaper or dearer way of drawing. (A draw of one 64-bit output each, Lemire on 64
// bits, ran at about 138 million agent-steps/s here.)
func bareTick(bal, recv []int64, src *rand.PCG) {
	const unit = int64(ledger.Unit)
	n := uint32(len(bal) - 1)
	var buf uint64
	half := false
	for i, v := range bal {
		if v < unit {
			continue
		}
		var x uint32
		if half {
			x, half = uint32(buf>>32), false
		} else {
			buf, half = src.Uint64(), true
			x = uint32(buf)
		}
		m := uint64(x) * uint64(n)
		if uint32(m) < n {
			m, buf, half = bareReject(src, m, n, buf, half)
		}
		j := int(m >> 32)
		if j >= i {
			j++
		}
		bal[i] = v - unit
		recv[j] += unit
	}
	for i, r := range recv {
		bal[i] += r
		recv[i] = 0
	}
}

// bareReject draws again while Lemire's product is below the threshold.
func bareReject(src *rand.PCG, m uint64, n uint32, buf uint64, half bool) (uint64, uint64, bool) {
	for threshold := -n % n; uint32(m) < threshold; {
		var x uint32
		if half {
			x, half = uint32(buf>>32), false
		} else {
			buf, half = src.Uint64(), true
			x = uint32(buf)
		}
		m = uint64(x) * uint64(n)
	}
	return m, buf, half
}

func bareWorld() (bal, recv []int64) {
	bal, recv = make([]int64, benchMembers), make([]int64, benchMembers)
	for i := range bal {
		bal[i] = benchInitial * int64(ledger.Unit)
	}
	return bal, recv
}

// checkBare fails the benchmark if the bare loop lost or made money, or did nothing.
func checkBare(b *testing.B, bal []int64) {
	var sum int64
	moved := false
	for _, v := range bal {
		sum += v
		moved = moved || v != benchInitial*int64(ledger.Unit)
	}
	if want := int64(benchMembers) * benchInitial * int64(ledger.Unit); sum != want || !moved {
		b.Fatalf("bare loop: sum %d (want %d), balances moved %v (want true)", sum, want, moved)
	}
}

func reportSteps(b *testing.B, steps float64) {
	ns := float64(b.Elapsed().Nanoseconds()) / steps
	b.ReportMetric(ns, "ns/agent-step")
	b.ReportMetric(1e9/ns, "agent-steps/s")
}

// BenchmarkRandomExchangeBare is the reference: one tick of the bare loop, on one
// goroutine whatever -cpu says.
func BenchmarkRandomExchangeBare(b *testing.B) {
	bal, recv := bareWorld()
	src := rand.NewPCG(1, 2)
	b.ReportAllocs()
	for b.Loop() {
		bareTick(bal, recv, src)
	}
	b.StopTimer()
	checkBare(b, bal)
	reportSteps(b, float64(b.N)*benchMembers)
}

// BenchmarkRandomExchangeBareRun is the bare loop's whole run: the balances made and
// filled, then 100 ticks.
func BenchmarkRandomExchangeBareRun(b *testing.B) {
	b.ReportAllocs()
	var bal []int64
	for b.Loop() {
		var recv []int64
		bal, recv = bareWorld()
		src := rand.NewPCG(1, 2)
		for range benchTicks {
			bareTick(bal, recv, src)
		}
	}
	b.StopTimer()
	checkBare(b, bal)
	reportSteps(b, float64(b.N)*benchMembers*benchTicks)
}

func benchExchange(b *testing.B, measureEvery int) *agents.RandomExchange {
	cfg := agents.Default()
	cfg.Model, cfg.Members, cfg.Ticks = "random_exchange", benchMembers, benchTicks
	cfg.Random.Rule, cfg.Random.InitialBalance, cfg.Random.MeasureEvery = "unit", benchInitial, measureEvery
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	m, err := agents.NewRandomExchange(cfg, 1)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// benchTicksOf measures one tick of the model stepped by sim.Start's run, as sim.Run
// steps it: its phase, its measurements and the conservation checks (the O(1) running
// totals every tick, the full scan every sim.DefaultCheckEvery ticks), on GOMAXPROCS
// workers, after two ticks of warm-up (the batches choose their credit arrays on the
// first).
func benchTicksOf(b *testing.B, measureEvery int) {
	const warm = 2
	run := startWarm(b, benchExchange(b, measureEvery), warm, sim.Options{Ticks: b.N})
	next := func() {
		if _, err := run.Next(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		next()
	}
	b.StopTimer()
	if err := run.Close(); err != nil {
		b.Fatal(err)
	}
	reportSteps(b, float64(b.N)*benchMembers)
}

// BenchmarkRandomExchangeUnit measures one tick of the unit rule at 100,000 members,
// the Gini coefficient and quantiles measured every tick (the default).
func BenchmarkRandomExchangeUnit(b *testing.B) { benchTicksOf(b, 1) }

// BenchmarkRandomExchangeUnitSampled is the same with random_exchange.measure_every: 10.
func BenchmarkRandomExchangeUnitSampled(b *testing.B) { benchTicksOf(b, 10) }

// BenchmarkRandomExchangeRun is the whole run as `copex run` makes it: the model
// built (100,000 accounts opened and issued their balance), then sim.Run for 100
// ticks with its default checks.
func BenchmarkRandomExchangeRun(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := benchExchange(b, 0)
		if _, err := sim.Run(m, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSteps(b, float64(b.N)*benchMembers*benchTicks)
}

// BenchmarkRandomExchangeSetup measures building the model: opening 100,000 accounts
// and issuing each its initial balance.
func BenchmarkRandomExchangeSetup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchExchange(b, 0)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchMembers, "ns/member")
}

// BenchmarkRandomExchangeRatio measures the two ratios with their references
// in the same moments: each iteration runs ten ticks of the bare loop, ten of the unit
// rule on one worker and ten on two (measuring every tick), and times each run of ten
// (runs, not single ticks, so that the two-worker model's helper goroutine is awake
// from tick to tick, as in a run, rather than woken for every tick). On a
// shared machine whose speed drifts by a third within minutes, separate benchmarks
// run a minute apart give ratios that move with the drift; interleaved ticks see the
// same machine. It reports engine/bare (the engine's speed on one worker as a share of
// the bare loop's) and 2w/1w (the engine's speed on two workers over its speed on
// one), besides ns/agent-step of the one-worker engine.
//
//	go test ./agents -run '^$' -bench RandomExchangeRatio -benchtime 200x -count 5
func BenchmarkRandomExchangeRatio(b *testing.B) {
	const warm, block = 2, 10
	bal, recv := bareWorld()
	src := rand.NewPCG(1, 2)
	start := func(workers int) *sim.Stepper {
		return startWarm(b, benchExchange(b, 1), warm, sim.Options{Ticks: block * b.N, Workers: workers})
	}
	one, two := start(1), start(2)
	var bare, t1, t2 time.Duration
	ticks := func(run *sim.Stepper, d *time.Duration) {
		t0 := time.Now()
		for range block {
			if _, err := run.Next(); err != nil {
				b.Fatal(err)
			}
		}
		*d += time.Since(t0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		for range block {
			bareTick(bal, recv, src)
		}
		bare += time.Since(t0)
		ticks(one, &t1)
		ticks(two, &t2)
	}
	b.StopTimer()
	for _, run := range []*sim.Stepper{one, two} {
		if err := run.Close(); err != nil {
			b.Fatal(err)
		}
	}
	checkBare(b, bal)
	b.ReportMetric(float64(bare)/float64(t1), "engine/bare")
	b.ReportMetric(float64(t1)/float64(t2), "2w/1w")
	b.ReportMetric(float64(t1.Nanoseconds())/float64(block*b.N)/benchMembers, "ns/agent-step")
}

package dao

import (
	"fmt"
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Bundles (seed 001 §1.2): a bundle is made of parts from several co-ops, each with a
// declared contribution share. A buyer pays the bundle's price, split among the parts'
// co-ops by the shares, which it may re-weight by what it values most: each share
// times a factor in [1-reweight, 1+reweight], renormalised. The split is exact
// (Splitter): the parts sum to the price to the micro-token.

type bundle struct {
	coops []int32 // the co-op making each part
	price ledger.Amount
}

// weightScale turns a re-weighted share (at most 1.9) into an integer weight: 2^40
// keeps 12 significant digits and Σ weights ≤ 16 × 1.9 × 2^40 < 2^45.
const weightScale = 1 << 40

// setupBundles chooses each bundle's co-ops: distinct live ones.
func (d *DAO) setupBundles() {
	d.seed(0, partBundles)
	for _, b := range d.cfg.Bundles {
		bs := bundle{coops: make([]int32, len(b.Shares)), price: ledger.Tokens(b.Price)}
		for j := range bs.coops {
			bs.coops[j] = -1
		}
		d.bundles = append(d.bundles, bs)
	}
	d.repairBundles()
}

// repairBundles replaces the closed co-ops of every bundle with live ones.
func (d *DAO) repairBundles() {
	for k := range d.bundles {
		cs := d.bundles[k].coops
		for j, c := range cs {
			if c >= 0 && d.h.CoopAlive(int(c)) {
				continue
			}
			cs[j] = -1
			for range 32 {
				x := int32(d.pickCoop(-1))
				if x < 0 {
					break
				}
				if !seenBefore(cs, x) {
					cs[j] = x
					break
				}
			}
		}
	}
}

// Reweight returns the weights of a buyer's split: share_j times factor_j, where
// factor_j = 1 + r·(2u_j - 1) for u_j in [0, 1), as integers (weightScale).
func Reweight(shares []float64, r float64, u []float64, w []int64) {
	for j, s := range shares {
		f := 1 + r*(2*u[j]-1)
		w[j] = max(1, int64(math.Round(s*f*weightScale)))
	}
}

// buyBundles makes this month's bundle purchases: buyers × members buyers of each
// bundle, drawn among the members, each paying from its spendable balance.
func (d *DAO) buyBundles(t sim.Tick) error {
	d.seed(t.Month, partBundles)
	d.repairBundles()
	var u [maxParts]float64
	for k := range d.bundles {
		bs := &d.bundles[k]
		cfg := &d.cfg.Bundles[k]
		if seenBefore(bs.coops, -1) || d.known == 0 {
			continue // not enough live co-ops
		}
		n := len(bs.coops)
		d.weights = grow(d.weights, n)
		d.parts = grow(d.parts, n)
		buyers := int(cfg.Buyers * float64(d.known))
		for range buyers {
			i := d.rng.IntN(d.known)
			for j := range n {
				u[j] = d.rng.Float64()
			}
			if !d.h.MemberActive(i) {
				continue
			}
			acct := d.h.MemberAccount(i)
			if d.l.Balance(acct) < bs.price {
				continue
			}
			Reweight(cfg.Shares, cfg.Reweight, u[:n], d.weights)
			if err := d.split.Split(bs.price, d.weights, d.parts); err != nil {
				return err
			}
			for j, c := range bs.coops {
				if d.parts[j] == 0 {
					continue
				}
				if err := d.l.Transfer(acct, d.h.CoopAccount(int(c)), d.parts[j], ledger.TxPurchase, int64(k)); err != nil {
					return fmt.Errorf("dao: bundle %s: %w", cfg.Name, err)
				}
				d.tick.bundlePaid += d.parts[j]
			}
			d.tick.bundlesSold++
		}
	}
	return nil
}

package tokenmarket

import "math"

// orderBook is a step's orders as functions of the price p (outside units a token):
// market buys of money (demand moneyBuy/p tokens), market sells of tokens, and the
// fundamentalists' schedules (fundamentalist i wants fw_i ln(value/p)/p tokens,
// bought with at most its cash, sold from at most its tokens).
type orderBook struct {
	moneyBuy, tokenSell float64
	value               float64
	fw, fcash, ftok     []float64
}

// excess is the book's excess demand for tokens at price p. Every order is
// non-increasing in p, so excess is too: the auction's price is where it crosses 0.
func (b *orderBook) excess(p float64) float64 {
	e := b.moneyBuy/p - b.tokenSell
	lv := math.Log(b.value / p)
	for i, w := range b.fw {
		d := w * lv / p
		if d > 0 {
			d = min(d, b.fcash[i]/p)
		} else {
			d = max(d, -b.ftok[i])
		}
		e += d
	}
	return e
}

// fundamentalist returns fundamentalist i's wish at price p: tokens to buy (> 0) or
// sell (< 0).
func (b *orderBook) fundamentalist(i int, p float64) float64 {
	d := b.fw[i] * math.Log(b.value/p) / p
	if d > 0 {
		return min(d, b.fcash[i]/p)
	}
	return max(d, -b.ftok[i])
}

// defence is the peg's defender's standing orders: below level it buys with all its
// money (demand money/p), above it sells all its tokens; at level it takes whatever
// the rest of the book leaves, within those.
type defence struct {
	on                   bool
	level, money, tokens float64
}

// total is the excess demand with the defender's orders away from the peg.
func total(b *orderBook, d defence, p float64) float64 {
	e := b.excess(p)
	if d.on {
		if p < d.level {
			e += d.money / p
		} else if p > d.level {
			e -= d.tokens
		}
	}
	return e
}

// solve returns the auction's price within [lo, hi] and whether it is the peg (the
// defender then absorbs the imbalance). The excess demand is non-increasing, with a
// drop at the peg; the price is where it crosses 0, found by bisection on log p
// (60 halvings of a band at most a factor 101^2 wide leave it within 1e-16 relative:
// below the micro-unit rounding that follows). At a bound with the excess still of
// one sign, the price stops there and the long side is rationed (the band is the
// step's price limit).
func solve(b *orderBook, d defence, lo, hi float64) (p float64, atPeg bool) {
	if d.on && d.level >= lo && d.level <= hi {
		e := b.excess(d.level)
		if e <= d.tokens && e >= -d.money/d.level {
			return d.level, true
		}
		if e > d.tokens {
			lo = d.level
		} else {
			hi = d.level
		}
	}
	return bisect(b, d, lo, hi), false
}

func bisect(b *orderBook, d defence, lo, hi float64) float64 {
	if total(b, d, lo) <= 0 {
		return lo
	}
	if total(b, d, hi) >= 0 {
		return hi
	}
	a, z := math.Log(lo), math.Log(hi)
	for range 60 {
		mid := (a + z) / 2
		if total(b, d, math.Exp(mid)) > 0 {
			a = mid
		} else {
			z = mid
		}
	}
	return math.Exp((a + z) / 2)
}

// fill turns the orders into exact trades at price p: each order's wish at p in
// micro-tokens (rounded down, within its owner's cash and tokens), the defender's at
// the peg the imbalance of the rest, the traded volume the smaller side, the longer
// side rationed in proportion (cumulative rounding, so fills add up to the volume),
// and the money, volume x p rounded down, split among buyers and among sellers the
// same way. Every trade is then applied to its owner's holdings. nb and ns are the
// market orders in m.buyID/buyQ (money) and m.sellID/sellQ (tokens); the
// fundamentalists follow.
func (m *Market) fill(p Price, nb, ns, nf int, perceived float64, atPeg bool) Result {
	pf := float64(p) / Micro
	ob := orderBook{value: perceived, fw: m.fw[:nf], fcash: m.fcash[:nf], ftok: m.ftok[:nf]}
	// the fundamentalists' sells join the market sells: each is within its owner's
	// tokens, so together they are within the supply and add up without overflow
	for i := range nf {
		if d := ob.fundamentalist(i, pf); d < 0 {
			id := m.fid[i]
			if q := toMicro(-d, m.tok[id]); q > 0 {
				m.sellID[ns], m.sellQ[ns] = id, q
				ns++
			}
		}
	}
	var dem, sup int64
	for _, q := range m.sellQ[:ns] {
		sup += q
	}
	// A buy wish (money / price, unbounded as the price falls) is capped at
	// MaxInt64/(orders+1) micro-tokens, so that the wishes add up without overflow; the
	// cap is 9.2e18/(traders+4): for a market of 500 traders 1.8e10 tokens, far above
	// the supplies scenarios issue; where it binds it only evens out the rations of
	// buyers who each want more than it (TestExtremes drives it).
	capQ := math.MaxInt64 / int64(len(m.buyQ)+1)
	for k := range nb {
		m.buyQ[k] = min(afford(m.buyQ[k], p), capQ)
	}
	for i := range nf {
		if d := ob.fundamentalist(i, pf); d > 0 {
			id := m.fid[i]
			if q := min(toMicro(d, afford(m.cash[id], p)), capQ); q > 0 {
				m.buyID[nb], m.buyQ[nb] = id, q
				nb++
			}
		}
	}
	for _, q := range m.buyQ[:nb] {
		dem += q
	}
	// the defender
	if m.cfg.Peg.Kind != PegNone {
		var dbuy, dsell int64
		switch {
		case atPeg && dem > sup:
			dsell = min(dem-sup, m.defAvail)
		case atPeg:
			dbuy = min(sup-dem, afford(m.reserve, p))
		case p < m.peg:
			dbuy = min(afford(m.reserve, p), capQ)
		default:
			dsell = m.defAvail
		}
		if dbuy > 0 {
			m.buyID[nb], m.buyQ[nb] = idDefender, dbuy
			nb++
			dem += dbuy
		}
		if dsell > 0 {
			m.sellID[ns], m.sellQ[ns] = idDefender, dsell
			ns++
			sup += dsell
		}
	}
	vol := min(dem, sup)
	var res Result
	if vol == 0 {
		return res
	}
	money := value(vol, p)
	res.Volume, res.Value = vol, money
	m.settle(&res, m.buyID[:nb], m.buyQ[:nb], dem, vol, money, true)
	m.settle(&res, m.sellID[:ns], m.sellQ[:ns], sup, vol, money, false)
	return res
}

// settle fills one side's orders: wishes qs of the participants ids, wanting want in
// all, get vol in all (pro rata when want > vol) and pay (buyers) or receive
// (sellers) money in proportion to their fills.
func (m *Market) settle(res *Result, ids []int32, qs []int64, want, vol int64, money Cash, buyer bool) {
	fills := m.fillQ[:len(qs)]
	if want > vol {
		Share(vol, qs, fills)
	} else {
		copy(fills, qs)
	}
	pays := m.fillM[:len(qs)]
	Share(money, fills, pays)
	sign := int64(1)
	if !buyer {
		sign = -1
	}
	for k, id := range ids {
		q, c := sign*fills[k], -sign*pays[k] // tokens in, cash in
		switch id {
		case idCoalition:
			m.co.tok += q
			m.co.cash += c
		case idPlatform:
			if buyer {
				res.Bought, res.BoughtWith = fills[k], pays[k]
			} else {
				res.Sold, res.SoldFor = fills[k], pays[k]
			}
		case idDefender:
			m.defNet += q
			m.reserve += c
			if buyer {
				res.DefBought, res.DefPaid = fills[k], pays[k]
			} else {
				res.DefSold, res.DefReceived = fills[k], pays[k]
			}
		default:
			m.tok[id] += q
			m.cash[id] += c
		}
	}
}

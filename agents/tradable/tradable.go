package tradable

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
	"github.com/copex/copex/sim/tokenmarket"
)

// purpose is the subsystem's random stream.
const purpose = sim.PurposeTradable

// window is the number of ticks market_volatility looks back over.
const window = 12

// Subsystem is the tradable token: the market, the traders' external account, and
// the members' and co-ops' outside money.
type Subsystem struct {
	cfg Config
	h   sim.Host
	m   *tokenmarket.Market

	src     rand.PCG
	rng     *rand.Rand
	custody ledger.AccountID // the traders' and coalition's tokens (an external account)
	p0      float64          // opening mean co-op price
	price0  tokenmarket.Price
	value0  float64

	mcash, ccash []tokenmarket.Cash // outside money of each member and co-op
	held         tokenmarket.Cash   // their sum

	// a month's conversion orders: the account, its owner (member i, or co-op ^c),
	// the tokens offered or the cash spent; fills and payments
	sellAcct, buyAcct   []ledger.AccountID
	sellOwner, buyOwner []int32
	sellQ, buyM         []int64
	fillQ, fillM        []int64

	// review of a sliding peg: prices since the last review
	sumPrice tokenmarket.Price
	nPrice   int64

	rets [window]float64
	nret int

	t   stats // this tick's flows
	col cols
}

type stats struct {
	volume, out, in      int64
	outCash, inCash      tokenmarket.Cash
	offPeg               int64
	value, ret           float64
	defBought, defSold   int64
	defPaid, defReceived tokenmarket.Cash
}

type cols struct {
	price, peg, volume, value, ret, vol, off                  sim.Col
	reserve, gain, defNet                                     sim.Col
	specTokens, specCash, specGain, coTokens, chartists, fund sim.Col
	out, in, outCash, inCash, outsideHeld                     sim.Col
}

// New builds the subsystem over host h (nil: for listing its phases and columns).
func New(cfg Config, h sim.Host) (*Subsystem, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Rounds == 0 {
		cfg.Rounds = 1
	}
	if cfg.Peg.Review == 0 {
		cfg.Peg.Review = 1
	}
	if cfg.Convert.From == 0 {
		cfg.Convert.From = 1
	}
	s := &Subsystem{cfg: cfg, h: h}
	if h == nil {
		return s, nil
	}
	mc, err := cfg.market()
	if err != nil {
		return nil, sim.Fieldf("traders", "%v", err)
	}
	s.rng = rand.New(&s.src)
	sim.Seed(&s.src, h.Seed(), 0, 0, purpose)
	s.price0 = cash(cfg.Price)
	if s.m, err = tokenmarket.New(mc, s.price0, s.rng); err != nil {
		return nil, sim.Fieldf("traders", "%v", err)
	}
	s.value0 = cfg.Value
	if s.value0 == 0 {
		s.value0 = cfg.Price
	}
	s.p0 = s.meanPrice()
	l := h.Ledger()
	s.custody = l.Open(ledger.KindExternal)
	if tok, _ := s.m.Holdings(); tok > 0 {
		if err := l.Issue(s.custody, tok, 0, ledger.TxConversion, 0); err != nil {
			return nil, fmt.Errorf("tradable: the traders' opening tokens: %w", err)
		}
	}
	s.grow()
	return s, nil
}

// meanPrice is the mean price a unit of the trading co-ops, in tokens (0: none).
func (s *Subsystem) meanPrice() float64 {
	var sum float64
	n := 0
	for c := range s.h.Coops() {
		if s.h.CoopAlive(c) {
			if p := s.h.CoopPrice(c); p > 0 {
				sum += float64(p)
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n) / float64(ledger.Unit)
}

// grow sizes the per-member and per-co-op arrays to the host's counts.
func (s *Subsystem) grow() {
	nm, nc := s.h.Members(), s.h.Coops()
	if d := nm - len(s.mcash); d > 0 {
		s.mcash = append(s.mcash, make([]tokenmarket.Cash, d)...)
	}
	if d := nc - len(s.ccash); d > 0 {
		s.ccash = append(s.ccash, make([]tokenmarket.Cash, d)...)
	}
	if n := nm + nc; cap(s.sellQ) < n {
		n += n / 4
		s.sellAcct, s.buyAcct = make([]ledger.AccountID, 0, n), make([]ledger.AccountID, 0, n)
		s.sellOwner, s.buyOwner = make([]int32, 0, n), make([]int32, 0, n)
		s.sellQ, s.buyM = make([]int64, 0, n), make([]int64, 0, n)
		s.fillQ, s.fillM = make([]int64, n), make([]int64, n)
	}
}

// Register adds the subsystem's phase and columns.
func (s *Subsystem) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "tradable/market", Stage: sim.StageTrade, Cadence: sim.EveryTick, Run: s.run})
	s.registerColumns(r)
}

// errBooks reports the traders' external account out of step with the market's books.
var errBooks = errors.New("tradable: the traders' external account differs from the market's books")

// run is a tick of the market: at a month's start the peg's review and the members'
// and co-ops' conversion orders; then the tick's auctions, their fills applied to the
// ledger.
func (s *Subsystem) run(t sim.Tick) error {
	s.grow()
	sim.Seed(&s.src, s.h.Seed(), 0, t.N, purpose)
	s.t = stats{}
	value := s.value0
	if mp := s.meanPrice(); mp > 0 && s.p0 > 0 {
		value = s.value0 * s.p0 / mp
	}
	value = min(max(value, 1e-6), float64(tokenmarket.MaxPrice)/tokenmarket.Micro)
	s.t.value = value
	s.sellAcct, s.sellOwner, s.sellQ = s.sellAcct[:0], s.sellOwner[:0], s.sellQ[:0]
	s.buyAcct, s.buyOwner, s.buyM = s.buyAcct[:0], s.buyOwner[:0], s.buyM[:0]
	if t.MonthStart {
		if t.Month > 1 && (t.Month-1)%s.cfg.Peg.Review == 0 && s.nPrice > 0 {
			s.m.Review(s.sumPrice / s.nPrice)
			s.sumPrice, s.nPrice = 0, 0
		}
		if t.Month >= s.cfg.Convert.From {
			s.orders(value)
		}
	}
	l := s.h.Ledger()
	for round := range s.cfg.Rounds {
		in := tokenmarket.Input{Value: value}
		if round == 0 {
			for _, q := range s.sellQ {
				in.Sell += q
			}
			for _, m := range s.buyM {
				in.Spend += m
			}
			in.Spend = min(in.Spend, tokenmarket.MaxCash)
		}
		if sh := s.cfg.Peg.TokenShare; sh > 0 {
			in.DefenderTokens = max(ledger.Scale(l.Balance(s.h.Foundation()), sh), 0)
		}
		res, err := s.m.Step(in, s.rng)
		if err != nil {
			return fmt.Errorf("tradable: auction: %w", err)
		}
		if err := s.apply(res, round == 0); err != nil {
			return err
		}
		s.t.volume += res.Volume
		s.t.ret += res.Return
		if res.OffPeg {
			s.t.offPeg++
		}
		s.sumPrice += res.Price
		s.nPrice++
	}
	s.rets[s.nret%window] = s.t.ret
	s.nret++
	if tok, _ := s.m.Holdings(); tok != l.Holdings(s.custody) {
		return fmt.Errorf("%w: %d micro-tokens on the ledger, %d in the books", errBooks, l.Holdings(s.custody), tok)
	}
	return nil
}

// orders places this month's conversions: each active member and trading co-op
// converts with its chance, selling out of its balance or spending in of its outside
// money (with when: premium, only selling above the value and buying below).
func (s *Subsystem) orders(value float64) {
	cv := s.cfg.Convert
	if cv.Members == 0 && cv.Coops == 0 {
		return
	}
	p := float64(s.m.Price()) / tokenmarket.Micro
	sell, buy := true, true
	if cv.When == "premium" {
		sell, buy = p > value, p < value
	}
	l := s.h.Ledger()
	add := func(acct ledger.AccountID, owner int32, cash tokenmarket.Cash) {
		if sell {
			if q := ledger.Scale(l.Balance(acct), cv.Out); q > 0 {
				s.sellAcct, s.sellOwner, s.sellQ = append(s.sellAcct, acct), append(s.sellOwner, owner), append(s.sellQ, q)
			}
		}
		if buy {
			if m := ledger.Scale(cash, cv.In); m > 0 {
				s.buyAcct, s.buyOwner, s.buyM = append(s.buyAcct, acct), append(s.buyOwner, owner), append(s.buyM, m)
			}
		}
	}
	if cv.Members > 0 {
		for i := range s.h.Members() {
			if s.rng.Float64() < cv.Members && s.h.MemberActive(i) {
				add(s.h.MemberAccount(i), int32(i), s.mcash[i])
			}
		}
	}
	if cv.Coops > 0 {
		for c := range s.h.Coops() {
			if s.rng.Float64() < cv.Coops && s.h.CoopAlive(c) {
				add(s.h.CoopAccount(c), ^int32(c), s.ccash[c])
			}
		}
	}
}

// apply moves an auction's fills on the ledger: the platform's sales to the traders'
// account and its buy-backs from it, split among the converters in proportion to
// their orders (cumulative rounding), and the Foundation's trades at the peg.
func (s *Subsystem) apply(res tokenmarket.Result, platform bool) error {
	l := s.h.Ledger()
	if platform && res.Sold > 0 {
		n := len(s.sellQ)
		tokenmarket.Share(res.Sold, s.sellQ, s.fillQ[:n])
		tokenmarket.Share(res.SoldFor, s.fillQ[:n], s.fillM[:n])
		for k := range n {
			if q := s.fillQ[k]; q > 0 {
				if err := l.Transfer(s.sellAcct[k], s.custody, q, ledger.TxConversion, 0); err != nil {
					return fmt.Errorf("tradable: conversion out: %w", err)
				}
			}
			*s.outside(s.sellOwner[k]) += s.fillM[k]
			s.held += s.fillM[k]
		}
		s.t.out += res.Sold
		s.t.outCash += res.SoldFor
	}
	if platform && res.Bought > 0 {
		n := len(s.buyM)
		tokenmarket.Share(res.Bought, s.buyM, s.fillQ[:n])
		tokenmarket.Share(res.BoughtWith, s.buyM, s.fillM[:n])
		for k := range n {
			if q := s.fillQ[k]; q > 0 {
				if err := l.Transfer(s.custody, s.buyAcct[k], q, ledger.TxConversion, 0); err != nil {
					return fmt.Errorf("tradable: conversion in: %w", err)
				}
			}
			*s.outside(s.buyOwner[k]) -= s.fillM[k]
			s.held -= s.fillM[k]
		}
		s.t.in += res.Bought
		s.t.inCash += res.BoughtWith
	}
	if res.DefBought > 0 {
		if err := l.Transfer(s.custody, s.h.Foundation(), res.DefBought, ledger.TxConversion, 0); err != nil {
			return fmt.Errorf("tradable: the Foundation's purchase at the peg: %w", err)
		}
	}
	if res.DefSold > 0 {
		if err := l.Transfer(s.h.Foundation(), s.custody, res.DefSold, ledger.TxConversion, 0); err != nil {
			return fmt.Errorf("tradable: the Foundation's sale at the peg: %w", err)
		}
	}
	s.t.defBought += res.DefBought
	s.t.defSold += res.DefSold
	return nil
}

func (s *Subsystem) outside(owner int32) *tokenmarket.Cash {
	if owner < 0 {
		return &s.ccash[^owner]
	}
	return &s.mcash[owner]
}

// volatility is the standard deviation of the last window ticks' log returns.
func (s *Subsystem) volatility() float64 {
	n := min(s.nret, window)
	if n < 2 {
		return 0
	}
	var m, v float64
	for _, r := range s.rets[:n] {
		m += r
	}
	m /= float64(n)
	for _, r := range s.rets[:n] {
		v += (r - m) * (r - m)
	}
	return math.Sqrt(v / float64(n-1))
}

package tokenmarket

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Kind is a trader's strategy.
type Kind uint8

// Strategies (Lux & Marchesi's three groups).
const (
	Fundamentalist Kind = iota // trades toward the value
	Optimist                   // a chartist buying
	Pessimist                  // a chartist selling
	numKinds
)

var kindNames = [...]string{"fundamentalist", "optimist", "pessimist"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Input is what the platform brings to a step's auction.
type Input struct {
	// Value is the token's value in outside units a token: its purchasing power on
	// the platform, what fundamentalists trade toward. It must be above 0.
	Value float64
	// Sell is the tokens members and co-ops offer (a market order, micro-tokens).
	Sell int64
	// Spend is the outside money members and co-ops spend buying tokens back (a
	// market order, micro-units).
	Spend Cash
	// DefenderTokens is what the peg's defender (the Foundation) may sell at the peg
	// this step, micro-tokens; it is the caller's to hand over (the Foundation's
	// tokens are on the ledger).
	DefenderTokens int64
}

// Result is what a step's auction did. Quantities are micro-tokens, money micro-units.
type Result struct {
	Price  Price   // the clearing price
	Return float64 // ln(Price / last step's price)
	Volume int64   // tokens traded
	Value  Cash    // what they were paid for

	Sold, Bought         int64 // the platform's sell and buy orders' fills
	SoldFor, BoughtWith  Cash  // and their money
	DefBought, DefSold   int64 // the defender's fills
	DefPaid, DefReceived Cash  // and its money
	// OffPeg is set when a peg is in force and the price cleared away from it: the
	// defender's reserves (of money below the peg, of tokens above it) fell short of
	// the pressure.
	OffPeg bool
}

// Market is an exchange market for the token against the outside currency, cleared
// once a step by a call auction. Make it with New; it is not safe for concurrent use.
type Market struct {
	cfg    Config
	kind   []Kind
	cash   []Cash
	tok    []int64
	counts [numKinds]int
	price  Price
	ret    float64 // last step's log return: the chartists' trend
	step   int

	co struct {
		cash     Cash
		tok      int64
		perStep  Cash // what a pump step spends this cycle
		dumpLeft int64
	}

	peg      Price
	reserve  Cash
	defNet   int64 // tokens the defender bought less sold
	cash0    Cash  // the defender's starting reserve
	defAvail int64 // this step's Input.DefenderTokens

	// scratch, sized at New: no allocation in Step
	fw, fcash, ftok []float64 // fundamentalists' reaction x wealth, cash and tokens, in units
	fid             []int32
	buyID, sellID   []int32
	buyQ, sellQ     []int64
	fillQ, fillM    []int64
}

// Participants other than the traders, numbered after them in the order lists.
const (
	idCoalition = -1
	idPlatform  = -2
	idDefender  = -3
)

// New returns a market at price p0 (micro-units a token, above 0), its traders' kinds
// drawn from r (which may be nil for a market with no traders).
func New(cfg Config, p0 Price, r *rand.Rand) (*Market, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if p0 < 1 || p0 > MaxPrice {
		return nil, fmt.Errorf("price: %d micro-units a token, want 1 to %d", p0, MaxPrice)
	}
	n := cfg.Traders
	m := &Market{cfg: cfg, price: p0, peg: cfg.Peg.Level, reserve: cfg.Peg.Reserve, cash0: cfg.Peg.Reserve,
		kind: make([]Kind, n), cash: make([]Cash, n), tok: make([]int64, n),
		fw: make([]float64, n), fcash: make([]float64, n), ftok: make([]float64, n), fid: make([]int32, n),
		buyID: make([]int32, n+3), sellID: make([]int32, n+3), buyQ: make([]int64, n+3), sellQ: make([]int64, n+3),
		fillQ: make([]int64, n+3), fillM: make([]int64, n+3)}
	m.co.cash = cfg.Coalition.Budget
	nc := int(math.Round(cfg.Chartists * float64(n)))
	for i := range n {
		m.cash[i], m.tok[i] = cfg.Cash, cfg.Tokens
	}
	// chartists are a random nc of the traders, alternately optimists and pessimists
	var perm []int
	if n > 0 {
		perm = r.Perm(n)
	}
	for k, i := range perm {
		switch {
		case k >= nc:
			m.kind[i] = Fundamentalist
		case k%2 == 0:
			m.kind[i] = Optimist
		default:
			m.kind[i] = Pessimist
		}
		m.counts[m.kind[i]]++
	}
	return m, nil
}

// Price is the last clearing price (at New, the starting price).
func (m *Market) Price() Price { return m.price }

// Peg is the peg's level (0 with no peg).
func (m *Market) Peg() Price {
	if m.cfg.Peg.Kind == PegNone {
		return 0
	}
	return m.peg
}

// Reserve is the defender's outside money left.
func (m *Market) Reserve() Cash { return m.reserve }

// DefenderGain is the defender's gain (negative: loss) from defending the peg, in
// micro-units: the change in its outside money plus the tokens it bought less those
// it sold, valued at the last price.
func (m *Market) DefenderGain() Cash {
	return m.reserve - m.cash0 + signedValue(m.defNet, m.price)
}

// DefenderNet is the tokens the defender bought less those it sold.
func (m *Market) DefenderNet() int64 { return m.defNet }

// Counts returns the traders of each kind.
func (m *Market) Counts() (fundamentalists, optimists, pessimists int) {
	return m.counts[Fundamentalist], m.counts[Optimist], m.counts[Pessimist]
}

// Holdings returns the tokens and outside money the traders and the coalition hold.
func (m *Market) Holdings() (tokens int64, cash Cash) {
	for i := range m.tok {
		tokens += m.tok[i]
		cash += m.cash[i]
	}
	return tokens + m.co.tok, cash + m.co.cash
}

// Gain is the traders' and coalition's gain since the start, in micro-units: their
// outside money and tokens at the last price, less what they started with at the
// starting price p0.
func (m *Market) Gain(p0 Price) Cash {
	tok, cash := m.Holdings()
	start := Cash(m.cfg.Traders)*m.cfg.Cash + m.cfg.Coalition.Budget
	return cash - start + signedValue(tok, m.price) - signedValue(int64(m.cfg.Traders)*m.cfg.Tokens, p0)
}

// Coalition returns the coalition's tokens and outside money.
func (m *Market) Coalition() (tokens int64, cash Cash) { return m.co.tok, m.co.cash }

func signedValue(q int64, p Price) Cash {
	if q < 0 {
		return -value(-q, p)
	}
	return value(q, p)
}

// Review moves a sliding peg toward mean, the market's mean price since the last
// review: by Peg.Speed of the gap, rounded once. Other pegs stay.
func (m *Market) Review(mean Price) {
	if m.cfg.Peg.Kind != PegSliding || mean < 1 {
		return
	}
	m.peg = min(max(m.peg+Price(math.Round(m.cfg.Peg.Speed*float64(mean-m.peg))), 1), MaxPrice)
}

// ErrInput is returned for an Input out of range.
var ErrInput = errors.New("tokenmarket: input out of range")

// Step runs one call auction: traders revise their strategies (with Switching on),
// place their orders with the platform's and the defender's, and the market clears
// at one price. r draws the switching and the fundamentalists' error (it may be nil
// when the market draws nothing: no switching and no noise).
func (m *Market) Step(in Input, r *rand.Rand) (Result, error) {
	if !(in.Value > 0) || in.Value > float64(MaxPrice)/Micro || in.Sell < 0 || in.Spend < 0 || in.Spend > MaxCash || in.DefenderTokens < 0 {
		return Result{}, ErrInput
	}
	m.step++
	prev := m.price
	pPrev := float64(prev) / Micro
	if m.cfg.Switching && len(m.kind) > 0 {
		m.revise(in.Value, pPrev, r)
	}
	perceived := in.Value
	if m.cfg.Noise > 0 {
		perceived *= math.Exp(m.cfg.Noise * r.NormFloat64())
	}
	m.defAvail = in.DefenderTokens

	// market orders in money (buys) and tokens (sells), and the fundamentalists'
	// schedules
	nb, ns, nf := 0, 0, 0
	var moneyBuy, tokenSell float64
	addBuy := func(id int32, money Cash) {
		if money > 0 {
			m.buyID[nb], m.buyQ[nb] = id, money // money for now; desires at the price later
			nb++
			moneyBuy += float64(money) / Micro
		}
	}
	addSell := func(id int32, q int64) {
		if q > 0 {
			m.sellID[ns], m.sellQ[ns] = id, q
			ns++
			tokenSell += float64(q) / Micro
		}
	}
	for i, k := range m.kind {
		switch k {
		case Optimist:
			addBuy(int32(i), Cash(m.cfg.Trade*float64(m.cash[i])))
		case Pessimist:
			addSell(int32(i), min(int64(m.cfg.Trade*float64(m.tok[i])), m.tok[i])) // the float may round up past 2^53
		default:
			w := float64(m.cash[i])/Micro + float64(m.tok[i])/Micro*pPrev
			m.fw[nf], m.fcash[nf], m.ftok[nf], m.fid[nf] = m.cfg.Reaction*w, float64(m.cash[i])/Micro, float64(m.tok[i])/Micro, int32(i)
			nf++
		}
	}
	buy, sell := m.coalitionOrders()
	addBuy(idCoalition, buy)
	addSell(idCoalition, sell)
	addBuy(idPlatform, in.Spend)
	addSell(idPlatform, in.Sell)

	lo, hi := pPrev/(1+m.cfg.Band), pPrev*(1+m.cfg.Band)
	ob := orderBook{moneyBuy: moneyBuy, tokenSell: tokenSell, value: perceived, fw: m.fw[:nf], fcash: m.fcash[:nf], ftok: m.ftok[:nf]}
	pegged := m.cfg.Peg.Kind != PegNone
	var def defence
	if pegged {
		def = defence{on: true, level: float64(m.peg) / Micro, money: float64(m.reserve) / Micro, tokens: float64(in.DefenderTokens) / Micro}
	}
	pf, atPeg := solve(&ob, def, lo, hi)
	p := Price(math.Round(pf * Micro))
	if atPeg {
		p = m.peg
	}
	// the band in micro-units, at least one micro-unit each way so a tiny price can move
	pl := max(min(Price(math.Ceil(lo*Micro)), prev-1), 1)
	ph := min(max(Price(hi*Micro), prev+1), MaxPrice)
	p = min(max(p, pl), ph)
	if pegged && p == m.peg {
		atPeg = true
	}
	res := m.fill(p, nb, ns, nf, perceived, atPeg)
	res.Price = p
	res.Return = math.Log(float64(p) / float64(prev))
	res.OffPeg = pegged && p != m.peg
	m.price, m.ret = p, res.Return
	return res, nil
}

// coalitionOrders returns the coalition's market orders this step.
func (m *Market) coalitionOrders() (buy Cash, sell int64) {
	c := m.cfg.Coalition
	if c.Budget == 0 || m.step <= c.Start {
		return 0, 0
	}
	t := m.step - c.Start - 1 // 0 at the first step of the first cycle
	if c.Every > 0 {
		t %= c.Every
	} else if t >= c.Pump+c.Hold+c.Dump {
		return 0, 0
	}
	switch {
	case t == 0:
		m.co.perStep = min(m.co.cash, c.Budget) / Cash(c.Pump)
		fallthrough
	case t < c.Pump:
		return min(m.co.perStep, m.co.cash), 0
	case t < c.Pump+c.Hold:
		return 0, 0
	case t < c.Pump+c.Hold+c.Dump:
		left := int64(c.Pump + c.Hold + c.Dump - t)
		return 0, (m.co.tok + left - 1) / left // sell the rest evenly, rounding up
	}
	return 0, 0
}

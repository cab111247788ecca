package tradable

import "github.com/copex/copex/sim"

// Outside money and prices are written like tokens, as exact decimals of their
// micro-units: columns named *_outside, market_price, market_peg and
// foundation_reserve are in outside units.
func (s *Subsystem) registerColumns(r *sim.Registry) {
	s.col = cols{
		price:       r.Amount("market_price", "the token's market price at the tick's last auction, outside units a token"),
		peg:         r.Amount("market_peg", "the peg, outside units a token (0: none)"),
		volume:      r.Amount("market_volume", "tokens traded on the market this tick"),
		value:       r.Ratio("market_value", "the token's value to fundamentalists: its purchasing power on the platform, outside units a token"),
		ret:         r.Ratio("market_return", "log return of the market price over the tick"),
		vol:         r.Ratio("market_volatility", "standard deviation of the last 12 ticks' log returns"),
		off:         r.Count("market_off_peg", "auctions this tick that cleared away from the peg (the Foundation's reserves short of the pressure)"),
		reserve:     r.Amount("foundation_reserve", "the Foundation's outside reserves left for defending the peg, outside units"),
		gain:        r.Amount("foundation_peg_gain", "the Foundation's gain (negative: loss) from defending the peg since the start: reserves' change plus tokens bought less sold at the market price, outside units"),
		defNet:      r.Amount("foundation_peg_tokens", "tokens the Foundation bought less sold at the peg since the start"),
		specTokens:  r.Amount("speculators_tokens", "tokens the traders and the coalition hold"),
		specCash:    r.Amount("speculators_outside", "outside money the traders and the coalition hold, outside units"),
		specGain:    r.Amount("speculators_gain", "the traders' and coalition's gain since the start (holdings at the market price less the opening ones at the opening price), outside units"),
		coTokens:    r.Amount("coalition_tokens", "tokens the pump-and-dump coalition holds"),
		chartists:   r.Count("chartists", "traders who are chartists (optimists and pessimists)"),
		fund:        r.Count("fundamentalists", "traders who are fundamentalists"),
		out:         r.Amount("tokens_out", "tokens members and co-ops sold for outside money this tick (rule 3 lifted)"),
		in:          r.Amount("tokens_in", "tokens members and co-ops bought back with outside money this tick"),
		outCash:     r.Amount("conversion_outside_received", "outside money members and co-ops received for tokens this tick, outside units"),
		inCash:      r.Amount("conversion_outside_spent", "outside money members and co-ops spent buying tokens back this tick, outside units"),
		outsideHeld: r.Amount("members_outside", "outside money members and co-ops hold, outside units"),
	}
	r.Measure(s.measure)
}

func (s *Subsystem) measure(m *sim.Metrics) {
	c := &s.col
	m.Set(c.price, s.m.Price())
	m.Set(c.peg, s.m.Peg())
	m.Set(c.volume, s.t.volume)
	m.SetFloat(c.value, s.t.value)
	m.SetFloat(c.ret, s.t.ret)
	m.SetFloat(c.vol, s.volatility())
	m.Set(c.off, s.t.offPeg)
	m.Set(c.reserve, s.m.Reserve())
	m.Set(c.gain, s.m.DefenderGain())
	m.Set(c.defNet, s.m.DefenderNet())
	tok, cash := s.m.Holdings()
	m.Set(c.specTokens, tok)
	m.Set(c.specCash, cash)
	m.Set(c.specGain, s.m.Gain(s.price0))
	co, _ := s.m.Coalition()
	m.Set(c.coTokens, co)
	f, o, p := s.m.Counts()
	m.Set(c.chartists, int64(o+p))
	m.Set(c.fund, int64(f))
	m.Set(c.out, s.t.out)
	m.Set(c.in, s.t.in)
	m.Set(c.outCash, s.t.outCash)
	m.Set(c.inCash, s.t.inCash)
	m.Set(c.outsideHeld, s.held)
}

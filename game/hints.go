package game

import (
	"fmt"
	"math"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// market returns the co-op's sector market at the end of the warm-up, the data a
// founder could find out before starting (computed once per sector).
func (g *Game) market() (agents.SectorMarket, error) {
	if g.hint != nil && g.hint.Sector == g.Sector() {
		return *g.hint, nil
	}
	w, err := NewWorld(g.Scenario, g.Seed)
	if err != nil {
		return agents.SectorMarket{}, err
	}
	if err := w.Advance(WarmupMonths); err != nil {
		return agents.SectorMarket{}, err
	}
	mk, err := w.Market(g.Sector())
	if err != nil {
		return agents.SectorMarket{}, err
	}
	g.hint = &mk
	return mk, nil
}

// Hint returns a prompt for canvas box id drawn from the simulated economy: what a
// founder could find out about the market before guessing. It is "" for boxes the
// market says nothing about.
func (g *Game) Hint(id string) string {
	mk, err := g.market()
	if err != nil {
		return ""
	}
	price := ledger.Float(mk.Price)
	founders := max(g.Founders(), 1)
	pay, _ := g.payGuess()
	switch id {
	case BoxPrice:
		return fmt.Sprintf("The going price in %s is about %.2f tokens a unit.", mk.Sector, price)
	case BoxHowMany:
		units := ledger.Float(mk.Demand+mk.Unmet) / math.Max(price, 1e-6)
		return fmt.Sprintf("Members order about %.0f units a month of %s from %d co-ops; one worker makes about %.0f a month. A new co-op wins a few per cent at first.",
			units, mk.Sector, mk.Coops, mk.Productivity)
	case BoxPay:
		return fmt.Sprintf("The going rate in %s is %s tokens a month.", mk.Sector, ledger.Format(mk.Wage))
	case BoxMarketing:
		return fmt.Sprintf("A tenth to a quarter of one worker's pay (%.0f to %.0f tokens a month) is a common start.", pay/10, pay/4)
	case BoxBurn:
		return "Most new co-ops take two to six months before income covers pay and costs."
	case BoxStartFunds:
		return fmt.Sprintf("Enough for the burn: %d founders × %.0f tokens × the months before income covers costs (three months: %.0f tokens).",
			founders, pay, float64(founders)*pay*3)
	case BoxOffering:
		return "Customers of a service come back every month; a product is sold once."
	}
	return ""
}

func (g *Game) payGuess() (float64, bool) {
	if x := g.Number(BoxPay); x > 0 {
		return x, true
	}
	if s, ok := g.world.Sector(g.Sector()); ok {
		return s.Wage, false
	}
	return 0, false
}

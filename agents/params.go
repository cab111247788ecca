package agents

import (
	"math"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/issuance"
)

// registerParams registers the settings that may change between ticks of a running
// economy, for the live view's sliders. Each is read afresh where it is used (the
// issuance rules each month, the levy and prices each tick, members' saving and
// spending each tick, the Foundation's spending each month), so a change takes effect
// from the next tick and leaves the state consistent. What is fixed when the economy is
// built stays fixed: its size, sectors, localities, clock, co-op types, the grant
// formula (its offer lines' projections depend on it) and the seed. A parameter is
// registered only where it has an effect: the release factor's value when it is fixed,
// its bounds when it is savings-adjusted, the smoothing weight for the smoothed formula,
// the price rule's own parameters, the re-routing markup when orders are re-routed.
func (e *Economy) registerParams(r *sim.Registry) {
	// setIssuance applies a change to the issuance section if the section still holds
	// together, and rebuilds the issuer (the offer lines keep their state).
	setIssuance := func(change func(c *issuance.Config)) error {
		c := e.cfg.Issuance
		change(&c)
		if err := validateIssuance(c); err != nil {
			return err
		}
		is, err := issuance.New(c)
		if err != nil {
			return err
		}
		e.cfg.Issuance, e.issuer = c, is
		return nil
	}
	issuanceParam := func(name, doc string, lo, hi float64, field func(c *issuance.Config) *float64) {
		r.Param(sim.Param{Name: name, Doc: doc, Min: lo, Max: hi,
			Get: func() float64 { return *field(&e.cfg.Issuance) },
			Set: func(v float64) error { return setIssuance(func(c *issuance.Config) { *field(c) = v }) }})
	}
	// The release factor's parameters are those its mode reads.
	if e.cfg.Issuance.ReleaseFactor.Mode == "savings_adjusted" {
		issuanceParam("issuance.release_factor.min", "lower clip of the savings-adjusted release factor k = 1/(1-s)", 0, 100,
			func(c *issuance.Config) *float64 { return &c.ReleaseFactor.Min })
		issuanceParam("issuance.release_factor.max", "upper clip of the savings-adjusted release factor k = 1/(1-s)", 0, 100,
			func(c *issuance.Config) *float64 { return &c.ReleaseFactor.Max })
	} else {
		issuanceParam("issuance.release_factor.value", "tokens issued per unit of offered value (fixed release factor)", 0, 100,
			func(c *issuance.Config) *float64 { return &c.ReleaseFactor.Value })
	}
	issuanceParam("issuance.foundation_share", "share of new tokens that goes to the Foundation", 0, 1,
		func(c *issuance.Config) *float64 { return &c.FoundationShare })
	if e.cfg.Issuance.Formula == "smoothed" {
		issuanceParam("issuance.smoothing", "weight of the latest month's sales in the smoothed projection", 0, 1,
			func(c *issuance.Config) *float64 { return &c.Smoothing })
	}
	r.Param(sim.Param{Name: "issuance.grant_expiry_months", Doc: "months a grant lot lives unspent (0: never); applies to grants issued from now on",
		Min: 0, Max: 1200,
		Get: func() float64 { return float64(e.cfg.Issuance.GrantExpiryMonths) },
		Set: func(v float64) error {
			return setIssuance(func(c *issuance.Config) { c.GrantExpiryMonths = int(math.Round(v)) })
		}})
	exchangeParam := func(name, doc string, lo, hi float64, field func(e *Economy) *float64) {
		r.Param(sim.Param{Name: name, Doc: doc, Min: lo, Max: hi,
			Get: func() float64 { return *field(e) },
			Set: func(v float64) error {
				*field(e) = v
				e.platform.SetConfig(e.cfg.Exchange)
				return nil
			}})
	}
	exchangeParam("exchange.levy_rate", "transport levy per unit of distance, share of the value traded", 0, 1,
		func(e *Economy) *float64 { return &e.cfg.Exchange.LevyRate })
	// The price rule's parameters are those its rule reads; the markup only when
	// rationed orders are re-routed.
	if e.cfg.Exchange.Prices.Rule == "step" {
		exchangeParam("exchange.prices.up", "step: relative price rise when an offer sells out", 0, 1,
			func(e *Economy) *float64 { return &e.cfg.Exchange.Prices.Up })
		exchangeParam("exchange.prices.down", "step: relative price fall when much is unsold", 0, 1,
			func(e *Economy) *float64 { return &e.cfg.Exchange.Prices.Down })
	} else {
		exchangeParam("exchange.prices.speed", "excess_demand: change of ln price a month at full excess demand", 0, 10,
			func(e *Economy) *float64 { return &e.cfg.Exchange.Prices.Speed })
	}
	if e.cfg.Exchange.Matching.Reroute {
		exchangeParam("exchange.matching.reroute_markup", "most a re-routed buyer pays above its first offer's price, share of it", 0, 100,
			func(e *Economy) *float64 { return &e.cfg.Exchange.Matching.RerouteMarkup })
	}
	plain := func(name, doc string, field *float64) {
		r.Param(sim.Param{Name: name, Doc: doc, Min: 0, Max: 1,
			Get: func() float64 { return *field },
			Set: func(v float64) error { *field = v; return nil }})
	}
	plain("member.save", "share of income members move to savings", &e.cfg.Member.Save)
	plain("member.spend", "share of spendable tokens members spend a month", &e.cfg.Member.Spend)
	plain("foundation.spend_rate", "share of its tokens the Foundation spends a month", &e.cfg.Foundation.SpendRate)
}

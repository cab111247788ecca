package runs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/copex/copex/render"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim/issuance"
)

// asRun describes the scenario as it ran, for the top of the run report: the size,
// the clock, the seed and the overrides in one line, and the settings a designer
// chooses (the grant formula and its coefficients, the release factor, the
// Foundation's share, grant expiry, the caps, the levy, matching and pricing), read
// from the configuration after the overrides, never from the file's description.
func asRun(sc *scenarios.Scenario, seed uint64, ticks int) (line string, settings []render.Figure) {
	c := &sc.Config
	var parts []string
	parts = append(parts, plural(c.Members, "member"))
	if c.Model != "random_exchange" {
		parts = append(parts, plural(c.Coops.Count+len(c.Founding), "co-op"), plural(len(c.Sectors), "sector"))
	}
	parts = append(parts, duration(c.Clock, ticks), "seed "+strconv.FormatUint(seed, 10))
	line = "As run: " + strings.Join(parts, ", ")
	if len(sc.Sets) > 0 {
		line += "; changed from " + sc.Source + " by --set " + strings.Join(sc.Sets, " --set ")
	}
	line += "."
	add := func(label, value string) { settings = append(settings, render.Figure{Label: label, Value: value}) }
	if c.Model == "random_exchange" {
		add("Model", "random exchange ("+c.Random.Rule+" rule)")
		add("Initial balance", num(c.Random.InitialBalance)+" tokens")
		return line, settings
	}
	is := &c.Issuance
	add("Grant formula", formula(is))
	add("Release factor k", release(is.ReleaseFactor))
	share := pct(is.FoundationShare)
	if is.FoundationShareRamp.Months > 0 {
		share += " → " + pct(is.FoundationShareRamp.To) + " over " + plural(is.FoundationShareRamp.Months, "month")
	}
	add("Foundation share f", share)
	if is.GrantExpiryMonths == 0 {
		add("Grant expiry", "never")
	} else {
		add("Grant expiry", "after "+plural(is.GrantExpiryMonths, "month")+" unspent")
	}
	caps := "none"
	var cs []string
	if is.GrowthCap.OfferedValue > 0 {
		cs = append(cs, "no issuance past "+num(is.GrowthCap.OfferedValue)+" tokens on offer")
	}
	if is.GrowthCap.MonthlyIssuance > 0 {
		cs = append(cs, "at most "+num(is.GrowthCap.MonthlyIssuance)+" tokens a month")
	}
	if len(cs) > 0 {
		caps = strings.Join(cs, "; ")
	}
	add("Growth caps", caps)
	if is.Investment.Enabled {
		add("Investment issuance", fmt.Sprintf("%s tokens a start-up, obligation within %s", num(is.Investment.PerStartup), plural(is.Investment.ObligationMonths, "month")))
	} else {
		add("Investment issuance", "off")
	}
	if c.Giveaway.Amount > 0 {
		add("Giveaway", fmt.Sprintf("%s tokens in month %d", num(c.Giveaway.Amount), c.Giveaway.Month))
	}
	ex := &c.Exchange
	add("Levy rate", pct(ex.LevyRate)+" of value a unit of distance")
	add("Matching", fmt.Sprintf("%s of %d candidates (weights: price %s, reputation %s, distance %s)", ex.Matching.Rule, ex.Matching.Candidates,
		num(ex.Matching.Price), num(ex.Matching.Reputation), num(ex.Matching.Distance)))
	if c.Fixed.Prices {
		add("Prices", "fixed")
	} else {
		add("Prices", fmt.Sprintf("%s: up %s when sold out, down %s when over %s unsold", ex.Prices.Rule, pct(ex.Prices.Up), pct(ex.Prices.Down), pct(ex.Prices.Unsold)))
	}
	add("Members save", pct(c.Member.Save)+" of income")
	return line, settings
}

// formula describes the grant formula and the coefficients it reads.
func formula(is *issuance.Config) string {
	switch is.Formula {
	case "smoothed":
		return fmt.Sprintf("smoothed (a = %s, projection from %s)", num(is.Smoothing), is.Projection)
	case "monthly_projection":
		return "monthly projection (from " + is.Projection + ")"
	case "expression":
		return "expression: " + strings.Join(strings.Fields(is.Expression), " ")
	case "none":
		return "none (no grants)"
	}
	return strings.ReplaceAll(is.Formula, "_", " ")
}

// release describes the release factor k.
func release(rf issuance.ReleaseFactor) string {
	if rf.Mode == "savings_adjusted" {
		return fmt.Sprintf("1/(1 − savings share), clipped to %s–%s", num(rf.Min), num(rf.Max))
	}
	return "fixed at " + num(rf.Value)
}

func plural(n int, what string) string {
	s := render.Count(int64(n)) + " " + what
	if n != 1 {
		s += "s"
	}
	return s
}

// duration writes a run's length: "12 months", "10 years" (120 months), "52 weeks".
func duration(clock string, ticks int) string {
	unit := "month"
	if clock == "week" {
		unit = "week"
	}
	s := plural(ticks, unit)
	if unit == "month" && ticks >= 24 && ticks%12 == 0 {
		s += " (" + plural(ticks/12, "year") + ")"
	}
	return s
}

func num(v float64) string {
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return render.Count(int64(v))
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func pct(v float64) string { return strconv.FormatFloat(v*100, 'g', 4, 64) + "%" }

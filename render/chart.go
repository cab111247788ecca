package render

import (
	"fmt"
	"os"
	"slices"

	"github.com/copex/copex/sim"
)

// runChart describes one chart of a run.
type runChart struct {
	name, title, ylabel string
	// series returns the chart's lines; none means the data are absent and the chart
	// is skipped.
	series func(t *sim.Table) []Series
	ref    bool // draw a reference line at 1
	zero   bool // start the y axis at 0 (or lower, for negative data)
	unit   bool // show at least 0..1 on the y axis
	whole  bool // the values are counts
	sparse bool // leave out lines that stay at 0, and the chart when all do
}

// runCharts are the charts of a run, in the order Charts writes them.
var runCharts = []runChart{
	{
		name: "supply", title: "Token supply, circulation and offered value", ylabel: "tokens", zero: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "supply", "supply", "circulating", "circulating", "offered_value", "offered value (this month)")
		},
	},
	{
		name: "balance_ratio", title: "Balance ratio (circulating tokens / offered value)", ylabel: "balance ratio", ref: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "balance_ratio", "balance ratio", "balance_ratio_purchase", "at purchase (members' spendable / on offer then)")
		},
	},
	{
		name: "grants", title: "Grant tokens: issued and expired each tick, live at its end", ylabel: "tokens", zero: true,
		series: func(t *sim.Table) []Series {
			out := perTick(columns(t, "issued", "issued", "expired", "expired"))
			if len(out) == 0 {
				return nil
			}
			return append(out, columns(t, "grant_tokens", "live grant lots", "grants_netted", "withheld by netting")...)
		},
	},
	{
		name: "money", title: "Where the money is", ylabel: "tokens", zero: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "member_cash", "members' cash", "member_savings", "members' savings", "coop_treasuries", "co-op treasuries",
				"foundation_balance", "the Foundation")
		},
	},
	{
		name: "price_index", title: "Price index", ylabel: "price index (1 at the start)", ref: true,
		series: func(t *sim.Table) []Series { return columns(t, "price_index", "price index") },
	},
	{
		name: "unmet_wants", title: "Unmet wants by category", ylabel: "tokens (this month)", zero: true,
		series: func(t *sim.Table) []Series {
			var out []Series
			for _, s := range columnsWithPrefix(t, "unmet_", "unmet_wants_value") {
				out = append(out, columns(t, "unmet_"+s, s)...)
			}
			return out
		},
	},
	{
		name: "idle", title: "Unmet wants beside idle capacity", ylabel: "tokens (this month)", zero: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "unmet_wants_value", "unmet wants", "idle_value", "idle capacity", "net_unmet_value", "unmet beyond idle capacity")
		},
	},
	{
		name: "coops", title: "Co-operatives alive, started and failed", ylabel: "co-ops", zero: true, whole: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "coops_alive", "alive", "coops_started", "started (cumulative)", "coops_failed", "failed (cumulative)")
		},
	},
	{
		name: "foundation", title: "Foundation income and spending", ylabel: "tokens (this month)", zero: true,
		series: func(t *sim.Table) []Series {
			out := columns(t, "foundation_income", "income", "foundation_spend", "spending")
			if len(out) == 0 {
				return nil
			}
			for _, p := range columnsWithPrefix(t, "spend_") {
				for _, s := range columns(t, "spend_"+p, "spending: "+p) {
					if nonzero(s.Y) {
						out = append(out, s)
					}
				}
			}
			return out
		},
	},
	{
		name: "gini", title: "Inequality of member holdings (Gini coefficient)", ylabel: "Gini coefficient", unit: true,
		series: func(t *sim.Table) []Series { return columns(t, "gini", "Gini coefficient") },
	},
	// The subsystems' charts, drawn when a scenario switches the subsystem on.
	{
		name: "plan", title: "Councils: rounds to converge to the year's plan", ylabel: "rounds", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series { return columns(t, "councils_plan_rounds", "rounds to converge") },
	},
	{
		name: "plan_excess", title: "Councils: the plan's largest excess demand at the end", ylabel: "share of supply", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series { return columns(t, "councils_plan_excess", "largest excess") },
	},
	{
		name: "plan_prices", title: "Councils: plan and labour-value prices against market prices", ylabel: "mean |ln(price / market price)|", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "councils_labour_price_gap", "labour-value prices", "councils_plan_price_gap", "plan prices")
		},
	},
	{
		name: "turnout", title: "Councils: turnout by level", ylabel: "share of members", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "councils_turnout_household", "household", "councils_turnout_neighbourhood", "neighbourhood",
				"councils_turnout_city", "city", "councils_turnout_region", "region", "councils_turnout_workplace", "workplace",
				"councils_turnout_industry", "industry", "councils_turnout_work_region", "workers' region")
		},
	},
	{
		name: "participation_tokens", title: "Councils: participation tokens", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "councils_tokens_issued", "issued", "councils_tokens_vested", "vested", "councils_tokens_locked", "locked")
		},
	},
	{
		name: "decisions", title: "Councils: proposals, decisions and reviews", ylabel: "proposals", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "councils_proposals", "proposals", "councils_decisions", "decided", "councils_no_quorum", "no quorum",
				"councils_reviewed", "reviewed by a jury")
		},
	},
	{
		name: "staking", title: "Councils: Proof of Contribution stakes", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "councils_stake", "staked", "councils_slashed", "slashed")
		},
	},
	{
		name: "iou_flows", title: "Co-prosperity: IOU hours issued, withdrawn, redeemed and unfulfilled", ylabel: "hours (this month)", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "iou_issued", "issued", "iou_withdrawn", "withdrawn", "iou_redeemed", "redeemed", "iou_unfulfilled", "unfulfilled")
		},
	},
	{
		name: "iou_stocks", title: "Co-prosperity: IOUs outstanding and held, and the DAO fund", ylabel: "hours", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "iou_outstanding", "outstanding", "iou_held", "held (withdrawn)", "dao_fund_hours", "DAO fund")
		},
	},
	{
		name: "clearing", title: "Co-prosperity: obligations cleared each month", ylabel: "hours", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "clearing_gross", "gross obligations", "clearing_cleared", "cleared", "net_internal_debt", "net internal debt",
				"clearing_lent", "lent by the DAO fund")
		},
	},
	{
		name: "iou_shares", title: "Co-prosperity: cleared share, access, ratings and static IOUs", ylabel: "share", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "clearing_cleared_share", "cleared share of gross", "access", "service needs met", "rating_mean", "mean rating",
				"rating_p10", "rating, 10th percentile", "iou_static12", "IOUs static 12 months", "iou_claims_gini", "Gini of IOU claims")
		},
	},
	{
		name: "iou_trades", title: "Co-prosperity: IOUs swapped, bought, and swap chains by length", ylabel: "this month", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "iou_swapped", "hours swapped for pool claims", "swap_chains_1", "chains of 1 swap", "swap_chains_2", "chains of 2",
				"swap_chains_3", "chains of 3", "swap_chains_4", "chains of 4")
		},
	},
	{
		name: "dao_fund_grants", title: "Co-prosperity: the DAO fund's grants to new projects", ylabel: "this month", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_grants_iou", "IOU hours", "dao_grants_project_tokens", "project tokens")
		},
	},
	{
		name: "projects", title: "Co-prosperity: projects", ylabel: "projects", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "projects_started", "started", "projects_active", "active", "projects_stopped", "stopped giving", "projects_passed", "passed to the community")
		},
	},
	{
		name: "dao_votes", title: "DAO platform: votes, and votes decided well", ylabel: "votes (this tick)", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_votes", "votes", "dao_votes_passed", "passed", "dao_votes_correct", "decided well",
				"dao_votes_direct_correct", "decided well by direct votes alone")
		},
	},
	{
		name: "dao_turnout", title: "DAO platform: turnout", ylabel: "share of owners", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series { return columns(t, "dao_turnout", "turnout") },
	},
	{
		name: "dao_missions", title: "DAO platform: missions", ylabel: "missions", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_missions_open", "open", "dao_missions_won", "won", "dao_missions_late", "late", "dao_missions_failed", "failed")
		},
	},
	{
		name: "dao_prizes", title: "DAO platform: mission prizes", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_prizes_pledged", "pledged", "dao_prizes_paid", "paid", "dao_prizes_refunded", "refunded", "dao_escrow", "in escrow")
		},
	},
	{
		name: "dao_payments", title: "DAO platform: bundle payments, royalties and dividends", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_bundle_payments", "bundle payments", "dao_royalties", "royalties", "dao_dividends", "dividends")
		},
	},
	{
		name: "dao_achievement", title: "DAO platform: achievement tokens issued and traded", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "dao_achievement_issued", "issued", "dao_achievement_traded", "traded")
		},
	},
	{
		name: "coop_ious", title: "Co-prosperity: co-ops' IOUs issued, redeemed, unfulfilled and written off", ylabel: "value units (this month)", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "coop_iou_issued", "issued", "coop_iou_redeemed", "redeemed", "coop_iou_unfulfilled", "unfulfilled",
				"coop_iou_written_off", "written off (closed co-ops)")
		},
	},
	{
		name: "coop_access", title: "Co-prosperity: needs met, members and co-ops", ylabel: "share", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "access", "members' service needs met", "coop_access", "co-ops' input needs met",
				"member_coop_access", "members' needs of co-ops met")
		},
	},
	{
		name: "coop_clearing", title: "Co-prosperity: the co-ops' obligations and their clearing", ylabel: "value units", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "coop_clearing_gross", "gross obligations", "coop_clearing_cleared", "cleared", "coop_net_internal_debt", "net internal debt")
		},
	},
	{
		name: "pay", title: "Pay set by co-ops within their means", ylabel: "tokens a month",
		sparse: true,
		series: func(t *sim.Table) []Series { return columns(t, "pay_mean", "a worker's pay, mean") },
	},
	{
		name: "market_price", title: "Tradable token: market price, value on the platform and peg", ylabel: "outside money a token", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "market_price", "market price", "market_value", "value (purchasing power on the platform)", "market_peg", "peg")
		},
	},
	{
		name: "market_volume", title: "Tradable token: volume and conversions", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "market_volume", "traded", "tokens_out", "converted out", "tokens_in", "bought back")
		},
	},
	{
		name: "peg_defence", title: "Tradable token: the Foundation defending the peg", ylabel: "outside money", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "foundation_reserve", "reserves", "foundation_peg_gain", "gain (loss below 0) from defending")
		},
	},
	{
		name: "speculators", title: "Tradable token: speculators", ylabel: "tokens", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "speculators_tokens", "speculators' tokens", "coalition_tokens", "the pump-and-dump coalition's")
		},
	},
	{
		name: "traders", title: "Tradable token: chartists and fundamentalists", ylabel: "traders", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "chartists", "chartists", "fundamentalists", "fundamentalists")
		},
	},
	{
		name: "market_volatility", title: "Tradable token: volatility of returns", ylabel: "standard deviation of returns", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series { return columns(t, "market_volatility", "volatility (12 ticks)") },
	},
	{
		name: "firms_share", title: "Open platform: for-profit firms' share", ylabel: "share", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "firms_sales_share", "of sales", "firms_employment_share", "of employment")
		},
	},
	{
		name: "firms_pay", title: "Open platform: pay in firms and in co-ops", ylabel: "tokens a month", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "firms_wage", "in firms", "firms_coop_wage", "in co-ops")
		},
	},
	{
		name: "firms_hhi", title: "Open platform: sector concentration (Herfindahl–Hirschman index)", ylabel: "HHI", unit: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "firms_hhi_mean", "mean over sectors", "firms_hhi_max", "the most concentrated sector")
		},
	},
	{
		name: "firms_failures", title: "Open platform: failures", ylabel: "co-ops and firms (cumulative)", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "firms_coop_failures", "co-ops failed", "firms_failed", "firms failed", "firms_alive", "firms trading")
		},
	},
	{
		name: "firms_surplus", title: "Open platform: firms' surplus", ylabel: "tokens (cumulative)", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "firms_extracted", "taken out of the economy", "firms_to_owners", "paid to owner members")
		},
	},
	{
		name: "horizon_events", title: "Horizon scanning: events and signals", ylabel: "events (cumulative)", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "horizon_events_fired", "hit", "horizon_signals", "signalled to monitoring co-ops")
		},
	},
	{
		name: "horizon_failures", title: "Horizon scanning: failures of co-ops that monitor and that do not", ylabel: "co-ops failed (cumulative)", zero: true, whole: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "horizon_monitors_failed", "monitoring", "horizon_others_failed", "not monitoring")
		},
	},
	{
		name: "horizon_sales", title: "Horizon scanning: mean sales of a co-op", ylabel: "tokens a month", zero: true,
		sparse: true,
		series: func(t *sim.Table) []Series {
			return columns(t, "horizon_monitors_sales", "monitoring", "horizon_others_sales", "not monitoring")
		},
	},
}

// perTick turns cumulative series into each tick's change.
func perTick(ss []Series) []Series {
	for i := range ss {
		y := ss[i].Y
		d := make([]float64, len(y))
		for k := range y {
			d[k] = y[k]
			if k > 0 {
				d[k] -= y[k-1]
			}
		}
		ss[i].Y = d
		ss[i].Label += " (this tick)"
	}
	return ss
}

// columns returns the named columns that t has, labelled; pairs are name, label.
func columns(t *sim.Table, pairs ...string) []Series {
	var out []Series
	for i := 0; i+1 < len(pairs); i += 2 {
		if ys := column(t, pairs[i]); ys != nil {
			out = append(out, Series{Label: pairs[i+1], Y: ys})
		}
	}
	return out
}

func nonzero(ys []float64) bool {
	for _, y := range ys {
		if y != 0 {
			return true
		}
	}
	return false
}

// Charts draws the charts of a run's metrics table into dir (created if need be), each
// as NAME.png and NAME.svg, and returns them in order: supply, balance_ratio, grants,
// money, price_index, unmet_wants, idle, coops, foundation and gini. A chart whose columns the
// table lacks is skipped (unmet_wants for a model without sectors); an empty table
// gives no charts. The x axis is the month, or the tick when a month spans several
// ticks (a weekly clock).
func Charts(t *sim.Table, dir string) ([]Chart, error) {
	if rows(t) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	xs, label, ticks := timeAxis(t)
	var out []Chart
	for _, rc := range runCharts {
		ss := rc.series(t)
		if rc.sparse {
			ss = slices.DeleteFunc(ss, func(s Series) bool { return !nonzero(s.Y) })
		}
		if len(ss) == 0 {
			continue
		}
		for i := range ss {
			ss[i].X = xs
		}
		lc := LineChart{Title: rc.title, XLabel: label, YLabel: rc.ylabel, XTicks: ticks, Series: ss, YFrom0: rc.zero, YUnit: rc.unit}
		if rc.whole {
			lc.YTicks = Counts
		}
		if rc.ref {
			lc.Markers = []Marker{{Y: 1, Label: "reference: 1"}}
		}
		c, err := Write(dir, rc.name, lc)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", rc.name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// timeAxis returns the x values of t's rows, the axis label and ticks: months, or ticks
// (weeks) when a month spans several rows.
func timeAxis(t *sim.Table) ([]float64, string, Ticks) {
	n := rows(t)
	weekly := false
	for i := 1; i < n; i++ {
		_, m0 := tickMonth(t, i-1)
		if _, m := tickMonth(t, i); m <= m0 {
			weekly = true
			break
		}
	}
	xs := make([]float64, n)
	for i := range xs {
		tick, month := tickMonth(t, i)
		if weekly {
			xs[i] = float64(tick)
		} else {
			xs[i] = float64(month)
		}
	}
	if weekly {
		return xs, "tick (week)", Weeks
	}
	return xs, "month", Months
}

// Package firms is the open-platform counterfactual (MODEL §10, seed 003 Appendix 2,
// point 9): for-profit firms admitted to the Exchange Platform beside the co-ops. They
// maximise profit, pay the lowest wage members accept, grow by scale economies, may
// be granted tokens for their offers as co-ops are (or not), and keep their surplus
// for their owners: outside the economy (burned through the ledger and counted as
// extracted) or a few owner members.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "firms:" key) switches it on; New builds it over the economy (a sim.Host), and Register adds two phases, its
// metric columns and one mid-run parameter (firms.pay.reservation). A firm is a co-op
// run from outside the economy's rules (Host.Found, then SetControlled): the economy
// no longer sets its price or hires and sheds for it; everything else is the
// economy's own. Members find work and buy as they always do (a firm hires from those
// looking for work, and buyers choose its offer by price, reputation and distance as
// any other); its grants, if granted, are spent by the scenario's grant-use mix; it
// fails, as a co-op does, after K months unable to pay. Every draw comes from the
// run's seed (sim.Seed, one stream for the founding, one for each month's entrants
// and one for each month's owner draws) and every phase runs on one goroutine, so a
// run is the same for any number of workers.
//
// # A month of a firm
//
// At the month's opening (firms/decide, after the economy closed the month), each
// firm, in order of founding:
//
//   - Profit. Last month's profit is its cash flow: what its balance gained over the
//     month plus what its owners took out (grants it received count as income, and what
//     it spent them on as cost).
//   - Price. A markup over unit cost, the markup moved by the derivative follower of
//     Greenwald and Kephart ("Shopbots and Pricebots", IJCAI 1999; the hill-climbing
//     "win-stay, lose-shift" of Cyert and March's behavioural firm): it keeps moving
//     the markup by pricing.step in the direction it last moved while profit rose,
//     and turns back when profit fell, within [min_markup, max_markup]. Unit cost is a
//     worker's pay over its units, grossed up for the inputs bought per unit of value
//     made (the sector's input-output coefficients): w / (u (1 - a)).
//   - Pay. The lowest wage members accept: a reservation wage on Blanchflower and
//     Oswald's wage curve (The Wage Curve, MIT Press 1994: ln w = -0.1 ln u + …,
//     an elasticity of pay to local unemployment of about -0.1 across countries),
//     w = reservation × (u / reference)^-elasticity times the sector's wage, at most
//     pay.max times it, with u the share of active members out of work now.
//   - Workforce. While its offer sold out last tick and the marginal worker's value
//     added (price × marginal units × (1 - a), with marginal units (1 + γ) u under
//     scale economies) exceeds the wage, it hires up to hiring.rate of its workers (at
//     least one) from those looking for work, as many as its balance pays a month of
//     the larger workforce; when it sold less than 1 - hiring.slack of what it can
//     make, it lets go the workers the unsold part needs, up to the same number.
//   - Scale. Units a worker makes rise with size: the sector's (and whatever capacity
//     its investment built) times (workers / founding workers)^scale.exponent, at most
//     scale.max times.
//
// Firms are founded at start_month (count over the sectors in turn; share of each
// sector's co-ops) at a locality drawn uniformly, with workers founders (members
// looking for work; when too few are, new members join for the rest, as Host.Found
// has it), and enter later at entry_per_year (Poisson each month) in a sector drawn by
// its sales.
//
// # The surplus
//
// After the month's grants and the Foundation's programmes and before its pay
// (firms/surplus), each firm's owners take what the economy would otherwise pay its
// workers above their wages: its balance less the month's wage bill, the bonus share
// of its grant, its buffer and its inputs (Host CoopSurplus, the economy's own rule
// for a co-op's payout). Outside owners burn it (ledger.Burn: the tokens leave the
// economy, supply falls, conservation holds) and it is counted as extracted; owner
// members (owner_members a firm, drawn uniformly at its founding, one who leaves
// replaced) are paid it in equal parts, the rounding remainder to the first.
//
// # Columns
//
// Firms alive, founded and failed; co-op failures among co-ops (firms excluded);
// firms' share of last month's sales and of employment; mean pay of a worker in firms
// and in co-ops; each sector's Herfindahl–Hirschman index of last month's sales
// shares, Σ s_i², the mean over sectors and the largest; the firms' mean markup,
// their profit, and the surplus extracted and paid to owner members (cumulative).
// Amounts are exact micro-tokens: each month's figures are parts of the supply
// (below ledger.MaxSupply), and the cumulative ones saturate at the largest Amount
// rather than wrap.
package firms

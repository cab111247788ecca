// Package councils is the subsystem of nested workers' and consumers' councils that
// plan the economy together (MODEL §8, seed 004): a yearly participatory plan by
// sim/planning, decision nodes, participation tokens and Proof of Contribution
// staking.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "councils:" key) switches it on; New builds it over the economy (a sim.Host), and
// Register adds one phase (stage govern, at each month's start), its metric columns
// and nothing else. It acts only through the Host and the ledger, and imports no
// other subsystem.
//
// # Councils
//
// At each plan year's start (months 1, 13, 25, ...) the councils are rebuilt from the
// members, co-ops and localities (nest.go). Consumers: individual, household
// (nesting.household members of one locality, in member order), neighbourhood
// (nesting.neighbourhood households of one locality), city (the localities
// nesting.cities lists; one per locality by default), region (the cities
// nesting.regions lists; one region by default). Workers: individual, workplace (a
// trading co-op and the members it employs), industry (a sector within a region: one
// for every pair, with co-ops or not), region (the region of the co-op's locality).
// Every active member is in exactly one council of each consumers' level and every
// employed member in one of each workers' level; a scenario whose cities or regions
// leave a locality or city out, or name one twice, is refused.
//
// # The plan
//
// Goods are the economy's sectors. The input-output matrix is the sectors' input
// coefficients (value per value) turned into units at base prices,
// A[i][j] = a_ij b_j / b_i (or plan.io's coefficients instead); direct labour is
// plan.hours over the sector's productivity; labour values v = l (I - A)^-1 by
// planning.LabourValues. Households are the proposing consumers' councils (Cobb-Douglas
// weights: the sectors' spending shares times a factor uniform in [1 - taste,
// 1 + taste], budgets from the members' yearly wages or effort ratings, each member
// offering 12 x plan.hours a year); workplaces are the proposing workers' councils
// (Base output: workers x 12 x productivity x plan.base, capacity plan.capacity x
// Base, returns plan.returns); neighbourhoods, cities, industries and regions are
// federations their members' proposals add up through (sim/planning's Parent). The
// plan starts from the sectors' base prices and mean hourly wage in year 1 and warm
// from the last plan after (cold: every year from the base prices). Measured: rounds,
// the largest excess of the last round, feasibility (converged), satisfaction
// (prod_g min(1, S_g/D_g)^share_g, the Cobb-Douglas utility of what can be had
// against the wish, 1 when every demand is met), effort (hours worked per active
// member-month) and the largest gap between price/wage and labour value.
//
// # What the plan does to the economy
//
// With plan.apply (apply.go), a feasible plan is what the economy does that year. The
// plan is made in month 1's govern stage, after that month's production, so it rules
// months 2 to 13. Each workplace's co-op gets the plan's output as its target, units
// a month (the yearly proposal over 12), through Host.SetCoopTarget: the co-op makes
// no more, and hires towards it when its workers make less. Members' spending shares
// (Host.SetSectorShares) become the plan's final consumption in value at plan prices,
// p_g (D_g - sum_j A[g][j] Z_j), Z_j the input bundles the workplaces of good j use.
// Co-ops started during the year trade on the market. A plan that is not feasible
// (no convergence within the round limit) is not applied: every target is cleared, the
// scenario's spending shares are restored and the economy runs on the market that
// year; councils_plan_unapplied counts those years.
//
// With labour_prices, after each plan every trading co-op's price is set
// (Host.SetCoopPrice, within the platform's floor and ceiling) to its sector's labour
// value times a rate in tokens per embodied hour: the sectors' mean monthly wage over
// plan.hours (an hour of labour priced at what an hour is paid on average). The
// market moves prices from there. Whatever the option, two columns compare the plan
// with the market each tick: councils_labour_price_gap, the mean over sectors of
// |ln(labour-value price / mean price of the sector's co-ops)|, and
// councils_plan_price_gap, the same for the plan's prices expressed in hours of the
// plan's wage at the same rate (p_g / w x rate).
//
// # Decision nodes, tokens, staking
//
// decide.go: each month every council above the individual puts a proposal with
// chance decisions.rate/12; only its members are entitled (direct), or the delegates
// of its member councils (delegates; delegates are drawn yearly, uniformly from each
// council's members); quorum and majority decide; random-sample juries review a
// share of decisions. tokens.go: participation, quality, consensus, random-sample and
// peer-recognition tokens, a locked balance vesting after vest_years full years;
// turnout is min(1, base + gain u/(u + half)) for u unlocked tokens. stake.go: stakes
// of exchange tokens held on the ledger in a stake account, rewards split four ways,
// longer lock-ups earning more, slashing to a solidarity fund account.
//
// Randomness comes from sim.Seed(h.Seed(), stream, tick, PurposeCouncils), one stream
// per use; every phase runs on one goroutine except the plan's rounds, which
// sim/planning makes bit-identical for any number of workers.
package councils

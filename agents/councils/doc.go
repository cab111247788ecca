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
// What the plan does to the economy: nothing yet. The Host lets a subsystem read the
// economy and move tokens, not set what co-ops make or members buy. The hooks it would
// need from the core: set co-op c's target output (and so its hiring) for the year;
// set member i's spending shares by sector; post a sector's price.
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

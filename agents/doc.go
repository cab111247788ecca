// Package agents holds the behaviours of the modelled economy: members, co-ops, the
// Foundation and newcomers (MODEL §5), and the random-exchange validation model. Each
// acts only through the engine's API (package sim and its ledger, issuance and
// exchange sub-packages); state is held as arrays indexed by dense IDs.
//
// # The economy's seams
//
// Economy's phase table, in Economy.Register (economy.go), is the tick in order. Each
// part keeps its state in a struct of its own and its code and configuration section
// in its own file:
//
//	state.go       members and co-ops as struct-of-arrays; setup and adding
//	labour.go      the labour market: hiring lists, hire and release, pay per tick,
//	               the co-ops' month-end (hire when sold out, shed, fail)
//	produce.go     capacity for the tick and planned growth
//	issue.go       issuance wiring: grants by the scenario's formula, the giveaway
//	rules.go       rules a co-op's month follows, shared with GetGo's player co-op:
//	               IssueGrant, Obligation, MonthsUnpaid
//	trade.go       the parallel phases: pay, order, ration, settle, over fixed shards
//	members.go     members' saving, spending and purchases
//	coops.go       co-ops' pay and payouts; purchases.go their inputs and investment
//	prices.go      prices and reputations after the tick's trade
//	foundation.go  the Foundation's programmes and vote
//	newcomers.go   invitations, guarantors, fraud and barring
//	measure.go     the metric columns, each registered beside its measurement
//	params.go      the parameters that may change between ticks, and why they can
//	collect.go     the collect section: chosen member and co-op fields and summaries,
//	               sampled every N ticks for runs' Parquet outputs
//
// # Clock invariance
//
// Every rule is stated per month and applied over a tick's share of one, so that the
// same economy runs on a monthly or a weekly clock up to discretisation error
// (TestClockInvariance). Amounts decided per month are fixed at the month's first tick
// and paid in equal parts of what is left over the month's ticks left: a co-op's payout,
// its grant-funded purchases, the share of its month's pay its treasury covers
// (payMembers), and a member's spending of what it held at the month's start (it
// spends the share of its income as it comes: memberOrders). A weekly co-op sets aside
// the month's later pay and inputs before it pays out or buys with its grant
// (dueLater), as a monthly one has paid or bought them by then; a Foundation start-up
// produces from the month after its founding on every clock. What is left comes with
// the price rule: see clockGaps in the test.
//
// Policies are small interfaces chosen once at load: the grant formula
// (issuance.Formula), matching (exchange.Matcher) and pricing (exchange.Pricer).
//
// A subsystem (Co-prosperity, the DAO platform, councils, markets) goes in its own
// package under agents/, with its own scenario section (a struct with Validate); the
// economy registers its phases and columns when the section is switched on. It runs
// the contract suite in agents/agentstest.
package agents

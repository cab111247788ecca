// Package horizon is horizon scanning in the engine (MODEL §9, seed 003 §6): events
// that change the simulated economy for every co-op (a shift of demand, a rise in
// input costs, a new technique, a law), each with a Signal that co-ops watching the
// shared Lookout Platform see some months before it hits, a Sign when it hits, and a
// Significance, its size. Co-ops that monitor react when they see the signal; the
// others meet the change only when it hits, through the economy's own rules.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "horizon:" key) switches it on; New builds it over the economy (a sim.Host), and
// Register adds one phase (stage open, at each month's start, after the economy has
// closed the month) and its columns. It acts only through the Host and the ledger.
//
// # Events
//
// Each event hits in its month, for every co-op:
//   - demand_shift: the sector's share of members' spending is multiplied by
//     1 + size and the shares normalised again (Host.SetSectorShares).
//   - input_cost: the sector's input coefficients (value bought from each supplying
//     sector per unit of value made) are multiplied by 1 + size
//     (Host.SetSectorInput); a scenario taking them to 1 together is refused.
//   - technology: a technique making 1 + size times the units per worker becomes
//     the sector's (Host.SetSectorProductivity: co-ops founded from then start with
//     it, and capacity wears out towards it, not below). A co-op trading already
//     adopts it by multiplying its units per worker by 1 + size
//     (Host.SetCoopProductivity): a monitoring co-op when it hits, each other co-op
//     each month after with chance 1/adopt (a geometric wait of adopt months on
//     average, 12 by default).
//   - legislation: a minimum wage, the lowest wage of the sectors it covers (one, or
//     all) times 1 + size; from its month every covered co-op paying less pays it
//     (Host.SetCoopWage), each month, co-ops founded later included.
//
// # Monitoring
//
// Each co-op monitors with chance monitor, drawn once from its number
// (sim.Seed(seed, co-op, 0, purpose)), so a co-op founded later draws too. With a
// cost, a monitoring co-op pays it to the Foundation each month (for the shared
// platform); one whose balance is short of it does not monitor that month. A
// monitoring co-op sees an event from month − lead and reacts (react: resize and
// adopt in horizon.go):
//   - to a demand shift in its sector, it plans workers × (1 + size), and to a cost
//     shock the workforce whose bill it can still pay from what it sells (workers ×
//     the value added share after over before, for input_cost; workers × its wage
//     over the minimum wage, for legislation, but only as far as its last month's
//     sales, less inputs, cannot pay the workers it has at the new costs). It moves
//     there in even steps by the month of the hit (Host.Hire, Host.Release; at most a
//     quarter of its workers and one a month), growing only from the month before
//     the hit (hired earlier, workers would be paid for months to make what nobody
//     buys yet), and holds the plan two months more against the economy's own hiring
//     and shedding, which answer only what has already happened.
//   - a new technique it takes up the month it arrives.
//
// Prices are not among the reactions: in this economy a co-op buys its inputs in
// proportion to the value it offers at its own price, so a dearer price buys dearer
// inputs and does not restore the margin an input-cost shock takes; and members spend
// a share of their budget on each sector whatever its prices, so a sector's revenue
// does not rise with them. Cutting what will not be sold, before the bill comes, does.
//
// Co-ops that do not monitor do not plan: the economy's rules (hire when sold out,
// shed when under half sold, fail after months unable to pay) are their reaction.
//
// A co-op run from outside (Host.Controlled: a player's, a for-profit firm) makes its
// own decisions: it neither reacts as a monitor nor adopts a technique by chance (its
// owners call Horizon.Adopt); the events themselves, a law included, hit it as they
// hit every co-op.
//
// # What it shows
//
// On the baseline economy at half size (3,000 members, 120 co-ops), a fall of half in
// housing's demand in month 12 with six months' warning: over seeds 1 to 4, of the
// housing co-ops trading at the signal, the monitoring ones failed 21 times by month
// 24 against 56 failures of the others' (39 and 45 co-ops; TestMonitorsFailLess).
// Most of the advantage comes from acting on the change at all, shrinking at once and
// holding it: with no warning (lead 0) monitors still fail far less (27% of them
// against 91% over eight seeds; with six months' warning, 23% against 97%). A rise in
// demand rewards them less: doubling care's demand, monitors' sales in the year after
// grew about 7% more than the others' (16 seeds, from 0.92 to 1.39 seed by seed).
//
// # For GetGo
//
// Config.Cards and Horizon.Cards give each event as a card (Signal, Sign,
// Significance in short sentences a new co-operator reads; the scenario may write
// its own), with the month a monitoring co-op sees it and the month it hits; Visible
// selects those a co-op has seen by a month; Monitors and SetMonitor read and set
// whether a co-op monitors (the player's choice: a monitoring co-op pays the cost and
// sees the signals), and Adopt takes up a technique for a co-op.
package horizon

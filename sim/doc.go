// Package sim is the Copex engine: it steps a Model tick by tick, measures every tick
// into a metrics Table, checks the ledger's conservation and derives the random
// streams. The ledger, issuance and the Exchange Platform are its sub-packages; it
// knows no agent behaviour and draws nothing.
//
// # A run
//
// Start prepares a run of a model and returns a Stepper; each Next steps one tick and
// returns its row of metrics; Close ends it (and writes the journal's closing record).
// Run is Start, then Next until ErrDone. Batch runs, sweeps, GetGo's world and the
// live view all step the same way. Between two ticks a run may wait as long as its
// user likes, and a parameter the model registered (Param) may be changed with Set.
//
// # The seams: what a model and its subsystems register
//
// A model is a core plus subsystems. Its Register method is handed a Registry, on which
// the core and each switched-on subsystem register
//
//   - phases (Phase): a function with its place in the tick, a Stage (open, produce,
//     issue, govern, trade, price, join) and a Cadence (every tick, or the first tick
//     of each month). A tick runs the phases stage by stage and, within a stage, in
//     the order they were registered;
//   - metric columns (Registry.Count, Amount, Ratio), each with its name and doc, and
//     the measurement (Registry.Measure) that fills them at the end of the tick. The
//     columns of metrics.csv are the registration order after the run's own tick and
//     month. RegisterSupply, RegisterRules and RegisterHoldings register the ledger's
//     own columns where a model wants them;
//   - parameters that may change between ticks (Param), with their bounds.
//
// A subsystem that is switched off registers nothing: no phase, no column. A new
// subsystem (Co-prosperity, the DAO platform, councils, horizon events) is a package
// under agents/ with a scenario section; the economy calls its Register when the
// section is on. Subsystems never import each other: what they share goes into sim
// (mechanisms without behaviour, like sim/issuance's rules) and is reached through
// the registry and the ledger. Every model and subsystem passes the contract suite in
// agents/agentstest.
//
// # Measuring without slowing
//
// A table's rows are allocated in blocks when the run starts, so a steady tick
// allocates nothing; the conservation scan runs every Options.CheckEvery ticks and on
// the last tick.
package sim

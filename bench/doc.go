// Package bench measures the engine on a reference set of scenarios: how fast the tick
// loop runs for a number of workers, how much it allocates and how much memory the
// process needs. It is what `copex bench` does.
//
// The reference set (Reference) is economy-100k and economy-1m, the baseline economy
// at 100,000 and 1,000,000 members for 120 months, and random-exchange at 100,000
// members for 100 ticks with the unit rule. A Case is one scenario on a number of
// workers; RunCase runs it in this process with sim.Run on the model agents.Build
// makes (no metrics file, chart or report is written, and conservation is checked
// once, at the end) and returns its Figures: the tick loop's seconds, member-ticks
// per second (a member-tick is one registered member's turn in one tick; in the
// random-exchange model it is called an agent-step), nanoseconds per member-tick,
// allocations per tick and the process's peak resident set.
//
// So that each case's peak memory is its own, Child runs every case in a fresh
// process of the copex binary, through the hidden subcommand CaseCommand, which prints
// the figures as one JSON line (WriteJSON, ReadJSON). Measure runs cases a number of
// times and keeps the fastest; WriteTable and WriteMarkdown print the figures with the
// machine they were measured on (ThisMachine).
package bench

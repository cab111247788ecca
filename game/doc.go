// Package game holds GetGo's rules and state: the practice game in which new
// co-operators set up and run a co-op before doing it for real (MODEL §12, from seed
// 003 §5-6). It is a practice simulation, not a competition: there are no scores, only
// feedback, evidence and written lessons.
//
// A Game moves through six phases:
//
//  1. What kind of co-op? Questions on type, structure, decision-making, sector,
//     founders, pay and roles, each option with advice (Questions, Answer).
//  2. The Co-op Development Model Canvas: the Business Model Canvas with members and
//     governance added, every box a best guess (Boxes, SetBox).
//  3. The Test Canvas: a test with a pass/fail point for each hypothesis, ordered by
//     importance and risk into a test programme the player can reorder (Tests,
//     MoveTest, SetPassPoint).
//  4. The Test Game: the co-op is placed in a simulated economy (the Copex engine,
//     package agents) for a trial; each test is scored against that data, with the
//     evidence kept for a chart. A failed hypothesis is pivoted and retested; the
//     outcome is a Minimum Viable Service (RunTest, Pivot, MVS).
//  5. The Living Co-op: monthly or weekly turns of decisions (price, pay, hiring,
//     marketing, activities, Exchange Platform offers and trades, grant use,
//     Foundation programmes), budgets, grant tokens issued by the scenario's rules,
//     horizon-scanning cards and lessons written up when something fails (Turn).
//  6. Export: the configured co-op as a DACO configuration (DACO); and the reverse,
//     an existing co-op's own figures loaded to test an innovation (LoadFigures).
//
// The player's co-op keeps its own books but follows the engine's rules: it sets up in
// the locality where its sector's demand is least served (World.Home), buys its inputs,
// marketing and grant-funded equipment from co-ops that the Exchange Platform's
// matching picks, and pays the scenario's transport levy (levy_rate × distance ×
// value) to the Foundation on what comes from other localities. Its grants, start-up
// obligation, failure after months unable to pay, apprentices' pay and start-up
// investment are the engine's (agents.IssueGrant, Obligation, MonthsUnpaid,
// Coops.Fails, Foundation.Stipend, StartupInvestment), and so is what the grant rules
// see of the economy (agents.Economy.IssuanceEnv).
//
// The rules never read the clock or global randomness: a game is its scenario, its seed
// and the player's choices, so the same choices replay to the same state. Token
// amounts are exact micro-tokens on a ledger of the co-op's own (package sim/ledger),
// whose conservation is checked every turn.
//
// Saves are versioned JSON (Encode, Decode, Store); a corrupt, truncated, unknown or
// newer save is refused with a clear message and the file is never overwritten.
//
// The package never imports Ebiten: screens live in render/screens.
package game

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
//  4. The Test Game: the co-op is founded in the simulated economy (the Copex engine)
//     for a trial; each test is scored against that data, with the evidence kept for a
//     chart. A failed hypothesis is pivoted and retested (a pivot that only moves the
//     pass point is flagged, Result.PassOnly); the outcome is a Minimum Viable Service
//     (RunTest, Pivot, MVS).
//  5. The Living Co-op: monthly or weekly turns of decisions (price, pay, hiring and
//     letting go, marketing, the share of capacity offered, the turn's focus, grant
//     use, what the surplus goes to, Foundation programmes, trades and card
//     responses), budgets, horizon-scanning cards and lessons (Turn, Living.View).
//  6. Export: the configured co-op as a DACO configuration (DACO); and the reverse,
//     an existing co-op's own figures loaded to test an innovation (LoadFigures).
//
// # The co-op inside the engine's economy
//
// The player's co-op is a co-op of the engine's economy (agents.Economy, stepped by
// sim.Stepper, package world.go): founded with agents.Economy.Found in the locality
// where its sector's demand is least served (World.Home), given its start-up money by
// the Foundation (Economy.Fund: the engine's start-up investment, with its obligation
// to offer) or brought in by its founders, and run from outside (SetControlled). It
// offers on the same Exchange Platform, is granted by the same issuance rules, pays
// its members and buys its inputs on the same ledger and sells to the simulated
// members and co-ops through the same matching, so its price and offer move the
// market (TestPriceTakesSalesFromTheSector). A turn applies the player's decisions
// between ticks (SetCoopPrice, SetCoopWage, SetCoopTarget for the share offered,
// Hire and Release, SetCoopProductivity for training and investment, SetCoopGrantUse
// for what the engine spends each month's grant on as it arrives: as the economy's
// co-ops do, a bonus to the members, capacity, innovation, or nothing earmarked, for
// running costs; TestGrantUseActs) and runs the turn's tick; everything the turn reports is read back from the engine: the
// platform's orders and sales of the tick, agents.CoopStatus, agents.SectorView and
// the ledger. Weekly turns run the scenario on the engine's weekly clock, a tick a
// turn. The flows the engine makes inside a tick that the game cannot see line by
// line (the bonus share of a grant, grant-funded purchases, the levy on inputs, the
// Foundation's programmes) are the rest of the change in the co-op's account, so the
// books balance to the micro-token (TestBooksBalance).
//
// Demand is the engine's, and noisy as the engine's is: each member's budget and its
// sample of candidate offers (exchange matching best_of, drawn per tick) decide whom
// it buys from; the game adds no noise of its own.
//
// What the game decides, and why it costs: a worker hired costs a quarter of a month's
// pay in induction (bought from a co-op of another sector: someone has to recruit and
// show the work), a worker let go a month's notice pay (what members are owed);
// marketing and the develop and outreach focuses raise the co-op's reputation on the
// platform, which its matching weighs, and the platform's own learning pulls it back
// to what the co-op delivers. The month's surplus is the treasury above a reserve (the
// tick's pay and inputs and the scenario's buffer months of pay: what the engine
// keeps back before paying a surplus out itself, so nothing is left for it to pay
// out); the player saves it (into the co-op's savings, drawn when pay would fall short;
// out of circulation, which the grant rules' savings ratio sees), pays it out to the
// members, invests it in capacity (equipment from another co-op, productivity up by
// the engine's capacity rule, wearing off by its depreciation) or gives it to the
// Foundation (TestSurplusHasConsequences). Lessons name the cause from the engine's
// figures: the price against the going price and its spread, the share of the offer
// sold, the months unable to pay as the engine counts them, the share of inputs
// bought.
//
// An existing co-op (LoadFigures) starts from its real state: its members, pay, price,
// treasury, and output per member from the customers it serves. It is calibrated to
// its real revenue as an economist calibrates a model to the unit it places
// (customers.go): its stated customers are its customer base, members of its locality
// who buy from it directly on the economy's ledger, paying from their own accounts,
// out of what the platform's buyers leave of its offer; the base follows its price
// against the going price (elasticity 2) and its sector's share of spending. The
// engine's matching alone gave Riverside (260 customers at 21 tokens, revenue 5,460)
// from a third of its customers to more than it makes, and it failed in month 5; with
// its base, the first three months sell within -10% and +15% of its stated customers
// and revenue over seeds 1 to 3 (TestFiguresCalibrated). Its test programme holds its
// innovation's hypotheses only; the Test Game runs it twice on the same simulated
// data (the same scenario and seed), with the innovation and without, each test
// measuring the difference (innovation.go): the innovation's customers join the base
// and its members make them, paid its extra pay on top of the pay decided
// (TestInnovationActs).
//
// Horizon scanning, when the scenario has horizon events, is the engine's (agents/
// horizon, horizon.go): the scanning focus sets the co-op monitoring
// (Horizon.SetMonitor) and pays the Lookout Platform's monthly cost to the Foundation;
// a technique taken up through a card is the engine's adoption (Horizon.Adopt).
//
// The rules never read the clock or global randomness: a game is its scenario, its seed
// and the player's choices, so the same choices replay to the same state; the game's
// own random streams (its purchases' suppliers, the proposals, the cards) are derived
// from the seed as the engine's are (sim.Seed with sim.PurposeGame).
//
// Saves are versioned JSON (Encode, Decode, Store); a corrupt, truncated, unknown,
// older (version 1, from the GetGo whose co-op kept books of its own; version 2,
// before the customer base and the engine's grant use and monitoring) or newer save
// is refused with a clear message and the file is never overwritten.
//
// The package never imports Ebiten: screens live in render/screens.
package game

// Package workshop runs an economy live for a room of people: a facilitator who plays,
// pauses, steps and resets the run and changes its mid-run parameters from sliders,
// and participants who each run a co-op inside the same economy from a laptop or a
// phone, while simulated co-ops fill the rest.
//
// # How it fits
//
// A Room holds one run of a scenario: the model agents.Build makes of it, stepped one
// tick at a time by sim.Start's Stepper, as copex run steps it. Every action, the
// facilitator's and the participants', is queued and applied between ticks in the
// order it arrived, and written to an action journal (JSON lines: the room with its
// resolved scenario, seed and room code first, then each action with the number of
// ticks stepped before it, and each tick). Replay applies the same records to the same
// seeded model and so writes the same metrics.csv byte for byte; the room's metrics are
// sim.Table.AppendHeader and AppendRow of each tick, the writer copex run uses, so a
// workshop run with no changes writes what copex run writes for its scenario and seed.
//
// The facilitator's mid-run changes are the run's parameters (sim.Stepper's Params:
// set from sliders, from the next tick), the grant formula (fixed when the economy is
// built, so changing it starts the run again) and a giveaway now: Value tokens issued
// as gifts, unrelated to offers, shared equally among the first Share of the active
// members ((*agents.Economy).GiveAway, MODEL §10's giveaway at a moment the
// facilitator picks), before the next tick. A giveaway is at most 1e12 tokens, to a
// share above 0 and at most 1; one that would take the tokens ever issued past
// ledger.MaxSupply is refused before anything is given. Each change is journaled and
// marked on the charts from the tick it first shows in (a giveaway with a dotted line
// of a colour no series has).
//
// Participants' co-ops are co-ops of the engine economy run from outside (Coops,
// provided by *agents.Economy's controls): founded when they join, set by their
// actions (price, pay, output target, hiring and release, grant use), read back after
// each tick. Until a participant first sets its price, pay, output or hiring, their
// co-op is run by the default rule (the economy's own: its price follows whether it
// sold out, it hires and sheds as the simulated co-ops do); a participant whose page
// has been gone for Options.AwayAfter is run by it too (and its grants are spent as
// the scenario's co-ops spend theirs) until they open their link again, which
// restores their settings.
//
// A participant's grant use (GrantUses) is how their co-op spends the grants it
// receives, set through (*agents.Economy).SetCoopGrantUse as agents.GrantUse shares:
//
//	"pay it out to members"  members     Bonus 1 (a bonus to its members)
//	"build capacity"         capacity    Capacity 1 (bought from other co-ops; raises its units per worker)
//	"buy supplies"           supplies    Supplies 1 (extra purchases from its suppliers)
//	"innovate"               innovation  Innovation 1 (bought from other co-ops; raises its units per worker)
//	"as the scenario's co-ops do"  scenario  the scenario's coops.grant_use (a co-op's mix until chosen)
//
// A participant's co-op is founded with the start-up funding an economy's start-up
// gets from the Foundation (agents' startups): its sector's monthly wage now ×
// foundation.startup_months × its founders, paid through (*agents.Economy).Fund, or
// what the Foundation holds when that is less (nothing at tick 0, before any
// issuance). The journal's join line records what was paid, and replay checks it.
// (The economy pays a co-op's members what it holds above coops.buffer_months of
// wages at each month's start, so most of the funding reaches the founders in the
// first month rather than carrying the co-op through a slow start.)
//
// Trades: a participant may buy from another co-op, agreed off the platform's
// matching ((*agents.Economy).Buy): up to a value in tokens from another
// participant's co-op (by their number) or from a simulated co-op of a sector they
// name (the cheapest open one at their locality, else anywhere; the lowest numbered
// among equal prices). It is a purchase at the seller's price with the transport levy
// on top, out of the seller's next offer and counted in its month's sales; at most a
// tick's goods of the seller and what the buyer can pay. It applies between ticks and
// is journaled with the seller's co-op and the value bought (checked on replay); one
// out of range is refused as it arrives, and one from or for a closed co-op, from
// oneself, from a participant not in the room, or that buys nothing is refused by the
// run with its reason, shown on the participant's page and in the debrief's trades.
//
// # The stack, and why
//
// A Go server (net/http only) streams the room to the pages as server-sent events and
// takes actions as small JSON POSTs: both work in every browser and on phones, through
// proxies, with the standard library and no build step. The pages are plain HTML, CSS
// and JavaScript embedded in the binary, with charts drawn by uPlot 1.6.32 (MIT,
// vendored from npm as static/uPlot.iife.min.js, uPlot.min.css and LICENSE-uplot.txt:
// `npm pack uplot@1.6.32`), which draws thousands of points in a few milliseconds.
// Rows are sent as the lines of metrics.csv and parsed in the page with Number (the
// same double strconv.ParseFloat gives), so the values drawn and the CSV the page
// offers for download are those of metrics.csv.
//
// The facilitator's table is sent the participants' rows that changed every 40 ms
// (flushEvery), on its own clock, so an action shows there within about that whatever
// the tick is doing; charts redraw at most once an animation frame however fast rows
// arrive. The join link is shown as a QR code (qr.go, ISO/IEC 18004 byte mode, level M,
// after Project Nayuki's QR Code generator; the test reads it back with zbarimg).
//
// # Tests and figures
//
// The browser tests (browser_test.go) drive the pages in headless Chromium through
// internal/playwright (the facilitator's controls, the giveaway form with its mark read
// back from the charts' pixels, a participant's price, grant use and purchases);
// TestStartupFunding and TestTrade read funding and trades back from the economy's
// ledger; TestLoad is the 100-participant load test (60 s, 5 s with
// -short); BenchmarkLive100k and BenchmarkEngine100k measure a live economy-100k
// against the engine alone, BenchmarkLive100kInChromium the ticks and redraws a
// second the page makes (and its main thread's busy time), BenchmarkFirstLoadInChromium
// the facilitator's first load of a live economy-100k 120 ticks in. COPEX_SCREENSHOTS=DIR
// keeps the screenshots the browser tests take (testdata/projector-1280x720.png is one).
//
// # Security
//
// The facilitator's pages are under an unguessable key (/f/KEY/), each participant's
// under their own token (/p/TOKEN), both 128 bits from crypto/rand; the room code
// (80 bits) is all a participant needs to join. A participant can act only on their own
// co-op; actions are bounded in size (1 KiB), rate (Options.Rate, Options.Burst) and
// value, open streams in number (4 a participant, 16 for the facilitator); anything
// not a route is 404, a path with . or .. segments too, and the embedded files are
// served by name from a fixed list, so no path leads out of them. Pages allow no
// script or style from elsewhere and send no Referer (the links hold tokens).
package workshop

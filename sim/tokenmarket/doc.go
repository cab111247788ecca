// Package tokenmarket provides an exchange market for the token against an outside
// currency, cleared once a step by a call auction, with speculators after Lux &
// Marchesi (1999), an optional pump-and-dump coalition, and a peg defended from
// finite reserves (the counterfactual of MODEL §10 and seed 003's Appendix 2).
//
// It is a mechanism, not a subsystem: it decides prices and fills; the caller
// (agents/tradable) applies the platform's and the defender's fills to the ledger.
// It imports nothing of the economy.
//
// # Money
//
// Tokens are int64 micro-tokens (as sim/ledger's Amount), outside money int64
// micro-units (Cash), a price int64 micro-units per whole token (Price). Validate
// bounds each holder's cash (MaxCash) and all the market's cash together
// (MaxTotalCash, under int64's range), and prices (MaxPrice); a trade's value, tokens
// x price, is taken in 128 bits (mulDiv). Fills are split by cumulative rounding, so
// tokens and money are conserved to the micro-unit (TestConservation).
//
// # The auction, and why a call auction
//
// Each step every participant places its orders at once and the market clears at
// one price, the one where the excess demand for tokens crosses zero (a uniform-price
// call auction, as exchanges open and close). A call auction rather than a
// continuous limit order book because the economy runs in ticks of a week or a month:
// one clearing a tick is what its clock can see, it needs no model of order arrival
// within the tick, it is deterministic and allocation-free, and its price is exactly
// computable and checkable (TestSolveBruteForce compares it with a scan). Orders:
//
//   - optimists (chartists buying) spend Trade of their cash at any price, and
//     pessimists sell Trade of their tokens: market orders;
//   - fundamentalists place demand schedules: to buy Reaction x ln(v/p) x wealth / p
//     tokens at price p (sell when negative), within their cash and tokens, v the
//     value (Input.Value: the token's purchasing power on the platform, in outside
//     units) times a common perception error exp(Noise e);
//   - the coalition pumps (spends Budget over Pump steps), holds, then dumps;
//   - the platform's members and co-ops sell tokens and buy them back (Input.Sell,
//     Input.Spend: market orders);
//   - the peg's defender (the Foundation) buys every token offered at the peg while
//     its outside money lasts, and sells the tokens it is handed at the peg.
//
// Every order is non-increasing in p, so the excess demand is too; the price is found
// by bisection on log p within the step's price band [p/(1+Band), p(1+Band)] (a
// circuit breaker: at a bound the long side is rationed). At the peg the defender
// takes the imbalance of the rest; when that passes its reserves the price leaves the
// peg (Result.OffPeg) and the defender's whole reserve trades (TestPegBreaks works a
// case by hand). Fills are each order's wish at the price, rounded down to
// micro-tokens, the longer side rationed pro rata.
//
// # Switching (Lux & Marchesi 1999)
//
// Traders are fundamentalists, optimists or pessimists. Each step, in Substeps rounds,
// each may switch, with Lux & Marchesi's transition rates: chartists between optimism
// and pessimism driven by the majority opinion x = (n+ - n-)/nc and the trend
// (U1 = a1 x + (a2/v1) pdot/p), chartists and fundamentalists driven by the
// difference of their profits (U2: the chartists' yield plus capital gain against
// the outside rate, the fundamentalists' expected gain s |v - p|/p); see revise.
// Default takes their parameter set. Chartists' herding and the profit-driven flow
// between the groups give fat-tailed returns and volatility clustering; a market of
// fundamentalists alone gives the value's Gaussian returns (TestStylisedFacts).
//
// Source: T. Lux and M. Marchesi, "Scaling and criticality in a stochastic
// multi-agent model of a financial market", Nature 397 (1999) 498-500.
package tokenmarket

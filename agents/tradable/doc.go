// Package tradable is the counterfactual subsystem of a token tradable against an
// outside currency (MODEL §10, seed 003 Appendix 2, issue 17): rule 3 lifted, an
// exchange market cleared by sim/tokenmarket's call auction, speculators with outside
// money (fundamentalists, chartists switching after Lux & Marchesi 1999), an optional
// pump-and-dump coalition, a none/fixed/sliding peg the Foundation defends from finite
// outside reserves, and members and co-ops who sell tokens for outside money and buy
// them back.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "tradable:" key, which needs ledger.allow_external: true, and which
// ledger.allow_external needs) switches it on; New builds it over the economy (a
// sim.Host) and Register adds one phase (stage trade, every tick, after the core's
// trade) and its metric columns. It acts only through the Host and the ledger.
//
// # Accounts
//
// The traders' and the coalition's tokens are on the ledger in one external account
// (the exchange's custody; ledger.KindExternal, refused unless allow_external), their
// split among traders in the market's books; the run fails if the two differ by a
// micro-token. Traders' opening tokens (traders.tokens each) are issued to it when the
// run is built, so they are in the opening supply and conservation holds throughout:
// every later move is a ledger transfer of kind conversion. Outside money is never on
// the ledger: the traders', the coalition's and the Foundation's reserves are in the
// market (int64 micro-units), the members' and co-ops' in this package.
//
// # A tick
//
// At a month's start, a sliding peg is reviewed every review_months toward the mean
// auction price since the last review (tokenmarket.Market.Review), and from
// convert.from_month each active member and trading co-op converts with its chance
// (convert.members, convert.coops): it offers convert.out of its token balance and
// spends convert.in of its outside money buying back (with when: premium, it sells
// only while the price is above the token's value and buys only while below). Then
// the tick's auctions run (rounds of them; the conversions go to the first): the
// value fundamentalists trade toward is the token's purchasing power on the platform,
// value x (the opening mean co-op price / the mean co-op price now); the Foundation
// may sell peg.token_share of its token balance at the peg each tick. The fills are
// split among the converters in proportion to their orders by cumulative rounding
// (tokenmarket.Share) and moved on the ledger: converters to custody and back, custody
// to the Foundation (its purchases at the peg) and back (its sales, the one payment
// the ledger lets the Foundation make to other than a co-op).
//
// # Measured
//
// The market price, peg, volume, value, return and volatility (the standard deviation
// of the last 12 ticks' returns), auctions off the peg, the Foundation's reserves and
// its gain or loss from defending the peg, the speculators' tokens, outside money and
// gain, the coalition's tokens, the traders of each strategy, the tokens converted out
// and in and their outside money, and the outside money members and co-ops hold.
// copex run --market FILE writes tick,price,volume,peg from them (WriteMarket).
package tradable

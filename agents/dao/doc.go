// Package dao is the subsystem of the DAO co-operative platform (MODEL §7, seed 001):
// co-ops governed by their owners, bundle payments, missions with escrowed prizes and
// achievement tokens, and liquid delegation to people or voting programs.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "dao:" key) switches it on; New builds it over the economy (a sim.Host), and its
// Register adds its phases, metric columns and mid-run parameters (dao.quorum,
// dao.dividend.share) to the run. Switched off, it adds nothing. It acts only through
// the Host and the ledger, and imports no other subsystem. Every draw comes from the run's seed (sim.Seed with sim.PurposeDAO, one
// stream per month and part), and every phase runs on one goroutine, so a run is the
// same for any number of workers.
//
// # Owners and votes
//
// Each member is a customer-owner of a few co-ops (drawn once, in its locality when it
// can) and a producer-owner of the co-op it works in; both, it is a prosumer. A
// co-op's owners meet every few months (co-ops staggered) and vote on its proposals: a
// dividend (a budget split: a share of its balance paid to the owners by stake, or
// kept) and missions. In each vote an owner votes in person for the better option with
// its competence (Kahng et al.'s model), delegates to the most reputed of a few fellow
// owners it knows, delegates to a voting program (follow the co-op's majority, yes
// when the cost is under a limit, follow the most reputed owner of its sector,
// abstain), or takes no part. Votes are resolved by sim/governance (one Resolver for
// the run, its scratch reused: no allocation per voter once warm), with the optional
// cap; refused delegators vote themselves. One member one vote counts the resolved
// weights; by stake, each owner's own vote counts its stake on the option it went to.
// A proposal passes with a quorum of the eligible votes (or stake) cast and more Yes
// than No. Each vote is a row of votes.csv (governance.VotesEncoder, written at the
// end by WriteOutputs) and, with copex run --delegations DIR, its graph
// DIR/vote-NNNNN.csv (voters by member number). PlatformVote puts a question of the
// economy's own (the Foundation's programmes, say) to every active member on the same
// machinery, as a row of level "platform".
//
// # Missions and achievement tokens
//
// A passed mission raises its prize by its rule (owners' pledges, the co-op's
// treasury, or both) into one escrow account (a project account of the ledger), each
// pledge recorded. Teams of owners form, each member with a contribution and each
// team with a quality. At the deadline a mission fails with the scenario's rate (every
// pledge refunded as pledged), is late (once, with its rate: crowdfunded projects are
// mostly late), or is won: the winner is chosen by the owners' vote among the teams,
// a panel of judges, or the measured output; the prize is paid to the winning team by
// contribution, and the mission's achievement tokens (a ledger asset of its own) are
// issued to them by contribution. While its output sells the co-op pays a royalty each
// month to the holders, pro rata. Holders sell in a monthly call auction (asks only
// of tokens held; one clearing price between the marginal bid and ask).
//
// # Bundles
//
// A bundle's price is split among its parts' co-ops by declared contribution shares,
// which each buyer re-weights within bounds.
//
// Every split (prizes, tokens, royalties, dividends, bundles) is Splitter's largest-
// remainder split: the parts sum to the whole exactly and each is within one unit of
// its exact share.
//
// # The competence experiment
//
// With competence_experiment.replicates > 0 the run also performs sim/governance's
// Kahng-Mackenzie-Procaccia experiment once, at the first tick, and writes
// competence.csv comparing direct voting, unrestricted and capped delegation.
package dao

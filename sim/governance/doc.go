// Package governance resolves votes under liquid delegation (MODEL §7, seed 001 §1.4):
// each voter votes an option, abstains, delegates to another voter, or delegates to an
// automated voting program; Resolve finds the weight each voter finally casts, what
// became of every vote, the outcome and the vote's statistics. It is a mechanism with
// no behaviour: the DAO subsystem (agents/dao) decides who votes and delegates how,
// calls a Resolver for every vote and writes the results with the encoders here.
//
// # Resolution
//
// A voter's own act comes first: an option or an abstention in person overrides its
// delegation. Otherwise a person delegation is an edge to that voter; a program may
// name a voter (MostReputed: a person delegation computed at resolution, an edge like
// any other) or vote itself (CostUnder, Abstainer, CoopMajority). The chains are then
// followed without recursion (an iterative walk that marks its path: each voter is
// visited once, so the work is linear in voters plus edges). A chain ends
//
//   - in a voter who votes an option (in person, through a program, or as a cap
//     fallback): that voter casts the weight of itself and every chain ending in it;
//   - in a voter who casts nothing (abstains, takes no part, its program makes no
//     choice): that voter's own vote is counted as abstained, and the votes delegated
//     to it are lost (LostDangling);
//   - in a cycle: every vote in the cycle, and in the chains that lead into it, is lost
//     (LostCycle).
//
// So each voter's own vote is counted exactly once: cast + abstained + lost = eligible.
//
// # The cap
//
// Resolver.Cap bounds the weight one voter casts. Of a delegation tree heavier than the
// cap, the casting voter keeps the Cap voters nearest to it (fewest hops, then lowest
// index, found with a counting sort on hops); the other delegators' delegations are
// refused and, following the fallback reading of Kahng, Mackenzie & Procaccia (2018),
// each casts its own Fallback option with weight 1, or, with no fallback, its vote is
// lost (LostCap): a nil Fallback gives the "excess lost" reading. The kept set is
// closed under parents, so no kept chain passes through a refused voter.
//
// # Programs and the order of resolution
//
// Programs are values of the Program interface, chosen once per electorate. The order
// is fixed and acyclic: (1) every act, including the delegations programs compute; (2)
// the chains; (3) the cap; (4) the choices of direct voters, fallbacks and early
// programs; (5) the co-op majorities, one member one vote, over every member whose
// vote is then cast (so after the person delegations of the co-op), leaving out the
// votes that end in a late program; (6) the late programs (CoopMajority) choose from
// those majorities. A co-op majority never depends on another co-op majority.
//
// # Statistics
//
// Per vote: eligible voters, direct voters, delegators, weight cast, abstentions, votes
// lost in cycles and otherwise, the largest weight, the Gini coefficient of voting power
// over the voters casting weight > 0, the mean and longest chain of the carried votes,
// the outcome (plurality of weight) and the outcome of the direct voters alone.
// VotesEncoder writes one votes.csv row per vote; WriteGraph writes a vote's
// delegation graph (WriteGraphIDs with the voters under their own numbers, such as
// the members' in a co-op's vote).
//
// # The competence experiment
//
// Competence reproduces the experiment of Kahng, Mackenzie & Procaccia, "Liquid
// Democracy: An Algorithmic Perspective" (AAAI 2018; JAIR 2021): voters of competence
// p_i on a binary question with a known correct answer, a random social graph, local
// delegation to a neighbour more competent by a margin α; it compares the probability
// of a correct outcome under direct voting, unrestricted delegation and capped
// delegation.
package governance

// Package clearing sets off obligations multilaterally: given who owes whom how much, it
// cancels obligations around cycles so that the total gross obligation left is the
// least possible, while every participant's net position stays as it was, no
// obligation grows and no new one appears (MODEL §6, "Chaining"; seed 000's
// Co-prosperity IOUs, where an IOU of i held by j is i's obligation to j).
//
// It decides amounts; the caller applies them (to IOU holdings, to the ledger). It has
// no behaviour of its own: a subsystem that clears every month keeps a Solver, whose
// scratch is reused, and calls Solver.Clear; copex clear runs it on a CSV file
// (ReadCSV, WriteCSV).
//
// # The problem
//
// Obligation e from i to j of amount a_e. A clearing sets off f_e of it, 0 <= f_e <=
// a_e, with f a circulation (at every participant what is set off of its debts equals
// what is set off of its claims), and maximises sum(f). Equivalently, the remaining
// amounts r_e = a_e - f_e form a flow along the obligations from the net debtors to the
// net creditors (each sends or receives its net position) with r_e <= a_e, and the
// clearing minimises sum(r): a min-cost flow with every cost 1. The solver works in this
// second form. Its value is the net internal debt (NID), the sum of the positive net
// positions, as Fleischman, Dini and Littera define it ("Liquidity-saving through
// obligation-clearing and mutual credit", J. Risk Financial Manag. 13(12), 2020, for
// Sardex): the money that would settle what remains. Every unit of it crosses at least
// one obligation, so sum(r) >= NID; the bound is reached when every debtor owes its
// creditors directly.
//
// Obligations between two strongly connected components of the obligation graph lie on
// no cycle and are never set off (Tarjan's algorithm finds the components); the flow
// problem is solved on the rest. A chain u→v1→…→vk→w whose inner participants have one
// obligation in and one out is set off evenly (a circulation passes through each v
// whole), so it becomes one arc u→w with the chain's smallest amount as capacity and
// cost k+1 (series reduction); a chain that closes on itself is a cycle, set off by its
// smallest amount. Parallel obligations between the same pair are kept apart, each
// with its own remaining amount, in the order given.
//
// # The algorithm
//
// Exact int64 successive shortest paths with potentials, in the primal-dual form
// (Ahuja, Magnanti and Orlin, Network Flows, 1993, §9.8): Dijkstra on reduced costs
// (stopped at the sink, potentials raised by min(distance, sink distance)) makes every
// shortest source-sink path of zero reduced cost; a max flow over the zero-cost arcs
// then saturates all of them at once, by Ahuja and Orlin's shortest augmenting path
// with distance labels, current arcs, the gap heuristic and global relabelling (exact
// labels again by a breadth-first search once relabels have done as much work as one
// search). The zero-cost arcs
// (an arc and its reverse have opposite reduced costs, so they come in pairs, and the
// set is fixed while the potentials are) are copied into a compact graph for the max
// flow, which then scans only them. Each phase lengthens the shortest augmenting
// path, so there are as many phases as distinct path costs; with unit costs (and
// chains) these are short hop counts, a dozen on the benchmark networks
// (RandomNetwork), so the solver does a dozen Dijkstras and max flows, each near
// linear in practice.
//
// Why not network simplex or cost scaling: with unit costs the primal-dual phases are
// few and each is a plain graph search over arrays, with no spanning-tree bookkeeping
// (network simplex pivots one arc at a time, and its pivot count grows with the number
// of arcs), and cost scaling pays log(nC) refinements that unit costs do not need.
// BenchmarkClear300k (300,000 obligations among 40,000 participants) takes about 0.5 s
// on one core and BenchmarkClear1M about 3 s; networkx's network_simplex took 184 s on
// the same 300,000, 327 times as long (BenchmarkNetworkx300k).
//
// The hard case is a network of long paths that chains do not contract, such as a ring
// where each participant owes the next two: the flow from net debtors to net creditors
// travels far, the phases grow with the ring (about 1,600 for 60,000 obligations,
// BenchmarkClearRing30k, about 4 s) and the time about as n^1.5.
//
// Every capacity is an obligation's amount or a net position, all bounded by the total
// of the obligations, which Validate requires to fit an int64; the flow on an arc is at
// most its capacity and the flow out of the source at most NID, so no sum overflows.
// Potentials are shortest-path costs, bounded by the number of obligations plus three.
//
// # Liquidity
//
// Options.Liquidity lets a fund (the DAO fund) lend up to L, mutual-credit style: the
// fund becomes the counterparty of new obligations, up to L owed to it by participants
// and the same total owed by it to others, so its net position is zero and every
// participant's is unchanged. A chain u→…→v of k obligations of x can then become
// u→fund and fund→v: k·x of gross becomes 2x. In the flow problem the fund is a node
// with an arc from and to every participant, cost 1, and a capacity L through it; the
// solver uses it only where that lowers the gross total, which counts the fund's
// obligations (Result.RemainingDebt).
package clearing

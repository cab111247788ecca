// Package planning provides participatory planning by iterated indicative prices and
// labour values from an input-output matrix (MODEL §8, seed 004). It is mechanism
// only: it decides prices and proposals; the caller (agents/councils) applies a plan
// to the economy.
//
// # Labour values
//
// An IO matrix A holds, by columns, the units of good i used per unit of good j
// (A[i][j]); l[j] is direct labour per unit of j. Embodied labour is
// v = l (I - A)^-1, the solution of v_j = l_j + sum_i v_i A[i][j]. LabourValuesDense
// factorises I - A (gonum/mat LU); LabourValues runs Gauss-Seidel sweeps over the
// sparse columns, which for a productive non-negative A converge upward at least as
// fast as the Neumann series v <- l + vA. A is productive when its spectral radius
// is below 1 (Leontief; Hawkins-Simon): SpectralRadius brackets it by the
// Collatz-Wielandt bounds along a shifted power iteration, and an unproductive
// matrix is refused with the radius found. Price converts hours to micro-tokens at a
// rate per embodied hour.
//
// # Planning
//
// The procedure is Hahnel and Albert's participatory planning as simulated by
// Hahnel and Szczepanczyk's Pequod: a facilitation board posts indicative prices for
// every good and for labour; consumers' councils (Cobb-Douglas: a fixed share of
// income on each good) and workers' councils (benefit over cost: output where price
// equals marginal cost under diminishing returns, or expansion and contraction by the
// benefit-cost ratio under constant returns) propose; proposals are aggregated up
// the nests of councils; the excess demand (D - S)/S of every good and of labour is
// measured; and unless every |excess| is within tolerance, the board moves each price
// in proportion to its excess (Proportional) or by Pequod's rule (Pequod). The next
// year's plan starts from the last prices (warm).
//
// Councils are held as arrays (Consumers, Workers) and proposed in fixed shards of
// councils over a Runner (sim.Pool); each shard sums into its own accumulators and
// the shards are reduced in order, so a plan is bit-identical for any number of
// goroutines. A Planner keeps its scratch and allocates nothing per round.
//
// In a linear economy (constant returns, labour the only primary input, one wage)
// the plan's relative prices are the labour values (Samuelson's non-substitution
// theorem): at rest every council's price equals its unit cost, p = wage l + pA, so
// p = wage v.
//
// PlanCSV, WriteValues and WriteIO write plan.csv, labour_values.csv and io.csv.
package planning

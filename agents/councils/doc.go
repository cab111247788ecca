// Package councils is the subsystem of nested workers' and consumers' councils planning together (MODEL §8, seed 004): iterative planning rounds (sim/planning), decision nodes, participation incentives, labour values and Proof of Contribution staking.
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "councils:" key) switches it on; New builds it over the economy (a sim.Host), and its
// Register adds its phases, metric columns and parameters to the run. Switched off, it
// adds nothing. It acts only through the Host and the ledger, and imports no other
// subsystem.
package councils

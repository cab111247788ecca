// Package dao is the subsystem of the DAO co-operative platform (MODEL §7, seed 001): co-ops governed by their owners, bundle payments, missions with prizes and achievement tokens, and liquid delegation to people or voting programs (sim/governance).
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "dao:" key) switches it on; New builds it over the economy (a sim.Host), and its
// Register adds its phases, metric columns and parameters to the run. Switched off, it
// adds nothing. It acts only through the Host and the ledger, and imports no other
// subsystem.
package dao

// Package coprosperity is the subsystem of Co-prosperity IOU gifts (MODEL §6, seed 000): participants pledge hours as IOU tokens of their own, the DAO fund, project airdrops, redemption and reputation, exclusion, and exact obligation clearing (sim/clearing).
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "coprosperity:" key) switches it on; New builds it over the economy (a sim.Host), and its
// Register adds its phases, metric columns and parameters to the run. Switched off, it
// adds nothing. It acts only through the Host and the ledger, and imports no other
// subsystem.
package coprosperity

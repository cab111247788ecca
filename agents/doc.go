// Package agents holds the behaviours of the modelled economy: members, co-ops, the
// Foundation and newcomers (MODEL §5), and the random-exchange validation model. Each
// acts only through the engine's API (package sim and its ledger, issuance and
// exchange sub-packages); state is held as arrays indexed by dense IDs.
package agents

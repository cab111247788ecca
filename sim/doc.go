// Package sim is the Copex engine: it runs a Model tick by tick, measures every tick
// into a metrics Table, checks the ledger's conservation and derives the random
// streams. The ledger, issuance and the Exchange Platform are its sub-packages; it
// knows no agent behaviour and draws nothing.
package sim

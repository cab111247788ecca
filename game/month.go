package game

import (
	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/ledger"
)

// startupInvestment is the Foundation's start-up investment for a co-op founded in
// month of w's economy, by the engine's rule (agents.StartupInvestment): its amount
// and the offers it obliges.
func startupInvestment(w *World, month int) (ledger.Amount, agents.Obligation) {
	return agents.StartupInvestment(w.sc.Config.Issuance.Investment, month, 0)
}

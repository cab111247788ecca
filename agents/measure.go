package agents

import (
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// measureLedger fills the supply, rule and distribution columns that every model
// shares; members are the holdings whose distribution is measured.
func measureLedger(l *ledger.Ledger, m *sim.Metrics, d *sim.Distribution, members sim.Values) {
	m.Issued, m.Expired, m.Burned, m.Supply = l.Issued(), l.Expired(), l.Burned(), l.Supply()
	t := l.Sum()
	m.Savings = t.Savings
	m.GrantTokens = t.Grant
	m.Circulating = m.Supply - t.Savings
	m.RuleRejections = l.Rejections()
	for _, r := range m.RuleRejections {
		m.RuleViolations += r
	}
	m.FundsRejections = l.RejectedFunds()
	m.Gini, m.P10, m.P50, m.P90 = d.Measure(members)
}

package agents_test

import (
	"strings"
	"testing"

	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/scenarios"
)

// TestSubsystemByName: the economy hands out the subsystem a section built (GetGo
// reaches horizon's monitoring through it), and nil for a section that is off.
func TestSubsystemByName(t *testing.T) {
	e, _ := started(t, "horizon", append(append([]string{}, small...), "ticks=3")...)
	if _, ok := e.Subsystem("horizon").(*horizon.Horizon); !ok {
		t.Errorf("Subsystem(horizon) = %T, want *horizon.Horizon", e.Subsystem("horizon"))
	}
	if s := e.Subsystem("dao"); s != nil {
		t.Errorf("Subsystem(dao) = %T with the DAO off, want nil", s)
	}
}

// TestCouncilsRefuseHorizon: a plan sets the spending shares each round, so demand
// shifts and councils cannot run together; the scenario is refused naming the field.
func TestCouncilsRefuseHorizon(t *testing.T) {
	_, err := scenarios.Load("planning", []string{"horizon.enabled=true", "horizon.events=[{month: 3, kind: demand_shift, sector: food, size: 0.2}]"})
	if err == nil || !strings.Contains(err.Error(), "horizon.enabled") {
		t.Fatalf("councils with horizon: %v, want a refusal naming horizon.enabled", err)
	}
}

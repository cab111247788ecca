package main

import (
	"os/exec"
	"testing"
)

// TestHostileScript runs scripts/hostile.sh, the hostile-input table of the README,
// against copex built from this tree: it must find no defect.
func TestHostileScript(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile-input script is skipped in -short mode")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	out, err := exec.Command("bash", "../../scripts/hostile.sh").CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/hostile.sh: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

package tradable_test

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copex/copex/agents/agentstest"
)

// TestMarketFlag runs the command as users do: copex run tradable --market FILE
// writes tick,price,volume,peg, the same values as metrics.csv's market_price,
// market_volume and market_peg (decoded from both files); on a scenario without the
// market the flag is refused before the run, one line and exit status 2.
func TestMarketFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds copex")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "copex")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/copex/copex/cmd/copex").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, market := filepath.Join(dir, "out"), filepath.Join(dir, "market.csv")
	run := exec.Command(bin, "run", "tradable", "--set", "members=1200", "--set", "coops.count=48", "--set", "ticks=12",
		"--out", out, "--market", market, "-q")
	if b, err := run.CombinedOutput(); err != nil {
		t.Fatalf("copex run: %v\n%s", err, b)
	}
	rows, metrics := agentstest.ReadCSV(t, market), agentstest.ReadCSV(t, filepath.Join(out, "metrics.csv"))
	if len(rows) != 12 || len(metrics) != 12 {
		t.Fatalf("%d rows in the market file, %d in metrics.csv; want 12", len(rows), len(metrics))
	}
	for i, r := range rows {
		m := metrics[i]
		for col, name := range map[string]string{"tick": "tick", "price": "market_price", "volume": "market_volume", "peg": "market_peg"} {
			if r[col] != m[name] {
				t.Errorf("tick %d: %s %q, metrics.csv's %s %q", i+1, col, r[col], name, m[name])
			}
		}
	}
	var stderr bytes.Buffer
	bad := exec.Command(bin, "run", "baseline", "--set", "ticks=1", "--out", filepath.Join(dir, "b"), "--market", filepath.Join(dir, "b.csv"), "-q")
	bad.Stderr = &stderr
	err := bad.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("copex run baseline --market: %v, want exit status 2", err)
	}
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "\n") || !strings.Contains(msg, "--market") {
		t.Errorf("stderr %q: want one line naming --market", msg)
	}
}

package clearing_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/copex/copex/sim/clearing"
)

// networkxResult is what scripts/clear_networkx.py prints.
type networkxResult struct {
	TotalDebt int64   `json:"total_debt"`
	Cleared   int64   `json:"cleared"`
	Remaining int64   `json:"remaining"`
	Seconds   float64 `json:"seconds"`
}

// needNetworkx returns a Python that can import networkx (python3 on the PATH, or
// Debian's /usr/bin/python3 with python3-networkx), or skips.
func needNetworkx(tb testing.TB) string {
	tb.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import networkx").Run() == nil {
			return py
		}
	}
	tb.Skip("no python3 with networkx (Debian: apt-get install python3-networkx)")
	return ""
}

// writeObligations writes a RandomNetwork as an obligations file (integer amounts).
func writeObligations(tb testing.TB, path string, n, m int) {
	tb.Helper()
	net := clearing.RandomNetwork(rand.New(rand.NewPCG(1, 2)), n, m)
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "debtor,creditor,amount")
	for _, o := range net.Obligations {
		fmt.Fprintf(w, "member %d,member %d,%d\n", o.Debtor, o.Creditor, o.Amount)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// againstNetworkx clears the file with this package (read by ReadFile, as copex clear
// reads it) and with scripts/clear_networkx.py, requires the same cleared total (both
// exact: Python's integers, our int64), and returns the two solve times.
func againstNetworkx(tb testing.TB, python, path string) (ours, theirs time.Duration) {
	tb.Helper()
	out, err := exec.Command(python, filepath.Join("..", "..", "scripts", "clear_networkx.py"), path).Output()
	if err != nil {
		tb.Fatalf("clear_networkx.py: %v", err)
	}
	var nx networkxResult
	if err := json.Unmarshal(out, &nx); err != nil {
		tb.Fatalf("clear_networkx.py printed %q: %v", out, err)
	}
	file, err := clearing.ReadFile(path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	res, err := clearing.Clear(&file.Network, nil)
	ours = time.Since(start)
	if err != nil {
		tb.Fatal(err)
	}
	if res.TotalDebt != nx.TotalDebt || res.Cleared != nx.Cleared || res.RemainingDebt != nx.Remaining {
		tb.Fatalf("total, cleared, remaining: ours %d %d %d, networkx %d %d %d",
			res.TotalDebt, res.Cleared, res.RemainingDebt, nx.TotalDebt, nx.Cleared, nx.Remaining)
	}
	return ours, time.Duration(nx.Seconds * float64(time.Second))
}

// TestAgainstNetworkx: 20,000 obligations among 3,000 participants clear to the same
// total as networkx's network_simplex (an independent exact min-cost flow).
func TestAgainstNetworkx(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: networkx takes a few seconds")
	}
	py := needNetworkx(t)
	path := filepath.Join(t.TempDir(), "obligations.csv")
	writeObligations(t, path, 3_000, 20_000)
	ours, theirs := againstNetworkx(t, py, path)
	t.Logf("20,000 obligations: ours %v, networkx %v, %.0fx", ours, theirs, theirs.Seconds()/ours.Seconds())
}

// BenchmarkNetworkx300k is the speed ratio on the 300,000-obligation network of
// BenchmarkClear300k, both solvers once on the same file, both times the solve alone
// (not reading): it reports ours and networkx's seconds and their ratio (goal: at
// least 50). networkx takes minutes (skipped with -short); run it alone:
// go test -bench Networkx -benchtime 1x -cpu 1 ./sim/clearing
func BenchmarkNetworkx300k(b *testing.B) {
	if testing.Short() {
		b.Skip("-short: networkx takes minutes")
	}
	py := needNetworkx(b)
	path := filepath.Join(b.TempDir(), "obligations.csv")
	writeObligations(b, path, 40_000, 300_000)
	var ours, theirs time.Duration
	for b.Loop() {
		ours, theirs = againstNetworkx(b, py, path)
	}
	b.ReportMetric(ours.Seconds(), "ours-s")
	b.ReportMetric(theirs.Seconds(), "networkx-s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "ratio")
}

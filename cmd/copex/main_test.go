package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func copex(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunWritesOutputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := copex(t, "run", "two-coops", "--out", out, "--agents", "--seed", "3", "--journal", filepath.Join(out, "journal.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "two-coops") {
		t.Errorf("stdout %q does not name the scenario", stdout)
	}
	for _, f := range []string{"metrics.csv", "manifest.json", "agents.csv", "report.html", "journal.csv",
		"supply.png", "supply.svg", "balance_ratio.png", "price_index.png", "unmet_wants.png", "coops.png", "foundation.png", "gini.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	f, _ := os.Open(filepath.Join(out, "metrics.csv"))
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 7 {
		t.Fatalf("metrics.csv: %d rows, %v; want a header and 6 ticks", len(rows), err)
	}
	need := strings.Fields("tick month members coops_alive coops_started coops_failed issued expired burned supply circulating savings offered_value sales_value balance_ratio price_index unmet_wants_value foundation_balance foundation_spend levy gini rule_violations")
	have := map[string]int{}
	for i, c := range rows[0] {
		have[c] = i
	}
	for _, c := range need {
		if _, ok := have[c]; !ok {
			t.Errorf("metrics.csv lacks column %s", c)
		}
	}
	if got := rows[6][have["supply"]]; got != "300" {
		t.Errorf("final supply = %s, want 300", got)
	}
	var man map[string]any
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"scenario", "scenario_sha256", "seed", "version", "ticks", "wall_seconds", "step_seconds"} {
		if _, ok := man[k]; !ok {
			t.Errorf("manifest lacks %s", k)
		}
	}
	if man["seed"].(float64) != 3 {
		t.Errorf("manifest seed = %v, want 3", man["seed"])
	}
	agents, _ := os.ReadFile(filepath.Join(out, "agents.csv"))
	if string(agents) != "member,balance\n0,0\n1,0\n" {
		t.Errorf("agents.csv = %q", agents)
	}
	code, stdout, stderr = copex(t, "audit", filepath.Join(out, "journal.csv"))
	if code != 0 || !strings.Contains(stdout, "supply 300 tokens") {
		t.Errorf("audit: exit %d, %s%s", code, stdout, stderr)
	}
}

func TestAuditDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "journal.csv")
	if code, _, stderr := copex(t, "run", "two-coops", "--out", dir, "--journal", j, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(j)
	orig := strings.Split(string(b), "\n")
	lines := append([]string(nil), orig...)
	for i, l := range lines {
		if strings.Contains(l, ",purchase,") {
			lines[i] = strings.Replace(l, ",50,purchase,", ",500,purchase,", 1)
			break
		}
	}
	write(t, dir, "altered.csv", strings.Join(lines, "\n"))
	code, _, stderr := copex(t, "audit", filepath.Join(dir, "altered.csv"))
	if code != 2 || !strings.Contains(stderr, "hash does not match") {
		t.Errorf("altered journal: exit %d, %q; want 2 and a hash mismatch", code, stderr)
	}
	write(t, dir, "cut.csv", strings.Join(orig[:len(orig)/2], "\n")+"\n")
	code, _, stderr = copex(t, "audit", filepath.Join(dir, "cut.csv"))
	if code != 2 || !strings.Contains(stderr, "cut short") {
		t.Errorf("cut journal: exit %d, %q; want 2 and 'cut short'", code, stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile("../../scenarios/two-coops.yaml")
	with := func(name, old, new string) string {
		return write(t, dir, name, strings.Replace(string(good), old, new, 1))
	}
	blocked := write(t, dir, "file", "not a folder")
	tests := []struct {
		name string
		args []string
		want string // in the one-line message
	}{
		{"missing file", []string{"run", filepath.Join(dir, "nope.yaml")}, "nope.yaml"},
		{"empty file", []string{"run", write(t, dir, "empty.yaml", "")}, "empty.yaml: empty scenario"},
		{"syntax error", []string{"run", write(t, dir, "syntax.yaml", "name: x\nmembers: [1,\n")}, "syntax.yaml:"},
		{"unknown key", []string{"run", with("unknown.yaml", "ticks: 6", "ticks: 6\ntickz: 3")}, "unknown.yaml:11: tickz"},
		{"negative members", []string{"run", with("neg.yaml", "members: 2", "members: -5")}, "neg.yaml:11: members"},
		{"foundation share", []string{"run", with("share.yaml", "foundation_share: 0", "foundation_share: 1.5")}, "share.yaml:35: issuance.foundation_share"},
		{"expression unknown variable", []string{"run", with("expr.yaml", "formula: increase_only", "formula: expression\n  expression: salse * 2")}, "expr.yaml:34: issuance.expression: unknown name salse"},
		{"expression syntax", []string{"run", with("expr2.yaml", "formula: increase_only", "formula: expression\n  expression: (sales +")}, "expr2.yaml:34: issuance.expression"},
		{"unknown --set path", []string{"run", "two-coops", "--set", "coops.nonsense=1"}, "--set coops.nonsense"},
		{"bad --set value", []string{"run", "two-coops", "--set", "members=many"}, "--set members"},
		{"unwritable --out", []string{"run", "two-coops", "--out", filepath.Join(blocked, "sub")}, "--out"},
		{"bad --seed", []string{"run", "--seed", "-1"}, "--seed"},
		{"unknown flag", []string{"run", "--fast"}, "unknown flag"},
		{"unknown scenario name", []string{"validate", "no-such-scenario"}, "no-such-scenario"},
		{"missing journal", []string{"audit", filepath.Join(dir, "none.csv")}, "none.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := copex(t, tt.args...)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitBadInput, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr = %q, want one line containing %q", stderr, tt.want)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr shows a crash: %q", stderr)
			}
		})
	}
	// A bad run leaves no output that looks complete.
	out := filepath.Join(dir, "never")
	copex(t, "run", with("late.yaml", "members: 2", "members: -1"), "--out", out)
	if _, err := os.Stat(filepath.Join(out, "metrics.csv")); err == nil {
		t.Error("a rejected scenario left a metrics.csv")
	}
}

func TestValidateSchemaList(t *testing.T) {
	code, stdout, _ := copex(t, "validate", "baseline", "two-coops", "random-exchange", "giveaway")
	if code != 0 || strings.Count(stdout, ": ok") != 4 {
		t.Errorf("validate: exit %d, %q", code, stdout)
	}
	code, stdout, _ = copex(t, "schema")
	var schema map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &schema) != nil || !strings.Contains(stdout, "foundation_share") {
		t.Errorf("schema: exit %d, not a JSON Schema naming foundation_share", code)
	}
	code, stdout, _ = copex(t, "list")
	if code != 0 || !strings.Contains(stdout, "baseline") || !strings.Contains(stdout, "giveaway") {
		t.Errorf("list: exit %d, %q", code, stdout)
	}
}

// TestWorkersGiveIdenticalFiles runs the same scenario with --workers 1, 2 and 8:
// metrics.csv and agents.csv must be byte-identical.
func TestWorkersGiveIdenticalFiles(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for _, w := range []string{"1", "2", "8"} {
		out := filepath.Join(dir, "w"+w)
		// Two member shards and several co-op shards, over a year.
		code, _, stderr := copex(t, "run", "baseline", "--set", "members=20000", "--set", "coops.count=700",
			"--set", "ticks=12", "--workers", w, "--agents", "--out", out, "-q")
		if code != 0 {
			t.Fatalf("--workers %s: exit %d: %s", w, code, stderr)
		}
		files := map[string][]byte{}
		for _, f := range []string{"metrics.csv", "agents.csv"} {
			b, err := os.ReadFile(filepath.Join(out, f))
			if err != nil {
				t.Fatal(err)
			}
			files[f] = b
		}
		if first == nil {
			first = files
			continue
		}
		for f, b := range files {
			if !bytes.Equal(b, first[f]) {
				t.Errorf("--workers %s: %s differs from --workers 1", w, f)
			}
		}
	}
}

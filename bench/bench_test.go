package bench

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

func TestRunCase(t *testing.T) {
	f, err := RunCase(Case{Scenario: "two-coops", Workers: 1, Ticks: 3})
	if err != nil {
		t.Fatal(err)
	}
	if f.Scenario != "two-coops" || f.Model != "economy" || f.Workers != 1 || f.Ticks != 3 || f.Members != 2 {
		t.Errorf("figures %+v, want two-coops, economy, 1 worker, 3 ticks, 2 members", f)
	}
	if f.MemberTicks != 6 {
		t.Errorf("member-ticks = %d, want 2 members × 3 ticks", f.MemberTicks)
	}
	if f.StepSeconds <= 0 || f.BuildSeconds <= 0 {
		t.Errorf("step %g s, build %g s; want both positive", f.StepSeconds, f.BuildSeconds)
	}
	if runtime.GOOS == "linux" && f.PeakRSS < 1<<20 {
		t.Errorf("peak RSS %d bytes, want at least a MiB", f.PeakRSS)
	}
	if got, want := f.Rate(), 6/f.StepSeconds; got != want {
		t.Errorf("Rate = %g, want %g", got, want)
	}
}

func TestRunCaseRandomExchange(t *testing.T) {
	cs := Cases([]string{"random-exchange"}, []int{2}, 2)
	if len(cs) != 1 || !slices.Contains(cs[0].Sets, "random_exchange.rule=unit") {
		t.Fatalf("cases %+v, want the reference overrides", cs)
	}
	c := cs[0]
	c.Sets = append(c.Sets, "members=1000") // after the reference's 100,000: keep the test fast
	f, err := RunCase(c)
	if err != nil {
		t.Fatal(err)
	}
	if f.Model != "random_exchange" || f.Unit() != "agent-steps" || f.Ticks != 2 || f.Members != 1000 || f.MemberTicks != 2000 {
		t.Errorf("figures %+v, want random_exchange, 2 ticks of 1,000 members", f)
	}
}

func TestFigures(t *testing.T) {
	f := Figures{Model: "economy", Ticks: 4, Members: 250_000, MemberTicks: 1_000_000, StepSeconds: 0.5,
		Mallocs: 30, PeakRSS: 3 << 20}
	check := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s = %g, want %g", name, got, want)
		}
	}
	check("Rate", f.Rate(), 2e6)
	check("NsPerMemberTick", f.NsPerMemberTick(), 500)
	check("AllocsPerTick", f.AllocsPerTick(), 7.5)
	check("PeakMiB", f.PeakMiB(), 3)
	if f.Unit() != "member-ticks" {
		t.Errorf("Unit = %q", f.Unit())
	}
	var zero Figures
	if zero.Rate() != 0 || zero.NsPerMemberTick() != 0 || zero.AllocsPerTick() != 0 {
		t.Error("figures of nothing are not zero")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	f, err := RunCase(Case{Scenario: "two-coops", Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, f); err != nil {
		t.Fatal(err)
	}
	line := b.String()
	if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "}\n") {
		t.Fatalf("not one JSON line: %q", line)
	}
	for _, k := range []string{`"step_seconds":`, `"mallocs":`, `"peak_rss_bytes":`, `"member_ticks":`} {
		if !strings.Contains(line, k) {
			t.Errorf("JSON line lacks %s: %s", k, line)
		}
	}
	got, err := ReadJSON(strings.NewReader("some noise\n" + line + "\n"))
	if err != nil || got != f {
		t.Errorf("ReadJSON = %+v, %v; want %+v", got, err, f)
	}
	for _, bad := range []string{"", "\n \n", `{"scenario":"x","speed":3}`, `{"scenario":`} {
		if _, err := ReadJSON(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadJSON(%q) took it", bad)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := (Case{Scenario: "two-coops", Workers: 1}).Check(); err != nil {
		t.Errorf("two-coops: %v", err)
	}
	var se *scenarios.Error
	if err := (Case{Scenario: "no-such-scenario", Workers: 1}).Check(); !errors.As(err, &se) {
		t.Errorf("unknown scenario: %v, want a *scenarios.Error", err)
	}
	if err := (Case{Scenario: "two-coops", Workers: 0}).Check(); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("0 workers: %v", err)
	}
	if _, err := RunCase(Case{Scenario: "two-coops", Workers: 1, Ticks: -1}); err == nil {
		t.Error("RunCase took -1 ticks")
	}
}

func TestCasesAndArgs(t *testing.T) {
	cs := Cases(Reference, []int{1, 4}, 0)
	if len(cs) != 6 || cs[0].Scenario != "economy-100k" || cs[1].Workers != 4 || cs[5].Scenario != "random-exchange" {
		t.Fatalf("Cases = %+v", cs)
	}
	if len(cs[0].Sets) != 0 {
		t.Errorf("economy-100k has overrides %v", cs[0].Sets)
	}
	got := strings.Join(cs[5].Args(), " ")
	want := "bench-case --scenario random-exchange --workers 4 --set members=100000 --set ticks=100 --set random_exchange.rule=unit --json"
	if got != want {
		t.Errorf("Args = %s\nwant   %s", got, want)
	}
	if got := strings.Join(Case{Scenario: "x", Workers: 1, Ticks: 3}.Args(), " "); got != "bench-case --scenario x --workers 1 --ticks 3 --json" {
		t.Errorf("Args = %s", got)
	}
	// The case's sets must not alias the reference's.
	cs[5].Sets[0] = "members=1"
	if referenceSets["random-exchange"][0] != "members=100000" {
		t.Error("Cases shares the reference overrides")
	}
	if w := DefaultWorkers(); w[0] != 1 || w[len(w)-1] != runtime.GOMAXPROCS(0) || len(w) > 2 {
		t.Errorf("DefaultWorkers = %v", w)
	}
}

func TestParseWorkers(t *testing.T) {
	ws, err := ParseWorkers(" 1, 2,2,8 ,")
	if err != nil || !slices.Equal(ws, []int{1, 2, 8}) {
		t.Errorf("ParseWorkers = %v, %v", ws, err)
	}
	for _, bad := range []string{"", ",", "0", "-1", "1,x", "2.5"} {
		if _, err := ParseWorkers(bad); err == nil {
			t.Errorf("ParseWorkers(%q) took it", bad)
		}
	}
}

func TestMeasure(t *testing.T) {
	times := []float64{3, 1, 2}
	peaks := []uint64{10, 20, 15}
	i := 0
	run := func(c Case) (Figures, error) {
		f := Figures{Scenario: c.Scenario, Workers: c.Workers, StepSeconds: times[i%3], PeakRSS: peaks[i%3]}
		i++
		return f, nil
	}
	var done []int
	figs, err := Measure(Cases([]string{"a", "b"}, []int{1}, 0), 3, run, func(c Case, n int, f Figures) { done = append(done, n) })
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 || figs[0].Scenario != "a" || figs[1].Scenario != "b" {
		t.Fatalf("Measure = %+v", figs)
	}
	for _, f := range figs {
		if f.StepSeconds != 1 || f.PeakRSS != 20 {
			t.Errorf("%s: %g s, peak %d; want the fastest run (1 s) and the highest peak (20)", f.Scenario, f.StepSeconds, f.PeakRSS)
		}
	}
	if !slices.Equal(done, []int{1, 2, 3, 1, 2, 3}) {
		t.Errorf("progress calls %v", done)
	}
	boom := errors.New("boom")
	if _, err := Measure(Cases([]string{"a"}, []int{1}, 0), 1, func(Case) (Figures, error) { return Figures{}, boom }, nil); !errors.Is(err, boom) {
		t.Errorf("Measure error = %v, want boom", err)
	}
}

func TestWriteTable(t *testing.T) {
	m := Machine{OS: "linux", Arch: "amd64", CPU: "Test CPU", Cores: 2, Go: "go1.26.0"}
	figs := []Figures{
		{Scenario: "economy-1m", Model: "economy", Workers: 2, Ticks: 120, Members: 1_000_000, MemberTicks: 120_000_000,
			StepSeconds: 60, Mallocs: 1200, PeakRSS: 512 << 20},
		{Scenario: "random-exchange", Model: "random_exchange", Workers: 1, Ticks: 100, Members: 100_000, MemberTicks: 10_000_000,
			StepSeconds: 0.5, Mallocs: 0, PeakRSS: 0},
	}
	var b bytes.Buffer
	if err := WriteTable(&b, figs, m); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(out, "\n")
	if lines[0] != "machine: linux/amd64, Test CPU, 2 cores, go1.26.0" {
		t.Errorf("machine line %q", lines[0])
	}
	header := strings.Fields(strings.NewReplacer("wall s", "wall_s", "peak MiB", "peak_MiB").Replace(lines[2]))
	if len(header) != 9 || header[0] != "scenario" || header[8] != "peak_MiB" {
		t.Errorf("header %q", lines[2])
	}
	want := []string{"economy-1m", "2", "120", "1,000,000", "60.00", "2,000,000", "500.0", "10.0", "512"}
	if got := strings.Fields(lines[3]); !slices.Equal(got, want) {
		t.Errorf("row %q\nwant %v", lines[3], want)
	}
	want = []string{"random-exchange", "1", "100", "100,000", "0.50", "20,000,000", "50.0", "0.0", "?"}
	if got := strings.Fields(lines[4]); !slices.Equal(got, want) {
		t.Errorf("row %q\nwant %v", lines[4], want)
	}
	if len(lines[2]) != len(lines[3]) || len(lines[3]) != len(lines[4]) {
		t.Errorf("columns not aligned:\n%s", out)
	}
	if !strings.Contains(out, "agent-steps/s") {
		t.Errorf("no note on agent-steps:\n%s", out)
	}
	b.Reset()
	if err := WriteMarkdown(&b, figs, m); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, s := range []string{
		"Measured on linux/amd64, Test CPU, 2 cores, go1.26.0.",
		"| scenario | workers | ticks | members | wall s | member-ticks/s | ns/member-tick | allocs/tick | peak MiB |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n",
		"| `economy-1m` | 2 | 120 | 1,000,000 | 60.00 | 2,000,000 | 500.0 | 10.0 | 512 |\n",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 123456789: "123,456,789", -1234: "-1,234"} {
		if got := group(n); got != want {
			t.Errorf("group(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMachine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpuinfo")
	os.WriteFile(path, []byte("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"), 0o644)
	if got := cpuModel(path); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(filepath.Join(t.TempDir(), "none")); got != "unknown CPU" {
		t.Errorf("cpuModel of no file = %q", got)
	}
	m := ThisMachine()
	if m.Cores != runtime.NumCPU() || m.Go != runtime.Version() || !strings.HasPrefix(m.String(), runtime.GOOS+"/"+runtime.GOARCH+", ") {
		t.Errorf("ThisMachine = %+v", m)
	}
}

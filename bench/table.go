package bench

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Machine is what the figures were measured on.
type Machine struct {
	OS, Arch string // runtime.GOOS, runtime.GOARCH
	CPU      string // the processor's model name ("unknown CPU" if it cannot be read)
	Cores    int    // logical CPUs usable by the process (runtime.NumCPU)
	Go       string // Go version the binary was built with
}

// ThisMachine describes the machine the program runs on; the CPU model is read from
// /proc/cpuinfo.
func ThisMachine() Machine {
	return Machine{OS: runtime.GOOS, Arch: runtime.GOARCH, CPU: cpuModel("/proc/cpuinfo"),
		Cores: runtime.NumCPU(), Go: runtime.Version()}
}

// String describes the machine on one line, as "linux/amd64, AMD EPYC, 2 cores,
// go1.26.0".
func (m Machine) String() string {
	return fmt.Sprintf("%s/%s, %s, %d %s, %s", m.OS, m.Arch, m.CPU, m.Cores, plural(m.Cores, "core"), m.Go)
}

// cpuModel returns the first "model name" of a cpuinfo file.
func cpuModel(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return "unknown CPU"
}

// columns are the table's headings.
var columns = []string{"scenario", "workers", "ticks", "members", "wall s", "member-ticks/s", "ns/member-tick", "allocs/tick", "peak MiB"}

// cells formats f as a row of the table.
func cells(f Figures) []string {
	return []string{
		f.Scenario,
		strconv.Itoa(f.Workers),
		strconv.Itoa(f.Ticks),
		group(int64(f.Members)),
		strconv.FormatFloat(f.StepSeconds, 'f', 2, 64),
		group(int64(math.Round(f.Rate()))),
		strconv.FormatFloat(f.NsPerMemberTick(), 'f', 1, 64),
		strconv.FormatFloat(f.AllocsPerTick(), 'f', 1, 64),
		peak(f),
	}
}

func peak(f Figures) string {
	if f.PeakRSS == 0 {
		return "?"
	}
	return strconv.FormatFloat(f.PeakMiB(), 'f', 0, 64)
}

// group formats n with thousands separators: 1234567 as 1,234,567.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// notes returns the lines printed under the table: what a member-tick is, and that a
// random-exchange rate counts agent-steps.
func notes(figs []Figures) []string {
	n := []string{"wall s: the tick loop alone; member-tick: one registered member's turn in one tick; " +
		"peak MiB: peak resident set of the process that ran the case"}
	for _, f := range figs {
		if f.Unit() == "agent-steps" {
			n = append(n, "random-exchange: a member-tick is an agent-step, so member-ticks/s is agent-steps/s")
			break
		}
	}
	return n
}

// WriteTable prints the figures as an aligned text table, after a line naming the
// machine and followed by notes on the units.
func WriteTable(w io.Writer, figs []Figures, m Machine) error {
	if _, err := fmt.Fprintf(w, "machine: %s\n\n", m); err != nil {
		return err
	}
	width := len(columns[0])
	for _, f := range figs {
		width = max(width, len(f.Scenario))
	}
	// Numbers align right; the scenario, padded here, reads left-aligned. Each cell
	// after the first carries its own gap, so lines start with the scenario.
	tw := tabwriter.NewWriter(w, 0, 0, 0, ' ', tabwriter.AlignRight)
	row := func(cs []string) {
		cs[0] = fmt.Sprintf("%-*s", width, cs[0])
		fmt.Fprintln(tw, strings.Join(cs, "\t  ")+"\t")
	}
	row(append([]string(nil), columns...))
	for _, f := range figs {
		row(cells(f))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes(figs) {
		if _, err := fmt.Fprintf(w, "\n%s", n); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// WriteMarkdown prints the figures as a Markdown table, after a sentence naming the
// machine and followed by notes on the units.
func WriteMarkdown(w io.Writer, figs []Figures, m Machine) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured on %s.\n\n", m)
	b.WriteString("| " + strings.Join(columns, " | ") + " |\n|---|")
	for range columns[1:] {
		b.WriteString("--:|")
	}
	b.WriteByte('\n')
	for _, f := range figs {
		cs := cells(f)
		cs[0] = "`" + cs[0] + "`"
		b.WriteString("| " + strings.Join(cs, " | ") + " |\n")
	}
	for _, n := range notes(figs) {
		b.WriteString("\n" + n + ".\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

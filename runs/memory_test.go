package runs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
)

const meminfo = "MemTotal:       24684096 kB\nMemFree:        20000000 kB\nMemAvailable:   16777216 kB\n"

func TestMemoryIn(t *testing.T) {
	const gib = 1 << 30
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name string
		fs   fstest.MapFS
		want uint64
		ok   bool
	}{
		{"nothing readable", fstest.MapFS{}, 0, false},
		{"meminfo only", fstest.MapFS{"proc/meminfo": file(meminfo)}, 16 * gib, true},
		{"meminfo without MemAvailable", fstest.MapFS{"proc/meminfo": file("MemTotal: 1 kB\n")}, 0, false},
		{"v2 limit lower", fstest.MapFS{
			"proc/meminfo":                            file(meminfo),
			"proc/self/cgroup":                        file("0::/user.slice/job\n"),
			"sys/fs/cgroup/memory.max":                file("max\n"),
			"sys/fs/cgroup/user.slice/job/memory.max": file("4294967296\n"),
		}, 4 * gib, true},
		{"v2 limit on an ancestor", fstest.MapFS{
			"proc/meminfo":                            file(meminfo),
			"proc/self/cgroup":                        file("0::/user.slice/job\n"),
			"sys/fs/cgroup/user.slice/memory.max":     file("2147483648\n"),
			"sys/fs/cgroup/user.slice/job/memory.max": file("max\n"),
		}, 2 * gib, true},
		{"v2 no limit", fstest.MapFS{
			"proc/meminfo":             file(meminfo),
			"sys/fs/cgroup/memory.max": file("max\n"),
		}, 16 * gib, true},
		{"v2 limit higher", fstest.MapFS{
			"proc/meminfo":             file(meminfo),
			"sys/fs/cgroup/memory.max": file("68719476736\n"),
		}, 16 * gib, true},
		{"v1 limit, no meminfo", fstest.MapFS{
			"proc/self/cgroup": file("4:memory:/docker/abc\n0::/\n"),
			"sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": file("1073741824\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes":            file("9223372036854771712\n"),
		}, gib, true},
		{"v1 unlimited", fstest.MapFS{
			"proc/meminfo":     file(meminfo),
			"proc/self/cgroup": file("4:cpu,memory:/\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes": file("9223372036854771712\n"),
		}, 16 * gib, true},
		{"v1 limit at the top", fstest.MapFS{
			"proc/meminfo":                        file(meminfo),
			"sys/fs/cgroup/memory.limit_in_bytes": file("536870912\n"),
		}, gib / 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := memoryIn(tt.fs)
			if got != tt.want || ok != tt.ok {
				t.Errorf("memoryIn = %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSystemMemory(t *testing.T) {
	n, ok := SystemMemory()
	if _, err := os.Stat("/proc/meminfo"); err == nil && (!ok || n == 0) {
		t.Errorf("SystemMemory = %d, %v on a system with /proc/meminfo", n, ok)
	}
}

func TestCheckMemory(t *testing.T) {
	cfg := agents.Default()
	cfg.Members = 100_000_000
	need := agents.EstimateMemory(cfg)
	fixed := func(n uint64, ok bool) MemorySource { return func() (uint64, bool) { return n, ok } }
	if err := CheckMemory(cfg, fixed(need, true)); err != nil {
		t.Errorf("estimate equal to what is available: %v", err)
	}
	if err := CheckMemory(cfg, fixed(1, false)); err != nil {
		t.Errorf("available memory unknown: %v, want no check", err)
	}
	err := CheckMemory(cfg, fixed(20<<30+100<<20, true))
	var me *MemoryError
	if !errors.As(err, &me) || me.Need != need || me.Members != cfg.Members {
		t.Fatalf("too large: %v, want a *MemoryError", err)
	}
	want := "scenario needs about " + FormatBytes(need) + " (members: 100000000) but 20.1 GiB is available"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[uint64]string{0: "0.0 MiB", 3 << 19: "1.5 MiB", 1<<30 - 1: "1024.0 MiB", 1 << 30: "1.0 GiB", 25_555_000_000: "23.8 GiB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRunRefusesTooLarge(t *testing.T) {
	sc, err := scenarios.Load("two-coops", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err = Run(sc, dir, Options{NoCharts: true, Memory: func() (uint64, bool) { return 1 << 20, true }})
	var me *MemoryError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "but 1.0 MiB is available") {
		t.Fatalf("Run = %v, want a *MemoryError", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "metrics.csv")); err == nil {
		t.Error("a refused run wrote metrics.csv")
	}
	res, err := Run(sc, dir, Options{NoCharts: true, Workers: 3, Memory: func() (uint64, bool) { return 1 << 40, true }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Manifest.Workers != 3 {
		t.Errorf("manifest workers = %d, want 3", res.Manifest.Workers)
	}
}

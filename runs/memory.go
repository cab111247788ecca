package runs

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/copex/copex/agents"
)

// MemoryError is a scenario too large for the memory available: Run returns it before
// building the model, rather than letting the run die out of memory.
type MemoryError struct {
	Need      uint64 // bytes the model needs, by agents.EstimateMemory
	Available uint64 // bytes available to the process
	Members   int    // members of the scenario, named in the message
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("scenario needs about %s (members: %d) but %s is available",
		FormatBytes(e.Need), e.Members, FormatBytes(e.Available))
}

// MemorySource returns the bytes of memory available to the process, and false when
// it cannot tell.
type MemorySource func() (bytes uint64, ok bool)

// CheckMemory compares the memory a model of cfg needs (agents.EstimateMemory) with
// what available reports (nil: SystemMemory). It returns a *MemoryError when the
// estimate exceeds it, and nil when it fits or the available memory is unknown.
func CheckMemory(cfg agents.Config, available MemorySource) error {
	_, err := MemoryBudget(cfg, available)
	return err
}

// MemoryBudget is CheckMemory that also returns the memory available (0 when it is
// unknown): the budget a run's model may grow to as it runs (sim.Options.MemoryBudget).
func MemoryBudget(cfg agents.Config, available MemorySource) (uint64, error) {
	if available == nil {
		available = SystemMemory
	}
	have, ok := available()
	if !ok {
		return 0, nil
	}
	if need := agents.EstimateMemory(cfg); need > have {
		return have, &MemoryError{Need: need, Available: have, Members: cfg.Members}
	}
	return have, nil
}

// IncompleteError is a run stopped before its last tick because its model grew past
// the memory available when it started (*sim.MemoryError): the metrics of the ticks
// run so far are kept in the output folder, and its manifest says "incomplete".
type IncompleteError struct {
	Dir   string
	Ticks int // ticks run and written
	Err   error
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("%v; the %d ticks run are kept in %s, marked incomplete in its manifest", e.Err, e.Ticks, e.Dir)
}

func (e *IncompleteError) Unwrap() error { return e.Err }

// SystemMemory returns the memory available to this process: MemAvailable from
// /proc/meminfo, or the limit of its memory cgroup (v2 memory.max or v1
// memory.limit_in_bytes, of its cgroup or any ancestor) when that is lower. It returns
// false when neither can be read (as on systems other than Linux).
func SystemMemory() (uint64, bool) { return memoryIn(os.DirFS("/")) }

// memoryIn is SystemMemory over the file system root (paths without the leading /).
func memoryIn(root fs.FS) (uint64, bool) {
	avail, ok := memAvailable(root)
	if limit, lok := cgroupLimit(root); lok && (!ok || limit < avail) {
		avail, ok = limit, true
	}
	return avail, ok
}

// memAvailable reads MemAvailable (in kB) from proc/meminfo.
func memAvailable(root fs.FS) (uint64, bool) {
	data, err := fs.ReadFile(root, "proc/meminfo")
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return 0, false
		}
		kb, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return 0, false
		}
		return kb << 10, true
	}
	return 0, false
}

// cgroupLimit returns the lowest memory limit of the process's cgroup and its
// ancestors, v2 (memory.max, "max" for none) and v1 (memory.limit_in_bytes, a huge
// number for none), and false when none is set or readable.
func cgroupLimit(root fs.FS) (uint64, bool) {
	v2, v1 := "/", "/"
	if data, err := fs.ReadFile(root, "proc/self/cgroup"); err == nil {
		for line := range strings.Lines(string(data)) {
			// hierarchy-ID:controller-list:cgroup-path
			f := strings.SplitN(strings.TrimSpace(line), ":", 3)
			if len(f) != 3 {
				continue
			}
			switch {
			case f[0] == "0" && f[1] == "":
				v2 = f[2]
			case hasController(f[1], "memory"):
				v1 = f[2]
			}
		}
	}
	var limit uint64
	found := false
	take := func(file string) {
		n, ok := readLimit(root, file)
		if ok && (!found || n < limit) {
			limit, found = n, true
		}
	}
	for _, dir := range ancestors(v2) {
		take(path.Join("sys/fs/cgroup", dir, "memory.max"))
	}
	for _, dir := range ancestors(v1) {
		take(path.Join("sys/fs/cgroup/memory", dir, "memory.limit_in_bytes"))
	}
	take("sys/fs/cgroup/memory.limit_in_bytes")
	return limit, found
}

func hasController(list, name string) bool {
	for c := range strings.SplitSeq(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// ancestors returns the cgroup path p and every folder above it, up to the root.
func ancestors(p string) []string {
	p = path.Clean("/" + p)
	dirs := []string{p}
	for p != "/" {
		p = path.Dir(p)
		dirs = append(dirs, p)
	}
	return dirs
}

// unlimited is the smallest cgroup v1 limit taken to mean none (the kernel reports
// "no limit" as a page-rounded 2^63-1).
const unlimited = 1 << 62

// readLimit reads a cgroup memory limit file; "max" or a huge value is no limit.
func readLimit(root fs.FS, file string) (uint64, bool) {
	data, err := fs.ReadFile(root, file)
	if err != nil {
		return 0, false
	}
	s := strings.TrimSpace(string(data))
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n >= unlimited {
		return 0, false
	}
	return n, true
}

// FormatBytes formats n bytes in GiB to one decimal, or in MiB below a GiB.
func FormatBytes(n uint64) string {
	const mib, gib = 1 << 20, 1 << 30
	if n >= gib {
		return strconv.FormatFloat(float64(n)/gib, 'f', 1, 64) + " GiB"
	}
	return strconv.FormatFloat(float64(n)/mib, 'f', 1, 64) + " MiB"
}

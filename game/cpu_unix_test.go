//go:build unix

package game

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the test process has used (user and system): a
// benchmark divides it by b.N to report a figure that other load on a shared machine
// does not inflate as it does wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package bench

// peakRSS returns 0: the peak resident set is not known on this system.
func peakRSS() uint64 { return 0 }

// Package atomicfile writes files atomically: to a temporary file in the same folder,
// synced and renamed into place on Commit, so that a killed process never leaves a
// half-written file that looks whole.
//
// Committed files get the mode os.Create would give them (0666 less the umask, read
// once at start on unix; 0644 elsewhere), not os.CreateTemp's 0600.
package atomicfile

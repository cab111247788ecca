// Package atomicfile writes files atomically: to a temporary file in the same folder,
// synced and renamed into place on Commit, so that a killed process never leaves a
// half-written file that looks whole.
package atomicfile

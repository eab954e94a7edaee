//go:build unix

// Package cputime reads the CPU time the process has used, for the
// benchmarks' cpu-ns metrics: on a loaded machine it moves far less than
// the wall clock, which waits for a core.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the CPU time the process has used, user and system,
// the collector's included; false if it cannot be read.
func Process() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

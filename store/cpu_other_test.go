//go:build !unix

package store

import "time"

// cpuTime is not measured here: the benchmarks report zero CPU time.
func cpuTime() time.Duration { return 0 }

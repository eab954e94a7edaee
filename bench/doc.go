// Package bench holds the performance figures of SPEC §9, each measured
// beside a raw baseline in the same run and reported as a ratio, because the
// machines that run them are noisy. Nothing here is a timed test: the tests
// of this package only check that each comparison is fair (both sides do the
// same work), and they run with every `go test ./...`.
//
// Row 1, expanding a year of a synthetic plan against a bare loop of robfig
// Schedule.Next over the same specs, lives in synth.go (the plan) and
// expand_test.go (the benchmarks). Run it, with the ratio and its goal, by
//
//	bench/run.sh
//
// which keeps the raw `go test -bench` output under bench/out/ and reads it
// with bench/cmd/ratio, a small reader of benchmark output that the other
// rows of §9 reuse.
package bench

// Package bench holds the performance figures of SPEC §9, each measured
// beside a raw baseline in the same run and reported as a ratio, because the
// machines that run them are noisy. Nothing here is a timed test: the tests
// of this package only check that each comparison is fair (both sides do the
// same work) or that what a figure relies on is correct, and they run with
// every `go test ./...`.
//
// Row 1, expanding a year of a synthetic plan against a bare loop of robfig
// Schedule.Next over the same specs, lives in synth.go (the plan) and
// expand_test.go (the benchmarks).
//
// The dispatch figure (dispatch_test.go) sends N emails due at one instant
// through the daemon's path, scheduler, bbolt store and outbox, as
// cmd/nhacviec/run.go assembles it (rig_test.go, on a fake clock), until
// all are recorded Sent; its baseline writes the same messages, rendered
// beforehand, with the same outbox and nothing else. SPEC gives no goal for
// the outbox; TestDispatchComparison checks that both outboxes end up with
// the same files, byte for byte.
//
// The reload figure (reload_test.go) reloads a 10,000-unit plan as the
// daemon does, from config.Load to the scheduler's next sleep, against
// config.Parse alone; goal ≤ 1.5×. TestReloadRepeatsNothing reloads a small
// plan three times while messages are due and checks that each is sent
// once, and none is lost.
//
// The idle figure is a command, bench/cmd/idle: it runs the built daemon on
// the example plan for a window and reads its context switches and RSS
// from /proc, beside a Go program that only waits (bench/cmd/idle/baseline)
// and variants under other runtime settings; goals ≤ 60 wake-ups an hour
// and RSS ≤ 30 MB.
//
// The delivery rows need mailpit: the email figure (email_test.go) sends
// N emails due at one instant through the scheduler, the store, the
// acknowledgement links and notify/email to a real mailpit 10 ms away
// each way (a proxy in the benchmark, latencyProxy in mailpit_test.go),
// against go-mail alone sending the same messages on as many connections
// through the same proxy (goal ≥ 0.9×); the acknowledgement figure (ack_test.go) POSTs acknowledgements
// from 64 clients to a real web.Server, against bbolt's Batch writing the
// same records (goals ≥ 0.5×, p99 ≤ 50 ms).
//
// Run them all, with their ratios and goals, by
//
//	bench/run.sh                       # ROWS="expand dispatch reload idle"
//	bench/run-delivery.sh              # ROWS="email ack"
//
// which keep the raw output under bench/out/ and read it with
// bench/cmd/ratio, a small reader of benchmark output.
package bench

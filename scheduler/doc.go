// Package scheduler runs the plan's calendar: it pulls notifications in
// time order from one stream (the plan's expansion and the owners' daily
// digests), and takes each through the same stages, each in its own file:
// plan the batch (batch.go), prepare, deciding against the store at send
// time (prepare.go, digest.go), record intents (intent.go), render
// (render.go), send (send.go), record the outcome (outcome.go) and retry
// (retry.go). Intent is recorded before each send and the outcome after
// it, so a crash repeats at most the one message in flight per worker. It
// catches up after downtime, retries temporary failures with backoff, and
// sleeps until the next due time (at most a minute at a time).
package scheduler

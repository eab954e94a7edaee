// Package scheduler runs the plan's calendar: it pulls notifications from
// the plan's expansion in time order, decides the conditional ones against
// the store, sends them through the notifiers, and records intent before
// and outcome after each send, so a crash repeats at most the one message
// in flight. It catches up after downtime, retries temporary failures with
// backoff, and sleeps until the next due time (at most a minute at a time).
package scheduler

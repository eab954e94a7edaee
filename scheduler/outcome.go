package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage record outcome: how a send ended is recorded, durably, before
// the worker takes its next message.

// Outcomes record how sends ended, or what became of deliveries waiting
// in the retry queue.
type Outcomes interface {
	Finish(key string, state store.State, where, lastErr string, next time.Time) error
	FinishAll(keys []string, state store.State, where, lastErr string, next time.Time) error
}

// Audit records what happened and why.
type Audit interface {
	Log(e store.Event) error
}

// Outboxed is the result Observe is told of a message the outbox kept
// (notify.Standin): recorded sent in the store, so that it is not sent
// again, but not delivered, and never counted as sent.
const Outboxed store.State = "outbox"

// outcome records the outcome of the send of rec, which ended with err:
// sent (where is where it went); retrying, with backoff, after a
// temporary failure until retry_for; or failed.
func (s *Scheduler) outcome(ctx context.Context, cfg *plan.Config, rec store.Delivery, where string, err error, now time.Time, log logArgs) error {
	if err == nil {
		if notify.KeptInOutbox(where) {
			s.logLine(slog.LevelInfo, "written to the outbox, not sent", log, slog.String("file", where[len(notify.ViaOutbox):]))
			s.observe(rec.Kind, rec.Channel, Outboxed)
		} else {
			s.logLine(slog.LevelInfo, "sent", log, slog.Int("attempt", rec.Attempts))
			s.observe(rec.Kind, rec.Channel, store.Sent)
		}
		// Recorded in a synced commit before the worker takes its next
		// message: a crash until then sends this one again
		// (recoverInFlight), a crash after does not. The delivery record
		// itself says when and where it went: a sent message costs no
		// audit event, only failures and decisions do.
		if err := s.opts.Store.Finish(rec.Key, store.Sent, where, "", time.Time{}); err != nil {
			return fmt.Errorf("scheduler: record sent: %w", err)
		}
		return nil
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		// Shutting down mid-send: the record stays in flight and is
		// retried at the next start.
		return nil
	}
	first := rec.Started
	if first.IsZero() {
		first = now
	}
	if !notify.IsTemporary(err) {
		s.logLine(slog.LevelError, "failed permanently", log, slog.Any("err", err))
		return s.fail(rec, store.Failed, err.Error(), time.Time{})
	}
	if now.Sub(first) >= cfg.Service.RetryFor {
		s.logLine(slog.LevelError, "failed: retried too long", log, slog.Any("err", err), slog.Time("since", first))
		return s.fail(rec, store.Failed, fmt.Sprintf("%s (retried since %s)", err, first.Format(time.RFC3339)), time.Time{})
	}
	next := now.Add(s.backoff(rec.Attempts))
	s.logLine(slog.LevelWarn, "temporary failure, will retry", log, slog.Any("err", err), slog.Time("next", next))
	return s.fail(rec, store.Retrying, err.Error(), next)
}

// fail records that the send of rec did not succeed, as state, and why.
func (s *Scheduler) fail(rec store.Delivery, state store.State, why string, next time.Time) error {
	s.observe(rec.Kind, rec.Channel, state)
	if err := s.opts.Store.Finish(rec.Key, state, "", why, next); err != nil {
		return fmt.Errorf("scheduler: record outcome: %w", err)
	}
	return s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: string(state), ID: rec.Key, Detail: why})
}

// backoff is the delay before retry number attempt: exponential with
// jitter, so many failed messages do not all come back at once.
func (s *Scheduler) backoff(attempt int) time.Duration {
	d := s.opts.RetryBase
	for i := 1; i < attempt && d < s.opts.RetryMax; i++ {
		d *= 2
	}
	d = min(d, s.opts.RetryMax)
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

func (s *Scheduler) observe(kind, channel string, result store.State) {
	if s.opts.Observe != nil {
		s.opts.Observe(kind, channel, result)
	}
}

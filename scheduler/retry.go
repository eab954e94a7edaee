package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage retry: the deliveries whose retry time has come, and those a
// stop left in flight, go through the stages again from their records:
// prepare decides again (preparer.again), then record intent, render,
// send and record outcome, as for a notification due.

// RetryQueue holds the deliveries to send again.
type RetryQueue interface {
	InFlight() ([]store.Delivery, error)
	DueRetries(now time.Time, limit int) ([]store.Delivery, error)
	NextRetry() (time.Time, error)
}

// retry resends the deliveries whose retry time has come.
func (s *Scheduler) retry(ctx, sendCtx context.Context, cfg *plan.Config, now time.Time) error {
	for ctx.Err() == nil {
		due, err := s.opts.Store.DueRetries(now, batchSize)
		if err != nil {
			return fmt.Errorf("scheduler: retry queue: %w", err)
		}
		if len(due) == 0 {
			return nil
		}
		for _, d := range due {
			if err := s.resend(sendCtx, cfg, d, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// resend sends a recorded delivery again: a retry, or one left in flight
// by a stop. What becomes of it is decided again first.
func (s *Scheduler) resend(ctx context.Context, cfg *plan.Config, d store.Delivery, now time.Time) error {
	dr, why, err := s.preparer(d.Kind).again(cfg, d)
	switch {
	case errors.Is(err, errUnreadable):
		// Damage to the store: stop, rather than settle what it was.
		return fmt.Errorf("scheduler: delivery %s: %w: %w", d.Key, store.ErrCorrupt, err)
	case err != nil:
		return err
	case dr == nil:
		return s.finish(d.Key, store.Skipped, why)
	}
	if d.Payload, d.Tokens, err = dr.record(); err != nil {
		return err
	}
	rec, ok, err := s.opts.Store.Begin(d)
	if err != nil {
		return fmt.Errorf("scheduler: record intent: %w", err)
	}
	if !ok {
		return nil
	}
	return s.deliver(ctx, cfg, s.render(cfg, dr, rec), now)
}

// finish records a decision about a delivery in the retry queue.
func (s *Scheduler) finish(key string, state store.State, why string) error {
	if err := s.opts.Store.Finish(key, state, "", why, time.Time{}); err != nil {
		return fmt.Errorf("scheduler: record outcome: %w", err)
	}
	return nil
}

// recoverInFlight puts deliveries left in flight by a stop back in the
// retry queue, due now. Most were queued behind a batch and never went
// out; the ones being sent when the process died may have (an outcome is
// recorded, synced, before a worker takes its next message): those are
// the duplicates a crash or a power cut can cause, one per worker (one
// per connection) at most.
func (s *Scheduler) recoverInFlight() error {
	inflight, err := s.opts.Store.InFlight()
	if err != nil {
		return fmt.Errorf("scheduler: in-flight deliveries: %w", err)
	}
	if len(inflight) == 0 {
		return nil
	}
	keys := make([]string, len(inflight))
	for i, d := range inflight {
		s.log.Warn("sending again a message begun before a stop", "id", d.ID, "channel", d.Channel)
		keys[i] = d.Key
	}
	// One commit for them all: a stop in a burst leaves up to two batches.
	if err := s.opts.Store.FinishAll(keys, store.Retrying, "", "interrupted by a stop", s.opts.Clock.Now()); err != nil {
		return fmt.Errorf("scheduler: requeue in-flight deliveries: %w", err)
	}
	return nil
}

package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage record intents: before a message can be out, its delivery
// record says it is being sent, so that a crash sends it again rather than
// never (recoverInFlight), and its links work.

// Intents record the intent to send, before the send.
type Intents interface {
	Begin(d store.Delivery) (store.Delivery, bool, error)
	BeginAll(ds []store.Delivery) ([]store.Delivery, []bool, error)
}

// LinkKeys is implemented by Links whose links must be recorded to work
// (ack.Links): the scheduler records Keys(n), as standing for n as JSON,
// in the commit of n's intent, so they are on disk before the message can
// be out.
type LinkKeys interface {
	Keys(n *plan.Notification) []string
}

// batchSize bounds how many due notifications are prepared together: their
// intents (and their links) are recorded in one commit before any of them
// is sent, so a burst costs one disk sync per batch for its intents
// instead of one per message. Intents recorded but not yet sent when the
// process stops are sent at the next start (InFlight): they never went
// out, so they are not duplicates.
const batchSize = 64

// dispatch takes a batch of due notifications through the stages: each is
// prepared (decided and given its content), the intents of those to send
// are recorded in one commit with their links, their messages are
// rendered, and their sends are queued on the pool: the workers only send
// and record outcomes, while the next batch is prepared.
func (s *Scheduler) dispatch(ctx context.Context, cfg *plan.Config, batch []plan.Notification, now time.Time, p *pool) error {
	var ds []store.Delivery
	var drafts []draft
	for i := range batch {
		n := &batch[i]
		dr, err := s.prepare(cfg, n, now)
		if err != nil {
			return err
		}
		if dr == nil {
			continue
		}
		payload, tokens, err := dr.record()
		if err != nil {
			return err
		}
		for j, ch := range n.Channels {
			d := delivery(n, ch, payload)
			if j == 0 {
				d.Tokens = tokens
			}
			ds = append(ds, d)
			drafts = append(drafts, dr)
		}
	}
	if len(ds) == 0 {
		return nil
	}
	recs, ok, err := s.opts.Store.BeginAll(ds)
	if err != nil {
		return fmt.Errorf("scheduler: record intent: %w", err)
	}
	for i, rec := range recs {
		if !ok[i] {
			continue
		}
		j := s.render(cfg, drafts[i], rec)
		p.do(func() error { return s.deliver(ctx, cfg, j, now) })
	}
	return nil
}

// delivery returns the record of n's delivery on channel ch.
func delivery(n *plan.Notification, ch string, payload []byte) store.Delivery {
	return store.Delivery{
		Key: store.DeliveryKey(n.ID, ch), ID: n.ID, Channel: ch, Plan: n.Plan, Task: n.Task, Unit: n.Unit,
		Kind: string(n.Kind), Rule: n.Rule, Due: n.At, Payload: payload,
	}
}

// linkKeys returns the index entries of n's links, if Links has any.
func (s *Scheduler) linkKeys(n *plan.Notification) []string {
	if k, ok := s.opts.Links.(LinkKeys); ok {
		return k.Keys(n)
	}
	return nil
}

package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// The first stage, plan the batch: the due notifications are pulled in
// time order from one stream, the plan's expansion merged with the owners'
// digests, and handed to dispatch in batches.

// Checkpoints remember, per plan, up to when every notification has a record.
type Checkpoints interface {
	Checkpoint(plan string) (time.Time, error)
	SetCheckpoint(plan string, t time.Time) error
}

// A source yields notifications in time order: a configuration's
// expansion (*plan.Iter), or its owners' digests (digestSource).
type source interface {
	Next() (plan.Notification, bool)
}

// The sources of a stream, in the order they come at the same instant: a
// digest sums up what went before it.
const (
	fromPlans = iota
	fromDigests
	nSources
)

// stream merges its sources in time order, up to until (if set): nothing
// due at or after it comes out.
type stream struct {
	srcs  [nSources]source
	heads [nSources]plan.Notification
	have  [nSources]bool
	until time.Time
}

func newStream(until time.Time, notices, digests source) *stream {
	st := &stream{srcs: [nSources]source{notices, digests}, until: until}
	for i := range st.srcs {
		st.pull(i)
	}
	return st
}

// pull reads the next notification of source i.
func (st *stream) pull(i int) {
	st.have[i] = false
	if st.srcs[i] == nil {
		return
	}
	st.heads[i], st.have[i] = st.srcs[i].Next()
	if st.have[i] && !st.until.IsZero() && !st.heads[i].At.Before(st.until) {
		st.have[i] = false // a rehearsal sends nothing from --until on
	}
}

// at returns the time of the next notification of source i, zero if none.
func (st *stream) at(i int) time.Time {
	if !st.have[i] {
		return time.Time{}
	}
	return st.heads[i].At
}

// next returns the next notification due by now, if any, and moves past it.
func (st *stream) next(now time.Time) (plan.Notification, bool) {
	first := -1
	for i := range st.srcs {
		if st.have[i] && !st.heads[i].At.After(now) && (first < 0 || st.heads[i].At.Before(st.heads[first].At)) {
			first = i
		}
	}
	if first < 0 {
		return plan.Notification{}, false
	}
	n := st.heads[first]
	st.pull(first)
	return n, true
}

// start returns the stream from the earliest plan checkpoint. A plan
// never seen before starts catchup ago: what it had due before the daemon
// knew it is not sent.
func (s *Scheduler) start(cfg *plan.Config) (*stream, error) {
	now := s.opts.Clock.Now()
	from := time.Time{}
	s.since = make(map[string]time.Time, len(cfg.Plans))
	for _, p := range cfg.Plans {
		cp, err := s.opts.Store.Checkpoint(p.ID)
		if err != nil {
			return nil, fmt.Errorf("scheduler: checkpoint of plan %s: %w", p.ID, err)
		}
		if cp.IsZero() {
			cp = now.Add(-cfg.Service.Catchup)
			if err := s.opts.Store.SetCheckpoint(p.ID, cp); err != nil {
				return nil, fmt.Errorf("scheduler: checkpoint of plan %s: %w", p.ID, err)
			}
		}
		s.since[p.ID] = cp
		if from.IsZero() || cp.Before(from) {
			from = cp
		}
	}
	if from.IsZero() {
		from = now
	}
	var digests source
	if g := s.digests.source(cfg, from); g != nil {
		digests = g
	}
	return newStream(s.opts.Until, cfg.Expand(from, time.Time{}), digests), nil
}

// sendDue takes every notification due by now through the stages, in
// batches of up to batchSize, then each plan's latest due digest once the
// outcomes of the sends before it are recorded: a digest sums them up, and
// says what earlier digests due meanwhile would have (they are dropped,
// unrecorded, not sent one after the other). Then it moves the checkpoint
// of each plan past what it handled.
func (s *Scheduler) sendDue(ctx, sendCtx context.Context, cfg *plan.Config, st *stream, now time.Time) error {
	handled := map[string]time.Time{}
	var digests []plan.Notification
	p := newPool(ctx, s.opts.Workers, batchSize)
	batch := make([]plan.Notification, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.dispatch(sendCtx, cfg, batch, now, p)
		// The jobs queued keep pointers into batch.
		batch = make([]plan.Notification, 0, batchSize)
		return err
	}
	for ctx.Err() == nil && p.err() == nil {
		n, ok := st.next(now)
		if !ok {
			break
		}
		if n.At.After(handled[n.Plan]) {
			handled[n.Plan] = n.At
		}
		if n.Kind == notify.KindDigest {
			digests = latestDigest(digests, n)
			continue
		}
		if batch = append(batch, n); len(batch) == batchSize {
			if err := flush(); err != nil {
				p.wait()
				return err
			}
		}
	}
	err := p.err()
	if err == nil && ctx.Err() == nil {
		err = flush()
	}
	if err == nil && len(digests) > 0 {
		if err = p.drain(); err == nil && ctx.Err() == nil {
			err = s.dispatch(sendCtx, cfg, digests, now, p)
		}
	}
	// The checkpoint moves only once every send of the batch is recorded.
	if werr := p.wait(); err == nil {
		err = werr
	}
	if err != nil || ctx.Err() != nil {
		return err
	}
	for plan, t := range handled {
		if err := s.opts.Store.SetCheckpoint(plan, t); err != nil {
			return fmt.Errorf("scheduler: checkpoint: %w", err)
		}
	}
	return nil
}

// latestDigest puts digest n in ds in place of an earlier one of its plan.
func latestDigest(ds []plan.Notification, n plan.Notification) []plan.Notification {
	for i := range ds {
		if ds[i].Plan == n.Plan {
			ds[i] = n
			return ds
		}
	}
	return append(ds, n)
}

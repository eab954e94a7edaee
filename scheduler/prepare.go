package scheduler

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage prepare: at send time, what becomes of a due notification is
// decided against the store (already recorded, too late, paused, its
// condition met, nothing to say), and what it says is settled.

// Records tell what is recorded, and record what was decided without a
// send: a notification missed, or skipped.
type Records interface {
	Has(id string) (bool, error)
	Record(d store.Delivery) error
}

// Acks answer the conditions of conditional notifications.
type Acks interface {
	Acked(subject, unit string) (bool, error)
	IsDone(subject, unit string) (bool, error)
}

// Pauses tell which tasks the officer paused; a store that keeps them
// implements it, and the notifications of a paused task are skipped.
type Pauses interface {
	Paused(plan, task string) (bool, error)
}

// A preparer is the prepare stage of one kind of notification: the plan's
// notices, or the owners' digests.
type preparer interface {
	// prepare decides what becomes of n, due and not yet recorded, at
	// now: its content, to send, or nil when nothing goes (the decision
	// is recorded where it must be).
	prepare(cfg *plan.Config, n *plan.Notification, now time.Time) (draft, error)
	// again decides what becomes of a recorded delivery sent again (a
	// retry, or a send a stop interrupted): its content, or nil and why
	// not; an error wrapping errUnreadable when its payload cannot be read.
	again(cfg *plan.Config, d store.Delivery) (draft, string, error)
}

// errUnreadable marks a delivery record whose payload cannot be read.
var errUnreadable = errors.New("unreadable record")

// preparer returns the prepare stage of notifications of kind.
func (s *Scheduler) preparer(kind string) preparer {
	if kind == string(notify.KindDigest) {
		return s.digests
	}
	return s.notices
}

// prepare decides what becomes of one notification that is due: nothing
// if it was handled already; else what its kind's preparer decides.
func (s *Scheduler) prepare(cfg *plan.Config, n *plan.Notification, now time.Time) (draft, error) {
	// The expansion starts at the earliest plan's checkpoint; the other
	// plans' notifications before their own were handled already.
	if n.At.Before(s.since[n.Plan]) {
		return nil, nil
	}
	done, err := s.opts.Store.Has(n.ID)
	if err != nil {
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	if done {
		return nil, nil
	}
	return s.preparer(string(n.Kind)).prepare(cfg, n, now)
}

// notices prepare the notifications of the plan's rules.
type notices struct{ s *Scheduler }

// prepare records n missed if too late, or skipped if its task is paused
// or its condition no longer holds; otherwise n is sent, about the
// subjects still due.
func (p *notices) prepare(cfg *plan.Config, n *plan.Notification, now time.Time) (draft, error) {
	s := p.s
	log := noticeLog(n)
	if late := now.Sub(n.At); late > cfg.Service.Catchup {
		s.logLine(slog.LevelWarn, "missed: due too long ago", log, slog.Time("due", n.At), slog.Duration("late", late.Round(time.Minute)))
		return nil, s.recordAll(n, store.Missed, fmt.Sprintf("late by %s, more than catchup %s", late.Round(time.Minute), cfg.Service.Catchup))
	}
	if paused, err := s.paused(n); err != nil {
		return nil, err
	} else if paused {
		s.logLine(slog.LevelInfo, "skipped: the task is paused", log)
		return nil, s.recordAll(n, store.Skipped, "task paused")
	}
	still, err := s.stillDue(n)
	if err != nil {
		return nil, err
	}
	if len(still) == 0 && n.Conditional() {
		s.logLine(slog.LevelInfo, "skipped: condition no longer holds", log, slog.String("condition", string(n.Condition)))
		return nil, s.recordAll(n, store.Skipped, "condition met: "+string(n.Condition))
	}
	n.About = still
	return &notice{n: n, s: s}, nil
}

// again skips a notice about what the plan no longer has, or whose
// condition is met since; otherwise it goes again, about the subjects
// still due.
func (p *notices) again(cfg *plan.Config, d store.Delivery) (draft, string, error) {
	var n plan.Notification
	if err := json.Unmarshal(d.Payload, &n); err != nil {
		return nil, "", fmt.Errorf("%w: %w", errUnreadable, err)
	}
	// A notice about a deadline occurrence the plan no longer has (its due
	// time moved, or the deadline went) is about nothing any more.
	if pl := cfg.Plan(n.Plan); pl == nil || (n.Task != "" && pl.Task(n.Task) == nil) ||
		(n.DeadlineID != "" && pl.Occurrence(n.DeadlineID) == nil) {
		return nil, "removed from the plan", nil
	}
	still, err := p.s.stillDue(&n)
	if err != nil {
		return nil, "", err
	}
	if len(still) == 0 && n.Conditional() {
		return nil, "condition met: " + string(n.Condition), nil
	}
	n.About = still
	return &notice{n: &n, s: p.s}, "", nil
}

// paused reports whether the officer paused n's task.
func (s *Scheduler) paused(n *plan.Notification) (bool, error) {
	p, ok := s.opts.Store.(Pauses)
	if !ok || n.Task == "" {
		return false, nil
	}
	paused, err := p.Paused(n.Plan, n.Task)
	if err != nil {
		return false, fmt.Errorf("scheduler: paused tasks: %w", err)
	}
	return paused, nil
}

// stillDue returns the subjects whose condition still holds: units that
// have not confirmed receipt, or not reported done.
func (s *Scheduler) stillDue(n *plan.Notification) ([]plan.Subject, error) {
	if !n.Conditional() {
		return n.About, nil
	}
	var out []plan.Subject
	for _, sub := range n.About {
		var met bool
		var err error
		switch n.Condition {
		case plan.NotAcked:
			met, err = s.opts.Store.Acked(sub.ID, sub.Unit)
		case plan.NotDone:
			met, err = s.opts.Store.IsDone(sub.ID, sub.Unit)
		}
		if err != nil {
			return nil, fmt.Errorf("scheduler: condition: %w", err)
		}
		if !met {
			out = append(out, sub)
		}
	}
	return out, nil
}

// recordAll records a decision about n, taken without a send, on each of
// its channels.
func (s *Scheduler) recordAll(n *plan.Notification, state store.State, why string) error {
	payload, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("scheduler: encode notification: %w", err)
	}
	for _, ch := range n.Channels {
		s.observe(n.Plan, string(n.Kind), ch, state)
		d := delivery(n, ch, payload)
		d.State, d.LastError = state, why
		if err := s.opts.Store.Record(d); err != nil {
			return fmt.Errorf("scheduler: record %s: %w", state, err)
		}
	}
	return s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: string(state), ID: n.ID, Detail: why})
}

package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Deliveries is the part of the store that keeps delivery records.
type Deliveries interface {
	Begin(d store.Delivery) (store.Delivery, bool, error)
	BeginAll(ds []store.Delivery) ([]store.Delivery, []bool, error)
	Finish(key string, state store.State, where, lastErr string, next time.Time) error
	FinishAll(keys []string, state store.State, where, lastErr string, next time.Time) error
	Record(d store.Delivery) error
	Has(id string) (bool, error)
	InFlight() ([]store.Delivery, error)
	DueRetries(now time.Time, limit int) ([]store.Delivery, error)
	NextRetry() (time.Time, error)
}

// Checkpoints remember, per plan, up to when every notification has a record.
type Checkpoints interface {
	Checkpoint(plan string) (time.Time, error)
	SetCheckpoint(plan string, t time.Time) error
}

// Acks answer the conditions of conditional notifications.
type Acks interface {
	Acked(subject, unit string) (bool, error)
	IsDone(subject, unit string) (bool, error)
}

// Audit records what happened and why.
type Audit interface {
	Log(e store.Event) error
}

// Pauses tell which tasks the officer paused; a store that keeps them
// implements it, and the notifications of a paused task are skipped.
type Pauses interface {
	Paused(plan, task string) (bool, error)
}

// Store is everything the scheduler asks of the store.
type Store interface {
	Deliveries
	Checkpoints
	Acks
	Audit
}

// MaxSleep bounds one sleep, so a clock jump or a suspend is noticed.
const MaxSleep = time.Minute

// batchSize bounds how many due notifications are prepared together: their
// intents (and their links) are recorded in one commit before any of them
// is sent, so a burst costs one disk sync per batch for its intents
// instead of one per message. Intents recorded but not yet sent when the
// process stops are sent at the next start (InFlight): they never went
// out, so they are not duplicates.
const batchSize = 64

// LinkKeys is implemented by Links whose links must be recorded to work
// (ack.Links): the scheduler records Keys(n), as standing for n as JSON,
// in the commit of n's intent, so they are on disk before the message can
// be out.
type LinkKeys interface {
	Keys(n *plan.Notification) []string
}

// Options configure a Scheduler.
type Options struct {
	Clock     Clock
	Store     Store
	Notifiers map[string]notify.Notifier // by channel name
	Links     notify.Links
	Logger    *slog.Logger
	// RetryBase is the first retry delay (default 1 minute); each next one
	// doubles, up to RetryMax (default 1 hour), with ±20 % jitter.
	RetryBase, RetryMax time.Duration
	// Workers is how many notifications are sent at once (default 1). A
	// crash can repeat each message in flight, so one worker keeps the
	// promise of at most one duplicate per crash; several keep several SMTP
	// connections busy (and the store commits their outcomes together), at
	// the cost of at most one duplicate per worker.
	Workers int
	// StopTimeout bounds how long sends in flight may go on once Run's
	// context is done (default 10 seconds).
	StopTimeout time.Duration
	// Until, if set, ends Run once everything due before it is handled;
	// nothing due at or after it is sent (a rehearsal's --until).
	Until time.Time
	// Observe, if set, is told the outcome of every delivery: sent,
	// retrying, failed, missed or skipped (for the metrics).
	Observe func(kind, channel string, result store.State)
	// OnIdle, if set, is called each time the scheduler goes to sleep, with
	// the time of the next due notification (zero if none).
	OnIdle func(next time.Time)
}

// Scheduler sends a configuration's notifications on time, once.
type Scheduler struct {
	opts   Options
	log    *slog.Logger
	reload chan *plan.Config

	mu   sync.Mutex
	cfg  *plan.Config
	next time.Time

	// since is each plan's checkpoint when the expansion (re)started:
	// what was due before it is handled. Written by start, read by the
	// workers only between starts.
	since map[string]time.Time
}

// New returns a scheduler for cfg. Run starts it.
func New(cfg *plan.Config, opts Options) *Scheduler {
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.RetryBase == 0 {
		opts.RetryBase = time.Minute
	}
	if opts.RetryMax == 0 {
		opts.RetryMax = time.Hour
	}
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.StopTimeout == 0 {
		opts.StopTimeout = 10 * time.Second
	}
	return &Scheduler{opts: opts, log: opts.Logger, cfg: cfg, reload: make(chan *plan.Config, 1)}
}

// Config returns the configuration being run.
func (s *Scheduler) Config() *plan.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// Next returns the time of the next due notification, zero if none.
func (s *Scheduler) Next() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// Reload replaces the configuration; the scheduler picks it up at once and
// goes on from each plan's checkpoint. cfg must be valid.
func (s *Scheduler) Reload(cfg *plan.Config) {
	for {
		select {
		case s.reload <- cfg:
			return
		default:
			select {
			case <-s.reload: // an older reload not yet taken: the newer wins
			default:
			}
		}
	}
}

// Run sends notifications until ctx is done. It returns nil on
// cancellation and an error only when the store fails.
func (s *Scheduler) Run(ctx context.Context) error {
	// Sends get their own context: a stop lets the one in flight finish,
	// within StopTimeout, so its outcome is recorded.
	sendCtx, cancelSends := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSends()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(s.opts.StopTimeout, cancelSends) })
	defer stop()
	if err := s.recoverInFlight(); err != nil {
		return err
	}
	cfg := s.Config()
	it, err := s.start(cfg)
	if err != nil {
		return err
	}
	pending, have := it.Next()
	digests := s.newDigester()
	for {
		now := s.opts.Clock.Now()
		sent := map[string]time.Time{}
		until := s.opts.Until
		if !until.IsZero() && have && !pending.At.Before(until) {
			have = false // a rehearsal sends nothing from --until on
		}
		pool := newPool(ctx, s.opts.Workers, batchSize)
		batch := make([]plan.Notification, 0, batchSize)
		for have && !pending.At.After(now) && ctx.Err() == nil && pool.err() == nil {
			batch = append(batch, pending)
			if pending.At.After(sent[pending.Plan]) {
				sent[pending.Plan] = pending.At
			}
			pending, have = it.Next()
			if have && !until.IsZero() && !pending.At.Before(until) {
				have = false
			}
			if len(batch) == batchSize || !have || pending.At.After(now) {
				if err := s.dispatch(sendCtx, cfg, batch, now, pool); err != nil {
					pool.wait()
					return err
				}
				// The jobs queued keep pointers into batch.
				batch = make([]plan.Notification, 0, batchSize)
			}
		}
		// The checkpoint moves only once every send of the batch is recorded.
		if err := pool.wait(); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		for plan, t := range sent {
			if err := s.opts.Store.SetCheckpoint(plan, t); err != nil {
				return fmt.Errorf("scheduler: checkpoint: %w", err)
			}
		}
		digestAt, err := digests.run(sendCtx, cfg, now)
		if err != nil {
			return err
		}
		if err := s.retry(ctx, sendCtx, cfg, now); err != nil {
			return err
		}
		if !until.IsZero() && !now.Before(until) && !have {
			s.log.Info("reached the end of the run", "until", until)
			return nil
		}
		next := time.Time{}
		if have {
			next = pending.At
		}
		retryAt, err := s.opts.Store.NextRetry()
		if err != nil {
			return fmt.Errorf("scheduler: retry queue: %w", err)
		}
		s.mu.Lock()
		s.next = next
		s.mu.Unlock()
		if !retryAt.IsZero() && (next.IsZero() || retryAt.Before(next)) {
			next = retryAt
		}
		if s.opts.OnIdle != nil {
			s.opts.OnIdle(next)
		}
		if !digestAt.IsZero() && (next.IsZero() || digestAt.Before(next)) {
			next = digestAt // a wake-up, not a notification due: OnIdle is not told
		}
		wait := MaxSleep
		if !next.IsZero() {
			if d := next.Sub(s.opts.Clock.Now()); d < wait {
				wait = max(d, 0)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case newCfg := <-s.reload:
			s.mu.Lock()
			s.cfg = newCfg
			s.mu.Unlock()
			cfg = newCfg
			if it, err = s.start(cfg); err != nil {
				return err
			}
			pending, have = it.Next()
			s.log.Info("plan reloaded", "plans", len(cfg.Plans))
		case <-s.opts.Clock.After(wait):
		}
	}
}

// start returns the expansion from the earliest plan checkpoint. A plan
// never seen before starts catchup ago: what it had due before the daemon
// knew it is not sent.
func (s *Scheduler) start(cfg *plan.Config) (*plan.Iter, error) {
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
	return cfg.Expand(from, time.Time{}), nil
}

// dispatch prepares a batch of due notifications (prepare), records the
// intents of those to send in one commit, with their links, renders their
// messages and queues their sends on the pool: the workers only send and
// record outcomes, while the next batch is prepared.
func (s *Scheduler) dispatch(ctx context.Context, cfg *plan.Config, batch []plan.Notification, now time.Time, p *pool) error {
	var ds []store.Delivery
	var owner []*plan.Notification
	for i := range batch {
		n := &batch[i]
		payload, ok, err := s.prepare(cfg, n, now)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		for j, ch := range n.Channels {
			d := delivery(n, ch, payload)
			if j == 0 {
				d.Tokens = s.linkKeys(n)
			}
			ds = append(ds, d)
			owner = append(owner, n)
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
		n := owner[i]
		msg, err := notify.Render(cfg, n, rec.Channel, s.opts.Links)
		p.do(func() error {
			return s.deliver(ctx, cfg, rec, now, deliveryLog(n, rec), func() (*notify.Message, error) { return msg, err })
		})
	}
	return nil
}

// linkKeys returns the index entries of n's links, if Links has any.
func (s *Scheduler) linkKeys(n *plan.Notification) []string {
	if k, ok := s.opts.Links.(LinkKeys); ok {
		return k.Keys(n)
	}
	return nil
}

// logArgs are the attributes every log line about one delivery carries.
// They are passed with each line rather than bound with Logger.With, which
// formats them ahead for a text handler: most deliveries log one line.
type logArgs []slog.Attr

// logLine writes a line about a delivery: a's attributes, then more.
func (s *Scheduler) logLine(level slog.Level, msg string, a logArgs, more ...slog.Attr) {
	if !s.log.Enabled(context.Background(), level) {
		return
	}
	s.log.LogAttrs(context.Background(), level, msg, append(append(make([]slog.Attr, 0, len(a)+len(more)), a...), more...)...)
}

// noticeLog returns the attributes of the log lines about n.
func noticeLog(n *plan.Notification) logArgs {
	return logArgs{slog.String("id", n.ID), slog.String("plan", n.Plan), slog.String("task", n.Task),
		slog.String("unit", n.Unit), slog.String("kind", string(n.Kind))}
}

// deliveryLog returns the attributes of the log lines of one delivery of n.
func deliveryLog(n *plan.Notification, rec store.Delivery) logArgs {
	return append(noticeLog(n), slog.String("channel", rec.Channel), slog.Time("due", n.At))
}

// prepare decides what becomes of one notification that is due: nothing
// if already recorded; recorded missed if too late, or skipped if its task
// is paused or its condition no longer holds; otherwise it is to be sent
// (ok), about the subjects still due, and payload is n as JSON.
func (s *Scheduler) prepare(cfg *plan.Config, n *plan.Notification, now time.Time) (payload []byte, ok bool, err error) {
	// The expansion starts at the earliest plan's checkpoint; the other
	// plans' notifications before their own were handled already.
	if n.At.Before(s.since[n.Plan]) {
		return nil, false, nil
	}
	done, err := s.opts.Store.Has(n.ID)
	if err != nil {
		return nil, false, fmt.Errorf("scheduler: %w", err)
	}
	if done {
		return nil, false, nil
	}
	log := noticeLog(n)
	if late := now.Sub(n.At); late > cfg.Service.Catchup {
		s.logLine(slog.LevelWarn, "missed: due too long ago", log, slog.Time("due", n.At), slog.Duration("late", late.Round(time.Minute)))
		return nil, false, s.recordAll(n, store.Missed, fmt.Sprintf("late by %s, more than catchup %s", late.Round(time.Minute), cfg.Service.Catchup))
	}
	if paused, err := s.paused(n); err != nil {
		return nil, false, err
	} else if paused {
		s.logLine(slog.LevelInfo, "skipped: the task is paused", log)
		return nil, false, s.recordAll(n, store.Skipped, "task paused")
	}
	still, err := s.stillDue(n)
	if err != nil {
		return nil, false, err
	}
	if len(still) == 0 && n.Conditional() {
		s.logLine(slog.LevelInfo, "skipped: condition no longer holds", log, slog.String("condition", string(n.Condition)))
		return nil, false, s.recordAll(n, store.Skipped, "condition met: "+string(n.Condition))
	}
	n.About = still
	if payload, err = json.Marshal(n); err != nil {
		return nil, false, fmt.Errorf("scheduler: encode notification: %w", err)
	}
	return payload, true, nil
}

func (s *Scheduler) observe(kind, channel string, result store.State) {
	if s.opts.Observe != nil {
		s.opts.Observe(kind, channel, result)
	}
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

func delivery(n *plan.Notification, ch string, payload []byte) store.Delivery {
	return store.Delivery{
		Key: store.DeliveryKey(n.ID, ch), ID: n.ID, Channel: ch, Plan: n.Plan, Task: n.Task, Unit: n.Unit,
		Kind: string(n.Kind), Rule: n.Rule, Due: n.At, Payload: payload,
	}
}

func (s *Scheduler) recordAll(n *plan.Notification, state store.State, why string) error {
	payload, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("scheduler: encode notification: %w", err)
	}
	for _, ch := range n.Channels {
		s.observe(string(n.Kind), ch, state)
		d := delivery(n, ch, payload)
		d.State, d.LastError = state, why
		if err := s.opts.Store.Record(d); err != nil {
			return fmt.Errorf("scheduler: record %s: %w", state, err)
		}
	}
	return s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: string(state), ID: n.ID, Detail: why})
}

// send renders and sends one delivery whose intent is recorded, then
// records the outcome.
func (s *Scheduler) send(ctx context.Context, cfg *plan.Config, n *plan.Notification, rec store.Delivery, now time.Time) error {
	return s.deliver(ctx, cfg, rec, now, deliveryLog(n, rec), func() (*notify.Message, error) {
		return notify.Render(cfg, n, rec.Channel, s.opts.Links)
	})
}

// deliver renders a message whose intent is recorded, sends it, and
// records the outcome: sent; retrying, with backoff, after a temporary
// failure until retry_for; or failed.
func (s *Scheduler) deliver(ctx context.Context, cfg *plan.Config, rec store.Delivery, now time.Time, log logArgs, render func() (*notify.Message, error)) error {
	fail := func(state store.State, why string, next time.Time) error {
		s.observe(rec.Kind, rec.Channel, state)
		if err := s.opts.Store.Finish(rec.Key, state, "", why, next); err != nil {
			return fmt.Errorf("scheduler: record outcome: %w", err)
		}
		return s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: string(state), ID: rec.Key, Detail: why})
	}
	msg, err := render()
	if err != nil {
		s.logLine(slog.LevelError, "cannot render message", log, slog.Any("err", err))
		return fail(store.Failed, "render: "+err.Error(), time.Time{})
	}
	if msg.Fallback != nil {
		// Sent anyway, in the embedded wording: the officer is told why.
		s.logLine(slog.LevelWarn, "the plan's wording failed; sending the default wording", log, slog.Any("err", msg.Fallback))
		if err := s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: "template", ID: rec.Key, Detail: msg.Fallback.Error()}); err != nil {
			return fmt.Errorf("scheduler: audit: %w", err)
		}
	}
	notifier := s.opts.Notifiers[rec.Channel]
	if notifier == nil {
		return fail(store.Failed, "no notifier for channel "+rec.Channel, time.Time{})
	}
	err = notifier.Notify(ctx, msg)
	if err == nil {
		s.logLine(slog.LevelInfo, "sent", log, slog.Int("attempt", rec.Attempts))
		s.observe(rec.Kind, rec.Channel, store.Sent)
		// Recorded in a synced commit before the worker takes its next
		// message: a crash until then sends this one again
		// (recoverInFlight), a crash after does not. The delivery record
		// itself says when and where it went: a sent message costs no
		// audit event, only failures and decisions do.
		if err := s.opts.Store.Finish(rec.Key, store.Sent, msg.Receipt, "", time.Time{}); err != nil {
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
		return fail(store.Failed, err.Error(), time.Time{})
	}
	if now.Sub(first) >= cfg.Service.RetryFor {
		s.logLine(slog.LevelError, "failed: retried too long", log, slog.Any("err", err), slog.Time("since", first))
		return fail(store.Failed, fmt.Sprintf("%s (retried since %s)", err, first.Format(time.RFC3339)), time.Time{})
	}
	next := now.Add(s.backoff(rec.Attempts))
	s.logLine(slog.LevelWarn, "temporary failure, will retry", log, slog.Any("err", err), slog.Time("next", next))
	return fail(store.Retrying, err.Error(), next)
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

// retry resends the deliveries whose retry time has come.
func (s *Scheduler) retry(ctx, sendCtx context.Context, cfg *plan.Config, now time.Time) error {
	for ctx.Err() == nil {
		due, err := s.opts.Store.DueRetries(now, 64)
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
// by a crash. Its condition is decided again first.
func (s *Scheduler) resend(ctx context.Context, cfg *plan.Config, d store.Delivery, now time.Time) error {
	var n plan.Notification
	if err := json.Unmarshal(d.Payload, &n); err != nil {
		// Damage to the store: stop, rather than settle what it was.
		return fmt.Errorf("scheduler: delivery %s: %w: its payload: %v", d.Key, store.ErrCorrupt, err)
	}
	// A notice about a deadline occurrence the plan no longer has (its due
	// time moved, or the deadline went) is about nothing any more.
	if p := cfg.Plan(n.Plan); p == nil || (n.Task != "" && p.Task(n.Task) == nil) ||
		(n.DeadlineID != "" && p.Occurrence(n.DeadlineID) == nil) {
		return s.opts.Store.Finish(d.Key, store.Skipped, "", "removed from the plan", time.Time{})
	}
	still, err := s.stillDue(&n)
	if err != nil {
		return err
	}
	if len(still) == 0 && n.Conditional() {
		return s.opts.Store.Finish(d.Key, store.Skipped, "", "condition met: "+string(n.Condition), time.Time{})
	}
	n.About = still
	// The links stand for the notification as it is sent now.
	if d.Payload, err = json.Marshal(&n); err != nil {
		return fmt.Errorf("scheduler: encode notification: %w", err)
	}
	d.Tokens = s.linkKeys(&n)
	rec, ok, err := s.opts.Store.Begin(d)
	if err != nil {
		return fmt.Errorf("scheduler: record intent: %w", err)
	}
	if !ok {
		return nil
	}
	return s.send(ctx, cfg, &n, rec, now)
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

// pool runs queued functions on n goroutines and keeps the first error.
// Up to queue functions wait their turn before do blocks, so that the next
// batch is prepared while the workers send this one. Once a function has
// failed, or stop is done, the functions still queued are dropped: their
// intents stay recorded, and are sent at the next start.
type pool struct {
	jobs  chan func() error
	wg    sync.WaitGroup
	mu    sync.Mutex
	first error
}

func newPool(stop context.Context, n, queue int) *pool {
	p := &pool{jobs: make(chan func() error, queue)}
	for range n {
		p.wg.Go(func() {
			for fn := range p.jobs {
				if stop.Err() != nil || p.err() != nil {
					continue
				}
				if err := fn(); err != nil {
					p.mu.Lock()
					if p.first == nil {
						p.first = err
					}
					p.mu.Unlock()
				}
			}
		})
	}
	return p
}

func (p *pool) do(fn func() error) { p.jobs <- fn }

func (p *pool) err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first
}

// wait runs what is queued, then ends the workers.
func (p *pool) wait() error {
	close(p.jobs)
	p.wg.Wait()
	return p.err()
}

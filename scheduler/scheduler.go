package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Store is everything the scheduler asks of the store: the parts its
// stages use, each declared beside the stage.
type Store interface {
	Records     // prepare: what is recorded already, and decisions without a send
	Acks        // prepare: the conditions of conditional notifications
	Intents     // record intents
	Outcomes    // record outcome
	Audit       // record outcome: failures and decisions
	RetryQueue  // retry
	Checkpoints // plan the batch
}

// MaxSleep bounds one sleep, so a clock jump or a suspend is noticed.
const MaxSleep = time.Minute

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
	Observe func(plan, kind, channel string, result store.State)
	// Scrubber, if set, removes the channels' secrets from the failure
	// texts the owner's digest quotes: records written before the senders
	// scrubbed their own errors may still hold one.
	Scrubber *notify.Scrubber
	// OnIdle, if set, is called each time the scheduler goes to sleep, with
	// the time of the next due notification of a plan's rules or retry
	// (zero if none); the owners' digests, which may have nothing to say,
	// are not counted.
	OnIdle func(next time.Time)
}

// Scheduler sends a configuration's notifications on time, once. Each
// notification, of a plan's rules or an owner's digest, goes through the
// same stages: plan the batch (batch.go), prepare (prepare.go, digest.go),
// record intents (intent.go), render (render.go), send (send.go), record
// the outcome (outcome.go), and retry (retry.go).
type Scheduler struct {
	opts   Options
	log    *slog.Logger
	reload chan *plan.Config

	mu  sync.Mutex
	cfg *plan.Config

	// since is each plan's checkpoint when the expansion (re)started:
	// what was due before it is handled. Written by start, read by
	// dispatch, both on Run's goroutine.
	since map[string]time.Time

	notices *notices
	digests *digester
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
	s := &Scheduler{opts: opts, log: opts.Logger, cfg: cfg, reload: make(chan *plan.Config, 1)}
	s.notices = &notices{s: s}
	s.digests = &digester{s: s}
	return s
}

// Config returns the configuration being run.
func (s *Scheduler) Config() *plan.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
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
	st, err := s.start(cfg)
	if err != nil {
		return err
	}
	until := s.opts.Until
	for {
		now := s.opts.Clock.Now()
		if err := s.sendDue(ctx, sendCtx, cfg, st, now); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		if err := s.retry(ctx, sendCtx, cfg, now); err != nil {
			return err
		}
		next, digestAt := st.at(fromPlans), st.at(fromDigests)
		if !until.IsZero() && !now.Before(until) && next.IsZero() && digestAt.IsZero() {
			s.log.Info("reached the end of the run", "until", until)
			return nil
		}
		retryAt, err := s.opts.Store.NextRetry()
		if err != nil {
			return fmt.Errorf("scheduler: retry queue: %w", err)
		}
		if !retryAt.IsZero() && (next.IsZero() || retryAt.Before(next)) {
			next = retryAt
		}
		if s.opts.OnIdle != nil {
			s.opts.OnIdle(next)
		}
		if !digestAt.IsZero() && (next.IsZero() || digestAt.Before(next)) {
			next = digestAt // a wake-up, maybe for nothing to say: OnIdle is not told
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
			if st, err = s.start(cfg); err != nil {
				return err
			}
			s.log.Info("plan reloaded", "plans", len(cfg.Plans))
		case <-s.opts.Clock.After(wait):
		}
	}
}

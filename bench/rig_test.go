package bench

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/scheduler"
	"github.com/nhacviec/nhacviec/store"
)

// The acknowledgement links of the messages: as run.go, signed with a
// secret and recorded in the store when a message is rendered.
var (
	linkSecret = []byte("bench: a fixed secret, 32 bytes!")
	publicURL  = "http://127.0.0.1:8080"
)

// rig is the daemon's delivery path as cmd/nhacviec/run.go assembles it:
// a scheduler on a real bbolt store in its own folder, with the outbox as
// every channel and acknowledgement links recorded in the store, but on a
// fake clock, so that a figure can put "now" where
// it wants and tell when the scheduler has nothing more to do.
type rig struct {
	clock *scheduler.FakeClock
	db    *store.DB
	box   *outbox.Outbox
	sched *scheduler.Scheduler
	// idle receives the next due time each time the scheduler goes to
	// sleep (Options.OnIdle, as the daemon's idle hook).
	idle    chan time.Time
	ctx     context.Context
	cancel  context.CancelFunc
	done    chan error
	started bool
	// idles counts the sleeps received from idle, waits the waits
	// received from clock.Waits.
	idles, waits int
}

// rigOptions set up a rig.
type rigOptions struct {
	// Checkpoint, if set, is written for every plan before the start, as a
	// rehearsal does: nothing due before it is caught up.
	Checkpoint time.Time
	// Wrap, if set, wraps the outbox: the notifier it returns is every
	// channel.
	Wrap func(box notify.Notifier) notify.Notifier
}

// newRig opens a store and an outbox under dir and makes a scheduler for
// cfg whose clock reads now. Start runs it; the test's cleanup stops it.
func newRig(tb testing.TB, dir string, cfg *plan.Config, now time.Time, opts rigOptions) *rig {
	tb.Helper()
	clock := scheduler.NewFakeClock(now)
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{LockTimeout: time.Second, Now: clock.Now})
	if err != nil {
		tb.Fatal(err)
	}
	if !opts.Checkpoint.IsZero() {
		for _, p := range cfg.Plans {
			if err := db.SetCheckpoint(p.ID, opts.Checkpoint); err != nil {
				tb.Fatal(err)
			}
		}
	}
	box := outbox.New(filepath.Join(dir, "outbox"))
	box.Now = clock.Now
	var n notify.Notifier = box
	if opts.Wrap != nil {
		n = opts.Wrap(box)
	}
	r := &rig{clock: clock, db: db, box: box, idle: make(chan time.Time, 64), done: make(chan error, 1)}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	r.sched = scheduler.New(cfg, scheduler.Options{
		Clock:     clock,
		Store:     db,
		Notifiers: map[string]notify.Notifier{plan.ChannelEmail: n, plan.ChannelSMS: n},
		Links:     ack.NewLinks(publicURL, linkSecret),
		// The daemon logs every send as text; the formatting is part of
		// its cost, the write to a journal is not measured.
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		StopTimeout: 10 * time.Second,
		// One worker, as run.go runs the outbox (channels.workers): the
		// outbox keeps no connection busy, and one message in flight keeps
		// the promise of at most one duplicate per crash.
		Workers: 1,
		OnIdle: func(next time.Time) {
			select {
			case r.idle <- next:
			case <-r.ctx.Done():
			}
		},
	})
	tb.Cleanup(func() { r.stop(tb) })
	return r
}

// start runs the scheduler.
func (r *rig) start() {
	r.started = true
	go func() { r.done <- r.sched.Run(r.ctx) }()
}

// waitIdle waits until the scheduler goes to sleep with nothing due up to
// the clock's time, and returns the next due time it reported (zero if
// none). Sleeps reported with something still due (a reload pending, say)
// are passed over.
func (r *rig) waitIdle(tb testing.TB, timeout time.Duration) time.Time {
	tb.Helper()
	limit := time.After(timeout)
	for {
		select {
		case next := <-r.idle:
			r.idles++
			if next.IsZero() || next.After(r.clock.Now()) {
				return next
			}
		case err := <-r.done:
			r.done <- err
			tb.Fatalf("scheduler stopped before going idle: %v", err)
		case <-limit:
			tb.Fatalf("scheduler not idle after %s", timeout)
		}
	}
}

// asleep waits until the scheduler, idle, waits on the clock: a Set after
// it fires that wait. The scheduler calls After once after each OnIdle, so
// each sleep reported and passed over by waitIdle has one wait to match.
func (r *rig) asleep(tb testing.TB) {
	tb.Helper()
	for r.waits < r.idles {
		select {
		case <-r.clock.Waits:
			r.waits++
		case <-time.After(time.Minute):
			tb.Fatalf("scheduler reported %d sleeps but waited %d times", r.idles, r.waits)
		}
	}
}

// drainIdle forgets the sleeps reported so far.
func (r *rig) drainIdle() {
	for {
		select {
		case <-r.idle:
			r.idles++
		default:
			return
		}
	}
}

// stop ends the scheduler and closes the store; it may be called twice.
func (r *rig) stop(tb testing.TB) {
	if r.db == nil {
		return
	}
	r.cancel()
	if r.started {
		select {
		case err := <-r.done:
			if err != nil {
				tb.Errorf("scheduler: %v", err)
			}
		case <-time.After(30 * time.Second):
			tb.Errorf("scheduler did not stop within 30s")
		}
	}
	if err := r.db.Close(); err != nil {
		tb.Errorf("close store: %v", err)
	}
	r.db = nil
}

// states counts the store's delivery records by state.
func (r *rig) states(tb testing.TB) map[store.State]int {
	tb.Helper()
	out := map[store.State]int{}
	err := r.db.Deliveries(func(d store.Delivery) error {
		out[d.State]++
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

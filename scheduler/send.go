package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage send: a rendered message, whose intent is recorded, is handed
// to the notifier of its channel (notify.Notifier), then its outcome is
// recorded (outcome.go).

// deliver sends the message of j and records the outcome. A message that
// must wait (an SMS in the quiet hours) goes to the retry queue until then.
func (s *Scheduler) deliver(ctx context.Context, cfg *plan.Config, j *job, now time.Time) error {
	rec := j.rec
	log := deliveryLog(rec)
	if until := j.dr.hold(cfg, rec.Channel, now); !until.IsZero() {
		s.logLine(slog.LevelInfo, "waits for the end of the quiet hours", log, slog.Time("until", until))
		if err := s.opts.Store.Finish(rec.Key, store.Retrying, "", "quiet hours", until); err != nil {
			return fmt.Errorf("scheduler: record outcome: %w", err)
		}
		return nil
	}
	if j.err != nil {
		s.logLine(slog.LevelError, "cannot render message", log, slog.Any("err", j.err))
		return s.fail(rec, store.Failed, "render: "+j.err.Error(), time.Time{})
	}
	msg := j.msg
	if msg.Fallback != nil {
		// Sent anyway, in the embedded wording: the officer is told why.
		s.logLine(slog.LevelWarn, "the plan's wording failed; sending the default wording", log, slog.Any("err", msg.Fallback))
		if err := s.opts.Store.Log(store.Event{At: s.opts.Clock.Now(), What: "template", ID: rec.Key, Detail: msg.Fallback.Error()}); err != nil {
			return fmt.Errorf("scheduler: audit: %w", err)
		}
	}
	notifier := s.opts.Notifiers[rec.Channel]
	if notifier == nil {
		return s.fail(rec, store.Failed, "no notifier for channel "+rec.Channel, time.Time{})
	}
	err := notifier.Notify(ctx, msg)
	where := msg.Receipt
	if o, ok := notifier.(notify.Standin); ok && o.StandsIn() && err == nil {
		where = notify.ViaOutbox + where // kept, not sent: said so wherever it shows
	}
	return s.outcome(ctx, cfg, rec, where, err, now, log)
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

// deliveryLog returns the attributes of the log lines of the delivery rec.
func deliveryLog(rec store.Delivery) logArgs {
	return logArgs{slog.String("id", rec.ID), slog.String("plan", rec.Plan), slog.String("task", rec.Task),
		slog.String("unit", rec.Unit), slog.String("kind", rec.Kind), slog.String("channel", rec.Channel), slog.Time("due", rec.Due)}
}

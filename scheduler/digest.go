package scheduler

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// DeliveryLister is the part of the store a digest reads: every delivery
// record, with the payloads of those it asks for (store.DB.DeliveriesWith).
// A store without it sends no digests.
type DeliveryLister interface {
	DeliveriesWith(payload func(*store.Delivery) bool, fn func(store.Delivery) error) error
}

// digestRule is the rule of a digest's notification id and of its
// delivery records.
const digestRule = "digest"

// digestAfterEnd is how many days after the plan period the owner still
// gets digests: reports due at the end of the plan are chased after it.
const digestAfterEnd = 30

// digester sends each plan owner's daily digest of late units, failed
// deliveries and missed notifications (SPEC §5). The store remembers the
// digests sent, so a restart does not send a day's digest again; the
// digester remembers, per plan, the last day it looked at, so a day with
// nothing to report is looked at once, not at every wake-up.
type digester struct {
	s      *Scheduler
	done   map[string]calendar.Date // by plan id
	warned bool
}

func (s *Scheduler) newDigester() *digester {
	return &digester{s: s, done: map[string]calendar.Date{}}
}

// run resends the digests whose retry time has come, sends each plan's
// digest whose time has come, and returns the time of the next digest
// (zero if none). A digest whose time passed more than catchup ago, while
// the daemon was down, is not sent at all: the next one reports what it
// would have.
func (g *digester) run(ctx context.Context, cfg *plan.Config, now time.Time) (time.Time, error) {
	if err := g.retry(ctx, cfg, now); err != nil {
		return time.Time{}, err
	}
	src, ok := g.s.opts.Store.(DeliveryLister)
	if !ok {
		if !g.warned {
			g.s.log.Warn("no daily digests: the store cannot list its deliveries")
			g.warned = true
		}
		return time.Time{}, nil
	}
	var next time.Time
	for _, p := range cfg.Plans {
		if p.Owner == "" || cfg.Units[p.Owner] == nil {
			continue
		}
		days := newDigestDays(cfg, p)
		if day, ok := days.latest(now); ok && day.After(g.done[p.ID]) {
			g.done[p.ID] = day
			if err := g.send(ctx, cfg, src, p, days, day, now); err != nil {
				return time.Time{}, err
			}
		}
		if at, ok := days.next(now, g.done[p.ID]); ok && (next.IsZero() || at.Before(next)) {
			next = at
		}
	}
	if until := g.s.opts.Until; !next.IsZero() && !until.IsZero() && !next.Before(until) {
		next = time.Time{}
	}
	return next, nil
}

// send makes the digest of day for plan p and, unless it is empty, sends
// it on each of the owner's channels.
func (g *digester) send(ctx context.Context, cfg *plan.Config, src DeliveryLister, p *plan.Plan, days digestDays, day calendar.Date, now time.Time) error {
	s := g.s
	at := days.at(day)
	log := s.log.With("plan", p.ID, "unit", p.Owner, "kind", notify.KindDigest, "due", at)
	if until := s.opts.Until; !until.IsZero() && !at.Before(until) {
		return nil
	}
	if late := now.Sub(at); late > cfg.Service.Catchup {
		log.Info("digest not sent: its time passed while the daemon was down", "late", late.Round(time.Minute))
		return nil
	}
	id := plan.NotificationID(p.ID, "", digestRule, at, p.Owner)
	if done, err := s.opts.Store.Has(id); err != nil {
		return fmt.Errorf("scheduler: digest: %w", err)
	} else if done {
		return nil
	}
	d, err := g.build(cfg, src, p, days, id, at, now)
	if err != nil {
		return err
	}
	if d.Empty() {
		log.Debug("no digest: nothing late, failed or missed")
		return nil
	}
	payload, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("scheduler: encode digest: %w", err)
	}
	for _, ch := range cfg.Units[p.Owner].Channels {
		rec, ok, err := s.opts.Store.Begin(store.Delivery{
			Key: store.DeliveryKey(id, ch), ID: id, Channel: ch, Plan: p.ID, Unit: p.Owner,
			Kind: string(notify.KindDigest), Rule: digestRule, Due: at, Payload: payload,
		})
		if err != nil {
			return fmt.Errorf("scheduler: record intent: %w", err)
		}
		if !ok {
			continue
		}
		if err := s.sendDigest(ctx, cfg, p, d, rec, now); err != nil {
			return err
		}
	}
	return nil
}

// build reads the store for the digest id of plan p due at: the units
// late with a report at now (progress, as the dashboard, the metrics and
// the status report count them), and the deliveries that failed or were
// missed since the previous digest was made, up to now.
func (g *digester) build(cfg *plan.Config, src DeliveryLister, p *plan.Plan, days digestDays, id string, at, now time.Time) (*notify.Digest, error) {
	d := &notify.Digest{ID: id, Plan: p.ID, Day: at, Until: now}
	var problems []store.Delivery
	// Only the plan's digests are read whole: reading every payload made
	// the walk cost several times more.
	payload := func(rec *store.Delivery) bool {
		return rec.Plan == p.ID && rec.Kind == string(notify.KindDigest)
	}
	err := src.DeliveriesWith(payload, func(rec store.Delivery) error {
		if rec.Plan != p.ID {
			return nil
		}
		if rec.State == store.Failed || rec.State == store.Missed {
			problems = append(problems, rec)
		}
		var prev notify.Digest
		if rec.Kind == string(notify.KindDigest) && rec.ID != id && json.Unmarshal(rec.Payload, &prev) == nil &&
			!prev.Until.After(now) && prev.Until.After(d.Since) {
			d.Since = prev.Until
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scheduler: digest: %w", err)
	}
	if d.Since.IsZero() {
		// No digest was sent before: since the previous digest day.
		if prev, ok := days.latest(at.Add(-time.Nanosecond)); ok {
			d.Since = days.at(prev)
		}
	}
	st, ok := src.(progress.Store)
	if !ok {
		return nil, fmt.Errorf("scheduler: digest: the store cannot list its acknowledgements")
	}
	board, err := progress.Read(progress.IndexOf(cfg), st)
	if err != nil {
		return nil, fmt.Errorf("scheduler: digest: %w", err)
	}
	loc := days.loc
	for o, unit := range board.Late(now) {
		if o.Plan == p.ID {
			d.Late = append(d.Late, notify.LateItem{
				Unit: cfg.UnitName(unit), Task: o.Task.Heading(), Deadline: o.Deadline.Title,
				Due: o.Due, DaysLate: daysBetween(o.Due.In(loc), at.In(loc)),
				Escalated: board.State(o.ID, unit, now) == progress.Escalated,
			})
		}
	}
	slices.SortFunc(d.Late, func(a, b notify.LateItem) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Deadline, b.Deadline))
	})
	slices.SortFunc(problems, func(a, b store.Delivery) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Channel, b.Channel))
	})
	for _, rec := range problems {
		if !rec.Updated.After(d.Since) || rec.Updated.After(now) {
			continue // in an earlier digest, or in the next one
		}
		item := notify.DeliveryItem{
			Unit: cfg.UnitName(rec.Unit), Task: notify.TaskHeading(p, rec.Task),
			Kind: rec.Kind, Channel: rec.Channel, Due: rec.Due, Error: rec.LastError,
		}
		if rec.State == store.Failed {
			d.Failed = append(d.Failed, item)
		} else {
			d.Missed = append(d.Missed, item)
		}
	}
	return d, nil
}

// retry resends the digests whose retry time has come. It runs before the
// scheduler's own retries, which know only notifications of a plan's rules.
func (g *digester) retry(ctx context.Context, cfg *plan.Config, now time.Time) error {
	s := g.s
	due, err := s.opts.Store.DueRetries(now, 0)
	if err != nil {
		return fmt.Errorf("scheduler: retry queue: %w", err)
	}
	for _, rec := range due {
		if rec.Kind != string(notify.KindDigest) {
			continue
		}
		var d notify.Digest
		if err := json.Unmarshal(rec.Payload, &d); err != nil {
			if err := s.opts.Store.Finish(rec.Key, store.Failed, "", "unreadable record: "+err.Error(), time.Time{}); err != nil {
				return fmt.Errorf("scheduler: record outcome: %w", err)
			}
			continue
		}
		p := cfg.Plan(rec.Plan)
		if p == nil || p.Owner != rec.Unit {
			if err := s.opts.Store.Finish(rec.Key, store.Skipped, "", "no longer the plan's owner", time.Time{}); err != nil {
				return fmt.Errorf("scheduler: record outcome: %w", err)
			}
			continue
		}
		begun, ok, err := s.opts.Store.Begin(rec)
		if err != nil {
			return fmt.Errorf("scheduler: record intent: %w", err)
		}
		if !ok {
			continue
		}
		if err := s.sendDigest(ctx, cfg, p, &d, begun, now); err != nil {
			return err
		}
	}
	return nil
}

// sendDigest renders and sends one digest delivery whose intent is
// recorded, then records the outcome, as send does for a notification. An
// SMS inside the quiet hours waits for their end in the retry queue.
func (s *Scheduler) sendDigest(ctx context.Context, cfg *plan.Config, p *plan.Plan, d *notify.Digest, rec store.Delivery, now time.Time) error {
	log := logArgs{slog.String("id", rec.ID), slog.String("plan", rec.Plan), slog.String("unit", rec.Unit),
		slog.String("kind", rec.Kind), slog.String("channel", rec.Channel),
		slog.Int("late", len(d.Late)), slog.Int("failed", len(d.Failed)), slog.Int("missed", len(d.Missed))}
	if rec.Channel == plan.ChannelSMS {
		if end, quiet := cfg.Service.QuietHours.End(now.In(newDigestDays(cfg, p).loc)); quiet {
			s.logLine(slog.LevelInfo, "digest SMS waits for the end of the quiet hours", log, slog.Time("until", end))
			if err := s.opts.Store.Finish(rec.Key, store.Retrying, "", "quiet hours", end); err != nil {
				return fmt.Errorf("scheduler: record outcome: %w", err)
			}
			return nil
		}
	}
	return s.deliver(ctx, cfg, rec, now, log, func() (*notify.Message, error) {
		return notify.RenderDigest(cfg, p, d, rec.Channel)
	})
}

// digestDays are the days a plan's owner gets a digest, at send_time in
// the plan's zone: the working days of the plan period and of the
// digestAfterEnd days after it.
type digestDays struct {
	cal         *calendar.Calendar
	loc         *time.Location
	send        calendar.Clock
	first, last calendar.Date
}

func newDigestDays(cfg *plan.Config, p *plan.Plan) digestDays {
	loc := p.Location
	if loc == nil {
		loc = cfg.Service.Location
	}
	return digestDays{cal: cfg.Service.Calendar, loc: loc, send: cfg.Service.SendTime,
		first: p.From, last: p.To.AddDays(digestAfterEnd)}
}

// at is the send time of the digest of day.
func (dd digestDays) at(day calendar.Date) time.Time { return day.At(dd.send, dd.loc) }

// latest returns the last digest day whose send time is not after t.
func (dd digestDays) latest(t time.Time) (calendar.Date, bool) {
	day := calendar.DateOf(t.In(dd.loc))
	if dd.at(day).After(t) {
		day = day.AddDays(-1)
	}
	if day.After(dd.last) {
		day = dd.last
	}
	day = dd.cal.OnOrBefore(day)
	if day.Before(dd.first) || day.After(dd.last) || !dd.cal.IsWorkingDay(day) {
		return calendar.Date{}, false
	}
	return day, true
}

// next returns the send time of the first digest day whose time is after
// now and which comes after done.
func (dd digestDays) next(now time.Time, done calendar.Date) (time.Time, bool) {
	day := calendar.DateOf(now.In(dd.loc))
	if !dd.at(day).After(now) {
		day = day.AddDays(1)
	}
	if !done.IsZero() && !day.After(done) {
		day = done.AddDays(1)
	}
	if day.Before(dd.first) {
		day = dd.first
	}
	day = dd.cal.OnOrAfter(day)
	if day.Before(dd.first) || day.After(dd.last) || !dd.cal.IsWorkingDay(day) {
		return time.Time{}, false
	}
	return dd.at(day), true
}

// daysBetween counts the calendar days from from's date to to's, each
// read in its own location.
func daysBetween(from, to time.Time) int {
	a, b := calendar.DateOf(from), calendar.DateOf(to)
	da := time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

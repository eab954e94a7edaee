package scheduler

import (
	"cmp"
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

// The owner's daily digest of late units, failed deliveries and missed
// notifications (SPEC §5) is a notification like the others: digestSource
// yields one per plan owner and digest day into the same stream as the
// plan's (batch.go), and it goes through the same stages. What is its own
// is its content: made from the store at send time (build), rendered by
// notify.RenderDigest, its SMS held out of the quiet hours. A digest with
// nothing to say is not sent, nor recorded: the stream yields each day's
// once, and a restart looks again only at the day of the checkpoint.

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

// digester is the prepare stage of the owners' digests. The store
// remembers the digests sent, so a restart does not send a day's digest
// again.
type digester struct {
	s      *Scheduler
	warned bool
}

// source returns the digests of cfg's plans from from on, nil if the
// store cannot make them.
func (g *digester) source(cfg *plan.Config, from time.Time) *digestSource {
	if _, ok := g.s.opts.Store.(DeliveryLister); !ok {
		if !g.warned {
			g.s.log.Warn("no daily digests: the store cannot list its deliveries")
			g.warned = true
		}
		return nil
	}
	return newDigestSource(cfg, from)
}

// prepare makes the digest n from the store, unless its time passed more
// than catchup ago, while the daemon was down (the next one reports what
// it would have), or it has nothing to say. Neither is recorded.
func (g *digester) prepare(cfg *plan.Config, n *plan.Notification, now time.Time) (draft, error) {
	s := g.s
	log := noticeLog(n)
	if late := now.Sub(n.At); late > cfg.Service.Catchup {
		s.logLine(slog.LevelInfo, "digest not sent: its time passed while the daemon was down", log,
			slog.Time("due", n.At), slog.Duration("late", late.Round(time.Minute)))
		return nil, nil
	}
	p := cfg.Plan(n.Plan)
	src, ok := s.opts.Store.(DeliveryLister)
	if p == nil || !ok {
		return nil, nil
	}
	d, err := g.build(cfg, src, p, newDigestDays(cfg, p), n.ID, n.At, now)
	if err != nil {
		return nil, err
	}
	if d.Empty() {
		s.logLine(slog.LevelDebug, "no digest: nothing late, failed or missed", log)
		return nil, nil
	}
	s.logLine(slog.LevelInfo, "digest made", log, slog.Int("late", len(d.Late)), slog.Int("failed", len(d.Failed)), slog.Int("missed", len(d.Missed)))
	return &digest{p: p, d: d}, nil
}

// again sends a digest again as it was made, to the plan's owner still.
func (g *digester) again(cfg *plan.Config, rec store.Delivery) (draft, string, error) {
	var d notify.Digest
	if err := json.Unmarshal(rec.Payload, &d); err != nil {
		return nil, "", fmt.Errorf("%w: %w", errUnreadable, err)
	}
	p := cfg.Plan(rec.Plan)
	if p == nil || p.Owner != rec.Unit {
		return nil, "no longer the plan's owner", nil
	}
	return &digest{p: p, d: &d}, "", nil
}

// digest is a prepared digest: its delivery records keep it whole, so
// that a retry sends the same text.
type digest struct {
	p *plan.Plan
	d *notify.Digest
}

func (dg *digest) record() ([]byte, []string, error) {
	payload, err := json.Marshal(dg.d)
	if err != nil {
		return nil, nil, fmt.Errorf("scheduler: encode digest: %w", err)
	}
	return payload, nil, nil
}

func (dg *digest) render(cfg *plan.Config, channel string) (*notify.Message, error) {
	return notify.RenderDigest(cfg, dg.p, dg.d, channel)
}

// hold keeps a digest SMS inside the quiet hours for their end: a digest
// made after a night start goes by email at once, by SMS in the morning.
func (dg *digest) hold(cfg *plan.Config, channel string, now time.Time) time.Time {
	if channel != plan.ChannelSMS {
		return time.Time{}
	}
	end, quiet := cfg.Service.QuietHours.End(now.In(newDigestDays(cfg, dg.p).loc))
	if !quiet {
		return time.Time{}
	}
	return end
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
		// The owner is told its own lateness by its overdue notices: its
		// digest lists the others.
		if o.Plan == p.ID && unit != p.Owner {
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
			Kind: rec.Kind, Channel: rec.Channel, Due: rec.Due, Error: g.s.opts.Scrubber.String(rec.LastError),
		}
		if rec.State == store.Failed {
			d.Failed = append(d.Failed, item)
		} else {
			d.Missed = append(d.Missed, item)
		}
	}
	return d, nil
}

// digestSource yields the digests of a configuration's plans in time
// order: one notification, of kind digest, per plan owner and digest day.
type digestSource struct {
	cfg   *plan.Config
	plans []digestPlan
}

// digestPlan is a plan whose owner gets digests, and its next one.
type digestPlan struct {
	p    *plan.Plan
	days digestDays
	at   time.Time // zero when there is none
}

// newDigestSource returns the digests of cfg's plans from from on.
func newDigestSource(cfg *plan.Config, from time.Time) *digestSource {
	g := &digestSource{cfg: cfg}
	for _, p := range cfg.Plans {
		if p.Owner == "" || cfg.Units[p.Owner] == nil {
			continue
		}
		days := newDigestDays(cfg, p)
		at, _ := days.next(from.Add(-time.Nanosecond))
		g.plans = append(g.plans, digestPlan{p: p, days: days, at: at})
	}
	return g
}

// Next returns the next digest; digests due at the same time come in plan
// order.
func (g *digestSource) Next() (plan.Notification, bool) {
	var first *digestPlan
	for i := range g.plans {
		dp := &g.plans[i]
		if !dp.at.IsZero() && (first == nil || dp.at.Before(first.at)) {
			first = dp
		}
	}
	if first == nil {
		return plan.Notification{}, false
	}
	owner := g.cfg.Units[first.p.Owner]
	at := first.at
	id := plan.NotificationID(first.p.ID, "", digestRule, at, owner.ID)
	n := plan.Notification{ID: id, At: at, Plan: first.p.ID, Rule: digestRule, Kind: notify.KindDigest,
		Unit: owner.ID, Role: plan.RoleOwner, Channels: owner.Channels, AckID: id, Event: at}
	first.at, _ = first.days.next(at)
	return n, true
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
// now.
func (dd digestDays) next(now time.Time) (time.Time, bool) {
	day := calendar.DateOf(now.In(dd.loc))
	if !dd.at(day).After(now) {
		day = day.AddDays(1)
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

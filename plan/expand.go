package plan

import (
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/robfig/cron/v3"
)

// source yields the event times of a rule in order: a task's start, each
// firing of a cron spec, each due time of a deadline. A cursor carries
// what the source needs to go on (the unmoved cron time of a moved due).
type source interface {
	// first returns the first event not before t.
	first(t time.Time) (ev, cursor time.Time, ok bool)
	// next returns the event after ev, whose cursor is given.
	next(ev, cursor time.Time) (time.Time, time.Time, bool)
}

// once is a source of one event.
type once time.Time

func (o once) first(t time.Time) (time.Time, time.Time, bool) {
	ev := time.Time(o)
	return ev, ev, !ev.Before(t)
}

func (o once) next(time.Time, time.Time) (time.Time, time.Time, bool) {
	return time.Time{}, time.Time{}, false
}

// cronSource fires a cron schedule between two instants, inclusive.
type cronSource struct {
	sched      cron.Schedule
	start, end time.Time
	loc        *time.Location
}

func (c cronSource) first(t time.Time) (time.Time, time.Time, bool) {
	if t.Before(c.start) {
		t = c.start
	}
	// Next is strictly after its argument.
	ev, ok := c.after(t.Add(-time.Second))
	return ev, ev, ok
}

func (c cronSource) next(ev, _ time.Time) (time.Time, time.Time, bool) {
	ev, ok := c.after(ev)
	return ev, ev, ok
}

// after returns the first firing after t. robfig's Next steps through the
// zone's own time, which, on a day the offset changes, skips a time the
// clocks jump over, fires twice at a time they go back over, and can skip
// the whole day when its midnight repeats. So the schedule runs on the
// wall clock instead (its fields in UTC, where no day changes), and
// calendar.Date.At places each wall time in the zone: a time that does not
// exist fires at the next valid instant, a repeated one at the first of
// the two, and firings that meet on one instant fire once.
func (c cronSource) after(t time.Time) (time.Time, bool) {
	l := t.In(c.loc)
	wall := time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
	for {
		wall = c.sched.Next(wall)
		if wall.IsZero() {
			return time.Time{}, false
		}
		at := calendar.DateOf(wall).At(calendar.ClockOf(wall), c.loc)
		if !at.After(t) {
			continue // the second of a repeated time, or a gap's other firings
		}
		if at.After(c.end) {
			return time.Time{}, false
		}
		return at, true
	}
}

// dueSource is a recurring deadline: its cron times moved off holidays,
// without the repeats a move can make. The cursor is the unmoved time.
type dueSource struct {
	cronSource
	move func(time.Time) time.Time
	cal  *calendar.Calendar
}

func (d dueSource) first(t time.Time) (time.Time, time.Time, bool) {
	// A cron time before t lands at or after t only if it is moved forward
	// over the non-working days just before t: start the walk there.
	back, day := 1, calendar.DateOf(t.In(d.loc)).AddDays(-1)
	for back < 32 && !d.cal.IsWorkingDay(day) {
		back++
		day = day.AddDays(-1)
	}
	raw, _, ok := d.cronSource.first(t.AddDate(0, 0, -back))
	for ok {
		if ev := d.move(raw); !ev.Before(t) {
			return ev, raw, true
		}
		raw, ok = d.after(raw)
	}
	return time.Time{}, time.Time{}, false
}

func (d dueSource) next(prev, raw time.Time) (time.Time, time.Time, bool) {
	for {
		var ok bool
		if raw, ok = d.after(raw); !ok {
			return time.Time{}, time.Time{}, false
		}
		if ev := d.move(raw); ev.After(prev) {
			return ev, raw, true
		}
	}
}

// recipient is a unit a rule sends to, and why.
type recipient struct {
	unit     string
	role     Role
	channels []string
	about    []string // units an escalation is about
}

// rule is one source of notifications: a reminder, a step of a deadline.
type rule struct {
	plan     *Plan
	task     *Task
	planID   string
	taskID   string
	key      string
	kind     Kind
	src      source
	at       func(ev time.Time) time.Time // event → send time, non-decreasing
	lookback time.Duration                // how much earlier than at an event can be, at most
	recips   []recipient
	cond     Condition
	seq      int
	deadline *Deadline
	// ackOf is the rule whose receipt a repeat or an owner's notice waits
	// for, with the shift from its send time to this one's.
	ackOf *rule
	// skip, when set, drops a firing that another rule already covers.
	skip func(ev time.Time) bool
	pos  Pos
}

// expander compiles a configuration's plans into rules.
type expander struct {
	cfg   *Config
	rules []*rule
}

// Rules counts the rules the configuration expands into; memory of an
// expansion is proportional to it.
func (c *Config) Rules() int { return len(c.compile()) }

func (c *Config) compile() []*rule {
	e := &expander{cfg: c}
	for _, p := range c.Plans {
		e.plan(p)
	}
	return e.rules
}

func (e *expander) recips(units []string, role func(string) Role) []recipient {
	out := make([]recipient, 0, len(units))
	for _, u := range units {
		unit := e.cfg.Units[u]
		if unit == nil || !unit.Receives() {
			continue
		}
		out = append(out, recipient{unit: u, role: role(u), channels: unit.Channels})
	}
	return out
}

func constRole(r Role) func(string) Role { return func(string) Role { return r } }

func (e *expander) add(r *rule) *rule {
	r.planID = r.plan.ID
	if r.task != nil {
		r.taskID = r.task.ID
	}
	e.rules = append(e.rules, r)
	return r
}

func identity(t time.Time) time.Time { return t }

func (e *expander) plan(p *Plan) {
	if d := p.Distribute; d != nil {
		r := e.add(&rule{plan: p, key: "distribute", kind: KindDistribution, src: once(d.At), at: identity,
			recips: e.recips(d.To, constRole(RoleRecipient)), pos: d.Pos})
		e.ackRules(r, d.AckWithin)
	}
	for _, t := range p.Tasks {
		roles := map[string]Role{}
		for _, u := range t.Support {
			roles[u] = RoleSupport
		}
		for _, u := range t.Lead {
			roles[u] = RoleLead
		}
		roleOf := func(u string) Role {
			if r, ok := roles[u]; ok {
				return r
			}
			return RoleRecipient
		}
		everyone := append(append([]string(nil), t.Lead...), t.Support...)
		for i := range t.Reminders {
			rm := &t.Reminders[i]
			to := everyone
			if len(rm.To) > 0 {
				to = rm.To
			}
			r := &rule{plan: p, task: t, key: rm.Key, kind: KindReminder, recips: e.recips(to, roleOf), pos: rm.Pos, at: identity}
			switch rm.Kind {
			case RemindBefore:
				r.src = once(t.Start)
				r.at, r.lookback = e.before(rm.Offset, p.Location)
			case RemindBeforeEnd:
				r.src = once(t.Last)
				r.at, r.lookback = e.before(rm.Offset, p.Location)
			case RemindAtStart:
				r.src = once(t.Start)
			case RemindAtEnd:
				r.src = once(t.End)
			case RemindOn:
				r.src = once(rm.On)
			case RemindEvery:
				r.src = dueSource{
					cronSource: cronSource{sched: rm.Schedule, start: t.FirstDay.At(0, p.Location), end: t.Last, loc: p.Location},
					move:       e.toWorkingDay(t.FirstDay, t.LastDay),
					cal:        e.cfg.Service.Calendar,
				}
			}
			e.add(r)
			e.ackRules(r, rm.AckWithin)
		}
		for i := range t.Deadlines {
			e.deadline(p, t, &t.Deadlines[i])
		}
	}
}

// The rule keys of the notices an ack_within adds: the key of the
// reminder or distribution, then one of these.
const (
	repeatSuffix = "/repeat" // sent again to each unit that has not confirmed
	ownerSuffix  = "/owner"  // told to the plan's owner
)

// ackRules adds, for a rule with ack_within, the repeat to each unit that
// has not confirmed receipt and the notice to the plan's owner.
func (e *expander) ackRules(orig *rule, within calendar.Duration) {
	// A higher level is reported to: it has no receipt to confirm, so
	// it is neither asked again nor chased.
	var confirm []recipient
	for _, rc := range orig.recips {
		if e.cfg.Units[rc.unit].Confirms() {
			confirm = append(confirm, rc)
		}
	}
	if within.IsZero() || len(confirm) == 0 {
		return
	}
	after, lag := e.after(within, orig.plan.Location)
	at := func(ev time.Time) time.Time { return after(orig.at(ev)) }
	e.add(&rule{plan: orig.plan, task: orig.task, key: orig.key + repeatSuffix, kind: orig.kind, src: orig.src,
		at: at, lookback: orig.lookback + lag, recips: confirm, cond: NotAcked, ackOf: orig, pos: orig.pos})
	if owner := e.cfg.Units[orig.plan.Owner]; owner != nil && owner.Receives() {
		about := make([]string, len(confirm))
		for i, rc := range confirm {
			about[i] = rc.unit
		}
		e.add(&rule{plan: orig.plan, task: orig.task, key: orig.key + ownerSuffix, kind: KindEscalation, src: orig.src,
			at: at, lookback: orig.lookback + lag, cond: NotAcked, ackOf: orig, pos: orig.pos,
			recips: []recipient{{unit: owner.ID, role: RoleOwner, channels: owner.Channels, about: about}}})
	}
}

// toWorkingDay moves a periodic reminder that falls on a non-working day
// to the same time on the previous working day of the task, or else the
// next one; a task with no working day keeps it where it is. Firings that
// meet on one day are sent once (dueSource drops the repeats).
func (e *expander) toWorkingDay(first, last calendar.Date) func(time.Time) time.Time {
	cal := e.cfg.Service.Calendar
	return func(t time.Time) time.Time {
		day := calendar.DateOf(t)
		if cal.IsWorkingDay(day) {
			return t
		}
		c := calendar.ClockOf(t)
		if prev := cal.OnOrBefore(day); !prev.Before(first) && cal.IsWorkingDay(prev) {
			return prev.At(c, t.Location())
		}
		if next := cal.OnOrAfter(day); !next.After(last) && cal.IsWorkingDay(next) {
			return next.At(c, t.Location())
		}
		return t
	}
}

// superiors lists who an escalation step goes to: its to: list about every
// reporting unit, or each reporting unit's escalate_to about that unit.
func (e *expander) superiors(by, to []string) []recipient {
	if len(to) > 0 {
		rs := e.recips(to, constRole(RoleSuperior))
		for i := range rs {
			rs[i].about = by
		}
		return rs
	}
	var out []recipient
	index := map[string]int{}
	for _, u := range by {
		unit := e.cfg.Units[u]
		if unit == nil {
			continue
		}
		for _, s := range unit.EscalateTo {
			i, ok := index[s]
			if !ok {
				sup := e.cfg.Units[s]
				if sup == nil || !sup.Receives() {
					continue
				}
				i = len(out)
				index[s] = i
				out = append(out, recipient{unit: s, role: RoleSuperior, channels: sup.Channels})
			}
			out[i].about = append(out[i].about, u)
		}
	}
	return out
}

// before maps an event to the send time of an offset before it (SPEC §3.5):
// d and w land on a date at send_time, moved back to a working day; wd
// counts working days back; h and m are exact. It also returns how far
// back the result can lie.
func (e *expander) before(off calendar.Duration, loc *time.Location) (func(time.Time) time.Time, time.Duration) {
	svc := &e.cfg.Service
	cal, send := svc.Calendar, svc.SendTime
	switch off.Unit {
	case calendar.Minutes, calendar.Hours:
		d := off.Std()
		return func(ev time.Time) time.Time { return ev.Add(-d) }, d
	case calendar.WorkingDays:
		n := off.N
		return func(ev time.Time) time.Time {
			return cal.AddWorkingDays(calendar.DateOf(ev.In(loc)), -n).At(send, loc)
		}, calendarSlack(n)
	}
	days := off.N
	if off.Unit == calendar.Weeks {
		days *= 7
	}
	return func(ev time.Time) time.Time {
		return cal.OnOrBefore(calendar.DateOf(ev.In(loc)).AddDays(-days)).At(send, loc)
	}, time.Duration(days)*24*time.Hour + calendarSlack(0)
}

// after maps a time to the time an offset later (SPEC §3.5): exact, d and
// w keep the time of day, wd counts working days and keeps it. It also
// returns how far forward the result can lie.
func (e *expander) after(off calendar.Duration, loc *time.Location) (func(time.Time) time.Time, time.Duration) {
	cal := e.cfg.Service.Calendar
	switch off.Unit {
	case calendar.Minutes, calendar.Hours:
		d := off.Std()
		return func(t time.Time) time.Time { return t.Add(d) }, d
	case calendar.WorkingDays:
		n := off.N
		return func(t time.Time) time.Time {
			t = t.In(loc)
			return cal.AddWorkingDays(calendar.DateOf(t), n).At(calendar.ClockOf(t), loc)
		}, calendarSlack(n)
	}
	days := off.N
	if off.Unit == calendar.Weeks {
		days *= 7
	}
	return func(t time.Time) time.Time {
		t = t.In(loc)
		return calendar.DateOf(t).AddDays(days).At(calendar.ClockOf(t), loc)
	}, time.Duration(days)*24*time.Hour + 2*time.Hour
}

// calendarSlack bounds how many days n working days (or a move to the
// nearest working day) can span: weekends and the longest holidays.
func calendarSlack(n int) time.Duration {
	return time.Duration(n*7+45) * 24 * time.Hour
}

// shorter orders offsets by their rough length, to tell which of two
// reminders is nearer the event.
func shorter(d, o calendar.Duration) bool { return approx(d) < approx(o) }

func approx(d calendar.Duration) time.Duration {
	switch d.Unit {
	case calendar.WorkingDays:
		return time.Duration(d.N) * 24 * time.Hour * 7 / 5
	case calendar.Days:
		return time.Duration(d.N) * 24 * time.Hour
	case calendar.Weeks:
		return time.Duration(d.N) * 7 * 24 * time.Hour
	}
	return d.Std()
}

package plan

import (
	"container/heap"
	"time"

	"github.com/robfig/cron/v3"
)

// source yields the event times of a rule in order: a task's start, each
// firing of a cron spec, each due time of a deadline.
type source interface {
	// first returns the first event not before t.
	first(t time.Time) (time.Time, bool)
	// next returns the event after ev.
	next(ev time.Time) (time.Time, bool)
}

// once is a source of one event.
type once time.Time

func (o once) first(t time.Time) (time.Time, bool) {
	ev := time.Time(o)
	return ev, !ev.Before(t)
}

func (o once) next(time.Time) (time.Time, bool) { return time.Time{}, false }

// cronSource fires a cron schedule between two instants, inclusive.
type cronSource struct {
	sched      cron.Schedule
	start, end time.Time
	loc        *time.Location
}

func (c cronSource) first(t time.Time) (time.Time, bool) {
	if t.Before(c.start) {
		t = c.start
	}
	// Next is strictly after its argument.
	return c.next(t.Add(-time.Second))
}

func (c cronSource) next(ev time.Time) (time.Time, bool) {
	t := c.sched.Next(ev.In(c.loc))
	if t.IsZero() || t.After(c.end) {
		return time.Time{}, false
	}
	return t, true
}

// dueSource is a recurring deadline: its cron times moved off holidays,
// without the repeats a move can make.
type dueSource struct {
	cronSource
	move func(time.Time) time.Time
}

func (d dueSource) first(t time.Time) (time.Time, bool) {
	// A moved due time can lie up to a few weeks from its cron time.
	ev, ok := d.cronSource.first(t.AddDate(0, 0, -31))
	for ok {
		if m := d.move(ev); !m.Before(t) {
			return m, true
		}
		ev, ok = d.cronSource.next(ev)
	}
	return time.Time{}, false
}

func (d dueSource) next(prev time.Time) (time.Time, bool) {
	// prev is a moved time: find the cron time after the one it came from.
	ev, ok := d.cronSource.first(prev.AddDate(0, 0, -31))
	for ok {
		if m := d.move(ev); m.After(prev) {
			return m, true
		}
		ev, ok = d.cronSource.next(ev)
	}
	return time.Time{}, false
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
		if unit == nil {
			continue
		}
		out = append(out, recipient{unit: u, role: role(u), channels: unit.Channels})
	}
	return out
}

func constRole(r Role) func(string) Role { return func(string) Role { return r } }

func (e *expander) add(r *rule) *rule {
	e.rules = append(e.rules, r)
	return r
}

func identity(t time.Time) time.Time { return t }

func (e *expander) plan(p *Plan) {
	svc := &e.cfg.Service
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
				r.src = cronSource{sched: rm.Schedule, start: t.FirstDay.At(0, p.Location), end: t.Last, loc: p.Location}
			}
			e.add(r)
			e.ackRules(r, rm.AckWithin)
		}
		for i := range t.Deadlines {
			e.deadline(p, t, &t.Deadlines[i])
		}
	}
	_ = svc
}

// ackRules adds, for a rule with ack_within, the repeat to each unit that
// has not confirmed receipt and the notice to the plan's owner.
func (e *expander) ackRules(orig *rule, within Duration) {
	if within.IsZero() {
		return
	}
	after, lag := e.after(within, orig.plan.Location)
	at := func(ev time.Time) time.Time { return after(orig.at(ev)) }
	e.add(&rule{plan: orig.plan, task: orig.task, key: orig.key + "/repeat", kind: orig.kind, src: orig.src,
		at: at, lookback: orig.lookback + lag, recips: orig.recips, cond: NotAcked, ackOf: orig, pos: orig.pos})
	if owner := e.cfg.Units[orig.plan.Owner]; owner != nil {
		about := make([]string, len(orig.recips))
		for i, rc := range orig.recips {
			about[i] = rc.unit
		}
		e.add(&rule{plan: orig.plan, task: orig.task, key: orig.key + "/owner", kind: KindEscalation, src: orig.src,
			at: at, lookback: orig.lookback + lag, cond: NotAcked, ackOf: orig, pos: orig.pos,
			recips: []recipient{{unit: owner.ID, role: RoleOwner, channels: owner.Channels, about: about}}})
	}
}

func (e *expander) deadline(p *Plan, t *Task, d *Deadline) {
	cal := e.cfg.Service.Calendar
	move := func(due time.Time) time.Time {
		day := DateOf(due)
		if d.IfHoliday == Keep || cal.IsWorkingDay(day) {
			return due
		}
		c := clockOf(due)
		if d.IfHoliday == PreviousWorkingDay {
			return cal.OnOrBefore(day).At(c, due.Location())
		}
		return cal.OnOrAfter(day).At(c, due.Location())
	}
	var src source
	if d.DueEvery != nil {
		src = dueSource{cronSource: cronSource{sched: d.DueEvery, start: p.Start(), end: p.End().Add(-time.Second), loc: p.Location}, move: move}
	} else {
		src = once(move(d.Due.In(p.Location)))
	}
	reporters := e.recips(d.By, constRole(RoleReporter))
	base := "deadline:" + d.Key
	ats := make([]func(time.Time) time.Time, len(d.Remind))
	for i, off := range d.Remind {
		at, back := e.before(off, p.Location)
		ats[i] = at
		r := e.add(&rule{plan: p, task: t, key: base + "/remind:" + off.String(), kind: KindDeadline, src: src,
			at: at, lookback: back, recips: reporters, deadline: d, pos: d.Pos})
		// Two offsets can land on the same working day (3d and 1d before a
		// Monday): only the one nearest the due time is sent.
		r.skip = func(ev time.Time) bool {
			mine := at(ev)
			for j, other := range d.Remind {
				if j != i && (other.less(off) || (other == off && j > i)) && ats[j] != nil && ats[j](ev).Equal(mine) {
					return true
				}
			}
			return false
		}
	}
	grace, graceLag := e.after(d.Grace, p.Location)
	every, everyLag := e.after(d.OverdueEvery, p.Location)
	for k := 0; k < d.OverdueMax; k++ {
		n := k
		at := func(ev time.Time) time.Time {
			t := grace(ev)
			for range n {
				t = every(t)
			}
			return t
		}
		e.add(&rule{plan: p, task: t, key: base + "/overdue:" + itoa(k+1), kind: KindOverdue, src: src,
			at: at, lookback: graceLag + time.Duration(k)*everyLag, recips: reporters, cond: NotDone, seq: k + 1, deadline: d, pos: d.Pos})
	}
	for s, step := range d.Escalate {
		after, lag := e.after(step.After, p.Location)
		at := func(ev time.Time) time.Time { return after(grace(ev)) }
		e.add(&rule{plan: p, task: t, key: base + "/escalate:" + itoa(s+1), kind: KindEscalation, src: src,
			at: at, lookback: graceLag + lag, recips: e.superiors(d.By, step.To), cond: NotDone, seq: s + 1, deadline: d, pos: d.Pos})
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
				if sup == nil {
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
func (e *expander) before(off Duration, loc *time.Location) (func(time.Time) time.Time, time.Duration) {
	svc := &e.cfg.Service
	cal, send := svc.Calendar, svc.SendTime
	switch off.Unit {
	case Minutes, Hours:
		d := off.Std()
		return func(ev time.Time) time.Time { return ev.Add(-d) }, d
	case WorkingDays:
		n := off.N
		return func(ev time.Time) time.Time {
			return cal.AddWorkingDays(DateOf(ev.In(loc)), -n).At(send, loc)
		}, calendarSlack(n)
	}
	days := off.N
	if off.Unit == Weeks {
		days *= 7
	}
	return func(ev time.Time) time.Time {
		return cal.OnOrBefore(DateOf(ev.In(loc)).AddDays(-days)).At(send, loc)
	}, time.Duration(days)*24*time.Hour + calendarSlack(0)
}

// after maps a time to the time an offset later (SPEC §3.5): exact, d and
// w keep the time of day, wd counts working days and keeps it. It also
// returns how far forward the result can lie.
func (e *expander) after(off Duration, loc *time.Location) (func(time.Time) time.Time, time.Duration) {
	cal := e.cfg.Service.Calendar
	switch off.Unit {
	case Minutes, Hours:
		d := off.Std()
		return func(t time.Time) time.Time { return t.Add(d) }, d
	case WorkingDays:
		n := off.N
		return func(t time.Time) time.Time {
			t = t.In(loc)
			return cal.AddWorkingDays(DateOf(t), n).At(clockOf(t), loc)
		}, calendarSlack(n)
	}
	days := off.N
	if off.Unit == Weeks {
		days *= 7
	}
	return func(t time.Time) time.Time { return t.In(loc).AddDate(0, 0, days) },
		time.Duration(days)*24*time.Hour + 2*time.Hour
}

// calendarSlack bounds how many days n working days (or a move to the
// nearest working day) can span: weekends and the longest holidays.
func calendarSlack(n int) time.Duration {
	return time.Duration(n*7+45) * 24 * time.Hour
}

func clockOf(t time.Time) Clock {
	h, m, s := t.Clock()
	return Clock(h*3600 + m*60 + s)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// Iter yields a configuration's notifications in time order. It holds one
// entry per rule, and the SMS waiting out the quiet hours.
type Iter struct {
	cfg      *Config
	from, to time.Time
	h        entryHeap
	ready    []Notification
	seq      int
}

type entry struct {
	at   time.Time
	ev   time.Time
	r    *rule
	n    *Notification // a deferred SMS, when r is nil
	prio int
}

type entryHeap []*entry

func (h entryHeap) Len() int { return len(h) }
func (h entryHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].prio < h[j].prio
}
func (h entryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *entryHeap) Push(x any)   { *h = append(*h, x.(*entry)) }
func (h *entryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return x
}

// Expand returns an iterator over the notifications sent in [from, to); a
// zero to means no end. Notifications at the same time come in plan order.
func (c *Config) Expand(from, to time.Time) *Iter {
	it := &Iter{cfg: c, from: from, to: to}
	// An SMS can be deferred by up to a day of quiet hours, so rules are
	// started early enough to catch one that lands after from.
	quietBack := time.Duration(0)
	if !c.Service.QuietHours.IsZero() {
		quietBack = 24 * time.Hour
	}
	for i, r := range c.compile() {
		ev, ok := r.src.first(from.Add(-r.lookback - quietBack))
		for ok {
			at := r.at(ev)
			if !at.Before(from.Add(-quietBack)) {
				it.h = append(it.h, &entry{at: at, ev: ev, r: r, prio: i})
				break
			}
			ev, ok = r.src.next(ev)
		}
	}
	it.seq = len(it.h)
	heap.Init(&it.h)
	return it
}

// Next returns the next notification, or false when there is none before
// the end of the range.
func (it *Iter) Next() (Notification, bool) {
	for len(it.ready) == 0 {
		if len(it.h) == 0 || (!it.to.IsZero() && !it.h[0].at.Before(it.to)) {
			return Notification{}, false
		}
		e := it.h[0]
		if e.r == nil {
			heap.Pop(&it.h)
			if !e.at.Before(it.from) {
				it.ready = append(it.ready, *e.n)
			}
			continue
		}
		it.emit(e.r, e.ev, e.at)
		if ev, ok := e.r.src.next(e.ev); ok {
			e.ev, e.at = ev, e.r.at(ev)
			heap.Fix(&it.h, 0)
		} else {
			heap.Pop(&it.h)
		}
	}
	n := it.ready[0]
	it.ready = it.ready[1:]
	if len(it.ready) == 0 {
		it.ready = it.ready[:0:0]
	}
	return n, true
}

// emit builds the notifications of one firing of a rule.
func (it *Iter) emit(r *rule, ev, at time.Time) {
	if r.skip != nil && r.skip(ev) {
		return
	}
	p := r.plan
	task := ""
	if r.task != nil {
		task = r.task.ID
	}
	var deadlineID string
	if r.deadline != nil {
		deadlineID = NotificationID(p.ID, task, "deadline:"+r.deadline.Key, ev, "")
	}
	var origAt time.Time
	if r.ackOf != nil {
		origAt = r.ackOf.at(ev)
	}
	quiet := it.cfg.Service.QuietHours
	for _, rc := range r.recips {
		n := Notification{
			At: at, Plan: p.ID, Task: task, Rule: r.key, Kind: r.kind, Unit: rc.unit, Role: rc.role,
			Channels: rc.channels, Condition: r.cond, DeadlineID: deadlineID, Event: ev, Seq: r.seq,
		}
		n.ID = NotificationID(p.ID, task, r.key, at, rc.unit)
		n.AckID = n.ID
		switch {
		case r.ackOf != nil && rc.about == nil:
			n.About = []Subject{{Unit: rc.unit, ID: NotificationID(p.ID, task, r.ackOf.key, origAt, rc.unit)}}
		case r.ackOf != nil:
			n.About = make([]Subject, len(rc.about))
			for i, u := range rc.about {
				n.About[i] = Subject{Unit: u, ID: NotificationID(p.ID, task, r.ackOf.key, origAt, u)}
			}
		case r.cond == NotDone && rc.about == nil:
			n.About = []Subject{{Unit: rc.unit, ID: deadlineID}}
		case r.cond == NotDone:
			n.About = make([]Subject, len(rc.about))
			for i, u := range rc.about {
				n.About[i] = Subject{Unit: u, ID: deadlineID}
			}
		}
		if end, inside := quiet.End(at.In(p.Location)); inside && hasChannel(n.Channels, ChannelSMS) {
			sms := n
			sms.Channels = []string{ChannelSMS}
			sms.At = end
			sms.Deferred = true
			sms.ID = NotificationID(p.ID, task, r.key+"/after-quiet-hours", at, rc.unit)
			it.seq++
			heap.Push(&it.h, &entry{at: end, n: &sms, prio: it.seq})
			n.Channels = without(n.Channels, ChannelSMS)
			if len(n.Channels) == 0 {
				continue
			}
		}
		if !at.Before(it.from) {
			it.ready = append(it.ready, n)
		}
	}
}

func hasChannel(chs []string, ch string) bool {
	for _, c := range chs {
		if c == ch {
			return true
		}
	}
	return false
}

func without(chs []string, ch string) []string {
	out := make([]string, 0, len(chs))
	for _, c := range chs {
		if c != ch {
			out = append(out, c)
		}
	}
	return out
}

// less orders offsets by their rough length, to tell which of two
// reminders is nearer the event.
func (d Duration) less(o Duration) bool { return d.approx() < o.approx() }

func (d Duration) approx() time.Duration {
	switch d.Unit {
	case WorkingDays:
		return time.Duration(d.N) * 24 * time.Hour * 7 / 5
	case Days:
		return time.Duration(d.N) * 24 * time.Hour
	case Weeks:
		return time.Duration(d.N) * 7 * 24 * time.Hour
	}
	return d.Std()
}

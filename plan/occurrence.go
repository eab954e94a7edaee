package plan

import (
	"slices"
	"strconv"
	"time"
)

// Occurrence is one due time of one deadline: what its deadline, overdue
// and escalation notices are about (their DeadlineID is its ID), and what
// a unit's report "done" hangs on. The expansion makes it, with the times
// its notices go at.
type Occurrence struct {
	// ID is a hash of (plan, task, deadline, due time): moving the due
	// time changes it.
	ID       string
	Plan     string // the plan's id
	Task     *Task
	Deadline *Deadline
	// Scheduled is the due time the deadline gives (due:, or a firing of
	// due_every); Due is the same time moved off a non-working day as
	// if_holiday says. They are equal when it was not moved.
	Scheduled, Due time.Time
	// Overdue holds the send times of its overdue notices, the first at
	// due + grace (overdue_max ≥ 1: there is always one).
	Overdue []time.Time
	// Escalations holds the send times of its escalation steps, in order.
	Escalations []time.Time
	By          []string // the units that must report, in the plan's order
	To          []string // the units that receive the report
}

// Moved reports whether the due time was moved off a non-working day.
func (o *Occurrence) Moved() bool { return !o.Due.Equal(o.Scheduled) }

// Occurrences returns every occurrence of the plan's deadlines, in due
// order (deadlines due at the same time in the plan's order). A plan has
// them once Load returned its configuration without errors.
func (p *Plan) Occurrences() []*Occurrence {
	if p == nil {
		return nil
	}
	return p.occurrences
}

// Occurrence returns the occurrence of the plan's deadlines whose ID is id
// (a notification's DeadlineID), or nil: none of the plan's deadlines
// falls due then any more, or p is nil.
func (p *Plan) Occurrence(id string) *Occurrence {
	if p == nil || id == "" {
		return nil
	}
	return p.occurrenceByID[id]
}

// Index prepares the lookups of a configuration whose plans are complete:
// each plan's tasks by id (Plan.Task) and the occurrences of its deadlines
// (Plan.Occurrences). config.Load calls it on a configuration without
// errors.
func (c *Config) Index() {
	e := &expander{cfg: c}
	for _, p := range c.Plans {
		p.tasks = make(map[string]*Task, len(p.Tasks))
		for _, t := range p.Tasks {
			p.tasks[t.ID] = t
		}
		p.occurrences = e.occurrences(p)
		p.occurrenceByID = make(map[string]*Occurrence, len(p.occurrences))
		for _, o := range p.occurrences {
			p.occurrenceByID[o.ID] = o
		}
	}
}

// occurrences walks the due times of p's deadlines, as the expansion does.
func (e *expander) occurrences(p *Plan) []*Occurrence {
	var out []*Occurrence
	for _, t := range p.Tasks {
		for i := range t.Deadlines {
			d := &t.Deadlines[i]
			dt := e.deadlineTimes(p, d)
			var by []string
			for _, u := range d.By {
				if e.cfg.Units[u] != nil {
					by = append(by, u)
				}
			}
			// A due time moved off a holiday can land before the plan.
			ev, cursor, ok := dt.due.first(p.Start().AddDate(-1, 0, 0))
			for ; ok; ev, cursor, ok = dt.due.next(ev, cursor) {
				o := &Occurrence{ID: occurrenceID(p.ID, t.ID, d, ev), Plan: p.ID, Task: t, Deadline: d,
					Scheduled: cursor, Due: ev, By: by, To: d.To}
				if d.DueEvery == nil {
					o.Scheduled = d.Due.In(p.Location)
				}
				for _, s := range dt.overdue {
					o.Overdue = append(o.Overdue, s.at(ev))
				}
				for _, s := range dt.escalate {
					o.Escalations = append(o.Escalations, s.at(ev))
				}
				out = append(out, o)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *Occurrence) int { return a.Due.Compare(b.Due) })
	return out
}

// deadlineTimes is how the times of a deadline follow from each of its due
// times: the notices, the occurrences (Plan.Occurrences) and the
// calendar all take them from here.
type deadlineTimes struct {
	due      source // the due times, moved off non-working days
	overdue  []step // each overdue notice, at due + grace, then every overdue_every
	escalate []step // each escalation step, at due + grace + after
}

// step maps a due time to the send time of one of its notices, at most lag
// after it.
type step struct {
	at  func(due time.Time) time.Time
	lag time.Duration
}

func (e *expander) deadlineTimes(p *Plan, d *Deadline) deadlineTimes {
	var dt deadlineTimes
	cal := e.cfg.Service.Calendar
	move := func(due time.Time) time.Time { return d.moveDue(cal, due) }
	if d.DueEvery != nil {
		dt.due = dueSource{cronSource: cronSource{sched: d.DueEvery, start: p.Start(), end: p.End().Add(-time.Second), loc: p.Location}, move: move, cal: cal}
	} else {
		dt.due = once(move(d.Due.In(p.Location)))
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
		dt.overdue = append(dt.overdue, step{at: at, lag: graceLag + time.Duration(k)*everyLag})
	}
	for _, esc := range d.Escalate {
		after, lag := e.after(esc.After, p.Location)
		dt.escalate = append(dt.escalate, step{at: func(ev time.Time) time.Time { return after(grace(ev)) }, lag: graceLag + lag})
	}
	return dt
}

// deadlineRule is the rule key every notice of d starts with, and that the
// id of each of its occurrences hashes.
func deadlineRule(d *Deadline) string { return "deadline:" + d.Key }

// occurrenceID is the id of the occurrence of deadline d of a task due at
// due: the DeadlineID of its notices.
func occurrenceID(plan, task string, d *Deadline, due time.Time) string {
	return NotificationID(plan, task, deadlineRule(d), due, "")
}

func (e *expander) deadline(p *Plan, t *Task, d *Deadline) {
	dt := e.deadlineTimes(p, d)
	reporters := e.recips(d.By, constRole(RoleReporter))
	base := deadlineRule(d)
	ats := make([]func(time.Time) time.Time, len(d.Remind))
	for i, off := range d.Remind {
		at, back := e.before(off, p.Location)
		ats[i] = at
		r := e.add(&rule{plan: p, task: t, key: base + "/remind:" + off.String(), kind: KindDeadline, src: dt.due,
			at: at, lookback: back, recips: reporters, deadline: d, pos: d.Pos})
		// Two offsets can land on the same working day (3d and 1d before a
		// Monday): only the one nearest the due time is sent.
		r.skip = func(ev time.Time) bool {
			mine := at(ev)
			for j, other := range d.Remind {
				if j != i && (shorter(other, off) || (other == off && j > i)) && ats[j] != nil && ats[j](ev).Equal(mine) {
					return true
				}
			}
			return false
		}
	}
	for k, o := range dt.overdue {
		e.add(&rule{plan: p, task: t, key: base + "/overdue:" + strconv.Itoa(k+1), kind: KindOverdue, src: dt.due,
			at: o.at, lookback: o.lag, recips: reporters, cond: NotDone, seq: k + 1, deadline: d, pos: d.Pos})
	}
	for s, esc := range dt.escalate {
		e.add(&rule{plan: p, task: t, key: base + "/escalate:" + strconv.Itoa(s+1), kind: KindEscalation, src: dt.due,
			at: esc.at, lookback: esc.lag, recips: e.superiors(d.By, d.Escalate[s].To), cond: NotDone, seq: s + 1, deadline: d, pos: d.Pos})
	}
}

// ReminderOf returns the reminder of t that n was sent for: the reminder
// itself, its repeat, or the notice to the plan's owner that it was not
// confirmed; nil if n is not about one of t's reminders.
func (t *Task) ReminderOf(n *Notification) *Reminder {
	if t == nil || n.Task != t.ID {
		return nil
	}
	for i := range t.Reminders {
		r := &t.Reminders[i]
		if n.Rule == r.Key || n.Rule == r.Key+repeatSuffix || n.Rule == r.Key+ownerSuffix {
			return r
		}
	}
	return nil
}

package ics

import (
	"slices"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// Notice is one message about an event, to one unit.
type Notice struct {
	At time.Time
	ID string // the notification's id, whose token is its link
	// Alarm marks a reminder before the event, which an alarm repeats.
	Alarm bool
}

// maxAlarms bounds the alarms of one event: the ones closest to it.
const maxAlarms = 4

// addNotices gives each event the messages the plans send about it, by
// unit: what the expansion sends over every plan's period (and a year
// after, for late reports), so an alarm is where a reminder really goes,
// moved off days off and at send_time as the plan says.
func addNotices(cfg *plan.Config, events []Event) {
	byUID := make(map[string]*Event, len(events))
	for i := range events {
		byUID[events[i].UID] = &events[i]
	}
	var from, to time.Time
	for _, p := range cfg.Plans {
		loc := p.Location
		if loc == nil {
			loc = cfg.Service.Location
		}
		start := p.From.At(0, loc).AddDate(0, -3, 0) // reminders before the first day
		end := p.To.At(0, loc).AddDate(1, 0, 0)
		if from.IsZero() || start.Before(from) {
			from = start
		}
		if end.After(to) {
			to = end
		}
	}
	if from.IsZero() {
		return
	}
	it := cfg.Expand(from, to)
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if n.Deferred {
			continue // its email is the same message
		}
		e := byUID[UIDOf(&n)]
		if e == nil {
			continue
		}
		if e.Notices == nil {
			e.Notices = map[string][]Notice{}
		}
		// A reminder before the event, or on its first day for a whole
		// day (at: start, 07:30), is one an alarm repeats.
		before := !n.At.After(e.Anchor)
		if e.AllDay {
			before = n.At.Before(e.Anchor.AddDate(0, 0, 1))
		}
		alarm := n.Kind != plan.KindOverdue && before
		e.Notices[n.Unit] = append(e.Notices[n.Unit], Notice{At: n.At, ID: n.ID, Alarm: alarm})
	}
}

// UIDOf returns the UID of the event notification n is about: a task's
// for a reminder about a task, a deadline occurrence's for its deadline
// and overdue notices; "" for the others.
func UIDOf(n *plan.Notification) string {
	switch {
	case n.DeadlineID != "" && (n.Kind == plan.KindDeadline || n.Kind == plan.KindOverdue):
		return DeadlineUID(n.DeadlineID)
	case n.Kind == plan.KindReminder && n.Task != "":
		return TaskUID(n.Plan, n.Task)
	}
	return ""
}

// AlarmsFor returns the triggers of e's alarms, relative to its start:
// one at each time a reminder about it goes to unit (to any unit when
// unit is ""), the closest maxAlarms. An event no reminder comes before
// gets one: 15 minutes before a timed event, at send_time on the
// morning of a whole day rather than 23:45 the night before.
func (e *Event) AlarmsFor(unit string) []time.Duration {
	var out []time.Duration
	add := func(ns []Notice) {
		for _, n := range ns {
			if d := n.At.Sub(e.Anchor); n.Alarm && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	if unit != "" {
		add(e.Notices[unit])
	} else {
		for _, u := range e.Units {
			add(e.Notices[u])
		}
	}
	if len(out) == 0 {
		if e.AllDay {
			return []time.Duration{e.Morning}
		}
		return []time.Duration{-15 * time.Minute}
	}
	slices.Sort(out)
	if len(out) > maxAlarms {
		out = out[len(out)-maxAlarms:] // the closest to the event
	}
	return out
}

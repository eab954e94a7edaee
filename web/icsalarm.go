package web

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
)

// notice is one message about a calendar event, to one unit.
type notice struct {
	at    time.Time
	id    string // the notification's id, whose token is its link
	alarm bool   // a reminder before the event, which an alarm repeats
}

// maxAlarms bounds the alarms of one event: the ones closest to it.
const maxAlarms = 4

// addNotices gives each event the messages the plans send about it, by
// unit: what the expansion sends over every plan's period (and a year
// after, for late reports), so an alarm is where a reminder really goes,
// moved off days off and at send_time as the plan says.
func addNotices(cfg *plan.Config, events []calEvent) {
	byUID := make(map[string]*calEvent, len(events))
	for i := range events {
		byUID[events[i].uid] = &events[i]
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
		var uid string
		switch {
		case n.DeadlineID != "" && (n.Kind == plan.KindDeadline || n.Kind == plan.KindOverdue):
			uid = n.DeadlineID + "@nhacviec"
		case n.Kind == plan.KindReminder && n.Task != "":
			uid = taskUID(n.Plan, n.Task)
		default:
			continue
		}
		e := byUID[uid]
		if e == nil {
			continue
		}
		if e.notices == nil {
			e.notices = map[string][]notice{}
		}
		// A reminder before the event, or on its first day for a whole
		// day (at: start, 07:30), is one an alarm repeats.
		before := !n.At.After(e.anchor)
		if e.allDay {
			before = n.At.Before(e.anchor.AddDate(0, 0, 1))
		}
		alarm := n.Kind != plan.KindOverdue && before
		e.notices[n.Unit] = append(e.notices[n.Unit], notice{at: n.At, id: n.ID, alarm: alarm})
	}
}

// taskUID is the UID of a task's event, the same as its reminder emails'
// attachment (notify/ics.go).
func taskUID(planID, taskID string) string {
	return plan.NotificationID(planID, taskID, "event", time.Time{}, "") + "@nhacviec"
}

// alarmsOf returns the triggers of e's alarms, relative to its start:
// one at each time a reminder about it goes to unit (to any unit when
// unit is ""), the closest maxAlarms. An event no reminder comes before
// gets one: 15 minutes before a timed event, at send_time on the
// morning of a whole day (see defaultAlarm).
func alarmsOf(e calEvent, unit string) []time.Duration {
	var out []time.Duration
	add := func(ns []notice) {
		for _, n := range ns {
			if d := n.at.Sub(e.anchor); n.alarm && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	if unit != "" {
		add(e.notices[unit])
	} else {
		for _, u := range e.units {
			add(e.notices[u])
		}
	}
	if len(out) == 0 {
		return []time.Duration{defaultAlarm(e)}
	}
	slices.Sort(out)
	if len(out) > maxAlarms {
		out = out[len(out)-maxAlarms:] // the closest to the event
	}
	return out
}

// defaultAlarm is the alarm of an event no reminder comes before: 15
// minutes before a timed one; for a whole day, which starts at midnight,
// at send_time that morning rather than 23:45 the night before.
func defaultAlarm(e calEvent) time.Duration {
	if e.allDay {
		return e.morning
	}
	return -15 * time.Minute
}

// ackLink returns the acknowledgement link of the last message sent, by
// now, among ns: the page where the unit confirms receipt or reports
// the work done. A link works once its message went (the scheduler
// records its token then), so a message still to come, or one skipped,
// gives none; "" when none has gone.
func (s *Server) ackLink(ns []notice, now time.Time) string {
	links := ack.NewLinks(s.publicURL(), s.opts.Secret)
	tries := 0
	for i := len(ns) - 1; i >= 0 && tries < 3; i-- {
		if ns[i].at.After(now) {
			continue
		}
		tries++
		n := &plan.Notification{ID: ns[i].id}
		if _, err := s.opts.Store.Token(ack.NotificationToken(s.opts.Secret, n.ID)); err == nil {
			return links.AckURL(n)
		}
	}
	return ""
}

// icsDuration writes d as an RFC 5545 duration (§3.3.6): -P7DT9H30M.
func icsDuration(d time.Duration) string {
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	b.WriteByte('P')
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if d == 0 && days > 0 {
		return b.String()
	}
	b.WriteByte('T')
	h, m, sec := d/time.Hour, (d%time.Hour)/time.Minute, (d%time.Minute)/time.Second
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if sec > 0 || h == 0 && m == 0 {
		fmt.Fprintf(&b, "%dS", sec)
	}
	return b.String()
}

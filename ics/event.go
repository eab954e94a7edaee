// Package ics makes the events of a plan as iCalendar (RFC 5545): one
// event per dated task and per deadline occurrence, with its times, UID,
// summary, description and alarms, and the writer of the calendar. The
// calendar feeds (web), the event attached to an email (notify) and
// `agenda --format ics` (cmd) all write these events, so a calendar that
// sees one event by several ways holds it once, the same everywhere.
package ics

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// Event is one event of a plan: a task with dates of its own, or one
// occurrence of a deadline. No event is zero-length: a date without a
// time is the whole day (AllDay), a deadline due at the end of a day
// that whole day, one due at a time the hour from it, as is a one-day
// task with a time.
type Event struct {
	UID  string
	Plan string // the plan's id
	Task string // the task's id (a deadline's: the task it belongs to)
	// Start and End bound the event; End is exclusive. For a whole day
	// (AllDay) they are dates, midnights in UTC.
	Start, End time.Time
	AllDay     bool
	// Anchor is the instant the event starts at, in the plan's zone: its
	// alarms count from it (local midnight for a whole day).
	Anchor time.Time
	// Morning is service.send_time, when a whole day's alarm goes if no
	// reminder comes before it.
	Morning     time.Duration
	Summary     string
	Description []string // its lines
	Units       []string // the units it concerns
	// Notices are the messages about it, by unit, in time order: the
	// task's reminders, the deadline's notices and overdue notices.
	Notices map[string][]Notice
	// URL and Alarms are what one calendar gives the event: a link
	// (an acknowledgement page, a dashboard) and its alarms' triggers,
	// relative to Start (see Event.AlarmsFor).
	URL    string
	Alarms []time.Duration
}

// Finish is the instant e ends, in the plan's zone for a whole day.
func (e *Event) Finish() time.Time {
	if e.AllDay {
		return e.Anchor.AddDate(0, 0, int(e.End.Sub(e.Start)/(24*time.Hour)))
	}
	return e.End
}

// TaskUID is the UID of a task's event.
func TaskUID(planID, taskID string) string {
	return plan.NotificationID(planID, taskID, "event", time.Time{}, "") + "@nhacviec"
}

// DeadlineUID is the UID of a deadline occurrence's event, by the
// occurrence's id (plan.Notification.DeadlineID).
func DeadlineUID(deadlineID string) string { return deadlineID + "@nhacviec" }

// Events returns every event of cfg's plans, in time order, with the
// notices that give their alarms. Cache keeps them for one configuration.
func Events(cfg *plan.Config) []Event {
	lng := cfg.Service.Language
	var out []Event
	for _, p := range cfg.Plans {
		loc := p.Location
		if loc == nil {
			loc = cfg.Service.Location
		}
		for _, t := range p.Tasks {
			if e, ok := taskEvent(cfg, p, t, loc); ok {
				out = append(out, e)
			}
		}
		out = append(out, deadlineEvents(cfg, p, lng, loc)...)
	}
	for i := range out {
		out[i].Morning = time.Duration(cfg.Service.SendTime) * time.Second
	}
	addNotices(cfg, out)
	slices.SortStableFunc(out, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.UID, b.UID)
	})
	return out
}

// taskEvent is the event of a task with dates of its own: a date
// without a time stands for the whole day.
func taskEvent(cfg *plan.Config, p *plan.Plan, t *plan.Task, loc *time.Location) (Event, bool) {
	if t.Kind == plan.Ongoing {
		return Event{}, false
	}
	lng := cfg.Service.Language
	start, end := t.Start.In(loc), t.Last.In(loc)
	startTimed := calendar.ClockOf(start) != cfg.Service.SendTime
	endTimed := t.Kind == plan.Window && calendar.ClockOf(end) != calendar.EndOfDay
	e := Event{
		UID:     TaskUID(p.ID, t.ID),
		Plan:    p.ID,
		Task:    t.ID,
		Summary: t.Heading(),
		Units:   append(append([]string(nil), t.Lead...), t.Support...),
	}
	switch {
	case !startTimed && !endTimed:
		e.AllDay = true
		e.Start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		e.End = time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, time.UTC)
		e.Anchor = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	case t.Kind == plan.OneDay:
		e.Start, e.End = start, start.Add(time.Hour)
	default:
		e.Start = start
		if !endTimed {
			end = end.Add(time.Second) // the next midnight
		}
		e.End = end
	}
	if e.Anchor.IsZero() {
		e.Anchor = e.Start
	}
	e.Description = append(e.Description, tr(lng, "ics.plan", p.Title))
	if len(t.Lead) > 0 {
		e.Description = append(e.Description, tr(lng, "ics.lead", strings.Join(cfg.UnitNames(t.Lead), ", ")))
	}
	if len(t.Support) > 0 {
		e.Description = append(e.Description, tr(lng, "ics.support", strings.Join(cfg.UnitNames(t.Support), ", ")))
	}
	if d := strings.TrimSpace(t.Description); d != "" {
		e.Description = append(e.Description, d)
	}
	return e, true
}

// deadlineEvents lists every occurrence of every deadline of p, due as
// its notices are: moved off holidays.
func deadlineEvents(cfg *plan.Config, p *plan.Plan, lng lang.Lang, loc *time.Location) []Event {
	var out []Event
	for _, o := range p.Occurrences() {
		e := Event{
			UID:     DeadlineUID(o.ID),
			Plan:    p.ID,
			Task:    o.Task.ID,
			Start:   o.Due,
			End:     o.Due.Add(time.Hour),
			Anchor:  o.Due,
			Summary: tr(lng, "ics.due", o.Deadline.Title),
			Units:   append(append([]string(nil), o.By...), o.To...),
		}
		if due := o.Due.In(loc); calendar.ClockOf(due) == calendar.EndOfDay {
			// Due by the end of the day: the whole day, not a second.
			e.AllDay = true
			e.Start = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.UTC)
			e.End = e.Start.AddDate(0, 0, 1)
			e.Anchor = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, loc)
		}
		e.Description = append(e.Description, tr(lng, "ics.plan", p.Title), tr(lng, "ics.task", o.Task.Heading()))
		if len(o.By) > 0 {
			e.Description = append(e.Description, tr(lng, "ics.by", strings.Join(cfg.UnitNames(o.By), ", ")))
		}
		if len(o.To) > 0 {
			e.Description = append(e.Description, tr(lng, "ics.to", strings.Join(cfg.UnitNames(o.To), ", ")))
		}
		out = append(out, e)
	}
	return out
}

// tr returns the text of key in lng (the texts are lang/web.go's).
func tr(lng lang.Lang, key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(lng)
}

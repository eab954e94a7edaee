package web

import (
	"bytes"
	"cmp"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// Calendar feeds (RFC 5545), for calendar applications to subscribe to:
//
//   - GET /ics/PLAN.ics: every dated task and every deadline of a plan,
//     for the administrator (the admin guard: this machine while no
//     password is set, then the admin's credentials, HTTP Basic for a
//     calendar application);
//   - GET /ics/p/PLANTOKEN.ics: the same under an unguessable token, for
//     an application that cannot log in; Server.PlanFeedURL gives it.
//     PLANTOKEN is UnitToken(secret, "plan/"+PLAN): a unit id never
//     holds a slash, so no unit's token is a plan's;
//   - GET /ics/u/UNITTOKEN.ics: the events of one unit (the tasks it
//     leads or supports, the reports it owes or receives), across plans.
//     UNITTOKEN is UnitToken(secret, unit): unguessable, checked in
//     constant time; Server.UnitFeedURL gives the address.
//
// A task's event has the UID of the event attached to its reminder
// emails, and a deadline's the UID of its deadline emails (both as
// notify/ics.go makes them), so a calendar holds each once and a moved
// date updates it. No event is zero-length: a deadline due at the end of
// a day is that whole day, one due at a time the hour from it, as is a
// one-day task with a time. Each event carries alarms (VALARM, DISPLAY)
// at the times its reminders go (icsalarm.go), and a unit's events the
// acknowledgement link of the last message it was sent about them (URL),
// a plan's events the plan's dashboard.

func (s *Server) icsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /ics/{file}", s.admin(http.HandlerFunc(s.handlePlanFeed)))
	mux.HandleFunc("GET /ics/p/{file}", s.handlePlanTokenFeed)
	mux.HandleFunc("GET /ics/u/{file}", s.handleUnitFeed)
}

func (s *Server) handlePlanFeed(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	cfg := s.config()
	var p *plan.Plan
	if ok && cfg != nil {
		p = cfg.Plan(id)
	}
	s.writePlanFeed(w, r, cfg, p)
}

func (s *Server) handlePlanTokenFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	cfg := s.config()
	var p *plan.Plan
	if ok && ack.WellFormed(token) && cfg != nil {
		for _, q := range cfg.Plans {
			if ack.ValidUnitToken(s.opts.Secret, token, planFeedKey(q.ID)) {
				p = q
				break
			}
		}
	}
	s.writePlanFeed(w, r, cfg, p)
}

// planFeedKey is what a plan's feed token is made of.
func planFeedKey(planID string) string { return "plan/" + planID }

// writePlanFeed answers with the calendar of plan p, or not found.
func (s *Server) writePlanFeed(w http.ResponseWriter, r *http.Request, cfg *plan.Config, p *plan.Plan) {
	if p == nil {
		s.pageError(w, r, Errorf(ENOTFOUND, "error.feed"))
		return
	}
	var events []calEvent
	for _, e := range s.calendar(cfg) {
		if e.plan == p.ID {
			e.url = s.publicURL() + "/plan/" + p.ID
			e.alarms = alarmsOf(e, "")
			events = append(events, e)
		}
	}
	s.writeCalendar(w, r, p.Title, events)
}

func (s *Server) handleUnitFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	cfg := s.config()
	unit := ""
	if ok && ack.WellFormed(token) && cfg != nil {
		for _, id := range cfg.UnitOrder {
			if ack.ValidUnitToken(s.opts.Secret, token, id) {
				unit = id
				break
			}
		}
	}
	if unit == "" {
		s.pageError(w, r, Errorf(ENOTFOUND, "error.feed"))
		return
	}
	var events []calEvent
	now := s.opts.Now()
	for _, e := range s.calendar(cfg) {
		if slices.Contains(e.units, unit) {
			e.url = s.ackLink(e.notices[unit], now)
			e.alarms = alarmsOf(e, unit)
			events = append(events, e)
		}
	}
	s.writeCalendar(w, r, tr(s.lang(), "ics.unitcal", cfg.UnitName(unit)), events)
}

// calEvent is one event of the calendar.
type calEvent struct {
	uid        string
	plan       string
	start, end time.Time // end zero: none
	allDay     bool      // start and end are dates; end is exclusive
	// anchor is the instant the event starts at, in the plan's zone: its
	// alarms count from it (local midnight for a whole day).
	anchor time.Time
	// morning is service.send_time, when a whole day's alarm goes if no
	// reminder comes before it.
	morning time.Duration
	summary string
	desc    []string
	units   []string // the units it concerns
	// notices are the messages about it, by unit, in time order: the
	// task's reminders, the deadline's notices and overdue notices.
	notices map[string][]notice
	// Filled in for one feed: its link and its alarms' triggers.
	url    string
	alarms []time.Duration
}

// feedCache keeps the events of the configuration in force: a reload
// swaps the configuration, and the next feed builds them anew.
type feedCache struct {
	mu     sync.Mutex
	cfg    *plan.Config
	events []calEvent
}

// calendar returns every event of cfg, in time order.
func (s *Server) calendar(cfg *plan.Config) []calEvent {
	s.feeds.mu.Lock()
	defer s.feeds.mu.Unlock()
	if s.feeds.cfg != cfg {
		s.feeds.cfg, s.feeds.events = cfg, buildCalendar(cfg)
	}
	return s.feeds.events
}

func buildCalendar(cfg *plan.Config) []calEvent {
	lng := cfg.Service.Language
	var out []calEvent
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
		out[i].morning = time.Duration(cfg.Service.SendTime) * time.Second
	}
	addNotices(cfg, out)
	slices.SortStableFunc(out, func(a, b calEvent) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.uid, b.uid)
	})
	return out
}

// taskEvent is the event of a task with dates of its own, as the
// reminder emails attach it: a date without a time stands for the whole
// day.
func taskEvent(cfg *plan.Config, p *plan.Plan, t *plan.Task, loc *time.Location) (calEvent, bool) {
	if t.Kind == plan.Ongoing {
		return calEvent{}, false
	}
	lng := cfg.Service.Language
	start, end := t.Start.In(loc), t.Last.In(loc)
	startTimed := calendar.ClockOf(start) != cfg.Service.SendTime
	endTimed := t.Kind == plan.Window && calendar.ClockOf(end) != calendar.EndOfDay
	e := calEvent{
		uid:     taskUID(p.ID, t.ID),
		plan:    p.ID,
		summary: t.Heading(),
		units:   append(append([]string(nil), t.Lead...), t.Support...),
	}
	switch {
	case !startTimed && !endTimed:
		e.allDay = true
		e.start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		e.end = time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, time.UTC)
		e.anchor = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	case t.Kind == plan.OneDay:
		e.start, e.end = start, start.Add(time.Hour)
	default:
		e.start = start
		if !endTimed {
			end = end.Add(time.Second) // the next midnight
		}
		e.end = end
	}
	if e.anchor.IsZero() {
		e.anchor = e.start
	}
	e.desc = append(e.desc, tr(lng, "ics.plan", p.Title))
	if len(t.Lead) > 0 {
		e.desc = append(e.desc, tr(lng, "ics.lead", strings.Join(cfg.UnitNames(t.Lead), ", ")))
	}
	if len(t.Support) > 0 {
		e.desc = append(e.desc, tr(lng, "ics.support", strings.Join(cfg.UnitNames(t.Support), ", ")))
	}
	if d := strings.TrimSpace(t.Description); d != "" {
		e.desc = append(e.desc, d)
	}
	return e, true
}

// deadlineEvents lists every occurrence of every deadline of p, with the
// ids (DeadlineID) and due times, moved off holidays, of their notices.
func deadlineEvents(cfg *plan.Config, p *plan.Plan, lng lang.Lang, loc *time.Location) []calEvent {
	var out []calEvent
	for _, o := range p.Occurrences() {
		e := calEvent{
			uid:     o.ID + "@nhacviec",
			plan:    p.ID,
			start:   o.Due,
			end:     o.Due.Add(time.Hour),
			anchor:  o.Due,
			summary: tr(lng, "ics.due", o.Deadline.Title),
			units:   append(append([]string(nil), o.By...), o.To...),
		}
		if due := o.Due.In(loc); calendar.ClockOf(due) == calendar.EndOfDay {
			// Due by the end of the day: the whole day, not a second.
			e.allDay = true
			e.start = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.UTC)
			e.end = e.start.AddDate(0, 0, 1)
			e.anchor = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, loc)
		}
		e.desc = append(e.desc, tr(lng, "ics.plan", p.Title), tr(lng, "ics.task", o.Task.Heading()))
		if len(o.By) > 0 {
			e.desc = append(e.desc, tr(lng, "ics.by", strings.Join(cfg.UnitNames(o.By), ", ")))
		}
		if len(o.To) > 0 {
			e.desc = append(e.desc, tr(lng, "ics.to", strings.Join(cfg.UnitNames(o.To), ", ")))
		}
		out = append(out, e)
	}
	return out
}

// writeCalendar answers with the calendar of events, named name.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, name string, events []calEvent) {
	const stamp = "20060102T150405Z"
	var b bytes.Buffer
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//nhacviec//nhacviec//"+strings.ToUpper(string(s.lang())))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escapeText(name))
	line("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
	line("X-PUBLISHED-TTL", "PT6H")
	now := s.opts.Now().UTC().Format(stamp)
	for _, e := range events {
		line("BEGIN", "VEVENT")
		line("UID", e.uid)
		line("DTSTAMP", now)
		if e.allDay {
			line("DTSTART;VALUE=DATE", e.start.Format("20060102"))
			line("DTEND;VALUE=DATE", e.end.Format("20060102"))
		} else {
			line("DTSTART", e.start.UTC().Format(stamp))
			if !e.end.IsZero() {
				line("DTEND", e.end.UTC().Format(stamp))
			}
		}
		line("SUMMARY", escapeText(e.summary))
		line("DESCRIPTION", escapeText(strings.Join(e.desc, "\n")))
		if e.url != "" {
			line("URL", e.url)
		}
		line("STATUS", "CONFIRMED")
		line("TRANSP", "TRANSPARENT")
		for _, a := range e.alarms {
			line("BEGIN", "VALARM")
			line("ACTION", "DISPLAY")
			line("DESCRIPTION", escapeText(e.summary))
			line("TRIGGER", icsDuration(a))
			line("END", "VALARM")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, max-age=300")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// escapeText escapes a TEXT value (see notify.ICSEscape).
func escapeText(s string) string { return notify.ICSEscape(s) }

// writeFolded writes a content line (see notify.ICSLine).
func writeFolded(b *bytes.Buffer, s string) { notify.ICSLine(b, s) }

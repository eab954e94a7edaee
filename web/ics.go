package web

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/ics"
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
// The events are package ics's, the same as the event attached to a
// reminder or deadline email and as `agenda --format ics`: one UID each,
// so a calendar holds each once and a moved date updates it. Each event
// carries alarms (VALARM, DISPLAY) at the times its reminders go to the
// feed's unit (any unit for a plan's feed), and a unit's events the
// acknowledgement link of the last message it was sent about them (URL,
// icsalarm.go), a plan's events the plan's dashboard.

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
	var events []ics.Event
	for _, e := range s.feeds.Events(cfg) {
		if e.Plan == p.ID {
			e.URL = s.publicURL() + "/plan/" + p.ID
			e.Alarms = e.AlarmsFor("")
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
	var events []ics.Event
	now := s.opts.Now()
	for _, e := range s.feeds.Events(cfg) {
		if slices.Contains(e.Units, unit) {
			e.URL = s.ackLink(e.Notices[unit], now)
			e.Alarms = e.AlarmsFor(unit)
			events = append(events, e)
		}
	}
	s.writeCalendar(w, r, tr(s.lang(), "ics.unitcal", cfg.UnitName(unit)), events)
}

// feedCache keeps the events of the configuration in force (ics.Cache).
type feedCache = ics.Cache

// writeCalendar answers with the calendar of events, named name.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, name string, events []ics.Event) {
	c := ics.Calendar{Name: name, Lang: s.lang(), Stamp: s.opts.Now(), Refresh: 6 * time.Hour, Events: events}
	var b bytes.Buffer
	c.Write(&b) // a bytes.Buffer does not fail
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, max-age=300")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

package main

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/ics"
)

// icsScope is what agenda was asked for: the calendar holds the events
// of that range, unit and task.
type icsScope struct {
	from, to   time.Time
	unit, task string
}

// writeICS writes the agenda as an RFC 5545 calendar of the plans'
// events, the same as the calendar feeds' (package ics: one event per
// dated task and per deadline, with the same UIDs, so importing it
// and subscribing to a feed give each event once): those the agenda's
// messages are about, and those within its range, for its unit and
// task. Their alarms are at the times the reminders go (to the unit
// asked for, else to any unit); their URL is the plan's dashboard: the
// acknowledgement link of a message exists once the daemon sends it.
func writeICS(w io.Writer, a *agenda) error {
	about := map[string]bool{}
	for i := range a.items {
		about[ics.UIDOf(&a.items[i])] = true
	}
	sc := a.scope
	var events []ics.Event
	for _, e := range ics.Events(a.cfg) {
		within := e.Anchor.Before(sc.to) && e.Finish().After(sc.from) &&
			(sc.unit == "" || slices.Contains(e.Units, sc.unit)) && (sc.task == "" || e.Task == sc.task)
		if !about[e.UID] && !within {
			continue
		}
		e.URL = strings.TrimRight(a.cfg.Service.PublicURL, "/") + "/plan/" + e.Plan
		e.Alarms = e.AlarmsFor(sc.unit)
		events = append(events, e)
	}
	name := "nhacviec"
	if u := a.cfg.Units[sc.unit]; u != nil {
		name = tr(a.lang, "ics.unitcal", u.Name)
	} else if len(a.cfg.Plans) == 1 {
		name = a.cfg.Plans[0].Title
	}
	c := ics.Calendar{Name: name, Lang: a.lang, Stamp: a.now, Events: events}
	return c.Write(w)
}

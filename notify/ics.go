package notify

import (
	"bytes"

	"github.com/nhacviec/nhacviec/ics"
	"github.com/nhacviec/nhacviec/plan"
)

// calendars keeps the events of the configuration in force, for the
// emails' attachments.
var calendars ics.Cache

// eventICS returns the calendar (RFC 5545) of the dated event an email is
// about: the task of a reminder, when it has dates of its own, or the
// deadline occurrence of a deadline notice. It is the event of the
// unit's calendar feed, with the same UID, times, alarms (the unit's
// reminders) and texts, and as URL this message's acknowledgement link:
// a calendar that has both keeps one event. Other notifications have
// none and get nil.
func eventICS(cfg *plan.Config, v *view, n *plan.Notification) []byte {
	if n.Kind != plan.KindReminder && n.Kind != plan.KindDeadline {
		return nil
	}
	uid := ics.UIDOf(n)
	if uid == "" {
		return nil
	}
	e, ok := calendars.Event(cfg, uid)
	if !ok {
		return nil // an ongoing task: no dates of its own
	}
	e.URL = v.AckURL
	e.Alarms = e.AlarmsFor(n.Unit)
	c := ics.Calendar{Lang: v.Lang, Stamp: n.At, Events: []ics.Event{e}}
	var b bytes.Buffer
	c.Write(&b) // a bytes.Buffer does not fail
	return b.Bytes()
}

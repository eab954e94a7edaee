package notify

import (
	"bytes"
	"io"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/plan"
)

// eventICS returns the calendar (RFC 5545) of the dated event an email is
// about: the task of a reminder, when it has dates of its own, or the due
// time of a deadline. Other notifications have none and get nil.
func eventICS(set *template.Template, v *view, n *plan.Notification) ([]byte, error) {
	var uid string
	var props [][2]string
	const stamp = "20060102T150405Z"
	switch {
	case n.Kind == plan.KindReminder && v.Task != nil && v.Task.Kind != "ongoing":
		// One event per task, whatever its dates: a moved task updates
		// the event already in the calendar.
		uid = plan.NotificationID(n.Plan, n.Task, "event", time.Time{}, "")
		t := v.Task
		switch {
		case !t.StartTimed && !t.EndTimed:
			props = append(props,
				[2]string{"DTSTART;VALUE=DATE", t.Start.Format("20060102")},
				[2]string{"DTEND;VALUE=DATE", t.End.AddDate(0, 0, 1).Format("20060102")})
		case t.Kind == "day":
			props = append(props, [2]string{"DTSTART", t.Start.UTC().Format(stamp)})
		default:
			end := t.End
			if !t.EndTimed {
				end = end.Add(time.Second) // the next midnight
			}
			props = append(props,
				[2]string{"DTSTART", t.Start.UTC().Format(stamp)},
				[2]string{"DTEND", end.UTC().Format(stamp)})
		}
	case n.Kind == plan.KindDeadline && v.Deadline != nil:
		uid = n.DeadlineID
		props = append(props, [2]string{"DTSTART", v.Deadline.Due.UTC().Format(stamp)})
	default:
		return nil, nil
	}
	summary, err := execute(set, "ics.summary", v)
	if err != nil {
		return nil, err
	}
	desc, err := execute(set, "ics.description", v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	line := func(name, value string) { ICSLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//nhacviec//nhacviec//"+strings.ToUpper(string(v.Lang)))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", uid+"@nhacviec")
	line("DTSTAMP", n.At.UTC().Format(stamp))
	for _, p := range props {
		line(p[0], p[1])
	}
	line("SUMMARY", ICSEscape(OneLine(summary)))
	line("DESCRIPTION", ICSEscape(paragraphs(desc)))
	line("STATUS", "CONFIRMED")
	line("TRANSP", "TRANSPARENT")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return b.Bytes(), nil
}

// ICSEscape escapes a TEXT value (RFC 5545 §3.3.11): a backslash,
// semicolon and comma get a backslash, a line break (CRLF or LF) becomes
// \n. The agenda, the calendar feeds and the emails' attachments share it.
func ICSEscape(s string) string { return icsEscaper.Replace(s) }

var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

// ICSLine writes a content line folded at 75 octets, never inside a UTF-8
// character (RFC 5545 §3.1), each piece ending in CRLF.
func ICSLine(w io.StringWriter, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}

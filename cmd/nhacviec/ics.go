package main

import (
	"bufio"
	"fmt"
	"github.com/nhacviec/nhacviec/notify"
	"io"
	"strings"
)

// writeICS writes the agenda as an RFC 5545 calendar, one VEVENT per
// notification, for import into a calendar application.
func writeICS(w io.Writer, a *agenda) error {
	bw := bufio.NewWriter(w)
	l := a.lang
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//nhacviec//nhacviec "+version+"//VI")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escapeText("nhacviec"))
	stamp := a.now.UTC().Format("20060102T150405Z")
	for i := range a.items {
		n := &a.items[i]
		p := a.cfg.Plan(n.Plan)
		title := p.Title
		if t := p.Task(n.Task); t != nil {
			title = t.Heading()
		}
		unit := a.cfg.Units[n.Unit]
		summary := fmt.Sprintf("[%s] %s — %s", tr(l, "cli.kind."+string(n.Kind)), title, unit.Name)
		var desc []string
		desc = append(desc, tr(l, "agenda.plan")+": "+p.Title)
		desc = append(desc, tr(l, "col.unit")+": "+unit.Name+" ("+roleName(l, n.Role)+")")
		desc = append(desc, tr(l, "col.channels")+": "+strings.Join(n.Channels, ", "))
		if n.DeadlineID != "" {
			desc = append(desc, tr(l, "cli.ics.due")+": "+formatTime(n.Event.In(p.Location)))
		}
		if c := a.condition(n); c != "" {
			desc = append(desc, tr(l, "col.condition")+": "+c)
		}
		line("BEGIN", "VEVENT")
		line("UID", n.ID+"@nhacviec")
		line("DTSTAMP", stamp)
		line("DTSTART", n.At.UTC().Format("20060102T150405Z"))
		line("DURATION", "PT15M")
		line("SUMMARY", escapeText(summary))
		line("DESCRIPTION", escapeText(strings.Join(desc, "\n")))
		line("CATEGORIES", escapeText(string(n.Kind)))
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// escapeText escapes a TEXT value (see notify.ICSEscape).
func escapeText(s string) string { return notify.ICSEscape(s) }

// writeFolded writes a content line (see notify.ICSLine).
func writeFolded(w *bufio.Writer, s string) { notify.ICSLine(w, s) }

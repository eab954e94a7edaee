package ics

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
)

// Calendar is a VCALENDAR to write: its events, each with the URL and
// Alarms its caller gave it.
type Calendar struct {
	Name  string    // X-WR-CALNAME, none when ""
	Lang  lang.Lang // of the texts, in PRODID
	Stamp time.Time // DTSTAMP: when this copy was made
	// Refresh, when not zero, asks a subscribed application to fetch the
	// calendar again this often (REFRESH-INTERVAL, X-PUBLISHED-TTL).
	Refresh time.Duration
	Events  []Event
}

const stamp = "20060102T150405Z"

// Write writes c in RFC 5545: CRLF line ends, lines folded at 75 octets,
// TEXT values escaped.
func (c *Calendar) Write(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(name, value string) { Line(b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//nhacviec//nhacviec//"+strings.ToUpper(string(c.Lang)))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Escape(c.Name))
	}
	if c.Refresh > 0 {
		line("REFRESH-INTERVAL;VALUE=DURATION", Duration(c.Refresh))
		line("X-PUBLISHED-TTL", Duration(c.Refresh))
	}
	now := c.Stamp.UTC().Format(stamp)
	for i := range c.Events {
		e := &c.Events[i]
		line("BEGIN", "VEVENT")
		line("UID", e.UID)
		line("DTSTAMP", now)
		if e.AllDay {
			line("DTSTART;VALUE=DATE", e.Start.Format("20060102"))
			line("DTEND;VALUE=DATE", e.End.Format("20060102"))
		} else {
			line("DTSTART", e.Start.UTC().Format(stamp))
			line("DTEND", e.End.UTC().Format(stamp))
		}
		line("SUMMARY", Escape(e.Summary))
		line("DESCRIPTION", Escape(strings.Join(e.Description, "\n")))
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("STATUS", "CONFIRMED")
		line("TRANSP", "TRANSPARENT")
		for _, a := range e.Alarms {
			line("BEGIN", "VALARM")
			line("ACTION", "DISPLAY")
			line("DESCRIPTION", Escape(e.Summary))
			line("TRIGGER", Duration(a))
			line("END", "VALARM")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Flush()
}

// Escape escapes a TEXT value (RFC 5545 §3.3.11): a backslash,
// semicolon and comma get a backslash, a line break (CRLF or LF) becomes
// \n.
func Escape(s string) string { return escaper.Replace(s) }

var escaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

// Line writes a content line folded at 75 octets, never inside a UTF-8
// character (RFC 5545 §3.1), each piece ending in CRLF.
func Line(w io.StringWriter, s string) {
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

// Duration writes d as an RFC 5545 duration (§3.3.6): -P7DT9H30M.
func Duration(d time.Duration) string {
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

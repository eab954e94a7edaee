package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/lang"
)

// Clock is a time of day, in seconds since midnight (0..86399).
type Clock int

// EndOfDay is 23:59:59, the time of a deadline written as a date alone.
const EndOfDay Clock = 86399

// ParseClock parses a time of day written h:mm, hh:mm or hh:mm:ss.
func ParseClock(s string) (Clock, error) {
	in := strings.TrimSpace(s)
	parts := strings.Split(in, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, clockFormError(in)
	}
	h, ok1 := digits(parts[0], 1, 2)
	m, ok2 := digits(parts[1], 2, 2)
	sec, ok3 := 0, true
	if len(parts) == 3 {
		sec, ok3 = digits(parts[2], 2, 2)
	}
	if !ok1 || !ok2 || !ok3 {
		return 0, clockFormError(in)
	}
	if h > 23 || m > 59 || sec > 59 {
		return 0, lang.Errorf("clock.range", in)
	}
	return Clock(h*3600 + m*60 + sec), nil
}

// clockFormError explains a malformed time of day, suggesting the hh:mm
// form of the common Vietnamese "8h" and "8h30".
func clockFormError(in string) error {
	if h, m, ok := strings.Cut(strings.ToLower(in), "h"); ok {
		hh, okh := digits(h, 1, 2)
		mm, okm := 0, true
		if m != "" {
			mm, okm = digits(m, 2, 2)
		}
		if okh && okm && hh < 24 && mm < 60 {
			return lang.Errorf("clock.h", in, Clock(hh*3600+mm*60).String())
		}
	}
	return lang.Errorf("clock.invalid", in)
}

// ClockOf is the time of day of t, in t's own location.
func ClockOf(t time.Time) Clock {
	h, m, s := t.Clock()
	return Clock(h*3600 + m*60 + s)
}

// String returns c as hh:mm, or hh:mm:ss when the seconds are not zero.
func (c Clock) String() string {
	s := int(c)
	if s%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/3600, s/60%60)
}

// DateTime is a date with an optional time of day and an optional fixed
// UTC offset, as written in the file.
type DateTime struct {
	Date     Date
	Clock    Clock
	HasClock bool
	// Offset is the UTC offset in seconds east when an ISO form gave one
	// (or "Z"); nil means the plan's time zone.
	Offset *int
}

// ParseDateTime parses a date, optionally followed by a space and a time
// of day (15/11/2019 08:00, 15/11 08:00:30, 2019-11-15 08:00), or the ISO
// form 2019-11-15T08:00[:ss] with an optional Z or ±hh:mm offset. A dd/mm
// date takes year; with year 0 it is an error asking for the year.
func ParseDateTime(s string, year int) (DateTime, error) {
	in := strings.TrimSpace(s)
	if i := strings.IndexAny(in, "Tt"); i >= 0 {
		return parseISODateTime(in, in[:i], in[i+1:])
	}
	f := strings.Fields(in)
	switch len(f) {
	case 1:
		d, err := parseDate(f[0], year)
		return DateTime{Date: d}, err
	case 2:
		d, err := parseDate(f[0], year)
		if err != nil {
			return DateTime{}, err
		}
		if strings.ContainsAny(f[1], "Zz+-") {
			return DateTime{}, lang.Errorf("time.offset.iso", in)
		}
		c, err := ParseClock(f[1])
		if err != nil {
			return DateTime{}, err
		}
		return DateTime{Date: d, Clock: c, HasClock: true}, nil
	}
	return DateTime{}, lang.Errorf("time.invalid", in)
}

func parseISODateTime(in, date, rest string) (DateTime, error) {
	y, m, d, form := splitDate(date)
	if form != isoForm {
		return DateTime{}, lang.Errorf("time.invalid", in)
	}
	day, err := checkDate(date, y, m, d)
	if err != nil {
		return DateTime{}, err
	}
	clock, off := rest, ""
	if i := strings.IndexAny(rest, "Zz+-"); i >= 0 {
		clock, off = rest[:i], rest[i:]
	}
	if clock == "" {
		return DateTime{}, lang.Errorf("time.invalid", in)
	}
	c, err := ParseClock(clock)
	if err != nil {
		return DateTime{}, err
	}
	dt := DateTime{Date: day, Clock: c, HasClock: true}
	if off != "" {
		o, ok := parseOffset(off)
		if !ok {
			return DateTime{}, lang.Errorf("time.offset", off, in)
		}
		dt.Offset = &o
	}
	return dt, nil
}

// parseOffset parses Z, ±hh:mm, ±hhmm or ±hh into seconds east of UTC,
// within the offsets in use on Earth (-12:00 to +14:00).
func parseOffset(s string) (int, bool) {
	if s == "Z" || s == "z" {
		return 0, true
	}
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign, rest := 1, s[1:]
	if s[0] == '-' {
		sign = -1
	}
	hs, ms := rest, "00"
	if h, m, ok := strings.Cut(rest, ":"); ok {
		hs, ms = h, m
	} else if len(rest) == 4 {
		hs, ms = rest[:2], rest[2:]
	}
	h, okh := digits(hs, 2, 2)
	m, okm := digits(ms, 2, 2)
	if !okh || !okm || m > 59 {
		return 0, false
	}
	o := sign * (h*3600 + m*60)
	if o < -12*3600 || o > 14*3600 {
		return 0, false
	}
	return o, true
}

// Time returns the instant dt names: at its clock, or at def when it has
// none (send_time for send times, EndOfDay for deadlines); in its fixed
// offset when it has one, else in loc (UTC when loc is nil).
func (dt DateTime) Time(def Clock, loc *time.Location) time.Time {
	c := def
	if dt.HasClock {
		c = dt.Clock
	}
	if dt.Offset != nil {
		loc = time.FixedZone(offsetString(*dt.Offset), *dt.Offset)
	}
	return dt.Date.At(c, loc)
}

// String returns dt as it could be written in the file: "15/11/2019",
// "15/11/2019 08:00", or the ISO form when it has an offset.
func (dt DateTime) String() string {
	if dt.Offset != nil {
		c := dt.Clock.String()
		if len(c) == 5 {
			c += ":00"
		}
		return fmt.Sprintf("%04d-%02d-%02dT%s%s", dt.Date.Year, int(dt.Date.Month), dt.Date.Day, c, offsetString(*dt.Offset))
	}
	if !dt.HasClock {
		return dt.Date.String()
	}
	return dt.Date.String() + " " + dt.Clock.String()
}

func offsetString(o int) string {
	sign := '+'
	if o < 0 {
		sign, o = '-', -o
	}
	return fmt.Sprintf("%c%02d:%02d", sign, o/3600, o/60%60)
}

// ParseDate parses a date alone: 15/11/2019, 15/11 (taking year, which
// must then not be 0) or 2019-11-15.
func ParseDate(s string, year int) (Date, error) {
	in := strings.TrimSpace(s)
	if strings.ContainsAny(in, " \tTt") {
		if _, err := ParseDateTime(in, year); err == nil {
			return Date{}, lang.Errorf("date.withtime", in)
		}
		return Date{}, lang.Errorf("date.invalid", in)
	}
	return parseDate(in, year)
}

// parseDate parses one date without a time; a dd/mm date takes year.
func parseDate(s string, year int) (Date, error) {
	y, m, d, form := splitDate(s)
	switch form {
	case badForm:
		return Date{}, lang.Errorf("date.invalid", s)
	case dayMonthForm:
		if year == 0 {
			return Date{}, lang.Errorf("date.needyear", s)
		}
		y = year
	}
	return checkDate(s, y, m, d)
}

// The written forms of a date.
const (
	badForm      = iota
	isoForm      // 2019-11-15
	slashForm    // 15/11/2019
	dayMonthForm // 15/11, no year
)

// splitDate recognises the form of a date and returns its numbers
// unchecked; y is 0 for dayMonthForm.
func splitDate(s string) (y, m, d, form int) {
	if p := strings.Split(s, "-"); len(p) == 3 {
		y, ok1 := digits(p[0], 4, 4)
		m, ok2 := digits(p[1], 1, 2)
		d, ok3 := digits(p[2], 1, 2)
		if ok1 && ok2 && ok3 && y > 0 {
			return y, m, d, isoForm
		}
		return 0, 0, 0, badForm
	}
	p := strings.Split(s, "/")
	if len(p) != 2 && len(p) != 3 {
		return 0, 0, 0, badForm
	}
	d, ok1 := digits(p[0], 1, 2)
	m, ok2 := digits(p[1], 1, 2)
	if !ok1 || !ok2 {
		return 0, 0, 0, badForm
	}
	if len(p) == 2 {
		return 0, m, d, dayMonthForm
	}
	y, ok := digits(p[2], 4, 4)
	if !ok || y == 0 {
		return 0, 0, 0, badForm
	}
	return y, m, d, slashForm
}

// checkDate builds a Date, or explains why the day does not exist. A year
// of 0 means every year, where 29/02 exists.
func checkDate(s string, y, m, d int) (Date, error) {
	if m < 1 || m > 12 {
		return Date{}, lang.Errorf("date.month", s)
	}
	if y == 0 {
		if n := daysIn(2000, time.Month(m)); d < 1 || d > n {
			return Date{}, lang.Errorf("date.day.annual", s, m, n)
		}
		return Date{0, time.Month(m), d}, nil
	}
	if n := daysIn(y, time.Month(m)); d < 1 || d > n {
		return Date{}, lang.Errorf("date.day", s, m, y, n)
	}
	return Date{y, time.Month(m), d}, nil
}

// digits parses an unsigned decimal of lo to hi ASCII digits.
func digits(s string, lo, hi int) (int, bool) {
	if len(s) < lo || len(s) > hi {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// DurUnit is the unit of a Duration.
type DurUnit int

// The units of a Duration, written m, h, d, w and wd.
const (
	Minutes DurUnit = iota
	Hours
	Days
	Weeks
	WorkingDays
)

var durUnits = [...]string{Minutes: "m", Hours: "h", Days: "d", Weeks: "w", WorkingDays: "wd"}

// maxDurDays bounds a Duration to about a century, so that Std cannot
// overflow and working-day counts stay short.
const maxDurDays = 36500

// Duration is an offset as written in the plan: 30m, 2h, 7d, 2w, 3wd.
type Duration struct {
	N    int
	Unit DurUnit
}

// ParseDuration parses a whole, non-negative number followed by one of
// the units m, h, d, w or wd.
func ParseDuration(s string) (Duration, error) {
	in := strings.TrimSpace(s)
	if strings.HasPrefix(in, "-") {
		abs, err := ParseDuration(in[1:])
		if err != nil {
			return Duration{}, lang.Errorf("dur.invalid", in)
		}
		return Duration{}, lang.Errorf("dur.negative", in, abs.String())
	}
	i := 0
	for i < len(in) && in[i] >= '0' && in[i] <= '9' {
		i++
	}
	if i == 0 {
		return Duration{}, lang.Errorf("dur.invalid", in)
	}
	rest := strings.TrimLeft(in[i:], " ")
	if rest == "" {
		return Duration{}, lang.Errorf("dur.nounit", in)
	}
	if len(rest) > 1 && (rest[0] == '.' || rest[0] == ',') && rest[1] >= '0' && rest[1] <= '9' {
		return Duration{}, lang.Errorf("dur.fraction", in)
	}
	unit := DurUnit(-1)
	for u, name := range durUnits {
		if rest == name {
			unit = DurUnit(u)
		}
	}
	if unit < 0 {
		return Duration{}, lang.Errorf("dur.unit", rest, in)
	}
	n, err := strconv.Atoi(in[:i])
	if err != nil || n > maxDur(unit) {
		return Duration{}, lang.Errorf("dur.large", in)
	}
	return Duration{n, unit}, nil
}

// maxDur returns the largest count of unit a Duration may hold.
func maxDur(u DurUnit) int {
	switch u {
	case Minutes:
		return maxDurDays * 24 * 60
	case Hours:
		return maxDurDays * 24
	case Weeks:
		return maxDurDays / 7
	}
	return maxDurDays
}

// String returns d as written in the plan, e.g. "3wd".
func (d Duration) String() string {
	if d.Unit < 0 || int(d.Unit) >= len(durUnits) {
		return strconv.Itoa(d.N) + "?"
	}
	return strconv.Itoa(d.N) + durUnits[d.Unit]
}

// Exact reports whether d is an exact span of time (m or h) rather than a
// count of days landing on a date.
func (d Duration) Exact() bool { return d.Unit == Minutes || d.Unit == Hours }

// Std returns d as a time.Duration: exact for m and h, 24h a day for d and
// w as a convenience, and 0 for wd, which depends on a Calendar.
func (d Duration) Std() time.Duration {
	n := time.Duration(d.N)
	switch d.Unit {
	case Minutes:
		return n * time.Minute
	case Hours:
		return n * time.Hour
	case Days:
		return n * 24 * time.Hour
	case Weeks:
		return n * 7 * 24 * time.Hour
	}
	return 0
}

// IsZero reports whether d is no offset at all.
func (d Duration) IsZero() bool { return d.N == 0 }

// QuietHours is a daily window in which no SMS is sent, such as 21:00-07:00
// (crossing midnight) or 12:00-13:30. The zero value is no window.
type QuietHours struct{ From, To Clock }

// ParseQuietHours parses FROM-TO; an empty string is no window.
func ParseQuietHours(s string) (QuietHours, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return QuietHours{}, nil
	}
	from, to, ok := strings.Cut(in, "-")
	if !ok {
		from, to, ok = strings.Cut(in, "–") // an en dash, as word processors write it
	}
	if !ok {
		return QuietHours{}, lang.Errorf("quiet.invalid", in)
	}
	f, err := ParseClock(from)
	if err != nil {
		return QuietHours{}, err
	}
	t, err := ParseClock(to)
	if err != nil {
		return QuietHours{}, err
	}
	if f == t {
		return QuietHours{}, lang.Errorf("quiet.empty", in)
	}
	return QuietHours{f, t}, nil
}

// IsZero reports whether q is no window at all.
func (q QuietHours) IsZero() bool { return q.From == q.To }

// String returns q as written in the file, or "" for no window.
func (q QuietHours) String() string {
	if q.IsZero() {
		return ""
	}
	return q.From.String() + "-" + q.To.String()
}

// End reports whether t, read in its own location, falls inside the
// window [From, To); if so it returns the instant the window ends, in the
// same location.
func (q QuietHours) End(t time.Time) (time.Time, bool) {
	if q.IsZero() {
		return t, false
	}
	c := ClockOf(t)
	day := DateOf(t)
	switch {
	case q.From < q.To && c >= q.From && c < q.To:
	case q.From > q.To && c < q.To:
	case q.From > q.To && c >= q.From:
		day = day.AddDays(1)
	default:
		return t, false
	}
	end := day.At(q.To, t.Location())
	if !end.After(t) { // only where a daylight-saving jump moved the clock
		return t, false
	}
	return end, true
}

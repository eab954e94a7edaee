// Package calendar is nhacviec's calendar: days and times of day as a plan
// writes them (15/11/2019, 08:00, 3wd), with their parsing and its
// messages, working days and holidays, and the quiet hours.
package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/lang"
)

// Date is a calendar day without a time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return dateOfDays(d.days() + n) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOfDays(d.days()) }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1 as d is before, the same day as, or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// IsZero reports whether d is the zero Date, meaning no date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as the plan writes it, dd/mm/yyyy; a date without a
// year (an annual holiday) is written dd/mm.
func (d Date) String() string {
	if d.Year == 0 {
		return fmt.Sprintf("%02d/%02d", d.Day, int(d.Month))
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// At returns the instant of d at time of day c in loc (UTC when loc is
// nil). On a day the zone changes its offset, a time that does not exist
// (the clocks jumped over it) is the next valid instant, the moment of
// the change; a time that happens twice (the clocks went back over it) is
// the first of the two. time.Date leaves both unspecified.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	s := int(c)
	h, m, sec := s/3600, s/60%60, s%60
	t := time.Date(d.Year, d.Month, d.Day, h, m, sec, 0, loc)
	start, end := t.ZoneBounds()
	if start.IsZero() && end.IsZero() {
		return t // a zone that never changes
	}
	wall := time.Date(d.Year, d.Month, d.Day, h, m, sec, 0, time.UTC).Unix()
	_, off := t.Zone()
	switch local := t.Unix() + int64(off); {
	case local > wall:
		// In a gap, normalised past it: the change is the start of t's zone.
		return start
	case local < wall:
		// In a gap, normalised before it: the change ends t's zone.
		return end.In(loc)
	}
	if start.IsZero() {
		return t
	}
	// The same wall time in the zone before, if it lies there, is earlier.
	if _, prev := start.Add(-time.Second).Zone(); prev != off {
		if first := time.Unix(wall-int64(prev), 0).In(loc); first.Before(start) {
			return first
		}
	}
	return t
}

// days returns the number of days from 1970-01-01 to d. Out-of-range
// months and days are normalised the way time.Date does.
func (d Date) days() int {
	m0 := int(d.Month) - 1
	y := d.Year + floorDiv(m0, 12)
	m := m0 - floorDiv(m0, 12)*12 + 1
	// Howard Hinnant's days_from_civil: years start in March, so the leap
	// day is the last day of the year.
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateOfDays is the inverse of Date.days.
func dateOfDays(n int) Date {
	n += 719468
	era := floorDiv(n, 146097)
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	return Date{y, time.Month(m), day}
}

// weekdayOfDays returns the weekday of the day n days after 1970-01-01,
// a Thursday.
func weekdayOfDays(n int) time.Weekday {
	return time.Weekday((n%7 + 7 + int(time.Thursday)) % 7)
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Holiday is a day or a range of days off. An Annual holiday has Year 0
// in From and To and repeats every year; a single day has From == To.
type Holiday struct {
	From, To Date
	Annual   bool
}

// String returns h as written in the file: 30/04, 30/04/2019 or
// 04/02/2019..08/02/2019.
func (h Holiday) String() string {
	if h.From == h.To || h.To.IsZero() {
		return h.From.String()
	}
	return h.From.String() + ".." + h.To.String()
}

// maxHolidaySpan is the longest dated holiday range ParseHoliday accepts;
// anything longer is a typo in a year, not a holiday.
const maxHolidaySpan = 366

// ParseHoliday parses a holiday: a date (30/04/2019, 2019-04-30), a range
// FROM..TO of dates, or dd/mm and dd/mm..dd/mm for every year. Unlike
// ParseDate, a dd/mm holiday never takes the plan's year, so year is not
// used. An annual range may cross the new year (30/12..02/01). In a
// dated range the first date may leave out its year, which is then the
// year that puts it on or before the second (04/02..08/02/2019).
func ParseHoliday(s string, year int) (Holiday, error) {
	in := strings.TrimSpace(s)
	from, to, isRange := strings.Cut(in, "..")
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if !isRange {
		d, err := parseHolidayDate(in, from)
		if err != nil {
			return Holiday{}, err
		}
		return Holiday{From: d, To: d, Annual: d.Year == 0}, nil
	}
	f, err := parseHolidayDate(in, from)
	if err != nil {
		return Holiday{}, err
	}
	t, err := parseHolidayDate(in, to)
	if err != nil {
		return Holiday{}, err
	}
	switch {
	case f.Year == 0 && t.Year == 0:
		return Holiday{From: f, To: t, Annual: true}, nil
	case t.Year == 0:
		return Holiday{}, lang.Errorf("cal.mixed", in)
	case f.Year == 0:
		f.Year = t.Year
		if f.After(t) {
			f.Year--
		}
		if f.Day > daysIn(f.Year, f.Month) { // 29/02 in a common year
			return Holiday{}, lang.Errorf("date.day", from, int(f.Month), f.Year, daysIn(f.Year, f.Month))
		}
	}
	if t.Before(f) {
		return Holiday{}, lang.Errorf("cal.order", in)
	}
	if t.days()-f.days() >= maxHolidaySpan {
		return Holiday{}, lang.Errorf("cal.long", in)
	}
	return Holiday{From: f, To: t}, nil
}

// parseHolidayDate parses one end of a holiday; dd/mm gives Year 0.
func parseHolidayDate(in, s string) (Date, error) {
	y, m, d, form := splitDate(s)
	if form == badForm {
		return Date{}, lang.Errorf("cal.holiday", in)
	}
	return checkDate(s, y, m, d)
}

// maxSearch bounds every walk over days, so that a calendar without any
// working day cannot spin forever: about three years.
const maxSearch = 3 * 366

// Calendar knows which days are working days. It is read-only after
// NewCalendar and safe for concurrent use. A nil *Calendar works Monday
// to Friday with no holidays.
type Calendar struct {
	work   [7]bool
	annual [13][32]bool // [month][day] off every year
	dated  daySet       // days off
	extra  daySet       // working weekends
}

// daySet is a set of days (counted from 1970-01-01) as a bitmap over the
// span it covers: a lookup is two comparisons and a shift, with no hashing.
type daySet struct {
	base int
	bits []uint64
}

func newDaySet(days []int) daySet {
	if len(days) == 0 {
		return daySet{}
	}
	lo, hi := days[0], days[0]
	for _, n := range days {
		lo, hi = min(lo, n), max(hi, n)
	}
	s := daySet{base: lo, bits: make([]uint64, (hi-lo)/64+1)}
	for _, n := range days {
		s.bits[(n-lo)/64] |= 1 << ((n - lo) % 64)
	}
	return s
}

func (s *daySet) has(n int) bool {
	i := n - s.base
	return i >= 0 && i/64 < len(s.bits) && s.bits[i/64]&(1<<(i%64)) != 0
}

var defaultWorkdays = [7]bool{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true, time.Friday: true}

// NewCalendar returns a calendar working on workdays (Monday to Friday
// when empty), except on holidays, plus the days of workingWeekends.
func NewCalendar(workdays []time.Weekday, holidays []Holiday, workingWeekends []Date) *Calendar {
	c := &Calendar{work: defaultWorkdays}
	if len(workdays) > 0 {
		c.work = [7]bool{}
		for _, w := range workdays {
			if w >= time.Sunday && w <= time.Saturday {
				c.work[w] = true
			}
		}
	}
	var dated []int
	for _, h := range holidays {
		to := h.To
		if to.IsZero() {
			to = h.From
		}
		if h.Annual {
			// Walk a leap year, so that ranges through 29/02 include it.
			f := Date{2000, h.From.Month, h.From.Day}.days()
			t := Date{2000, to.Month, to.Day}.days()
			if t < f {
				t += 366
			}
			for n := f; n <= t; n++ {
				d := dateOfDays(n)
				c.annual[d.Month][d.Day] = true
			}
			continue
		}
		f, t := h.From.days(), to.days()
		for n := f; n <= max(f, t); n++ {
			dated = append(dated, n)
		}
	}
	c.dated = newDaySet(dated)
	extra := make([]int, len(workingWeekends))
	for i, d := range workingWeekends {
		extra[i] = d.days()
	}
	c.extra = newDaySet(extra)
	return c
}

// IsWorkingDay reports whether d is a working day: a workday that is not
// a holiday, or a working weekend.
func (c *Calendar) IsWorkingDay(d Date) bool {
	n := d.days()
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 28 {
		d = dateOfDays(n) // normalise 31/02 and the like, as AddDays would
	}
	return c.workingOn(n, d)
}

// working is IsWorkingDay on days since 1970-01-01.
func (c *Calendar) working(n int) bool { return c.workingOn(n, dateOfDays(n)) }

// workingOn is IsWorkingDay on day d, which is n days after 1970-01-01.
func (c *Calendar) workingOn(n int, d Date) bool {
	if c == nil {
		return defaultWorkdays[weekdayOfDays(n)]
	}
	if c.extra.has(n) {
		return true
	}
	if !c.work[weekdayOfDays(n)] || c.dated.has(n) {
		return false
	}
	return !c.annual[d.Month][d.Day]
}

// OnOrBefore returns d if it is a working day, else the nearest working
// day before it; d itself if there is none within about three years.
func (c *Calendar) OnOrBefore(d Date) Date { return c.nearest(d, -1) }

// OnOrAfter returns d if it is a working day, else the nearest working
// day after it; d itself if there is none within about three years.
func (c *Calendar) OnOrAfter(d Date) Date { return c.nearest(d, 1) }

func (c *Calendar) nearest(d Date, step int) Date {
	n := d.days()
	for i := 0; i <= maxSearch; i++ {
		if c.working(n + i*step) {
			return dateOfDays(n + i*step)
		}
	}
	return d
}

// AddWorkingDays returns the n-th working day after d when n > 0, the
// |n|-th working day before d when n < 0, and d when n == 0. If a gap of
// about three years holds no working day, it returns d.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	x, gap := d.days(), 0
	for n > 0 {
		x += step
		if !c.working(x) {
			if gap++; gap > maxSearch {
				return d
			}
			continue
		}
		gap = 0
		n--
	}
	return dateOfDays(x)
}

// weekdayNames maps every accepted spelling to its weekday: English
// (mon, monday) and Vietnamese (t2, thứ hai, thứ 2, cn, chủ nhật).
var weekdayNames = map[string]time.Weekday{}

func init() {
	vi := [7][]string{
		{"cn", "chủ nhật", "chu nhat"},
		{"t2", "thứ hai", "thứ 2", "thu hai", "thu 2"},
		{"t3", "thứ ba", "thứ 3", "thu ba", "thu 3"},
		{"t4", "thứ tư", "thứ 4", "thu tu", "thu 4"},
		{"t5", "thứ năm", "thứ 5", "thu nam", "thu 5"},
		{"t6", "thứ sáu", "thứ 6", "thu sau", "thu 6"},
		{"t7", "thứ bảy", "thứ 7", "thu bay", "thu 7"},
	}
	for w := time.Sunday; w <= time.Saturday; w++ {
		en := strings.ToLower(w.String())
		weekdayNames[en] = w
		weekdayNames[en[:3]] = w
		for _, s := range vi[w] {
			weekdayNames[s] = w
		}
	}
}

// ParseWeekday parses a day of the week, case-insensitively: mon..sun
// (or monday..sunday), or Vietnamese t2..t7 and cn (thứ hai..chủ nhật).
func ParseWeekday(s string) (time.Weekday, error) {
	key := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if w, ok := weekdayNames[key]; ok {
		return w, nil
	}
	return 0, lang.Errorf("cal.weekday", strings.TrimSpace(s))
}

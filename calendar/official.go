package calendar

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// Vietnam's official calendar: the public holidays of the Labour Code
// (Bộ luật Lao động 2019, điều 112; before 2021 the Labour Code 2012,
// điều 115), the days in lieu of those that fall on the weekly rest day
// (điều 111 khoản 3: "nghỉ bù vào ngày làm việc kế tiếp"), and, for the
// years the government's decisions are known, the days it chose and the
// Saturdays worked in exchange (the yearly files of official/).

// Occasion names a public holiday of the official calendar; lang holds its
// name under "hol." + the occasion.
type Occasion string

// The public holidays of the Labour Code.
const (
	NewYear       Occasion = "new-year"      // Tết Dương lịch, 1/1
	Tet           Occasion = "tet"           // Tết Nguyên đán, around mùng 1 tháng Giêng
	HungKings     Occasion = "hung-kings"    // Giỗ Tổ Hùng Vương, 10/3 âm lịch
	Reunification Occasion = "reunification" // Ngày Chiến thắng, 30/4
	LabourDay     Occasion = "labour"        // Ngày Quốc tế Lao động, 1/5
	NationalDay   Occasion = "national"      // Quốc khánh, 2/9
)

var occasions = []Occasion{NewYear, Tet, HungKings, Reunification, LabourDay, NationalDay}

// DayKind says why a Day departs from the week.
type DayKind string

// The kinds of Day.
const (
	DayOff     DayKind = "off"     // a public holiday, or a configured holiday
	DayInLieu  DayKind = "in-lieu" // nghỉ bù: for a holiday that fell on the weekly rest day
	DaySwapped DayKind = "swapped" // nghỉ hoán đổi: a working day off, worked on a weekend instead
	DayWorked  DayKind = "worked"  // làm bù: a weekend worked, for a swapped day or by configuration
)

// Source says where a Day comes from.
type Source string

// The sources of a Day.
const (
	FromRule   Source = "rule"   // computed from the Labour Code's rules
	FromYear   Source = "year"   // a yearly file of the government's decisions
	FromConfig Source = "config" // service.holidays or service.working_weekends
)

// Day is a day on which the calendar departs from the week: a day off on
// a working day of the week (or a holiday on the weekly rest day), or a
// weekend day worked.
type Day struct {
	Date     Date
	Kind     DayKind
	Occasion Occasion // the holiday it belongs to; "" for a configured day
	// Other is, for DayInLieu, the holiday it makes up for; for
	// DaySwapped, the weekend day worked instead; for DayWorked from a
	// yearly file, the day off it pays for.
	Other  Date
	Source Source
	// Note is, for FromYear, the decision the yearly file states; for
	// FromConfig, the entry as written.
	Note string
}

// Working reports whether d is a day worked rather than a day off.
func (d Day) Working() bool { return d.Kind == DayWorked }

// The years the official calendar covers: from the first Tết under the
// Labour Code 2012 (five days of Tết, Giỗ Tổ Hùng Vương a holiday) to the
// end of the range of the lunar computation.
const (
	FirstOfficialYear = 2014
	LastOfficialYear  = 2199
)

// OfficialDays returns the official calendar's days of year y, in date
// order, for a week worked on workdays (Monday to Friday when empty): the
// yearly file's days when there is one, else the days the Labour Code's
// rules give. A yearly file may name days of the years beside it (31/12
// off for Tết Dương lịch); a day belongs to the year of the decision, not
// of its date. Outside FirstOfficialYear..LastOfficialYear it returns nil.
func OfficialDays(y int, workdays []time.Weekday) []Day {
	if y < FirstOfficialYear || y > LastOfficialYear {
		return nil
	}
	files, err := yearFiles()
	if err != nil {
		// The files are compiled in and TestYearFiles loads them all.
		panic("calendar: " + err.Error())
	}
	if f, ok := files[y]; ok {
		return slices.Clone(f)
	}
	return ruleDays(y, weekOf(workdays))
}

// weekOf returns which days of the week are worked, Monday to Friday when
// workdays is empty.
func weekOf(workdays []time.Weekday) [7]bool {
	if len(workdays) == 0 {
		return defaultWorkdays
	}
	var w [7]bool
	for _, d := range workdays {
		if d >= time.Sunday && d <= time.Saturday {
			w[d] = true
		}
	}
	return w
}

// lunarHolidays holds the Gregorian days of mùng 1 Tết and of Giỗ Tổ
// Hùng Vương for each year the official calendar covers, computed once.
var lunarHolidays = sync.OnceValue(func() [][2]Date {
	days := make([][2]Date, LastOfficialYear-FirstOfficialYear+1)
	for i := range days {
		y := FirstOfficialYear + i
		days[i][0] = LunarNewYear(y)
		days[i][1], _ = LunarDate{Year: y, Month: 3, Day: 10}.Solar()
	}
	return days
})

// nationalDayPair is, by the weekday of 2/9, the day beside it that the
// government adds from 2021 (điều 112: "01 ngày liền kề trước hoặc sau"):
// the one towards the nearer weekend, as in its decisions of 2021–2025
// (Thursday: 3/9; Friday, Saturday: 1/9; Monday: 3/9; Tuesday: 1/9). For
// a Wednesday, when either is as near, 1/9; for a Sunday 3/9, which is
// where its day in lieu would fall anyway.
var nationalDayPair = [7]int{time.Sunday: 3, time.Monday: 3, time.Tuesday: 1, time.Wednesday: 1, time.Thursday: 3, time.Friday: 1, time.Saturday: 1}

// ruleDays returns the days off the Labour Code gives in year y, for a
// week worked on the days of work:
//
//   - 1/1, 30/4, 1/5, Giỗ Tổ Hùng Vương (10/3 âm lịch) and 2/9, with from
//     2021 the day beside 2/9 of nationalDayPair;
//   - five days of Tết, from two days before mùng 1 to mùng 3, the choice
//     the government's decisions of 2019–2026 all come to once their days
//     in lieu are counted;
//   - for each of these that falls on the weekly rest day (or on another
//     holiday), a day in lieu on the next working day that is not already
//     off.
func ruleDays(y int, work [7]bool) []Day {
	anchors := lunarHolidays()[y-FirstOfficialYear]
	tet, hung := anchors[0], anchors[1]
	var days []Day
	add := func(d Date, o Occasion) {
		days = append(days, Day{Date: d, Kind: DayOff, Occasion: o, Source: FromRule})
	}
	add(Date{y, time.January, 1}, NewYear)
	for i := -2; i <= 2; i++ {
		add(tet.AddDays(i), Tet)
	}
	add(hung, HungKings)
	add(Date{y, time.April, 30}, Reunification)
	add(Date{y, time.May, 1}, LabourDay)
	national := Date{y, time.September, 2}
	add(national, NationalDay)
	if y >= 2021 {
		add(Date{y, time.September, nationalDayPair[national.Weekday()]}, NationalDay)
	}
	slices.SortStableFunc(days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	off := map[int]bool{}
	var lost []Day // holidays on a rest day or on another holiday
	for _, d := range days {
		n := d.Date.days()
		if !work[weekdayOfDays(n)] || off[n] {
			lost = append(lost, d)
		}
		off[n] = true
	}
	if !slices.Contains(work[:], true) {
		return days // no working day to make up on
	}
	for _, h := range lost {
		n := h.Date.days() + 1
		for !work[weekdayOfDays(n)] || off[n] {
			n++
		}
		off[n] = true
		days = append(days, Day{Date: dateOfDays(n), Kind: DayInLieu, Occasion: h.Occasion, Other: h.Date, Source: FromRule})
	}
	slices.SortStableFunc(days, compareDays)
	return days
}

// compareDays orders days by date, then by source (the official calendar
// before the configuration).
func compareDays(a, b Day) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return cmp.Compare(sourceRank(a.Source), sourceRank(b.Source))
}

func sourceRank(s Source) int {
	switch s {
	case FromRule:
		return 0
	case FromYear:
		return 1
	}
	return 2
}

// NewOfficialCalendar returns the calendar of NewCalendar on top of
// Vietnam's official calendar of FirstOfficialYear..LastOfficialYear: its
// days off are holidays and its weekend days worked are working weekends,
// before holidays and workingWeekends add theirs.
func NewOfficialCalendar(workdays []time.Weekday, holidays []Holiday, workingWeekends []Date) *Calendar {
	set := officialSetOf(workdays)
	return NewCalendar(workdays, slices.Concat(set.off, holidays), slices.Concat(set.worked, workingWeekends))
}

// officialSet is the official calendar of all its years, for one week:
// its days off and its weekend days worked.
type officialSet struct {
	off    []Holiday
	worked []Date
}

// officialSets holds an *officialSet by week ([7]bool), computed once per
// week: a configuration is loaded again at each reload.
var officialSets sync.Map

func officialSetOf(workdays []time.Weekday) *officialSet {
	week := weekOf(workdays)
	if s, ok := officialSets.Load(week); ok {
		return s.(*officialSet)
	}
	set := &officialSet{}
	for y := FirstOfficialYear; y <= LastOfficialYear; y++ {
		for _, d := range OfficialDays(y, workdays) {
			if d.Working() {
				set.worked = append(set.worked, d.Date)
			} else {
				set.off = append(set.off, Holiday{From: d.Date, To: d.Date})
			}
		}
	}
	s, _ := officialSets.LoadOrStore(week, set)
	return s.(*officialSet)
}

// YearDays returns the days of year y on which a calendar departs from the
// week, in date order, each with its source: with official, those of the
// official calendar (of the decisions of years y-1 to y+1 that fall in
// y); then the days of holidays and workingWeekends in y, as
// NewOfficialCalendar or NewCalendar would take them.
func YearDays(y int, workdays []time.Weekday, holidays []Holiday, workingWeekends []Date, official bool) []Day {
	var days []Day
	if official {
		for _, year := range []int{y - 1, y, y + 1} {
			for _, d := range OfficialDays(year, workdays) {
				if d.Date.Year == y {
					days = append(days, d)
				}
			}
		}
	}
	for _, h := range holidays {
		from, to := h.From, h.To
		if to.IsZero() {
			to = from
		}
		if h.Annual {
			from.Year, to.Year = y, y
			if to.Before(from) { // 30/12..02/01: the year's start and its end
				from.Year--
			}
		}
		for d := from; !d.After(to); d = d.AddDays(1) {
			if h.Annual && (d.Day > daysIn(d.Year, d.Month)) {
				continue
			}
			if d.Year == y {
				days = append(days, Day{Date: d, Kind: DayOff, Source: FromConfig, Note: h.String()})
			}
		}
		if h.Annual && h.To.Before(h.From) { // and the range that starts at the end of y
			for d := (Date{y, h.From.Month, h.From.Day}); d.Year == y; d = d.AddDays(1) {
				days = append(days, Day{Date: d, Kind: DayOff, Source: FromConfig, Note: h.String()})
			}
		}
	}
	for _, d := range workingWeekends {
		if d.Year == y {
			days = append(days, Day{Date: d, Kind: DayWorked, Source: FromConfig, Note: d.String()})
		}
	}
	slices.SortStableFunc(days, compareDays)
	return days
}

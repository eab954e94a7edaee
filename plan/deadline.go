package plan

import (
	"time"

	"github.com/nhacviec/nhacviec/calendar"
)

// moveDue moves a due time that falls on a non-working day as the
// deadline's if_holiday says: to the same time on the next working day (the
// default), on the previous one, or not at all. Occurrence.Due is the
// result.
func (d *Deadline) moveDue(cal *calendar.Calendar, due time.Time) time.Time {
	day := calendar.DateOf(due)
	if cal == nil || d.IfHoliday == Keep || cal.IsWorkingDay(day) {
		return due
	}
	c := calendar.ClockOf(due)
	if d.IfHoliday == PreviousWorkingDay {
		return cal.OnOrBefore(day).At(c, due.Location())
	}
	return cal.OnOrAfter(day).At(c, due.Location())
}

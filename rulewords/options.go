package rulewords

import (
	"slices"
	"strconv"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
)

// Option is one choice of a form's select or checkboxes: the value the
// form sends and the label a person reads.
type Option struct {
	Value, Label string
}

// offsets are the "nhắc trước" a form offers, in the plan's syntax: the
// usual ones of an administrative calendar, the example plan's among them.
var offsets = []string{"1h", "2h", "1d", "2d", "3d", "5d", "7d", "10d", "1w", "2w", "1wd", "2wd", "3wd", "5wd", "10wd"}

// Offsets returns the choices a form offers for "nhắc trước" (a task's
// before and before_end, a deadline's remind): 1 giờ, 1 ngày … 7 ngày, 1
// tuần, 1/2/3/5 ngày làm việc …, each valued in the plan's syntax ("7d").
func Offsets(lng lang.Lang) []Option { return durationOptions(offsets, lng) }

// delays are the waits a form offers after a due time.
var delays = []string{"1d", "2d", "3d", "5d", "7d", "1w", "2w", "1wd", "2wd", "3wd", "5wd", "10wd"}

// Delays returns the choices a form offers for a wait after the due time
// (grace, overdue_every, an escalation's after): 1 ngày … 1 tuần, 1/2/3/5
// ngày làm việc …, each valued in the plan's syntax ("1wd").
func Delays(lng lang.Lang) []Option { return durationOptions(delays, lng) }

// WithDurations returns opts followed by an option for each of values
// (offsets in the plan's syntax, such as a rule typed in the file: "4d")
// that opts lack, so that a form shows it chosen. A value that is not an
// offset is left out.
func WithDurations(opts []Option, lng lang.Lang, values ...string) []Option {
	out := slices.Clone(opts)
	for _, v := range values {
		d, err := calendar.ParseDuration(v)
		if err != nil {
			continue
		}
		v = d.String()
		if !slices.ContainsFunc(out, func(o Option) bool { return o.Value == v }) {
			out = append(out, Option{Value: v, Label: DurationWords(v, lng)})
		}
	}
	return out
}

func durationOptions(values []string, lng lang.Lang) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Value: v, Label: DurationWords(v, lng)}
	}
	return out
}

// Units returns the units a form offers beside a count: giờ, ngày, tuần,
// ngày làm việc, valued as the plan writes them (h, d, w, wd).
func Units(lng lang.Lang) []Option {
	out := make([]Option, 0, 4)
	for _, u := range []Unit{Hours, Days, Weeks, WorkingDays} {
		out = append(out, Option{Value: u.String(), Label: text(lng, "rw.unit."+u.String())})
	}
	return out
}

// ReminderKinds returns the kinds a task's reminder form offers: trước khi
// bắt đầu, trước khi kết thúc, vào ngày bắt đầu, vào ngày kết thúc, then the
// repeating ones, hằng ngày to hằng năm.
func ReminderKinds(lng lang.Lang) []Option {
	return kindOptions(lng, Before, BeforeEnd, AtStart, AtEnd, Daily, Weekly, Monthly, Quarterly, HalfYearly, Yearly)
}

// DueKinds returns the repeating kinds a deadline's form offers for
// due_every: hằng tuần, hằng tháng, hằng quý, 6 tháng một lần, hằng năm.
func DueKinds(lng lang.Lang) []Option {
	return kindOptions(lng, Weekly, Monthly, Quarterly, HalfYearly, Yearly)
}

func kindOptions(lng lang.Lang, kinds ...Kind) []Option {
	out := make([]Option, len(kinds))
	for i, k := range kinds {
		out[i] = Option{Value: k.String(), Label: k.Label(lng)}
	}
	return out
}

// Label names the kind in lng as a form's select does: "hằng quý",
// "6 tháng một lần"; "" for None.
func (k Kind) Label(lng lang.Lang) string {
	if k <= None || k > Custom {
		return ""
	}
	return text(lng, "rw.kind."+k.String())
}

// Weekdays returns the days of the week, Monday first as a Vietnamese
// week is, valued as time.Weekday counts (1 is Monday, 0 Sunday).
func Weekdays(lng lang.Lang) []Option {
	out := make([]Option, 0, 7)
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		out = append(out, Option{Value: strconv.Itoa(int(d)), Label: lang.Weekday(lng, d)})
	}
	return out
}

// Months returns the months of the year for a Yearly rule: tháng 1 …
// tháng 12, valued 1–12.
func Months(lng lang.Lang) []Option {
	out := make([]Option, 12)
	for m := 1; m <= 12; m++ {
		out[m-1] = Option{Value: strconv.Itoa(m), Label: text(lng, "rw.month", monthName(lng, m))}
	}
	return out
}

// QuarterMonths returns the months of a quarter for a Quarterly rule:
// "tháng đầu quý (tháng 1, 4, 7, 10)", "tháng giữa quý (…)", "tháng cuối
// quý (tháng 3, 6, 9, 12)", valued 1–3.
func QuarterMonths(lng lang.Lang) []Option {
	out := make([]Option, 3)
	for m := 1; m <= 3; m++ {
		out[m-1] = Option{Value: strconv.Itoa(m), Label: text(lng, "rw.qmonths", text(lng, "rw.q."+strconv.Itoa(m)),
			monthName(lng, m), monthName(lng, m+3), monthName(lng, m+6), monthName(lng, m+9))}
	}
	return out
}

// HalfYearMonths returns the months of a half year for a HalfYearly rule:
// "tháng 1 và 7" … "tháng 6 và 12", valued 1–6.
func HalfYearMonths(lng lang.Lang) []Option {
	out := make([]Option, 6)
	for m := 1; m <= 6; m++ {
		out[m-1] = Option{Value: strconv.Itoa(m), Label: text(lng, "rw.hmonths", monthName(lng, m), monthName(lng, m+6))}
	}
	return out
}

package rulewords

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
)

// Kind is a way of saying when something is sent, as a form offers it.
type Kind int

// The kinds of rule. None is no rule at all (a form's empty row); Custom
// is a rule typed in the file that the forms cannot say, kept as written.
const (
	None       Kind = iota
	Before          // before: N unit (or a deadline's bare remind: N unit), before the start or the due time
	BeforeEnd       // before_end: N unit
	AtStart         // at: start
	AtEnd           // at: end
	After           // after: N unit (an escalation's; also grace, overdue_every, ack_within)
	Daily           // every day at a time
	Weekly          // one day of the week at a time
	Monthly         // one day of every month at a time
	Quarterly       // one day of one month of every quarter at a time
	HalfYearly      // one day of one month of every half year at a time
	Yearly          // one day of one month at a time
	Custom          // what the forms cannot say, kept as written
)

var kindNames = [...]string{
	None: "", Before: "before", BeforeEnd: "before_end", AtStart: "at_start", AtEnd: "at_end",
	After: "after", Daily: "daily", Weekly: "weekly", Monthly: "monthly", Quarterly: "quarterly",
	HalfYearly: "half_yearly", Yearly: "yearly", Custom: "custom",
}

// String returns the kind as a form's value names it: "before",
// "weekly", "half_yearly"; "" for None.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind" + strconv.Itoa(int(k))
	}
	return kindNames[k]
}

// ParseKind returns the kind a form's value names, and whether it names
// one.
func ParseKind(s string) (Kind, bool) {
	s = strings.TrimSpace(s)
	for k, name := range kindNames {
		if s == name {
			return Kind(k), true
		}
	}
	return None, false
}

// Repeats reports whether the kind is a repeating one, written in the
// plan as a cron spec (every:, due_every:).
func (k Kind) Repeats() bool { return k >= Daily && k <= Yearly }

// Offset reports whether the kind is a count of a unit (before:,
// before_end:, after:).
func (k Kind) Offset() bool { return k == Before || k == BeforeEnd || k == After }

// Unit is the unit of an offset. Its zero value is Days.
type Unit int

// The units of an offset, written d, wd, w, h and m in the plan.
const (
	Days Unit = iota
	WorkingDays
	Weeks
	Hours
	Minutes
)

var unitNames = [...]string{Days: "d", WorkingDays: "wd", Weeks: "w", Hours: "h", Minutes: "m"}

// String returns the unit as the plan writes it: "d", "wd", "w", "h", "m".
func (u Unit) String() string {
	if u < 0 || int(u) >= len(unitNames) {
		return "unit" + strconv.Itoa(int(u))
	}
	return unitNames[u]
}

// ParseUnit returns the unit the plan's suffix (or a form's value) names,
// and whether it names one.
func ParseUnit(s string) (Unit, bool) {
	s = strings.TrimSpace(s)
	for u, name := range unitNames {
		if s == name {
			return Unit(u), true
		}
	}
	return Days, false
}

// calUnit maps a Unit to the calendar's.
func (u Unit) calUnit() calendar.DurUnit {
	switch u {
	case WorkingDays:
		return calendar.WorkingDays
	case Weeks:
		return calendar.Weeks
	case Hours:
		return calendar.Hours
	case Minutes:
		return calendar.Minutes
	}
	return calendar.Days
}

// unitOf maps the calendar's unit to a Unit.
func unitOf(u calendar.DurUnit) Unit {
	switch u {
	case calendar.WorkingDays:
		return WorkingDays
	case calendar.Weeks:
		return Weeks
	case calendar.Hours:
		return Hours
	case calendar.Minutes:
		return Minutes
	}
	return Days
}

// A Choice is one way of saying when something is sent, as the form
// offers it. Only the fields its Kind uses are meaningful.
type Choice struct {
	Kind Kind
	// N and Unit are the offset of Before, BeforeEnd and After: 7 days,
	// 3 working days.
	N    int
	Unit Unit
	// Weekday is the day of a Weekly rule.
	Weekday time.Weekday
	// Day is the day of the month (1–31) of a Monthly, Quarterly,
	// HalfYearly or Yearly rule.
	Day int
	// Month is, for Quarterly, the month of the quarter (1, 2 or 3: 1
	// means January, April, July and October); for HalfYearly, the month
	// of the half year (1–6: 6 means June and December); for Yearly, the
	// month (1–12).
	Month int
	// Hour and Minute are the time of day of the repeating kinds.
	Hour, Minute int
	// Key and Raw are, for Custom, the YAML key and the text as written.
	Key, Raw string
}

// Parse reads the rule written under key in the plan: before, before_end
// and after (and grace, overdue_every, ack_within, which are After
// offsets), at, every and due_every, or "" for a bare duration such as a
// deadline's `remind: [7d]` (Before). What the forms cannot say,
// including what the plan's checker refuses, is Custom with Key and Raw.
func Parse(key, value string) Choice {
	v := strings.TrimSpace(value)
	switch key {
	case "", "before", "before_end", "after", "grace", "overdue_every", "ack_within":
		d, err := calendar.ParseDuration(v)
		if err != nil {
			break
		}
		c := Choice{Kind: Before, N: d.N, Unit: unitOf(d.Unit)}
		switch key {
		case "before_end":
			c.Kind = BeforeEnd
		case "after", "grace", "overdue_every", "ack_within":
			c.Kind = After
		}
		return c
	case "at":
		switch v {
		case "start":
			return Choice{Kind: AtStart}
		case "end":
			return Choice{Kind: AtEnd}
		}
	case "every", "due_every":
		if c, ok := fromCron(v); ok {
			return c
		}
	}
	return Choice{Kind: Custom, Key: key, Raw: value}
}

// Syntax returns the choice in the plan's syntax, as the key and value of
// a remind: item: ("before", "7d"), ("at", "start"), ("every", "0 8 * * MON"),
// ("after", "2wd"). A deadline writes a repeating choice's value under
// due_every and a Before's as a bare item of its remind list. Custom
// gives back its key and text as written; None gives two empty strings.
func (c Choice) Syntax() (key, value string) {
	switch c.Kind {
	case Before:
		return "before", c.duration()
	case BeforeEnd:
		return "before_end", c.duration()
	case After:
		return "after", c.duration()
	case AtStart:
		return "at", "start"
	case AtEnd:
		return "at", "end"
	case Daily:
		return "every", fmt.Sprintf("%d %d * * *", c.Minute, c.Hour)
	case Weekly:
		return "every", fmt.Sprintf("%d %d * * %s", c.Minute, c.Hour, dowNames[(c.Weekday%7+7)%7])
	case Monthly:
		return "every", fmt.Sprintf("%d %d %d * *", c.Minute, c.Hour, c.Day)
	case Quarterly, HalfYearly, Yearly:
		ms := make([]string, 0, 4)
		for _, m := range c.months() {
			ms = append(ms, strconv.Itoa(m))
		}
		return "every", fmt.Sprintf("%d %d %d %s *", c.Minute, c.Hour, c.Day, strings.Join(ms, ","))
	case Custom:
		return c.Key, c.Raw
	}
	return "", ""
}

// Duration returns the offset of Before, BeforeEnd and After as the
// calendar's Duration.
func (c Choice) Duration() calendar.Duration {
	return calendar.Duration{N: c.N, Unit: c.Unit.calUnit()}
}

// duration writes the offset as the plan does: "7d", "3wd".
func (c Choice) duration() string { return strconv.Itoa(c.N) + c.Unit.String() }

// months returns the months of the year a Monthly, Quarterly, HalfYearly
// or Yearly rule fires in, in order.
func (c Choice) months() []int {
	var step int
	switch c.Kind {
	case Monthly:
		step = 1
	case Quarterly:
		step = 3
	case HalfYearly:
		step = 6
	case Yearly:
		step = 12
	default:
		return nil
	}
	first := c.Month
	if step == 1 {
		first = 1
	}
	var out []int
	for m := first; m <= 12; m += step {
		if m >= 1 { // a Choice made by hand may hold any Month
			out = append(out, m)
		}
	}
	return out
}

// dowNames are the weekdays as cron writes them, Sunday first as
// time.Weekday counts.
var dowNames = [...]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

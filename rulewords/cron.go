package rulewords

import (
	"math/bits"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/robfig/cron/v3"
)

// starBit is robfig's mark of a field written * or ?, which changes how
// day of month and day of week combine.
const starBit = 1 << 63

// fields is a cron schedule as the sets of values it fires on, read from
// robfig's parsed bits rather than from the text, so that every way of
// writing the same schedule (MON or 1, @monthly, a seconds field of 0,
// 1-31 for *) is recognised alike.
type fields struct {
	secs, mins, hours, doms, months, dows []int
	// and is how robfig combines days: both must match when either field
	// was written * or ?, else either may.
	and bool
}

// parseFields parses spec with the plan's own cron parser, so that what
// the checker refuses is never a choice.
func parseFields(spec string) (fields, bool) {
	sched, err := config.ParseCron(spec)
	if err != nil {
		return fields{}, false
	}
	s, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return fields{}, false
	}
	return fields{
		secs:   setBits(s.Second, 0, 59),
		mins:   setBits(s.Minute, 0, 59),
		hours:  setBits(s.Hour, 0, 23),
		doms:   setBits(s.Dom, 1, 31),
		months: setBits(s.Month, 1, 12),
		dows:   setBits(s.Dow, 0, 6),
		and:    s.Dom&starBit != 0 || s.Dow&starBit != 0,
	}, true
}

// setBits returns the values lo..hi whose bit is set in b.
func setBits(b uint64, lo, hi int) []int {
	b &= (1<<(hi+1) - 1) &^ (1<<lo - 1)
	out := make([]int, 0, bits.OnesCount64(b))
	for b != 0 {
		v := bits.TrailingZeros64(b)
		out = append(out, v)
		b &^= 1 << v
	}
	return out
}

// everyDay reports whether the schedule fires on every day of the months
// it fires in.
func (f fields) everyDay() bool {
	domAll, dowAll := len(f.doms) == 31, len(f.dows) == 7
	if f.and {
		return domAll && dowAll
	}
	return domAll || dowAll
}

// fromCron recognises a cron spec that fires once a day, on the days of
// one of the repeating kinds, at a whole minute.
func fromCron(spec string) (Choice, bool) {
	f, ok := parseFields(spec)
	if !ok || len(f.secs) != 1 || f.secs[0] != 0 || len(f.mins) != 1 || len(f.hours) != 1 {
		return Choice{}, false
	}
	c := Choice{Hour: f.hours[0], Minute: f.mins[0]}
	allMonths := len(f.months) == 12
	switch {
	case f.everyDay():
		if !allMonths {
			return Choice{}, false
		}
		c.Kind = Daily
		return c, true
	case f.and && len(f.doms) == 31 && len(f.dows) == 1:
		if !allMonths {
			return Choice{}, false
		}
		c.Kind, c.Weekday = Weekly, time.Weekday(f.dows[0])
		return c, true
	case f.and && len(f.dows) == 7 && len(f.doms) == 1:
		c.Day = f.doms[0]
	default:
		return Choice{}, false
	}
	m := f.months
	switch {
	case len(m) == 12:
		c.Kind = Monthly
	case len(m) == 4 && m[0] <= 3 && m[1] == m[0]+3 && m[2] == m[0]+6 && m[3] == m[0]+9:
		c.Kind, c.Month = Quarterly, m[0]
	case len(m) == 2 && m[0] <= 6 && m[1] == m[0]+6:
		c.Kind, c.Month = HalfYearly, m[0]
	case len(m) == 1:
		c.Kind, c.Month = Yearly, m[0]
	default:
		return Choice{}, false
	}
	return c, true
}

// monthDays is the most days each month has in a year that is not a
// leap year: a rule on 29 February fires only once in four years.
var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// skipped returns the months, of those the choice fires in, that have no
// day c.Day, and the last day every one of its months has.
func (c Choice) skipped() (months []int, maxDay int) {
	maxDay = 31
	for _, m := range c.months() {
		if monthDays[m] < c.Day {
			months = append(months, m)
		}
		maxDay = min(maxDay, monthDays[m])
	}
	return months, maxDay
}

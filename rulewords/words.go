package rulewords

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
)

// text renders the catalogue's key with args in lng.
func text(lng lang.Lang, key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(lng)
}

// Words says the choice in lng: "7 ngày trước", "3 ngày làm việc trước",
// "mỗi thứ Hai lúc 8:00", "hằng tháng vào ngày 11 lúc 8:00", "hằng quý vào
// ngày 15 của tháng cuối quý lúc 17:00", "6 tháng một lần, ngày 22 (tháng 6
// và 12) lúc 17:00", "vào ngày bắt đầu", "3 ngày trước khi kết thúc"; a
// Custom rule as far as words go, else as written. A rule on a day some
// of its months lack says they get nothing. None is "".
func (c Choice) Words(lng lang.Lang) string {
	switch c.Kind {
	case Before:
		return text(lng, "rw.before", c.amount(lng))
	case BeforeEnd:
		return text(lng, "rw.before_end", c.amount(lng))
	case After:
		return text(lng, "rw.after", c.amount(lng))
	case AtStart:
		return text(lng, "rw.at_start")
	case AtEnd:
		return text(lng, "rw.at_end")
	case Daily:
		return text(lng, "rw.daily", c.clock())
	case Weekly:
		return text(lng, "rw.weekly", lang.Weekday(lng, c.Weekday), c.clock())
	case Monthly, Quarterly, HalfYearly, Yearly:
		return c.dayWords(lng)
	case Custom:
		return customWords(c.Key, c.Raw, lng)
	}
	return ""
}

// WindowWords says the choice as Words does, for a reminder of a task
// that runs over days (from … to …): there an offset before counts from
// the first day, and says so, "7 ngày trước khi bắt đầu", beside the
// ones counted from the last, "3 ngày trước khi kết thúc". A task on one
// day has no start to tell from an end: Words says its offsets.
func (c Choice) WindowWords(lng lang.Lang) string {
	if c.Kind == Before {
		return text(lng, "rw.before_start", c.amount(lng))
	}
	return c.Words(lng)
}

// dayWords says the kinds that fire on a day of the month.
func (c Choice) dayWords(lng lang.Lang) string {
	var s string
	switch c.Kind {
	case Monthly:
		s = text(lng, "rw.monthly", c.Day, c.clock())
	case Quarterly:
		s = text(lng, "rw.quarterly", c.Day, text(lng, "rw.q."+strconv.Itoa(c.Month)), c.clock())
	case HalfYearly:
		s = text(lng, "rw.halfyearly", c.Day, monthName(lng, c.Month), monthName(lng, c.Month+6), c.clock())
	case Yearly:
		s = text(lng, "rw.yearly", c.Day, monthName(lng, c.Month), c.clock())
	}
	if skip, _ := c.skipped(); len(skip) > 0 {
		s = text(lng, "rw.skip", s, c.Day)
	}
	return s
}

// amount says an offset's count and unit: "7 ngày", "1 working day".
func (c Choice) amount(lng lang.Lang) string { return c.amountMsg().Text(lng) }

// amountMsg is amount as a message, for an error.
func (c Choice) amountMsg() lang.Message {
	key := "rw.n."
	if c.N == 1 {
		key = "rw.1."
	}
	return lang.Message{Key: key + c.Unit.String(), Args: []any{c.N}}
}

// clock writes the time of day as people do: 8:00, 17:30.
func (c Choice) clock() string { return fmt.Sprintf("%d:%02d", c.Hour, c.Minute) }

// monthName names month m (1–12) in lng: "6" in Vietnamese (after
// "tháng"), "June" in English.
func monthName(lng lang.Lang, m int) string {
	return text(lng, "rw.month."+strconv.Itoa(m))
}

// Describe says in words the rule written under key in the plan (Parse,
// then Words). A Custom rule is said as far as words go: a cron spec's
// days and times, an absolute on: time, else the text as written.
func Describe(key, value string, lng lang.Lang) string {
	return Parse(key, value).Words(lng)
}

// DurationWords says an offset as the plan writes it in words: "1wd" is
// "1 ngày làm việc", "2h" is "2 giờ"; for a grace, an overdue_every or an
// escalation's after. What is not an offset is returned as it is.
func DurationWords(s string, lng lang.Lang) string {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return s
	}
	return Choice{Kind: After, N: d.N, Unit: unitOf(d.Unit)}.amount(lng)
}

// DurationsWords says a list of offsets, such as a deadline's remind:
// [7d, 3d, 1d], in words: "7 ngày, 3 ngày và 1 ngày"; "7 days, 3 days
// and 1 day".
func DurationsWords(values []string, lng lang.Lang) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = DurationWords(v, lng)
	}
	return list(lng, out)
}

// customWords says a rule the forms cannot say, as far as words go.
func customWords(key, raw string, lng lang.Lang) string {
	v := strings.TrimSpace(raw)
	switch key {
	case "on":
		return onWords(v, lng)
	case "every", "due_every":
		if s, ok := cronWords(v, lng); ok {
			return s
		}
		return text(lng, "rw.raw", v)
	}
	return v
}

// onWords says an absolute time as written, "25/11 07:00", the way
// people say it: "lúc 7:00 ngày 25/11"; a date alone is "ngày 25/11".
// Other forms (ISO) are said as written.
func onWords(v string, lng lang.Lang) string {
	f := strings.Fields(v)
	if strings.ContainsAny(v, "Tt") || len(f) == 0 || len(f) > 2 {
		return text(lng, "rw.on", v)
	}
	if len(f) == 1 {
		return text(lng, "rw.on.date", f[0])
	}
	c, err := calendar.ParseClock(f[1])
	if err != nil || c%60 != 0 {
		return text(lng, "rw.on", v)
	}
	return text(lng, "rw.on.time", Choice{Hour: int(c) / 3600, Minute: int(c) / 60 % 60}.clock(), f[0])
}

// cronWords says a cron spec's days and times when they are few: "mỗi thứ
// Hai đến thứ Sáu lúc 8:00", "ngày 1 và 15 hằng tháng lúc 8:00 và 14:00".
func cronWords(spec string, lng lang.Lang) (string, bool) {
	f, ok := parseFields(spec)
	if !ok || len(f.secs) != 1 || f.secs[0] != 0 || len(f.mins)*len(f.hours) > 6 {
		return "", false
	}
	var times []string
	for _, h := range f.hours {
		for _, m := range f.mins {
			times = append(times, Choice{Hour: h, Minute: m}.clock())
		}
	}
	// One of the two day fields written * or ? means both must match,
	// and that one allows every day: only the other restricts.
	var days string
	switch {
	case f.everyDay():
		days = text(lng, "rw.cron.daily")
	case f.and && len(f.doms) == 31:
		days = text(lng, "rw.cron.dow", weekdays(f.dows, lng))
	case f.and:
		days = text(lng, "rw.cron.dom", f.dayList(lng))
	default:
		days = text(lng, "rw.cron.either", f.dayList(lng), weekdays(f.dows, lng))
	}
	if len(f.months) < 12 {
		ms := make([]string, len(f.months))
		for i, m := range f.months {
			ms[i] = monthName(lng, m)
		}
		days = text(lng, "rw.cron.months", days, list(lng, ms))
	}
	return text(lng, "rw.cron", days, list(lng, times)), true
}

// dayList names the days of the month: "ngày 1 và 15"; "days 1 and 15".
func (f fields) dayList(lng lang.Lang) string {
	key := "rw.cron.days"
	if len(f.doms) == 1 {
		key = "rw.cron.day"
	}
	return text(lng, key, list(lng, ints(f.doms)))
}

// weekdays names days of the week, Monday first, a run of three or more
// as a range: "thứ Hai đến thứ Sáu".
func weekdays(dows []int, lng lang.Lang) string {
	var set [7]bool
	for _, d := range dows {
		set[d] = true
	}
	order := []int{1, 2, 3, 4, 5, 6, 0}
	var out []string
	for i := 0; i < len(order); {
		if !set[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && set[order[j+1]] {
			j++
		}
		first := lang.Weekday(lng, time.Weekday(order[i]))
		if j-i >= 2 {
			out = append(out, text(lng, "rw.cron.range", first, lang.Weekday(lng, time.Weekday(order[j]))))
		} else {
			out = append(out, first)
			if j > i {
				out = append(out, lang.Weekday(lng, time.Weekday(order[j])))
			}
		}
		i = j + 1
	}
	return list(lng, out)
}

// list joins items as a sentence does: "1, 15 và 20"; "1, 15 and 20".
func list(lng lang.Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return text(lng, "rw.and", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// ints writes numbers as text.
func ints(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
)

// The rules of the editor's forms as choices, never as syntax to type:
// a reminder ("7 ngày trước khi bắt đầu", "mỗi thứ Hai lúc 8:00") or a
// repeating due time ("hằng quý vào ngày 15 của tháng thứ 3") is a kind
// and a few fields, which the server writes as the plan's syntax (before:
// 7d, every: "0 8 * * MON") and reads back from it. A rule the choices
// cannot say (a cron with ranges, a reminder with its own to:) is Custom:
// kept as written and shown in words with "(viết trong tệp)".

// Rule kinds of the forms.
const (
	ruleNone      = ""
	ruleBefore    = "before"     // before: N (the task's start)
	ruleBeforeEnd = "before_end" // before_end: N
	ruleAtStart   = "at_start"   // at: start
	ruleAtEnd     = "at_end"     // at: end
	ruleWeekly    = "weekly"     // every: "M H * * DOW"
	ruleMonthly   = "monthly"    // every: "M H D * *"
	ruleQuarterly = "quarterly"  // every: "M H D m,m+3,m+6,m+9 *"
	ruleHalfYear  = "halfyear"   // every: "M H D m,m+6 *"
	ruleYearly    = "yearly"     // every: "M H D m *"
	ruleCustom    = "custom"     // anything else: kept as written
)

// remindKinds are the kinds a reminder row offers, in order.
var remindKinds = []string{ruleBefore, ruleBeforeEnd, ruleAtStart, ruleAtEnd, ruleWeekly, ruleMonthly, ruleQuarterly, ruleHalfYear, ruleYearly}

// dueKinds are the repeating due times a deadline offers.
var dueKinds = []string{ruleMonthly, ruleQuarterly, ruleHalfYear}

// durationUnits are the units of an offset: days, working days, weeks.
var durationUnits = []string{"d", "wd", "w"}

// weekdays are cron's day names, Monday first.
var weekdays = []string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}

// rule is one rule as the form's fields.
type rule struct {
	Kind    string
	N       int    // offset: how many
	Unit    string // offset: d, wd, w
	Weekday string // weekly: MON…SUN
	Day     int    // day of the month
	Month   int    // month of the period: 1–3 quarterly, 1–6 half-yearly, 1–12 yearly
	Hour    int
	Minute  int
	// Key and Raw are the rule as written (custom rules keep them).
	Key, Raw string
}

var (
	offsetRE = regexp.MustCompile(`^(\d+)(d|wd|w)$`)
	cronNum  = regexp.MustCompile(`^\d+$`)
)

// parseRule reads the rule written as key: value.
func parseRule(key, value string) rule {
	r := rule{Kind: ruleCustom, Key: key, Raw: value}
	value = strings.TrimSpace(value)
	switch key {
	case "before", "before_end":
		if m := offsetRE.FindStringSubmatch(value); m != nil {
			n, _ := strconv.Atoi(m[1])
			r.Kind, r.N, r.Unit = key, n, m[2]
			if key == "before_end" {
				r.Kind = ruleBeforeEnd
			}
		}
	case "at":
		switch value {
		case "start":
			r.Kind = ruleAtStart
		case "end":
			r.Kind = ruleAtEnd
		}
	case "every", "due_every":
		parseCron(&r, value)
	}
	return r
}

// parseCron fills r from a cron line the choices can say.
func parseCron(r *rule, spec string) {
	f := strings.Fields(spec)
	if len(f) != 5 || !cronNum.MatchString(f[0]) || !cronNum.MatchString(f[1]) {
		return
	}
	min, _ := strconv.Atoi(f[0])
	hour, _ := strconv.Atoi(f[1])
	if min > 59 || hour > 23 {
		return
	}
	dom, mon, dow := f[2], f[3], strings.ToUpper(f[4])
	set := func(kind string, day, month int) {
		r.Kind, r.Day, r.Month, r.Hour, r.Minute = kind, day, month, hour, min
	}
	if dom == "*" && mon == "*" {
		for _, w := range weekdays {
			if dow == w {
				r.Kind, r.Weekday, r.Hour, r.Minute = ruleWeekly, w, hour, min
			}
		}
		return
	}
	if dow != "*" || !cronNum.MatchString(dom) {
		return
	}
	day, _ := strconv.Atoi(dom)
	if day < 1 || day > 31 {
		return
	}
	if mon == "*" {
		set(ruleMonthly, day, 0)
		return
	}
	var months []int
	for _, m := range strings.Split(mon, ",") {
		n, err := strconv.Atoi(m)
		if err != nil || n < 1 || n > 12 {
			return
		}
		months = append(months, n)
	}
	step := func(k int) bool {
		for i := 1; i < len(months); i++ {
			if months[i] != months[0]+i*k {
				return false
			}
		}
		return true
	}
	switch {
	case len(months) == 1:
		set(ruleYearly, day, months[0])
	case len(months) == 2 && step(6) && months[0] <= 6:
		set(ruleHalfYear, day, months[0])
	case len(months) == 4 && step(3) && months[0] <= 3:
		set(ruleQuarterly, day, months[0])
	}
}

// syntax returns the rule as the plan writes it: key and value.
func (r rule) syntax() (string, string) {
	at := func(dom, mon, dow string) string {
		return fmt.Sprintf("%d %d %s %s %s", r.Minute, r.Hour, dom, mon, dow)
	}
	months := func(step int) string {
		var m []string
		for x := r.Month; x <= 12; x += step {
			m = append(m, strconv.Itoa(x))
		}
		return strings.Join(m, ",")
	}
	d := strconv.Itoa(r.Day)
	switch r.Kind {
	case ruleBefore, ruleBeforeEnd:
		return r.Kind, strconv.Itoa(r.N) + r.Unit
	case ruleAtStart:
		return "at", "start"
	case ruleAtEnd:
		return "at", "end"
	case ruleWeekly:
		return "every", at("*", "*", r.Weekday)
	case ruleMonthly:
		return "every", at(d, "*", "*")
	case ruleQuarterly:
		return "every", at(d, months(3), "*")
	case ruleHalfYear:
		return "every", at(d, months(6), "*")
	case ruleYearly:
		return "every", at(d, strconv.Itoa(r.Month), "*")
	}
	return r.Key, r.Raw
}

// words says the rule in lng: "7 ngày trước khi bắt đầu", "mỗi thứ Hai
// lúc 08:00"; a custom rule is its syntax with "(viết trong tệp)".
func (r rule) words(lng lang.Lang) string {
	clock := fmt.Sprintf("%02d:%02d", r.Hour, r.Minute)
	switch r.Kind {
	case ruleBefore, ruleBeforeEnd:
		return tr(lng, "ed.words."+r.Kind, offsetWords(lng, r.N, r.Unit))
	case ruleAtStart, ruleAtEnd:
		return tr(lng, "ed.words."+r.Kind)
	case ruleWeekly:
		return tr(lng, "ed.words.weekly", tr(lng, "ed.wd."+r.Weekday), clock)
	case ruleMonthly:
		return tr(lng, "ed.words.monthly", r.Day, clock)
	case ruleQuarterly:
		return tr(lng, "ed.words.quarterly", r.Day, tr(lng, "ed.qmonth."+strconv.Itoa(r.Month)), clock)
	case ruleHalfYear, ruleYearly:
		return tr(lng, "ed.words."+r.Kind, r.Day, r.Month, clock)
	}
	if r.Key == "remind" {
		return tr(lng, "ed.words.custom", r.Raw)
	}
	return tr(lng, "ed.words.custom", r.Key+": "+r.Raw)
}

// offsetWords says N units: "7 ngày", "3 ngày làm việc", "2 tuần".
func offsetWords(lng lang.Lang, n int, unit string) string {
	return tr(lng, "ed.unit."+unit, n)
}

// describeRule says the rule written as key: value in words.
func describeRule(key, value string, lng lang.Lang) string { return parseRule(key, value).words(lng) }

// form returns the rule's fields under prefix, as the form posts them.
func (r rule) form(prefix string) url.Values {
	v := url.Values{}
	v.Set(prefix+"kind", r.Kind)
	switch r.Kind {
	case ruleBefore, ruleBeforeEnd:
		v.Set(prefix+"n", strconv.Itoa(r.N))
		v.Set(prefix+"unit", r.Unit)
	case ruleWeekly:
		v.Set(prefix+"weekday", r.Weekday)
	case ruleMonthly, ruleQuarterly, ruleHalfYear, ruleYearly:
		v.Set(prefix+"day", strconv.Itoa(r.Day))
		if r.Kind != ruleMonthly {
			v.Set(prefix+"month", strconv.Itoa(r.Month))
		}
	case ruleCustom:
		v.Set(prefix+"key", r.Key)
		v.Set(prefix+"raw", r.Raw)
	}
	switch r.Kind {
	case ruleWeekly, ruleMonthly, ruleQuarterly, ruleHalfYear, ruleYearly:
		v.Set(prefix+"time", fmt.Sprintf("%02d:%02d", r.Hour, r.Minute))
	}
	return v
}

// fieldError is a problem of one field of a form, in the service language.
type fieldError struct {
	Field, Message string
}

func (e *fieldError) Error() string { return e.Field + ": " + e.Message }

// ruleFromForm reads the rule posted under prefix; a kind of "" is no rule.
func ruleFromForm(v url.Values, prefix string, lng lang.Lang) (rule, error) {
	r := rule{Kind: v.Get(prefix + "kind")}
	bad := func(field, key string, args ...any) (rule, error) {
		return r, &fieldError{Field: prefix + field, Message: tr(lng, key, args...)}
	}
	num := func(field string, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(v.Get(prefix + field)))
		return n, err == nil && n >= lo && n <= hi
	}
	clock := func() error {
		t := strings.TrimSpace(v.Get(prefix + "time"))
		if t == "" {
			t = "08:00"
		}
		var h, m int
		if _, err := fmt.Sscanf(t, "%d:%d", &h, &m); err != nil || h > 23 || m > 59 || h < 0 || m < 0 {
			return &fieldError{Field: prefix + "time", Message: tr(lng, "ed.err.time")}
		}
		r.Hour, r.Minute = h, m
		return nil
	}
	var ok bool
	switch r.Kind {
	case ruleNone, ruleAtStart, ruleAtEnd:
		return r, nil
	case ruleBefore, ruleBeforeEnd:
		if r.N, ok = num("n", 1, 366); !ok {
			return bad("n", "ed.err.n")
		}
		r.Unit = v.Get(prefix + "unit")
		if !slices.Contains(durationUnits, r.Unit) {
			return bad("unit", "ed.err.choice")
		}
		return r, nil
	case ruleWeekly:
		r.Weekday = v.Get(prefix + "weekday")
		if !slices.Contains(weekdays, r.Weekday) {
			return bad("weekday", "ed.err.choice")
		}
		return r, clock()
	case ruleMonthly, ruleQuarterly, ruleHalfYear, ruleYearly:
		if r.Day, ok = num("day", 1, 31); !ok {
			return bad("day", "ed.err.day")
		}
		hi := map[string]int{ruleQuarterly: 3, ruleHalfYear: 6, ruleYearly: 12}[r.Kind]
		if hi > 0 {
			if r.Month, ok = num("month", 1, hi); !ok {
				return bad("month", "ed.err.month", hi)
			}
		}
		return r, clock()
	case ruleCustom:
		r.Key, r.Raw = v.Get(prefix+"key"), v.Get(prefix+"raw")
		if r.Key == "" {
			return bad("kind", "ed.err.choice")
		}
		return r, nil
	}
	return bad("kind", "ed.err.choice")
}

package rulewords

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// The names of a rule's form fields, after the page's prefix.
const (
	FieldKind    = "kind"    // the Kind's String: before, weekly, half_yearly…
	FieldN       = "n"       // an offset's count: 7
	FieldUnit    = "unit"    // an offset's unit as the plan writes it: d, wd, w, h, m
	FieldWeekday = "weekday" // a Weekly rule's day, as time.Weekday counts: 1 is Monday, 0 Sunday
	FieldDay     = "day"     // the day of the month: 1–31
	FieldMonth   = "month"   // the month of the quarter (1–3), of the half year (1–6) or of the year (1–12)
	FieldTime    = "time"    // the time of day, hh:mm: 08:00
	FieldKey     = "key"     // a Custom rule's YAML key, kept as written
	FieldRaw     = "raw"     // a Custom rule's text, kept as written
)

// FieldError is a form's input that makes no rule, at the field (prefix
// included) where the page shows it.
type FieldError struct {
	Field   string
	Message lang.Message
}

// Error renders the message in English, for logs.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message.Error() }

// Text renders the message in lng, for the page.
func (e *FieldError) Text(lng lang.Lang) string { return e.Message.Text(lng) }

// Unwrap returns the message, so errors.As finds it.
func (e *FieldError) Unwrap() error { return e.Message }

// FromForm reads the rule a form's fields name under prefix (prefix+"kind",
// prefix+"n", prefix+"unit", prefix+"weekday", prefix+"day",
// prefix+"month", prefix+"time", and prefix+"key", prefix+"raw" for a
// rule kept as written). An empty kind is None, no rule, and no error.
// Input that makes no rule, or a rule that would skip a month (day 31
// every month), is a *FieldError at the first wrong field. Only the
// fields the kind uses are read.
func FromForm(v url.Values, prefix string) (Choice, error) {
	f := form{v: v, prefix: prefix}
	kind, ok := ParseKind(f.get(FieldKind))
	if !ok {
		return Choice{}, f.fail(FieldKind, "rw.err.kind", f.get(FieldKind))
	}
	c := Choice{Kind: kind}
	var err error
	switch {
	case kind.Offset():
		err = f.offset(&c)
	case kind == Weekly:
		c.Weekday, err = f.weekday()
	case kind == Monthly, kind == Quarterly, kind == HalfYearly, kind == Yearly:
		err = f.day(&c)
	case kind == Custom:
		err = f.custom(&c)
	}
	if err != nil {
		return Choice{}, err
	}
	if kind.Repeats() {
		if c.Hour, c.Minute, err = f.clock(); err != nil {
			return Choice{}, err
		}
	}
	return c, nil
}

// form reads one rule's fields.
type form struct {
	v      url.Values
	prefix string
}

func (f form) get(name string) string { return strings.TrimSpace(f.v.Get(f.prefix + name)) }

func (f form) fail(name, key string, args ...any) error {
	return &FieldError{Field: f.prefix + name, Message: lang.Message{Key: key, Args: args}}
}

// offset reads an offset's count and unit.
func (f form) offset(c *Choice) error {
	s := f.get(FieldN)
	if s == "" {
		return f.fail(FieldN, "rw.err.nempty")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return f.fail(FieldN, "rw.err.n", s)
	}
	u, ok := ParseUnit(f.get(FieldUnit))
	if !ok {
		return f.fail(FieldUnit, "rw.err.unit")
	}
	c.N, c.Unit = n, u
	// The plan's own bound on an offset.
	if _, err := calendar.ParseDuration(c.duration()); err != nil {
		return f.fail(FieldN, "rw.err.large", c.amountMsg())
	}
	return nil
}

// weekday reads a day of the week, as a number (time.Weekday's, 7 also
// Sunday) or as cron writes it (MON).
func (f form) weekday() (time.Weekday, error) {
	s := f.get(FieldWeekday)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 7 {
		return time.Weekday(n % 7), nil
	}
	for d, name := range dowNames {
		if strings.EqualFold(s, name) {
			return time.Weekday(d), nil
		}
	}
	return 0, f.fail(FieldWeekday, "rw.err.weekday")
}

// day reads the day and the month of the kinds that fire on a day of the
// month, and refuses a day some of its months lack.
func (f form) day(c *Choice) error {
	if c.Kind != Monthly {
		hi := map[Kind]int{Quarterly: 3, HalfYearly: 6, Yearly: 12}[c.Kind]
		s := f.get(FieldMonth)
		m, err := strconv.Atoi(s)
		if err != nil || m < 1 || m > hi {
			return f.fail(FieldMonth, "rw.err.month", s, hi)
		}
		c.Month = m
	}
	s := f.get(FieldDay)
	if s == "" {
		return f.fail(FieldDay, "rw.err.dayempty")
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return f.fail(FieldDay, "rw.err.day", s)
	}
	c.Day = d
	if skip, maxDay := c.skipped(); len(skip) > 0 {
		return f.fail(FieldDay, "rw.err.dayskip", monthList(skip), d, maxDay)
	}
	return nil
}

// monthList names months for rw.err.dayskip, as a message that renders
// in either language: "6 và 9", "June and September".
func monthList(ms []int) lang.Message {
	items := make([]lang.Message, len(ms))
	for i, m := range ms {
		items[i] = lang.Message{Key: "rw.month." + strconv.Itoa(m)}
	}
	return listMsg(items)
}

// listMsg joins messages as a sentence does, in either language.
func listMsg(items []lang.Message) lang.Message {
	n := len(items)
	switch n {
	case 0:
		return lang.Message{Key: "rw.empty"}
	case 1:
		return items[0]
	}
	head := items[0]
	for _, it := range items[1 : n-1] {
		head = lang.Message{Key: "rw.comma", Args: []any{head, it}}
	}
	return lang.Message{Key: "rw.and", Args: []any{head, items[n-1]}}
}

// clock reads a time of day, to the minute.
func (f form) clock() (hour, minute int, err error) {
	s := f.get(FieldTime)
	if s == "" {
		return 0, 0, f.fail(FieldTime, "rw.err.timeempty")
	}
	c, err := calendar.ParseClock(s)
	if err != nil || c%60 != 0 {
		return 0, 0, f.fail(FieldTime, "rw.err.time", s)
	}
	return int(c) / 3600, int(c) / 60 % 60, nil
}

// custom reads a rule kept as written, which must still be one the plan's
// checker takes.
func (f form) custom(c *Choice) error {
	c.Key, c.Raw = f.v.Get(f.prefix+FieldKey), f.v.Get(f.prefix+FieldRaw)
	var err error
	switch c.Key {
	case "every", "due_every":
		_, err = config.ParseCron(c.Raw)
	case "on":
		// Only the text's form is checked here: a dd/mm date takes a
		// leap year, and the checker sees it against the plan's year.
		_, err = calendar.ParseDateTime(c.Raw, 2000)
	case "at":
		if s := strings.TrimSpace(c.Raw); s != "start" && s != "end" {
			err = lang.Errorf("remind.at", c.Raw)
		}
	default:
		_, err = calendar.ParseDuration(c.Raw)
	}
	if err != nil {
		var m lang.Message
		if !errors.As(err, &m) {
			m = lang.Message{Key: "rw.raw", Args: []any{c.Raw}}
		}
		return f.fail(FieldRaw, "rw.err.raw", m)
	}
	return nil
}

// Form returns the choice as a form's fields under prefix, the inverse of
// FromForm, to fill a form with a rule typed in YAML. A Custom rule's
// key and text go in fields the page keeps hidden.
func (c Choice) Form(prefix string) url.Values {
	v := url.Values{}
	set := func(name, value string) { v.Set(prefix+name, value) }
	set(FieldKind, c.Kind.String())
	switch {
	case c.Kind.Offset():
		set(FieldN, strconv.Itoa(c.N))
		set(FieldUnit, c.Unit.String())
	case c.Kind == Weekly:
		set(FieldWeekday, strconv.Itoa(int(c.Weekday)))
	case c.Kind == Monthly:
		set(FieldDay, strconv.Itoa(c.Day))
	case c.Kind == Quarterly, c.Kind == HalfYearly, c.Kind == Yearly:
		set(FieldDay, strconv.Itoa(c.Day))
		set(FieldMonth, strconv.Itoa(c.Month))
	case c.Kind == Custom:
		set(FieldKey, c.Key)
		set(FieldRaw, c.Raw)
	}
	if c.Kind.Repeats() {
		set(FieldTime, calendar.Clock(c.Hour*3600+c.Minute*60).String())
	}
	return v
}

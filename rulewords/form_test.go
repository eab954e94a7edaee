package rulewords_test

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/lang/langtest"
	"github.com/nhacviec/nhacviec/rulewords"
)

// form builds a form's values under the prefix "r1.", from name=value
// pairs.
func form(pairs ...string) url.Values {
	v := url.Values{}
	for _, p := range pairs {
		name, value, _ := strings.Cut(p, "=")
		v.Set("r1."+name, value)
	}
	v.Set("other.kind", "weekly") // another row's fields are not read
	return v
}

// TestFromForm checks the rules a form's choices make, in the plan's
// syntax.
func TestFromForm(t *testing.T) {
	tests := []struct {
		name       string
		form       url.Values
		key, value string
	}{
		{"7 days before", form("kind=before", "n=7", "unit=d"), "before", "7d"},
		{"3 working days before", form("kind=before", "n= 3 ", "unit=wd"), "before", "3wd"},
		{"1 hour before", form("kind=before", "n=1", "unit=h"), "before", "1h"},
		{"2 days before the end", form("kind=before_end", "n=2", "unit=d"), "before_end", "2d"},
		{"after 2 working days", form("kind=after", "n=2", "unit=wd"), "after", "2wd"},
		{"at the start", form("kind=at_start", "n=9", "time=99:99"), "at", "start"},
		{"at the end", form("kind=at_end"), "at", "end"},
		{"daily", form("kind=daily", "time=07:30"), "every", "30 7 * * *"},
		{"weekly on Monday", form("kind=weekly", "weekday=1", "time=08:00"), "every", "0 8 * * MON"},
		{"weekly on Sunday as 7", form("kind=weekly", "weekday=7", "time=8:00"), "every", "0 8 * * SUN"},
		{"weekly on THU", form("kind=weekly", "weekday=thu", "time=14:00"), "every", "0 14 * * THU"},
		{"monthly on the 11th", form("kind=monthly", "day=11", "time=08:00"), "every", "0 8 11 * *"},
		{"monthly on the 28th", form("kind=monthly", "day=28", "time=08:00", "month=99"), "every", "0 8 28 * *"},
		{"quarterly, last month", form("kind=quarterly", "day=15", "month=3", "time=17:00"), "every", "0 17 15 3,6,9,12 *"},
		{"quarterly, first month, day 30", form("kind=quarterly", "day=30", "month=1", "time=17:00"), "every", "0 17 30 1,4,7,10 *"},
		{"quarterly, last month, day 30", form("kind=quarterly", "day=30", "month=3", "time=17:00"), "every", "0 17 30 3,6,9,12 *"},
		{"half-yearly, June and December", form("kind=half_yearly", "day=22", "month=6", "time=17:00"), "every", "0 17 22 6,12 *"},
		{"half-yearly, January and July, day 31", form("kind=half_yearly", "day=31", "month=1", "time=17:00"), "every", "0 17 31 1,7 *"},
		{"yearly on 8 March", form("kind=yearly", "day=8", "month=3", "time=08:00"), "every", "0 8 8 3 *"},
		{"yearly on 31 December", form("kind=yearly", "day=31", "month=12", "time=23:59"), "every", "59 23 31 12 *"},
		{"kept as written", form("kind=custom", "key=every", "raw=0 8,14 * * MON-FRI"), "every", "0 8,14 * * MON-FRI"},
		{"an absolute time kept as written", form("kind=custom", "key=on", "raw=25/11 07:00"), "on", "25/11 07:00"},
		{"no rule", form("kind=", "n=7"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := rulewords.FromForm(tt.form, "r1.")
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if key, value := c.Syntax(); key != tt.key || value != tt.value {
				t.Errorf("got %s: %q, want %s: %q", key, value, tt.key, tt.value)
			}
			// The form of the choice gives it back.
			back, err := rulewords.FromForm(c.Form("r2."), "r2.")
			if err != nil || back != c {
				t.Errorf("through its form: got %+v (%v), want %+v", back, err, c)
			}
		})
	}
}

// TestFromFormErrors checks that what makes no rule is an error at its
// field, in both languages, saying what to do.
func TestFromFormErrors(t *testing.T) {
	tests := []struct {
		name    string
		form    url.Values
		field   string
		key     string
		mention []string
	}{
		{"unknown kind", form("kind=fortnightly"), "kind", "rw.err.kind", []string{"fortnightly"}},
		{"no count", form("kind=before", "unit=d"), "n", "rw.err.nempty", []string{"7"}},
		{"count zero", form("kind=before", "n=0", "unit=d"), "n", "rw.err.n", []string{`"0"`}},
		{"count negative", form("kind=before_end", "n=-3", "unit=d"), "n", "rw.err.n", []string{`"-3"`}},
		{"count not a number", form("kind=before", "n=bảy", "unit=d"), "n", "rw.err.n", []string{"bảy"}},
		{"count a fraction", form("kind=before", "n=1.5", "unit=d"), "n", "rw.err.n", []string{"1.5"}},
		{"count too large", form("kind=before", "n=40000", "unit=d"), "n", "rw.err.large", []string{"40000"}},
		{"no unit", form("kind=before", "n=7"), "unit", "rw.err.unit", nil},
		{"unknown unit", form("kind=after", "n=7", "unit=months"), "unit", "rw.err.unit", nil},
		{"no weekday", form("kind=weekly", "time=08:00"), "weekday", "rw.err.weekday", nil},
		{"weekday 8", form("kind=weekly", "weekday=8", "time=08:00"), "weekday", "rw.err.weekday", nil},
		{"no time", form("kind=weekly", "weekday=1"), "time", "rw.err.timeempty", []string{"08:00"}},
		{"time 25:00", form("kind=daily", "time=25:00"), "time", "rw.err.time", []string{"25:00", "23:59"}},
		{"time 8h", form("kind=daily", "time=8h"), "time", "rw.err.time", []string{"8h"}},
		{"time with seconds", form("kind=daily", "time=08:00:30"), "time", "rw.err.time", []string{"08:00:30"}},
		{"no day", form("kind=monthly", "time=08:00"), "day", "rw.err.dayempty", nil},
		{"day 0", form("kind=monthly", "day=0", "time=08:00"), "day", "rw.err.day", []string{`"0"`, "31"}},
		{"day 32", form("kind=quarterly", "day=32", "month=1", "time=08:00"), "day", "rw.err.day", []string{`"32"`}},
		{"monthly on the 31st", form("kind=monthly", "day=31", "time=08:00"), "day", "rw.err.dayskip", []string{"31", "28"}},
		{"monthly on the 29th", form("kind=monthly", "day=29", "time=08:00"), "day", "rw.err.dayskip", []string{"29", "28"}},
		{"quarterly on the 31st, last month", form("kind=quarterly", "day=31", "month=3", "time=08:00"), "day", "rw.err.dayskip", []string{"31", "30"}},
		{"quarterly on the 30th, middle month", form("kind=quarterly", "day=30", "month=2", "time=08:00"), "day", "rw.err.dayskip", []string{"30", "28"}},
		{"half-yearly on the 31st, June", form("kind=half_yearly", "day=31", "month=6", "time=08:00"), "day", "rw.err.dayskip", []string{"31", "30"}},
		{"yearly on 29 February", form("kind=yearly", "day=29", "month=2", "time=08:00"), "day", "rw.err.dayskip", []string{"29", "28"}},
		{"yearly on 31 April", form("kind=yearly", "day=31", "month=4", "time=08:00"), "day", "rw.err.dayskip", []string{"31", "30"}},
		{"quarter month 4", form("kind=quarterly", "day=1", "month=4", "time=08:00"), "month", "rw.err.month", []string{`"4"`, "3"}},
		{"half-year month 7", form("kind=half_yearly", "day=1", "month=7", "time=08:00"), "month", "rw.err.month", []string{`"7"`, "6"}},
		{"yearly without month", form("kind=yearly", "day=1", "time=08:00"), "month", "rw.err.month", []string{"12"}},
		{"custom cron no longer valid", form("kind=custom", "key=every", "raw=0 8 * *"), "raw", "rw.err.raw", []string{"0 8 * *"}},
		{"custom duration no longer valid", form("kind=custom", "key=before", "raw=1.5d"), "raw", "rw.err.raw", []string{"1.5d"}},
		{"custom date that does not exist", form("kind=custom", "key=on", "raw=31/02 08:00"), "raw", "rw.err.raw", []string{"31/02"}},
		{"custom at neither start nor end", form("kind=custom", "key=at", "raw=middle"), "raw", "rw.err.raw", []string{"middle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := rulewords.FromForm(tt.form, "r1.")
			var fe *rulewords.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("got %+v, %v, want a *FieldError", c, err)
			}
			if fe.Field != "r1."+tt.field {
				t.Errorf("got the error at %q, want at %q", fe.Field, "r1."+tt.field)
			}
			langtest.Check(t, err, tt.key, tt.mention...)
			if vi, en := fe.Text(lang.Vietnamese), fe.Text(lang.English); vi == en {
				t.Errorf("got the same text %q in both languages, want Vietnamese and English", vi)
			}
		})
	}
}

// TestDaySkipNamesMonths checks the error of a day some months lack names
// those months, in each language's way.
func TestDaySkipNamesMonths(t *testing.T) {
	_, err := rulewords.FromForm(form("kind=quarterly", "day=31", "month=3", "time=08:00"), "r1.")
	var fe *rulewords.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a *FieldError", err)
	}
	const vi = "Tháng 6 và 9 không có ngày 31 nên tháng đó sẽ không được gửi: hãy chọn ngày từ 1 đến 30."
	const en = "There is no day 31 in June and September, so nothing would be sent then: choose a day from 1 to 30."
	if got := fe.Text(lang.Vietnamese); got != vi {
		t.Errorf("got %q, want %q", got, vi)
	}
	if got := fe.Text(lang.English); got != en {
		t.Errorf("got %q, want %q", got, en)
	}
}

// checkerConfig is a configuration whose one task and one deadline take
// the rules under test.
const checkerConfig = `service:
  language: en
units:
  a:
    name: A
    contacts: [{email: a@example.org}]
plans:
  - id: p
    title: P
    year: 2027
    owner: a
    tasks:
      - id: t
        title: T
        lead: [a]
        from: 01/03
        to: 30/11
        remind:
REMIND
        deadlines:
          - title: R
            due_every: "DUE"
            remind: [OFFSETS]
            grace: GRACE
            escalate: [{after: GRACE, to: [a]}]
`

// TestChoicesPassTheChecker checks that every rule the forms can make is
// one the plan's own checker takes without an error: under remind:, as a
// deadline's due_every, and the offsets and delays offered.
func TestChoicesPassTheChecker(t *testing.T) {
	var remind []string
	var dues []string
	add := func(pairs ...string) {
		c, err := rulewords.FromForm(form(pairs...), "r1.")
		if err != nil {
			t.Fatalf("form %v: %v", pairs, err)
		}
		key, value := c.Syntax()
		remind = append(remind, "          - "+key+": \""+value+"\"")
		if c.Kind.Repeats() {
			dues = append(dues, value)
		}
	}
	add("kind=before", "n=3", "unit=wd")
	add("kind=before_end", "n=2", "unit=d")
	add("kind=at_start")
	add("kind=at_end")
	add("kind=daily", "time=07:30")
	for d := time.Sunday; d <= time.Saturday; d++ {
		add("kind=weekly", "weekday="+string(rune('0'+d)), "time=08:00")
	}
	add("kind=monthly", "day=28", "time=08:00")
	add("kind=quarterly", "day=30", "month=3", "time=17:00")
	add("kind=half_yearly", "day=31", "month=1", "time=17:00")
	add("kind=yearly", "day=31", "month=12", "time=23:59")
	var offsets []string
	for _, o := range rulewords.Offsets(lang.Vietnamese) {
		offsets = append(offsets, o.Value)
	}
	check := func(due, delay string) []string {
		src := strings.NewReplacer("REMIND", strings.Join(remind, "\n"), "DUE", due,
			"OFFSETS", strings.Join(offsets, ", "), "GRACE", delay).Replace(checkerConfig)
		_, diags := config.Parse("choices.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
		var errs []string
		for _, dg := range diags {
			if dg.Severity == config.Error {
				errs = append(errs, dg.Text(lang.English))
			}
		}
		return errs
	}
	for _, due := range dues {
		for _, d := range rulewords.Delays(lang.Vietnamese) {
			if errs := check(due, d.Value); len(errs) > 0 {
				t.Errorf("due_every %q, delay %s: got errors %q, want none", due, d.Value, errs)
			}
		}
	}
	// The same configuration with a spec of four fields is refused: the
	// check above sees the rules.
	if errs := check("0 8 * *", "1d"); len(errs) != 1 {
		t.Errorf("with a spec of 4 fields: got errors %q, want one", errs)
	}
}

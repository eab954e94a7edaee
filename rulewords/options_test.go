package rulewords_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// labels returns the labels of options.
func labels(opts []rulewords.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Label
	}
	return out
}

// TestOptions checks what the forms offer, exactly, in Vietnamese and in
// English.
func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		opts func(lang.Lang) []rulewords.Option
		vi   []string
		en   []string
	}{
		{"offsets", rulewords.Offsets,
			[]string{"1 giờ", "2 giờ", "1 ngày", "2 ngày", "3 ngày", "5 ngày", "7 ngày", "10 ngày", "1 tuần", "2 tuần", "1 ngày làm việc", "2 ngày làm việc", "3 ngày làm việc", "5 ngày làm việc", "10 ngày làm việc"},
			[]string{"1 hour", "2 hours", "1 day", "2 days", "3 days", "5 days", "7 days", "10 days", "1 week", "2 weeks", "1 working day", "2 working days", "3 working days", "5 working days", "10 working days"}},
		{"delays", rulewords.Delays,
			[]string{"1 ngày", "2 ngày", "3 ngày", "5 ngày", "7 ngày", "1 tuần", "2 tuần", "1 ngày làm việc", "2 ngày làm việc", "3 ngày làm việc", "5 ngày làm việc", "10 ngày làm việc"},
			[]string{"1 day", "2 days", "3 days", "5 days", "7 days", "1 week", "2 weeks", "1 working day", "2 working days", "3 working days", "5 working days", "10 working days"}},
		{"units", rulewords.Units,
			[]string{"giờ", "ngày", "tuần", "ngày làm việc"},
			[]string{"hours", "days", "weeks", "working days"}},
		{"reminder kinds", rulewords.ReminderKinds,
			[]string{"trước khi bắt đầu", "trước khi kết thúc", "vào ngày bắt đầu", "vào ngày kết thúc", "hằng ngày", "hằng tuần", "hằng tháng", "hằng quý", "6 tháng một lần", "hằng năm"},
			[]string{"before the start", "before the end", "on the first day", "on the last day", "every day", "every week", "every month", "every quarter", "every 6 months", "every year"}},
		{"due kinds", rulewords.DueKinds,
			[]string{"hằng tuần", "hằng tháng", "hằng quý", "6 tháng một lần", "hằng năm"},
			[]string{"every week", "every month", "every quarter", "every 6 months", "every year"}},
		{"weekdays", rulewords.Weekdays,
			[]string{"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"},
			[]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}},
		{"quarter months", rulewords.QuarterMonths,
			[]string{"tháng đầu quý (tháng 1, 4, 7, 10)", "tháng giữa quý (tháng 2, 5, 8, 11)", "tháng cuối quý (tháng 3, 6, 9, 12)"},
			[]string{"first month of the quarter (January, April, July, October)", "middle month of the quarter (February, May, August, November)", "last month of the quarter (March, June, September, December)"}},
		{"half-year months", rulewords.HalfYearMonths,
			[]string{"tháng 1 và 7", "tháng 2 và 8", "tháng 3 và 9", "tháng 4 và 10", "tháng 5 và 11", "tháng 6 và 12"},
			[]string{"January and July", "February and August", "March and September", "April and October", "May and November", "June and December"}},
		{"months", rulewords.Months,
			[]string{"tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"},
			[]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labels(tt.opts(lang.Vietnamese)); !slices.Equal(got, tt.vi) {
				t.Errorf("got %q, want %q", got, tt.vi)
			}
			if got := labels(tt.opts(lang.English)); !slices.Equal(got, tt.en) {
				t.Errorf("got %q, want %q", got, tt.en)
			}
		})
	}
}

// TestOptionValuesMakeRules checks that each value a form's options send
// is one FromForm takes, for the field it is offered for, and gives back
// the rule the label says.
func TestOptionValuesMakeRules(t *testing.T) {
	for _, o := range append(rulewords.Offsets(lang.Vietnamese), rulewords.Delays(lang.Vietnamese)...) {
		c := rulewords.Parse("", o.Value)
		if c.Kind != rulewords.Before || rulewords.DurationWords(o.Value, lang.Vietnamese) != o.Label {
			t.Errorf("offset %q: got %+v, want a Before labelled %q", o.Value, c, o.Label)
		}
	}
	fill := func(name, value string, base ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(base); i += 2 {
			v.Set(base[i], base[i+1])
		}
		v.Set(name, value)
		return v
	}
	for _, o := range rulewords.Units(lang.Vietnamese) {
		if _, err := rulewords.FromForm(fill("unit", o.Value, "kind", "before", "n", "2"), ""); err != nil {
			t.Errorf("unit %q: %v", o.Value, err)
		}
	}
	for _, o := range append(rulewords.ReminderKinds(lang.Vietnamese), rulewords.DueKinds(lang.Vietnamese)...) {
		c, err := rulewords.FromForm(fill("kind", o.Value, "n", "2", "unit", "d", "weekday", "1", "day", "15", "month", "3", "time", "08:00"), "")
		if err != nil || c.Kind.String() != o.Value || c.Kind.Label(lang.Vietnamese) != o.Label {
			t.Errorf("kind %q: got %+v (%v), want that kind, labelled %q", o.Value, c, err, o.Label)
		}
	}
	for _, o := range rulewords.Weekdays(lang.English) {
		c, err := rulewords.FromForm(fill("weekday", o.Value, "kind", "weekly", "time", "08:00"), "")
		if err != nil || c.Words(lang.English) != "every "+o.Label+" at 8:00" {
			t.Errorf("weekday %q: got %q (%v), want every %s at 8:00", o.Value, c.Words(lang.English), err, o.Label)
		}
	}
	months := map[string][]rulewords.Option{
		"quarterly":   rulewords.QuarterMonths(lang.Vietnamese),
		"half_yearly": rulewords.HalfYearMonths(lang.Vietnamese),
		"yearly":      rulewords.Months(lang.Vietnamese),
	}
	for kind, opts := range months {
		for _, o := range opts {
			if _, err := rulewords.FromForm(fill("month", o.Value, "kind", kind, "day", "28", "time", "08:00"), ""); err != nil {
				t.Errorf("%s month %q: %v", kind, o.Value, err)
			}
		}
	}
}

// TestWithDurations checks that offsets typed in the file join a form's
// options once, in the plan's syntax, labelled in words.
func TestWithDurations(t *testing.T) {
	got := rulewords.WithDurations(rulewords.Offsets(lang.Vietnamese), lang.Vietnamese, "7d", "4d", " 4d", "36h", "soon")
	n := len(rulewords.Offsets(lang.Vietnamese))
	if len(got) != n+2 {
		t.Fatalf("got %d options, want %d", len(got), n+2)
	}
	want := []rulewords.Option{{Value: "4d", Label: "4 ngày"}, {Value: "36h", Label: "36 giờ"}}
	if !slices.Equal(got[n:], want) {
		t.Errorf("got %v, want %v", got[n:], want)
	}
}

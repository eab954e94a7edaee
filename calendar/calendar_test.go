package calendar

import (
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/lang/langtest"
)

// specCalendar is the calendar of SPEC §3.2, with the 2019 swap of
// Monday 29/04 off for Saturday 04/05 at work.
func specCalendar(t *testing.T) *Calendar {
	t.Helper()
	var hs []Holiday
	for _, s := range []string{"01/01", "30/04", "01/05", "02/09", "04/02/2019..08/02/2019", "29/04/2019"} {
		h, err := ParseHoliday(s, 2019)
		if err != nil {
			t.Fatalf("ParseHoliday(%q): got error %v, want none", s, err)
		}
		hs = append(hs, h)
	}
	return NewCalendar(nil, hs, []Date{{2019, 5, 4}})
}

func ymd(y, m, day int) Date { return Date{y, time.Month(m), day} }

func TestParseHoliday(t *testing.T) {
	tests := []struct {
		in   string
		want Holiday
		key  string
	}{
		{"30/04/2019", Holiday{ymd(2019, 4, 30), ymd(2019, 4, 30), false}, ""},
		{"2019-04-30", Holiday{ymd(2019, 4, 30), ymd(2019, 4, 30), false}, ""},
		{"30/04", Holiday{ymd(0, 4, 30), ymd(0, 4, 30), true}, ""},
		{"29/02", Holiday{ymd(0, 2, 29), ymd(0, 2, 29), true}, ""},
		{"04/02/2019..08/02/2019", Holiday{ymd(2019, 2, 4), ymd(2019, 2, 8), false}, ""},
		{"04/02/2019 .. 08/02/2019", Holiday{ymd(2019, 2, 4), ymd(2019, 2, 8), false}, ""},
		{"2019-02-04..2019-02-08", Holiday{ymd(2019, 2, 4), ymd(2019, 2, 8), false}, ""},
		{"04/02..08/02/2019", Holiday{ymd(2019, 2, 4), ymd(2019, 2, 8), false}, ""},
		{"30/12..02/01/2020", Holiday{ymd(2019, 12, 30), ymd(2020, 1, 2), false}, ""},
		{"30/04..02/05", Holiday{ymd(0, 4, 30), ymd(0, 5, 2), true}, ""},
		{"30/12..02/01", Holiday{ymd(0, 12, 30), ymd(0, 1, 2), true}, ""},
		{"08/02/2019..04/02/2019", Holiday{}, "cal.order"},
		{"04/02/2019..08/02", Holiday{}, "cal.mixed"},
		{"04/02/2019..08/02/2020", Holiday{}, "cal.long"},
		{"29/02..01/03/2019", Holiday{}, "date.day"},
		{"31/02", Holiday{}, "date.day.annual"},
		{"31/04/2019", Holiday{}, "date.day"},
		{"30/13", Holiday{}, "date.month"},
		{"Tết", Holiday{}, "cal.holiday"},
		{"04/02/2019-08/02/2019", Holiday{}, "cal.holiday"},
		{"", Holiday{}, "cal.holiday"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseHoliday(tt.in, 2019)
			langtest.Check(t, err, tt.key)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("String", func(t *testing.T) {
		for _, in := range []string{"30/04", "30/04/2019", "04/02/2019..08/02/2019", "30/12..02/01"} {
			h, err := ParseHoliday(in, 0)
			langtest.Check(t, err, "")
			if h.String() != in {
				t.Errorf("got %q, want %q", h.String(), in)
			}
		}
	})
}

func TestIsWorkingDay(t *testing.T) {
	c := specCalendar(t)
	tests := []struct {
		name string
		day  Date
		want bool
	}{
		{"a Friday", ymd(2019, 11, 15), true},
		{"a Saturday", ymd(2019, 11, 16), false},
		{"a Sunday", ymd(2019, 11, 17), false},
		{"30/04/2019, a Tuesday", ymd(2019, 4, 30), false},
		{"30/04 every year: 2020, a Thursday", ymd(2020, 4, 30), false},
		{"02/09/2019, a Monday", ymd(2019, 9, 2), false},
		{"01/01/2020, a Wednesday", ymd(2020, 1, 1), false},
		{"first day of Tết", ymd(2019, 2, 4), false},
		{"inside Tết", ymd(2019, 2, 6), false},
		{"last day of Tết", ymd(2019, 2, 8), false},
		{"after Tết", ymd(2019, 2, 11), true},
		{"the Tết dates a year later are not holidays", ymd(2020, 2, 6), true},
		{"swapped working Saturday", ymd(2019, 5, 4), true},
		{"the Saturday after it", ymd(2019, 5, 11), false},
		{"the Monday swapped off", ymd(2019, 4, 29), false},
		{"31/04/2019 is read as 01/05/2019", ymd(2019, 4, 31), false},
		{"00/12/2019 is read as 30/11/2019, a Saturday", ymd(2019, 12, 0), false},
		{"32/10/2019 is read as 01/11/2019, a Friday", ymd(2019, 10, 32), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsWorkingDay(tt.day); got != tt.want {
				t.Errorf("IsWorkingDay(%v): got %v, want %v", tt.day, got, tt.want)
			}
		})
	}
}

func TestCalendarVariants(t *testing.T) {
	annual := func(s string) Holiday {
		h, err := ParseHoliday(s, 0)
		if err != nil {
			t.Fatalf("ParseHoliday(%q): got error %v, want none", s, err)
		}
		return h
	}
	tests := []struct {
		name string
		c    *Calendar
		day  Date
		want bool
	}{
		{"nil calendar works on a Monday", nil, ymd(2019, 11, 18), true},
		{"nil calendar rests on a Sunday", nil, ymd(2019, 11, 17), false},
		{"six-day week works on a Saturday", NewCalendar([]time.Weekday{1, 2, 3, 4, 5, 6}, nil, nil), ymd(2019, 11, 16), true},
		{"six-day week rests on a Sunday", NewCalendar([]time.Weekday{1, 2, 3, 4, 5, 6}, nil, nil), ymd(2019, 11, 17), false},
		{"annual 29/02 in a leap year", NewCalendar(nil, []Holiday{annual("29/02")}, nil), ymd(2024, 2, 29), false},
		{"annual 28/02..01/03 includes 29/02", NewCalendar(nil, []Holiday{annual("28/02..01/03")}, nil), ymd(2024, 2, 29), false},
		{"annual 28/02..01/03 ends on 01/03", NewCalendar(nil, []Holiday{annual("28/02..01/03")}, nil), ymd(2024, 3, 4), true},
		{"annual range over new year, before", NewCalendar(nil, []Holiday{annual("30/12..02/01")}, nil), ymd(2019, 12, 31), false},
		{"annual range over new year, after", NewCalendar(nil, []Holiday{annual("30/12..02/01")}, nil), ymd(2020, 1, 2), false},
		{"annual range over new year, outside", NewCalendar(nil, []Holiday{annual("30/12..02/01")}, nil), ymd(2020, 1, 3), true},
		{"a working weekend wins over a holiday", NewCalendar(nil, []Holiday{annual("04/05")}, []Date{ymd(2019, 5, 4)}), ymd(2019, 5, 4), true},
		{"a holiday with no To is one day", NewCalendar(nil, []Holiday{{From: ymd(2019, 11, 15)}}, nil), ymd(2019, 11, 15), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.IsWorkingDay(tt.day); got != tt.want {
				t.Errorf("IsWorkingDay(%v): got %v, want %v", tt.day, got, tt.want)
			}
		})
	}
}

func TestOnOrBeforeAfter(t *testing.T) {
	c := specCalendar(t)
	tests := []struct {
		name          string
		day           Date
		before, after Date
	}{
		{"a working day stays", ymd(2019, 11, 15), ymd(2019, 11, 15), ymd(2019, 11, 15)},
		{"a Sunday", ymd(2019, 11, 17), ymd(2019, 11, 15), ymd(2019, 11, 18)},
		{"a Monday holiday", ymd(2019, 9, 2), ymd(2019, 8, 30), ymd(2019, 9, 3)},
		{"inside Tết", ymd(2019, 2, 6), ymd(2019, 2, 1), ymd(2019, 2, 11)},
		{"30/04/2019 next to the swap", ymd(2019, 4, 30), ymd(2019, 4, 26), ymd(2019, 5, 2)},
		{"Sunday after the working Saturday", ymd(2019, 5, 5), ymd(2019, 5, 4), ymd(2019, 5, 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.OnOrBefore(tt.day); got != tt.before {
				t.Errorf("OnOrBefore(%v): got %v, want %v", tt.day, got, tt.before)
			}
			if got := c.OnOrAfter(tt.day); got != tt.after {
				t.Errorf("OnOrAfter(%v): got %v, want %v", tt.day, got, tt.after)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := specCalendar(t)
	tests := []struct {
		name string
		day  Date
		n    int
		want Date
	}{
		{"zero keeps a working day", ymd(2019, 11, 15), 0, ymd(2019, 11, 15)},
		{"zero keeps a Sunday", ymd(2019, 11, 17), 0, ymd(2019, 11, 17)},
		{"Friday +1 over the weekend", ymd(2019, 11, 15), 1, ymd(2019, 11, 18)},
		{"Monday -1 over the weekend", ymd(2019, 11, 18), -1, ymd(2019, 11, 15)},
		{"Thursday +3 through a week", ymd(2019, 11, 14), 3, ymd(2019, 11, 19)},
		{"from a Sunday +1", ymd(2019, 11, 17), 1, ymd(2019, 11, 18)},
		{"from a Sunday -1", ymd(2019, 11, 17), -1, ymd(2019, 11, 15)},
		{"Friday +1 over Tết", ymd(2019, 2, 1), 1, ymd(2019, 2, 11)},
		{"Thursday +3 over Tết", ymd(2019, 1, 31), 3, ymd(2019, 2, 12)},
		{"Monday -1 back over Tết", ymd(2019, 2, 11), -1, ymd(2019, 2, 1)},
		{"Tuesday -3 back over Tết", ymd(2019, 2, 12), -3, ymd(2019, 1, 31)},
		{"+3 onto the working Saturday", ymd(2019, 4, 26), 3, ymd(2019, 5, 4)},
		{"-3 back over the swap", ymd(2019, 5, 6), -3, ymd(2019, 5, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AddWorkingDays(tt.day, tt.n); got != tt.want {
				t.Errorf("AddWorkingDays(%v, %d): got %v, want %v", tt.day, tt.n, got, tt.want)
			}
		})
	}
}

func TestCalendarWithoutWorkingDays(t *testing.T) {
	all, err := ParseHoliday("01/01..31/12", 0)
	langtest.Check(t, err, "")
	c := NewCalendar([]time.Weekday{time.Monday}, []Holiday{all}, nil)
	day := ymd(2019, 11, 18)
	tests := []struct {
		name string
		got  Date
	}{
		{"OnOrBefore", c.OnOrBefore(day)},
		{"OnOrAfter", c.OnOrAfter(day)},
		{"AddWorkingDays forward", c.AddWorkingDays(day, 5)},
		{"AddWorkingDays back", c.AddWorkingDays(day, -5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != day {
				t.Errorf("got %v, want %v unchanged", tt.got, day)
			}
		})
	}
}

func TestIsWorkingDayDoesNotAllocate(t *testing.T) {
	c := specCalendar(t)
	day := ymd(2019, 1, 1)
	allocs := testing.AllocsPerRun(100, func() {
		for i := 0; i < 366; i++ {
			c.IsWorkingDay(day.AddDays(i))
		}
		c.AddWorkingDays(day, 20)
		c.OnOrBefore(ymd(2019, 2, 8))
	})
	if allocs != 0 {
		t.Errorf("got %v allocations a run, want 0", allocs)
	}
}

func TestParseWeekday(t *testing.T) {
	tests := []struct {
		in   string
		want time.Weekday
		key  string
	}{
		{"mon", time.Monday, ""},
		{"Tue", time.Tuesday, ""},
		{"WED", time.Wednesday, ""},
		{"thursday", time.Thursday, ""},
		{"fri", time.Friday, ""},
		{"sat", time.Saturday, ""},
		{"sun", time.Sunday, ""},
		{"t2", time.Monday, ""},
		{"T3", time.Tuesday, ""},
		{"t4", time.Wednesday, ""},
		{"t5", time.Thursday, ""},
		{"t6", time.Friday, ""},
		{"t7", time.Saturday, ""},
		{"CN", time.Sunday, ""},
		{"Thứ Hai", time.Monday, ""},
		{"thứ  7", time.Saturday, ""},
		{"chủ nhật", time.Sunday, ""},
		{"t8", 0, "cal.weekday"},
		{"mo", 0, "cal.weekday"},
		{"", 0, "cal.weekday"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeekday(tt.in)
			langtest.Check(t, err, tt.key, tt.in)
			if tt.key == "" && got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	// Compare with time.Date over many years, both sides of 1970 and
	// through century leap rules.
	for _, start := range []Date{{1899, 12, 25}, {1969, 12, 31}, {1999, 2, 27}, {2099, 12, 30}, {2400, 2, 28}} {
		base := time.Date(start.Year, start.Month, start.Day, 12, 0, 0, 0, time.UTC)
		for n := -800; n <= 800; n += 7 {
			got := start.AddDays(n)
			want := DateOf(base.AddDate(0, 0, n))
			if got != want {
				t.Fatalf("%v.AddDays(%d): got %v, want %v", start, n, got, want)
			}
			if got.Weekday() != base.AddDate(0, 0, n).Weekday() {
				t.Fatalf("%v.Weekday(): got %v, want %v", got, got.Weekday(), base.AddDate(0, 0, n).Weekday())
			}
		}
	}
	tests := []struct {
		name string
		got  Date
		want Date
	}{
		{"over a month end", Date{2019, 1, 31}.AddDays(1), Date{2019, 2, 1}},
		{"over a leap day", Date{2020, 2, 28}.AddDays(1), Date{2020, 2, 29}},
		{"over a common year's february", Date{2019, 2, 28}.AddDays(1), Date{2019, 3, 1}},
		{"back over a year end", Date{2020, 1, 1}.AddDays(-1), Date{2019, 12, 31}},
		{"zero", Date{2019, 11, 15}.AddDays(0), Date{2019, 11, 15}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b          Date
		cmp           int
		before, after bool
	}{
		{Date{2019, 11, 15}, Date{2019, 11, 15}, 0, false, false},
		{Date{2019, 11, 14}, Date{2019, 11, 15}, -1, true, false},
		{Date{2019, 12, 1}, Date{2019, 11, 30}, 1, false, true},
		{Date{2018, 12, 31}, Date{2019, 1, 1}, -1, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.a.String()+" "+tt.b.String(), func(t *testing.T) {
			if got := tt.a.Compare(tt.b); got != tt.cmp {
				t.Errorf("Compare: got %d, want %d", got, tt.cmp)
			}
			if got := tt.a.Before(tt.b); got != tt.before {
				t.Errorf("Before: got %v, want %v", got, tt.before)
			}
			if got := tt.a.After(tt.b); got != tt.after {
				t.Errorf("After: got %v, want %v", got, tt.after)
			}
		})
	}
}

func TestDateStringAndAt(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"String", Date{2019, 11, 5}.String(), "05/11/2019"},
		{"String without year", Date{0, 4, 30}.String(), "30/04"},
		{"At", Date{2019, 11, 15}.At(8*3600+30, hcm).Format(time.RFC3339), "2019-11-15T08:00:30+07:00"},
		{"At end of day", Date{2019, 11, 15}.At(EndOfDay, hcm).Format(time.RFC3339), "2019-11-15T23:59:59+07:00"},
		{"DateOf reads t's location", DateOf(time.Date(2019, 11, 14, 20, 0, 0, 0, time.UTC).In(hcm)).String(), "15/11/2019"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %s, want %s", tt.got, tt.want)
			}
		})
	}
	if (Date{}).IsZero() != true || (Date{2019, 1, 1}).IsZero() != false {
		t.Errorf("IsZero: got %v and %v, want true and false", (Date{}).IsZero(), (Date{2019, 1, 1}).IsZero())
	}
}

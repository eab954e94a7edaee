package calendar

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones of TestQuietHoursEnd exist wherever the tests run

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/lang/langtest"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		str  string
		key  string
	}{
		{"08:00", 8 * 3600, "08:00", ""},
		{"8:00", 8 * 3600, "08:00", ""},
		{"08:00:30", 8*3600 + 30, "08:00:30", ""},
		{"00:00", 0, "00:00", ""},
		{"23:59:59", EndOfDay, "23:59:59", ""},
		{" 17:30 ", 17*3600 + 30*60, "17:30", ""},
		{"24:00", 0, "", "clock.range"},
		{"08:60", 0, "", "clock.range"},
		{"08:00:60", 0, "", "clock.range"},
		{"8h", 0, "", "clock.h"},
		{"8h30", 0, "", "clock.h"},
		{"8:0", 0, "", "clock.invalid"},
		{"008:00", 0, "", "clock.invalid"},
		{"-1:00", 0, "", "clock.invalid"},
		{"08", 0, "", "clock.invalid"},
		{"", 0, "", "clock.invalid"},
		{"08:00:00:00", 0, "", "clock.invalid"},
		{"٠٨:٠٠", 0, "", "clock.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			langtest.Check(t, err, tt.key, strings.TrimSpace(tt.in))
			if tt.key != "" {
				return
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String: got %q, want %q", got.String(), tt.str)
			}
		})
	}
	t.Run("8h30 suggests 08:30", func(t *testing.T) {
		_, err := ParseClock("8h30")
		langtest.Check(t, err, "clock.h", "08:30")
	})
}

func TestParseDateTime(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		in   string
		year int
		want string // the instant in RFC 3339, at 07:30 when no clock is written
		off  *int
		key  string
		name string // a value the error message must show
	}{
		{"15/11/2019", 0, "2019-11-15T07:30:00+07:00", nil, "", ""},
		{"5/1/2019", 0, "2019-01-05T07:30:00+07:00", nil, "", ""},
		{"15/11", 2019, "2019-11-15T07:30:00+07:00", nil, "", ""},
		{"15/11", 2020, "2020-11-15T07:30:00+07:00", nil, "", ""},
		{"2019-11-15", 0, "2019-11-15T07:30:00+07:00", nil, "", ""},
		{"15/11/2019 08:00", 0, "2019-11-15T08:00:00+07:00", nil, "", ""},
		{"15/11 08:00:30", 2019, "2019-11-15T08:00:30+07:00", nil, "", ""},
		{"2019-11-15 17:00", 0, "2019-11-15T17:00:00+07:00", nil, "", ""},
		{"2019-11-15T08:00", 0, "2019-11-15T08:00:00+07:00", nil, "", ""},
		{"2019-11-15T08:00:30", 0, "2019-11-15T08:00:30+07:00", nil, "", ""},
		{"2019-11-15T08:00Z", 0, "2019-11-15T08:00:00Z", offsetPtr(0), "", ""},
		{"2019-11-15T08:00+07:00", 0, "2019-11-15T08:00:00+07:00", offsetPtr(7 * 3600), "", ""},
		{"2019-11-15T08:00:30-05:00", 0, "2019-11-15T08:00:30-05:00", offsetPtr(-5 * 3600), "", ""},
		{"2019-11-15T08:00+0530", 0, "2019-11-15T08:00:00+05:30", offsetPtr(5*3600 + 1800), "", ""},
		{"29/02/2020", 0, "2020-02-29T07:30:00+07:00", nil, "", ""},
		{"29/02", 2020, "2020-02-29T07:30:00+07:00", nil, "", ""},
		{"29/02/2000", 0, "2000-02-29T07:30:00+07:00", nil, "", ""},
		{"2019-11-15T08:00-12:00", 0, "2019-11-15T08:00:00-12:00", offsetPtr(-12 * 3600), "", ""},
		{"2019-11-15T08:00+14:00", 0, "2019-11-15T08:00:00+14:00", offsetPtr(14 * 3600), "", ""},

		{"15/11", 0, "", nil, "date.needyear", "15/11"},
		{"31/02/2019", 0, "", nil, "date.day", "31/02/2019"},
		{"29/02/2019", 0, "", nil, "date.day", "29/02/2019"},
		{"29/02", 2019, "", nil, "date.day", "29/02"},
		{"31/04/2019 08:00", 0, "", nil, "date.day", "31/04/2019"},
		{"00/01", 2019, "", nil, "date.day", "00/01"},
		{"15/13/2019", 0, "", nil, "date.month", "15/13/2019"},
		{"2019-13-01", 0, "", nil, "date.month", "2019-13-01"},
		{"2019-02-30T08:00", 0, "", nil, "date.day", "2019-02-30"},
		{"15/11/19", 0, "", nil, "date.invalid", "15/11/19"},
		{"15.11.2019", 0, "", nil, "date.invalid", "15.11.2019"},
		{"", 2019, "", nil, "time.invalid", ""},
		{"15/11/2019 08:00 sáng", 0, "", nil, "time.invalid", "15/11/2019 08:00 sáng"},
		{"15/11/2019T08:00", 0, "", nil, "time.invalid", "15/11/2019T08:00"},
		{"2019-11-15T", 0, "", nil, "time.invalid", "2019-11-15T"},
		{"15/11/2019 24:00", 0, "", nil, "clock.range", "24:00"},
		{"15/11/2019 8h", 0, "", nil, "clock.h", "8h"},
		{"2019-11-15T08:00+25:00", 0, "", nil, "time.offset", "+25:00"},
		{"2019-11-15T08:00+7", 0, "", nil, "time.offset", "+7"},
		{"2019-11-15T08:00-12:30", 0, "", nil, "time.offset", "-12:30"},
		{"2019-11-15T08:00+14:30", 0, "", nil, "time.offset", "+14:30"},
		{"2019-11-15T08:00+07:60", 0, "", nil, "time.offset", "+07:60"},
		{"29/02/2100", 0, "", nil, "date.day", "29/02/2100"},
		{"29/02/1900", 0, "", nil, "date.day", "29/02/1900"},
		{"15/11/2019 08:00+07:00", 0, "", nil, "time.offset.iso", "15/11/2019 08:00+07:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dt, err := ParseDateTime(tt.in, tt.year)
			if tt.key != "" {
				langtest.Check(t, err, tt.key, tt.name)
				return
			}
			langtest.Check(t, err, "")
			if got := dt.Time(7*3600+30*60, hcm).Format(time.RFC3339); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if (dt.Offset == nil) != (tt.off == nil) || (dt.Offset != nil && *dt.Offset != *tt.off) {
				t.Errorf("Offset: got %v, want %v", offsetPtrString(dt.Offset), offsetPtrString(tt.off))
			}
		})
	}
}

func TestDateTimeTime(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	day := Date{2019, 12, 20}
	tests := []struct {
		name string
		dt   DateTime
		def  Clock
		want string
	}{
		{"no clock takes the default", DateTime{Date: day}, EndOfDay, "2019-12-20T23:59:59+07:00"},
		{"a clock wins over the default", DateTime{Date: day, Clock: 17 * 3600, HasClock: true}, EndOfDay, "2019-12-20T17:00:00+07:00"},
		{"midnight is a clock, not no clock", DateTime{Date: day, HasClock: true}, EndOfDay, "2019-12-20T00:00:00+07:00"},
		{"an offset wins over loc", DateTime{Date: day, Clock: 8 * 3600, HasClock: true, Offset: offsetPtr(0)}, 0, "2019-12-20T08:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.dt.Time(tt.def, hcm).Format(time.RFC3339); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDateTimeString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"15/11", "15/11/2019"},
		{"2019-11-15 08:00", "15/11/2019 08:00"},
		{"15/11/2019 08:00:30", "15/11/2019 08:00:30"},
		{"2019-11-15T08:00-05:00", "2019-11-15T08:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dt, err := ParseDateTime(tt.in, 2019)
			langtest.Check(t, err, "")
			if got := dt.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want Date
		key  string
	}{
		{"15/11/2019", 0, Date{2019, 11, 15}, ""},
		{"15/11", 2019, Date{2019, 11, 15}, ""},
		{"2019-11-15", 0, Date{2019, 11, 15}, ""},
		{"29/02/2020", 0, Date{2020, 2, 29}, ""},
		{"29/02/2019", 0, Date{}, "date.day"},
		{"31/02/2019", 0, Date{}, "date.day"},
		{"15/11", 0, Date{}, "date.needyear"},
		{"15/11/2019 08:00", 0, Date{}, "date.withtime"},
		{"2019-11-15T08:00", 0, Date{}, "date.withtime"},
		{"15 tháng 11", 2019, Date{}, "date.invalid"},
		{"hôm nay", 2019, Date{}, "date.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, tt.year)
			if tt.key != "" {
				langtest.Check(t, err, tt.key, tt.in)
				return
			}
			langtest.Check(t, err, "")
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in    string
		want  Duration
		str   string
		exact bool
		std   time.Duration
		key   string
	}{
		{"30m", Duration{30, Minutes}, "30m", true, 30 * time.Minute, ""},
		{"2h", Duration{2, Hours}, "2h", true, 2 * time.Hour, ""},
		{"7d", Duration{7, Days}, "7d", false, 7 * 24 * time.Hour, ""},
		{"2w", Duration{2, Weeks}, "2w", false, 14 * 24 * time.Hour, ""},
		{"3wd", Duration{3, WorkingDays}, "3wd", false, 0, ""},
		{"0d", Duration{0, Days}, "0d", false, 0, ""},
		{" 1d ", Duration{1, Days}, "1d", false, 24 * time.Hour, ""},
		{"36500d", Duration{36500, Days}, "36500d", false, 36500 * 24 * time.Hour, ""},
		{"-3d", Duration{}, "", false, 0, "dur.negative"},
		{"3", Duration{}, "", false, 0, "dur.nounit"},
		{"3y", Duration{}, "", false, 0, "dur.unit"},
		{"3D", Duration{}, "", false, 0, "dur.unit"},
		{"3 ngày", Duration{}, "", false, 0, "dur.unit"},
		{"1.5d", Duration{}, "", false, 0, "dur.fraction"},
		{"1,5d", Duration{}, "", false, 0, "dur.fraction"},
		{"d", Duration{}, "", false, 0, "dur.invalid"},
		{"", Duration{}, "", false, 0, "dur.invalid"},
		{"-", Duration{}, "", false, 0, "dur.invalid"},
		{"+3d", Duration{}, "", false, 0, "dur.invalid"},
		{"36501d", Duration{}, "", false, 0, "dur.large"},
		{"99999999999999999999m", Duration{}, "", false, 0, "dur.large"},
		{"5215w", Duration{}, "", false, 0, "dur.large"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if tt.key != "" {
				langtest.Check(t, err, tt.key, strings.TrimSpace(tt.in))
				return
			}
			langtest.Check(t, err, "")
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String: got %q, want %q", got.String(), tt.str)
			}
			if got.Exact() != tt.exact {
				t.Errorf("Exact: got %v, want %v", got.Exact(), tt.exact)
			}
			if got.Std() != tt.std {
				t.Errorf("Std: got %v, want %v", got.Std(), tt.std)
			}
			if got.IsZero() != (tt.want.N == 0) {
				t.Errorf("IsZero: got %v, want %v", got.IsZero(), tt.want.N == 0)
			}
		})
	}
	t.Run("errors list the units", func(t *testing.T) {
		for _, in := range []string{"3y", "3", "d"} {
			_, err := ParseDuration(in)
			langtest.Check(t, err, err.(lang.Message).Key, "m (", "h (", "d (", "w (", "wd (")
		}
	})
	t.Run("negative suggests the positive", func(t *testing.T) {
		_, err := ParseDuration("-2w")
		langtest.Check(t, err, "dur.negative", `"-2w"`, "2w")
	})
}

func offsetPtr(n int) *int { return &n }

func offsetPtrString(p *int) string {
	if p == nil {
		return "nil"
	}
	return offsetString(*p)
}

func TestParseQuietHours(t *testing.T) {
	tests := []struct {
		in   string
		want QuietHours
		key  string
		name string
	}{
		{"21:00-07:00", QuietHours{21 * 3600, 7 * 3600}, "", ""},
		{"12:00 - 13:30", QuietHours{12 * 3600, 13*3600 + 1800}, "", ""},
		{"21:00–07:00", QuietHours{21 * 3600, 7 * 3600}, "", ""},
		{"", QuietHours{}, "", ""},
		{"21:00-21:00", QuietHours{}, "quiet.empty", "21:00-21:00"},
		{"21:00", QuietHours{}, "quiet.invalid", "21:00"},
		{"21h-7h", QuietHours{}, "clock.h", "21h"},
		{"21:00-24:00", QuietHours{}, "clock.range", "24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuietHours(tt.in)
			langtest.Check(t, err, tt.key, tt.name)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if tt.key == "" && got.IsZero() != (tt.in == "") {
				t.Errorf("IsZero: got %v, want %v", got.IsZero(), tt.in == "")
			}
		})
	}
}

func TestQuietHoursEnd(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	night := QuietHours{21 * 3600, 7 * 3600}
	noon := QuietHours{12 * 3600, 13*3600 + 1800}
	at := func(loc *time.Location, y, m, day, h, min int) time.Time {
		return time.Date(y, time.Month(m), day, h, min, 0, 0, loc)
	}
	tests := []struct {
		name   string
		q      QuietHours
		t      time.Time
		want   time.Time
		inside bool
	}{
		{"20:59 is before", night, at(hcm, 2019, 11, 15, 20, 59), at(hcm, 2019, 11, 15, 20, 59), false},
		{"21:00 waits for next morning", night, at(hcm, 2019, 11, 15, 21, 0), at(hcm, 2019, 11, 16, 7, 0), true},
		{"23:59 on the last day of the year", night, at(hcm, 2019, 12, 31, 23, 59), at(hcm, 2020, 1, 1, 7, 0), true},
		{"06:59 waits for the same morning", night, at(hcm, 2019, 11, 16, 6, 59), at(hcm, 2019, 11, 16, 7, 0), true},
		{"00:00 waits for the same morning", night, at(hcm, 2019, 11, 16, 0, 0), at(hcm, 2019, 11, 16, 7, 0), true},
		{"07:00 is after", night, at(hcm, 2019, 11, 16, 7, 0), at(hcm, 2019, 11, 16, 7, 0), false},
		{"noon window, 11:59", noon, at(hcm, 2019, 11, 16, 11, 59), at(hcm, 2019, 11, 16, 11, 59), false},
		{"noon window, 12:00", noon, at(hcm, 2019, 11, 16, 12, 0), at(hcm, 2019, 11, 16, 13, 30), true},
		{"noon window, 13:30", noon, at(hcm, 2019, 11, 16, 13, 30), at(hcm, 2019, 11, 16, 13, 30), false},
		{"read in t's own zone", night, at(time.UTC, 2019, 11, 15, 14, 0), at(time.UTC, 2019, 11, 15, 14, 0), false},
		{"no window", QuietHours{}, at(hcm, 2019, 11, 16, 2, 0), at(hcm, 2019, 11, 16, 2, 0), false},
		// The night of 2 to 3 November 2019 in New York lasts 11 hours.
		{"over a daylight-saving change", night, at(ny, 2019, 11, 2, 21, 0), at(ny, 2019, 11, 3, 7, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, inside := tt.q.End(tt.t)
			if inside != tt.inside {
				t.Errorf("inside: got %v, want %v", inside, tt.inside)
			}
			if !got.Equal(tt.want) || got.Location() != tt.want.Location() {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("daylight-saving night is 11 hours", func(t *testing.T) {
		start := at(ny, 2019, 11, 2, 21, 0)
		end, _ := night.End(start)
		if got := end.Sub(start); got != 11*time.Hour {
			t.Errorf("got %v, want 11h", got)
		}
	})
}

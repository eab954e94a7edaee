package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestYearFiles loads every yearly file shipped with nhacviec, and checks
// that each one's days are those of the government's decision: the
// weekdays off, as the Labour Code's rules compute them, plus its swapped
// days, each paid for by a weekend day worked.
func TestYearFiles(t *testing.T) {
	files, err := yearFiles()
	if err != nil {
		t.Fatal(err)
	}
	for y := 2019; y <= 2025; y++ {
		if files[y] == nil {
			t.Errorf("no yearly file for %d, want one", y)
		}
	}
	for y, days := range files {
		var off, swapped, worked []Date
		for _, d := range days {
			switch {
			case d.Kind == DaySwapped:
				swapped = append(swapped, d.Date)
			case d.Kind == DayWorked:
				worked = append(worked, d.Other)
				if wd := d.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
					t.Errorf("%d: %s is worked but a %s", y, d.Date, wd)
				}
			case d.Date.Weekday() != time.Saturday && d.Date.Weekday() != time.Sunday:
				off = append(off, d.Date)
			}
			if d.Source != FromYear || d.Note == "" {
				t.Errorf("%d: %s has source %q and note %q, want the yearly file's", y, d.Date, d.Source, d.Note)
			}
		}
		if !slices.Equal(swapped, worked) {
			t.Errorf("%d: swapped days %v, paid for by days worked for %v, want the same", y, swapped, worked)
		}
		var rule []Date
		for _, d := range ruleDays(y, defaultWorkdays) {
			if wd := d.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
				rule = append(rule, d.Date)
			}
		}
		if !slices.Equal(off, rule) {
			t.Errorf("%d: weekdays off %v, want those of the rules %v", y, off, rule)
		}
	}
}

func TestParseYearFile(t *testing.T) {
	const head = "year: 2019\nsource: \"Bộ luật Lao động 2012, điều 115\"\n"
	tests := []struct {
		name, file, data, err string
	}{
		{"valid", "2019.yaml", head + "off:\n  - {date: \"29/04/2019\", holiday: reunification, work_on: \"04/05/2019\"}\n", ""},
		{"year not the name", "2020.yaml", head, "does not match"},
		{"out of range", "2013.yaml", "year: 2013\nsource: x\n", "outside"},
		{"no source", "2019.yaml", "year: 2019\n", "no source"},
		{"unknown key", "2019.yaml", head + "days: []\n", "field days not found"},
		{"unknown holiday", "2019.yaml", head + "off:\n  - {date: \"08/03/2019\", holiday: women}\n", "unknown holiday"},
		{"annual date", "2019.yaml", head + "off:\n  - {date: \"30/04\", holiday: reunification}\n", "with their year"},
		{"bad date", "2019.yaml", head + "off:\n  - {date: \"31/04/2019\", holiday: reunification}\n", "with their year"},
		{"in lieu and swapped", "2019.yaml", head + "off:\n  - {date: \"15/04/2019\", holiday: hung-kings, in_lieu_of: \"14/04/2019\", work_on: \"04/05/2019\"}\n", "not both"},
		{"worked on a weekday", "2019.yaml", head + "off:\n  - {date: \"29/04/2019\", holiday: reunification, work_on: \"03/05/2019\"}\n", "not a weekend day"},
		{"swapped range", "2019.yaml", head + "off:\n  - {date: \"29/04/2019..30/04/2019\", holiday: reunification, work_on: \"04/05/2019\"}\n", "one day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, days, err := parseYearFile(tt.file, []byte(tt.data))
			if tt.err == "" {
				want := []Day{
					{Date: ymd(2019, 4, 29), Kind: DaySwapped, Occasion: Reunification, Other: ymd(2019, 5, 4), Source: FromYear, Note: "Bộ luật Lao động 2012, điều 115"},
					{Date: ymd(2019, 5, 4), Kind: DayWorked, Occasion: Reunification, Other: ymd(2019, 4, 29), Source: FromYear, Note: "Bộ luật Lao động 2012, điều 115"},
				}
				if err != nil || !slices.Equal(days, want) {
					t.Errorf("got %+v, %v, want %+v", days, err, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("got error %v, want one with %q", err, tt.err)
			}
		})
	}
}

// TestOfficialCalendar asks the official calendar about days of years
// with a yearly file (2019, 2024, 2025) and without one (2026–2030, whose
// days come from the rules).
func TestOfficialCalendar(t *testing.T) {
	c := NewOfficialCalendar(nil, nil, nil)
	tests := []struct {
		name    string
		day     Date
		working bool
	}{
		{"Monday 31/12/2018, swapped for Tết Dương lịch 2019", ymd(2018, 12, 31), false},
		{"Tết Dương lịch 2019", ymd(2019, 1, 1), false},
		{"Saturday 05/01/2019, worked for 31/12/2018", ymd(2019, 1, 5), true},
		{"Friday 01/02/2019, before Tết", ymd(2019, 2, 1), true},
		{"30 tháng Chạp Mậu Tuất", ymd(2019, 2, 4), false},
		{"mùng 4 Tết Kỷ Hợi", ymd(2019, 2, 8), false},
		{"Monday 11/02/2019, after Tết", ymd(2019, 2, 11), true},
		{"in lieu of Giỗ Tổ on Sunday 14/04/2019", ymd(2019, 4, 15), false},
		{"Monday 29/04/2019, swapped", ymd(2019, 4, 29), false},
		{"Saturday 04/05/2019, worked for 29/04", ymd(2019, 5, 4), true},
		{"Quốc khánh 2019, one day", ymd(2019, 9, 2), false},
		{"03/09/2019, before the second day of Quốc khánh", ymd(2019, 9, 3), true},
		{"Tuesday 03/09/2024, the second day of Quốc khánh", ymd(2024, 9, 3), false},
		{"Saturday 26/04/2025, worked for 02/05", ymd(2025, 4, 26), true},
		{"Friday 02/05/2025, swapped", ymd(2025, 5, 2), false},
		{"Monday 16/02/2026, 29 tháng Chạp", ymd(2026, 2, 16), false},
		{"Friday 20/02/2026, in lieu of Sunday 15/02", ymd(2026, 2, 20), false},
		{"Monday 23/02/2026, back at work", ymd(2026, 2, 23), true},
		{"Monday 27/04/2026, in lieu of Giỗ Tổ on Sunday 26/04", ymd(2026, 4, 27), false},
		{"Tuesday 01/09/2026, beside Quốc khánh on a Wednesday", ymd(2026, 9, 1), false},
		{"Monday 03/01/2028, in lieu of Tết Dương lịch on Saturday", ymd(2028, 1, 3), false},
		{"Thursday 31/01/2030, two days before Tết on Saturday", ymd(2030, 1, 31), false},
		{"Wednesday 06/02/2030, in lieu of mùng 2 on Sunday", ymd(2030, 2, 6), false},
		{"Thursday 07/02/2030, back at work", ymd(2030, 2, 7), true},
		{"30/04/2013, before the official calendar", ymd(2013, 4, 30), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsWorkingDay(tt.day); got != tt.working {
				t.Errorf("IsWorkingDay(%s): got %v, want %v", tt.day, got, tt.working)
			}
		})
	}
}

// TestRuleDaysSixDayWeek: with Saturdays worked, a holiday on a Saturday
// is not made up; one on a Sunday is, on the next working day not off.
func TestRuleDaysSixDayWeek(t *testing.T) {
	six := weekOf([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday})
	tests := []struct {
		name string
		year int
		want []Date // the days in lieu
	}{
		// Tết from Sunday 15/02 is made up on Friday 20/02; Giỗ Tổ on
		// Sunday 26/04 on Monday 27/04.
		{"2026", 2026, []Date{ymd(2026, 2, 20), ymd(2026, 4, 27)}},
		// 1/1 is a Saturday, worked; Tết is Monday 24/01 to Friday 28/01;
		// 30/4 is a Sunday, made up after 1/5, on Tuesday 02/05.
		{"2028", 2028, []Date{ymd(2028, 5, 2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Date
			for _, d := range ruleDays(tt.year, six) {
				if d.Kind == DayInLieu {
					got = append(got, d.Date)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("days in lieu: got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOfficialDaysOutOfRange(t *testing.T) {
	for _, y := range []int{FirstOfficialYear - 1, LastOfficialYear + 1} {
		if got := OfficialDays(y, nil); got != nil {
			t.Errorf("OfficialDays(%d): got %v, want none", y, got)
		}
	}
}

// TestYearDays lists 2019 with the configuration's days beside the
// official calendar's, each with its source.
func TestYearDays(t *testing.T) {
	annual, _ := ParseHoliday("30/12..02/01", 0)
	dated, _ := ParseHoliday("20/11/2019", 0)
	days := YearDays(2019, nil, []Holiday{annual, dated}, []Date{ymd(2019, 11, 23)}, true)
	var got []string
	for _, d := range days {
		got = append(got, d.Date.String()+" "+string(d.Kind)+" "+string(d.Occasion)+" "+string(d.Source))
	}
	want := []string{
		"01/01/2019 off new-year year",
		"01/01/2019 off  config",
		"02/01/2019 off  config",
		"05/01/2019 worked new-year year",
		"04/02/2019 off tet year",
		"05/02/2019 off tet year",
		"06/02/2019 off tet year",
		"07/02/2019 off tet year",
		"08/02/2019 off tet year",
		"14/04/2019 off hung-kings year",
		"15/04/2019 in-lieu hung-kings year",
		"29/04/2019 swapped reunification year",
		"30/04/2019 off reunification year",
		"01/05/2019 off labour year",
		"04/05/2019 worked reunification year",
		"02/09/2019 off national year",
		"20/11/2019 off  config",
		"23/11/2019 worked  config",
		"30/12/2019 off  config",
		"31/12/2019 off  config",
	}
	if !slices.Equal(got, want) {
		t.Errorf("YearDays(2019):\ngot  %q\nwant %q", got, want)
	}
	// 31/12/2018 belongs to the 2019 decision, and to 2018's list.
	if d := YearDays(2018, nil, nil, nil, true); len(d) == 0 || d[len(d)-1].Date != ymd(2018, 12, 31) || d[len(d)-1].Kind != DaySwapped {
		t.Errorf("YearDays(2018): got %+v, want it to end with 31/12/2018 swapped", d)
	}
	if d := YearDays(2019, nil, nil, nil, false); len(d) != 0 {
		t.Errorf("YearDays(2019) without the official calendar: got %+v, want none", d)
	}
}

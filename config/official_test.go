package config_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// calendarUnits is the rest of a configuration whose service section each
// test writes.
const calendarUnits = `units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{email: ldtbxh@quangthanh.example.vn}]
plans:
  - id: bdg-2019
    title: Kế hoạch bình đẳng giới năm 2019
    year: 2019
    owner: ldtbxh
    tasks:
      - {id: thang, title: Tháng hành động, lead: [ldtbxh], on: 15/11}
`

// TestOfficialCalendar checks service.official_calendar: on by default,
// with service.holidays and service.working_weekends added to it; off, only
// the configuration's days.
func TestOfficialCalendar(t *testing.T) {
	day := func(y, m, d int) calendar.Date { return calendar.Date{Year: y, Month: time.Month(m), Day: d} }
	tests := []struct {
		name     string
		service  string
		official bool
		working  map[calendar.Date]bool
	}{
		{
			name:     "on by default",
			service:  "",
			official: true,
			working: map[calendar.Date]bool{
				day(2019, 4, 15):  false, // in lieu of Giỗ Tổ, Sunday 14/04
				day(2019, 4, 29):  false, // swapped for Saturday 04/05
				day(2019, 5, 4):   true,
				day(2027, 2, 8):   false, // Tết Đinh Mùi, from the rules
				day(2019, 11, 20): true,
			},
		},
		{
			name:     "holidays and working weekends add to it",
			service:  "service:\n  holidays: [\"20/11/2019\"]\n  working_weekends: [\"23/11/2019\"]\n",
			official: true,
			working: map[calendar.Date]bool{
				day(2019, 4, 15):  false,
				day(2019, 11, 20): false,
				day(2019, 11, 23): true,
			},
		},
		{
			name:     "off, only the configuration's days",
			service:  "service:\n  official_calendar: false\n  holidays: [\"20/11/2019\", \"30/04\"]\n",
			official: false,
			working: map[calendar.Date]bool{
				day(2019, 4, 15):  true,
				day(2019, 4, 29):  true,
				day(2019, 5, 4):   false,
				day(2027, 2, 8):   true,
				day(2019, 11, 20): false,
				day(2019, 4, 30):  false,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := config.Parse("t.yaml", []byte(tt.service+calendarUnits), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
			if diags.HasErrors() {
				t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
			}
			if cfg.Service.OfficialCalendar != tt.official {
				t.Errorf("OfficialCalendar: got %v, want %v", cfg.Service.OfficialCalendar, tt.official)
			}
			for d, want := range tt.working {
				if got := cfg.Service.Calendar.IsWorkingDay(d); got != want {
					t.Errorf("IsWorkingDay(%s): got %v, want %v", d, got, want)
				}
			}
		})
	}
}

// TestCalendarErrors checks the errors of the calendar's settings, each
// at its line and column.
func TestCalendarErrors(t *testing.T) {
	tests := []struct {
		name, service, want string
	}{
		{
			name:    "a working weekend on a Monday",
			service: "service:\n  working_weekends: [\"04/05/2019\", \"06/05/2019\"]\n",
			want:    `t.yaml:2:36: ngày làm bù "06/05/2019" là thứ Hai, không phải thứ Bảy hay Chủ nhật`,
		},
		{
			name:    "a working weekend on a Friday, in English",
			service: "service:\n  language: en\n  working_weekends:\n    - 2019-05-03\n",
			want:    `t.yaml:4:7: working weekend "2019-05-03" is a Friday, not a Saturday or a Sunday`,
		},
		{
			name:    "official_calendar not a boolean",
			service: "service:\n  official_calendar: có\n",
			want:    `t.yaml:2:22: official_calendar`,
		},
		{
			name:    "official_calendar misspelt",
			service: "service:\n  official_calender: false\n",
			want:    "official_calendar",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := config.Parse("t.yaml", []byte(tt.service+calendarUnits), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
			if !diags.HasErrors() {
				t.Fatalf("got no error, want %q", tt.want)
			}
			got := diags.Render(cfg.Service.Language)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant it to contain %q", got, tt.want)
			}
		})
	}
}

package main

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// parseTestConfig parses a configuration held in a string, failing the test on
// any error.
func parseTestConfig(t *testing.T, yaml string) *plan.Config {
	t.Helper()
	cfg, diags := config.Parse("cfg.yaml", []byte(yaml), os.ReadFile)
	if diags.HasErrors() {
		t.Fatalf("test configuration: %v", diags)
	}
	return cfg
}

const rangeUnits = `
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts:
      - email: ldtbxh@example.vn
`

const rangePlan2019 = `
  - id: bdg-2019
    title: Kế hoạch 2019
    year: 2019
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 04/03
`

const rangePlan2020 = `
  - id: bdg-2020
    title: Kế hoạch 2020
    year: 2020
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 04/03
`

func TestAgendaRange(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	one := parseTestConfig(t, rangeUnits+"plans:"+rangePlan2019)
	two := parseTestConfig(t, rangeUnits+"plans:"+rangePlan2019+rangePlan2020)
	inTokyo := parseTestConfig(t, "service:\n  timezone: Asia/Tokyo\n"+rangeUnits+"plans:"+rangePlan2019)
	now := time.Date(2026, time.May, 10, 9, 15, 0, 0, hcm)
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}

	tests := []struct {
		name       string
		cfg        *plan.Config
		from, to   string
		start, end time.Time
	}{
		{"defaults: now and 30 days", one, "", "",
			now, now.AddDate(0, 0, 30)},
		{"date-only --from starts at 00:00, --to defaults to 30 days", one, "01/03/2019", "",
			at(hcm, 2019, 3, 1, 0, 0), at(hcm, 2019, 3, 31, 0, 0)},
		{"date-only --to is the end of that day", one, "01/03/2019", "20/11/2019",
			at(hcm, 2019, 3, 1, 0, 0), at(hcm, 2019, 11, 21, 0, 0)},
		{"same day for --from and --to is that whole day", one, "20/11/2019", "20/11/2019",
			at(hcm, 2019, 11, 20, 0, 0), at(hcm, 2019, 11, 21, 0, 0)},
		{"--to with a time stops there", one, "20/11/2019", "20/11/2019 22:00",
			at(hcm, 2019, 11, 20, 0, 0), at(hcm, 2019, 11, 20, 22, 0)},
		{"--from with a time starts there", one, "20/11/2019 08:30", "21/11/2019",
			at(hcm, 2019, 11, 20, 8, 30), at(hcm, 2019, 11, 22, 0, 0)},
		{"dd/mm takes the plan's year, not now's", one, "15/11", "15/12",
			at(hcm, 2019, 11, 15, 0, 0), at(hcm, 2019, 12, 16, 0, 0)},
		{"dd/mm with plans of two years takes now's year", two, "15/11", "15/12",
			at(hcm, 2026, 11, 15, 0, 0), at(hcm, 2026, 12, 16, 0, 0)},
		{"ISO dates", one, "2019-11-15", "2019-12-15",
			at(hcm, 2019, 11, 15, 0, 0), at(hcm, 2019, 12, 16, 0, 0)},
		{"dates are read in the service's time zone", inTokyo, "15/11", "15/11",
			at(tokyo, 2019, 11, 15, 0, 0), at(tokyo, 2019, 11, 16, 0, 0)},
		{"a date-only --to with the default --from", one, "", "31/12/2026",
			now, at(hcm, 2027, 1, 1, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, err := agendaRange(tt.cfg, tt.from, tt.to, now)
			if err != nil {
				t.Fatalf("agendaRange(%q, %q): got error %v, want none", tt.from, tt.to, err)
			}
			if !start.Equal(tt.start) {
				t.Errorf("start: got %v, want %v", start, tt.start)
			}
			if !end.Equal(tt.end) {
				t.Errorf("end: got %v, want %v", end, tt.end)
			}
		})
	}
}

func TestAgendaRangeErrors(t *testing.T) {
	cfg := parseTestConfig(t, rangeUnits+"plans:"+rangePlan2019)
	now := time.Date(2019, time.June, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, from, to string
		want           string // key of the message
	}{
		{"--to before --from", "05/02", "01/02", "agenda.range"},
		{"--to at --from", "05/02 08:00", "05/02 08:00", "agenda.range"},
		{"--to before the default --from", "", "01/01/2019", "agenda.range"},
		{"a day that does not exist", "31/02", "", "date.day"},
		{"a --to that is not a date", "01/02", "mai", "date.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := agendaRange(cfg, tt.from, tt.to, now)
			if err == nil {
				t.Fatalf("agendaRange(%q, %q): got no error, want %s", tt.from, tt.to, tt.want)
			}
			var key string
			var m lang.Message
			var c cliError
			switch {
			case errors.As(err, &m):
				key = m.Key
			case errors.As(err, &c):
				key = string(c)
			}
			if key != tt.want {
				t.Errorf("agendaRange(%q, %q): got error %q (%v), want %s", tt.from, tt.to, key, err, tt.want)
			}
		})
	}
}

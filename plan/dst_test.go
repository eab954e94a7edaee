package plan_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones' history, wherever the test runs

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// dstConfig has one unit working every day and one plan in ZONE (line
// 13, column 15) for YEAR, with a task reminded on SPEC.
const dstConfig = `service:
  language: en
  timezone: Asia/Ho_Chi_Minh
  working_days: [mon, tue, wed, thu, fri, sat, sun]
  quiet_hours: ""
units:
  a:
    name: A
    contacts: [{email: a@example.org}]
plans:
  - id: p
    title: P
    timezone: ZONE
    year: YEAR
    owner: a
    tasks:
      - id: t
        title: T
        lead: [a]
        remind: [{every: "SPEC"}]
`

// TestCronAcrossZoneChanges expands cron reminders over days on which the
// zone changes its offset: a time the clocks skip fires once, at the next
// valid instant; a time they repeat fires once, the first time; the day
// after a repeated midnight is not skipped.
func TestCronAcrossZoneChanges(t *testing.T) {
	tests := []struct {
		name, zone, year, spec string
		from, to               string // local days, inclusive
		want                   []string
	}{{
		name: "Berlin, spring: 02:30 does not exist", zone: "Europe/Berlin", year: "2026", spec: "30 2 * * *",
		from: "2026-03-28", to: "2026-03-30",
		want: []string{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"},
	}, {
		name: "Berlin, spring: the skipped hour's firings meet once", zone: "Europe/Berlin", year: "2026", spec: "0,30 2,3 * * *",
		from: "2026-03-29", to: "2026-03-29",
		want: []string{"2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00"},
	}, {
		name: "Berlin, autumn: 02:30 happens twice", zone: "Europe/Berlin", year: "2026", spec: "30 2 * * *",
		from: "2026-10-24", to: "2026-10-26",
		want: []string{"2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"},
	}, {
		name: "Berlin, autumn: every 15 minutes of the repeated hour, once", zone: "Europe/Berlin", year: "2026", spec: "*/15 2 * * *",
		from: "2026-10-25", to: "2026-10-25",
		want: []string{"2026-10-25T02:00:00+02:00", "2026-10-25T02:15:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:45:00+02:00"},
	}, {
		name: "Pyongyang 2015: 23:45 on 14/08 happens twice", zone: "Asia/Pyongyang", year: "2015", spec: "45 23 * * *",
		from: "2015-08-13", to: "2015-08-15",
		want: []string{"2015-08-13T23:45:00+09:00", "2015-08-14T23:45:00+09:00", "2015-08-15T23:45:00+08:30"},
	}, {
		name: "Pyongyang 2015: midnight of 15/08 is not skipped", zone: "Asia/Pyongyang", year: "2015", spec: "15 0 * * *",
		from: "2015-08-14", to: "2015-08-16",
		want: []string{"2015-08-14T00:15:00+09:00", "2015-08-15T00:15:00+08:30", "2015-08-16T00:15:00+08:30"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.NewReplacer("ZONE", tt.zone, "YEAR", tt.year, "SPEC", tt.spec).Replace(dstConfig)
			cfg, diags := config.Parse("dst.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
			if diags.HasErrors() {
				t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
			}
			loc := cfg.Plans[0].Location
			from, _ := time.ParseInLocation(time.DateOnly, tt.from, loc)
			to, _ := time.ParseInLocation(time.DateOnly, tt.to, loc)
			it := cfg.Expand(from, to.AddDate(0, 0, 1))
			var got []string
			for n, ok := it.Next(); ok; n, ok = it.Next() {
				got = append(got, n.At.In(loc).Format(time.RFC3339))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestZoneChangeWarning checks that check warns of each change of the
// plan's offset inside its period, and of none outside it.
func TestZoneChangeWarning(t *testing.T) {
	tests := []struct {
		zone, year string
		want       []string
	}{
		{"Europe/Berlin", "2026", []string{
			`dst.yaml:13:15: warning: time zone Europe/Berlin changes on 29/03/2026 at 02:00 (from +01:00 to +02:00), inside plan "p"`,
			`dst.yaml:13:15: warning: time zone Europe/Berlin changes on 25/10/2026 at 03:00 (from +02:00 to +01:00), inside plan "p"`,
		}},
		{"Asia/Pyongyang", "2015", []string{
			`dst.yaml:13:15: warning: time zone Asia/Pyongyang changes on 15/08/2015 at 00:00 (from +09:00 to +08:30), inside plan "p"`,
		}},
		{"Asia/Pyongyang", "2016", nil},
		{"Asia/Ho_Chi_Minh", "2019", nil},
	}
	for _, tt := range tests {
		src := strings.NewReplacer("ZONE", tt.zone, "YEAR", tt.year, "SPEC", "0 8 * * MON").Replace(dstConfig)
		_, diags := config.Parse("dst.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
		var got []string
		for _, d := range diags {
			got = append(got, d.Text(lang.English))
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s %s: got %d diagnostics, want %d:\n%s", tt.zone, tt.year, len(got), len(tt.want), strings.Join(got, "\n"))
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("%s %s: got %q, want it to start with %q", tt.zone, tt.year, got[i], w)
			}
		}
	}
}

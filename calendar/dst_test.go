package calendar

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones' history, wherever the test runs
)

// TestAtZoneChanges places local times of days on which the zone changes
// its offset: a time the clocks jump over is the change itself, the next
// valid instant; a time they go back over is the first of the two.
func TestAtZoneChanges(t *testing.T) {
	tests := []struct {
		zone string
		day  Date
		at   Clock
		want string
	}{
		{"Europe/Berlin", Date{2026, time.March, 29}, 2*3600 + 30*60, "2026-03-29T03:00:00+02:00"},
		{"Europe/Berlin", Date{2026, time.March, 29}, 2 * 3600, "2026-03-29T03:00:00+02:00"},
		{"Europe/Berlin", Date{2026, time.March, 29}, 3 * 3600, "2026-03-29T03:00:00+02:00"},
		{"Europe/Berlin", Date{2026, time.March, 29}, 1*3600 + 59*60 + 59, "2026-03-29T01:59:59+01:00"},
		{"Europe/Berlin", Date{2026, time.October, 25}, 2*3600 + 30*60, "2026-10-25T02:30:00+02:00"},
		{"Europe/Berlin", Date{2026, time.October, 25}, 2 * 3600, "2026-10-25T02:00:00+02:00"},
		{"Europe/Berlin", Date{2026, time.October, 25}, 3 * 3600, "2026-10-25T03:00:00+01:00"},
		{"Europe/Berlin", Date{2026, time.October, 25}, 1*3600 + 59*60, "2026-10-25T01:59:00+02:00"},
		{"Asia/Pyongyang", Date{2015, time.August, 14}, 23*3600 + 45*60, "2015-08-14T23:45:00+09:00"},
		{"Asia/Pyongyang", Date{2015, time.August, 14}, 23*3600 + 29*60, "2015-08-14T23:29:00+09:00"},
		{"Asia/Pyongyang", Date{2015, time.August, 15}, 0, "2015-08-15T00:00:00+08:30"},
		{"Asia/Pyongyang", Date{2015, time.August, 14}, EndOfDay, "2015-08-14T23:59:59+09:00"},
		{"Asia/Ho_Chi_Minh", Date{2019, time.November, 15}, 7*3600 + 30*60, "2019-11-15T07:30:00+07:00"},
		{"UTC", Date{2019, time.November, 15}, 0, "2019-11-15T00:00:00Z"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		got := tt.day.At(tt.at, loc)
		if got.Format(time.RFC3339) != tt.want {
			t.Errorf("%v at %v in %s: got %s, want %s", tt.day, tt.at, tt.zone, got.Format(time.RFC3339), tt.want)
		}
		if got.Location() != loc {
			t.Errorf("%v at %v in %s: got location %v, want %v", tt.day, tt.at, tt.zone, got.Location(), loc)
		}
	}
}
